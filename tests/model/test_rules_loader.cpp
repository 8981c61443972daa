// Loading rule sets: the shipped files load cleanly, and every mistake an editor can make is
// reported as file:line: reason — never a silent pass.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <iostream>

#include "model/errors.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"

namespace fs = std::filesystem;
using namespace ladder;

namespace {

const fs::path kRulesDir = fs::path(LADDER_TEST_DATA_DIR) / ".." / ".." / "resources" / "rules";

// A minimal valid rule set; `criterion_rule` is on line 9.
std::string minimal(const std::string& criterion_rule, const std::string& extra = "") {
    return "id = \"t\"\n"               // 1
           "name = \"测试\"\n"          // 2
           "years = { from = 2020 }\n"  // 3
           "[[tiers]]\n"                // 4
           "id = \"a\"\n"               // 5
           "zh = \"甲\"\n"              // 6
           "validity_years = 3\n"       // 7
           "  [[tiers.criteria]]\n"     // 8
           "  rule = \"" +
           criterion_rule +
           "\"\n"               // 9
           "  id = \"a.x\"\n"   // 10
           "  zh = \"条件\"\n"  // 11
           + extra;
}

std::string first_error(const std::string& text, const std::string& file = "bad.toml") {
    try {
        parse_rule_set(text, file);
    } catch (const InputError& e) {
        return e.errors().front().to_string();
    }
    return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(shipped_rule_sets_load) {
    RuleSetLibrary lib = RuleSetLibrary::load_directory(kRulesDir);
    BOOST_TEST(lib.rule_sets().size() == 3u);
    BOOST_TEST(lib.for_year(2019) == nullptr);
    BOOST_TEST(lib.for_year(2020)->id == "jiangxi-2020");
    BOOST_TEST(lib.for_year(2021)->id == "jiangxi-2020");
    BOOST_TEST(lib.for_year(2022)->id == "national-2022");
    BOOST_TEST(lib.for_year(2025)->id == "national-2022");
    BOOST_TEST(lib.for_year(2026)->id == "national-2026");
    BOOST_TEST(lib.for_year(2035)->id == "national-2026");
    // national-2026 is in force from 2026-04-01: a 2026 assessment decided before that day
    // falls to national-2022, from that day on it is national-2026's.
    BOOST_TEST(lib.in_force(2026, Date(2026, 3, 31))->id == "national-2022");
    BOOST_TEST(lib.in_force(2026, Date(2026, 4, 1))->id == "national-2026");
    BOOST_TEST(lib.in_force(2027, Date(2027, 1, 2))->id == "national-2026");
    BOOST_TEST(lib.in_force(2025, Date(2025, 12, 31))->id == "national-2022");
    BOOST_TEST(lib.in_force(2026, Date(2026, 3, 31))->find_tier("innovative")->zh ==
               "创新型中小企业");
    BOOST_TEST(lib.in_force(2026, Date(2026, 4, 1))->find_tier("innovative")->zh ==
               "科技和创新型中小企业");
    BOOST_TEST(lib.find("national-2022") != nullptr);
    BOOST_TEST(lib.find("nope") == nullptr);

    const RuleSet& jx = *lib.find("jiangxi-2020");
    std::vector<std::string> tiers;
    for (const auto& t : jx.tiers) tiers.push_back(t.id);
    BOOST_TEST(tiers == (std::vector<std::string>{"above_scale", "high_tech", "specialized",
                                                  "little_giant", "single_champion", "gazelle",
                                                  "unicorn", "listing"}),
               boost::test_tools::per_element());
    BOOST_TEST(*jx.quota(2020, "high_tech") == 500);
    BOOST_TEST(*jx.quota(2020, "unicorn") == 2);
    BOOST_TEST(!jx.quota(2021, "unicorn"));
    TierCatalog catalog = jx.tier_catalog();
    BOOST_TEST(catalog.find("listing")->validity_years.has_value() == false);
    BOOST_TEST(*catalog.find("gazelle")->validity_years == 1);
    BOOST_TEST(catalog.default_valid_to("high_tech", Date(2020, 2, 29))->to_string() ==
               "2023-02-28");
    const Criterion* growth = jx.find_criterion("little_giant.growth");
    BOOST_TEST_REQUIRE(growth != nullptr);
    BOOST_TEST(growth->zh == "营业收入或利润总额增速高于全省规上工业平均水平");
    BOOST_TEST(jx.find_criterion("specialized.rd")->assumed);
    BOOST_TEST(!jx.find_criterion("specialized.rd")->note.empty());
    BOOST_TEST(jx.find_criterion("little_giant.market_rank")->reviewer_confirmed);
    const RuleParameter* g = jx.find_parameter("province_revenue_growth");
    BOOST_TEST((g->value_for(2019)->value == Rational(85, 1000)));
    BOOST_TEST(g->value_for(2019)->assumed);
    BOOST_TEST(!jx.find_parameter("usd_cny")->value_for(2019)->assumed);
    BOOST_TEST(jx.find_tier("little_giant")->review_levels ==
                   (std::vector<std::string>{"city", "province"}),
               boost::test_tools::per_element());

    const RuleSet& nat = *lib.find("national-2022");
    BOOST_TEST(nat.find_tier("innovative") != nullptr);
    BOOST_TEST(*nat.find_tier("innovative")->validity_years == 3);
    BOOST_TEST(nat.find_criterion("specialized.prerequisite")->rule ==
               "holds(innovative, Y-01-01)");
}

BOOST_AUTO_TEST_CASE(lint_reports_assumptions_and_gaps) {
    RuleSetLibrary lib = RuleSetLibrary::load_directory(kRulesDir);
    for (const auto& rs : lib.rule_sets()) {
        auto notes = lint_rule_set(rs);
        BOOST_TEST_MESSAGE(rs.id << ": " << notes.size() << " lint notes");
        for (const auto& n : notes) BOOST_TEST_MESSAGE("  " << n);
    }
    auto notes = lint_rule_set(*lib.find("jiangxi-2020"));
    auto has = [&](const std::string& s) {
        return std::any_of(notes.begin(), notes.end(),
                           [&](const std::string& n) { return n.find(s) != std::string::npos; });
    };
    BOOST_TEST(has("province_revenue_growth has no value for 2020"));
    BOOST_TEST(has("specialized.rd is assumed"));
    BOOST_TEST(!has("cycle"));

    RuleSet cyclic = parse_rule_set(
        "id = \"c\"\nname = \"c\"\nyears = { from = 2020 }\n"
        "[[tiers]]\nid = \"a\"\nzh = \"甲\"\nvalidity_years = 1\n"
        "  [[tiers.criteria]]\n  id = \"a.p\"\n  zh = \"p\"\n  rule = \"holds(b)\"\n"
        "[[tiers]]\nid = \"b\"\nzh = \"乙\"\nvalidity_years = 1\n"
        "  [[tiers.criteria]]\n  id = \"b.p\"\n  zh = \"p\"\n  rule = \"holds(a)\"\n",
        "cyclic.toml");
    auto cyc = lint_rule_set(cyclic);
    BOOST_TEST(std::any_of(cyc.begin(), cyc.end(), [](const std::string& n) {
        return n.find("prerequisite cycle: a → b → a") != std::string::npos;
    }));
    BOOST_TEST(std::any_of(cyc.begin(), cyc.end(), [](const std::string& n) {
        return n.find("a.p: no source document") != std::string::npos;
    }));
}

BOOST_AUTO_TEST_CASE(figures_read_lists_what_to_collect) {
    RuleSetLibrary lib = RuleSetLibrary::load_directory(kRulesDir);
    auto needs = figures_read(*lib.find("jiangxi-2020"), 2020, "high_tech");
    auto has = [&](Measure m, int y) {
        return std::find(needs.begin(), needs.end(), FigureNeed{m, y}) != needs.end();
    };
    BOOST_TEST(has(Measure::rd_expense, 2017));
    BOOST_TEST(has(Measure::revenue, 2019));
    BOOST_TEST(has(Measure::innovation_score, 2019));
    BOOST_TEST(!has(Measure::rank_global, 2019));
    auto all = figures_read(*lib.find("jiangxi-2020"), 2020);
    BOOST_TEST((std::find(all.begin(), all.end(), FigureNeed{Measure::revenue, 2016}) !=
                all.end()));  // gazelle base
}

BOOST_AUTO_TEST_CASE(valid_minimal_rule_set) {
    RuleSet rs = parse_rule_set(minimal("revenue(L) >= 3% * revenue(L-1)"), "ok.toml");
    BOOST_TEST(rs.tiers.size() == 1u);
    BOOST_TEST(rs.tiers[0].criteria[0].line == 9);
    BOOST_TEST(rs.applies_to(2020));
    BOOST_TEST(rs.applies_to(2090));
    BOOST_TEST(!rs.applies_to(2019));
}

BOOST_AUTO_TEST_CASE(unknown_measure_points_at_its_line) {
    BOOST_TEST(first_error(minimal("revenu(L) >= 2000")) ==
               "bad.toml:9: a.x: unknown measure or function 'revenu' (column 1)");
    BOOST_TEST(first_error(minimal("revenue(L) >= 3% * revenu(L)")) ==
               "bad.toml:9: a.x: unknown measure or function 'revenu' (column 20)");
    BOOST_TEST(first_error(minimal("sum(revenu, [L])  >= 1")) ==
               "bad.toml:9: a.x: unknown measure 'revenu' (column 5)");
}

BOOST_AUTO_TEST_CASE(unknown_tier_and_parameter) {
    BOOST_TEST(first_error(minimal("holds(specialised)")) ==
               "bad.toml:9: a.x: unknown tier 'specialised' (column 7)");
    BOOST_TEST(first_error(minimal("revenue(L) > param(growth, L)")) ==
               "bad.toml:9: a.x: unknown parameter 'growth' (column 20)");
    BOOST_TEST(first_error(minimal("revenue(L) > 1", "[quotas.2020]\nb = 3\n")) ==
               "bad.toml:13: quotas.2020: unknown tier 'b'");
}

BOOST_AUTO_TEST_CASE(malformed_expressions) {
    BOOST_TEST(first_error(minimal("revenue(L) >= ")) ==
               "bad.toml:9: a.x: expected a value but found end of rule (column 15)");
    BOOST_TEST(first_error(minimal("(revenue(L) >= 1")) ==
               "bad.toml:9: a.x: expected ')' but found end of rule (column 17)");
    BOOST_TEST(first_error(minimal("revenue(L)")) ==
               "bad.toml:9: a.x: expected a comparison (>=, >, <=, <, =) but found end of rule "
               "(column 11)");
    BOOST_TEST(first_error(minimal("revenue(Y) > 1")) ==
               "bad.toml:9: a.x: figures exist for completed fiscal years only: use L (= Y - 1) or "
               "earlier (column 9)");
    BOOST_TEST(first_error(minimal("revenue(L) > 1 and")) ==
               "bad.toml:9: a.x: expected a value but found end of rule (column 19)");
    BOOST_TEST(first_error(minimal("revenue(L) > 1 # 2")) ==
               "bad.toml:9: a.x: unexpected character '#' (column 16)");
    BOOST_TEST(first_error(minimal("quality_cert(L) >= 1")) ==
               "bad.toml:9: a.x: a yes/no figure can only be tested with 'is yes' or 'is not yes' "
               "(column 1)");
    BOOST_TEST(first_error(minimal("revenue(L) is yes")) ==
               "bad.toml:9: a.x: 'is yes' applies to a yes/no figure or hnte_field (column 12)");
    BOOST_TEST(
        first_error(minimal("major_incident(y) is not yes")) ==
        "bad.toml:9: a.x: the year variable y is only defined inside every(W, ...) (column 16)");
    BOOST_TEST(first_error(minimal("bands(revenue(L); <= 1: 2) > 1")) ==
               "bad.toml:9: a.x: bands(...) needs a final 'else:' band (column 26)");
    BOOST_TEST(first_error(minimal("revenue(L) ≥ 1,5")) ==
               "bad.toml:9: a.x: unexpected ',' (column 15)");
}

BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_refused_with_its_line) {
    // Found by fuzzing: invalid UTF-8 inside a multi-line literal string made the TOML library
    // read out of bounds while composing its error message.
    std::string rule = minimal("revenue(L) > 1", "  note = '''\n1 <=\xDD\x8D\x9E\x91 3'''\n");
    BOOST_TEST(first_error(rule) ==
               "bad.toml:13: the file is not UTF-8 text (an invalid byte sequence); save it as "
               "UTF-8");
    // GBK text saved by a Chinese editor is refused the same way, on its own line.
    BOOST_TEST(first_error(minimal("revenue(L) > 1", "  note = \"\xB2\xE2\xCA\xD4\"\n")) ==
               "bad.toml:12: the file is not UTF-8 text (an invalid byte sequence); save it as "
               "UTF-8");
}

BOOST_AUTO_TEST_CASE(numbers_too_long_to_hold_exactly_are_malformed) {
    // Found by fuzzing: each decimal place multiplied the 128-bit denominator by ten until it
    // overflowed (undefined behaviour) instead of refusing the number.
    std::string tiny = "0." + std::string(44, '0') + "1";
    BOOST_TEST(first_error(minimal("revenue(L) > " + tiny)) ==
               "bad.toml:9: a.x: malformed number '" + tiny + "' (column 14)");
    std::string huge = "1" + std::string(40, '0');
    BOOST_TEST(first_error(minimal("revenue(L) > " + huge)) ==
               "bad.toml:9: a.x: malformed number '" + huge + "' (column 14)");
    BOOST_TEST(first_error(minimal("revenue(L) > 0." + std::string(29, '0') + "1")) ==
               "(no error)");
}

BOOST_AUTO_TEST_CASE(arithmetic_beyond_exact_range_fails_the_criterion_with_a_reason) {
    // Found by fuzzing: products of long constants overflowed 128 bits inside the evaluator
    // and decided the verdict from a wrapped number. Now the criterion fails and says why,
    // and a criterion next to it is still evaluated.
    std::string big = std::string(30, '9');
    RuleSet rs = parse_rule_set(
        minimal("revenue(L) > " + big + " * " + big,
                "  [[tiers.criteria]]\n  rule = \"age >= 0\"\n  id = \"a.y\"\n  zh = \"二\"\n"),
        "ok.toml");
    FirmRecord firm;
    firm.firm.founded = Date(2000, 1, 1);
    for (Detail detail : {Detail::full, Detail::verdicts}) {
        EligibilityReport report = evaluate(rs, firm, 2020, "a", detail);
        BOOST_TEST_REQUIRE(report.criteria.size() == 2u);
        BOOST_TEST(to_string(report.criteria[0].verdict) == "fail");
        BOOST_TEST(report.criteria[0].gap_size == 1.0);
        BOOST_TEST(to_string(report.criteria[1].verdict) == "pass");
        BOOST_TEST(to_string(report.verdict) == "ineligible");
        if (detail == Detail::full)
            BOOST_TEST(report.criteria[0].reason == "a figure is too large to compare exactly");
    }
}

BOOST_AUTO_TEST_CASE(definitions_report_their_own_line) {
    std::string text = "[definitions]\nbig = \"revenue(L) >= 1000\"\nbroken = \"revenue(L) >=\"\n";
    std::string rs = minimal("big") + text;
    BOOST_TEST(first_error(rs) ==
               "bad.toml:14: definitions.broken: in definition 'broken': expected a value but "
               "found end of rule");
    // A self-referring definition.
    BOOST_TEST(first_error(minimal("loop", "[definitions]\nloop = \"loop and revenue(L) > 1\"\n"))
                   .find("refers to itself") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(structure_errors) {
    // TOML syntax.
    BOOST_TEST(first_error("id = \"x\"\nname = \n").rfind("bad.toml:2: TOML syntax error", 0) == 0);
    // Unknown key (a typo must not silently drop the rule).
    BOOST_TEST(first_error(minimal("revenue(L) > 1", "  rul = \"x\"\n")) ==
               "bad.toml:12: a.x: unknown key 'rul'");
    // Floats would lose exactness.
    BOOST_TEST(
        first_error(
            minimal("revenue(L) > param(g)", "[parameters.g]\nzh = \"g\"\n2019 = 0.085\n")) ==
        "bad.toml:14: parameters.g.2019: write decimals in quotes (\"8.5%\") so they stay exact");
    // Assumed without a note for users.
    BOOST_TEST(first_error(minimal("revenue(L) > 1", "  assumed = true\n")) ==
               "bad.toml:8: a.x: 'note' is required");
    // Criterion id must belong to its tier.
    BOOST_TEST(
        first_error(
            minimal("revenue(L) > 1").replace(minimal("revenue(L) > 1").find("a.x"), 3, "b.x")) ==
        "bad.toml:10: b.x: criterion id must be 'a.<name>'");
    BOOST_TEST(first_error("id = \"x\"\nname = \"x\"\nyears = { from = 2020 }\n") ==
               "bad.toml:1: rule set: at least one [[tiers]] section is required");
    // validity_years
    std::string bad_validity = minimal("revenue(L) > 1");
    bad_validity.replace(bad_validity.find("validity_years = 3"), 18, "validity_years = 0");
    BOOST_TEST(first_error(bad_validity) ==
               "bad.toml:7: tier a: 'validity_years' must be a number of years or \"none\"");
}

BOOST_AUTO_TEST_CASE(library_rejects_overlaps_and_missing_files) {
    RuleSetLibrary lib;
    lib.add(parse_rule_set(minimal("revenue(L) > 1"), "one.toml"));
    std::string other = minimal("revenue(L) > 1");
    other.replace(other.find("id = \"t\""), 8, "id = \"u\"");
    BOOST_CHECK_THROW(lib.add(parse_rule_set(other, "two.toml")), InputError);
    BOOST_CHECK_THROW(load_rule_set(kRulesDir / "no-such-file.toml"), InputError);
}

BOOST_AUTO_TEST_CASE(unknown_tier_at_evaluation_is_a_usage_error) {
    RuleSet rs = parse_rule_set(minimal("revenue(L) > 1"), "ok.toml");
    FirmRecord firm;
    BOOST_CHECK_THROW(evaluate(rs, firm, 2020, "zzz"), UsageError);
}
