#!/usr/bin/env bash
# Configures and builds Ladder. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]
# LADDER_TARGETS="a b" builds only those targets (default: everything, tests included).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shift || true
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
targets=()
for t in ${LADDER_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build" -j"${LADDER_JOBS:-2}" "${targets[@]}"
