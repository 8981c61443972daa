#!/usr/bin/env bash
# Import benchmark: `ladder-cli import figures` of the demo figures CSV into a fresh registry
# (its firms imported first, untimed) against the sqlite3 shell's `.import --csv` of the same
# file into a plain table (created from the header: same columns, no keys, no checks).
#
# Usage: bench/bench_import.sh [--firms N] [--runs R] [--csv-dir DIR] [--work-dir DIR]
#   --firms N     firms in the generated registry (default 1000000; about 4.4 figures rows each)
#   --runs R      timed runs of each side (default 3)
#   --csv-dir D   use firms.csv and figures.csv from D instead of generating them with demo
#   --work-dir D  where databases (and generated CSVs) go (default: a temporary directory)
# LADDER_CLI names the ladder-cli binary (default build/app/ladder-cli).
# Prints median, min and max wall seconds of each side, CPU seconds (user+sys), peak RSS and the
# ratio of the medians; the last line is machine-readable:
#   import firms=N rows=R ladder_s=… sqlite_s=… ratio=… ladder_rss_mb=… sqlite_rss_mb=…
# and, when LADDER_BENCH_RESULTS names a file, tab-separated rows are appended to it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cli="${LADDER_CLI:-$root/build/app/ladder-cli}"
firms=1000000
runs=3
csv_dir=""
work_dir=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --firms) firms="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --csv-dir) csv_dir="$2"; shift 2 ;;
        --work-dir) work_dir="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "bench_import.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

for tool in "$cli" sqlite3 /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench_import.sh: $tool not found (build ladder-cli, apt-get install sqlite3 time)" >&2
        exit 2
    fi
done

cleanup_dir=""
if [[ -z "$work_dir" ]]; then
    work_dir="$(mktemp -d)"
    cleanup_dir="$work_dir"
fi
trap '[[ -n "$cleanup_dir" ]] && rm -rf "$cleanup_dir"' EXIT
mkdir -p "$work_dir"

if [[ -z "$csv_dir" ]]; then
    csv_dir="$work_dir/csv"
    mkdir -p "$csv_dir"
    echo "generating $firms demo firms into $csv_dir ..." >&2
    "$cli" --lang en demo --firms "$firms" --csv-dir "$csv_dir" >/dev/null
fi
figures="$csv_dir/figures.csv"
[[ -f "$csv_dir/firms.csv" && -f "$figures" ]] || { echo "no firms.csv/figures.csv in $csv_dir" >&2; exit 2; }
rows=$(($(wc -l <"$figures") - 1))

# The registry with its firms, made once; each run imports the figures into a fresh copy.
base="$work_dir/base.db"
rm -rf "$base" "$base-wal" "$base-shm" "$work_dir/base.db.backups"
echo "importing firms (untimed) ..." >&2
"$cli" --lang en --db "$base" init >/dev/null
"$cli" --lang en --db "$base" import firms "$csv_dir/firms.csv" >/dev/null
sqlite3 "$base" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

# Runs COMMAND under /usr/bin/time; appends "wall cpu rss_kb" to the file named by $1.
timed() {
    local out="$1"
    shift
    local t
    t="$(mktemp)"
    /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/dev/null
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$t" >>"$out"
    rm -f "$t"
}

ladder_times="$work_dir/ladder.times"
sqlite_times="$work_dir/sqlite.times"
: >"$ladder_times"
: >"$sqlite_times"
for ((run = 1; run <= runs; ++run)); do
    echo "run $run/$runs: ladder-cli import figures ..." >&2
    db="$work_dir/run.db"
    rm -rf "$db" "$db-wal" "$db-shm" "$work_dir/run.db.backups"
    cp "$base" "$db"
    timed "$ladder_times" "$cli" --lang en --db "$db" import figures "$figures"
    rm -rf "$db" "$db-wal" "$db-shm" "$work_dir/run.db.backups"

    echo "run $run/$runs: sqlite3 .import --csv ..." >&2
    anchor="$work_dir/anchor.db"
    rm -f "$anchor" "$anchor-journal"
    timed "$sqlite_times" sqlite3 "$anchor" ".import --csv $figures t"
    imported="$(sqlite3 "$anchor" "SELECT COUNT(*) FROM t")"
    [[ "$imported" == "$rows" ]] || { echo "sqlite3 imported $imported rows, expected $rows" >&2; exit 1; }
    rm -f "$anchor"
done

# "median min max" of column $2 of file $1.
stats() {
    sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}
read -r l_med l_min l_max <<<"$(stats "$ladder_times" 1)"
read -r s_med s_min s_max <<<"$(stats "$sqlite_times" 1)"
read -r l_cpu _ _ <<<"$(stats "$ladder_times" 2)"
read -r s_cpu _ _ <<<"$(stats "$sqlite_times" 2)"
l_rss=$(sort -g -k3,3 "$ladder_times" | tail -1 | awk '{ printf "%.0f", $3 / 1024 }')
s_rss=$(sort -g -k3,3 "$sqlite_times" | tail -1 | awk '{ printf "%.0f", $3 / 1024 }')
ratio=$(awk -v a="$l_med" -v b="$s_med" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
cpu_ratio=$(awk -v a="$l_cpu" -v b="$s_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

# Tab-separated results for scripts/bench.sh: firms, name, metric, median, min, max, runs.
if [[ -n "${LADDER_BENCH_RESULTS:-}" ]]; then
    read -r _ l_cmin l_cmax <<<"$(stats "$ladder_times" 2)"
    read -r _ s_cmin s_cmax <<<"$(stats "$sqlite_times" 2)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$firms" import wall_s "$l_med" "$l_min" "$l_max" "$runs" \
        "$firms" import cpu_s "$l_cpu" "$l_cmin" "$l_cmax" "$runs" \
        "$firms" import rss_mb "$l_rss" "$l_rss" "$l_rss" "$runs" \
        "$firms" import_anchor wall_s "$s_med" "$s_min" "$s_max" "$runs" \
        "$firms" import_anchor cpu_s "$s_cpu" "$s_cmin" "$s_cmax" "$runs" >>"$LADDER_BENCH_RESULTS"
fi

echo "Import of $rows figures rows ($firms firms), $runs runs, wall seconds median (min–max):"
printf '  ladder-cli import figures  %8.2f (%.2f–%.2f)  cpu %8.2f  peak RSS %6s MB\n' \
    "$l_med" "$l_min" "$l_max" "$l_cpu" "$l_rss"
printf '  sqlite3 .import --csv      %8.2f (%.2f–%.2f)  cpu %8.2f  peak RSS %6s MB\n' \
    "$s_med" "$s_min" "$s_max" "$s_cpu" "$s_rss"
echo "  ratio (wall medians) ${ratio}×, cpu ${cpu_ratio}× (target ≤ 2.0×)"
echo "import firms=$firms rows=$rows ladder_s=$l_med sqlite_s=$s_med ratio=$ratio cpu_ratio=$cpu_ratio ladder_rss_mb=$l_rss sqlite_rss_mb=$s_rss"
