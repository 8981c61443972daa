// The unified social credit code validator (GB 32100-2015) against a reference written from
// the standard: accepted exactly when 18 characters of the code set with the right check
// character. The input is tried as it is and with its 18th character replaced by the check
// character the validator computes, so valid codes are reached as often as invalid ones.
#include <array>
#include <optional>
#include <string>

#include "fuzz_support.hpp"
#include "model/uscc.hpp"

using namespace ladder;

namespace {

// GB 32100-2015 table: the 31 characters in order of their values.
constexpr std::string_view kCodeSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::optional<char> reference_check(std::string_view first17) {
    int sum = 0, weight = 1;
    for (char c : first17) {
        std::size_t value = kCodeSet.find(c);
        if (value == std::string_view::npos) return std::nullopt;
        sum += static_cast<int>(value) * weight;
        weight = weight * 3 % 31;
    }
    return kCodeSet[(31 - sum % 31) % 31];
}

bool reference_valid(std::string_view code) {
    if (code.size() != 18) return false;
    auto check = reference_check(code.substr(0, 17));
    return check && code[17] == *check;
}

void check_code(std::string_view code) {
    const bool valid = is_valid_uscc(code);
    FUZZ_CHECK(valid == reference_valid(code), "validator agrees with the standard");
    const std::optional<std::string> defect = uscc_defect(code);
    const std::optional<std::string> problem = uscc_problem(code);
    FUZZ_CHECK(valid == !problem, "a problem is reported exactly for invalid codes");
    if (defect) FUZZ_CHECK(!defect->empty(), "a defect is described");
    if (problem) FUZZ_CHECK(!problem->empty(), "a problem is described");
    if (code.size() == 17 || code.size() == 18) {
        auto check = uscc_check_character(code.substr(0, 17));
        FUZZ_CHECK(check == reference_check(code.substr(0, 17)), "check characters agree");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string code(fuzz::as_text(data, size));
    check_code(code);
    if (code.size() >= 17) {
        if (auto check = uscc_check_character(std::string_view(code).substr(0, 17))) {
            std::string fixed = code.substr(0, 17) + *check;
            FUZZ_CHECK(is_valid_uscc(fixed), "a code completed with its check character is valid");
            check_code(fixed);
        }
    }
    return 0;
}
