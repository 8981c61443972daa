#!/usr/bin/env bash
# Scaling: evaluate and tally at several registry sizes (10k, 100k, 1M by default), with the CPU
# cost per firm. Linear cost shows as a flat per-firm column: no per-firm queries, no quadratic
# joins. Usage: bench/bench_scaling.sh --runs R [--year Y] N=DB_FILE...
set -euo pipefail
source "$(dirname "$0")/lib.sh"
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) bench_runs="$2"; shift 2 ;;
    --year) bench_year="$2"; shift 2 ;;
    *=*) sizes+=("$1"); shift ;;
    *) echo "bench_scaling.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
: "${LADDER_CLI:?LADDER_CLI must name the ladder-cli program}"

echo "scaling — evaluate and tally by city, year $bench_year"
summary=()
for size in "${sizes[@]}"; do
  bench_firms="${size%%=*}"
  db="${size#*=}"
  # A size already measured by bench_evaluate.sh / bench_tally.sh in this session is not run again.
  evaluate_cpu="$(bench_recorded "evaluate ladder-cli")"
  if [ -z "$evaluate_cpu" ]; then
    bench_measure "evaluate $bench_firms" "$LADDER_CLI" --db "$db" evaluate --year "$bench_year" --format csv
    evaluate_cpu="${bench_cpu%% *}"
  fi
  tally_cpu="$(bench_recorded "tally ladder-cli")"
  if [ -z "$tally_cpu" ]; then
    # The first tally of a registry seeds its quotas: once, untimed.
    "$LADDER_CLI" --db "$db" tally --year "$bench_year" --by city --format csv >/dev/null
    bench_measure "tally $bench_firms" "$LADDER_CLI" --db "$db" tally --year "$bench_year" --by city --format csv
    tally_cpu="${bench_cpu%% *}"
  fi
  summary+=("$(awk -v n="$bench_firms" -v e="$evaluate_cpu" -v t="$tally_cpu" 'BEGIN {
    printf "  %10d firms   evaluate %8.3f s cpu = %6.2f µs/firm   tally %7.3f s cpu = %6.3f µs/firm",
      n, e, e * 1e6 / n, t, t * 1e6 / n }')")
  bench_record "evaluate per firm" "cpu_us" "$(awk -v n="$bench_firms" -v e="$evaluate_cpu" 'BEGIN { printf "%.2f", e * 1e6 / n }')" "" ""
  bench_record "tally per firm" "cpu_us" "$(awk -v n="$bench_firms" -v t="$tally_cpu" 'BEGIN { printf "%.3f", t * 1e6 / n }')" "" ""
done
printf '%s\n' "${summary[@]}"
