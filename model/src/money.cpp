#include "model/money.hpp"

#include <algorithm>
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

// Reads [+-]digits[.digits] (digits grouped by three or not) as value × 10^places, exactly.
// Trailing zeros of the decimals are dropped first; a digit still beyond `places` fails with
// `too_fine` (a message id, translated only then: numbers are read by the million).
std::optional<int64_t> parse_scaled(std::string_view text, int places, const char* too_fine,
                                    std::string* reason) {
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
    }
    int64_t w = 0;
    if (!(whole.empty() && !frac.empty()) && !parse_grouped_digits(whole, &w, reason))
        return std::nullopt;
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    if (frac.size() > static_cast<std::size_t>(places)) {
        fail(reason, _(too_fine));
        return std::nullopt;
    }
    // At most 18 whole digits times 10^10 (亿元 in fen): well inside 128 bits.
    int128 v = w;
    for (int k = 0; k < places; ++k) v *= 10;
    int128 f = 0;
    for (std::size_t k = 0; k < static_cast<std::size_t>(places); ++k)
        f = f * 10 + (k < frac.size() ? frac[k] - '0' : 0);
    v += f;
    if (v > std::numeric_limits<int64_t>::max()) {
        fail(reason, _("number too large"));
        return std::nullopt;
    }
    const auto magnitude = static_cast<int64_t>(v);
    return neg ? -magnitude : magnitude;
}

// Decimal places of the fen in each unit: 1 元 = 10^2 fen ... 1 亿元 = 10^10 fen.
int fen_places(MoneyUnit unit) {
    switch (unit) {
        case MoneyUnit::yuan:
            return 2;
        case MoneyUnit::qianyuan:
            return 5;
        case MoneyUnit::wan:
            return 6;
        case MoneyUnit::yi:
            return 10;
    }
    return 6;
}

// Inserts thousands separators into the whole part of a plain decimal ("-1234.5" → "-1,234.5").
std::string grouped(const std::string& plain) {
    bool neg = plain.front() == '-';
    std::string digits = plain.substr(neg ? 1 : 0);
    std::size_t dot = std::min(digits.find('.'), digits.size());
    std::string whole = digits.substr(0, dot);
    std::string out = neg ? "-" : "";
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    return out + digits.substr(dot);
}
}  // namespace

std::optional<int64_t> parse_fen(std::string_view text, MoneyUnit unit, std::string* reason) {
    return parse_scaled(text, fen_places(unit), N_("finer than the fen (0.01 元)"), reason);
}

std::string format_fen(int64_t fen) {
    bool neg = fen < 0;
    uint64_t a = neg ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
    std::string s = std::to_string(a / kFenPerWan);
    s += '.';
    // Six decimals, then the trailing zeros beyond the second dropped.
    auto frac = static_cast<unsigned>(a % kFenPerWan);
    char digits[6];
    for (int k = 5; k >= 0; --k) {
        digits[k] = static_cast<char>('0' + frac % 10);
        frac /= 10;
    }
    int keep = 6;
    while (keep > 2 && digits[keep - 1] == '0') --keep;
    s.append(digits, static_cast<std::size_t>(keep));
    return neg ? "-" + s : s;
}

std::string format_fen_grouped(int64_t fen) {
    return grouped(format_fen(fen));
}

std::optional<int64_t> parse_hundredths(std::string_view text, std::string* reason) {
    return parse_scaled(text, 2, N_("more than two decimals"), reason);
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
    return grouped(format_hundredths(h));
}

std::optional<Money> Money::parse(std::string_view text, std::string* reason) {
    auto fen = parse_fen(text, MoneyUnit::wan, reason);
    if (!fen) return std::nullopt;
    return Money(*fen);
}

std::string Money::to_string() const {
    return format_fen(fen_);
}
std::string Money::to_display() const {
    return format_fen_grouped(fen_);
}

}  // namespace ladder
