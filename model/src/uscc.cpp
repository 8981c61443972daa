#include "model/uscc.hpp"

#include <fmt/format.h>

#include "model/i18n.hpp"

namespace ladder {

namespace {
constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int value_of(char c) {
    auto pos = kCharset.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool is_continuation_byte(unsigned char c) {
    return (c & 0xC0) == 0x80;
}
}  // namespace

std::optional<char> uscc_check_character(std::string_view first17) {
    if (first17.size() != 17) return std::nullopt;
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        int v = value_of(first17[i]);
        if (v < 0) return std::nullopt;
        sum += v * kWeights[i];
    }
    int check = 31 - sum % 31;
    if (check == 31) check = 0;
    return kCharset[check];
}

std::optional<std::string> uscc_defect(std::string_view code) {
    if (code.empty()) return std::string(_("is empty"));
    // Count characters, not bytes, so a full-width character is reported as one character.
    std::size_t chars = 0;
    for (unsigned char c : code) chars += !is_continuation_byte(static_cast<unsigned char>(c));
    if (chars != 18) return fmt::format(fmt::runtime(_("has {} characters, needs 18")), chars);
    std::size_t position = 0;
    for (std::size_t i = 0; i < code.size();) {
        // A character is a byte and the continuation bytes after it: stray continuation bytes
        // after a code character make it invalid, so only 18 plain code bytes pass.
        std::size_t end = i + 1;
        while (end < code.size() && is_continuation_byte(static_cast<unsigned char>(code[end])))
            ++end;
        ++position;
        if (end - i == 1 && value_of(code[i]) >= 0) {
            i = end;
            continue;
        }
        // Quote the whole UTF-8 sequence, never a broken byte of it.
        return fmt::format(fmt::runtime(_("has invalid character '{}' at position {}")),
                           code.substr(i, end - i), position);
    }
    char expected = *uscc_check_character(code.substr(0, 17));
    if (code[17] != expected)
        return fmt::format(fmt::runtime(_("fails its check character (expected {})")), expected);
    return std::nullopt;
}

std::optional<std::string> uscc_problem(std::string_view code) {
    if (code.empty()) return std::string(_("credit code is required"));
    auto defect = uscc_defect(code);
    if (!defect) return std::nullopt;
    return fmt::format(fmt::runtime(_("credit code {} {}")), code, *defect);
}

}  // namespace ladder
