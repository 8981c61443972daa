#include <boost/test/unit_test.hpp>

#include "model/date.hpp"

using ladder::Date;

BOOST_AUTO_TEST_CASE(parses_three_formats) {
    BOOST_TEST(Date::parse("2019-01-02")->to_string() == "2019-01-02");
    BOOST_TEST(Date::parse("2019/1/2")->to_string() == "2019-01-02");
    BOOST_TEST(Date::parse("2019年1月2日")->to_string() == "2019-01-02");
    BOOST_TEST(!Date::parse("2019-02-29"));
    BOOST_TEST(Date::parse("2020-02-29").has_value());
    BOOST_TEST(!Date::parse("2019-1-2x"));
    BOOST_TEST(!Date::parse("19-01-02"));
    BOOST_TEST(!Date::parse("2019-01/02"));
}

BOOST_AUTO_TEST_CASE(day_arithmetic_round_trips) {
    for (long d = -1000; d < 30000; d += 7) BOOST_TEST(Date::from_days(d).days() == d);
    BOOST_TEST(Date(1970, 1, 1).days() == 0);
    BOOST_TEST(Date(2020, 3, 1).add_days(-1).to_string() == "2020-02-29");
}

BOOST_AUTO_TEST_CASE(leap_day_plus_years_is_first_of_march) {
    BOOST_TEST(Date(2020, 2, 29).add_years(3).to_string() == "2023-03-01");
    BOOST_TEST(Date(2020, 2, 29).add_years(4).to_string() == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(age_counts_completed_years) {
    BOOST_TEST(ladder::completed_years(Date(2019, 1, 1), Date(2020, 1, 1)) == 1);
    BOOST_TEST(ladder::completed_years(Date(2019, 1, 2), Date(2020, 1, 1)) == 0);
}

BOOST_AUTO_TEST_CASE(parses_eight_digit_dates) {
    struct Case {
        const char* text;
        const char* expected;  // empty: rejected
    };
    const Case cases[] = {
        {"20200101", "2020-01-01"}, {"19991231", "1999-12-31"}, {"20200229", "2020-02-29"},
        {"20190229", ""},           {"20201301", ""},           {"2020010", ""},
        {"202001011", ""},          {"2020 101", ""},           {"2020-1-1", "2020-01-01"},
    };
    for (const Case& c : cases) {
        auto date = Date::parse(c.text);
        BOOST_TEST((date ? date->to_string() : "") == c.expected, c.text);
    }
    std::string reason;
    BOOST_TEST(!Date::parse("20190229", &reason));
    BOOST_TEST(reason == "no such date");
}

BOOST_AUTO_TEST_CASE(excel_serials_of_the_1900_date_system) {
    struct Case {
        long serial;
        const char* expected;  // empty: no such day
    };
    const Case cases[] = {
        {1, "1900-01-01"},
        {59, "1900-02-28"},
        {60, ""},  // Excel's phantom 1900-02-29
        {61, "1900-03-01"},
        {43831, "2020-01-01"},
        {44197, "2021-01-01"},
        {2958465, "9999-12-31"},
        {2958466, ""},
        {0, ""},
        {-1, ""},
    };
    for (const Case& c : cases) {
        auto date = Date::from_serial(c.serial);
        BOOST_TEST((date ? date->to_string() : "") == c.expected, c.serial);
    }
}
