#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "model/errors.hpp"
#include "model/regions.hpp"

using namespace ladder;

namespace {
const RegionTable& shipped_regions() {
    static const RegionTable table =
        RegionTable::load(LADDER_TEST_DATA_DIR "/../../resources/regions");
    return table;
}
}  // namespace

BOOST_AUTO_TEST_CASE(jiangxi_has_11_cities_and_100_counties) {
    const auto& regions = shipped_regions();
    BOOST_TEST(regions.name("36") == "江西省");
    auto cities = regions.children("36");
    BOOST_TEST_REQUIRE(cities.size() == 11u);
    BOOST_TEST(cities.front()->code == "3601");
    BOOST_TEST(cities.back()->code == "3611");
    std::size_t counties = 0;
    for (const Region* city : cities) {
        BOOST_TEST(city->parent == "36");
        for (const Region* county : regions.children(city->code)) {
            BOOST_TEST(county->parent == city->code);
            BOOST_TEST(regions.is_county(county->code));
            ++counties;
        }
    }
    BOOST_TEST(counties == 100u);
}

BOOST_AUTO_TEST_CASE(donghu_district_of_nanchang) {
    const auto& regions = shipped_regions();
    const Region* r = regions.find("360102");
    BOOST_TEST_REQUIRE(r != nullptr);
    BOOST_TEST(r->name == "东湖区");
    BOOST_TEST(r->parent == "3601");
    BOOST_TEST(regions.name("3601") == "南昌市");
    BOOST_TEST(regions.full_name("360102") == "江西省 南昌市 东湖区");
    BOOST_TEST(city_of("360102") == "3601");
    BOOST_TEST(province_of("360102") == "36");
}

BOOST_AUTO_TEST_CASE(only_six_digit_area_codes_are_counties) {
    const auto& regions = shipped_regions();
    BOOST_TEST(regions.is_county("360102"));
    BOOST_TEST(!regions.is_county("3601"));
    BOOST_TEST(!regions.is_county("36"));
    BOOST_TEST(!regions.is_county("360199"));
    BOOST_TEST(!regions.is_county(""));
    BOOST_TEST(regions.find("999999") == nullptr);
    BOOST_TEST(regions.full_name("999999") == "999999");
    BOOST_TEST(regions.name("999999") == "999999");
}

BOOST_AUTO_TEST_CASE(municipality_districts_skip_the_placeholder_city) {
    const auto& regions = shipped_regions();
    BOOST_TEST(regions.full_name("110101") == "北京市 东城区");
}

BOOST_AUTO_TEST_CASE(malformed_table_names_file_and_line) {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "ladder_test_regions_malformed";
    fs::create_directories(dir);
    std::ofstream(dir / "provinces.csv") << "code,name\n36,\"江西省\"\n";
    std::ofstream(dir / "cities.csv") << "code,name,provinceCode\n3601,\"南昌市\",36\n";
    std::ofstream(dir / "areas.csv")
        << "code,name,cityCode,provinceCode\n360102,\"东湖区\",3601,36\n360103,\"西湖区\"\n";
    try {
        RegionTable::load(dir);
        BOOST_FAIL("a short row was accepted");
    } catch (const InputError& e) {
        BOOST_TEST_REQUIRE(e.errors().size() == 1u);
        BOOST_TEST(e.errors()[0].file == "areas.csv");
        BOOST_TEST(e.errors()[0].row == 3);
    }
    fs::remove(dir / "areas.csv");
    BOOST_CHECK_THROW(RegionTable::load(dir), InputError);
    fs::remove_all(dir);
}
