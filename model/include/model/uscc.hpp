#pragma once
// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from
// 0-9A-HJ-NPQRTUWXY (no I, O, Z, S, V); the last is a check character over the first 17
// with weights 3^i mod 31.
#include <optional>
#include <string>
#include <string_view>

namespace ladder {

// The check character for the first 17 characters, or empty if any is outside the charset.
std::optional<char> uscc_check_character(std::string_view first17);
// Empty when valid; otherwise what is wrong, as a predicate without the code itself
// ("has 17 characters, needs 18"), so callers can put their own subject in front.
std::optional<std::string> uscc_defect(std::string_view code);
// Empty when valid; otherwise the reason as a sentence naming the code (translated).
std::optional<std::string> uscc_problem(std::string_view code);
inline bool is_valid_uscc(std::string_view code) {
    return !uscc_defect(code);
}

}  // namespace ladder
