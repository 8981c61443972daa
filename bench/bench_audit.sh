#!/usr/bin/env bash
# Audit verify: the whole hash chain checked against its head and every audited row proved by
# the trail (`ladder-cli audit verify`). No anchor does the same work; the figure that matters
# is the cost per row proved (an import's new rows are one entry per 50,000, so entries no
# longer count the work), which must stay flat from size to size (the check is linear: one
# pass over the trail, one over each audited table, both in key order).
# Usage: bench/bench_audit.sh --firms N --runs R --db FILE
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
bench_parse_args "$@"

entries="$(sqlite3 -readonly "$bench_db" 'SELECT COUNT(*) FROM audit_log')"
echo "audit verify — $bench_firms firms, $entries audit entries"
bench_stdout="$(mktemp)"
trap 'rm -f "$bench_stdout"' EXIT
bench_measure "audit verify" "$LADDER_CLI" --db "$bench_db" audit verify
grep -q "audit trail intact" "$bench_stdout" || { echo "  audit verify did not pass" >&2; exit 1; }
rows="$(sed -n 's/.*registry proved by the trail: \([0-9]*\) rows.*/\1/p' "$bench_stdout" | head -n 1)"
read -r -a c <<<"$bench_cpu"
per_row="$(awk -v s="${c[0]}" -v n="${rows:-0}" 'BEGIN { printf "%.2f", (n > 0) ? s * 1e6 / n : 0 }')"
echo "  ${rows:-0} rows proved: ${per_row} µs CPU per row"
bench_record "audit verify" "us_per_row" "$per_row" "" ""
