// The rule-set loader (TOML → RuleSet with compiled expressions). Any input either loads or is
// refused with InputError naming file:line; a rule set that loads can be linted and evaluated.
#include <string>

#include "rules_fuzz_support.hpp"

using namespace ladder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string text(fuzz::as_text(data, size));
    RuleSet rules;
    try {
        rules = parse_rule_set(text, "fuzz.toml");
    } catch (const InputError& e) {
        FUZZ_CHECK(!e.errors().empty(), "a refused rule set says what is wrong");
        for (const CellError& error : e.errors()) {
            FUZZ_CHECK(error.file == "fuzz.toml", "errors name the file");
            FUZZ_CHECK(!error.reason.empty(), "errors have a reason");
        }
        return 0;
    }
    fuzz::exercise_rule_set(rules);
    return 0;
}
