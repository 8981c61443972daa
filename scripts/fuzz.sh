#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan + UBSan) and runs each for a while,
# starting from the seed corpora in tests/fuzz/corpus. New inputs go to BUILD_DIR/corpus, never
# into the repository. Exits non-zero when any target finds a crash, a leak, undefined
# behaviour or a broken invariant, and prints how to reproduce it.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (30)] [BUILD_DIR (build/fuzz)] [TARGET...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-30}"
build="${2:-$root/build/fuzz}"
shift $(( $# > 2 ? 2 : $# ))
"$root/scripts/deps.sh" fuzz

# -O1: quick to compile (CI builds from scratch) and still fast to run.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DLADDER_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in "$root"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
cmake --build "$build" -j"${LADDER_JOBS:-$(nproc)}" --target "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
printf '%-22s %10s %8s %8s  %s\n' target execs cov ft result
for target in "${targets[@]}"; do
  name="${target#fuzz_}"
  work="$build/corpus/$name"
  artifacts="$build/artifacts/$name"
  log="$build/logs/$name.log"
  rm -rf "$artifacts"  # only this run's findings are reported
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$artifacts/")
  [ -f "$root/tests/fuzz/$name.dict" ] && options+=(-dict="$root/tests/fuzz/$name.dict")
  # tests/fuzz/<name>.options: extra libFuzzer flags, one a line (e.g. -max_len for slow parsers).
  [ -f "$root/tests/fuzz/$name.options" ] && mapfile -t -O ${#options[@]} options < <(grep -v '^#' "$root/tests/fuzz/$name.options")
  seeds=()
  [ -d "$root/tests/fuzz/corpus/$name" ] && seeds+=("$root/tests/fuzz/corpus/$name")
  result=ok
  if ! "$build/tests/fuzz/$target" "${options[@]}" "$work" "${seeds[@]}" >"$log" 2>&1; then
    result=FAILED
    failed+=("$target")
  fi
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  ft="$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  printf '%-22s %10s %8s %8s  %s\n' "$target" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
  if [ "$result" = FAILED ]; then
    grep -E 'ERROR|invariant broken|runtime error|SUMMARY' "$log" | head -5 | sed 's/^/    /'
    for artifact in "$artifacts"/*; do
      [ -e "$artifact" ] || continue
      echo "    reproducer: $artifact"
      echo "    reproduce:  $build/tests/fuzz/$target $artifact"
    done
    echo "    log: $log"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
