#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build, start a throwaway PostgreSQL
# server, and run the whole CTest suite — every database test on SQLite and again on
# PostgreSQL, GUI tests under Xvfb. LADDER_SANITIZE=1 builds with AddressSanitizer and
# UndefinedBehaviorSanitizer instead (in build/test-asan).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh" test
if [ "${LADDER_SANITIZE:-0}" = 1 ]; then
  build="${LADDER_TEST_BUILD:-$root/build/test-asan}"
  # -O1 keeps sanitizer builds quick to compile and the tests quick to run.
  "$root/scripts/build.sh" "$build" -DLADDER_SANITIZE=ON -DLADDER_TEST_POSTGRESQL=ON \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1"
else
  build="${LADDER_TEST_BUILD:-$root/build/test}"
  "$root/scripts/build.sh" "$build" -DLADDER_SANITIZE=OFF -DLADDER_TEST_POSTGRESQL=ON
fi

pg_dir="$(mktemp -d -t ladder-pg.XXXXXX)"
cleanup() { "$root/scripts/pg-test-server.sh" stop "$pg_dir"; rm -rf "$pg_dir"; }
trap cleanup EXIT
LADDER_TEST_PG="$("$root/scripts/pg-test-server.sh" start "$pg_dir")"
export LADDER_TEST_PG

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp}"
cd "$build"
ctest --output-on-failure -j"${LADDER_JOBS:-2}" "$@"
