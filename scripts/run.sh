#!/usr/bin/env bash
# README command 1: install what is missing, build, create the demo registry and open it.
# Opens the desktop application when a display is available, else prints the tally.
# Builds only the two programs (no tests: scripts/test.sh builds those in build/test).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh" build
LADDER_TARGETS="ladder ladder-cli" "$root/scripts/build.sh" "$root/build" -DLADDER_BUILD_TESTS=OFF
data="${XDG_DATA_HOME:-$HOME/.local/share}/ladder"
mkdir -p "$data"
demo="$data/demo.db"
cli="$root/build/app/ladder-cli"
if [ ! -f "$demo" ]; then
  "$cli" --db "$demo" demo --firms "${LADDER_DEMO_FIRMS:-2000}"
fi
if [ -n "${DISPLAY:-}" ] && [ -x "$root/build/app/ladder" ]; then
  exec "$root/build/app/ladder" --db "$demo" "$@"
fi
"$cli" --db "$demo" tally --year 2020 --format table
