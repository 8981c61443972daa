#pragma once
// The yearly figures a firm reports (docs/import.md, figures). One catalogue drives import
// validation, storage columns, export and the rules engine, so a measure is named once.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ladder {

enum class MeasureKind {
    money,         // 万元, ≥ 0, stored as fen (millionths of 万元)
    signed_money,  // 万元, may be negative, stored as fen (millionths of 万元)
    count,         // whole number ≥ 0
    score,         // 0..100 with up to two decimals, stored as hundredths
    rank,          // whole number ≥ 1
    flag,          // yes/no (是/否), stored as 1/0
};

enum class Measure : std::size_t {
    revenue,
    main_revenue,
    hightech_revenue,
    lead_product_revenue,
    total_profit,
    net_profit,
    total_assets,
    total_liabilities,
    rd_expense,
    rd_domestic,
    equity_financing,
    valuation,
    employees,
    tech_staff,
    rd_staff,
    ip_class1,
    ip_class2,
    innovation_score,
    zjtx_score,
    rank_province,
    rank_global,
    quality_cert,
    own_brand,
    rd_institution,
    major_incident,
    // Schema 9: what a 2026 application (工信部企业〔2026〕2号) asks besides.
    cost_of_sales,
    net_assets,
    domestic_market_share,
    ip_class1_self,
    quality_score,
    common_control,
};
inline constexpr std::size_t kMeasureCount = 31;
// The measures the figures table had when it was created (schema 1); later ones are added by
// their own migration.
inline constexpr std::size_t kMeasuresAtSchema1 = 25;

struct MeasureInfo {
    Measure measure;
    std::string_view id;  // column name and rule-set vocabulary
    std::string_view zh;  // 中文 alias (header and label)
    MeasureKind kind;
    std::optional<Measure> at_most;  // value must not exceed this measure of the same year
};

inline constexpr std::array<MeasureInfo, kMeasureCount> kMeasures = {{
    {Measure::revenue, "revenue", "营业收入", MeasureKind::money, {}},
    {Measure::main_revenue, "main_revenue", "主营业务收入", MeasureKind::money, Measure::revenue},
    {Measure::hightech_revenue, "hightech_revenue", "高新技术产品收入", MeasureKind::money,
     Measure::revenue},
    {Measure::lead_product_revenue, "lead_product_revenue", "主导产品收入", MeasureKind::money,
     Measure::revenue},
    {Measure::total_profit, "total_profit", "利润总额", MeasureKind::signed_money, {}},
    {Measure::net_profit, "net_profit", "净利润", MeasureKind::signed_money, {}},
    {Measure::total_assets, "total_assets", "资产总额", MeasureKind::money, {}},
    {Measure::total_liabilities, "total_liabilities", "负债总额", MeasureKind::money, {}},
    {Measure::rd_expense, "rd_expense", "研发费用", MeasureKind::money, {}},
    {Measure::rd_domestic, "rd_domestic", "境内研发费用", MeasureKind::money, Measure::rd_expense},
    {Measure::equity_financing, "equity_financing", "新增股权融资", MeasureKind::money, {}},
    {Measure::valuation, "valuation", "估值", MeasureKind::money, {}},
    {Measure::employees, "employees", "职工总数", MeasureKind::count, {}},
    {Measure::tech_staff, "tech_staff", "科技人员数", MeasureKind::count, Measure::employees},
    {Measure::rd_staff, "rd_staff", "研发人员数", MeasureKind::count, Measure::employees},
    {Measure::ip_class1, "ip_class1", "I类知识产权数", MeasureKind::count, {}},
    {Measure::ip_class2, "ip_class2", "II类知识产权数", MeasureKind::count, {}},
    {Measure::innovation_score, "innovation_score", "创新能力评价得分", MeasureKind::score, {}},
    {Measure::zjtx_score, "zjtx_score", "专精特新评价得分", MeasureKind::score, {}},
    {Measure::rank_province, "rank_province", "省内市场排名", MeasureKind::rank, {}},
    {Measure::rank_global, "rank_global", "全球市场排名", MeasureKind::rank, {}},
    {Measure::quality_cert, "quality_cert", "质量管理体系认证", MeasureKind::flag, {}},
    {Measure::own_brand, "own_brand", "自主品牌", MeasureKind::flag, {}},
    {Measure::rd_institution, "rd_institution", "研发机构", MeasureKind::flag, {}},
    {Measure::major_incident, "major_incident", "重大安全质量环境事故", MeasureKind::flag, {}},
    {Measure::cost_of_sales, "cost_of_sales", "营业成本", MeasureKind::money, {}},
    {Measure::net_assets, "net_assets", "年末净资产", MeasureKind::signed_money, {}},
    // A percentage 0..100 with two decimals, like a score.
    {Measure::domestic_market_share,
     "domestic_market_share",
     "国内细分市场占有率",
     MeasureKind::score,
     {}},
    {Measure::ip_class1_self, "ip_class1_self", "自主申请I类知识产权数", MeasureKind::count,
     Measure::ip_class1},
    {Measure::quality_score, "quality_score", "发展质量评价得分", MeasureKind::score, {}},
    // Yes when a firm under the same control (controlling shareholder or group) holds the
    // title applied for; the registry does not yet keep the controlling party itself.
    {Measure::common_control, "common_control", "同一控制企业已获认定", MeasureKind::flag, {}},
}};

constexpr const MeasureInfo& measure_info(Measure m) {
    return kMeasures[static_cast<std::size_t>(m)];
}
constexpr std::size_t index_of(Measure m) {
    return static_cast<std::size_t>(m);
}
// By English id or Chinese alias; empty when unknown.
std::optional<Measure> find_measure(std::string_view id_or_alias);
constexpr bool is_money(MeasureKind k) {
    return k == MeasureKind::money || k == MeasureKind::signed_money;
}
// Money and Score values are fixed-point decimals (see measure_scale).
constexpr bool is_decimal(MeasureKind k) {
    return is_money(k) || k == MeasureKind::score;
}
// Stored value = amount × scale: money in fen (10^6 per 万元), scores in hundredths, the rest
// as they are.
constexpr int64_t measure_scale(MeasureKind k) {
    return is_money(k) ? 1'000'000 : k == MeasureKind::score ? 100 : 1;
}

}  // namespace ladder
