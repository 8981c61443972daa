#!/usr/bin/env bash
# GUI tests: start the real `ladder` on a temporary demo registry under Xvfb and drive it.
#   gui_test.sh workflow    LADDER LADDER_CLI OUTDIR  — scripted steps through --self-test:
#       a search from far down the list starts at its first row (rows of the old list are never
#       asked for), search, import (count 500 → 503), a bad file's cell report, the firm view's eligibility
#       reasons, submit, a save refused as stale (another clerk saved first) then reloaded and
#       saved, two-level review with four eyes, quota bars, PDF report.
#   gui_test.sh keyboard    LADDER LADDER_CLI OUTDIR  — real key presses with xdotool into the
#       window: Ctrl+F, type a credit-code prefix, the list narrows; Ctrl+Q quits.
#   gui_test.sh screenshots LADDER LADDER_CLI OUTDIR  — the Chinese UI on demo data, page by page
#       (registry, firm view, review queue, quotas, a firm's listing stages, rules).
#   gui_test.sh startup     LADDER LADDER_CLI OUTDIR  — start-up checks: a tampered audit trail
#       shows the red warning naming the first bad entry; without --db and with a default
#       registry that cannot be opened, the connection dialog comes first (driven with xdotool);
#       文件 → 连接数据库… reopens the window on another registry, remembered without a password.
#   gui_test.sh layouts     LADDER LADDER_CLI OUTDIR  — every page of the import wizard and the
#       firm window, in English and in Chinese: each button inside its window, whole, uncovered,
#       the window inside the screen (registered at 1366x768 and 1920x1080, no window manager).
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
# The demo's applications in review keep the texts of their eligibility snapshots in the
# language they were submitted in: Chinese for the Chinese screenshots.
demo_lang=en
[ "$mode" = screenshots ] && demo_lang=zh_CN
"$cli" --lang "$demo_lang" --db "$db" demo --firms 500 >/dev/null
export LADDER_USER=clerk LADDER_PASSWORD=ladder-demo LADDER_ARGON2_FAST=1

run_script() {  # lang script
    local status=0
    timeout 300 "$ladder" --db "$db" --lang "$1" --self-test "$2" >"$work/log.txt" 2>"$work/err.txt" || status=$?
    cat "$work/log.txt"
    grep -v -e "Gtk-WARNING" -e "^$" "$work/err.txt" >&2 || true
    grep -q "self-test: passed" "$work/log.txt" || { echo "self-test did not pass (status $status)" >&2; exit 1; }
    # A crash on the way out (after the steps passed) is a failure too.
    [ "$status" = 0 ] || { echo "ladder exited with status $status after the self-test" >&2; exit 1; }
}

case "$mode" in
workflow)
    # A spreadsheet with the same 500 firms and 3 more; a figures file with one bad cell.
    "$cli" --db "$work/more.db" demo --firms 503 >/dev/null
    "$cli" --db "$work/more.db" export firms --format csv --output "$work/firms.csv"
    code="$(sed -n 2p "$work/firms.csv" | cut -d, -f1)"
    printf 'credit_code,year,rd_expense,rd_domestic\n%s,2019,480,520\n' "$code" >"$work/bad-figures.csv"
    # As a bureau sends it: GBK, a title and an issuing unit above the header, revenue in 元,
    # a total row below the data.
    printf '2019年度主要经济指标\n填报单位：测试局\n统一社会信用代码,年度,营业收入（元）\n%s,2019,12345000\n合计,,\n' \
      "$code" | iconv -f UTF-8 -t GB18030 >"$work/clerk-figures.csv"
    today="$(date +%F)"; tomorrow="$(date -d "+1 day" +%F)"; later="$(date -d "+90 days" +%F)"
    cat >"$work/script.txt" <<SCRIPT
wait
expect-count 500
expect-enabled import yes
page 1
expect-enabled approve no
expect-text may not decide on applications
page 5
expect-enabled add-user no
expect-text may not manage users
switch-user admin wrong-password
expect-text password
expect-enabled add-user no
switch-user admin ladder-demo
expect-text Signed in as admin
expect-enabled add-user yes
page 0
expect-enabled import no
expect-text may not edit
switch-user clerk ladder-demo
expect-enabled import yes
wait
print
expect-text My work today: clerk
expect-text Firms with figures to collect:
expect-text Titles lapsing this year:
expect-text Holders without their annual update:
screenshot $out/00-today-clerk.png
today-open 1
wait
expect-count-opened
print
expect-text Firms with figures to collect:
show-all
wait
expect-count 500
screenshot $out/01-registry.png
scroll-to 480
wait
search-repaint 南昌
wait
print
expect-text first-visible=0
expect-count-max 399
search
wait
expect-count 500
key ctrl+f
type 91360102
wait
expect-count-min 1
expect-count-max 499
print
search
expect-count 500
import-cancel $work/firms.csv
expect-text The check was cancelled
expect-count 500
import $work/firms.csv
expect-text New: 3   Updated: 0   Unchanged: 500
expect-text 3 new
wait
expect-count 503
import $work/bad-figures.csv
expect-text exceeds
import $work/clerk-figures.csv
expect-text Header on row 3
expect-text 营业收入: 
expect-text -> 1234.50
expect-text 1 updated
open-firm 0
firm-page 3
firm-tier specialized
print-eligibility
print-eligibility
expect-text Revenue
screenshot $out/02-firm-eligibility.png
firm-submit
firm-set name 江西改名测试有限公司
edit-elsewhere reviewer2 name=江西他人改名有限公司
firm-save
expect-text changed by reviewer2
firm-field name
expect-text 江西他人改名有限公司
firm-set name 江西改名测试有限公司
firm-save
expect-text saved
firm-page 5
firm-negative fraud yes 信用中国 $today
expect-text recorded
print-negative
expect-text 数据造假或弄虚作假 | 是 | 信用中国 | $today
expect-text 严重质量问题 | 未核查
firm-negative quality no - $today
expect-text names the source checked
firm-negative quality no 国家企业信用信息公示系统 $tomorrow
expect-text in the future
expect-enabled negative-record yes
expect-enabled revoke-title no
expect-enabled surrender-title yes
close-dialog
search 改名测试
wait
expect-count 1
search
login clerk ladder-demo
approve self-approval must be refused
expect-text may not
login reviewer ladder-demo
decide approve $tomorrow - dated tomorrow
expect-text is in the future
decide approve 2019-01-01 - dated before the submission
expect-text before
decide approve 2020-13-01 - not a date
expect-text Decision date
decide approve $today - checked at city level
expect-text province
login reviewer ladder-demo
approve the same reviewer again
expect-text reviewer
login reviewer2 ladder-demo
wait
print
expect-text Applications waiting for my decision: 4
today-open 1
print
expect-text Applications waiting for my decision: 4 applications
decide approve $today 赣工信字〔2020〕12号 checked at province level
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
pictures
wait
print
expect-text places=11
expect-text flow
expect-text series=
drill-down 3601
print
expect-text 南昌市各县（市、区）
expect-text 东湖区
expect-enabled whole-province yes
show-city 360102
sleep 800
close-dialog
print
expect-text city 360102
drill-down
print
expect-text places=11
report pdf $work/report.pdf
wait
expect-file $work/report.pdf
report xlsx $work/report.xlsx
wait
expect-file $work/report.xlsx
login clerk ladder-demo
object $tomorrow A competitor writes that the revenue figure is wrong
expect-text is in the future
today $tomorrow
object $tomorrow A competitor writes that the revenue figure is wrong
expect-text Objection recorded
login reviewer ladder-demo
close-publicity $today clean closed too early
expect-text close it after that day
today $later
close-publicity $later clean no objection?
expect-text say whether it was dismissed or upheld
close-publicity $later dismissed the audited accounts confirm the revenue
expect-text recognition
today
set-quota 36 specialized 777
expect-text may not edit quotas
login admin ladder-demo
set-quota 36 specialized -5
expect-text cannot be negative
set-quota 36 specialized 777
expect-text Quota saved
set-target 2028 high_tech -1
expect-text 0 or more
set-target 2028 high_tech 9000
expect-text Target saved
wait
print
expect-text quota=777
expect-text target=9000
login clerk ladder-demo
listing $code
listing-stage filed $today skipping stages
expect-text the next listing stage of $code is reserve
listing-stage reserve $today entered the provincial reserve list
expect-text recorded
listing-review confirm as the clerk
expect-text may not
login reviewer ladder-demo
listing-review confirm board minutes checked
expect-text confirmed
print
expect-text reserve $today confirmed
screenshot $out/05-listing.png
page 4
column-width rules-list 2 333
SCRIPT
    run_script en "$work/script.txt"
    # A width dragged in one session is the width of the next.
    printf 'page 4\nexpect-column-width rules-list 2 333\n' >"$work/widths.txt"
    run_script en "$work/widths.txt"
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
    status=0
    wait "$pid" || status=$?
    cat "$work/trace.txt"
    grep -v -e "Gtk-WARNING" -e "^$" "$work/err.txt" >&2 || true
    [ "$status" = 0 ] || { echo "ladder exited with status $status after Ctrl+Q" >&2; exit 1; }
    last="$(grep registry-count "$work/trace.txt" | tail -1 | cut -d' ' -f2)"
    first="$(grep registry-count "$work/trace.txt" | head -1 | cut -d' ' -f2)"
    [ "$first" = 500 ] || { echo "expected 500 firms at start, saw $first" >&2; exit 1; }
    [ -n "$last" ] && [ "$last" -lt 500 ] && [ "$last" -gt 0 ] || { echo "typing did not narrow the list ($last)" >&2; exit 1; }
    ;;
screenshots)
    code="$(sqlite3 "$db" "SELECT credit_code FROM firms ORDER BY credit_code LIMIT 1 OFFSET 7")"
    # A firm that climbed: two titles or more, for its journey.
    climber="$(sqlite3 "$db" "SELECT credit_code FROM recognitions GROUP BY credit_code HAVING COUNT(DISTINCT tier) >= 2 ORDER BY credit_code LIMIT 1")"
    titles="$(sqlite3 "$db" "SELECT COUNT(*) FROM recognitions WHERE credit_code = '$climber'")"
    # A bureau's file for the import wizard's pages (GBK, a title, money in 元, a bad cell).
    {
        printf '2019年度主要经济指标\n填报单位：测试局\n统一社会信用代码,年度,营业收入（元）,职工总数\n'
        sqlite3 "$db" "SELECT credit_code FROM firms ORDER BY credit_code LIMIT 3" |
            awk '{ printf "%s,2019,%d,%d\n", $1, 12345000 + NR, 50 + NR }'
        printf '91360100MA35XXXXX,2019,abc,10\n合计,,,\n'
    } | iconv -f UTF-8 -t GB18030 >"$work/clerk-figures.csv"
    # check-chinese: every shown text of every page and window reads Chinese (no ids, no English).
    # The demo's account names and the file's bad cell are data, not interface text.
    cat >"$work/script.txt" <<SCRIPT
data-words clerk reviewer admin abc
page 0
wait
check-chinese all
page 1
wait
check-chinese all
page 2
wait
check-chinese all
page 3
wait
check-chinese all
page 4
wait
check-chinese all
page 5
wait
check-chinese all
page 6
wait
check-chinese all
wizard $work/clerk-figures.csv
wizard-page 1
check-chinese import-wizard
wizard-page 2
check-chinese import-wizard
wizard-page 3
check-chinese import-wizard
wizard-page 4
check-chinese import-wizard
wizard-page 5
check-chinese import-wizard
close-dialog
page 7
wait
print
check-chinese all
expect-text 待补数据的企业
screenshot $out/today-clerk.png
search $climber
wait
expect-count 1
open-firm 0
firm-page 4
print-journey
expect-text 下一梯度
expect-text 有效期
check-layout FirmDialog
screenshot $out/firm-journey.png
close-dialog
search
wait
wait
search 南昌
wait
screenshot $out/registry.png
search
open-firm 3
firm-page 3
firm-tier specialized
print-eligibility
check-chinese FirmDialog
screenshot $out/firm-eligibility.png
firm-page 0
check-chinese FirmDialog
firm-page 2
check-chinese FirmDialog
firm-page 4
check-chinese FirmDialog
firm-page 1
check-chinese FirmDialog
screenshot $out/firm-figures.png
firm-submit
close-dialog
login reviewer ladder-demo
wait
print
expect-text 待我审核的申报: 4
screenshot $out/today-reviewer.png
page 1
wait
check-chinese all
screenshot $out/review.png
quota
wait
check-chinese all
screenshot $out/quota.png
pictures
wait
check-chinese all
screenshot $out/pictures.png
login clerk ladder-demo
listing $code
listing-stage reserve 2020-03-02 列入省级上市后备企业库
expect-text 已登记
login reviewer ladder-demo
listing-review confirm 已核对董事会决议
expect-text 已确认
login clerk ladder-demo
listing-stage share_reform 2020-09-15 完成股份制改造，待审核确认
expect-text 已登记
screenshot $out/listing.png
check-chinese all
page 4
check-chinese all
screenshot $out/rules.png
SCRIPT
    run_script zh_CN "$work/script.txt"
    ;;
layouts)
    # A bureau's file: GBK, a title above the header, money in 元, a total row, a bad cell, and
    # enough rows that every grid of the wizard has more than it can show.
    {
        printf '2019年度主要经济指标\n填报单位：测试局\n统一社会信用代码,年度,营业收入（元）,职工总数,研发费用（元）\n'
        sqlite3 "$db" "SELECT credit_code FROM firms ORDER BY credit_code LIMIT 120" |
            awk '{ printf "%s,2019,%d,%d,%d\n", $1, 12345000 + NR, 50 + NR, 480000 + NR }'
        printf '91360100MA35XXXXX,2019,abc,10,1\n合计,,,,\n'
    } | iconv -f UTF-8 -t GB18030 >"$work/clerk-figures.csv"
    for lang in en zh_CN; do
        {
            echo wait
            echo "check-layout all"
            # Every page of the main window from the keyboard (login as admin: every button on).
            echo "login admin ladder-demo"
            for page in 7 0 1 2 8 3 4 5 6; do
                echo "page $page"
                echo wait
                echo "check-keyboard MainFrame"
            done
            echo "login clerk ladder-demo"
            echo "wizard $work/clerk-figures.csv"
            for page in 1 2 3 4 5; do
                echo "wizard-page $page"
                echo "check-layout import-wizard"
                echo "check-keyboard import-wizard"
                echo "screenshot $out/$lang-wizard-$page.png"
            done
            echo close-dialog
            echo "open-firm 0"
            for page in 0 1 2 3 4; do
                echo "firm-page $page"
                echo "check-layout FirmDialog"
                echo "check-keyboard FirmDialog"
            done
            echo "screenshot $out/$lang-firm.png"
            echo "firm-submit-dialog"
            echo "sleep 300"
            echo "check-layout submit-dialog"
            echo "check-keyboard submit-dialog"
            echo "print-list submit-tier"
            echo "expect-text 2* "
            echo "screenshot $out/$lang-submit.png"
            echo close-dialog
            echo close-dialog
        } >"$work/script.txt"
        run_script "$lang" "$work/script.txt"
    done
    ;;
startup)
    # Intact: no warning. Then one edited audit entry: the warning names it, in red, at the top.
    printf 'wait\nprint-warning\n' >"$work/intact.txt"
    run_script en "$work/intact.txt"
    grep -q "^warning: $" "$work/log.txt" || { echo "a warning was shown on an intact audit trail" >&2; exit 1; }
    # Settings that cannot be written (no home directory to write to): said on stderr at exit,
    # not a crash.
    (HOME="$db/home" XDG_CONFIG_HOME="$db/config" run_script en "$work/intact.txt")
    sqlite3 "$db" "UPDATE audit_log SET after_value = 'firms=5000' WHERE id = 1"
    cat >"$work/script.txt" <<SCRIPT
wait
print-warning
expect-text audit trail is broken at entry 1
screenshot $out/audit-broken.png
SCRIPT
    run_script en "$work/script.txt"
    grep -q "audit trail is broken at entry 1" "$work/err.txt" || { echo "the broken trail was not logged" >&2; exit 1; }

    # Connection dialog from the menu: a server that refuses, then another SQLite registry.
    "$cli" --db "$work/other.db" demo --firms 120 >/dev/null
    cat >"$work/script.txt" <<SCRIPT
wait
connect postgresql 127.0.0.1 1 ladder clerk s3cret disable
expect-text postgresql://host=127.0.0.1 port=1 dbname=ladder user=clerk sslmode=disable connect_timeout=10 password=***
expect-text 127.0.0.1
expect-count 500
connect postgresql db.example.org 5432 ladder clerk - require
expect-text postgresql://host=db.example.org port=5432 dbname=ladder user=clerk sslmode=require connect_timeout=10
connect sqlite $work/other.db
expect-text Connected: SQLite
wait
expect-count 120
print-warning
screenshot $out/reconnected.png
SCRIPT
    run_script en "$work/script.txt"
    ! grep -v "^> connect" "$work/log.txt" | grep -q "s3cret" || { echo "the password was shown" >&2; exit 1; }
    config="$(grep -rl "other.db" "$HOME" "$XDG_CONFIG_HOME" 2>/dev/null | head -1 || true)"
    [ -n "$config" ] || { echo "the connection was not remembered" >&2; exit 1; }
    ! grep -q "s3cret" "$config" || { echo "the password was written to $config" >&2; exit 1; }

    # No --db, the remembered registry gone and the default one unreadable (a directory):
    # the connection dialog opens first; typing a file's path and Enter opens the window on it.
    rm -rf "$work/other.db"* "$config"
    mkdir -p "$XDG_DATA_HOME/ladder/ladder.db"
    LADDER_TRACE=1 timeout 120 "$ladder" --lang en >"$work/trace.txt" 2>"$work/err.txt" &
    pid=$!
    win="$(xdotool search --sync --onlyvisible --name "Connect to a database" | head -1)"
    grep -q "connection-dialog" "$work/trace.txt" || { echo "no connection dialog at start" >&2; exit 1; }
    sleep 0.5
    import -window root "$out/connection-dialog.png"
    xdotool windowfocus --sync "$win"
    xdotool key ctrl+a
    xdotool type --delay 20 "$db"
    xdotool key Return
    for _ in $(seq 50); do grep -q "registry-count" "$work/trace.txt" && break; sleep 0.2; done
    grep -q "registry-count" "$work/trace.txt" || xdotool key alt+o
    for _ in $(seq 50); do grep -q "registry-count" "$work/trace.txt" && break; sleep 0.2; done
    xdotool key ctrl+q
    status=0
    wait "$pid" || status=$?
    cat "$work/trace.txt"
    grep -v -e "Gtk-WARNING" -e "^$" "$work/err.txt" >&2 || true
    [ "$status" = 0 ] || { echo "ladder exited with status $status after Ctrl+Q" >&2; exit 1; }
    first="$(grep registry-count "$work/trace.txt" | head -1 | cut -d' ' -f2)"
    [ "$first" = 500 ] || { echo "expected the 500-firm registry after the dialog, saw '$first'" >&2; exit 1; }
    ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
