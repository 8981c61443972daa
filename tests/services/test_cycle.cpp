// The yearly cycle of a title under national-2026 (issue 18, items 3–5): the negative list
// (case tables for its rules; recorded, imported and audited through the real ladder-cli on a
// real registry, refusing applications and flagging holders), re-review, revocation with its
// ban, and targets.
#include <boost/test/unit_test.hpp>

#include "model/negative_list.hpp"
#include "model/money.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"
#include "model/table.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

NegativeCheck check(NegativeItem item, NegativeVerdict verdict) {
    NegativeCheck c;
    c.credit_code = "X";
    c.item = item;
    c.verdict = verdict;
    c.source = verdict == NegativeVerdict::not_checked ? "" : "信用中国";
    if (verdict != NegativeVerdict::not_checked) c.checked_on = Date(2026, 5, 1);
    return c;
}

// Every item checked "no", then `item` set to `verdict`.
std::vector<NegativeCheck> all_no_but(std::optional<NegativeItem> item, NegativeVerdict verdict) {
    std::vector<NegativeCheck> out;
    for (NegativeItem i : kNegativeItems)
        out.push_back(check(i, item && *item == i ? verdict : NegativeVerdict::no));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(negative_status_case_table) {
    struct Case {
        const char* name;
        std::vector<NegativeCheck> checks;
        std::size_t found, unchecked;
        const char* refusal_starts;  // empty: no refusal
    };
    const Case cases[] = {
        {"every item no", all_no_but(std::nullopt, NegativeVerdict::no), 0, 0, ""},
        {"nothing recorded", {}, 0, 7, "企业 X 的否决项未核查完毕（较大及以上生产安全事故、"},
        {"fraud found", all_no_but(NegativeItem::fraud, NegativeVerdict::yes), 1, 0,
         "企业 X 存在否决项，不予受理：数据造假或弄虚作假（信用中国，2026-05-01核查）"},
        {"quality not checked", all_no_but(NegativeItem::quality, NegativeVerdict::not_checked), 0,
         1, "企业 X 的否决项未核查完毕（严重质量问题）"},
        {"one found and one not checked: the finding decides",
         [] {
             auto v = all_no_but(NegativeItem::accident, NegativeVerdict::yes);
             v.pop_back();  // fraud not recorded
             return v;
         }(),
         1, 1, "企业 X 存在否决项"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            NegativeStatus s = negative_status(c.checks);
            BOOST_TEST(s.found.size() == c.found);
            BOOST_TEST(s.unchecked.size() == c.unchecked);
            auto refusal = negative_refusal("X", s);
            BOOST_TEST(refusal.has_value() == (std::string(c.refusal_starts) != ""));
            if (refusal) BOOST_TEST(refusal->rfind(c.refusal_starts, 0) == 0u, *refusal);
        }
    }
}

namespace {

const RuleSetLibrary& rule_library() {
    static const RuleSetLibrary lib = RuleSetLibrary::load_directory(
        std::filesystem::path(LADDER_TEST_DATA_DIR) / ".." / ".." / "resources" / "rules");
    return lib;
}

// An industrial firm with 2500万 main revenue in 2025: eligible for above_scale on its figures.
FirmRecord above_scale_firm(std::vector<NegativeCheck> checks) {
    FirmRecord r;
    r.firm.credit_code = "X";
    r.firm.founded = Date(2010, 1, 1);
    r.firm.industry_code = "C3985";
    YearFigures f;
    f.credit_code = "X";
    f.year = 2025;
    f.set(Measure::main_revenue, Money::from_wan(2500).fen());
    f.set(Measure::revenue, Money::from_wan(3000).fen());
    r.figures.push_back(f);
    r.negative_checks = std::move(checks);
    return r;
}

// A rule set with the negative list whose tier "scale" carries it and whose tier "stat" opts
// out (`negative_list = false`), each deciding on 2000万 main revenue.
RuleSet two_tier_rule_set() {
    std::string tier_text;
    for (const char* id : {"scale", "stat"}) {
        tier_text += std::string("[[tiers]]\nid = \"") + id + "\"\nzh = \"" + id +
                     "\"\nvalidity_years = 1\n" +
                     (std::string(id) == "stat" ? "negative_list = false\n" : "") +
                     "  [[tiers.criteria]]\n  id = \"" + id +
                     ".revenue\"\n  zh = \"营业收入\"\n  rule = \"main_revenue(L) >= 2000\"\n";
    }
    return parse_rule_set(
        "id = \"t\"\nname = \"测试\"\nyears = { from = 2020 }\n"
        "negative_list = true\n[units]\nmoney = \"万元\"\n" +
            tier_text,
        "t.toml");
}

}  // namespace

// The list as a criterion of the tiers it applies to: evaluate, the GUI, the registry's
// background verdicts and the tally all read it from the firm's record.
BOOST_AUTO_TEST_CASE(negative_list_criterion_case_table) {
    struct Case {
        const char* name;
        std::vector<NegativeCheck> checks;
        const char* criterion;  // pass | fail | missing
        const char* tier;       // the tier's verdict
        const char* explains;   // in actual, gap or reason (full detail)
    };
    const Case cases[] = {
        {"every item no", all_no_but(std::nullopt, NegativeVerdict::no), "pass", "eligible", ""},
        {"nothing recorded", {}, "missing", "incomplete", "较大及以上生产安全事故、"},
        {"quality not checked", all_no_but(NegativeItem::quality, NegativeVerdict::not_checked),
         "missing", "incomplete", "严重质量问题"},
        {"fraud found", all_no_but(NegativeItem::fraud, NegativeVerdict::yes), "fail", "ineligible",
         "数据造假或弄虚作假（信用中国，2026-05-01）"},
        {"found and not checked: ineligible",
         [] {
             auto v = all_no_but(NegativeItem::accident, NegativeVerdict::yes);
             v.pop_back();
             return v;
         }(),
         "fail", "ineligible", "较大及以上生产安全事故（信用中国"},
    };
    const RuleSet rules = two_tier_rule_set();
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            FirmRecord firm = above_scale_firm(c.checks);
            EligibilityReport full = evaluate(rules, firm, 2026, "scale", Detail::full);
            EligibilityReport quick = evaluate(rules, firm, 2026, "scale", Detail::verdicts);
            BOOST_TEST_REQUIRE(full.criteria.size() == 2u);
            const CriterionResult& r = full.criteria.back();
            BOOST_TEST(r.id == "scale.negative_list");
            BOOST_TEST_REQUIRE(r.criterion != nullptr);
            BOOST_TEST(r.criterion->zh == "否决项核查");
            BOOST_TEST(std::string(to_string(r.verdict)) == c.criterion);
            BOOST_TEST(std::string(to_string(full.verdict)) == c.tier);
            BOOST_TEST(std::string(to_string(quick.verdict)) == c.tier);
            BOOST_TEST(std::string(to_string(quick.criteria.back().verdict)) == c.criterion);
            std::string text = r.actual + "|" + r.gap + "|" + r.reason;
            BOOST_TEST(text.find(c.explains) != std::string::npos, text);
            if (r.verdict == Verdict::missing) {
                BOOST_TEST(full.missing_inputs().size() == 1u);
                BOOST_TEST(full.missing_inputs()[0].to_string() == "negative_list");
            }
            // The tier that opts out decides on its figures alone.
            EligibilityReport stat = evaluate(rules, firm, 2026, "stat", Detail::full);
            BOOST_TEST(stat.criteria.size() == 1u);
            BOOST_TEST(std::string(to_string(stat.verdict)) == "eligible");
        }
    }
    // national-2026: the tiers of the 2026 办法 and 单项冠军 carry it after their own criteria;
    // 规上 (a statistical status), 高新 (its own rules), 瞪羚, 独角兽 and listing do not.
    for (const auto& report :
         evaluate_all(*rule_library().find("national-2026"), above_scale_firm({}), 2026)) {
        bool carries = report.criteria.back().id == report.tier + ".negative_list";
        bool expected = report.tier == "innovative" || report.tier == "specialized" ||
                        report.tier == "little_giant" || report.tier == "single_champion";
        BOOST_TEST(carries == expected, report.tier);
    }
    // Rule sets without the flag neither add it nor read the checks.
    for (const char* id : {"jiangxi-2020", "national-2022"}) {
        BOOST_TEST_CONTEXT(id) {
            const RuleSet& rules = *rule_library().find(id);
            auto with = evaluate_all(
                rules, above_scale_firm(all_no_but(NegativeItem::fraud, NegativeVerdict::yes)),
                2025);
            auto without = evaluate_all(rules, above_scale_firm({}), 2025);
            BOOST_TEST_REQUIRE(with.size() == without.size());
            for (std::size_t i = 0; i < with.size(); ++i) {
                BOOST_TEST(with[i].verdict == without[i].verdict);
                BOOST_TEST(with[i].criteria.size() == without[i].criteria.size());
                for (const auto& cr : with[i].criteria)
                    BOOST_TEST(cr.id.find("negative_list") == std::string::npos);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(negative_items_and_verdicts_parse) {
    struct Case {
        const char* text;
        std::optional<NegativeItem> item;
    };
    const Case items[] = {{"fraud", NegativeItem::fraud},
                          {"列入经营异常名录", NegativeItem::abnormal_operation},
                          {"经营异常", NegativeItem::abnormal_operation},
                          {"严重失信", NegativeItem::dishonesty},
                          {"网络安全", NegativeItem::security_incident},
                          {"theft", std::nullopt},
                          {"", std::nullopt}};
    for (const auto& c : items) BOOST_TEST((parse_negative_item(c.text) == c.item), c.text);
    BOOST_TEST((parse_negative_verdict("是") == NegativeVerdict::yes));
    BOOST_TEST((parse_negative_verdict("否") == NegativeVerdict::no));
    BOOST_TEST((parse_negative_verdict("未核查") == NegativeVerdict::not_checked));
    BOOST_TEST((parse_negative_verdict("not-checked") == NegativeVerdict::not_checked));
    BOOST_TEST(!parse_negative_verdict("maybe"));
}

BOOST_AUTO_TEST_CASE(negative_check_problems) {
    const Date today(2026, 6, 1);
    auto c = check(NegativeItem::quality, NegativeVerdict::yes);
    BOOST_TEST(!negative_check_problem(c, today));
    c.source.clear();
    BOOST_TEST(negative_check_problem(c, today).has_value());
    c = check(NegativeItem::quality, NegativeVerdict::no);
    c.checked_on.reset();
    BOOST_TEST(negative_check_problem(c, today).has_value());
    c.checked_on = Date(2026, 6, 2);  // tomorrow
    BOOST_TEST(negative_check_problem(c, today).has_value());
    c.checked_on = today;
    BOOST_TEST(!negative_check_problem(c, today));
    BOOST_TEST(
        !negative_check_problem(check(NegativeItem::fraud, NegativeVerdict::not_checked), today));
}

namespace {

const std::string N1 = code("91360100MA36NNN10");  // fraud found; holds high_tech: flagged
const std::string N2 = code("91360100MA36NNN20");  // nothing checked
const std::string N3 = code("91360100MA36NNN30");  // every item checked "no" (imported)

struct Bureau {
    TestDatabase db;
    fs::path dir = db.dir().path();
    CliResult cli(const std::string& args, const std::string& user = "",
                  const std::string& new_user = "") const {
        return run_cli_as(db, user, args, new_user);
    }
    void ok(const std::string& args, const std::string& user = "",
            const std::string& new_user = "") const {
        auto r = cli(args, user, new_user);
        BOOST_TEST(r.status == 0, args << ": " << r.err);
    }
    void refused(const std::string& args, const std::string& user,
                 const std::string& message) const {
        auto r = cli(args, user);
        BOOST_TEST(r.status == 1, args);
        BOOST_TEST(r.err == "ladder-cli: " + message + "\n", args);
    }
    void users() const {
        ok("user init-admin", "admin");
        ok("user add clerk --role clerk", "admin", "clerk");
        ok("user add rev1 --role reviewer", "admin", "rev1");
        ok("user add rev2 --role reviewer", "admin", "rev2");
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(negative_list_refuses_applications_and_flags_holders) {
    Bureau b;
    b.users();
    write_file(b.dir / "firms.csv",
               "credit_code,name,region_code,industry_code,chain,founded\n" + N1 +
                   ",南昌负一有限公司,360102,C3985,electronics,2010-05-01\n" + N2 +
                   ",南昌负二有限公司,360102,C3985,electronics,2010-05-01\n" + N3 +
                   ",南昌负三有限公司,360102,C3985,electronics,2010-05-01\n");
    write_file(b.dir / "recognitions.csv", "credit_code,tier,approved_on,doc_no\n" + N1 +
                                               ",high_tech,2025-11-30,赣高企认〔2025〕9号\n" + N1 +
                                               ",innovative,2025-08-01,赣工信〔2025〕3号\n");
    b.ok("import firms firms.csv", "clerk");
    b.ok("import recognitions recognitions.csv", "clerk");

    // Recorded by a clerk, one item at a time; a reviewer may not.
    auto set = b.cli("negative set --firm " + N1 +
                         " --item fraud --verdict yes --source 信用中国 --date 2026-05-10",
                     "clerk");
    BOOST_TEST(set.status == 0, set.err);
    BOOST_TEST(set.out == N1 + " 数据造假或弄虚作假: 是 recorded\n");
    b.refused("negative set --firm " + N1 + " --item quality --verdict no --source 信用中国",
              "rev1", "user rev1 (reviewer) may not edit the registry");
    b.refused("negative set --firm " + N1 + " --item quality --verdict no", "clerk",
              "a verdict of yes or no names the source checked");

    // Imported with Chinese headers: a bad cell rejects the whole file.
    std::string rows = "统一社会信用代码,否决项,核查结论,核查来源,核查日期\n";
    for (const char* item :
         {"安全事故", "网络安全", "环境违法", "质量问题", "经营异常", "严重失信", "弄虚作假"})
        rows += N3 + "," + item + ",否,国家企业信用信息公示系统,2026-05-12\n";
    write_file(b.dir / "bad.csv", rows + N3 + ",偷税,否,信用中国,2026-05-12\n");
    auto bad = b.cli("negative import bad.csv", "clerk");
    BOOST_TEST(bad.status == 1);
    BOOST_TEST(bad.err == "bad.csv:9:否决项: unknown item 偷税\n");
    BOOST_TEST(query_value(b.db, "SELECT COUNT(*) FROM negative_checks") == "1");
    write_file(b.dir / "checks.csv", rows);
    auto imported = b.cli("negative import checks.csv", "clerk");
    BOOST_TEST(imported.status == 0, imported.err);
    BOOST_TEST(imported.out == "negative list: 7 new, 0 updated, 0 unchanged\n");
    // A partial file changes only what it holds: the source of one item, verdict and date kept.
    write_file(b.dir / "partial.csv",
               "统一社会信用代码,否决项,核查来源\n" + N3 + ",质量问题,信用中国\n");
    auto partial = b.cli("negative import partial.csv", "clerk");
    BOOST_TEST(partial.out == "negative list: 0 new, 1 updated, 0 unchanged\n", partial.err);
    BOOST_TEST(query_value(b.db,
                           "SELECT verdict || '/' || source || '/' || checked_on FROM "
                           "negative_checks WHERE credit_code = '" +
                               N3 + "' AND item = 'quality'") == "no/信用中国/2026-05-12");
    auto listed = b.cli("negative list --firm " + N2);
    BOOST_TEST(listed.out.find("Not checked: 较大及以上生产安全事故、") != std::string::npos,
               listed.out);

    // national-2026 (in force on the day the command runs): a finding refuses, an item not
    // checked leaves the case incomplete — both refused with the reason in Chinese.
    b.refused(
        "apply submit --firm " + N1 + " --tier specialized --year 2026", "clerk",
        "企业 " + N1 + " 存在否决项，不予受理：数据造假或弄虚作假（信用中国，2026-05-10核查）");
    b.refused("apply submit --firm " + N2 + " --tier specialized --year 2026", "clerk",
              "企业 " + N2 +
                  " 的否决项未核查完毕（较大及以上生产安全事故、重大网络安全或数据安全事件、"
                  "重大环境违法行为、严重质量问题、列入经营异常名录、列入严重失信主体名单、"
                  "数据造假或弄虚作假），评价不完整，暂不受理");
    BOOST_TEST(query_value(b.db, "SELECT COUNT(*) FROM applications") == "0");
    auto sub = b.cli("apply submit --firm " + N3 + " --tier specialized --year 2026", "clerk");
    BOOST_TEST(sub.status == 0, sub.err);
    BOOST_TEST(sub.out.find("by rule set national-2026") != std::string::npos, sub.out);
    // Nor to a tier that opts out (规上, a statistical status), nor under the 2022 rules.
    auto stat = b.cli("apply submit --firm " + N1 + " --tier above_scale --year 2026", "clerk");
    BOOST_TEST(stat.status == 0, stat.err);
    auto old = b.cli(
        "apply submit --firm " + N2 + " --tier above_scale --year 2025 --date 2025-05-01", "clerk");
    BOOST_TEST(old.status == 0, old.err);

    // Holders with an item found are flagged for revocation: the titles the list applies to
    // (科技和创新型中小企业), not 高新 (another ministry's title, outside this list).
    auto flags = b.cli("negative flags --date 2026-06-01 --format csv");
    BOOST_TEST(flags.out == "credit_code,tier,items\n" + N1 + ",innovative,fraud\n", flags.err);

    // Audited: every change is in the trail, and a row changed outside Ladder is named.
    auto log = b.cli("audit log --entity negative_check --key " + N3 + "/quality", "admin");
    BOOST_TEST(log.out.find("信用中国") != std::string::npos, log.out);
    auto verify = b.cli("audit verify");
    BOOST_TEST(verify.status == 0, verify.err);
    b.db.raw_sql(
        "UPDATE negative_checks SET verdict = 'no' WHERE item = 'fraud' AND credit_code = '" + N1 +
        "'");
    auto broken = b.cli("audit verify");
    BOOST_TEST(broken.status == 1);
    BOOST_TEST(broken.err.find("negative_checks " + N1 + "/fraud: changed outside Ladder") !=
                   std::string::npos,
               broken.err);
}

namespace {

const std::string R1 = code("91360100MA36RRR10");  // specialized ending 2026-11-30: re-reviewed
const std::string R2 = code("91360100MA36RRR20");  // high_tech revoked on 2026-07-01: banned
const std::string R3 = code("91360100MA36RRR30");  // innovative surrendered on 2026-03-01
const std::string R4 = code("91360100MA36RRR40");  // high_tech ending 2026-10-31: re-review fails

// Every item of the negative list checked "no" for `codes` (a CSV with Chinese headers).
std::string all_clear(const std::vector<std::string>& codes) {
    std::string rows = "统一社会信用代码,否决项,核查结论,核查来源,核查日期\n";
    for (const auto& c : codes)
        for (NegativeItem item : kNegativeItems)
            rows += c + "," + std::string(negative_item_id(item)) + ",否,信用中国,2026-05-02\n";
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_CASE(re_review_renews_revocation_bars_and_ends_keep_their_cause) {
    Bureau b;
    b.users();
    std::string firms = "credit_code,name,region_code,industry_code,chain,founded\n";
    for (const auto& c : {R1, R2, R3, R4})
        firms += c + ",赣州某某有限公司,360702,C3985,electronics,2010-05-01\n";
    write_file(b.dir / "firms.csv", firms);
    write_file(b.dir / "recognitions.csv",
               "credit_code,tier,approved_on,valid_from,valid_to,doc_no\n" + R1 +
                   ",specialized,2023-11-20,2023-12-01,2026-11-30,赣工信〔2023〕1号\n" + R2 +
                   ",high_tech,2024-12-20,2025-01-01,2027-12-31,赣高企〔2024〕2号\n" + R3 +
                   ",innovative,2025-06-01,2025-06-01,2028-05-31,赣工信〔2025〕3号\n" + R4 +
                   ",high_tech,2023-10-20,2023-11-01,2026-10-31,赣高企〔2023〕4号\n");
    write_file(b.dir / "figures.csv", "credit_code,year,revenue,main_revenue\n" + R1 +
                                          ",2025,3000,2900\n" + R3 + ",2025,800,800\n");
    write_file(b.dir / "checks.csv", all_clear({R1, R2, R4}));
    for (const char* table : {"firms", "recognitions", "figures"})
        b.ok(std::string("import ") + table + " " + table + ".csv", "clerk");
    b.ok("negative import checks.csv", "clerk");

    // The 2026 re-review cohort: titles whose last valid year is 2026.
    auto cohort = b.cli("title cohort --year 2026 --format csv");
    BOOST_TEST(cohort.out ==
                   "credit_code,tier,valid_from,valid_to,renewed,re_review,"
                   "figures_updated,ended\n" +
                       R1 + ",specialized,2023-12-01,2026-11-30,no,,yes,\n" + R4 +
                       ",high_tech,2023-11-01,2026-10-31,no,,no,\n",
               cohort.err);

    // The 31 May annual update: holders on 2026-05-31 without figures for 2025.
    auto updates = b.cli("title updates --year 2026 --format csv");
    BOOST_TEST(updates.out == "credit_code,name,tiers\n" + R2 + ",赣州某某有限公司,high_tech\n" +
                                  R4 + ",赣州某某有限公司,high_tech\n",
               updates.err);

    // A re-review is for a title in its last year only.
    b.refused("apply submit --firm " + R2 +
                  " --tier high_tech --year 2026 --kind re-review --date 2026-05-20",
              "clerk",
              R2 + " holds no high_tech title whose last valid year is 2026: a re-review is for "
                   "a title in its last year");
    // R1's re-review, approved at both levels: the title is renewed from the day after it ends.
    auto sub = b.cli("apply submit --firm " + R1 +
                         " --tier specialized --year 2026 --kind re-review --date 2026-05-20",
                     "clerk");
    BOOST_TEST(sub.status == 0, sub.err);
    BOOST_TEST(b.cli("apply show --id 1").out.find("Kind: re-review") != std::string::npos);
    const std::string approve = " --confirm specialized.quality_score --justification 复核通过";
    b.ok("review approve --id 1 --date 2026-06-01" + approve, "rev1");
    b.ok("review approve --id 1 --date 2026-06-01 --doc-no 赣工信〔2026〕7号" + approve, "rev2");
    b.ok("publicity close --id 1 --date 2026-06-09", "rev1");
    BOOST_TEST(query_value(b.db,
                           "SELECT valid_from || '..' || valid_to FROM recognitions WHERE "
                           "credit_code = '" +
                               R1 + "' AND doc_no = '赣工信〔2026〕7号'") ==
               "2026-12-01..2029-11-30");
    // R4's re-review is refused: its title ends for that cause.
    b.ok("apply submit --firm " + R4 +
             " --tier high_tech --year 2026 --kind re-review --date 2026-05-20",
         "clerk");
    b.ok("review reject --id 2 --date 2026-06-01 --comment 研发投入不达标", "rev1");

    // Revocation by a reviewer, with document and cause; a clerk may not revoke.
    b.refused(
        "title revoke --firm " + R2 +
            " --tier high_tech --date 2026-07-01 --doc-no 赣工信〔2026〕9号 --reason 数据造假",
        "clerk", "user clerk (clerk) may not decide on applications");
    auto revoked = b.cli("title revoke --firm " + R2 +
                             " --tier high_tech --date 2026-07-01 --doc-no 赣工信〔2026〕9号 "
                             "--reason 数据造假",
                         "rev1");
    BOOST_TEST(revoked.status == 0, revoked.err);
    BOOST_TEST(revoked.out == R2 + " high_tech (from 2025-01-01): 撤销 on 2026-07-01; no "
                                   "application until 2029-07-01\n");
    b.refused("title revoke --firm " + R2 +
                  " --tier high_tech --date 2026-07-02 --doc-no 赣工信〔2026〕9号 --reason 再次",
              "rev1", R2 + " holds no high_tech title on 2026-07-02");
    // The 3-year ban: any application before 2029-07-01 is refused.
    b.refused(
        "apply submit --firm " + R2 + " --tier specialized --year 2026 --date 2026-08-01", "clerk",
        "企业 " + R2 +
            " 的称号（high_tech）已于 2026-07-01 被撤销（赣工信〔2026〕9号），3 年内不得申请，"
            "2029-07-01 前不予受理");
    // Surrender, recorded by a clerk.
    auto surrendered = b.cli("title surrender --firm " + R3 +
                                 " --tier innovative --date 2026-03-01 --reason 企业主动申请放弃",
                             "clerk");
    BOOST_TEST(surrendered.status == 0, surrendered.err);

    // The year's ends, each with its cause; R1's renewed title is not an end.
    auto ends = b.cli("title ends --year 2026 --format csv");
    BOOST_TEST(ends.out == "credit_code,tier,valid_from,ended_on,cause,doc_no,reason\n" + R2 +
                               ",high_tech,2025-01-01,2026-07-01,revoked,赣工信〔2026〕9号,"
                               "数据造假\n" +
                               R3 +
                               ",innovative,2025-06-01,2026-03-01,surrendered,,"
                               "企业主动申请放弃\n" +
                               R4 + ",high_tech,2023-11-01,2026-10-31,failed_re_review,,\n",
               ends.err);
    // The tally's table names the causes; its CSV contract keeps its columns.
    auto tally = b.cli("tally --year 2026");
    BOOST_TEST(tally.out.find("Titles ended in 2026 by cause (title ends):") != std::string::npos,
               tally.out);
    BOOST_TEST(tally.out.find(": 复核未通过 1, 撤销 1\n") != std::string::npos, tally.out);
    // JSON: each row counts its exits by cause (both high_tech ends are in the province row).
    auto tally_json = b.cli("tally --year 2026 --format json");
    BOOST_TEST(tally_json.out.find("\"tier\": \"high_tech\"") != std::string::npos, tally_json.out);
    BOOST_TEST(tally_json.out.find("\"exited_by_cause\": {\"expired\": 0, \"failed_re_review\": 1, "
                                   "\"revoked\": 1, \"surrendered\": 0}}") != std::string::npos,
               tally_json.out);
    BOOST_TEST(tally_json.out.find("\"surrendered\": 1}}") != std::string::npos, tally_json.out);
    // The annual report has the causes' table (XLSX sheet 称号退出).
    auto xlsx = b.cli("tally --year 2026 --format xlsx -o report.xlsx");
    BOOST_TEST(xlsx.status == 0, xlsx.err);
    ReadOptions sheet;
    sheet.sheet = "称号退出";
    Table causes = read_table(b.dir / "report.xlsx", sheet);
    std::string cells;
    for (const auto& cell : causes.header) cells += cell + "|";
    for (const auto& row : causes.rows)
        for (const auto& cell : row.cells.to_strings()) cells += cell + "|";
    BOOST_TEST(cells.find("复核未通过|") != std::string::npos, cells);
    BOOST_TEST(cells.find("高新技术企业|0|1|1|0|2|") != std::string::npos, cells);
    auto tally_csv = b.cli("tally --year 2026 --format csv");
    BOOST_TEST(
        tally_csv.out.starts_with("group,tier,quota,holders_start,added,exited,holders_end\n"),
        tally_csv.out);
    auto after = b.cli("title cohort --year 2026 --format csv");
    BOOST_TEST(after.out.find(R1 + ",specialized,2023-12-01,2026-11-30,yes,approved,yes,") !=
                   std::string::npos,
               after.out);

    // Targets, not caps: Jiangxi's 2028 targets, tracked as titles held.
    b.refused("target set --year 2028 --tier high_tech --value 9000", "clerk",
              "user clerk (clerk) may not edit quotas");
    b.ok("target set --year 2028 --tier high_tech --value 9000", "admin");
    b.ok("target set --year 2028 --tier specialized --value 7000", "admin");
    auto progress = b.cli("target progress --date 2026-12-07 --format csv");
    BOOST_TEST(progress.out ==
                   "year,tier,target,held,on\n2028,high_tech,9000,0,2026-12-07\n"
                   "2028,specialized,7000,1,2026-12-07\n",
               progress.err);

    // Every change is audited: the registry proves itself, and a changed exit is named.
    auto verify = b.cli("audit verify");
    BOOST_TEST(verify.status == 0, verify.err);
    b.db.raw_sql("UPDATE title_exits SET cause = 'surrendered' WHERE credit_code = '" + R2 + "'");
    b.db.raw_sql("UPDATE targets SET target = 90 WHERE tier = 'high_tech'");
    b.db.raw_sql("UPDATE applications SET kind = 'new' WHERE id = 1");
    auto broken = b.cli("audit verify");
    BOOST_TEST(broken.status == 1);
    for (const std::string& what :
         {"title_exits " + R2 + "/high_tech/2025-01-01: changed outside Ladder",
          std::string("targets 2028/high_tech: changed outside Ladder"),
          std::string("applications 1: changed outside Ladder")})
        BOOST_TEST(broken.err.find(what) != std::string::npos, what << "\n" << broken.err);
}
