#!/usr/bin/env bash
# Memory: peak resident set of `ladder-cli evaluate` over every firm (GNU time -v), target < 1 GB.
# Firms are streamed a chunk at a time, so the peak should not grow with the registry.
# Usage: bench/bench_memory.sh --firms N --runs R --db FILE [--year Y]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_parse_args "$@"

echo "memory — $bench_firms firms, evaluate --year $bench_year"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
/usr/bin/time -v -o "$report" "$LADDER_CLI" --db "$bench_db" evaluate --year "$bench_year" \
  --format csv >/dev/null </dev/null
kb="$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$report")"
mb="$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')"
echo "  evaluate peak RSS: $mb MB"
bench_limit "evaluate peak RSS" "$mb" 1024 MB
bench_record "evaluate peak RSS" "rss_mb" "$mb" "$mb" "$mb"
