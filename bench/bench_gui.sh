#!/usr/bin/env bash
# GUI benchmark: the desktop application on a large registry, driven by its own self-test
# harness (`ladder --self-test SCRIPT`) under Xvfb, timed by its trace lines (LADDER_TRACE):
#   - launch → first painted page of the registry ("first-page-painted", ms since the process
#     started, including opening the database and signing in);
#   - per keystroke of the search box: for each search string, every prefix is searched in turn
#     as a user types it ("search-painted": ms from the text change to the first rows of the
#     answer on screen, or to the empty list); the box's 50 ms debounce comes on top;
#   - peak RSS of the whole run (/usr/bin/time -v).
#
# Usage: bench/bench_gui.sh [--firms N] [--runs R] [--db FILE] [--search TEXT]...
#   --firms N   firms of the registry created when FILE does not exist (default 1000000)
#   --runs R    application starts (default 3); every start types every search string
#   --db FILE   the registry (default: a temporary one, made with `ladder-cli demo`)
#   --search S  a search string to type instead of the six below (repeat for more)
# LADDER_CLI and LADDER_GUI name the programs (default build/app/ladder-cli, build/app/ladder).
# Needs xvfb-run (xvfb), /usr/bin/time (time) and sqlite3. The last line is machine-readable:
#   gui firms=N launch_ms=… keystroke_ms=… keystroke_max_ms=… keystroke_cpu_ms=… rss_mb=…
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cli="${LADDER_CLI:-$root/build/app/ladder-cli}"
gui="${LADDER_GUI:-$root/build/app/ladder}"
firms=1000000
runs=3
db=""
custom_searches=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --firms) firms="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --db) db="$2"; shift 2 ;;
        --search) custom_searches+=("$2"); shift 2 ;;
        # Accepted for scripts/bench.sh, which passes the same options to every benchmark.
        --csv-dir | --year) shift 2 ;;
        -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "bench_gui.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
for tool in "$cli" "$gui" xvfb-run /usr/bin/time sqlite3; do
    command -v "$tool" >/dev/null || { echo "bench_gui.sh: $tool not found" >&2; exit 2; }
done
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_firms="$firms"
bench_runs="$runs"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -z "$db" ]]; then db="$work/registry.db"; fi
if [[ ! -f "$db" ]]; then
    echo "creating $db with $firms demo firms (a few minutes at 1,000,000) ..." >&2
    "$cli" --lang en --db "$db" demo --firms "$firms" >/dev/null
fi
# Bring the schema up to date once (building the search index of an older registry), untimed.
"$cli" --lang en --db "$db" init >/dev/null
firms="$(sqlite3 "$db" "SELECT COUNT(*) FROM firms")"
bench_firms="$firms"

# Search strings a clerk types: a city (two characters: no trigram, a walk of the list), a
# district's credit-code prefix, the legal form nearly every name contains, a trade word with
# about 4,000 matches (the index route at its largest), a rarer name fragment and one firm's
# full name.
sample_name="$(sqlite3 "$db" "SELECT name FROM firms WHERE credit_code >= '91361' ORDER BY credit_code LIMIT 1")"
sample_code="$(sqlite3 "$db" "SELECT substr(credit_code, 1, 10) FROM firms WHERE credit_code >= '91360702' ORDER BY credit_code LIMIT 1")"
searches=("南昌" "$sample_code" "有限公司" "微电子" "宜春恒峰" "$sample_name")
if [[ ${#custom_searches[@]} -gt 0 ]]; then searches=("${custom_searches[@]}"); fi

script="$work/script.txt"
{
    # The registry, not the start page (我的工作), is what the launch time is measured to.
    echo "page 0"
    echo "wait"
    for s in "${searches[@]}"; do
        # Each prefix, as the box holds it after each keystroke (UTF-8 characters, not bytes).
        n="$(printf '%s' "$s" | python3 -c 'import sys; print(len(sys.stdin.read()))')"
        for ((k = 1; k <= n; k++)); do
            echo "search $(printf '%s' "$s" | python3 -c "import sys; print(sys.stdin.read()[:$k])")"
            echo "wait"
        done
        echo "search"
        echo "wait"
    done
    echo "quit"
} >"$script"

export HOME="$work/home" XDG_CONFIG_HOME="$work/config" LANGUAGE= LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 GTK_A11Y=none
mkdir -p "$HOME"
export LADDER_USER=clerk LADDER_PASSWORD=ladder-demo LADDER_TRACE=1
launch="$work/launch.txt"
keys="$work/keys.txt"
rss="$work/rss.txt"
: >"$launch"
: >"$keys"
: >"$rss"
for ((run = 1; run <= runs; run++)); do
    echo "run $run/$runs ..." >&2
    out="$work/run$run.txt"
    if ! xvfb-run -a -s "-screen 0 1280x800x24" /usr/bin/time -v -o "$work/time$run.txt" \
        "$gui" --db "$db" --lang zh_CN --self-test "$script" >"$out" 2>"$work/err$run.txt"; then
        echo "bench_gui.sh: run $run failed" >&2
        tail -20 "$out" "$work/err$run.txt" >&2
        exit 1
    fi
    grep -q "self-test: passed" "$out" || { echo "bench_gui.sh: self-test did not pass" >&2; tail -20 "$out" >&2; exit 1; }
    grep -m1 "^first-page-painted" "$out" | sed 's/.* \([0-9]*\)ms.*/\1/' >>"$launch"
    # Per prefix: "search-painted 37ms …" (wall, keystroke to rows on screen), the list worker's
    # CPU for it ("registry-count N 12ms cpu=9ms"), and the search text.
    awk '/^> search ./ { s = substr($0, 10); cpu = "" }
         /^registry-count/ { for (i = 3; i <= NF; i++) if ($i ~ /^cpu=/) { cpu = substr($i, 5); sub("ms", "", cpu) } }
         /^search-painted/ { ms = $2; sub("ms", "", ms); if (s != "") print ms "\t" s "\t" cpu; s = "" }' \
        "$out" >>"$keys"
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time$run.txt" >>"$rss"
done

read -r l_med l_min l_max <<<"$(bench_stats <"$launch")"
read -r k_med k_min k_max <<<"$(cut -f1 "$keys" | bench_stats)"
read -r c_med c_min c_max <<<"$(cut -f3 "$keys" | grep . | bench_stats)"
rss_mb="$(sort -g "$rss" | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')"

echo "GUI on $firms firms, $runs starts under Xvfb (median, min–max):"
printf '  launch → first painted page   %8.0f ms (%.0f–%.0f)\n' "$l_med" "$l_min" "$l_max"
printf '  per keystroke, all searches   %8.0f ms (%.0f–%.0f), %d keystrokes\n' "$k_med" "$k_min" "$k_max" \
    "$(wc -l <"$keys")"
printf '  query CPU per keystroke        %8.0f ms (%.0f–%.0f) (count + first page on the list worker)\n' \
    "$c_med" "$c_min" "$c_max"
for s in "${searches[@]}"; do
    # Per search string: every prefix of it, over all runs.
    stats="$(awk -F'\t' -v s="$s" 'index(s, $2) == 1 { print $1 }' "$keys" | bench_stats)"
    cpu="$(awk -F'\t' -v s="$s" 'index(s, $2) == 1 && $3 != "" { print $3 }' "$keys" | bench_stats)"
    read -r m lo hi <<<"$stats"
    read -r cm _ cx <<<"$cpu"
    printf '    %-28s %6.0f ms (%.0f–%.0f)   cpu %4.0f ms (max %.0f)\n' "$s" "$m" "$lo" "$hi" "$cm" "$cx"
done
printf '  peak RSS                      %8s MB\n' "$rss_mb"
bench_record gui_launch ms "$l_med" "$l_min" "$l_max"
bench_record gui_keystroke ms "$k_med" "$k_min" "$k_max"
bench_record gui_rss rss_mb "$rss_mb" "$rss_mb" "$rss_mb"
bench_limit "GUI launch → first page (ms)" "$l_med" 1500 ms
bench_limit "GUI keystroke, slowest (ms)" "$k_max" 100 ms
bench_limit "GUI peak RSS (MB)" "$rss_mb" 1024 MB
echo "gui firms=$firms launch_ms=$l_med keystroke_ms=$k_med keystroke_max_ms=$k_max keystroke_cpu_ms=$c_med rss_mb=$rss_mb"
