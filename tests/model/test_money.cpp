#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "model/money.hpp"

using ladder::Money;
using ladder::MoneyUnit;

namespace {

struct ParseCase {
    const char* text;
    MoneyUnit unit;
    std::optional<int64_t> fen;  // empty: refused
    const char* reason;          // when refused
};

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// A parse result as text for the test log: the number, or "refused".
std::string shown(std::optional<int64_t> v) {
    return v ? std::to_string(*v) : "refused";
}

}  // namespace

BOOST_AUTO_TEST_CASE(parses_every_unit_into_fen_exactly) {
    using U = MoneyUnit;
    const ParseCase cases[] = {
        // 万元, the unit Ladder holds: up to six decimals.
        {"1234", U::wan, 1'234'000'000, ""},
        {"1,234.50", U::wan, 1'234'500'000, ""},
        {"1,234,567.5", U::wan, 1'234'567'500'000, ""},
        {"-12.05", U::wan, -12'050'000, ""},
        {"+3", U::wan, 3'000'000, ""},
        {" 0.01 ", U::wan, 10'000, ""},
        {".5", U::wan, 500'000, ""},
        {"0.000001", U::wan, 1, ""},  // one fen
        {"-0.000001", U::wan, -1, ""},
        {"1234.5678", U::wan, 1'234'567'800, ""},
        {"0.0000001", U::wan, std::nullopt, "finer than the fen (0.01 元)"},
        {"1.2345678", U::wan, std::nullopt, "finer than the fen (0.01 元)"},
        // 元 ÷ 10,000: two decimals are the fen.
        {"12,345.67", U::yuan, 1'234'567, ""},
        {"0.01", U::yuan, 1, ""},
        {"1", U::yuan, 100, ""},
        {"1.234", U::yuan, std::nullopt, "finer than the fen (0.01 元)"},
        {"0.001", U::yuan, std::nullopt, "finer than the fen (0.01 元)"},
        // 千元 ÷ 10: five decimals.
        {"1.5", U::qianyuan, 150'000, ""},
        {"0.00001", U::qianyuan, 1, ""},
        {"0.000001", U::qianyuan, std::nullopt, "finer than the fen (0.01 元)"},
        // 亿元 × 10,000: ten decimals.
        {"1", U::yi, 10'000'000'000, ""},
        {"2.5", U::yi, 25'000'000'000, ""},
        {"0.0000000001", U::yi, 1, ""},
        {"0.00000000001", U::yi, std::nullopt, "finer than the fen (0.01 元)"},
        // Trailing zeros never make an amount finer than it is.
        {"12.3400000", U::yuan, 1'234, ""},
        {"7.0000000000000", U::wan, 7'000'000, ""},
        {"1.000", U::yuan, 100, ""},
        {"0.10000000000000", U::yi, 1'000'000'000, ""},
        // The fen's int64 limit, in each unit.
        {"9223372036854775807", U::yuan, std::nullopt, "number too large"},
        {"92233720368547758.07", U::yuan, kMax, ""},
        {"92233720368547758.08", U::yuan, std::nullopt, "number too large"},
        {"9223372036854.775807", U::wan, kMax, ""},
        {"-9223372036854.775807", U::wan, -kMax, ""},
        {"9223372036854.775808", U::wan, std::nullopt, "number too large"},
        {"922337203.6854775807", U::yi, kMax, ""},
        {"922337204", U::yi, std::nullopt, "number too large"},
        {"99999999999999999999", U::wan, std::nullopt, "number too large"},
        // Malformed text, whatever the unit.
        {"1,23.00", U::wan, std::nullopt, "misplaced thousands separator"},
        {"12,3456", U::yuan, std::nullopt, "misplaced thousands separator"},
        {"abc", U::wan, std::nullopt, "not a number"},
        {"1.", U::wan, std::nullopt, "not a number"},
        {"1.2.3", U::wan, std::nullopt, "not a number"},
        {"-", U::yi, std::nullopt, "not a number"},
        {"", U::wan, std::nullopt, "empty"},
    };
    for (const ParseCase& c : cases) {
        std::string why;
        auto fen = ladder::parse_fen(c.text, c.unit, &why);
        BOOST_TEST_CONTEXT("\"" << c.text << "\" in unit " << static_cast<int>(c.unit)) {
            BOOST_TEST(shown(fen) == shown(c.fen));
            if (!c.fen) BOOST_TEST(why == c.reason);
        }
    }
}

BOOST_AUTO_TEST_CASE(money_parse_is_parse_fen_in_wan) {
    BOOST_TEST(Money::parse("1,234.50")->fen() == 1'234'500'000);
    BOOST_TEST(Money::parse("0.000001")->fen() == 1);
    BOOST_TEST(shown(ladder::parse_fen("2.5")) == "2500000");  // 万元 is the default unit
    std::string why;
    BOOST_TEST(!Money::parse("0.0000005", &why));
    BOOST_TEST(why == "finer than the fen (0.01 元)");
    BOOST_TEST(Money::from_wan(3).fen() == 3'000'000);
    BOOST_TEST(Money::from_fen(42).fen() == 42);
}

BOOST_AUTO_TEST_CASE(formats_two_to_six_decimals_as_the_amount_needs) {
    const std::pair<int64_t, const char*> plain[] = {
        {1'234'500'000, "1234.50"},
        {1'234'567'800, "1234.5678"},
        {1'234'567'890, "1234.56789"},
        {1, "0.000001"},
        {-3'100'000, "-3.10"},
        {-10'000, "-0.01"},
        {0, "0.00"},
        {7'000'000, "7.00"},
        {kMax, "9223372036854.775807"},
        {-kMax, "-9223372036854.775807"},
    };
    for (const auto& [fen, text] : plain) {
        BOOST_TEST(ladder::format_fen(fen) == text);
        BOOST_TEST(shown(ladder::parse_fen(text)) ==
                   std::to_string(fen));  // the export form reads back
    }
    const std::pair<int64_t, const char*> grouped[] = {
        {1'234'567'800, "1,234.5678"},
        {1'234'567'890'000, "1,234,567.89"},
        {-1'234'000'001, "-1,234.000001"},
        {999'000'000, "999.00"},
    };
    for (const auto& [fen, text] : grouped) {
        BOOST_TEST(ladder::format_fen_grouped(fen) == text);
        BOOST_TEST(shown(ladder::parse_fen(text)) == std::to_string(fen));
    }
    BOOST_TEST(Money::from_fen(1'234'500'000).to_string() == "1234.50");
    BOOST_TEST(Money::from_fen(1'234'567'890'000).to_display() == "1,234,567.89");
}

BOOST_AUTO_TEST_CASE(scores_stay_in_hundredths) {
    BOOST_TEST(shown(ladder::parse_hundredths("85.5")) == "8550");
    BOOST_TEST(shown(ladder::parse_hundredths("85.500")) ==
               "8550");  // trailing zeros are no decimals
    std::string why;
    BOOST_TEST(!ladder::parse_hundredths("60.125", &why));
    BOOST_TEST(why == "more than two decimals");
    BOOST_TEST(ladder::format_hundredths(8550) == "85.50");
    BOOST_TEST(ladder::format_hundredths_grouped(123456789) == "1,234,567.89");
}

BOOST_AUTO_TEST_CASE(ratio_comparisons_are_exact) {
    // 3% of 1000.01 is 30.0003: 30.00 is below it, 30.0004 above; a double could round either
    // way.
    auto base = Money::parse("1000.01")->to_rational();
    auto pct = *ladder::Rational::parse("3%");
    BOOST_TEST((Money::parse("30.00")->to_rational() < pct * base));
    BOOST_TEST((Money::parse("30.0003")->to_rational() == pct * base));
    BOOST_TEST((Money::parse("30.000301")->to_rational() > pct * base));
    BOOST_TEST((Money::parse("30")->to_rational() == pct * Money::parse("1000")->to_rational()));
    // 123.45 元 is 0.012345 万元 exactly.
    BOOST_TEST((Money::from_fen(*ladder::parse_fen("123.45", MoneyUnit::yuan)).to_rational() ==
                *ladder::Rational::parse("0.012345")));
    BOOST_TEST((*ladder::Rational::parse("1.2") * *ladder::Rational::parse("1.2") *
                    *ladder::Rational::parse("1.2") ==
                *ladder::Rational::parse("1.728")));
    BOOST_TEST(ladder::Rational(3120, 100).to_decimal() == "31.20");
    BOOST_TEST(ladder::Rational(24, 1000).to_percent() == "2.40%");
}
