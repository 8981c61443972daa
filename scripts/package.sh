#!/usr/bin/env bash
# Builds the Debian package: scripts/package.sh [BUILD_DIR]   (default build/package)
# Reuses BUILD_DIR when it is already configured (CI passes its release test build, so only
# the desktop files are new); otherwise configures a RelWithDebInfo build without tests.
# Builds only what is installed (target ladder_installables), runs CPack, then checks the
# result: appstreamcli validate, desktop-file-validate and lintian (no errors allowed).
# Prints the path of the .deb on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath -m "${1:-$root/build/package}")"
"$root/scripts/deps.sh" package
if [ -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" >/dev/null
else
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLADDER_BUILD_TESTS=OFF \
    "${launcher[@]}" >/dev/null
fi
cmake --build "$build" -j"${LADDER_JOBS:-2}" --target ladder_installables
out="$build/deb"
rm -rf "$out"
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
deb="$(ls "$out"/ladder_*.deb)"

# Check what was packaged, from the package's own files.
check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
dpkg-deb -x "$deb" "$check"
echo "== dpkg-deb --info (control)"
dpkg-deb -f "$deb" Package Version Architecture Depends
echo "== appstreamcli validate"
appstreamcli validate --no-net "$check"/usr/share/metainfo/*.metainfo.xml
echo "== desktop-file-validate"
desktop-file-validate "$check"/usr/share/applications/*.desktop && echo "valid"
echo "== lintian"
# Errors fail the build; the warnings that remain are explained in docs/packaging.md.
lintian --tag-display-limit 0 "$deb" | tee "$check/lintian.txt" || true
if grep -q '^E:' "$check/lintian.txt"; then
  echo "lintian reported errors" >&2
  exit 1
fi
echo "lintian: $(grep -c '^E:' "$check/lintian.txt") errors, $(grep -c '^W:' "$check/lintian.txt") warnings"
echo "$deb"
