#!/usr/bin/env bash
# Builds the Debian package: scripts/package.sh [BUILD_DIR]   (default build, as scripts/run.sh)
# Reuses BUILD_DIR as it is configured when it is (after scripts/run.sh nothing is compiled
# again; CI passes its release test build); otherwise configures it as scripts/run.sh does.
# Builds only what is installed (target ladder_installables), runs CPack, then checks the
# result: appstreamcli validate, desktop-file-validate and lintian (no errors allowed).
# Prints the path of the .deb on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath -m "${1:-$root/build}")"
"$root/scripts/deps.sh" package
configure=()
[ -f "$build/CMakeCache.txt" ] || configure=(-DLADDER_BUILD_TESTS=OFF)
LADDER_TARGETS=ladder_installables "$root/scripts/build.sh" "$build" "${configure[@]}"
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
# A build tree configured before rsvg-convert was installed would have left the PNGs out.
for size in 16 32 48 64 128 256; do
  test -f "$check/usr/share/icons/hicolor/${size}x${size}/apps/ladder.png" ||
    { echo "package: the ${size}px icon is missing (is librsvg2-bin installed?)" >&2; exit 1; }
done
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
