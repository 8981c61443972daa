// The built ladder-cli evaluating a registry imported from CSV files: the evaluate contract of
// the import format with verdicts derived by hand from the rule set, explanations (json, tables),
// candidates, the worklist, rules diff between jiangxi-2020 and national-2022, and rules check.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <vector>

#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder::test;

namespace {

// Credit codes in ascending order.
const std::string A = code("91360100000000001");  // above_scale exactly at 2000 万元
const std::string B = code("91360100000000002");  // high_tech: R&D share 3.87% < 4%
const std::string C = code("91360100000000003");  // main_revenue cell empty
const std::string D = code("91360100000000004");  // main_revenue 1999.99
const std::string E = code("91360100000000005");  // main_revenue 1500
const std::string F = code("91360100000000006");  // software firm (division 65)
const std::string G = code("91360100000000007");  // no figures at all
const std::string H = code("91360100000000008");  // no industry code
const std::string S = code("91360100000000009");  // specialized under jiangxi-2020 in 2022

const fs::path kRulesDir = fs::path(LADDER_TEST_DATA_DIR) / ".." / ".." / "resources" / "rules";

std::string firms_csv() {
    return "credit_code,name,region_code,industry_code,chain,founded,niche_since,hnte_field,listed_"
           "on\n" +
           A + ",南昌甲电子有限公司,360102,C3985,electronics,2010-05-01,,,\n" + B +
           ",赣州乙材料有限公司,360702,C3240,nonferrous,2010-03-15,2015,yes,\n" + C +
           ",丙材料有限公司,360702,C3240,nonferrous,2015-06-01,,,\n" + D +
           ",丁电子有限公司,360102,C3985,electronics,2012-01-01,,,\n" + E +
           ",戊电子有限公司,360102,C3985,electronics,2012-01-01,,,\n" + F +
           ",己软件有限公司,360102,I6510,other,2012-01-01,,,\n" + G +
           ",庚电子有限公司,360102,C3985,electronics,2018-01-01,,,\n" + H +
           ",辛有限公司,360102,,,2012-01-01,,,\n" + S +
           ",壬精密有限公司,360102,C3985,electronics,2012-01-01,2016,,\n";
}

std::string figures_csv() {
    const std::string head =
        "credit_code,year,revenue,main_revenue,hightech_revenue,rd_expense,rd_domestic,employees,"
        "tech_staff,"
        "ip_class1,innovation_score,zjtx_score,ip_class2\n";
    return head + A + ",2019,2000,2000,,,,,,,,,\n" +               //
           B + ",2017,10000,9000,,400,300,,,,,,\n" +               //
           B + ",2018,10000,9000,,400,300,,,,,,\n" +               //
           B + ",2019,10000,9000,7000,360,300,100,20,2,80,,0\n" +  //
           C + ",2019,3000,,,,,,,,,,\n" +                          //
           D + ",2019,3000,1999.99,,,,,,,,,\n" +                   //
           E + ",2019,3000,1500,,,,,,,,,\n" +                      //
           F + ",2019,6000,5000,,,,,,,,,\n" +                      //
           H + ",2019,3000,3000,,,,,,,,,\n" +                      //
           S + ",2019,5000,5000,,200,,200,,,,75,\n" +              //
           S + ",2020,5000,5000,,200,,200,,,,75,\n" +              //
           S + ",2021,5000,5000,,200,,200,,,,75,\n";
}

std::string recognitions_csv() {
    // above_scale is valid one year: 2019-03-01 … 2020-02-29, so B holds it on 2020-01-01.
    return "credit_code,tier,approved_on,valid_from,valid_to,doc_no\n" + B +
           ",above_scale,2019-03-01,,,\n";
}

// The registry above, imported with ladder-cli into a SQLite file (a PostgreSQL database in the
// _pg run).
struct Registry {
    TestDatabase store;
    fs::path dir = store.dir().path();
    Registry() {
        for (auto [table, content] : {std::pair<std::string, std::string>{"firms", firms_csv()},
                                      {"figures", figures_csv()},
                                      {"recognitions", recognitions_csv()}}) {
            write_file(dir / (table + ".csv"), content);
            CliResult r = cli("import " + table + " " + table + ".csv");
            BOOST_TEST_REQUIRE(r.status == 0, table << ": " << r.err);
        }
    }
    CliResult cli(const std::string& args, const std::string& lang = "en") const {
        return run_cli(dir, store.cli_args() + " " + args, lang);
    }
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(evaluate_csv_one_tier_all_firms) {
    Registry r;
    CliResult res = r.cli("evaluate --year 2020 --tier above_scale");
    BOOST_TEST(res.status == 0, res.err);
    // Spec: main_revenue(L) ≥ 2000 includes the bound; an empty cell is missing, not zero;
    // division 65 is not industrial; no industry code leaves the division unknown.
    BOOST_TEST(res.out == "credit_code,tier,verdict,failed,missing\n" +  //
                              A + ",above_scale,eligible,,\n" +          //
                              B + ",above_scale,eligible,,\n" +          //
                              C + ",above_scale,incomplete,,above_scale.main_revenue\n" + D +
                              ",above_scale,ineligible,above_scale.main_revenue,\n" + E +
                              ",above_scale,ineligible,above_scale.main_revenue,\n" + F +
                              ",above_scale,ineligible,above_scale.industrial,\n" + G +
                              ",above_scale,incomplete,,above_scale.main_revenue\n" + H +
                              ",above_scale,incomplete,,above_scale.industrial\n" + S +
                              ",above_scale,eligible,,\n");
    // --format csv is the default; the explicit form is identical, and --output writes a file.
    BOOST_TEST(r.cli("evaluate --year 2020 --tier above_scale --format csv").out == res.out);
    BOOST_TEST(r.cli("evaluate --year 2020 --tier above_scale --output out.csv").status == 0);
    BOOST_TEST(read_file(r.dir / "out.csv") == res.out);
}

BOOST_AUTO_TEST_CASE(evaluate_csv_every_tier_of_two_firms) {
    Registry r;
    // Firm A: only 2019 revenue and main revenue. Derived from jiangxi-2020.toml for Y = 2020, L =
    // 2019: an empty major_incident cell on an existing row is "no"; SME passes on revenue alone;
    // windows W = 2017..2019 lack rows; holds() of anything fails without recognitions.
    CliResult a = r.cli("evaluate --year 2020 --firm " + A);
    BOOST_TEST(a.status == 0, a.err);
    BOOST_TEST(
        a.out ==
        "credit_code,tier,verdict,failed,missing\n" + A + ",above_scale,eligible,,\n" + A +
            ",high_tech,incomplete,,high_tech.core_ip;high_tech.field;high_tech.tech_staff;"
            "high_tech.rd_intensity;high_tech.rd_domestic;high_tech.hightech_revenue;"
            "high_tech.innovation_score\n" +
            A +
            ",specialized,incomplete,,specialized.niche_years;specialized.rd;specialized.score;"
            "specialized.no_incident\n" +
            A +
            ",little_giant,ineligible,little_giant.prerequisite;little_giant.revenue,little_giant."
            "growth;"
            "little_giant.debt_ratio;little_giant.lead_product;little_giant.market_rank;"
            "little_giant.quality_brand;little_giant.rd_institution\n" +
            A +
            ",single_champion,ineligible,single_champion.scale,single_champion.field_years;"
            "single_champion.lead_product;single_champion.market_rank;single_champion.no_"
            "incident\n" +
            A +
            ",gazelle,ineligible,gazelle.high_tech,gazelle.base_revenue;gazelle.growth;"
            "gazelle.last_year_growth\n" +
            A + ",unicorn,incomplete,,unicorn.private_investment;unicorn.valuation\n" + A +
            ",listing,incomplete,,listing.financials\n");

    // Firm B: three years of figures, R&D 400 + 400 + 360 = 1160 < 4% × 30000 = 1200 (revenue(L)
    // 10000 is in the 4% band); domestic R&D 900 ≥ 60% × 1160. Growth 10000 → 10000 fails the
    // revenue alternative, profit is missing, so little_giant.growth is missing.
    CliResult b = r.cli("evaluate --year 2020 --firm " + B);
    BOOST_TEST(b.status == 0, b.err);
    BOOST_TEST(
        b.out ==
        "credit_code,tier,verdict,failed,missing\n" + B + ",above_scale,eligible,,\n" + B +
            ",high_tech,ineligible,high_tech.rd_intensity,\n" + B +
            ",specialized,incomplete,,specialized.score\n" + B +
            ",little_giant,ineligible,little_giant.prerequisite,little_giant.growth;little_giant."
            "debt_ratio;"
            "little_giant.lead_product;little_giant.market_rank;little_giant.quality_brand;"
            "little_giant.rd_institution\n" +
            B +
            ",single_champion,ineligible,single_champion.field_years;single_champion.scale,"
            "single_champion.lead_product;single_champion.market_rank\n" +
            B +
            ",gazelle,ineligible,gazelle.last_year_growth;gazelle.high_tech,gazelle.base_revenue;"
            "gazelle.growth\n" +
            B + ",unicorn,incomplete,,unicorn.private_investment;unicorn.valuation\n" + B +
            ",listing,incomplete,,listing.financials\n");

    // The whole registry: one row per firm × tier, sorted by credit code then rule-set order.
    CliResult all = r.cli("evaluate --year 2020");
    BOOST_TEST(all.status == 0, all.err);
    BOOST_TEST(std::count(all.out.begin(), all.out.end(), '\n') == 1 + 9 * 8);
    BOOST_TEST(all.out.find(a.out.substr(a.out.find('\n') + 1)) != std::string::npos);
    BOOST_TEST(all.out.find(b.out.substr(b.out.find('\n') + 1)) != std::string::npos);
    BOOST_TEST(all.out.find(A) < all.out.find(B));
}

BOOST_AUTO_TEST_CASE(evaluate_json_explains_every_criterion) {
    Registry r;
    CliResult res = r.cli("evaluate --year 2020 --firm " + B + " --tier high_tech --format json");
    BOOST_TEST(res.status == 0, res.err);
    BOOST_TEST(contains(res.out, "\"rule_set\": \"jiangxi-2020\""), res.out);
    BOOST_TEST(
        contains(res.out, "\"verdict\": \"ineligible\", \"failed\": [\"high_tech.rd_intensity\"]"),
        res.out);
    BOOST_TEST(
        contains(
            res.out,
            "\"id\": \"high_tech.rd_intensity\", \"zh\": \"近三个会计年度研发费用占销售收入比例\""),
        res.out);
    BOOST_TEST(contains(res.out,
                        "R&D expense (2017+2018+2019) / revenue (2017+2018+2019) = 3.87% < 4.00%: "
                        "40.00 万元 short"),
               res.out);
    BOOST_TEST(contains(res.out, "\"en\": \"Technical staff ≥ 10% of employees\""), res.out);

    // A missing figure is named with its year.
    CliResult c = r.cli("evaluate --year 2020 --firm " + C + " --tier above_scale --format json");
    BOOST_TEST(contains(c.out, "\"verdict\": \"missing\""), c.out);
    BOOST_TEST(contains(c.out, "\"missing_inputs\": [\"main_revenue@2019\"]"), c.out);
}

BOOST_AUTO_TEST_CASE(evaluate_table_in_chinese) {
    Registry r;
    CliResult res = r.cli("evaluate --year 2020 --firm " + B + " --format table", "zh_CN");
    BOOST_TEST(res.status == 0, res.err);
    BOOST_TEST(contains(res.out, "高新技术企业: "), res.out);
    BOOST_TEST(contains(res.out, "✗  近三个会计年度研发费用占销售收入比例"), res.out);
    BOOST_TEST(contains(res.out, "✓  科技人员占职工总数不低于 10%"), res.out);
    BOOST_TEST(contains(res.out, "?  评价得分"), res.out);
    // All firms: a compact line per firm and the counts per tier.
    CliResult all = r.cli("evaluate --year 2020 --format table --tier above_scale", "zh_CN");
    BOOST_TEST(all.status == 0, all.err);
    BOOST_TEST(contains(all.out, D + " 丁电子有限公司"), all.out);
    BOOST_TEST(contains(all.out, "✗ 上年主营业务收入 2000 万元以上"), all.out);
}

BOOST_AUTO_TEST_CASE(evaluate_unknown_tier_or_firm) {
    Registry r;
    CliResult tier = r.cli("evaluate --year 2020 --tier big_giant");
    BOOST_TEST(tier.status == 2);
    BOOST_TEST(contains(tier.err, "rule set jiangxi-2020 has no tier 'big_giant'"), tier.err);
    CliResult firm = r.cli("evaluate --year 2020 --firm " + code("91360100000000099"));
    BOOST_TEST(firm.status == 1);
    BOOST_TEST(contains(firm.err, "is not in the registry"), firm.err);
    CliResult year = r.cli("evaluate --year 2019");
    BOOST_TEST(year.status == 2);
    BOOST_TEST(contains(year.err, "no rule set applies to assessment year 2019"), year.err);
}

BOOST_AUTO_TEST_CASE(candidates_eligible_then_nearest_misses) {
    Registry r;
    CliResult res = r.cli("candidates --year 2020 --tier above_scale --format csv");
    BOOST_TEST(res.status == 0, res.err);
    // B holds above_scale on 2020-01-01 and is left out; D is 0.01 万元 short, E 500 万元, F is
    // not industrial (a yes/no criterion counts as the whole gap). C, G, H are incomplete.
    std::istringstream lines(res.out);
    std::vector<std::string> rows;
    for (std::string line; std::getline(lines, line);) rows.push_back(line);
    BOOST_TEST_REQUIRE(rows.size() == 6u, res.out);
    BOOST_TEST(rows[0] == "status,rank,credit_code,name,failed,gap_size,gap");
    BOOST_TEST(rows[1] == "eligible,1," + A + ",南昌甲电子有限公司,,,");
    BOOST_TEST(rows[2] == "eligible,2," + S + ",壬精密有限公司,,,");
    BOOST_TEST(rows[3].rfind(
                   "near_miss,3," + D + ",丁电子有限公司,above_scale.main_revenue,0.000005,", 0) ==
               0);
    BOOST_TEST(contains(rows[3], "0.01 万元"), rows[3]);
    BOOST_TEST(rows[4].rfind(
                   "near_miss,4," + E + ",戊电子有限公司,above_scale.main_revenue,0.250000,", 0) ==
               0);
    BOOST_TEST(contains(rows[4], "500.00 万元"), rows[4]);
    BOOST_TEST(
        rows[5].rfind("near_miss,5," + F + ",己软件有限公司,above_scale.industrial,1.000000,", 0) ==
        0);

    CliResult table = r.cli("candidates --year 2020 --tier above_scale");
    BOOST_TEST(table.status == 0, table.err);
    BOOST_TEST(contains(table.out, "9 firms: 1 hold the title, 3 incomplete"), table.out);
    CliResult zh = r.cli("candidates --year 2020 --tier above_scale", "zh_CN");
    BOOST_TEST(zh.status == 0, zh.err);
    BOOST_TEST(contains(zh.out, "上年主营业务收入 2000 万元以上"), zh.out);

    // --near 0: only the eligible ones.
    CliResult none = r.cli("candidates --year 2020 --tier above_scale --near 0 --format csv");
    BOOST_TEST(std::count(none.out.begin(), none.out.end(), '\n') == 3);
}

BOOST_AUTO_TEST_CASE(worklist_counts_the_verdicts_each_figure_decides) {
    Registry r;
    CliResult res = r.cli("worklist --year 2020 --tier above_scale --format csv");
    BOOST_TEST(res.status == 0, res.err);
    BOOST_TEST(res.out ==
               "kind,input,year,firms,pairs,sole\n"
               "figure,main_revenue,2019,2,2,2\n"
               "firm_field,industry_code,,1,1,1\n");
    CliResult firm = r.cli("worklist --year 2020 --firm " + B + " --format csv");
    BOOST_TEST(firm.status == 0, firm.err);
    BOOST_TEST(contains(firm.out, "figure,zjtx_score,2019,specialized,specialized.score\n"),
               firm.out);
    BOOST_TEST(
        contains(firm.out,
                 "figure,valuation,2019,unicorn;listing,unicorn.valuation;listing.financials\n"),
        firm.out);
    CliResult table = r.cli("worklist --year 2020 --tier above_scale", "zh_CN");
    BOOST_TEST(contains(table.out, "主营业务收入（2019年）"), table.out);
}

BOOST_AUTO_TEST_CASE(rules_diff_jiangxi_to_national) {
    Registry r;
    // S meets jiangxi-2020's 专精特新 criteria in 2022; national-2022 first requires the
    // 创新型中小企业 title.
    CliResult res =
        r.cli("rules diff --year 2022 --from jiangxi-2020 --to national-2022 --format csv");
    BOOST_TEST(res.status == 0, res.err);
    BOOST_TEST(res.out.rfind("credit_code,tier,from,to,criteria\n", 0) == 0);
    BOOST_TEST(
        contains(res.out,
                 S + ",specialized,eligible,ineligible,specialized.prerequisite:none->fail\n"),
        res.out);
    CliResult table =
        r.cli("rules diff --year 2022 --from jiangxi-2020 --to national-2022 --tier specialized");
    BOOST_TEST(table.status == 0, table.err);
    // Names, not ids: the tier, the verdicts and the criterion's change in words.
    BOOST_TEST(contains(table.out, "tiers only in national-2022: Innovative SME"), table.out);
    BOOST_TEST(contains(table.out, "eligible → not eligible"), table.out);
    BOOST_TEST(contains(table.out, "Holds the innovative SME title: not assessed → not met"),
               table.out);
    CliResult bad =
        r.cli("rules diff --year 2022 --from jiangxi-2020 --to national-2022 --tier innovative");
    BOOST_TEST(bad.status == 2);
}

BOOST_AUTO_TEST_CASE(rules_check_reports_errors_and_advice) {
    TempDir dir;
    std::string broken =
        "id = \"t\"\n"
        "name = \"测试\"\n"
        "years = { from = 2020 }\n"
        "[[tiers]]\n"
        "id = \"a\"\n"
        "zh = \"甲\"\n"
        "validity_years = 3\n"
        "  [[tiers.criteria]]\n"
        "  rule = \"revenu(L) >= 2000\"\n"
        "  id = \"a.x\"\n"
        "  zh = \"条件\"\n";
    write_file(dir / "broken.toml", broken);
    CliResult bad = run_cli(dir.path(), "rules check broken.toml");
    BOOST_TEST(bad.status == 1);
    BOOST_TEST(bad.err == "broken.toml:9: a.x: unknown measure or function 'revenu' (column 1)\n");

    // A tier that asks less than its prerequisite is flagged.
    std::string looser =
        "id = \"t\"\n"
        "name = \"测试\"\n"
        "years = { from = 2020 }\n"
        "source = \"测试文件\"\n"
        "[[tiers]]\n"
        "id = \"a\"\n"
        "zh = \"甲\"\n"
        "validity_years = 3\n"
        "  [[tiers.criteria]]\n"
        "  id = \"a.revenue\"\n"
        "  zh = \"营业收入\"\n"
        "  rule = \"revenue(L) >= 1000\"\n"
        "  source = \"测试\"\n"
        "[[tiers]]\n"
        "id = \"b\"\n"
        "zh = \"乙\"\n"
        "validity_years = 3\n"
        "  [[tiers.criteria]]\n"
        "  id = \"b.prerequisite\"\n"
        "  zh = \"已认定甲\"\n"
        "  rule = \"holds(a, Y-01-01)\"\n"
        "  source = \"测试\"\n"
        "  [[tiers.criteria]]\n"
        "  id = \"b.revenue\"\n"
        "  zh = \"营业收入\"\n"
        "  rule = \"revenue(L) >= 500\"\n";
    write_file(dir / "looser.toml", looser);
    CliResult lint = run_cli(dir.path(), "rules check looser.toml");
    BOOST_TEST(lint.status == 0, lint.err);
    BOOST_TEST(
        contains(lint.out,
                 "tier b is looser than its prerequisite a: b.revenue asks revenue(L) >= 500 where "
                 "a.revenue asks revenue(L) >= 1000"),
        lint.out);
    BOOST_TEST(contains(lint.out, "b.revenue: no source document"), lint.out);

    for (const char* shipped : {"jiangxi-2020.toml", "national-2022.toml", "national-2026.toml"}) {
        CliResult ok =
            run_cli(dir.path(), "rules check " + shell_quote((kRulesDir / shipped).string()));
        BOOST_TEST(ok.status == 0, shipped << ": " << ok.err);
        BOOST_TEST(contains(ok.out, "loads cleanly"), ok.out);
        BOOST_TEST(contains(ok.out, "is assumed"), ok.out);
    }
    CliResult list = run_cli(dir.path(), "rules list");
    BOOST_TEST(list.status == 0);
    BOOST_TEST(contains(list.out, "jiangxi-2020"));
    BOOST_TEST(contains(list.out, "2022–2025"));
    BOOST_TEST(contains(list.out, "2026– (in force from 2026-04-01)"), list.out);
}

// A little giant of 2023 in a registry whose 2026 figures come with the new columns under their
// Chinese headers: a new application under national-2026 fails, the 2026 round re-reviews it
// under national-2022 without the growth test, the day of decision picks the rule set, and
// `rules diff` names the criteria behind the change.
BOOST_AUTO_TEST_CASE(national_2026_rounds_dates_and_diff) {
    TestDatabase store;
    fs::path dir = store.dir().path();
    auto cli = [&](const std::string& args) {
        return run_cli(dir, store.cli_args() + " " + args, "en");
    };
    const std::string T = code("91360100000000010");
    write_file(dir / "firms.csv",
               "credit_code,name,region_code,industry_code,chain,founded,niche_since,hnte_field,"
               "listed_on\n" +
                   T + ",癸精工有限公司,360102,C3985,electronics,2012-01-01,2014,yes,\n");
    std::string figures =
        "credit_code,year,revenue,main_revenue,rd_expense,employees,total_assets,"
        "total_liabilities,ip_class1,自主申请I类知识产权数,国内细分市场占有率(%),发展质量评价得分,"
        "同一控制企业已获认定,own_brand,rd_institution,quality_cert,major_incident\n";
    for (auto [year, main] : {std::pair{2023, "6800"}, {2024, "7140"}, {2025, "7500"}})
        figures += T + "," + std::to_string(year) + ",10000," + main +
                   ",700,300,20000,10000,2,2,15.5,70,否,是,是,是,否\n";
    write_file(dir / "figures.csv", figures);
    write_file(dir / "recognitions.csv",
               "credit_code,tier,approved_on,valid_from,valid_to,doc_no\n" + T +
                   ",specialized,2024-06-01,,,\n" + T + ",little_giant,2023-07-01,,,\n");
    for (const char* table : {"firms", "figures", "recognitions"}) {
        CliResult r = cli(std::string("import ") + table + " " + table + ".csv");
        BOOST_TEST_REQUIRE(r.status == 0, table << ": " << r.err);
    }
    // The new columns round-trip through export.
    CliResult exported = cli("export figures");
    BOOST_TEST(contains(exported.out, ",domestic_market_share,ip_class1_self,quality_score,"),
               exported.out);
    BOOST_TEST(contains(exported.out, ",15.50,2,70.00,no\n"), exported.out);

    // New application, 2026 rules: 75 % main business, flat revenue, 2 self-filed class-I IP;
    // its negative list was never checked.
    CliResult fresh = cli("evaluate --year 2026 --tier little_giant");
    BOOST_TEST(fresh.status == 0, fresh.err);
    BOOST_TEST(fresh.out == "credit_code,tier,verdict,failed,missing\n" + T +
                                ",little_giant,ineligible,little_giant.main_share;little_giant."
                                "growth;little_giant.ip,little_giant.negative_list\n",
               fresh.out);
    // Re-review: the round keeps the 2022 standard and waives its growth test.
    CliResult again = cli("evaluate --year 2026 --tier little_giant --kind re-review");
    BOOST_TEST(
        again.out == "credit_code,tier,verdict,failed,missing\n" + T + ",little_giant,eligible,,\n",
        again.out);
    CliResult why =
        cli("evaluate --year 2026 --tier little_giant --kind re-review --format "
            "table --firm " +
            T);
    BOOST_TEST(contains(why.out,
                        "decided by rule set national-2022, round "
                        "2026-little_giant-re_review (2026 little-giant re-review)"),
               why.out);
    BOOST_TEST(contains(why.out, "waived by the round: little_giant.main_growth"), why.out);
    CliResult json = cli("evaluate --year 2026 --tier little_giant --kind re-review --format json");
    BOOST_TEST(contains(json.out, "\"kind\": \"re_review\""), json.out);
    BOOST_TEST(contains(json.out,
                        "\"rule_set\": \"national-2022\", \"round\": "
                        "\"2026-little_giant-re_review\""),
               json.out);
    // The day of decision: before 2026-04-01 the 2022 rules, from then on the 2026 ones.
    CliResult march = cli("evaluate --year 2026 --tier little_giant --date 2026-03-31");
    BOOST_TEST(contains(march.out, ",little_giant,eligible,,"), march.out);
    CliResult april = cli("evaluate --year 2026 --tier little_giant --date 2026-04-01");
    BOOST_TEST(contains(april.out, ",little_giant,ineligible,"), april.out);

    // Who loses eligibility by which criterion, for the first year of national-2026.
    CliResult diff = cli("rules diff --from national-2022 --to national-2026 --tier little_giant");
    BOOST_TEST(diff.status == 0, diff.err);
    BOOST_TEST(contains(diff.out, "assessment year 2026"), diff.out);
    BOOST_TEST(contains(diff.out, "eligible → not eligible"), diff.out);
    BOOST_TEST(contains(diff.out, "Criteria behind the changes"), diff.out);
    BOOST_TEST(contains(diff.out, "Main business ≥ 90% of revenue "), diff.out);
    CliResult diff_csv =
        cli("rules diff --from national-2022 --to national-2026 --tier "
            "little_giant --format csv");
    BOOST_TEST(
        contains(diff_csv.out,
                 T + ",little_giant,eligible,ineligible,little_giant.main_share:pass->fail;"),
        diff_csv.out);
}
