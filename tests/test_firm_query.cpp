// The registry list's paged, filtered, sorted query on a real temporary SQLite file.
#include <boost/test/unit_test.hpp>

#include "db/database.hpp"
#include "db/firm_query.hpp"
#include "db/registry_repository.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder;
using ladder::test::TempDir;

namespace {
std::string code_for(int i) {
    char stem[18];
    std::snprintf(stem, sizeof stem, "91360%03dMA%07d", i % 7, i);
    return std::string(stem) + *uscc_check_character(stem);
}

Firm firm(int i) {
    Firm f;
    f.credit_code = code_for(i);
    f.name = (i % 3 == 0 ? "南昌" : "赣州") + std::string("测试企业") + std::to_string(1000 + i);
    f.region_code = i % 2 == 0 ? "360102" : "360702";
    f.chain = i % 4 == 0 ? "electronics" : "food";
    f.founded = Date(2001, 1, 1);
    return f;
}

struct Fixture {
    TempDir dir;
    Database db = Database::open_file(dir / "q.db");
    Fixture() {
        RegistryRepository repo(db);
        std::vector<Firm> firms;
        for (int i = 0; i < 300; ++i) firms.push_back(firm(i));
        std::vector<Recognition> recs;
        for (int i = 0; i < 300; i += 10) {
            Recognition r;
            r.credit_code = code_for(i);
            r.tier = "specialized";
            r.approved_on = r.valid_from = Date(i < 150 ? 2015 : 2019, 6, 1);
            r.doc_no = "doc";
            recs.push_back(r);
        }
        Transaction tx(db);
        repo.upsert_firms(firms, nullptr);
        repo.upsert_recognitions(recs, nullptr);
        tx.commit();
    }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(counts_and_pages_the_whole_registry_in_credit_code_order, Fixture) {
    FirmQuery q(db);
    FirmFilter all;
    BOOST_TEST(q.count(all) == 300u);
    auto first = q.page(all, {}, 0, 50);
    auto second = q.page(all, {}, 50, 50);
    BOOST_REQUIRE(first.size() == 50u);
    BOOST_REQUIRE(second.size() == 50u);
    BOOST_TEST(first.back().credit_code < second.front().credit_code);
    auto tail = q.page(all, {}, 290, 50);
    BOOST_TEST(tail.size() == 10u);
    BOOST_TEST(q.page(all, {}, 400, 50).empty());
    auto codes = q.codes(all, {});
    BOOST_REQUIRE(codes.size() == 300u);
    BOOST_TEST(codes[50] == second.front().credit_code);
}

BOOST_FIXTURE_TEST_CASE(searches_name_substring_and_code_prefix, Fixture) {
    FirmQuery q(db);
    FirmFilter f;
    f.text = "南昌";
    BOOST_TEST(q.count(f) == 100u);
    f.text = " 测试企业1007 ";
    BOOST_TEST(q.count(f) == 1u);
    BOOST_TEST(q.page(f, {}, 0, 10).at(0).name == "赣州测试企业1007");
    f.text = code_for(42).substr(0, 16);
    BOOST_TEST(q.count(f) >= 1u);
    f.text = "91360003";  // prefix, lower case accepted too
    std::size_t n = q.count(f);
    BOOST_TEST(n > 0u);
    f.text = "100%";  // LIKE characters are literal
    BOOST_TEST(q.count(f) == 0u);
}

BOOST_FIXTURE_TEST_CASE(filters_combine, Fixture) {
    FirmQuery q(db);
    FirmFilter f;
    f.region_prefix = "3601";
    BOOST_TEST(q.count(f) == 150u);
    f.chain = "electronics";
    BOOST_TEST(q.count(f) == 75u);
    f = {};
    f.tier_held = "specialized";
    f.held_on = Date(2019, 12, 31);
    f.held_validity_years = 3;  // only the 2019 titles still run
    BOOST_TEST(q.count(f) == 15u);
    f.held_validity_years.reset();  // open-ended: all titles
    BOOST_TEST(q.count(f) == 30u);
}

BOOST_FIXTURE_TEST_CASE(sorts_by_column_both_ways, Fixture) {
    FirmQuery q(db);
    FirmFilter all;
    auto asc = q.page(all, {FirmSortKey::Name, false}, 0, 300);
    auto desc = q.page(all, {FirmSortKey::Name, true}, 0, 300);
    BOOST_REQUIRE(asc.size() == 300u);
    BOOST_TEST(asc.front().name == desc.back().name);
    for (std::size_t i = 1; i < asc.size(); ++i) BOOST_TEST(asc[i - 1].name <= asc[i].name);
    auto by_region = q.page(all, {FirmSortKey::Region, false}, 0, 300);
    BOOST_TEST(by_region.front().region_code == "360102");
    BOOST_TEST(by_region.back().region_code == "360702");
}

BOOST_FIXTURE_TEST_CASE(restricts_to_a_given_set_and_reads_recognitions, Fixture) {
    FirmQuery q(db);
    q.restrict_to({code_for(3), code_for(5), code_for(3), "NOT-A-FIRM"});
    FirmFilter f;
    f.restricted = true;
    BOOST_TEST(q.count(f) == 2u);
    q.restrict_to({});
    BOOST_TEST(q.count(f) == 0u);
    auto recs = q.recognitions_of({code_for(0), code_for(10), code_for(1)});
    BOOST_TEST(recs.size() == 2u);
}
