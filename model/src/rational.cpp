#include "model/rational.hpp"

#include <cctype>

namespace ladder {

namespace {
__extension__ typedef unsigned __int128 uint128;  // GCC/Clang extension; -Wpedantic quiet

int128 pow10(int n) {
    int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

std::string uint128_to_string(uint128 v) {
    if (v == 0) return "0";
    std::string s;
    while (v > 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    }
    return s;
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
    // Long division on the magnitude, one digit at a time: no intermediate exceeds the
    // denominator, so values near the 128-bit limit print instead of overflowing (scaling the
    // numerator by 10^places first did, found by fuzzing).
    const bool neg = num_ < 0;
    uint128 rest = neg ? uint128(0) - static_cast<uint128>(num_) : static_cast<uint128>(num_);
    const uint128 den = static_cast<uint128>(den_);  // positive once normalized
    uint128 whole = rest / den;
    rest %= den;
    std::string fraction;
    for (int k = 0; k < places; ++k) {
        // The next digit is floor(10·rest / den), found by ten additions modulo den.
        int digit = 0;
        uint128 acc = 0;
        for (int i = 0; i < 10; ++i) {
            if (acc >= den - rest) {
                acc -= den - rest;
                ++digit;
            } else {
                acc += rest;
            }
        }
        fraction.push_back(static_cast<char>('0' + digit));
        rest = acc;
    }
    if (rest != 0 && rest >= den - rest) {  // half or more of the last place: away from zero
        int k = places - 1;
        while (k >= 0 && fraction[static_cast<std::size_t>(k)] == '9')
            fraction[static_cast<std::size_t>(k--)] = '0';
        if (k >= 0)
            ++fraction[static_cast<std::size_t>(k)];
        else
            ++whole;
    }
    std::string digits = uint128_to_string(whole);
    if (places > 0) digits += "." + fraction;
    const bool zero = whole == 0 && fraction.find_first_not_of('0') == std::string::npos;
    return neg && !zero ? "-" + digits : digits;
}

std::string Rational::to_percent(int places) const {
    return (*this * Rational(100)).to_decimal(places) + "%";
}

}  // namespace ladder
