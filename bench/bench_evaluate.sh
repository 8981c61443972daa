#!/usr/bin/env bash
# Evaluate: all tiers for all firms as the CSV contract, to /dev/null, against the sqlite3 shell
# selecting the figure columns the rules read for the assessment year (the I/O floor), also to
# /dev/null. Target ≤ 2.0×. Also the peak RSS of evaluate (target < 1 GB).
# Usage: bench/bench_evaluate.sh --firms N --runs R --db FILE [--year Y]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_parse_args "$@"

# The figures jiangxi-2020 reads for assessment year 2020 (figures_read(): every measure but
# rd_staff, fiscal years L−3..L = 2016–2019; sum_recorded(equity_financing) reads every year ≤ L,
# which is the same rows for a registry that starts in 2015 or later).
columns="revenue, main_revenue, hightech_revenue, lead_product_revenue, total_profit, net_profit,
  total_assets, total_liabilities, rd_expense, rd_domestic, equity_financing, valuation, employees,
  tech_staff, ip_class1, ip_class2, innovation_score, zjtx_score, rank_province, rank_global,
  quality_cert, own_brand, rd_institution, major_incident"
last=$((bench_year - 1))
first=$((bench_year - 4))
# `+year` keeps the shell on the primary key (credit code, year): the year index would turn a
# sequential scan into a million lookups.
anchor_sql="SELECT credit_code, year, $columns FROM figures WHERE +year BETWEEN $first AND $last"

echo "evaluate — $bench_firms firms, assessment year $bench_year"
bench_measure "evaluate ladder-cli" "$LADDER_CLI" --db "$bench_db" evaluate --year "$bench_year" --format csv
ours="$bench_cpu"
ours_wall="$bench_wall"
ours_rss="$bench_rss_mb"
bench_measure "evaluate sqlite3 anchor" sqlite3 -readonly "$bench_db" "$anchor_sql"
anchor="$bench_cpu"
anchor_wall="$bench_wall"
bench_ratio "evaluate (cpu)" "${ours%% *}" "${anchor%% *}" 2.0
bench_ratio "evaluate (wall)" "${ours_wall%% *}" "${anchor_wall%% *}" 2.0
bench_limit "evaluate peak RSS" "$ours_rss" 1024 MB
bench_record "evaluate peak RSS" "rss_mb" "$ours_rss" "" ""
