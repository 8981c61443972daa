#include "model/annual_report.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <map>

#include <fmt/format.h>

#include "model/errors.hpp"
#include "model/i18n.hpp"
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
    if (grouping == TallyGrouping::chain) {
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
        case TallyGrouping::province:
            return "全省";
        case TallyGrouping::city:
            return "设区市";
        case TallyGrouping::county:
            return "县（市、区）";
        case TallyGrouping::chain:
            return "产业链";
    }
    return "";
}

const std::vector<AnnualTallyRow>* rows_of(const AnnualReportInput& in, TallyGrouping g) {
    for (const auto& [grouping, rows] : in.tallies)
        if (grouping == g) return &rows;
    return nullptr;
}

std::vector<std::string> tier_ids(const AnnualReportInput& in) {
    std::vector<std::string> ids;
    for (const auto& t : in.rules->tiers) ids.push_back(t.id);
    return ids;
}

const char* const kTallyNote =
    "新增：当年认定且上年末未持有该梯度的企业；在审：已提交或公示中的申请；潜在：按规则符合条件、"
    "尚未申请的企业；到期风险：当年到期未续且已不符合条件的企业。各梯度口径不同，不相加。";

// One row per group and tier with every count and the projection; a group's rows are one
// block. No totals: the tiers are different things and do not add up.
ReportTable tally_table(const AnnualReportInput& in, TallyGrouping grouping,
                        const std::vector<AnnualTallyRow>& rows) {
    ReportTable t;
    t.sheet_name = grouping_title(grouping);
    t.title =
        fmt::format("{} 年梯度培育新增与目标任务明细（按{}）", in.year, grouping_title(grouping));
    t.unit = "单位：家";
    t.columns = {
        {"名称", Kind::text},       {"梯度", Kind::text},        {"目标任务数", Kind::integer},
        {"年初数", Kind::integer},  {"新增", Kind::integer},     {"退出", Kind::integer},
        {"年末数", Kind::integer},  {"完成率", Kind::percent},   {"在审", Kind::integer},
        {"潜在", Kind::integer},    {"预计新增", Kind::integer}, {"到期", Kind::integer},
        {"到期风险", Kind::integer}};
    int block = -1;
    std::string last_group;
    for (const AnnualTallyRow& r : rows) {
        if (r.group != last_group) ++block, last_group = r.group;
        t.rows.push_back({tally_group_label(r.group, grouping), tier_zh(*in.rules, r.tier),
                          r.quota ? std::to_string(*r.quota) : "", std::to_string(r.holders_start),
                          std::to_string(r.added), std::to_string(r.exited),
                          std::to_string(r.holders_end), r.quota ? fraction(r.added, *r.quota) : "",
                          std::to_string(r.pending), std::to_string(r.candidates),
                          std::to_string(r.projected()), std::to_string(r.expiring),
                          std::to_string(r.at_risk)});
        t.blocks.push_back(block);
    }
    t.note = kTallyNote;
    return t;
}

// Rows: the 11 cities and the province; per tier three columns: new, target, completion.
ReportTable city_matrix(const AnnualReportInput& in) {
    ReportTable t;
    t.sheet_name = "市×梯度";
    t.title = fmt::format("{} 年各设区市梯度培育新增与目标完成情况", in.year);
    t.unit = "单位：家";
    std::vector<std::string> tiers = tier_ids(in);
    t.columns.push_back({"设区市", Kind::text});
    t.header_groups.emplace_back("", 1);
    for (const auto& tier : tiers) {
        t.header_groups.emplace_back(tier_zh(*in.rules, tier), 3);
        t.columns.push_back({"新增", Kind::integer});
        t.columns.push_back({"目标", Kind::integer});
        t.columns.push_back({"完成率", Kind::percent});
    }
    std::map<std::pair<std::string, std::string>, const AnnualTallyRow*> cell;
    for (auto g : {TallyGrouping::city, TallyGrouping::province})
        if (const auto* rows = rows_of(in, g))
            for (const auto& r : *rows) cell[{r.group, r.tier}] = &r;
    std::vector<std::string> places;
    const RegionTable& regions = RegionTable::shipped();
    for (const Region* city : regions.children("36")) places.push_back(city->code);
    places.push_back("36");
    for (const auto& place : places) {
        std::vector<std::string> row{place == "36" ? "全省" : regions.name(place)};
        for (const auto& tier : tiers) {
            auto it = cell.find({place, tier});
            const AnnualTallyRow* r = it == cell.end() ? nullptr : it->second;
            std::size_t added = r ? r->added : 0;
            int64_t quota = r && r->quota ? *r->quota : -1;  // -1: none set
            row.push_back(std::to_string(added));
            row.push_back(quota >= 0 ? std::to_string(quota) : "");
            row.push_back(quota >= 0 ? fraction(added, quota) : "");
        }
        t.rows.push_back(std::move(row));
        t.subtotal.push_back(place == "36");
    }
    t.note =
        "新增：当年认定且上年末未持有该梯度的企业；完成率＝新增÷目标，目标未下达的留空。"
        "全省行为全省统计数与全省目标。";
    return t;
}

// Rows: counties grouped by city, each city closed by its subtotal (the sum of its counties,
// tier by tier); columns per tier: new and holders at the end of the year.
ReportTable county_matrix(const AnnualReportInput& in) {
    ReportTable t;
    t.sheet_name = "县（市、区）";
    t.title = fmt::format("{} 年各县（市、区）梯度培育新增与年末数", in.year);
    t.unit = "单位：家";
    std::vector<std::string> tiers = tier_ids(in);
    t.columns.push_back({"县（市、区）", Kind::text});
    t.header_groups.emplace_back("", 1);
    for (const auto& tier : tiers) {
        t.header_groups.emplace_back(tier_zh(*in.rules, tier), 2);
        t.columns.push_back({"新增", Kind::integer});
        t.columns.push_back({"年末数", Kind::integer});
    }
    const auto* rows = rows_of(in, TallyGrouping::county);
    if (!rows) return t;
    std::map<std::string, std::map<std::string, const AnnualTallyRow*>> by_county;
    for (const auto& r : *rows) by_county[r.group][r.tier] = &r;
    const RegionTable& regions = RegionTable::shipped();
    int block = -1;
    std::string city;
    std::vector<std::size_t> sums;
    auto close_city = [&] {
        if (city.empty()) return;
        std::vector<std::string> row{regions.name(city) + "小计"};
        for (std::size_t v : sums) row.push_back(std::to_string(v));
        t.rows.push_back(std::move(row));
        t.subtotal.push_back(true);
        t.blocks.push_back(block);
    };
    for (const auto& [county, by_tier] : by_county) {
        if (city_of(county) != city) {
            close_city();
            city = city_of(county);
            ++block;
            sums.assign(2 * tiers.size(), 0);
        }
        std::vector<std::string> row{regions.name(county)};
        for (std::size_t i = 0; i < tiers.size(); ++i) {
            auto it = by_tier.find(tiers[i]);
            std::size_t added = it == by_tier.end() ? 0 : it->second->added;
            std::size_t held = it == by_tier.end() ? 0 : it->second->holders_end;
            row.push_back(std::to_string(added));
            row.push_back(std::to_string(held));
            sums[2 * i] += added;
            sums[2 * i + 1] += held;
        }
        t.rows.push_back(std::move(row));
        t.subtotal.push_back(false);
        t.blocks.push_back(block);
    }
    close_city();
    t.note = "小计为该市所列县（市、区）之和；只填报到设区市的企业不计入县表。";
    return t;
}

std::string criterion_name(const RuleSet& rules, const std::string& id) {
    const Criterion* c = rules.find_criterion(id);
    return c ? c->zh : id;
}

}  // namespace

namespace {

// The places of `shapes` coloured by the completion of their target in `tier` where targets are
// set, else by their additions against the place with the most; `places` names them in the
// title ("各设区市", "南昌市各县（市、区）").
MapFigure region_map(const AnnualReportInput& in, TallyGrouping grouping,
                     std::vector<RegionShape> shapes, const std::string& tier,
                     const std::string& places) {
    MapFigure m;
    std::map<std::string, const AnnualTallyRow*> by_city;
    bool targets = false;
    std::size_t most = 0;
    if (const auto* rows = rows_of(in, grouping))
        for (const auto& r : *rows)
            if (r.tier == tier) {
                by_city[r.group] = &r;
                targets = targets || (r.quota && *r.quota > 0);
                most = std::max(most, r.added);
            }
    m.title = fmt::format("{} 年{}{}{}", in.year, places, tier_zh(*in.rules, tier),
                          targets ? "目标完成率" : "新增数");
    m.legend = targets ? "颜色：新增÷目标（灰色：未下达目标）"
                       : fmt::format("颜色：新增数÷{}最多新增数",
                                     grouping == TallyGrouping::city ? "各市" : "各县（市、区）");
    m.shapes = std::move(shapes);
    for (const auto& shape : m.shapes) {
        auto it = by_city.find(shape.code);
        const AnnualTallyRow* r = it == by_city.end() ? nullptr : it->second;
        std::size_t added = r ? r->added : 0;
        if (targets) {
            bool has = r && r->quota && *r->quota > 0;
            m.shares.push_back(has ? std::optional<double>(static_cast<double>(added) /
                                                           static_cast<double>(*r->quota))
                                   : std::nullopt);
            m.labels.push_back(has ? fmt::format("{}/{}", added, *r->quota)
                                   : std::to_string(added));
        } else {
            m.shares.push_back(
                most ? std::optional<double>(static_cast<double>(added) / static_cast<double>(most))
                     : std::nullopt);
            m.labels.push_back(fmt::format("新增 {}", added));
        }
    }
    return m;
}

}  // namespace

MapFigure city_map(const AnnualReportInput& in, const std::string& tier) {
    return region_map(in, TallyGrouping::city, in.city_shapes, tier, "各设区市");
}

MapFigure county_map(const AnnualReportInput& in, const std::string& city,
                     const std::string& tier) {
    std::vector<RegionShape> shapes;
    for (const auto& s : in.county_shapes)
        if (s.code.starts_with(city)) shapes.push_back(s);
    return region_map(in, TallyGrouping::county, std::move(shapes), tier,
                      RegionTable::shipped().name(city) + "各县（市、区）");
}

std::vector<TrendPoint> tier_trend(const TallyInput& base, int first_year, int last_year) {
    std::vector<TrendPoint> points;
    for (int y = first_year; y <= last_year; ++y) {
        TallyInput in = base;
        in.year = y;
        in.grouping = TallyGrouping::province;
        in.quota = nullptr;
        for (const TallyRow& r : compute_tally(in))
            points.push_back({y, r.tier, r.holders_end, r.added});
    }
    return points;
}

int first_recognition_year(const std::vector<Recognition>& recognitions, int fallback) {
    int first = fallback;
    for (const auto& r : recognitions) first = std::min(first, r.valid_from.year());
    return first;
}

FlowMove flow_move(std::size_t from, std::size_t to) {
    if (from == 0) return FlowMove::entered;
    if (to == 0) return FlowMove::lapsed;
    if (to > from) return FlowMove::climbed;
    if (to < from) return FlowMove::stepped_down;
    return FlowMove::held;
}

std::size_t TierFlow::count(FlowMove move) const {
    std::size_t n = 0;
    for (const auto& [key, firms] : counts)
        if (flow_move(key.first, key.second) == move) n += firms;
    return n;
}

TierFlow tier_flow(const std::vector<Recognition>& recognitions, const TierCatalog& tiers,
                   const std::vector<std::string>& ladder, int year) {
    return tier_flow(recognitions, tiers, ladder, year, year);
}

std::map<FlowMove, std::size_t> revoked_drops(const TierFlow& flow,
                                              const std::vector<TitleExit>& exits,
                                              const std::vector<std::string>& ladder) {
    const Date start(flow.first_year - 1, 12, 31), end(flow.last_year, 12, 31);
    std::map<FlowMove, std::size_t> out;
    for (const TitleExit& e : exits) {
        if (e.cause != ExitCause::revoked && e.cause != ExitCause::surrendered) continue;
        if (!(start < e.exit_on) || end < e.exit_on) continue;
        auto it = flow.dropped.find(e.credit_code);
        if (it == flow.dropped.end() || it->second.first == 0) continue;
        if (ladder[it->second.first - 1] != e.tier) continue;
        ++out[flow_move(it->second.first, it->second.second)];
    }
    return out;
}

TierFlow tier_flow(const std::vector<Recognition>& recognitions, const TierCatalog& tiers,
                   const std::vector<std::string>& ladder, int first_year, int last_year) {
    const Date start(first_year - 1, 12, 31), end(last_year, 12, 31);
    std::map<std::string, std::pair<std::size_t, std::size_t>> rung;  // firm → (start, end)
    for (const Recognition& r : recognitions) {
        auto it = std::find(ladder.begin(), ladder.end(), r.tier);
        if (it == ladder.end()) continue;
        std::size_t level = static_cast<std::size_t>(it - ladder.begin()) + 1;
        auto& [at_start, at_end] = rung[r.credit_code];
        if (recognition_covers(r, tiers, start)) at_start = std::max(at_start, level);
        if (recognition_covers(r, tiers, end)) at_end = std::max(at_end, level);
    }
    TierFlow flow;
    flow.first_year = first_year;
    flow.last_year = last_year;
    for (const auto& [code, levels] : rung) {
        if (levels.first || levels.second) ++flow.counts[levels];
        if (levels.second < levels.first) flow.dropped.emplace(code, levels);
    }
    return flow;
}

std::vector<RegionShape> load_region_shapes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({{file.filename().string(), 0, "", _("cannot be read")}});
    std::vector<RegionShape> shapes;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        auto fail = [&](const std::string& reason) {
            throw InputError({{file.filename().string(), number, "", reason}});
        };
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line.substr(std::min<std::size_t>(2, line.size())));
        if (line.starts_with("C ")) {
            RegionShape shape;
            if (!(words >> shape.code >> shape.name)) fail(_("a city needs a code and a name"));
            shapes.push_back(std::move(shape));
        } else if (line.starts_with("R ")) {
            if (shapes.empty()) fail(_("a ring before any city"));
            std::vector<std::pair<double, double>> ring;
            std::string point;
            while (words >> point) {
                long x = 0, y = 0;
                char comma = 0;
                std::istringstream p(point);
                if (!(p >> x >> comma >> y) || comma != ',') fail(_("a point is not x,y"));
                ring.emplace_back(static_cast<double>(x) / 1000, static_cast<double>(y) / 1000);
            }
            if (ring.size() < 3) fail(_("a ring needs three points"));
            shapes.back().rings.push_back(std::move(ring));
        } else {
            fail(_("a line starts with C, R or #"));
        }
    }
    return shapes;
}

std::vector<std::string> cultivation_ladder(const RuleSet& rules) {
    std::vector<std::string> ladder;
    for (const char* id :
         {"above_scale", "high_tech", "specialized", "little_giant", "single_champion"})
        if (rules.find_tier(id)) ladder.push_back(id);
    return ladder;
}

std::string audit_head_line(const std::string& audit_head) {
    return fmt::format("审计链头：{}（用 ladder-cli audit verify --anchor 核验）", audit_head);
}

Report build_annual_report(const AnnualReportInput& in) {
    Report report;
    report.title = fmt::format("{}企业梯度培育 {} 年度统计", in.province_name, in.year);
    report.subtitle = "规则：" + in.rules->name;  // the name, never the id
    if (!in.issuer.empty()) report.issuer = "报送单位：" + in.issuer;
    report.date = in.generated;
    report.unit = "单位：家（产业链营业收入：亿元）";
    report.audit_head = in.audit_head;

    for (const auto& [grouping, rows] : in.tallies) {
        if (grouping != TallyGrouping::province) continue;
        BarChart chart;
        chart.title = "各梯度新增与目标任务";
        BarChart::Series added{"新增", {}}, quota{"目标任务", {}};
        for (const AnnualTallyRow& r : rows) {
            chart.categories.push_back(tier_zh(*in.rules, r.tier));
            added.values.push_back(static_cast<double>(r.added));
            quota.values.push_back(r.quota ? static_cast<double>(*r.quota) : 0.0);
        }
        chart.series = {added, quota};
        report.charts.push_back(std::move(chart));
    }
    // The overview first (province, city × tier, counties by city), then the details.
    if (const auto* rows = rows_of(in, TallyGrouping::province))
        report.tables.push_back(tally_table(in, TallyGrouping::province, *rows));
    if (rows_of(in, TallyGrouping::city)) {
        report.tables.push_back(city_matrix(in));
        if (!in.city_shapes.empty())
            report.maps.push_back(city_map(in, in.rules->tiers.front().id));
    }
    // Drilled down: each city's counties, the same tier, a page each.
    if (rows_of(in, TallyGrouping::county) && !in.county_shapes.empty())
        for (const Region* city : RegionTable::shipped().children("36")) {
            MapFigure m = county_map(in, city->code, in.rules->tiers.front().id);
            if (!m.shapes.empty()) report.maps.push_back(std::move(m));
        }
    if (rows_of(in, TallyGrouping::county)) report.tables.push_back(county_matrix(in));
    for (auto g : {TallyGrouping::city, TallyGrouping::chain})
        if (const auto* rows = rows_of(in, g)) report.tables.push_back(tally_table(in, g, *rows));

    ReportTable chains;
    chains.sheet_name = "产业链营收";
    chains.unit = "单位：家，亿元";
    chains.title = fmt::format("“2+6+N”产业链营业收入（{} 年）与 2020 年目标", in.revenue_year);
    chains.columns = {{"产业链", Kind::text},          {"企业数", Kind::integer},
                      {"填报企业数", Kind::integer},   {"营业收入（亿元）", Kind::decimal},
                      {"目标（亿元）", Kind::integer}, {"完成率", Kind::percent}};
    std::size_t firms = 0, reporting = 0;
    int128 revenue = 0;
    int64_t target_sum = 0;
    for (const ChainRevenueRow& r : in.chain_revenue) {
        std::string share;
        if (r.target_yi && *r.target_yi > 0)
            share = fmt::format("{:.4f}", static_cast<double>(r.revenue_fen) / 1e10 / *r.target_yi);
        chains.rows.push_back({r.zh, std::to_string(r.firms), std::to_string(r.firms_reporting),
                               yi_from_fen(r.revenue_fen),
                               r.target_yi ? std::to_string(*r.target_yi) : "", share});
        firms += r.firms;
        reporting += r.firms_reporting;
        revenue += r.revenue_fen;
        target_sum += r.target_yi.value_or(0);
    }
    chains.totals = {"合计",
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
        for (const auto& id : e.failed)
            reasons += (reasons.empty() ? "" : "；") + criterion_name(*in.rules, id);
        for (const auto& id : e.missing)
            reasons += (reasons.empty() ? "" : "；") + criterion_name(*in.rules, id) + "（缺数据）";
        expiring.rows.push_back({e.credit_code, e.firm_name, tier_zh(*in.rules, e.tier),
                                 e.valid_to.to_string(), e.renewed ? "是" : "否", status, reasons});
    }
    report.tables.push_back(std::move(expiring));

    // Exits keep their cause: per tier, how many titles ended by expiry, a failed re-review, a
    // revocation or a surrender; then each exit other than an expiry, with its document.
    if (!in.ends.empty()) {
        constexpr ExitCause kCauses[] = {ExitCause::expired, ExitCause::failed_re_review,
                                         ExitCause::revoked, ExitCause::surrendered};
        std::map<std::string, std::array<std::size_t, std::size(kCauses)>> by_tier;
        for (const TitleEnd& e : in.ends) ++by_tier[e.tier][static_cast<std::size_t>(e.cause)];
        ReportTable causes;
        causes.sheet_name = "称号退出";
        causes.title = fmt::format("{} 年称号退出及原因", in.year);
        causes.unit = "单位：家";
        causes.columns = {{"梯度", Kind::text}};
        for (ExitCause c : kCauses)
            causes.columns.push_back({std::string(exit_cause_zh(c)), Kind::integer});
        causes.columns.push_back({"合计", Kind::integer});
        // In the rule set's order of tiers, as every other table.
        for (const auto& t : in.rules->tiers) {
            auto it = by_tier.find(t.id);
            if (it == by_tier.end()) continue;
            std::vector<std::string> row{t.zh};
            std::size_t sum = 0;
            for (std::size_t n : it->second) {
                row.push_back(std::to_string(n));
                sum += n;
            }
            row.push_back(std::to_string(sum));
            causes.rows.push_back(std::move(row));
        }
        causes.note =
            "到期：有效期届满未续期；复核未通过：复核申请未获通过；"
            "撤销：因否决项或弄虚作假等撤销称号；主动放弃：企业申请放弃称号。"
            "一家企业可在多个梯度退出，故不跨梯度合计。";
        report.tables.push_back(std::move(causes));

        ReportTable detail;
        detail.sheet_name = "非到期退出";
        detail.title = fmt::format("{} 年撤销、放弃及复核未通过的称号", in.year);
        detail.columns = {
            {"统一社会信用代码", Kind::text}, {"梯度", Kind::text}, {"原因", Kind::text},
            {"退出日期", Kind::text},         {"文号", Kind::text}, {"说明", Kind::text}};
        for (const TitleEnd& e : in.ends)
            if (e.cause != ExitCause::expired)
                detail.rows.push_back({e.credit_code, tier_zh(*in.rules, e.tier),
                                       std::string(exit_cause_zh(e.cause)), e.ended_on.to_string(),
                                       e.doc_no, e.reason});
        if (!detail.rows.empty()) report.tables.push_back(std::move(detail));
    }

    if (!in.trend.empty()) {
        std::vector<int> years;
        for (const auto& p : in.trend)
            if (years.empty() || years.back() != p.year) years.push_back(p.year);
        LineChart holders{"各梯度年末持有企业数（家）", {}, {}};
        LineChart added{"各梯度当年新增企业数（家）", {}, {}};
        for (int y : years) {
            holders.categories.push_back(std::to_string(y));
            added.categories.push_back(std::to_string(y));
        }
        for (const auto& tier : tier_ids(in)) {
            BarChart::Series h{tier_zh(*in.rules, tier), {}}, a{tier_zh(*in.rules, tier), {}};
            for (int y : years) {
                auto it = std::find_if(in.trend.begin(), in.trend.end(), [&](const TrendPoint& p) {
                    return p.year == y && p.tier == tier;
                });
                h.values.push_back(it == in.trend.end() ? 0 : static_cast<double>(it->holders_end));
                a.values.push_back(it == in.trend.end() ? 0 : static_cast<double>(it->added));
            }
            holders.series.push_back(std::move(h));
            added.series.push_back(std::move(a));
        }
        report.trends = {std::move(holders), std::move(added)};
    }
    // The year's flow, then that of the trend's years; a firm that went down because its title
    // was revoked or surrendered is counted as such, not as a step down or a lapse.
    for (const auto* flow : {&in.flow, &in.flow_span}) {
        if (!*flow) continue;
        const TierFlow& f = **flow;
        FlowDiagram d;
        d.title = f.first_year == f.last_year
                      ? fmt::format("{0} 年梯度流动：{1} 年末 → {0} 年末（家）", f.last_year,
                                    f.last_year - 1)
                      : fmt::format("{0}—{1} 年梯度流动：{2} 年末 → {1} 年末（家）", f.first_year,
                                    f.last_year, f.first_year - 1);
        d.states.push_back("未在梯度");
        for (const auto& tier : in.flow_ladder) d.states.push_back(tier_zh(*in.rules, tier));
        for (const auto& [key, n] : f.counts) d.links.push_back({key.first, key.second, n});
        auto revoked = revoked_drops(f, in.exits, in.flow_ladder);
        d.summary = {
            {"新进入", f.count(FlowMove::entered)},
            {"晋级", f.count(FlowMove::climbed)},
            {"保持", f.count(FlowMove::held)},
            {"降级", f.count(FlowMove::stepped_down) - revoked[FlowMove::stepped_down]},
            {"退出", f.count(FlowMove::lapsed) - revoked[FlowMove::lapsed]},
            {"撤销或主动放弃", revoked[FlowMove::stepped_down] + revoked[FlowMove::lapsed]}};
        report.flows.push_back(std::move(d));
    }
    return report;
}

}  // namespace ladder
