#include <boost/test/unit_test.hpp>

#include "model/industry.hpp"

using namespace ladder;

BOOST_AUTO_TEST_CASE(division_is_the_two_digits_after_the_section_letter) {
    BOOST_TEST(*industry_division("C3985") == 39);
    BOOST_TEST(*industry_division("3985") == 39);
    BOOST_TEST(*industry_division("C39") == 39);
    BOOST_TEST(*industry_division("06") == 6);
    BOOST_TEST(*industry_division("B0610") == 6);
    BOOST_TEST(*industry_division("T97") == 97);
}

BOOST_AUTO_TEST_CASE(codes_must_match_the_pattern) {
    for (const char* good : {"C3985", "C398", "C39", "39", "398", "3985", "A01", "T9700"})
        BOOST_TEST(is_valid_industry_code(good), good);
    for (const char* bad :
         {"", "C", "C3", "3", "C39851", "39851", "U39", "c3985", "CC39", "C39a", "C 39", "39C"})
        BOOST_TEST(!is_valid_industry_code(bad), bad);
    BOOST_TEST(!industry_division("C3").has_value());
    BOOST_TEST(!industry_division("").has_value());
}

BOOST_AUTO_TEST_CASE(industrial_and_manufacturing_ranges) {
    BOOST_TEST(!is_industrial_division(5));
    BOOST_TEST(is_industrial_division(6));
    BOOST_TEST(is_industrial_division(46));
    BOOST_TEST(!is_industrial_division(47));
    BOOST_TEST(!is_manufacturing_division(12));
    BOOST_TEST(is_manufacturing_division(13));
    BOOST_TEST(is_manufacturing_division(43));
    BOOST_TEST(!is_manufacturing_division(44));
}

BOOST_AUTO_TEST_CASE(chains_by_id_or_chinese_name) {
    BOOST_TEST(kChains.size() == 15u);
    BOOST_TEST(find_chain("nonferrous")->zh == "有色金属");
    BOOST_TEST(find_chain("虚拟现实")->id == "vr");
    BOOST_TEST(find_chain("其他")->id == "other");
    BOOST_TEST(*find_chain("led")->revenue_target_2020 == 630);
    BOOST_TEST(!find_chain("tcm")->revenue_target_2020.has_value());
    BOOST_TEST(find_chain("steel") == nullptr);
    BOOST_TEST(find_chain("") == nullptr);
    // The seed's 2020 targets (亿元) per chain.
    int total = 0;
    for (const auto& c : kChains) total += c.revenue_target_2020.value_or(0);
    BOOST_TEST(total ==
               7000 + 5000 + 1000 + 200 + 4000 + 3300 + 3000 + 2400 + 2100 + 1500 + 1200 + 630);
}
