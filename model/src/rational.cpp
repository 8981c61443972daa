#include "model/rational.hpp"

#include <cctype>

namespace ladder {

namespace {
std::string int128_to_string(int128 v) {
    if (v == 0) return "0";
    bool neg = v < 0;
    if (neg) v = -v;
    std::string s;
    while (v > 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    }
    return neg ? "-" + s : s;
}

int128 pow10(int n) {
    int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

// Rounds num/den to an integer, half away from zero.
int128 round_half_away(int128 num, int128 den) {
    bool neg = num < 0;
    int128 a = neg ? -num : num;
    int128 q = (2 * a + den) / (2 * den);
    return neg ? -q : q;
}
}  // namespace

std::strong_ordering Rational::compare_exactly(int128 a, int128 b, int128 c, int128 d) {
    bool flipped = false;
    for (;;) {
        int128 ra = a % b, rc = c % d;
        int128 qa = a / b, qc = c / d;
        if (ra < 0) {
            ra += b;
            --qa;
        }
        if (rc < 0) {
            rc += d;
            --qc;
        }
        std::strong_ordering order = std::strong_ordering::equal;
        if (qa != qc)
            order = qa <=> qc;
        else if (ra == 0 || rc == 0)
            order = ra <=> rc;  // a whole number is below any fraction above it
        else {
            // Same whole part: r_a/b against r_c/d is b/r_a against d/r_c, reversed.
            a = b;
            b = ra;
            c = d;
            d = rc;
            flipped = !flipped;
            continue;
        }
        if (!flipped) return order;
        return order == std::strong_ordering::less      ? std::strong_ordering::greater
               : order == std::strong_ordering::greater ? std::strong_ordering::less
                                                        : order;
    }
}

std::optional<Rational> Rational::parse(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    bool percent = false;
    if (!text.empty() && text.back() == '%') {
        percent = true;
        text.remove_suffix(1);
    }
    if (text.empty()) return std::nullopt;
    bool neg = false;
    if (text.front() == '-' || text.front() == '+') {
        neg = text.front() == '-';
        text.remove_prefix(1);
    }
    int128 num = 0, den = 1;
    bool digits = false, dot = false;
    for (char c : text) {
        if (c == '.') {
            if (dot) return std::nullopt;
            dot = true;
        } else if (c >= '0' && c <= '9') {
            digits = true;
            // Beyond 30 digits (before or after the point) 128 bits would overflow.
            if (num > pow10(30) || den > pow10(30)) return std::nullopt;
            num = num * 10 + (c - '0');
            if (dot) den *= 10;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    if (percent) den *= 100;
    return Rational(neg ? -num : num, den);
}

std::string Rational::to_decimal(int places) const {
    int128 scaled = round_half_away(num_ * pow10(places), den_);
    bool neg = scaled < 0;
    std::string digits = int128_to_string(neg ? -scaled : scaled);
    if (places > 0) {
        while (static_cast<int>(digits.size()) <= places) digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - places, '.');
    }
    return neg ? "-" + digits : digits;
}

std::string Rational::to_percent(int places) const {
    return (*this * Rational(100)).to_decimal(places) + "%";
}

int64_t Rational::ceil_hundredths() const {
    int128 n = num_ * 100;
    int128 q = n / den_;
    if (n % den_ != 0 && n > 0) ++q;
    return static_cast<int64_t>(q);
}

int64_t Rational::floor_hundredths() const {
    int128 n = num_ * 100;
    int128 q = n / den_;
    if (n % den_ != 0 && n < 0) --q;
    return static_cast<int64_t>(q);
}

}  // namespace ladder
