// The same firm under jiangxi-2020 and national-2022; holds() validity edges; explanations;
// a micro-benchmark that only prints.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "model/errors.hpp"
#include "model/rules/evaluate.hpp"

namespace fs = std::filesystem;
using namespace ladder;

namespace {

const RuleSetLibrary& library() {
    static const RuleSetLibrary lib = RuleSetLibrary::load_directory(
        fs::path(LADDER_TEST_DATA_DIR) / ".." / ".." / "resources" / "rules");
    return lib;
}

void put(YearFigures& f, Measure m, int64_t v) {
    f.set(m, v);
}

// A specialised SME with a strong R&D record, figures for 2016–2022.
FirmRecord strong_sme() {
    FirmRecord r;
    r.firm.credit_code = "91360100MA35XXXX0X";
    r.firm.founded = Date(2012, 5, 1);
    r.firm.industry_code = "C3985";
    r.firm.niche_since = 2014;
    r.firm.hnte_field = true;
    for (int y = 2016; y <= 2022; ++y) {
        YearFigures f;
        f.year = y;
        int64_t revenue = Money::from_wan(6000 + 800 * (y - 2016)).fen();
        put(f, Measure::revenue, revenue);
        put(f, Measure::main_revenue, revenue * 9 / 10);
        put(f, Measure::lead_product_revenue, revenue * 6 / 10);
        put(f, Measure::hightech_revenue, revenue * 7 / 10);
        put(f, Measure::rd_expense, revenue * 7 / 100);
        put(f, Measure::rd_domestic, revenue * 6 / 100);
        put(f, Measure::total_profit, revenue / 10);
        put(f, Measure::net_profit, revenue / 12);
        put(f, Measure::total_assets, revenue * 2);
        put(f, Measure::total_liabilities, revenue);
        put(f, Measure::equity_financing, 0);
        put(f, Measure::employees, 300);
        put(f, Measure::tech_staff, 60);
        put(f, Measure::rd_staff, 50);
        put(f, Measure::ip_class1, 4);
        put(f, Measure::ip_class2, 10);
        put(f, Measure::innovation_score, 8000);
        put(f, Measure::zjtx_score, 7500);
        put(f, Measure::rank_province, 2);
        put(f, Measure::quality_cert, 1);
        put(f, Measure::own_brand, 1);
        put(f, Measure::rd_institution, 1);
        put(f, Measure::major_incident, 0);
        r.figures.push_back(f);
    }
    Recognition spec;
    spec.tier = "specialized";
    spec.valid_from = spec.approved_on = Date(2019, 6, 1);
    Recognition innov;
    innov.tier = "innovative";
    innov.valid_from = innov.approved_on = Date(2022, 6, 1);
    Recognition spec2 = spec;
    spec2.valid_from = spec2.approved_on = Date(2022, 9, 1);
    r.recognitions = {innov, spec, spec2};
    return r;
}

const CriterionResult& find(const EligibilityReport& r, const std::string& id) {
    for (const auto& c : r.criteria)
        if (c.id == id) return c;
    throw std::runtime_error("no criterion " + id);
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_firm_under_both_rule_sets) {
    FirmRecord firm = strong_sme();
    const RuleSet& jx = *library().for_year(2020);
    const RuleSet& nat = *library().for_year(2023);

    // jiangxi-2020, Y = 2020: specialised since 2019-06-01, so a little-giant candidate.
    EligibilityReport lg2020 = evaluate(jx, firm, 2020, "little_giant");
    for (const auto& c : lg2020.criteria)
        BOOST_TEST_MESSAGE(c.id << " " << to_string(c.verdict) << " | " << c.actual << " | "
                                << c.threshold << " | " << c.gap);
    BOOST_TEST(to_string(lg2020.verdict) == "eligible");

    // national-2022, Y = 2023: the national little giant asks 3 years in the niche, main
    // business ≥ 70%, 5% average main-revenue growth, 6% R&D for 5000万–1亿 revenue, ≥ 2 class-I
    // IP.
    EligibilityReport lg2023 = evaluate(nat, firm, 2023, "little_giant");
    for (const auto& c : lg2023.criteria)
        BOOST_TEST_MESSAGE(c.id << " " << to_string(c.verdict) << " | " << c.actual << " | "
                                << c.threshold << " | " << c.gap);
    BOOST_TEST(to_string(find(lg2023, "little_giant.prerequisite").verdict) ==
               "pass");  // renewed 2022-09-01
    BOOST_TEST(to_string(find(lg2023, "little_giant.main_share").verdict) == "pass");
    // revenue 2022 = 10800万 ≥ 1亿 → 3% band; R&D is 7%.
    BOOST_TEST(to_string(find(lg2023, "little_giant.rd").verdict) == "pass");
    // growth: 9720/9000 + 10800·0.9/9720 ... two ratios of ~1.08 each → sum ≥ 2.10.
    BOOST_TEST(to_string(find(lg2023, "little_giant.main_growth").verdict) == "pass");
    BOOST_TEST(to_string(lg2023.verdict) == "eligible");

    // The specialised tier nationally needs the innovative title first.
    EligibilityReport sp2023 = evaluate(nat, firm, 2023, "specialized");
    BOOST_TEST(to_string(find(sp2023, "specialized.prerequisite").verdict) == "pass");
    FirmRecord no_innovative = firm;
    no_innovative.recognitions.erase(no_innovative.recognitions.begin());
    EligibilityReport sp_without = evaluate(nat, no_innovative, 2023, "specialized");
    BOOST_TEST(to_string(find(sp_without, "specialized.prerequisite").verdict) == "fail");
    BOOST_TEST(to_string(sp_without.verdict) == "ineligible");
    BOOST_TEST(sp_without.failed() == (std::vector<std::string>{"specialized.prerequisite"}),
               boost::test_tools::per_element());

    // Innovative: a valid high-tech title is not held, but the rubric and R&D institution are.
    EligibilityReport in2023 = evaluate(nat, firm, 2023, "innovative");
    BOOST_TEST(to_string(in2023.verdict) == "eligible");

    // The same tier ids, different rules: jiangxi has no innovative tier.
    BOOST_CHECK_THROW(evaluate(jx, firm, 2020, "innovative"), UsageError);
    BOOST_TEST(evaluate_all(jx, firm, 2020).size() == 8u);
    BOOST_TEST(evaluate_all(nat, firm, 2023).size() == 9u);
}

BOOST_AUTO_TEST_CASE(national_little_giant_rd_bands) {
    const RuleSet& nat = *library().find("national-2022");
    FirmRecord firm = strong_sme();
    // Revenue 2022 in 5000万–1亿 → both years need ≥ 6%.
    for (auto& f : firm.figures) {
        if (f.year >= 2021) f.set(Measure::revenue, Money::from_wan(9000).fen());
        if (f.year >= 2021) f.set(Measure::rd_expense, Money::from_wan(540).fen());  // exactly 6%
    }
    BOOST_TEST(
        to_string(find(evaluate(nat, firm, 2023, "little_giant"), "little_giant.rd").verdict) ==
        "pass");
    firm.figures.back().set(Measure::rd_expense, *parse_fen("539.99"));  // just under 6%
    auto r = find(evaluate(nat, firm, 2023, "little_giant"), "little_giant.rd");
    BOOST_TEST(to_string(r.verdict) == "fail");
    BOOST_TEST_MESSAGE(r.gap);
    BOOST_TEST(r.gap.find("0.01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(holds_uses_validity_defaults_and_leap_days) {
    const RuleSet& jx = *library().find("jiangxi-2020");
    FirmRecord firm;
    Recognition r;
    r.tier = "high_tech";  // validity 3
    r.valid_from = r.approved_on = Date(2016, 2, 29);
    firm.recognitions = {r};
    BOOST_TEST(holds(jx, firm, "high_tech", Date(2019, 2, 28)));
    BOOST_TEST(!holds(jx, firm, "high_tech", Date(2019, 3, 1)));
    BOOST_TEST(!holds(jx, firm, "high_tech", Date(2016, 2, 28)));
    firm.recognitions[0].tier = "gazelle";  // validity 1: 2016-02-29 … 2017-02-28
    BOOST_TEST(holds(jx, firm, "gazelle", Date(2017, 2, 28)));
    BOOST_TEST(!holds(jx, firm, "gazelle", Date(2017, 3, 1)));
    firm.recognitions[0].tier = "listing";  // validity none: open-ended
    BOOST_TEST(holds(jx, firm, "listing", Date(2090, 1, 1)));
    firm.recognitions[0].valid_to = Date(2018, 1, 1);  // an explicit end wins
    BOOST_TEST(!holds(jx, firm, "listing", Date(2018, 1, 2)));
    BOOST_TEST(!holds(jx, firm, "nope", Date(2017, 1, 1)));
}

BOOST_AUTO_TEST_CASE(explanations_and_gap_ranking) {
    const RuleSet& jx = *library().find("jiangxi-2020");
    FirmRecord firm;
    firm.firm.founded = Date(2010, 1, 1);
    YearFigures f;
    f.year = 2019;
    f.set(Measure::revenue, Money::from_wan(5200).fen());
    f.set(Measure::rd_expense, *parse_fen("124.80"));
    f.set(Measure::employees, 100);
    firm.figures = {f};
    auto r = evaluate(jx, firm, 2020, "specialized");
    const auto& rd = find(r, "specialized.rd");
    BOOST_TEST(to_string(rd.verdict) == "fail");
    BOOST_TEST_MESSAGE("actual: " << rd.actual << "\nthreshold: " << rd.threshold
                                  << "\ngap: " << rd.gap);
    BOOST_TEST(rd.gap.find("2.40%") != std::string::npos);
    BOOST_TEST(rd.gap.find("3.00%") != std::string::npos);
    BOOST_TEST(rd.gap.find("31.20 万元") != std::string::npos);
    BOOST_TEST(rd.actual.find("R&D expense (2019) = 124.80 万元") != std::string::npos);
    BOOST_TEST(rd.assumed);
    BOOST_TEST(rd.gap_size > 0.19);
    BOOST_TEST(rd.gap_size < 0.21);  // 31.20 / 156.00
    // Missing inputs feed the to-do list.
    auto todo = r.missing_inputs();
    BOOST_TEST(
        (std::find(todo.begin(), todo.end(),
                   MissingInput{MissingInput::Kind::firm_field, "niche_since", 0}) != todo.end()));
    BOOST_TEST(
        r.missing() == (std::vector<std::string>{"specialized.niche_years", "specialized.score",
                                                 "specialized.no_incident"}),
        boost::test_tools::per_element());
    // A near miss ranks before a far miss.
    YearFigures near = f;
    near.set(Measure::rd_expense, *parse_fen("155.99"));
    FirmRecord near_firm = firm;
    near_firm.figures = {near};
    BOOST_TEST(evaluate(jx, near_firm, 2020, "specialized").gap_size < r.gap_size);
    // Quick mode decides the same and carries no text.
    auto quick = evaluate(jx, firm, 2020, "specialized", Detail::verdicts);
    BOOST_TEST((quick.verdict == r.verdict));
    BOOST_TEST(find(quick, "specialized.rd").gap.empty());
    BOOST_TEST(find(quick, "specialized.rd").gap_size == rd.gap_size);
}

// Prints throughput; never asserts on time (shared machines vary).
BOOST_AUTO_TEST_CASE(micro_benchmark_prints_only) {
    const RuleSet& jx = *library().find("jiangxi-2020");
    FirmRecord base = strong_sme();
    const int firms = 20000;
    std::size_t eligible = 0;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < firms; ++i) {
        base.figures[3].set(Measure::revenue,
                            Money::from_wan(5000).fen() + i * 10000);  // vary a little
        for (const auto& report : evaluate_all(jx, base, 2020, Detail::verdicts))
            eligible += report.verdict == TierVerdict::eligible;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "rules micro-benchmark: " << firms << " firms x " << jx.tiers.size()
              << " tiers in " << seconds << " s (" << static_cast<long>(firms / seconds)
              << " firms/s; " << eligible << " eligible)\n";
    auto start_full = std::chrono::steady_clock::now();
    for (int i = 0; i < firms / 10; ++i) evaluate_all(jx, base, 2020, Detail::full);
    double full =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_full).count();
    std::cout << "  with explanations: " << static_cast<long>(firms / 10 / full) << " firms/s\n";
    BOOST_TEST(eligible > 0u);
}

// 创新型中小企业's score is explained indicator by indicator with the three sub-totals, never
// as blank terms ("+  +  +  = 55").
BOOST_AUTO_TEST_CASE(innovative_score_explains_each_indicator) {
    const RuleSet& nat = *library().find("national-2022");
    FirmRecord firm = strong_sme();
    firm.recognitions.clear();
    for (auto& f : firm.figures) f.set(Measure::rd_institution, 0);
    const EligibilityReport report = evaluate(nat, firm, 2023, "innovative");
    const auto& c = find(report, "innovative.evaluation");
    BOOST_TEST_MESSAGE(c.actual);
    BOOST_TEST(c.actual.find("+  +") == std::string::npos, c.actual);
    for (const char* part : {"评价得分 = ", "创新能力得分 ", "成长性得分 ", "专业化得分 ",
                             "知识产权得分 10", "研发费用占比得分 20", "资产负债率得分 10",
                             "主导产品所属领域得分 10", "主营业务收入占比得分 20"})
        BOOST_TEST(c.actual.find(part) != std::string::npos, part << " in " << c.actual);
}

namespace {

// A little giant of 2023 (national-2022) whose figures for 2023–2025 keep it there under the
// 2022 standard: 1亿 revenue, 75 % main business, 7 % R&D, 2 class-I IP, flat main revenue.
FirmRecord little_giant_holder() {
    FirmRecord r = strong_sme();
    for (int y = 2023; y <= 2025; ++y) {
        YearFigures f = r.figures.back();
        f.year = y;
        r.figures.push_back(f);
    }
    for (auto& f : r.figures) {
        int64_t revenue = Money::from_wan(10000).fen();
        f.set(Measure::revenue, revenue);
        f.set(Measure::main_revenue, revenue * 75 / 100);  // 75 %: ≥ 70 % (2022), < 90 % (2026)
        f.set(Measure::rd_expense, revenue * 7 / 100);
        f.set(Measure::rd_domestic, revenue * 6 / 100);
        f.set(Measure::ip_class1, 2);
        f.set(Measure::ip_class1_self, 2);
        f.set(Measure::domestic_market_share, 1500);  // 15.00 %
        f.set(Measure::quality_score, 7000);
        f.set(Measure::common_control, 0);
    }
    Recognition spec;
    spec.tier = "specialized";
    spec.valid_from = spec.approved_on = Date(2024, 6, 1);
    Recognition lg;
    lg.tier = "little_giant";
    lg.valid_from = lg.approved_on = Date(2023, 7, 1);
    r.recognitions = {spec, lg};
    return r;
}

std::vector<std::string> ids(const EligibilityReport& r) {
    std::vector<std::string> out;
    for (const auto& c : r.criteria) out.push_back(c.id);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
}

}  // namespace

// The same firm in 2026: as a new application under national-2026 it fails the 90 % main-business
// share and the 4 self-filed class-I IP; as a re-review the 2026 round keeps the 2022 standard and
// waives the growth test, so flat main revenue does not matter.
BOOST_AUTO_TEST_CASE(rounds_decide_re_reviews_under_the_old_standard) {
    const RuleSet& n26 = *library().find("national-2026");
    FirmRecord firm = little_giant_holder();

    EligibilityReport fresh =
        evaluate(library(), n26, firm, 2026, "little_giant", CaseKind::new_application);
    BOOST_TEST(fresh.rule_set == "national-2026");
    BOOST_TEST(fresh.round.empty());
    BOOST_TEST(to_string(fresh.verdict) == "ineligible");
    BOOST_TEST(has(fresh.failed(), "little_giant.main_share"));
    BOOST_TEST(has(fresh.failed(), "little_giant.ip"));

    EligibilityReport again =
        evaluate(library(), n26, firm, 2026, "little_giant", CaseKind::re_review);
    for (const auto& c : again.criteria)
        BOOST_TEST_MESSAGE(c.id << " " << to_string(c.verdict) << " | " << c.actual);
    BOOST_TEST(again.rule_set == "national-2022");
    BOOST_TEST(again.round == "2026-little_giant-re_review");
    BOOST_TEST(again.waived == (std::vector<std::string>{"little_giant.main_growth"}),
               boost::test_tools::per_element());
    BOOST_TEST(!has(ids(again), "little_giant.main_growth"));
    BOOST_TEST(!has(ids(again), "little_giant.round_revenue_floor"));  // another round's floor
    BOOST_TEST(to_string(again.verdict) == "eligible");

    // Without the waiver the 2022 growth test fails on flat main revenue: the round decided.
    EligibilityReport plain22 =
        evaluate(*library().find("national-2022"), firm, 2026, "little_giant");
    BOOST_TEST(to_string(plain22.verdict) == "ineligible");
    BOOST_TEST(plain22.failed() == (std::vector<std::string>{"little_giant.main_growth"}),
               boost::test_tools::per_element());

    // Other tiers and other years have no round: the rule set alone decides.
    RuleChoice d = decide(library(), n26, 2026, "specialized", CaseKind::re_review);
    BOOST_TEST(d.rules == &n26);
    BOOST_TEST(d.round == nullptr);
    BOOST_TEST(decide(library(), n26, 2027, "little_giant", CaseKind::re_review).round == nullptr);
}

// The 2025 round adds a floor for new applications only: no applicants below 5000万.
BOOST_AUTO_TEST_CASE(rounds_add_floors_for_their_kind_of_case) {
    const RuleSet& n22 = *library().find("national-2022");
    FirmRecord firm = little_giant_holder();
    for (auto& f : firm.figures)
        if (f.year == 2024) f.set(Measure::revenue, *parse_fen("4999.99"));
    // Below the floor by one fen: refused as a new application by the floor…
    auto fresh = evaluate(library(), n22, firm, 2025, "little_giant", CaseKind::new_application);
    BOOST_TEST(fresh.round == "2025-little_giant-new");
    BOOST_TEST(has(fresh.failed(), "little_giant.round_revenue_floor"));
    // …not as a re-review, and not where no round decides.
    auto again = evaluate(library(), n22, firm, 2025, "little_giant", CaseKind::re_review);
    BOOST_TEST(again.round.empty());
    BOOST_TEST(!has(ids(again), "little_giant.round_revenue_floor"));
    BOOST_TEST(
        !has(ids(evaluate(n22, firm, 2025, "little_giant")), "little_giant.round_revenue_floor"));
    // At the floor it passes.
    for (auto& f : firm.figures)
        if (f.year == 2024) f.set(Measure::revenue, Money::from_wan(5000).fen());
    auto at = evaluate(library(), n22, firm, 2025, "little_giant", CaseKind::new_application);
    BOOST_TEST(!has(at.failed(), "little_giant.round_revenue_floor"));
}

// The same firm under national-2022 and national-2026, and the rule set by the day of decision.
BOOST_AUTO_TEST_CASE(same_firm_under_2022_and_2026) {
    FirmRecord firm = little_giant_holder();
    firm.recognitions.pop_back();  // not yet a little giant
    const RuleSet& before = *library().in_force(2026, Date(2026, 3, 31));
    const RuleSet& after = *library().in_force(2026, Date(2026, 4, 1));
    BOOST_TEST(before.id == "national-2022");
    BOOST_TEST(after.id == "national-2026");
    // 2022: the flat main revenue fails the 5 % average growth; 2026: CAGR of revenue, also flat.
    auto lg22 = evaluate(before, firm, 2026, "little_giant");
    auto lg26 = evaluate(after, firm, 2026, "little_giant");
    BOOST_TEST(has(lg22.failed(), "little_giant.main_growth"));
    BOOST_TEST(has(lg26.failed(), "little_giant.growth"));
    BOOST_TEST(has(lg26.failed(), "little_giant.main_share"));   // 75 % < 90 %
    BOOST_TEST(!has(lg22.failed(), "little_giant.main_share"));  // 75 % ≥ 70 %
    BOOST_TEST(has(lg26.failed(), "little_giant.ip"));           // 2 self-filed < 4
    BOOST_TEST(!has(lg22.failed(), "little_giant.ip"));          // 2 class-I ≥ 2
    // A single champion is not recommended as a little giant from 2026.
    Recognition sc;
    sc.tier = "single_champion";
    sc.valid_from = sc.approved_on = Date(2025, 1, 1);
    firm.recognitions.push_back(sc);
    BOOST_TEST(
        has(evaluate(after, firm, 2026, "little_giant").failed(), "little_giant.not_champion"));
}

// Rounds are checked when the rule set loads.
BOOST_AUTO_TEST_CASE(rounds_are_checked_at_load) {
    const std::string head = R"(id = "t"
name = "t"
years = { from = 2030 }
[[tiers]]
id = "a"
zh = "甲"
validity_years = 3
  [[tiers.criteria]]
  id = "a.revenue"
  zh = "营收"
  rule = "revenue(L) >= 1000"
  source = "x"
)";
    auto error_of = [&](const std::string& tail) {
        try {
            parse_rule_set(head + tail, "t.toml");
        } catch (const InputError& e) {
            std::string all;
            for (const auto& err : e.errors()) all += err.to_string() + "\n";
            return all;
        }
        return std::string("loaded");
    };
    BOOST_TEST(error_of("[[rounds]]\nid = \"r\"\nzh = \"r\"\nyear = 2030\ntier = \"a\"\n") ==
               "loaded");
    BOOST_TEST(error_of("[[rounds]]\nid = \"r\"\nzh = \"r\"\nyear = 2030\ntier = \"b\"\n")
                   .find("unknown tier 'b'") != std::string::npos);
    BOOST_TEST(error_of("[[rounds]]\nid = \"r\"\nzh = \"r\"\nyear = 2030\ntier = \"a\"\nkind = "
                        "\"renewal\"\n")
                   .find("kind must be") != std::string::npos);
    BOOST_TEST(error_of("[[rounds]]\nid = \"r\"\nzh = \"r\"\nyear = 2030\ntier = \"a\"\nwaive = "
                        "[\"a.nope\"]\n")
                   .find("waives 'a.nope'") != std::string::npos);
    // A floor naming a round that does not exist.
    const std::string floor =
        "  [[tiers.criteria]]\n  id = \"a.floor\"\n  zh = \"下限\"\n  rule = "
        "\"revenue(L) >= 5000\"\n  rounds = [\"r\"]\n";
    BOOST_TEST(error_of(floor).find("no round 'r'") != std::string::npos, error_of(floor));
}
