// One criterion expression inside a small valid rule set (parameters, definitions, two tiers),
// so mutations reach the expression parser and the evaluator instead of TOML syntax.
#include <string>

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view expression = fuzz::as_text(data, size);
    // The expression sits in a TOML literal string; inputs that would end it early or that
    // TOML refuses inside one are not expressions worth parsing.
    if (expression.find("'''") != std::string_view::npos || expression.ends_with('\'')) return 0;
    std::string text(kHead);
    text += expression;
    text += "'''\n";
    RuleSet rules;
    try {
        rules = parse_rule_set(text, "fuzz.toml");
    } catch (const InputError& e) {
        FUZZ_CHECK(!e.errors().empty(), "a refused rule says what is wrong");
        return 0;
    }
    fuzz::exercise_rule_set(rules);
    return 0;
}
