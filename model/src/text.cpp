#include "model/text.hpp"

namespace ladder {

namespace {

// The length of the blank `text` starts (front) or ends (back) with; 0 when none.
std::size_t blank_at(std::string_view text, bool front) {
    static constexpr std::string_view kWide[] = {"\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    if (text.empty()) return 0;
    char c = front ? text.front() : text.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (static_cast<unsigned char>(c) < 0x80) return 0;  // the wide blanks are all non-ASCII
    for (std::string_view wide : kWide)
        if (front ? text.starts_with(wide) : text.ends_with(wide)) return wide.size();
    return 0;
}

}  // namespace

std::string_view trim(std::string_view text) {
    while (std::size_t n = blank_at(text, true)) text.remove_prefix(n);
    while (std::size_t n = blank_at(text, false)) text.remove_suffix(n);
    return text;
}

bool is_blank(std::string_view text) {
    return trim(text).empty();
}

}  // namespace ladder
