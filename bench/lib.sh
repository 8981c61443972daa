# Shared by the bench/*.sh scripts (sourced, not run): option parsing, timing of repeated runs
# with /usr/bin/time, medians and ranges, ratio lines and the results file.
#
# Every benchmark script takes the options scripts/bench.sh passes:
#   --firms N --runs R --db FILE --csv-dir DIR [--year Y]
# and finds the programs in $LADDER_CLI (ladder-cli) and $LADDER_GUI (ladder). Results are
# appended to $LADDER_BENCH_RESULTS (tab-separated) when it is set.

bench_firms=0
bench_runs=3
bench_db=""
bench_csv_dir=""
bench_year=2020

bench_parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --firms) bench_firms="$2"; shift 2 ;;
      --runs) bench_runs="$2"; shift 2 ;;
      --db) bench_db="$2"; shift 2 ;;
      --csv-dir) bench_csv_dir="$2"; shift 2 ;;
      --year) bench_year="$2"; shift 2 ;;
      *) echo "$(basename "$0"): unknown option $1" >&2; exit 2 ;;
    esac
  done
  if [ -z "$bench_db" ] || [ ! -f "$bench_db" ]; then
    echo "$(basename "$0"): --db FILE (an existing registry) is required" >&2
    exit 2
  fi
  : "${LADDER_CLI:?LADDER_CLI must name the ladder-cli program}"
}

# The median and the range of numbers given one per line: prints "median min max".
bench_stats() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan nan nan"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'
}

# bench_measure NAME CMD...: runs CMD $bench_runs times, its standard output to $bench_stdout
# (default /dev/null), its standard input from /dev/null. Sets bench_wall/bench_cpu to
# "median min max" in seconds (cpu = user + system) and bench_rss_mb to the largest peak RSS.
# When bench_prepare is set, that command runs (untimed) before each run.
# Returns non-zero when a run fails.
bench_measure() {
  local name="$1"
  shift
  local times walls="" cpus="" rss=0 i
  times="$(mktemp)"
  for ((i = 1; i <= bench_runs; i++)); do
    if [ -n "${bench_prepare:-}" ] && ! eval "$bench_prepare" >/dev/null; then
      echo "  $name: preparing run $i failed: $bench_prepare" >&2
      return 1
    fi
    if ! /usr/bin/time -f '%e %U %S %M' -o "$times" "$@" >"${bench_stdout:-/dev/null}" </dev/null; then
      echo "  $name: run $i failed: $*" >&2
      cat "$times" >&2
      rm -f "$times"
      return 1
    fi
    read -r e u s m < <(tail -n 1 "$times")
    walls+="$e"$'\n'
    cpus+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')"$'\n'
    [ "$m" -gt "$rss" ] && rss="$m"
  done
  rm -f "$times"
  bench_wall="$(printf '%s' "$walls" | bench_stats)"
  bench_cpu="$(printf '%s' "$cpus" | bench_stats)"
  bench_rss_mb="$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')"
  local w c
  read -r -a w <<<"$bench_wall"
  read -r -a c <<<"$bench_cpu"
  printf '  %-28s wall %8.3f s (%.3f–%.3f)   cpu %8.3f s (%.3f–%.3f)   peak RSS %5s MB   [%s runs]\n' \
    "$name" "${w[0]}" "${w[1]}" "${w[2]}" "${c[0]}" "${c[1]}" "${c[2]}" "$bench_rss_mb" "$bench_runs"
  bench_record "$name" "wall_s" "${w[0]}" "${w[1]}" "${w[2]}"
  bench_record "$name" "cpu_s" "${c[0]}" "${c[1]}" "${c[2]}"
  bench_record "$name" "rss_mb" "$bench_rss_mb" "$bench_rss_mb" "$bench_rss_mb"
}

# bench_record NAME METRIC MEDIAN MIN MAX: one line of the results file.
bench_record() {
  [ -n "${LADDER_BENCH_RESULTS:-}" ] || return 0
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$bench_firms" "$1" "$2" "$3" "$4" "$5" "$bench_runs" \
    >>"$LADDER_BENCH_RESULTS"
}

# bench_ratio LABEL LADDER_SECONDS ANCHOR_SECONDS TARGET: prints "ratio …× (target ≤ T×) met|MISSED".
bench_ratio() {
  local label="$1" ours="$2" anchor="$3" target="$4"
  awk -v l="$label" -v a="$ours" -v b="$anchor" -v t="$target" 'BEGIN {
    r = (b > 0) ? a / b : 0
    printf "  RATIO %-30s %6.2f×  (target ≤ %.1f×)  %s\n", l, r, t, (r <= t ? "met" : "MISSED") }'
  bench_record "$label" "ratio" "$(awk -v a="$ours" -v b="$anchor" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')" "" ""
}

# bench_limit LABEL VALUE LIMIT UNIT: prints "VALUE UNIT (target < LIMIT UNIT) met|MISSED".
bench_limit() {
  awk -v l="$1" -v v="$2" -v t="$3" -v u="$4" 'BEGIN {
    printf "  LIMIT %-30s %8.3f %s  (target < %s %s)  %s\n", l, v, u, t, u, (v < t ? "met" : "MISSED") }'
}

# bench_recorded NAME: the median CPU seconds of NAME at $bench_firms firms from the results
# file, when this session measured it already (empty otherwise).
bench_recorded() {
  [ -n "${LADDER_BENCH_RESULTS:-}" ] && [ -f "$LADDER_BENCH_RESULTS" ] || return 0
  awk -F'\t' -v n="$bench_firms" -v name="$1" \
    '$1 == n && $2 == name && $3 == "cpu_s" { v = $4 } END { if (v != "") print v }' "$LADDER_BENCH_RESULTS"
}
