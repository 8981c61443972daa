#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md: Ladder and an anchor (the sqlite3 shell doing the same
# work with plain SQL) side by side, median and range of several runs, and the ratios.
#
# Usage: scripts/bench.sh [--firms N] [--runs R] [--seed S] [--smoke] [--only NAME]...
#   --firms N   registry size (default 1000000: 1M firms × 5 years of figures)
#   --runs R    timed runs per command (default 3)
#   --smoke     20000 firms, 1 run: the CI check that every benchmark still runs (exits non-zero
#               only when a command fails, never on a ratio)
#   --only NAME evaluate, tally, memory, scaling, import, audit, postgresql or gui (repeatable;
#               default all)
#
# The demo registry of each size and seed is made once with `ladder-cli demo` and kept in
# $LADDER_BENCH_BUILD/bench-data (default build/bench/bench-data). Results go to standard
# output and, tab-separated, to bench-data/results-N.tsv. bench/bench_import.sh (with
# --firms N --runs R --csv-dir DIR) and bench/bench_gui.sh (--firms N --runs R --db FILE) are
# run when present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

firms=1000000
runs=3
seed=2020
year=2020
smoke=0
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --firms) firms="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --smoke) smoke=1; firms=20000; runs=1; shift ;;
    --only) only+=("$2"); shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#only[@]} -eq 0 ] && only=(evaluate tally memory scaling import audit postgresql gui)
wanted() {
  local n
  for n in "${only[@]}"; do [ "$n" = "$1" ] && return 0; done
  return 1
}

"$root/scripts/deps.sh" bench
build="${LADDER_BENCH_BUILD:-$root/build/bench}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
targets=(ladder-cli)
if wanted gui && [ -x "$root/bench/bench_gui.sh" ]; then targets+=(ladder); fi
# LADDER_BENCH_NO_BUILD=1 measures the programs already built there, as they are.
if [ "${LADDER_BENCH_NO_BUILD:-0}" != 1 ]; then
  cmake --build "$build" -j"${LADDER_JOBS:-2}" --target "${targets[@]}" >/dev/null
fi
export LADDER_CLI="$build/app/ladder-cli"
export LADDER_GUI="$build/app/ladder"
export LANGUAGE=en LC_ALL=C.UTF-8

data="$build/bench-data"
mkdir -p "$data"
export LADDER_BENCH_RESULTS="$data/results-$firms.tsv"
: >"$LADDER_BENCH_RESULTS"

# The demo registry of `n` firms (made once per size and seed; an interrupted run leaves only
# a .part file behind).
dataset() {
  local n="$1" db="$data/demo-$1-$seed.db"
  if [ ! -f "$db" ]; then
    echo "Making the $n-firm demo registry (once) ..." >&2
    rm -f "$db.part" "$db.part-wal" "$db.part-shm"
    "$LADDER_CLI" --db "$db.part" demo --firms "$n" --seed "$seed" >&2
    mv "$db.part" "$db"
  fi
  echo "$db"
}
# Its CSV files (for the import benchmark).
csv_dataset() {
  local n="$1" dir="$data/csv-$1-$seed"
  if [ ! -f "$dir/.complete" ]; then
    echo "Writing the $n-firm demo CSV files (once) ..." >&2
    rm -rf "$dir"
    "$LADDER_CLI" demo --firms "$n" --seed "$seed" --csv-dir "$dir" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}

echo "Ladder benchmarks — $(date -u +%Y-%m-%d) — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$firms firms, $runs runs per command, seed $seed; times are median (min–max)"
db="$(dataset "$firms")"
common=(--firms "$firms" --runs "$runs" --db "$db")
failed=0
run() {
  echo
  "$@" || { failed=1; echo "  FAILED: $*" >&2; }
}

# Evaluate reports the peak RSS of its runs; memory alone runs evaluate once more.
wanted evaluate && run "$root/bench/bench_evaluate.sh" "${common[@]}" --year "$year"
if wanted memory && ! wanted evaluate; then
  run "$root/bench/bench_memory.sh" "${common[@]}" --year "$year"
fi
wanted tally && run "$root/bench/bench_tally.sh" "${common[@]}" --year "$year"
if wanted scaling; then
  # Three sizes a decade apart ending at N (10k, 100k, 1M by default); the N-firm registry is
  # the one above.
  sizes=()
  for n in $((firms / 100)) $((firms / 10)) "$firms"; do
    [ "$n" -lt 1000 ] && n=1000
    sizes+=("$n=$(dataset "$n")")
  done
  run "$root/bench/bench_scaling.sh" --runs "$runs" --year "$year" "${sizes[@]}"
fi
wanted audit && run "$root/bench/bench_audit.sh" "${common[@]}"
if wanted import && [ -x "$root/bench/bench_import.sh" ]; then
  run "$root/bench/bench_import.sh" --firms "$firms" --runs "$runs" --csv-dir "$(csv_dataset "$firms")"
fi
# PostgreSQL: a throwaway cluster (scripts/pg-test-server.sh) unless LADDER_BENCH_PG names one.
if wanted postgresql; then
  run "$root/bench/bench_postgresql.sh" "${common[@]}" --year "$year" --csv-dir "$(csv_dataset "$firms")"
fi
if wanted gui && [ -x "$root/bench/bench_gui.sh" ]; then
  run "$root/bench/bench_gui.sh" --firms "$firms" --runs "$runs" --db "$db"
fi

echo
echo "Results: $LADDER_BENCH_RESULTS"
if [ "$failed" -ne 0 ]; then
  echo "bench.sh: a benchmark command failed" >&2
  exit 1
fi
[ "$smoke" -eq 1 ] && echo "Smoke run complete (ratios are reported, not enforced)."
exit 0
