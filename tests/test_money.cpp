#include <boost/test/unit_test.hpp>

#include "model/money.hpp"

using ladder::Money;

BOOST_AUTO_TEST_CASE(parses_plain_and_grouped) {
    BOOST_TEST(Money::parse("1234")->hundredths() == 123400);
    BOOST_TEST(Money::parse("1,234.50")->hundredths() == 123450);
    BOOST_TEST(Money::parse("1,234,567.5")->hundredths() == 123456750);
    BOOST_TEST(Money::parse("-12.05")->hundredths() == -1205);
    BOOST_TEST(Money::parse(" 0.01 ")->hundredths() == 1);
}

BOOST_AUTO_TEST_CASE(rejects_malformed) {
    std::string why;
    BOOST_TEST(!Money::parse("1,23.00", &why));
    BOOST_TEST(why == "misplaced thousands separator");
    BOOST_TEST(!Money::parse("12,3456", &why));
    BOOST_TEST(!Money::parse("1.234", &why));
    BOOST_TEST(why == "more than two decimals");
    BOOST_TEST(!Money::parse("abc", &why));
    BOOST_TEST(!Money::parse("", &why));
    BOOST_TEST(!Money::parse("1.", &why));
    BOOST_TEST(!Money::parse("99999999999999999999", &why));
}

BOOST_AUTO_TEST_CASE(formats_two_decimals) {
    BOOST_TEST(Money::from_hundredths(123450).to_string() == "1234.50");
    BOOST_TEST(Money::from_hundredths(-5).to_string() == "-0.05");
    BOOST_TEST(Money::from_hundredths(123456789).to_display() == "1,234,567.89");
    BOOST_TEST(Money::from_hundredths(0).to_string() == "0.00");
}

BOOST_AUTO_TEST_CASE(ratio_comparisons_are_exact) {
    // 3% of 1000.01 is 30.0003: 30.00 is below it, 30.01 above; a double could round either way.
    auto base = Money::parse("1000.01")->to_rational();
    auto pct = *ladder::Rational::parse("3%");
    BOOST_TEST((Money::parse("30.00")->to_rational() < pct * base));
    BOOST_TEST((Money::parse("30.01")->to_rational() > pct * base));
    BOOST_TEST((Money::parse("30")->to_rational() == pct * Money::parse("1000")->to_rational()));
    BOOST_TEST((*ladder::Rational::parse("1.2") * *ladder::Rational::parse("1.2") *
                    *ladder::Rational::parse("1.2") ==
                *ladder::Rational::parse("1.728")));
    BOOST_TEST(ladder::Rational(3120, 100).to_decimal() == "31.20");
    BOOST_TEST(ladder::Rational(24, 1000).to_percent() == "2.40%");
    BOOST_TEST(ladder::Rational(1, 3).ceil_hundredths() == 34);
}
