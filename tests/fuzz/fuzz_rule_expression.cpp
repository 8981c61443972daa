// One criterion expression compiled against a small valid rule set (parameters, definitions,
// two tiers) loaded once, then evaluated for sample firms: mutations reach the expression
// parser and the evaluator directly instead of spending their time in TOML parsing.
#include <string>

#include "rules/expression.hpp"
#include "rules_fuzz_support.hpp"

using namespace ladder;

namespace {

constexpr std::string_view kHead = R"toml(id = "fuzz"
name = "fuzz"
years = { from = 2020, to = 2021 }
empty_means_no = ["major_incident"]
[definitions]
sme = "employees(L) < 1000 or revenue(L) < 40000"
growth = "ratio(revenue(L) - revenue(L-1), revenue(L-1))"
[parameters.usd_cny]
zh = "汇率"
2019 = { value = "6.9762" }
[parameters.growth_floor]
zh = "增速"
2019 = "8.5%"
[[tiers]]
id = "base"
zh = "基础"
validity_years = 3
  [[tiers.criteria]]
  id = "base.one"
  zh = "一"
  rule = "revenue(L) >= 2000"
[[tiers]]
id = "fuzzed"
zh = "模糊"
validity_years = "none"
  [[tiers.criteria]]
  id = "fuzzed.rule"
  zh = "规则"
  rule = ''')toml";

const RuleSet& base_rules() {
    static const RuleSet rules =
        parse_rule_set(std::string(kHead) + "revenue(L) > 0'''\n", "fuzz.toml");
    return rules;
}

// The vocabulary the loader builds for base_rules(): its tiers, parameters and definitions.
const rules_detail::Vocabulary& vocabulary() {
    static const rules_detail::Vocabulary words = [] {
        rules_detail::Vocabulary v;
        v.tier_index = [](std::string_view id) -> std::optional<std::size_t> {
            for (std::size_t i = 0; i < base_rules().tiers.size(); ++i)
                if (base_rules().tiers[i].id == id) return i;
            return std::nullopt;
        };
        v.param_index = [](std::string_view id) -> std::optional<std::size_t> {
            for (std::size_t i = 0; i < base_rules().parameters.size(); ++i)
                if (base_rules().parameters[i].id == id) return i;
            return std::nullopt;
        };
        v.definitions["sme"] = {"employees(L) < 1000 or revenue(L) < 40000", 6};
        v.definitions["growth"] = {"ratio(revenue(L) - revenue(L-1), revenue(L-1))", 7};
        return v;
    }();
    return words;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view expression = fuzz::as_text(data, size);
    rules_detail::ParseError error;
    std::shared_ptr<const rules_detail::Test> test =
        rules_detail::parse_test(expression, vocabulary(), &error);
    if (!test) {
        FUZZ_CHECK(!error.reason.empty(), "a refused expression says what is wrong");
        FUZZ_CHECK(error.column >= 0 && error.line_offset >= 0, "error positions are not negative");
        return 0;
    }
    RuleSet rules = base_rules();
    Criterion& criterion = rules.tiers.back().criteria.back();
    criterion.rule = std::string(expression);
    criterion.test = std::move(test);
    fuzz::exercise_rule_set(rules);
    return 0;
}
