#include "model/annual_report.hpp"

#include <map>

#include <fmt/format.h>

#include "model/industry.hpp"
#include "model/money.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

std::vector<AnnualTallyRow> annual_tally_rows(const TallyInput& in, const ProjectionFacts* facts) {
    std::vector<AnnualTallyRow> rows;
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    for (TallyRow& base : compute_tally(in)) {
        AnnualTallyRow row;
        static_cast<TallyRow&>(row) = std::move(base);
        index[{row.group, row.tier}] = rows.size();
        rows.push_back(std::move(row));
    }
    if (!facts) return rows;
    auto add = [&](const std::unordered_map<std::string, std::set<std::string>>& by_firm,
                   const std::string& group, const std::string& code,
                   std::size_t AnnualTallyRow::*column) {
        auto it = by_firm.find(code);
        if (it == by_firm.end()) return;
        for (const auto& tier : it->second) {
            auto r = index.find({group, tier});
            if (r != index.end()) ++(rows[r->second].*column);
        }
    };
    for (const Firm& firm : *in.firms) {
        std::string group = tally_group_of(firm, in.grouping);
        if (group.empty()) continue;
        add(facts->pending, group, firm.credit_code, &AnnualTallyRow::pending);
        add(facts->candidates, group, firm.credit_code, &AnnualTallyRow::candidates);
        add(facts->expiring, group, firm.credit_code, &AnnualTallyRow::expiring);
        add(facts->at_risk, group, firm.credit_code, &AnnualTallyRow::at_risk);
    }
    return rows;
}

std::string tally_group_label(const std::string& group, TallyGrouping grouping) {
    if (grouping == TallyGrouping::Chain) {
        const Chain* c = find_chain(group);
        return c ? std::string(c->zh) : group;
    }
    return RegionTable::shipped().name(group);
}

namespace {

using Kind = ReportColumn::Kind;

std::string fraction(std::size_t part, int64_t whole) {
    if (whole <= 0) return {};
    return fmt::format("{:.4f}", static_cast<double>(part) / static_cast<double>(whole));
}

// fen → 亿元 with two decimals, rounded half away from zero (a hundredth of 亿元 is 10^8 fen).
// 128 bits: the province's total of the chains may exceed int64 fen.
std::string yi_from_fen(int128 fen) {
    constexpr int128 kFenPerYiHundredth = 100'000'000;
    int128 half = kFenPerYiHundredth / 2;
    int128 yi_hundredths = (fen >= 0 ? fen + half : fen - half) / kFenPerYiHundredth;
    return format_hundredths(static_cast<int64_t>(yi_hundredths));
}

std::string tier_zh(const RuleSet& rules, const std::string& tier) {
    const TierRules* t = rules.find_tier(tier);
    return t ? t->zh : tier;
}

std::string grouping_title(TallyGrouping g) {
    switch (g) {
        case TallyGrouping::Province:
            return "全省";
        case TallyGrouping::City:
            return "设区市";
        case TallyGrouping::County:
            return "县（市、区）";
        case TallyGrouping::Chain:
            return "产业链";
    }
    return "";
}

ReportTable tally_table(const AnnualReportInput& in, TallyGrouping grouping,
                        const std::vector<AnnualTallyRow>& rows) {
    ReportTable t;
    t.sheet_name = grouping_title(grouping);
    t.title = fmt::format("{}梯度培育新增与目标（按{}）", in.year, grouping_title(grouping));
    t.columns = {{grouping == TallyGrouping::Chain ? "产业链代码" : "区划代码", Kind::text},
                 {"名称", Kind::text},
                 {"梯度", Kind::text},
                 {"目标数", Kind::integer},
                 {"年初数", Kind::integer},
                 {"新增", Kind::integer},
                 {"退出", Kind::integer},
                 {"年末数", Kind::integer},
                 {"完成率", Kind::percent},
                 {"在审", Kind::integer},
                 {"潜在", Kind::integer},
                 {"预计新增", Kind::integer},
                 {"到期", Kind::integer},
                 {"到期风险", Kind::integer}};
    std::size_t sums[10] = {};
    int64_t quota_sum = 0;
    std::size_t added_with_quota = 0;
    for (const AnnualTallyRow& r : rows) {
        t.rows.push_back({r.group, tally_group_label(r.group, grouping), tier_zh(*in.rules, r.tier),
                          r.quota ? std::to_string(*r.quota) : "", std::to_string(r.holders_start),
                          std::to_string(r.added), std::to_string(r.exited),
                          std::to_string(r.holders_end), r.quota ? fraction(r.added, *r.quota) : "",
                          std::to_string(r.pending), std::to_string(r.candidates),
                          std::to_string(r.projected()), std::to_string(r.expiring),
                          std::to_string(r.at_risk)});
        if (r.quota) {
            quota_sum += *r.quota;
            added_with_quota += r.added;
        }
        std::size_t values[] = {r.holders_start, r.added,    r.exited,
                                r.holders_end,   r.pending,  r.candidates,
                                r.projected(),   r.expiring, r.at_risk};
        for (std::size_t i = 0; i < std::size(values); ++i) sums[i] += values[i];
    }
    t.totals = {"合计",
                "",
                "",
                quota_sum ? std::to_string(quota_sum) : "",
                std::to_string(sums[0]),
                std::to_string(sums[1]),
                std::to_string(sums[2]),
                std::to_string(sums[3]),
                fraction(added_with_quota, quota_sum),
                std::to_string(sums[4]),
                std::to_string(sums[5]),
                std::to_string(sums[6]),
                std::to_string(sums[7]),
                std::to_string(sums[8])};
    t.note =
        "新增：当年认定且上年末未持有该梯度的企业；在审：已提交或公示中的申请；潜在：按规则符合条件"
        "、"
        "尚未申请的企业；到期风险：当年到期未续且已不符合条件的企业。";
    return t;
}

}  // namespace

std::string audit_head_line(const std::string& audit_head) {
    return fmt::format("审计链头：{}（用 ladder-cli audit verify --anchor 核验）", audit_head);
}

Report build_annual_report(const AnnualReportInput& in) {
    Report report;
    report.title = fmt::format("{}企业梯度培育 {} 年度统计", in.province_name, in.year);
    report.subtitle = fmt::format("规则：{}（{}）  {}", in.rules->name, in.rules->id, in.generated);
    report.audit_head = in.audit_head;

    for (const auto& [grouping, rows] : in.tallies) {
        if (grouping != TallyGrouping::Province) continue;
        BarChart chart;
        chart.title = "各梯度新增与目标";
        BarChart::Series added{"新增", {}}, quota{"目标", {}};
        for (const AnnualTallyRow& r : rows) {
            chart.categories.push_back(tier_zh(*in.rules, r.tier));
            added.values.push_back(static_cast<double>(r.added));
            quota.values.push_back(r.quota ? static_cast<double>(*r.quota) : 0.0);
        }
        chart.series = {added, quota};
        report.charts.push_back(std::move(chart));
    }
    for (const auto& [grouping, rows] : in.tallies)
        report.tables.push_back(tally_table(in, grouping, rows));

    ReportTable chains;
    chains.sheet_name = "产业链营收";
    chains.title = fmt::format("“2+6+N”产业链营业收入（{} 年）与 2020 年目标", in.revenue_year);
    chains.columns = {{"产业链", Kind::text},
                      {"名称", Kind::text},
                      {"企业数", Kind::integer},
                      {"填报企业数", Kind::integer},
                      {"营业收入（亿元）", Kind::decimal},
                      {"目标（亿元）", Kind::integer},
                      {"完成率", Kind::percent}};
    std::size_t firms = 0, reporting = 0;
    int128 revenue = 0;
    int64_t target_sum = 0;
    for (const ChainRevenueRow& r : in.chain_revenue) {
        std::string share;
        if (r.target_yi && *r.target_yi > 0)
            share = fmt::format("{:.4f}", static_cast<double>(r.revenue_fen) / 1e10 / *r.target_yi);
        chains.rows.push_back({r.chain, r.zh, std::to_string(r.firms),
                               std::to_string(r.firms_reporting), yi_from_fen(r.revenue_fen),
                               r.target_yi ? std::to_string(*r.target_yi) : "", share});
        firms += r.firms;
        reporting += r.firms_reporting;
        revenue += r.revenue_fen;
        target_sum += r.target_yi.value_or(0);
    }
    chains.totals = {"合计",
                     "",
                     std::to_string(firms),
                     std::to_string(reporting),
                     yi_from_fen(revenue),
                     std::to_string(target_sum),
                     ""};
    chains.note =
        "营业收入为企业库中该产业链企业填报数之和（万元折算为亿元）；目标为 2020 "
        "年工作要点确定的产业链营业收入目标。";
    report.tables.push_back(std::move(chains));

    ReportTable expiring;
    expiring.sheet_name = "到期复核";
    expiring.title = fmt::format("{} 年到期的认定及复核风险", in.year);
    expiring.columns = {
        {"统一社会信用代码", Kind::text}, {"企业名称", Kind::text}, {"梯度", Kind::text},
        {"有效期止", Kind::text},         {"已续期", Kind::text},   {"是否仍符合条件", Kind::text},
        {"未通过/缺少的条件", Kind::text}};
    for (const ExpiringTitle& e : in.expiring) {
        std::string status = e.verdict == TierVerdict::eligible     ? "符合"
                             : e.verdict == TierVerdict::ineligible ? "不符合"
                                                                    : "资料不全";
        std::string reasons;
        // The criteria by their Chinese names, as the rest of the report.
        auto zh = [&](const std::string& id) {
            const Criterion* c = in.rules ? in.rules->find_criterion(id) : nullptr;
            return c && !c->zh.empty() ? c->zh : id;
        };
        for (const auto& id : e.failed) reasons += (reasons.empty() ? "" : "；") + zh(id);
        for (const auto& id : e.missing)
            reasons += (reasons.empty() ? "" : "；") + zh(id) + "（缺资料）";
        expiring.rows.push_back({e.credit_code, e.firm_name, tier_zh(*in.rules, e.tier),
                                 e.valid_to.to_string(), e.renewed ? "是" : "否", status, reasons});
    }
    report.tables.push_back(std::move(expiring));
    return report;
}

}  // namespace ladder
