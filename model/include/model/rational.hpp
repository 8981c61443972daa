#pragma once
// Exact rational arithmetic for policy comparisons ("a ≥ 3% of b" is 100·a ≥ 3·b, never a
// rounded floating-point quotient). Values in Ladder are int64 fixed-point counts (money in fen,
// 10^-6 万元; scores in hundredths) and the factors are short decimals, so the products the
// rules form fit 128 bits; a rule that multiplies huge constants or many figures could still
// exceed them, so arithmetic is checked and throws RationalOverflow instead of wrapping into a
// wrong verdict. Comparisons never overflow.
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ladder {

__extension__ typedef __int128 int128;  // GCC/Clang extension; -Wpedantic quiet

// A result that does not fit 128-bit numerator and denominator.
class RationalOverflow : public std::overflow_error {
  public:
    RationalOverflow() : std::overflow_error("number too large to compute exactly") {}
};

class Rational {
  public:
    constexpr Rational() = default;
    constexpr Rational(int64_t whole) : num_(whole), den_(1) {}  // NOLINT: implicit by design
    constexpr Rational(int128 num, int128 den) : num_(num), den_(den) { normalize(); }

    // A value held as a count of hundredths (scores): 12345 → 123.45.
    static constexpr Rational from_hundredths(int64_t hundredths) { return {hundredths, 100}; }
    // Parses "3", "-0.5", "1.728", "8.5%" (percent divides by 100). Empty on error.
    static std::optional<Rational> parse(std::string_view text);

    constexpr int128 num() const { return num_; }
    constexpr int128 den() const { return den_; }
    constexpr bool is_zero() const { return num_ == 0; }
    constexpr bool is_negative() const { return num_ < 0; }

    friend constexpr Rational operator+(Rational a, Rational b) {
        return {add(mul(a.num_, b.den_), mul(b.num_, a.den_)), mul(a.den_, b.den_)};
    }
    friend constexpr Rational operator-(Rational a, Rational b) {
        return {sub(mul(a.num_, b.den_), mul(b.num_, a.den_)), mul(a.den_, b.den_)};
    }
    friend constexpr Rational operator*(Rational a, Rational b) {
        return {mul(a.num_, b.num_), mul(a.den_, b.den_)};
    }
    // Division by zero is the caller's error (rules check denominators first).
    friend constexpr Rational operator/(Rational a, Rational b) {
        return {mul(a.num_, b.den_), mul(a.den_, b.num_)};
    }
    friend constexpr bool operator==(Rational a, Rational b) {
        return a.num_ == b.num_ && a.den_ == b.den_;
    }
    friend constexpr std::strong_ordering operator<=>(Rational a, Rational b) {
        int128 l = 0, r = 0;
        if (!__builtin_mul_overflow(a.num_, b.den_, &l) &&
            !__builtin_mul_overflow(b.num_, a.den_, &r))
            return l <=> r;
        return compare_exactly(a.num_, a.den_, b.num_, b.den_);
    }
    // Decimal text rounded half away from zero to `places` decimals ("2.40").
    std::string to_decimal(int places = 2) const;
    // Value × 100 as a percentage with `places` decimals ("2.40%").
    std::string to_percent(int places = 2) const;
    double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

  private:
    static constexpr int128 mul(int128 a, int128 b) {
        int128 r = 0;
        if (__builtin_mul_overflow(a, b, &r)) throw RationalOverflow();
        return r;
    }
    static constexpr int128 add(int128 a, int128 b) {
        int128 r = 0;
        if (__builtin_add_overflow(a, b, &r)) throw RationalOverflow();
        return r;
    }
    static constexpr int128 sub(int128 a, int128 b) {
        int128 r = 0;
        if (__builtin_sub_overflow(a, b, &r)) throw RationalOverflow();
        return r;
    }
    // a/b against c/d (b, d > 0) by comparing whole parts, then the reciprocals of the
    // remainders (a continued-fraction walk): exact, and no intermediate exceeds the inputs.
    static std::strong_ordering compare_exactly(int128 a, int128 b, int128 c, int128 d);

    constexpr void normalize() {
        if (den_ < 0) {
            num_ = -num_;
            den_ = -den_;
        }
        if (num_ == 0) {
            den_ = 1;
            return;
        }
        if (den_ == 1) return;  // whole numbers are already in lowest terms
        int128 a = num_ < 0 ? -num_ : num_, b = den_;
        // Nearly every value (figures in fen or hundredths, short decimal factors) fits 64 bits,
        // where the gcd needs no 128-bit division (a library call each step).
        if (a <= UINT64_MAX && b <= UINT64_MAX) {
            const uint64_t g = gcd64(static_cast<uint64_t>(a), static_cast<uint64_t>(b));
            if (g > 1) {
                const auto n = static_cast<int128>(static_cast<uint64_t>(a) / g);
                num_ = num_ < 0 ? -n : n;
                den_ = static_cast<int128>(static_cast<uint64_t>(b) / g);
            }
            return;
        }
        while (b != 0) {
            int128 t = a % b;
            a = b;
            b = t;
        }
        if (a > 1) {
            num_ /= a;
            den_ /= a;
        }
    }
    // Euclid on 64 bits: the denominators are small (100, 10^6, ...), so after the first
    // remainder the steps are few (faster here than a binary gcd, which walks every bit).
    static constexpr uint64_t gcd64(uint64_t a, uint64_t b) {
        while (b != 0) {
            const uint64_t t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
    int128 num_ = 0;
    int128 den_ = 1;
};

}  // namespace ladder
