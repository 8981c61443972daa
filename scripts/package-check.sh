#!/usr/bin/env bash
# Installs the Debian package with apt-get, uses it from /usr/bin as a clerk would — the CLI
# on a new demo registry, the manual pages, the window under Xvfb up to its first page — and
# removes it again, also when a step fails. Run as root (CI). Usage:
#   scripts/package-check.sh build/…/ladder_VERSION_ARCH.deb [SCREENSHOT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh" test  # xvfb-run; man-db comes with lintian (scripts/package.sh)
deb="$(realpath "$1")"
shots="$(realpath -m "${2:-$(dirname "$deb")/check}")"
mkdir -p "$shots"
if dpkg-query -W -f='${Status}' ladder 2>/dev/null | grep -q "install ok installed"; then
  echo "package-check: ladder is already installed here; remove it first (apt-get remove ladder)" >&2
  exit 1
fi
work="$(mktemp -d)"
remove() {
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ladder >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap remove EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
cd "$work"  # nothing of the source tree is needed from here on
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
unset LADDER_RESOURCES LADDER_LOCALEDIR

step() { echo "package-check: $*"; }
step "installed $(dpkg-query -W -f='${Package} ${Version}' ladder): $(command -v ladder) $(command -v ladder-cli)"
[ "$(command -v ladder-cli)" = /usr/bin/ladder-cli ] && [ "$(command -v ladder)" = /usr/bin/ladder ]
/usr/bin/ladder-cli --version
# The rule sets it reports are the installed ones.
for f in /usr/share/ladder/rules/*.toml; do
  /usr/bin/ladder-cli --version | grep -q "$(basename "$f" .toml)"
done
/usr/bin/ladder --version | head -1

step "ladder-cli demo and tally from /usr/bin"
/usr/bin/ladder-cli --db "$work/registry.db" demo --firms 300
/usr/bin/ladder-cli --db "$work/registry.db" tally --year 2020 --format table | head -6
rows="$(/usr/bin/ladder-cli --db "$work/registry.db" tally --year 2020 --format csv | wc -l)"
[ "$rows" -gt 1 ] || { echo "package-check: tally printed no rows" >&2; exit 1; }
# Chinese by default: the installed catalogue is found relative to /usr/bin.
LANGUAGE= LC_ALL=C.UTF-8 /usr/bin/ladder-cli --help | grep -q "企业梯度培育管理"

step "manual pages and completion"
man -w ladder ladder-cli
man -L zh_CN -w ladder-cli
test -f /usr/share/bash-completion/completions/ladder-cli

step "ladder from /usr/bin under Xvfb, to its first page"
cat >"$work/first-page.txt" <<SCRIPT
wait
expect-count 300
print-about
expect-text jiangxi-2020
screenshot $shots/installed-registry.png
SCRIPT
status=0
LANGUAGE= LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 GTK_A11Y=none \
  LADDER_USER=clerk LADDER_PASSWORD=ladder-demo LADDER_ARGON2_FAST=1 \
  timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" \
  /usr/bin/ladder --db "$work/registry.db" --self-test "$work/first-page.txt" \
  >"$work/gui.log" 2>"$work/gui.err" || status=$?
cat "$work/gui.log"
if ! grep -q "self-test: passed" "$work/gui.log" || [ "$status" != 0 ]; then
  grep -v -e "Gtk-WARNING" -e "^$" "$work/gui.err" >&2 || true
  echo "package-check: the installed ladder did not open its first page (status $status)" >&2
  exit 1
fi

step "removing the package"
apt-get remove -y -qq ladder >/dev/null
[ ! -e /usr/bin/ladder-cli ] && [ ! -e /usr/share/ladder ]
step "ok: installed, used and removed $(basename "$deb")"
