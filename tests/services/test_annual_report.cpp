// The annual report's model (model/annual_report.hpp): the flow between the rungs of the
// ladder and its kinds of move as a case table, the trend over years against compute_tally,
// and the document built from a tally (the city × tier matrix, county subtotals kept with
// their city, no sum across tiers, criterion names instead of ids).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "model/annual_report.hpp"
#include "model/errors.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"
#include "report/render.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

Recognition title(const std::string& code, const std::string& tier, Date from,
                  std::optional<Date> to = std::nullopt) {
    Recognition r;
    r.credit_code = code;
    r.tier = tier;
    r.approved_on = from;
    r.valid_from = from;
    r.valid_to = to;
    return r;
}

Firm firm(const std::string& code, const std::string& region) {
    Firm f;
    f.credit_code = code;
    f.name = "企业" + code;
    f.region_code = region;
    f.founded = Date(2010, 1, 1);
    return f;
}

const ReportTable* table_titled(const Report& r, const std::string& part) {
    for (const auto& t : r.tables)
        if (t.title.find(part) != std::string::npos) return &t;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(flow_move_kinds) {
    struct Case {
        std::size_t from, to;
        FlowMove move;
    } cases[] = {
        {0, 1, FlowMove::entered}, {0, 3, FlowMove::entered}, {1, 2, FlowMove::climbed},
        {2, 5, FlowMove::climbed}, {2, 2, FlowMove::held},    {3, 1, FlowMove::stepped_down},
        {1, 0, FlowMove::lapsed},  {4, 0, FlowMove::lapsed},
    };
    for (const auto& c : cases)
        BOOST_TEST((flow_move(c.from, c.to) == c.move), c.from << " → " << c.to);
}

BOOST_AUTO_TEST_CASE(flow_between_year_ends) {
    const RuleSet& rules = jiangxi_2020();
    TierCatalog catalog = rules.tier_catalog();
    std::vector<std::string> ladder = cultivation_ladder(rules);
    BOOST_TEST(ladder == (std::vector<std::string>{"above_scale", "high_tech", "specialized",
                                                   "little_giant", "single_champion"}));
    // One firm per case: its titles, and its rungs at the end of 2019 and of 2020.
    struct Case {
        const char* what;
        std::vector<Recognition> titles;
        std::size_t from, to;
    } cases[] = {
        {"entered in the year", {title("A", "above_scale", Date(2020, 5, 1))}, 0, 1},
        {"climbed from 规上 to 高新",
         {title("B", "above_scale", Date(2019, 6, 1)), title("B", "high_tech", Date(2020, 3, 1))},
         1,
         2},
        {"held 高新", {title("C", "high_tech", Date(2019, 1, 1), Date(2021, 12, 31))}, 2, 2},
        {"lapsed: 高新 ended in the year",
         {title("D", "high_tech", Date(2017, 1, 1), Date(2020, 6, 30))},
         2,
         0},
        {"stepped down: 专精特新 lapsed, 规上 held",
         {title("E", "above_scale", Date(2019, 7, 1), Date(2021, 6, 30)),
          title("E", "specialized", Date(2017, 1, 1), Date(2020, 1, 31))},
         3,
         1},
        {"a tier off the ladder (瞪羚) is not a rung",
         {title("F", "gazelle", Date(2020, 2, 1))},
         0,
         0},
        {"starting on 1 January counts at the end of the year only",
         {title("G", "specialized", Date(2020, 1, 1))},
         0,
         3},
    };
    for (const auto& c : cases) {
        TierFlow flow = tier_flow(c.titles, catalog, ladder, 2020);
        if (c.from == 0 && c.to == 0) {
            BOOST_TEST(flow.counts.empty(), c.what);
            continue;
        }
        BOOST_TEST(flow.counts.size() == 1u, c.what);
        BOOST_TEST(flow.counts.count({c.from, c.to}) == 1u, c.what);
    }
    // All together: each firm counted once, in its own move.
    std::vector<Recognition> all;
    for (const auto& c : cases) all.insert(all.end(), c.titles.begin(), c.titles.end());
    TierFlow flow = tier_flow(all, catalog, ladder, 2020);
    BOOST_TEST(flow.count(FlowMove::entered) == 2u);
    BOOST_TEST(flow.count(FlowMove::climbed) == 1u);
    BOOST_TEST(flow.count(FlowMove::held) == 1u);
    BOOST_TEST(flow.count(FlowMove::lapsed) == 1u);
    BOOST_TEST(flow.count(FlowMove::stepped_down) == 1u);
}

// A firm that went down because its title was revoked or surrendered is its own kind of move;
// only exits dated within the flow's span, of the tier the firm stood on, count.
BOOST_AUTO_TEST_CASE(flow_names_revocations_and_spans_years) {
    const RuleSet& rules = jiangxi_2020();
    TierCatalog catalog = rules.tier_catalog();
    std::vector<std::string> ladder = cultivation_ladder(rules);
    auto exit = [](const std::string& code, const std::string& tier, ExitCause cause, Date on) {
        TitleExit e;
        e.credit_code = code;
        e.tier = tier;
        e.cause = cause;
        e.exit_on = on;
        return e;
    };
    std::vector<Recognition> titles = {
        // R: 专精特新 revoked in 2020, 规上 kept → stepped down by revocation.
        title("R", "above_scale", Date(2019, 7, 1), Date(2021, 6, 30)),
        title("R", "specialized", Date(2018, 1, 1), Date(2020, 4, 30)),
        // S: 高新 surrendered in 2020, nothing else → out by surrender.
        title("S", "high_tech", Date(2018, 1, 1), Date(2020, 8, 31)),
        // L: 高新 lapsed at its end → out, not revoked.
        title("L", "high_tech", Date(2017, 1, 1), Date(2020, 6, 30)),
        // P: 高新 revoked in 2019 (before the year): ended before the start, not a move of 2020.
        title("P", "high_tech", Date(2017, 1, 1), Date(2019, 3, 31)),
        // W: revoked 规上 while it stood on 高新 — not its starting rung's title.
        title("W", "above_scale", Date(2018, 1, 1), Date(2020, 3, 31)),
        title("W", "high_tech", Date(2018, 1, 1), Date(2020, 9, 30)),
    };
    std::vector<TitleExit> exits = {
        exit("R", "specialized", ExitCause::revoked, Date(2020, 5, 1)),
        exit("S", "high_tech", ExitCause::surrendered, Date(2020, 9, 1)),
        exit("P", "high_tech", ExitCause::revoked, Date(2019, 4, 1)),
        exit("W", "above_scale", ExitCause::revoked, Date(2020, 4, 1)),
    };
    TierFlow year = tier_flow(titles, catalog, ladder, 2020);
    BOOST_TEST(year.dropped.size() == 4u);  // R, S, L, W
    auto revoked = revoked_drops(year, exits, ladder);
    BOOST_TEST(revoked[FlowMove::stepped_down] == 1u);  // R
    BOOST_TEST(revoked[FlowMove::lapsed] == 1u);        // S (L lapsed, W's exit was 规上)

    // The report says so: 撤销或主动放弃 2, and 降级 / 退出 without them.
    AnnualReportInput in;
    in.rules = &rules;
    in.year = 2020;
    in.flow_ladder = ladder;
    in.flow = year;
    in.exits = exits;
    // Over 2019–2020 P's revocation (2019-04-01) falls inside the span as well.
    in.flow_span = tier_flow(titles, catalog, ladder, 2019, 2020);
    Report report = build_annual_report(in);
    BOOST_REQUIRE(report.flows.size() == 2u);
    auto summary = [](const FlowDiagram& d) {
        std::map<std::string, std::size_t> m(d.summary.begin(), d.summary.end());
        return m;
    };
    auto one = summary(report.flows[0]);
    BOOST_TEST(one["撤销或主动放弃"] == 2u);
    BOOST_TEST(one["降级"] == 0u);
    BOOST_TEST(one["退出"] == 2u);  // L and W
    BOOST_TEST(report.flows[1].title.find("2019—2020 年梯度流动：2018 年末 → 2020 年末") !=
                   std::string::npos,
               report.flows[1].title);
    auto span = summary(report.flows[1]);
    BOOST_TEST(span["撤销或主动放弃"] == 3u);  // R, S and P
}

BOOST_AUTO_TEST_CASE(trend_equals_each_years_tally) {
    const RuleSet& rules = jiangxi_2020();
    TierCatalog catalog = rules.tier_catalog();
    std::vector<Firm> firms{firm("A", "360102"), firm("B", "360702"), firm("C", "360502")};
    // 规上 is valid for a year unless the recognition says otherwise.
    std::vector<Recognition> recs{title("A", "above_scale", Date(2017, 3, 1), Date(2021, 12, 31)),
                                  title("B", "high_tech", Date(2018, 6, 1), Date(2019, 5, 31)),
                                  title("C", "above_scale", Date(2019, 2, 1)),
                                  title("B", "high_tech", Date(2020, 1, 10))};
    TallyInput base;
    base.firms = &firms;
    base.recognitions = &recs;
    base.tiers = &catalog;
    for (const auto& t : rules.tiers) base.tier_order.push_back(t.id);
    BOOST_TEST(first_recognition_year(recs, 2020) == 2017);
    BOOST_TEST(first_recognition_year({}, 2020) == 2020);
    std::vector<TrendPoint> trend = tier_trend(base, 2017, 2020);
    BOOST_TEST(trend.size() == 4 * base.tier_order.size());
    auto at = [&](int year, const std::string& tier) {
        auto it = std::find_if(trend.begin(), trend.end(), [&](const TrendPoint& p) {
            return p.year == year && p.tier == tier;
        });
        BOOST_REQUIRE(it != trend.end());
        return *it;
    };
    BOOST_TEST(at(2019, "above_scale").holders_end == 2u);
    BOOST_TEST(at(2019, "above_scale").added == 1u);
    BOOST_TEST(at(2018, "high_tech").added == 1u);
    BOOST_TEST(at(2019, "high_tech").holders_end == 0u);
    BOOST_TEST(at(2020, "high_tech").added == 1u);  // a return after a lapse is an addition
    for (int y = 2017; y <= 2020; ++y) {
        TallyInput in = base;
        in.year = y;
        for (const TallyRow& r : compute_tally(in)) {
            BOOST_TEST(at(y, r.tier).holders_end == r.holders_end);
            BOOST_TEST(at(y, r.tier).added == r.added);
        }
    }
}

BOOST_AUTO_TEST_CASE(report_is_an_official_form) {
    const RuleSet& rules = jiangxi_2020();
    TierCatalog catalog = rules.tier_catalog();
    std::vector<Firm> firms{firm("A", "360102"), firm("B", "360103"), firm("C", "360702")};
    std::vector<Recognition> recs{title("A", "above_scale", Date(2020, 3, 1)),
                                  title("B", "above_scale", Date(2020, 4, 1)),
                                  title("C", "high_tech", Date(2020, 5, 1))};
    AnnualReportInput in;
    in.rules = &rules;
    in.year = 2020;
    in.province_name = "江西省";
    in.issuer = "江西省工业和信息化厅";
    in.generated = "报送日期：2021-01-05";
    for (auto g : {TallyGrouping::province, TallyGrouping::city, TallyGrouping::county}) {
        TallyInput t;
        t.firms = &firms;
        t.recognitions = &recs;
        t.tiers = &catalog;
        for (const auto& tier : rules.tiers) t.tier_order.push_back(tier.id);
        t.year = 2020;
        t.grouping = g;
        t.quota = [](const std::string& group, const std::string& tier) -> std::optional<int64_t> {
            if (tier == "above_scale" && group == "36") return 1000;
            if (tier == "above_scale" && group == "3601") return 4;
            return std::nullopt;
        };
        in.tallies.emplace_back(g, annual_tally_rows(t, nullptr));
    }
    ExpiringTitle e;
    e.credit_code = "A";
    e.firm_name = "企业A";
    e.tier = "high_tech";
    e.valid_to = Date(2020, 11, 30);
    e.verdict = TierVerdict::ineligible;
    e.failed = {rules.find_tier("high_tech")->criteria.front().id};
    e.missing = {rules.find_tier("high_tech")->criteria.back().id};
    in.expiring = {e};
    in.ends = {
        {"A", "high_tech", Date(2017, 12, 1), Date(2020, 11, 30), ExitCause::expired, "", ""},
        {"B", "high_tech", Date(2018, 12, 1), Date(2020, 6, 30), ExitCause::revoked,
         "赣工信〔2020〕8号", "数据造假"},
        {"C", "above_scale", Date(2019, 3, 1), Date(2020, 2, 29), ExitCause::surrendered, "",
         "企业申请"}};
    in.flow_ladder = cultivation_ladder(rules);
    in.flow = tier_flow(recs, catalog, in.flow_ladder, 2020);
    in.city_shapes = {{"3601", "南昌市", {{{115, 28}, {116, 28}, {116, 29}}}},
                      {"3602", "景德镇市", {{{117, 29}, {118, 29}, {118, 30}}}}};

    Report report = build_annual_report(in);
    BOOST_TEST(report.issuer == "报送单位：江西省工业和信息化厅");
    BOOST_TEST(report.date == "报送日期：2021-01-05");
    BOOST_TEST(report.unit.find("单位：家") == 0u);

    // No table adds different tiers together.
    for (const auto& t : report.tables) {
        bool per_tier = std::any_of(t.columns.begin(), t.columns.end(),
                                    [](const ReportColumn& c) { return c.label == "梯度"; });
        if (per_tier) BOOST_TEST(t.totals.empty(), t.title);
    }

    // The matrix: 11 cities then the province; per tier new, target, completion.
    const ReportTable* matrix = table_titled(report, "各设区市");
    BOOST_REQUIRE(matrix);
    BOOST_TEST(matrix->columns.size() == 1 + 3 * rules.tiers.size());
    BOOST_TEST(matrix->header_groups.at(1).first == "规模以上工业企业");
    BOOST_REQUIRE(matrix->rows.size() == 12u);
    BOOST_TEST(matrix->rows[0][0] == "南昌市");
    BOOST_TEST(matrix->rows[0][1] == "2");
    BOOST_TEST(matrix->rows[0][2] == "4");
    BOOST_TEST(matrix->rows[0][3] == "0.5000");
    BOOST_TEST(matrix->rows[1][0] == "景德镇市");
    BOOST_TEST(matrix->rows[1][1] == "0");  // a city without firms has its row
    BOOST_TEST(matrix->rows[1][2] == "");   // no target: no completion
    BOOST_TEST(matrix->rows[1][3] == "");
    BOOST_TEST(matrix->rows[11][0] == "全省");
    BOOST_TEST(matrix->rows[11][1] == "2");
    BOOST_TEST(matrix->rows[11][3] == "0.0020");
    BOOST_TEST(matrix->subtotal.at(11));

    // Counties: each city's counties then its subtotal, one block per city.
    const ReportTable* counties = table_titled(report, "各县");
    BOOST_REQUIRE(counties);
    std::vector<std::string> names;
    for (const auto& row : counties->rows) names.push_back(row[0]);
    BOOST_TEST(names == (std::vector<std::string>{"东湖区", "西湖区", "南昌市小计", "章贡区",
                                                  "赣州市小计"}));
    BOOST_TEST(counties->rows[2][1] == "2");  // 规上 added in 南昌's counties
    BOOST_TEST(counties->rows[2][2] == "2");  // held at the end of the year
    BOOST_TEST((counties->blocks == std::vector<int>{0, 0, 0, 1, 1}));
    BOOST_TEST((counties->subtotal == std::vector<bool>{false, false, true, false, true}));

    // The expiring list names the criteria.
    const ReportTable* expiring = table_titled(report, "到期");
    BOOST_REQUIRE(expiring);
    const std::string& reasons = expiring->rows.at(0).back();
    BOOST_TEST(reasons.find(rules.find_tier("high_tech")->criteria.front().zh) == 0u, reasons);
    BOOST_TEST(reasons.find("high_tech.") == std::string::npos, reasons);
    BOOST_TEST(reasons.find("（缺数据）") != std::string::npos, reasons);

    // Exits keep their cause: per tier in the rule set's order, then each exit but expiry.
    const ReportTable* causes = table_titled(report, "称号退出及原因");
    BOOST_REQUIRE(causes);
    BOOST_TEST(causes->columns.at(1).label == "到期");
    BOOST_TEST(causes->columns.at(3).label == "撤销");
    BOOST_TEST((causes->rows ==
                std::vector<std::vector<std::string>>{{"规模以上工业企业", "0", "0", "0", "1", "1"},
                                                      {"高新技术企业", "1", "0", "1", "0", "2"}}));
    const ReportTable* detail = table_titled(report, "撤销、放弃及复核未通过");
    BOOST_REQUIRE(detail);
    BOOST_REQUIRE(detail->rows.size() == 2u);
    BOOST_TEST(
        (detail->rows[0] == std::vector<std::string>{"B", "高新技术企业", "撤销", "2020-06-30",
                                                     "赣工信〔2020〕8号", "数据造假"}));
    BOOST_TEST(detail->rows[1][2] == "主动放弃");

    // The map: 规上 by city, coloured by completion where a target is set.
    BOOST_REQUIRE(report.maps.size() == 1u);
    BOOST_TEST(report.maps[0].title == "2020 年各设区市规模以上工业企业目标完成率");
    BOOST_TEST(report.maps[0].shares.at(0).value() == 0.5);
    BOOST_TEST(!report.maps[0].shares.at(1).has_value());
    BOOST_TEST(report.maps[0].labels.at(0) == "2/4");

    // The flow: two entered 规上, one entered 高新.
    BOOST_REQUIRE(report.flows.size() == 1u);
    BOOST_TEST(report.flows[0].states.at(1) == "规模以上工业企业");
    BOOST_TEST(report.flows[0].summary.at(0).first == "新进入");
    BOOST_TEST(report.flows[0].summary.at(0).second == 3u);
}

BOOST_AUTO_TEST_CASE(shipped_city_outlines_are_jiangxis_cities) {
    std::vector<RegionShape> shapes =
        load_region_shapes(std::filesystem::path(LADDER_TEST_DATA_DIR) / ".." / ".." / "resources" /
                           "maps" / "jiangxi-cities.txt");
    std::vector<std::string> codes, names;
    for (const auto& s : shapes) {
        codes.push_back(s.code);
        names.push_back(s.name);
        BOOST_TEST(!s.rings.empty(), s.code);
        for (const auto& ring : s.rings)
            for (const auto& [lon, lat] : ring) {
                BOOST_TEST((lon > 113.5 && lon < 118.5), s.code);  // Jiangxi's extent
                BOOST_TEST((lat > 24.4 && lat < 30.1), s.code);
            }
    }
    std::vector<std::string> expected;
    for (const Region* city : RegionTable::shipped().children("36")) {
        expected.push_back(city->code);
        BOOST_TEST((std::find(names.begin(), names.end(), city->name) != names.end()), city->name);
    }
    BOOST_TEST(codes == expected);
}

// The screen's map (the GUI's 图表 page) is the PDF's drawing scaled into the window, and a
// click finds the city under it: every shipped city is found at the pixel of one of its own
// outline's inner points, and a corner of the image is no city.
BOOST_AUTO_TEST_CASE(screen_map_finds_the_city_clicked) {
    MapFigure map;
    map.title = "2020 年各设区市规上工业企业新增数";
    map.shapes = load_region_shapes(std::filesystem::path(LADDER_TEST_DATA_DIR) / ".." / ".." /
                                    "resources" / "maps" / "jiangxi-cities.txt");
    map.shares.assign(map.shapes.size(), 0.5);
    map.labels.assign(map.shapes.size(), "新增 1");
    for (auto [width, height] : {std::pair{800, 500}, std::pair{420, 600}}) {
        FigureImage image = render_figure(map, width, height);
        BOOST_TEST(image.width == width);
        BOOST_TEST(image.argb.size() == static_cast<std::size_t>(width) * height);
        BOOST_TEST(image.scale > 0);
        BOOST_TEST(!map_shape_at(map, image, 1, 1).has_value());
        // Something was drawn: not every pixel is white.
        BOOST_TEST((std::count(image.argb.begin(), image.argb.end(), 0xFFFFFFFFu) <
                    static_cast<std::ptrdiff_t>(image.argb.size())));
        // Every city is found somewhere, and where the hit test says "this city" the image
        // shows the city's fill (a share of 50 %: rgb 219,191,64), not the white around it —
        // the hit test and the drawing agree on where the city is.
        std::vector<std::size_t> hits(map.shapes.size()), filled(map.shapes.size());
        for (int x = 0; x < width; x += 3)
            for (int y = 0; y < height; y += 3)
                if (auto at = map_shape_at(map, image, x, y)) {
                    ++hits[*at];
                    std::uint32_t p = image.argb[static_cast<std::size_t>(y) * width + x];
                    auto near = [](unsigned v, unsigned want) {
                        return v + 4 > want && v < want + 4;
                    };
                    filled[*at] += near((p >> 16) & 255, 219) && near((p >> 8) & 255, 191) &&
                                   near(p & 255, 64);
                }
        // (A city's name and label are printed over it: small cities show less of their fill.)
        std::size_t all_hits = 0, all_filled = 0;
        for (std::size_t i = 0; i < map.shapes.size(); ++i) {
            BOOST_TEST(hits[i] > 0u, map.shapes[i].name);
            BOOST_TEST(filled[i] * 3 > hits[i],
                       map.shapes[i].name << " " << filled[i] << "/" << hits[i]);
            all_hits += hits[i];
            all_filled += filled[i];
        }
        BOOST_TEST(all_filled * 10 > all_hits * 8, all_filled << "/" << all_hits);
    }
    // The trend and the flow draw too.
    LineChart chart{"各梯度年末持有企业数（家）", {"2019", "2020"}, {{"高新技术企业", {3, 5}}}};
    FigureImage trend = render_figure(chart, 400, 240);
    BOOST_TEST((std::count(trend.argb.begin(), trend.argb.end(), 0xFFFFFFFFu) <
                static_cast<std::ptrdiff_t>(trend.argb.size())));
}

// The counties' outlines (the map's drill-down): every one a county of the shipped region
// table, each city's counties drawn on their own, coloured from the county tally.
BOOST_AUTO_TEST_CASE(county_map_drills_down_to_one_citys_counties) {
    AnnualReportInput in;
    in.rules = &jiangxi_2020();
    in.year = 2020;
    in.county_shapes = load_region_shapes(std::filesystem::path(LADDER_TEST_DATA_DIR) / ".." /
                                          ".." / "resources" / "maps" / "jiangxi-counties.txt");
    BOOST_TEST(in.county_shapes.size() >= 99u);
    for (const auto& s : in.county_shapes) {
        BOOST_TEST(s.code.size() == 6u, s.code);
        BOOST_TEST(RegionTable::shipped().name(s.code) == s.name, s.code);
    }
    AnnualTallyRow east;
    east.group = "360102";
    east.tier = "high_tech";
    east.added = 3;
    east.quota = 4;
    in.tallies.emplace_back(TallyGrouping::county, std::vector<AnnualTallyRow>{east});
    MapFigure m = county_map(in, "3601", "high_tech");
    BOOST_TEST(m.title.find("南昌市各县（市、区）高新技术企业目标完成率") != std::string::npos,
               m.title);
    BOOST_TEST(!m.shapes.empty());
    for (std::size_t i = 0; i < m.shapes.size(); ++i) {
        BOOST_TEST(m.shapes[i].code.starts_with("3601"), m.shapes[i].code);
        if (m.shapes[i].code == "360102") {
            BOOST_TEST(m.labels[i] == "3/4");
            BOOST_TEST(*m.shares[i] == 0.75);
        } else {
            BOOST_TEST(!m.shares[i].has_value(), m.shapes[i].code);  // no target: grey
        }
    }
}

BOOST_AUTO_TEST_CASE(malformed_outline_names_its_line) {
    struct Case {
        const char* text;
        const char* error;
    } cases[] = {
        {"# c\nR 1,2 3,4 5,6\n", "shapes.txt:2: a ring before any city"},
        {"C 3601 南昌市\nR 1,2 3;4 5,6\n", "shapes.txt:2: a point is not x,y"},
        {"C 3601 南昌市\nR 1,2 3,4\n", "shapes.txt:2: a ring needs three points"},
        {"C 3601\n", "shapes.txt:1: a city needs a code and a name"},
        {"C 3601 南昌市\nX\n", "shapes.txt:2: a line starts with C, R or #"},
    };
    TempDir dir;
    for (const auto& c : cases) {
        std::filesystem::path file = dir.path() / "shapes.txt";
        std::ofstream(file, std::ios::binary) << c.text;
        try {
            load_region_shapes(file);
            BOOST_ERROR("accepted: " << c.text);
        } catch (const InputError& e) {
            BOOST_TEST(std::string(e.what()).find(c.error) != std::string::npos, e.what());
        }
    }
    std::filesystem::path file = dir.path() / "shapes.txt";
    std::ofstream(file, std::ios::binary) << "C 3601 南昌市\nR 115000,28000 116000,28000 "
                                             "116000,29000\n";
    auto shapes = load_region_shapes(file);
    BOOST_REQUIRE(shapes.size() == 1u);
    BOOST_TEST(shapes[0].rings.at(0).at(1).first == 116.0);
    BOOST_TEST(shapes[0].rings.at(0).at(2).second == 29.0);
}

// The PDF renderer keeps a block (a city and its counties) on one page, repeats the header on
// every page the table continues on, and numbers the pages "第 x 页 共 y 页".
BOOST_AUTO_TEST_CASE(pdf_keeps_a_city_on_one_page) {
    Report report;
    report.title = "分页检查";
    ReportTable t;
    t.title = "县表";
    t.unit = "单位：家";
    t.header_groups = {{"", 1}, {"规模以上工业企业", 2}};
    t.columns = {{"县区名", ReportColumn::Kind::text},
                 {"新增", ReportColumn::Kind::integer},
                 {"年末数", ReportColumn::Kind::integer}};
    const int cities = 20, counties = 6;
    for (int c = 0; c < cities; ++c) {
        for (int k = 0; k <= counties; ++k) {
            bool sub = k == counties;
            t.rows.push_back({sub ? fmt::format("C{:02}小计", c) : fmt::format("C{:02}K{}", c, k),
                              std::to_string(k), std::to_string(10 * k)});
            t.subtotal.push_back(sub);
            t.blocks.push_back(c);
        }
    }
    report.tables.push_back(t);
    TempDir dir;
    std::filesystem::path pdf = dir.path() / "pages.pdf";
    write_report_pdf(report, pdf);

    auto run = [](const std::string& command) {
        std::string out;
        if (FILE* p = popen(command.c_str(), "r")) {
            char buf[4096];
            std::size_t n;
            while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
            pclose(p);
        }
        return out;
    };
    std::string info = run("pdfinfo '" + pdf.string() + "'");
    int pages = std::atoi(info.substr(info.find("Pages:") + 6).c_str());
    BOOST_REQUIRE(pages >= 2);  // 140 rows do not fit one page
    std::map<int, std::set<int>> pages_of_city;
    for (int page = 1; page <= pages; ++page) {
        std::string text = run(fmt::format("pdftotext -f {0} -l {0} '{1}' -", page, pdf.string()));
        std::string packed;
        for (char ch : text)
            if (ch != ' ' && ch != '\n') packed += ch;
        BOOST_TEST(packed.find(fmt::format("第{}页共{}页", page, pages)) != std::string::npos,
                   page);
        BOOST_TEST(text.find("县区名") != std::string::npos, page);  // the header repeats
        BOOST_TEST(text.find("规模以上工业企业") != std::string::npos, page);
        for (int c = 0; c < cities; ++c)
            for (int k = 0; k < counties; ++k)
                if (text.find(fmt::format("C{:02}K{}", c, k)) != std::string::npos)
                    pages_of_city[c].insert(page);
        for (int c = 0; c < cities; ++c)
            if (text.find(fmt::format("C{:02}小计", c)) != std::string::npos)
                pages_of_city[c].insert(page);
    }
    BOOST_TEST(pages_of_city.size() == static_cast<std::size_t>(cities));
    for (const auto& [city, on] : pages_of_city) BOOST_TEST(on.size() == 1u, "city " << city);
}
