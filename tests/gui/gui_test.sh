#!/usr/bin/env bash
# GUI tests: start the real `ladder` on a temporary demo registry under Xvfb and drive it.
#   gui_test.sh workflow    LADDER LADDER_CLI OUTDIR  — scripted steps through --self-test:
#       search, import (count 500 → 503), a bad file's cell report, the firm view's eligibility
#       reasons, submit, two-level review with four eyes, quota bars, PDF report.
#   gui_test.sh keyboard    LADDER LADDER_CLI OUTDIR  — real key presses with xdotool into the
#       window: Ctrl+F, type a credit-code prefix, the list narrows; Ctrl+Q quits.
#   gui_test.sh screenshots LADDER LADDER_CLI OUTDIR  — the Chinese UI on demo data, page by page.
#   gui_test.sh startup     LADDER LADDER_CLI OUTDIR  — start-up checks: a tampered audit trail
#       shows the red warning naming the first bad entry.
# Run it under `xvfb-run -a -s "-screen 0 1280x800x24"`. Screenshots go to OUTDIR.
set -euo pipefail
mode="$1"; ladder="$2"; cli="$3"; out="$4"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
export LANGUAGE= LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 GTK_A11Y=none
db="$work/gui.db"
"$cli" --db "$db" demo --firms 500 >/dev/null
export LADDER_USER=clerk LADDER_PASSWORD=ladder-demo LADDER_ARGON2_FAST=1

run_script() {  # lang script
    local status=0
    timeout 300 "$ladder" --db "$db" --lang "$1" --self-test "$2" >"$work/log.txt" 2>"$work/err.txt" || status=$?
    cat "$work/log.txt"
    grep -v -e "Gtk-WARNING" -e "^$" "$work/err.txt" >&2 || true
    grep -q "self-test: passed" "$work/log.txt" || { echo "self-test did not pass (status $status)" >&2; exit 1; }
}

case "$mode" in
workflow)
    # A spreadsheet with the same 500 firms and 3 more; a figures file with one bad cell.
    "$cli" --db "$work/more.db" demo --firms 503 >/dev/null
    "$cli" --db "$work/more.db" export firms --format csv --output "$work/firms.csv"
    code="$(sed -n 2p "$work/firms.csv" | cut -d, -f1)"
    printf 'credit_code,year,rd_expense,rd_domestic\n%s,2019,480,520\n' "$code" >"$work/bad-figures.csv"
    cat >"$work/script.txt" <<SCRIPT
wait
expect-count 500
screenshot $out/01-registry.png
key ctrl+f
type 91360102
wait
expect-count-min 1
expect-count-max 499
print
search
expect-count 500
import $work/firms.csv
expect-text 3 new
wait
expect-count 503
import $work/bad-figures.csv
expect-text exceeds
open-firm 0
firm-page 3
firm-tier specialized
print-eligibility
expect-text Revenue
screenshot $out/02-firm-eligibility.png
firm-submit
close-dialog
login clerk ladder-demo
approve self-approval must be refused
expect-text may not
login reviewer ladder-demo
approve checked at city level
expect-text province
login reviewer ladder-demo
approve the same reviewer again
expect-text reviewer
login reviewer2 ladder-demo
approve checked at province level
expect-text Decision recorded
screenshot $out/03-review.png
quota
wait
print
expect-text pending=1
screenshot $out/04-quota.png
click-bar 2
sleep 800
close-dialog
report pdf $work/report.pdf
wait
expect-file $work/report.pdf
report xlsx $work/report.xlsx
wait
expect-file $work/report.xlsx
SCRIPT
    run_script en "$work/script.txt"
    ;;
keyboard)
    LADDER_TRACE=1 timeout 120 "$ladder" --db "$db" --lang en >"$work/trace.txt" 2>"$work/err.txt" &
    pid=$!
    for _ in $(seq 100); do grep -q "registry-count" "$work/trace.txt" 2>/dev/null && break; sleep 0.2; done
    win="$(xdotool search --sync --onlyvisible --class ladder | head -1)"
    xdotool windowfocus --sync "$win"
    xdotool key ctrl+f
    # Every demo code starts 9136; 91360102 is one district (东湖区) of Nanchang.
    xdotool type --delay 60 "91360102"
    for _ in $(seq 50); do
        n="$(grep registry-count "$work/trace.txt" | tail -1 | cut -d' ' -f2)"
        [ "${n:-500}" -lt 500 ] && break
        sleep 0.2
    done
    sleep 0.5
    import -window root "$out/keyboard.png"
    xdotool key ctrl+q
    wait "$pid" || true
    cat "$work/trace.txt"
    last="$(grep registry-count "$work/trace.txt" | tail -1 | cut -d' ' -f2)"
    first="$(grep registry-count "$work/trace.txt" | head -1 | cut -d' ' -f2)"
    [ "$first" = 500 ] || { echo "expected 500 firms at start, saw $first" >&2; exit 1; }
    [ -n "$last" ] && [ "$last" -lt 500 ] && [ "$last" -gt 0 ] || { echo "typing did not narrow the list ($last)" >&2; exit 1; }
    ;;
screenshots)
    cat >"$work/script.txt" <<SCRIPT
wait
search 南昌
wait
screenshot $out/registry.png
search
open-firm 3
firm-page 3
firm-tier specialized
screenshot $out/firm-eligibility.png
firm-page 1
screenshot $out/firm-figures.png
firm-submit
close-dialog
login reviewer ladder-demo
page 1
wait
screenshot $out/review.png
quota
wait
screenshot $out/quota.png
page 4
screenshot $out/rules.png
SCRIPT
    run_script zh_CN "$work/script.txt"
    ;;
startup)
    # Intact: no warning. Then one edited audit entry: the warning names it, in red, at the top.
    printf 'wait\nprint-warning\n' >"$work/intact.txt"
    run_script en "$work/intact.txt"
    grep -q "^warning: $" "$work/log.txt" || { echo "a warning was shown on an intact audit trail" >&2; exit 1; }
    sqlite3 "$db" "UPDATE audit_log SET after_value = 'firms=5000' WHERE id = 1"
    cat >"$work/script.txt" <<SCRIPT
wait
print-warning
expect-text audit trail is broken at entry 1
screenshot $out/audit-broken.png
SCRIPT
    run_script en "$work/script.txt"
    grep -q "audit trail is broken at entry 1" "$work/err.txt" || { echo "the broken trail was not logged" >&2; exit 1; }
    ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
