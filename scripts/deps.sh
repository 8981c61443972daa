#!/usr/bin/env bash
# Installs the Debian 12 packages Ladder needs that are missing. As root it uses apt-get;
# otherwise it prints the command to run. Usage: scripts/deps.sh [build|test|bench|package|fuzz]
set -euo pipefail
profile="${1:-build}"
packages=(
  build-essential cmake pkg-config gettext
  libwxgtk3.2-dev libsoci-dev libsqlite3-dev sqlite3 libpq-dev
  libboost-test-dev libcli11-dev libfmt-dev libtoml11-dev
  libpugixml-dev libzip-dev libxlsxwriter-dev libsodium-dev libssl-dev
  libcairo2-dev libpango1.0-dev fonts-wqy-microhei libzstd-dev
)
if [ "$profile" = bench ]; then
  # scripts/bench.sh: GNU time for run times and peak RSS; sqlite3 is the anchor.
  packages+=(time sqlite3)
fi
if [ "$profile" = test ]; then
  packages+=(xvfb xauth xdotool imagemagick poppler-utils unzip postgresql postgresql-client valgrind)
fi
# scripts/package.sh: CPack's dpkg-shlibdeps (dpkg-dev, file), the PNG icons, the checks.
if [ "$profile" = package ]; then
  packages+=(dpkg-dev file librsvg2-bin lintian appstream desktop-file-utils)
fi
# scripts/fuzz.sh: clang with libFuzzer and the sanitizer runtimes.
if [ "$profile" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Ladder needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
