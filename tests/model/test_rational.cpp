// Exact rational arithmetic: results that do not fit 128 bits are refused, never wrapped, and
// comparisons stay exact even where the cross products would not fit.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <random>

#include "model/money.hpp"
#include "model/rational.hpp"

using ladder::int128;
using ladder::Money;
using ladder::Rational;
using ladder::RationalOverflow;

namespace {
Rational huge() {
    return *Rational::parse("999999999999999999999999999999");
}  // 30 digits
}  // namespace

BOOST_AUTO_TEST_CASE(products_beyond_128_bits_throw_instead_of_wrapping) {
    BOOST_CHECK_THROW(huge() * huge(), RationalOverflow);
    BOOST_CHECK_THROW(huge() * huge() + Rational(1), RationalOverflow);
    Rational near_max(static_cast<int128>(1) << 125, 1);
    BOOST_CHECK_THROW(near_max + near_max + near_max + near_max, RationalOverflow);
    BOOST_CHECK_THROW(Rational(0) - near_max - near_max - near_max - near_max - near_max,
                      RationalOverflow);
    BOOST_CHECK_THROW(Rational(1, 3) / Rational(huge().num() * 100, 1) / huge(), RationalOverflow);
}

BOOST_AUTO_TEST_CASE(ordinary_rule_arithmetic_is_unchanged) {
    Rational revenue = Money::from_fen(123456789012345678).to_rational();  // ~1.2e11 万元
    Rational share = *Rational::parse("3%");
    BOOST_TEST((revenue * share == Rational(int128(123456789012345678) * 3, 100'000'000)));
    BOOST_TEST((Rational::from_hundredths(8550) == *Rational::parse("85.5")));  // a score
    BOOST_TEST((Rational(1, 3) + Rational(1, 6) == Rational(1, 2)));
    BOOST_TEST((Rational(1, 3) - Rational(1, 2) == Rational(-1, 6)));
}

BOOST_AUTO_TEST_CASE(comparisons_are_exact_where_cross_products_overflow) {
    // Numerators and denominators near 2^120: their cross products do not fit 128 bits.
    int128 big = static_cast<int128>(1) << 120;
    Rational a(big + 1, big);      // 1 + 2^-120
    Rational b(big + 2, big + 1);  // 1 + 1/(2^120 + 1): smaller than a
    BOOST_TEST((a > b));
    BOOST_TEST((b < a));
    BOOST_TEST((Rational(-(big + 1), big) < Rational(-(big + 2), big + 1)));
    BOOST_TEST(((a <=> a) == std::strong_ordering::equal));
    BOOST_TEST((Rational(big, 3) > Rational(big - 1, 3)));
    BOOST_TEST((Rational(big, 1) > Rational(-big, 1)));
}

namespace {
__extension__ typedef unsigned __int128 uint128;
struct Wide {  // a 256-bit unsigned product, as (high, low) 128-bit halves
    uint128 high, low;
    auto operator<=>(const Wide&) const = default;
};
Wide multiply(uint128 a, uint128 b) {
    const uint128 mask = ~static_cast<uint64_t>(0);
    uint128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
    uint128 low = a0 * b0, mid1 = a1 * b0, mid2 = a0 * b1, high = a1 * b1;
    uint128 carry = ((low >> 64) + (mid1 & mask) + (mid2 & mask)) >> 64;
    Wide w{};
    w.low = low + (mid1 << 64) + (mid2 << 64);
    w.high = high + (mid1 >> 64) + (mid2 >> 64) + carry;
    return w;
}
}  // namespace

BOOST_AUTO_TEST_CASE(exact_comparison_agrees_with_wide_cross_multiplication) {
    // Numerators and denominators up to 2^100: most cross products need more than 128 bits, so
    // the comparison takes the exact walk; a 256-bit product is the independent oracle.
    std::mt19937_64 random(20201);
    auto draw = [&] {
        int bits = static_cast<int>(random() % 100) + 1;
        uint128 v = (static_cast<uint128>(random()) << 64) | random();
        v >>= (128 - bits);
        return v == 0 ? uint128{1} : v;
    };
    int wide_cases = 0;
    for (int i = 0; i < 20000; ++i) {
        uint128 an = draw(), ad = draw(), bn = draw(), bd = draw();
        if (i % 7 == 0) {
            bn = an;
            bd = ad;
        }  // equal values in other terms after normalising
        Wide left = multiply(an, bd), right = multiply(bn, ad);
        auto expected = left <=> right;
        if (left.high != 0 || right.high != 0 || (left.low >> 127) || (right.low >> 127))
            ++wide_cases;
        Rational a(static_cast<int128>(an), static_cast<int128>(ad));
        Rational b(static_cast<int128>(bn), static_cast<int128>(bd));
        BOOST_TEST(((a <=> b) == expected));
        BOOST_TEST(((Rational(0) - a <=> Rational(0) - b) == (0 <=> expected)));
    }
    BOOST_TEST(wide_cases > 5000);  // the exact walk was really exercised
}

// Lowest terms whichever way the gcd is found: 64-bit parts (the common case), parts beyond
// 64 bits, signs, zero and whole numbers; checked against Euclid on the full 128 bits.
BOOST_AUTO_TEST_CASE(results_are_in_lowest_terms_on_both_sides_of_64_bits) {
    auto euclid = [](int128 a, int128 b) {
        if (a < 0) a = -a;
        while (b != 0) {
            int128 t = a % b;
            a = b;
            b = t;
        }
        return a;
    };
    auto check = [&](int128 num, int128 den) {
        Rational r(num, den);
        BOOST_TEST_CONTEXT("num " << static_cast<double>(num) << " den "
                                  << static_cast<double>(den)) {
            BOOST_TEST((r.den() > 0));
            BOOST_TEST((euclid(r.num(), r.den()) == 1));
            // Same value: den is a multiple of r.den() and num the same multiple of r.num()
            // (cross-multiplying could overflow for parts beyond 64 bits).
            BOOST_TEST((den % r.den() == 0));
            BOOST_TEST((r.num() * (den / r.den()) == num));
        }
    };
    check(6, 4);
    check(-6, 4);
    check(6, -4);
    check(0, 7);
    check(12345, 100);
    check(-12300, 100);
    check(7, 1);
    const int128 two64 = static_cast<int128>(1) << 64;
    check(two64 - 2, 6);  // just below 2^64
    check(two64 * 3, 9);  // above: the 128-bit path
    check(-(two64 + 6), two64 * 2);
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        int64_t a = static_cast<int64_t>(rng() >> (1 + rng() % 63)),
                b = static_cast<int64_t>(rng() >> (1 + rng() % 62));
        if (b == 0) b = 1;
        int64_t f = static_cast<int64_t>(rng() % 1000) + 1;
        check(static_cast<int128>(a % 2 ? -a : a) * f, static_cast<int128>(b) * f);
    }
    BOOST_TEST((Rational(0, 5) == Rational(0)));
    BOOST_TEST((Rational(-250, 100) == Rational(-5, 2)));
}

BOOST_AUTO_TEST_CASE(decimals_round_half_away_from_zero_up_to_the_128_bit_limit) {
    BOOST_TEST(Rational(3120, 100).to_decimal(2) == "31.20");
    BOOST_TEST(Rational(-5, 1000).to_decimal(2) == "-0.01");
    BOOST_TEST(Rational(-4, 1000).to_decimal(2) == "0.00");
    BOOST_TEST(Rational(995, 1000).to_decimal(2) == "1.00");
    BOOST_TEST(Rational(-9995, 1000).to_decimal(2) == "-10.00");
    BOOST_TEST(Rational(1, 3).to_decimal(4) == "0.3333");
    BOOST_TEST(Rational(2, 3).to_decimal(0) == "1");
    // Found by fuzzing: scaling the numerator by 10^places before dividing overflowed.
    const int128 max = (static_cast<int128>(INT64_MAX) << 64) | UINT64_MAX;  // 2^127 - 1
    BOOST_TEST(Rational(max, 1).to_decimal(2) == "170141183460469231731687303715884105727.00");
    BOOST_TEST(Rational(-max, 1).to_decimal(1) == "-170141183460469231731687303715884105727.0");
    BOOST_TEST(Rational(max, 3).to_decimal(3) == "56713727820156410577229101238628035242.333");
    BOOST_TEST(Rational(max, max - 1).to_decimal(2) == "1.00");
    BOOST_TEST(Rational(max - 1, max).to_decimal(2) == "1.00");
    BOOST_TEST(Rational(1, max).to_decimal(4) == "0.0000");
}
