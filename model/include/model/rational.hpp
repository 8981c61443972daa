#pragma once
// Exact rational arithmetic for policy comparisons ("a ≥ 3% of b" is 100·a ≥ 3·b, never a
// rounded floating-point quotient). Values in Ladder are int64 counts of 0.01 units and the
// factors are short decimals, so 128-bit numerators and denominators cannot overflow in the
// products the rules form (a few factors of at most ~1e18 · 1e6).
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <optional>

namespace ladder {

__extension__ typedef __int128 int128;  // GCC/Clang extension; -Wpedantic quiet

class Rational {
public:
    constexpr Rational() = default;
    constexpr Rational(int64_t whole) : num_(whole), den_(1) {}  // NOLINT: implicit by design
    constexpr Rational(int128 num, int128 den) : num_(num), den_(den) { normalize(); }

    // A value held as a count of hundredths (Money, scores): 12345 → 123.45.
    static constexpr Rational from_hundredths(int64_t hundredths) { return {hundredths, 100}; }
    // Parses "3", "-0.5", "1.728", "8.5%" (percent divides by 100). Empty on error.
    static std::optional<Rational> parse(std::string_view text);

    constexpr int128 num() const { return num_; }
    constexpr int128 den() const { return den_; }
    constexpr bool is_zero() const { return num_ == 0; }
    constexpr bool is_negative() const { return num_ < 0; }

    friend constexpr Rational operator+(Rational a, Rational b) {
        return {a.num_ * b.den_ + b.num_ * a.den_, a.den_ * b.den_};
    }
    friend constexpr Rational operator-(Rational a, Rational b) {
        return {a.num_ * b.den_ - b.num_ * a.den_, a.den_ * b.den_};
    }
    friend constexpr Rational operator*(Rational a, Rational b) {
        return {a.num_ * b.num_, a.den_ * b.den_};
    }
    // Division by zero is the caller's error (rules check denominators first).
    friend constexpr Rational operator/(Rational a, Rational b) {
        return {a.num_ * b.den_, a.den_ * b.num_};
    }
    friend constexpr bool operator==(Rational a, Rational b) {
        return a.num_ == b.num_ && a.den_ == b.den_;
    }
    friend constexpr std::strong_ordering operator<=>(Rational a, Rational b) {
        int128 l = a.num_ * b.den_, r = b.num_ * a.den_;
        return l < r ? std::strong_ordering::less
                     : (l > r ? std::strong_ordering::greater : std::strong_ordering::equal);
    }

    // Decimal text rounded half away from zero to `places` decimals ("2.40").
    std::string to_decimal(int places = 2) const;
    // Value × 100 as a percentage with `places` decimals ("2.40%").
    std::string to_percent(int places = 2) const;
    // Rounded up (towards +∞) to a whole number of hundredths: the smallest amount that
    // closes a gap, so a gap is never understated.
    int64_t ceil_hundredths() const;
    int64_t floor_hundredths() const;
    double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

private:
    constexpr void normalize() {
        if (den_ < 0) { num_ = -num_; den_ = -den_; }
        int128 a = num_ < 0 ? -num_ : num_, b = den_;
        while (b != 0) { int128 t = a % b; a = b; b = t; }
        if (a > 1) { num_ /= a; den_ /= a; }
        if (num_ == 0) den_ = 1;
    }
    int128 num_ = 0;
    int128 den_ = 1;
};

}  // namespace ladder
