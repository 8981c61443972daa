#!/usr/bin/env bash
# PostgreSQL: Ladder against psql doing the same work on the same server, side by side.
#   import    `ladder-cli import figures` of the demo figures CSV into a registry that holds its
#             firms (each run a fresh database copied from a template, untimed) against `psql
#             \copy` of the same file into a plain table with the same columns (no keys, no
#             checks). Target ≤ 2.0×.
#   evaluate  `ladder-cli evaluate --year Y --format csv` of the demo registry against psql
#             copying out the figure columns the rules read (bench_evaluate.sh's anchor), both
#             to /dev/null. Target ≤ 2.0×.
#   tally     `ladder-cli tally --year Y --by city --format csv`, first after a change and
#             repeated, against the same counts as one SQL aggregate
#             (bench/tally_anchor_pg.sql); the two results are compared first. Target ≤ 1.5×.
# The server works in processes of its own, which GNU time does not count: the ratios are of
# wall times (measure on an otherwise idle machine); the client CPU is printed too.
#
# Usage: bench/bench_postgresql.sh --firms N --runs R --db FILE --csv-dir DIR [--year Y]
#   (--db is the SQLite registry of scripts/bench.sh, unused here; the PostgreSQL registry is
#   made with `ladder-cli demo --firms N` in a database of its own.)
# LADDER_BENCH_PG: a libpq connection string of a superuser; default: a throwaway cluster
# started with scripts/pg-test-server.sh (fsync off, as the test suite runs it) and stopped at
# the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
bench_parse_args "$@"
[ -f "$bench_csv_dir/figures.csv" ] || { echo "bench_postgresql.sh: --csv-dir DIR with firms.csv and figures.csv is required" >&2; exit 2; }
command -v psql >/dev/null || { echo "bench_postgresql.sh: psql not found (apt-get install postgresql-client)" >&2; exit 2; }

cluster=""
if [ -z "${LADDER_BENCH_PG:-}" ]; then
  cluster="$(mktemp -d)"
  LADDER_BENCH_PG="$("$here/../scripts/pg-test-server.sh" start "$cluster")"
fi
cleanup() {
  if [ -n "$cluster" ]; then
    "$here/../scripts/pg-test-server.sh" stop "$cluster" >/dev/null 2>&1 || true
    rm -rf "$cluster"
  fi
}
trap cleanup EXIT
# Quiet: "does not exist, skipping" notices of the clean-ups are not news.
export PGOPTIONS="-c client_min_messages=warning"
admin=(psql "$LADDER_BENCH_PG" -v ON_ERROR_STOP=1 -qAt)
# The connection string of database $1 on that server.
conn() { echo "$(echo "$LADDER_BENCH_PG" | sed 's/dbname=[^ ]*//') dbname=$1"; }
fresh_db() { "${admin[@]}" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 ${2:+TEMPLATE $2}" >/dev/null; }
cli() { "$LADDER_CLI" --lang en --db-url "postgresql://$(conn "$1")" "${@:2}"; }
export -f conn cli
export LADDER_BENCH_PG LADDER_CLI

figures="$bench_csv_dir/figures.csv"
rows=$(($(wc -l <"$figures") - 1))
echo "postgresql — $bench_firms firms ($rows figures rows), year $bench_year; server $("${admin[@]}" -c 'SHOW server_version')"

# --- import -------------------------------------------------------------------------------
echo "import: making the registry with its firms (untimed) ..." >&2
fresh_db ladder_bench_firms
cli ladder_bench_firms import firms "$bench_csv_dir/firms.csv" >/dev/null
header="$(head -n 1 "$figures" | tr -d '\r\xef\xbb\xbf')"
plain_columns="$(echo "$header" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s%s text", (i > 1 ? ", " : ""), $i }')"
fresh_db ladder_bench_anchor
echo "import — $rows figures rows"
bench_prepare="fresh_db ladder_bench_run ladder_bench_firms"
export -f fresh_db
bench_measure "import ladder-cli" bash -c 'cli ladder_bench_run import figures "$0"' "$figures"
ours_wall="$bench_wall"
bench_prepare="psql '$(conn ladder_bench_anchor)' -qc 'DROP TABLE IF EXISTS plain' -c 'CREATE TABLE plain ($plain_columns)'"
bench_measure "import psql \\copy" psql "$(conn ladder_bench_anchor)" -v ON_ERROR_STOP=1 -qc "\\copy plain FROM '$figures' WITH (FORMAT csv, HEADER true)"
bench_prepare=""
copied="$(psql "$(conn ladder_bench_anchor)" -qAtc 'SELECT COUNT(*) FROM plain')"
[ "$copied" = "$rows" ] || { echo "  psql copied $copied rows, expected $rows" >&2; exit 1; }
stored="$(psql "$(conn ladder_bench_run)" -qAtc 'SELECT COUNT(*) FROM figures')"
[ "$stored" = "$rows" ] || { echo "  ladder-cli stored $stored rows, expected $rows" >&2; exit 1; }
bench_ratio "postgresql import (wall)" "${ours_wall%% *}" "${bench_wall%% *}" 2.0

# --- evaluate -------------------------------------------------------------------------------
echo "evaluate/tally: making the $bench_firms-firm demo registry (untimed) ..." >&2
fresh_db ladder_bench_demo
cli ladder_bench_demo demo --firms "$bench_firms" --seed 2020 >/dev/null
demo="$(conn ladder_bench_demo)"
columns="revenue, main_revenue, hightech_revenue, lead_product_revenue, total_profit, net_profit,
  total_assets, total_liabilities, rd_expense, rd_domestic, equity_financing, valuation, employees,
  tech_staff, ip_class1, ip_class2, innovation_score, zjtx_score, rank_province, rank_global,
  quality_cert, own_brand, rd_institution, major_incident"
echo "evaluate — assessment year $bench_year"
bench_measure "evaluate ladder-cli" bash -c 'cli ladder_bench_demo evaluate --year "$0" --format csv' "$bench_year"
ours_wall="$bench_wall"
bench_measure "evaluate psql anchor" psql "$demo" -qc "COPY (SELECT credit_code, year, $columns FROM figures WHERE year BETWEEN $((bench_year - 4)) AND $((bench_year - 1)) ORDER BY credit_code, year) TO STDOUT"
bench_ratio "postgresql evaluate (wall)" "${ours_wall%% *}" "${bench_wall%% *}" 2.0

# --- tally ----------------------------------------------------------------------------------
anchor_sql="$(sed -e '/^--/d' -e "s/:start/$((bench_year - 1))-12-31/g" -e "s/:end/$bench_year-12-31/g" \
  -e "s/:year/$bench_year/g" "$here/tally_anchor_pg.sql")"
echo "tally — year $bench_year, by city"
ours="$(mktemp)"
theirs="$(mktemp)"
trap 'rm -f "$ours" "$theirs"; cleanup' EXIT
cli ladder_bench_demo tally --year "$bench_year" --by city --format csv |
  awk -F, 'NR > 1 && ($4 + $5 + $6 + $7) > 0 { print $1 "," $2 "," $4 "," $5 "," $6 "," $7 }' | sort >"$ours"
psql "$demo" -qAt -F, -c "$anchor_sql" | awk -F, '($3 + $4 + $5 + $6) > 0' | sort >"$theirs"
if ! cmp -s "$ours" "$theirs"; then
  echo "  tally: ladder-cli and the SQL aggregate disagree:" >&2
  diff "$ours" "$theirs" | head -n 20 >&2
  exit 1
fi
echo "  ladder-cli and the SQL aggregate agree on $(wc -l <"$ours") non-zero rows"
# A change of the registry (what the statement triggers record on any write) before each run.
bench_prepare="psql '$demo' -qc 'INSERT INTO registry_changes DEFAULT VALUES'"
bench_measure "tally ladder-cli, changed" bash -c 'cli ladder_bench_demo tally --year "$0" --by city --format csv' "$bench_year"
cold_wall="$bench_wall"
bench_prepare=""
bench_measure "tally ladder-cli" bash -c 'cli ladder_bench_demo tally --year "$0" --by city --format csv' "$bench_year"
ours_wall="$bench_wall"
bench_measure "tally psql anchor" psql "$demo" -qAtc "$anchor_sql"
bench_ratio "postgresql tally (wall)" "${ours_wall%% *}" "${bench_wall%% *}" 1.5
bench_ratio "postgresql tally after a change (wall)" "${cold_wall%% *}" "${bench_wall%% *}" 1.5
