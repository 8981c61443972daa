#!/usr/bin/env bash
# Tally: new additions by city for one year (the CSV contract) against the same counts as one
# SQL aggregate in the sqlite3 shell (bench/tally_anchor.sql). Target ≤ 1.5× and < 200 ms.
# The two results are compared first: a fast wrong tally is a failure. Ladder is timed twice:
# the first tally after a change of the registry (counted) and a repeated one (kept counts).
# Usage: bench/bench_tally.sh --firms N --runs R --db FILE [--year Y]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
bench_parse_args "$@"

anchor_sql="$(sed -e '/^--/d' -e "s/:start/$((bench_year - 1))-12-31/g" -e "s/:end/$bench_year-12-31/g" \
  -e "s/:year/$bench_year/g" "$here/tally_anchor.sql")"
tally=("$LADDER_CLI" --db "$bench_db" tally --year "$bench_year" --by city --format csv)

echo "tally — $bench_firms firms, year $bench_year, by city"
# The first run also seeds the year's quotas (a write, once per registry): not timed.
ours="$(mktemp)"
theirs="$(mktemp)"
trap 'rm -f "$ours" "$theirs"' EXIT
"${tally[@]}" | awk -F, 'NR > 1 && ($4 + $5 + $6 + $7) > 0 { print $1 "," $2 "," $4 "," $5 "," $6 "," $7 }' |
  sort >"$ours"
sqlite3 -readonly -csv "$bench_db" "$anchor_sql" |
  awk -F, '($3 + $4 + $5 + $6) > 0' | sort >"$theirs"
if ! cmp -s "$ours" "$theirs"; then
  echo "  tally: ladder-cli and the SQL aggregate disagree:" >&2
  diff "$ours" "$theirs" | head -n 20 >&2
  exit 1
fi
echo "  ladder-cli and the SQL aggregate agree on $(wc -l <"$ours") non-zero rows"

# Ladder keeps the counts until firms or recognitions change (tally_cache): the runs above
# read them. The first tally after a change counts again: raising the registry generation by
# hand (what the triggers do on any such write) before each run measures that case.
bench_prepare="sqlite3 $(printf '%q' "$bench_db") 'UPDATE registry_generation SET n = n + 1'"
bench_measure "tally ladder-cli, changed" "${tally[@]}"
bench_prepare=""
cold_cpu="$bench_cpu"
cold_wall="$bench_wall"
bench_measure "tally ladder-cli" "${tally[@]}"
mine_cpu="$bench_cpu"
mine_wall="$bench_wall"
bench_measure "tally sqlite3 anchor" sqlite3 -readonly "$bench_db" "$anchor_sql"
bench_ratio "tally (cpu)" "${mine_cpu%% *}" "${bench_cpu%% *}" 1.5
bench_ratio "tally (wall)" "${mine_wall%% *}" "${bench_wall%% *}" 1.5
bench_limit "tally wall" "$(awk -v s="${mine_wall%% *}" 'BEGIN { print s * 1000 }')" 200 ms
bench_limit "tally cpu" "$(awk -v s="${mine_cpu%% *}" 'BEGIN { print s * 1000 }')" 200 ms
bench_ratio "tally after a change (cpu)" "${cold_cpu%% *}" "${bench_cpu%% *}" 1.5
bench_limit "tally after a change wall" \
  "$(awk -v s="${cold_wall%% *}" 'BEGIN { print s * 1000 }')" 200 ms
