// The registry list's paged, filtered, sorted query, on SQLite (trigram index) and PostgreSQL.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>

#include "db/database.hpp"
#include "db/firm_query.hpp"
#include "db/registry_repository.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder;
using ladder::test::TestDatabase;

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
    TestDatabase tdb;
    Database db = Database::open(tdb.url());
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
    auto asc = q.page(all, {FirmSortKey::name, false}, 0, 300);
    auto desc = q.page(all, {FirmSortKey::name, true}, 0, 300);
    BOOST_REQUIRE(asc.size() == 300u);
    BOOST_TEST(asc.front().name == desc.back().name);
    for (std::size_t i = 1; i < asc.size(); ++i) BOOST_TEST(asc[i - 1].name <= asc[i].name);
    auto by_region = q.page(all, {FirmSortKey::region, false}, 0, 300);
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

namespace {
// What a search must find, computed without the database: the name contains the text, or the
// text is a credit-code prefix (any case).
std::vector<std::string> expected_codes(const std::vector<Firm>& firms, const std::string& text) {
    std::string upper = text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    bool code_like = std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
    });
    std::vector<std::string> out;
    for (const auto& f : firms)
        if (f.name.find(text) != std::string::npos ||
            (code_like && f.credit_code.rfind(upper, 0) == 0))
            out.push_back(f.credit_code);
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

// Enough firms that a common word matches more than the index route takes (5,000), so both
// routes — index then sort, and walk the list testing names — are compared with the truth.
BOOST_AUTO_TEST_CASE(search_finds_exactly_the_substring_and_prefix_matches_on_both_routes) {
    TestDatabase tdb;
    Database db = Database::open(tdb.url());
    std::vector<Firm> firms;
    const char* places[] = {"南昌", "赣州", "九江"};
    const char* trades[] = {"光电科技", "食品", "陶瓷"};
    for (int i = 0; i < 6000; ++i) {
        Firm f = firm(i);
        f.name = std::string(places[i % 3]) + "恒" + std::to_string(i % 97) + trades[(i / 3) % 3] +
                 "有限公司" + (i % 1000 == 7 ? "Ab%_!" : "");
        firms.push_back(f);
    }
    {
        Transaction tx(db);
        RegistryRepository(db).upsert_firms(firms, nullptr);
        tx.commit();
    }
    FirmQuery q(db);
    for (std::string text :
         {"南", "昌", "南昌", "有限公司", "南昌恒1", "恒42光电", "光电科技有限公司", "陶瓷有限公司",
          "恒96陶瓷有限公司", "Ab%_", "%_!", "Ab", "9136000", "91360005ma", "MA0000123", "恒", "赣",
          "不存在的名字", "南昌恒12食品有限公司"}) {
        auto expected = expected_codes(firms, text);
        FirmFilter f;
        f.text = text;
        BOOST_TEST_CONTEXT("search " << text) {
            BOOST_TEST(q.count(f) == expected.size());
            BOOST_TEST(q.codes(f, {}) == expected, boost::test_tools::per_element());
            auto top = q.page(f, {}, 0, 10);
            BOOST_TEST_REQUIRE(top.size() == std::min<std::size_t>(10, expected.size()));
            for (std::size_t i = 0; i < top.size(); ++i)
                BOOST_TEST(top[i].credit_code == expected[i]);
        }
    }
    // Combined with a region filter and sorted by name, the answer is the same set.
    FirmFilter f;
    f.text = "陶瓷有限公司";
    f.region_prefix = "3601";
    std::size_t in_region = 0;
    for (const auto& code : expected_codes(firms, f.text))
        for (const auto& firm : firms)
            if (firm.credit_code == code && firm.region_code.rfind("3601", 0) == 0) ++in_region;
    BOOST_TEST(q.count(f) == in_region);
    auto by_name = q.codes(f, {FirmSortKey::name, true});
    BOOST_TEST(by_name.size() == in_region);
}

BOOST_FIXTURE_TEST_CASE(the_search_follows_new_renamed_and_removed_firms, Fixture) {
    FirmQuery q(db);
    FirmFilter f;
    f.text = "景德镇新瓷";
    BOOST_TEST(q.count(f) == 0u);
    RegistryRepository repo(db);
    Firm added = firm(1000);
    added.name = "景德镇新瓷有限公司";
    Firm renamed = firm(5);
    renamed.name = "赣州景德镇新瓷分公司";
    {
        Transaction tx(db);
        repo.upsert_firms({added, renamed}, nullptr);
        tx.commit();
    }
    BOOST_TEST(q.count(f) == 2u);
    f.text = "测试企业1005";  // the old name of firm 5
    BOOST_TEST(q.count(f) == 0u);
    f.text = "测试企业1006";
    BOOST_TEST(q.count(f) == 1u);
    tdb.raw_sql("DELETE FROM firms WHERE credit_code = '" + added.credit_code + "'");
    f.text = "景德镇新瓷";
    BOOST_TEST(q.count(f) == 1u);
    BOOST_TEST(q.page(f, {}, 0, 10).at(0).credit_code == renamed.credit_code);
}

BOOST_FIXTURE_TEST_CASE(counts_stop_at_a_cap_and_give_up_when_asked, Fixture) {
    FirmQuery q(db);
    FirmFilter f;
    f.text = "南昌";  // 100 firms
    BOOST_TEST(q.count(f, 10) == 10u);
    BOOST_TEST(q.count(f, 1000) == 100u);
    BOOST_TEST(q.count(FirmFilter{}, 299) == 299u);
    auto exact = q.count_unless(f, [] { return false; });
    BOOST_TEST_REQUIRE(exact.has_value());
    BOOST_TEST(*exact == 100u);
    BOOST_TEST(!q.count_unless(f, [] { return true; }).has_value());
}

// One or two characters have no trigram: the list walks the names. Rare and common texts,
// names and credit-code prefixes, give exact answers, and a capped count gives up when asked.
BOOST_FIXTURE_TEST_CASE(one_and_two_character_texts_and_capped_counts_that_give_up, Fixture) {
    FirmQuery q(db);
    FirmFilter f;
    f.text = "南";  // 南昌…: every third firm
    BOOST_TEST(q.count(f) == 100u);
    BOOST_TEST(q.page(f, {}, 0, 1000).size() == 100u);
    f.text = "91";  // every credit code starts 91
    BOOST_TEST(q.count(f) == 300u);
    BOOST_TEST(q.page(f, {}, 250, 100).size() == 50u);
    f.text = "99";  // no code; the names 测试企业1099, 1199 and 1299
    BOOST_TEST(q.count(f) == 3u);
    auto rare = q.page(f, {FirmSortKey::name, false}, 0, 100);
    BOOST_REQUIRE(rare.size() == 3u);
    BOOST_TEST(rare[0].name < rare[1].name);
    BOOST_TEST(q.page(f, {}, 100, 100).empty());
    f.text = "zq";  // looks like a code, matches nothing
    BOOST_TEST(q.count(f) == 0u);
    BOOST_TEST(q.page(f, {}, 0, 100).empty());

    auto never = [] { return false; };
    auto always = [] { return true; };
    f.text = "测";
    BOOST_TEST(q.count_unless(f, never, 51).value_or(0) == 51u);
    BOOST_TEST(q.count_unless(f, never).value_or(0) == 300u);
    BOOST_TEST(!q.count_unless(f, always, 51).has_value());
    auto page = q.page_unless(f, {}, 100, 100, never);
    BOOST_REQUIRE(page.has_value());
    BOOST_TEST(page->size() == 100u);
    BOOST_TEST(page->front().credit_code == q.page(f, {}, 100, 100).at(0).credit_code);
    BOOST_TEST(q.page(f, {}, 100, 1).size() == 1u);
    BOOST_TEST(q.page(f, {}, 0, 1).size() == 1u);
    BOOST_TEST(q.page(f, {}, 100, 2).size() == 2u);
    BOOST_TEST(q.page(FirmFilter{}, {}, 100, 1).size() == 1u);
    FirmFilter g;
    g.text = "南昌";
    BOOST_TEST(q.page(g, {}, 10, 1).size() == 1u);
    BOOST_TEST(!q.page_unless(f, {}, 0, 100, always).has_value());
}
