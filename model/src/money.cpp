#include "model/money.hpp"

#include <limits>

#include "model/i18n.hpp"

namespace ladder {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool fail(std::string* reason, const char* why) {
    if (reason) *reason = why;
    return false;
}

// Parses an unsigned run of digits with optional thousands separators into *out.
// Separators must sit between groups of exactly three digits ("1,234,567").
bool parse_grouped_digits(std::string_view s, int64_t* out, std::string* reason) {
    if (s.empty()) return fail(reason, _("not a number"));
    bool grouped = s.find(',') != std::string_view::npos;
    int64_t v = 0;
    int since_sep = 0;
    bool seen_sep = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == ',') {
            if (i == 0 || (seen_sep && since_sep != 3) || (!seen_sep && since_sep > 3))
                return fail(reason, _("misplaced thousands separator"));
            seen_sep = true;
            since_sep = 0;
            continue;
        }
        if (c < '0' || c > '9') return fail(reason, _("not a number"));
        if (v > (std::numeric_limits<int64_t>::max() - 9) / 10)
            return fail(reason, _("number too large"));
        v = v * 10 + (c - '0');
        ++since_sep;
    }
    if (grouped && since_sep != 3) return fail(reason, _("misplaced thousands separator"));
    *out = v;
    return true;
}
}  // namespace

std::optional<int64_t> parse_hundredths(std::string_view text, std::string* reason) {
    std::string_view s = trim(text);
    if (s.empty()) {
        fail(reason, _("empty"));
        return std::nullopt;
    }
    bool neg = false;
    if (s.front() == '-' || s.front() == '+') {
        neg = s.front() == '-';
        s.remove_prefix(1);
    }
    std::string_view whole = s, frac;
    if (auto dot = s.find('.'); dot != std::string_view::npos) {
        whole = s.substr(0, dot);
        frac = s.substr(dot + 1);
        if (frac.empty() || frac.find_first_not_of("0123456789") != std::string_view::npos) {
            fail(reason, _("not a number"));
            return std::nullopt;
        }
        if (frac.size() > 2) {
            fail(reason, _("more than two decimals"));
            return std::nullopt;
        }
    }
    int64_t w = 0;
    if (whole.empty() && !frac.empty()) {
        w = 0;
    } else if (!parse_grouped_digits(whole, &w, reason)) {
        return std::nullopt;
    }
    if (w > std::numeric_limits<int64_t>::max() / 100 - 100) {
        fail(reason, _("number too large"));
        return std::nullopt;
    }
    int64_t f = 0;
    if (!frac.empty()) f = (frac[0] - '0') * 10 + (frac.size() > 1 ? frac[1] - '0' : 0);
    int64_t h = w * 100 + f;
    return neg ? -h : h;
}

std::optional<int64_t> parse_integer(std::string_view text, std::string* reason) {
    std::string_view s = trim(text);
    if (s.empty()) {
        fail(reason, _("empty"));
        return std::nullopt;
    }
    bool neg = false;
    if (s.front() == '-' || s.front() == '+') {
        neg = s.front() == '-';
        s.remove_prefix(1);
    }
    // "12.00" is a whole number written by a spreadsheet; "12.5" is not.
    if (auto dot = s.find('.'); dot != std::string_view::npos) {
        std::string_view frac = s.substr(dot + 1);
        if (frac.empty() || frac.find_first_not_of('0') != std::string_view::npos) {
            fail(reason,
                 frac.find_first_not_of("0123456789") == std::string_view::npos && !frac.empty()
                     ? _("not a whole number")
                     : _("not a number"));
            return std::nullopt;
        }
        s = s.substr(0, dot);
    }
    int64_t v = 0;
    if (!parse_grouped_digits(s, &v, reason)) return std::nullopt;
    return neg ? -v : v;
}

std::string format_hundredths(int64_t h) {
    bool neg = h < 0;
    uint64_t a = neg ? 0 - static_cast<uint64_t>(h) : static_cast<uint64_t>(h);
    std::string s = std::to_string(a / 100);
    unsigned frac = static_cast<unsigned>(a % 100);
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    s += static_cast<char>('0' + frac % 10);
    return neg ? "-" + s : s;
}

std::string format_hundredths_grouped(int64_t h) {
    std::string plain = format_hundredths(h);
    bool neg = plain.front() == '-';
    std::string digits = plain.substr(neg ? 1 : 0);
    std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return (neg ? "-" : "") + grouped + digits.substr(dot);
}

std::optional<Money> Money::parse(std::string_view text, std::string* reason) {
    auto h = parse_hundredths(text, reason);
    if (!h) return std::nullopt;
    return Money(*h);
}

std::string Money::to_string() const {
    return format_hundredths(h_);
}
std::string Money::to_display() const {
    return format_hundredths_grouped(h_);
}

}  // namespace ladder
