// A registry written by an earlier Ladder, upgraded by opening it: what it held reads the same
// afterwards, and what cannot be converted faithfully stops the upgrade with nothing changed.
#include <boost/test/unit_test.hpp>

#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder::test;

namespace {

const std::string A = code("91360100MA35AAAA0");
const std::string B = code("91360700MA35BBBB0");

// The money columns of figures when money moved from hundredths of 万元 to fen (schema 6).
const char* const kMoneyColumns[] = {
    "revenue",      "main_revenue", "hightech_revenue", "lead_product_revenue",
    "total_profit", "net_profit",   "total_assets",     "total_liabilities",
    "rd_expense",   "rd_domestic",  "equity_financing", "valuation"};

struct Registry {
    TestDatabase db;
    CliResult cli(const std::string& args) const {
        return run_cli(db.dir().path(), db.cli_args() + " " + args);
    }
    // As the owner, who alone may upgrade a PostgreSQL registry (the same on SQLite).
    CliResult owner_cli(const std::string& args) const {
        return run_cli(db.dir().path(), db.owner_cli_args() + " " + args);
    }
    std::string revenue_of(const std::string& credit_code, int year) const {
        return query_value(db, "SELECT revenue FROM figures WHERE credit_code = '" + credit_code +
                                   "' AND year = " + std::to_string(year));
    }
    std::string schema_version() const {
        return query_value(db, "SELECT MAX(version) FROM schema_version");
    }
};

// Firms and figures imported by today's Ladder, then stored as the Ladder before schema 6 kept
// them: money as hundredths of 万元 (the amounts have at most two decimals, so ÷ 10,000 is
// exact) at schema version 5.
void fill_as_schema_5(const Registry& r) {
    write_file(r.db.dir() / "firms.csv",
               "credit_code,name,region_code,industry_code,chain,founded\n" + A +
                   ",南昌甲科技有限公司,360102,C3985,electronics,2010-05-01\n" + B +
                   ",赣州乙材料有限公司,360702,C3240,nonferrous,2015-03-15\n");
    write_file(r.db.dir() / "figures.csv",
               "credit_code,year,revenue,main_revenue,total_profit,net_profit,rd_expense,"
               "valuation,employees,innovation_score\n" +
                   A + ",2018,\"2,000\",1999.99,-0.05,-1234.5,0.01,,120,71.5\n" + A +
                   ",2019,1234.50,1000,0,0.10,80,9999999.99,130,70\n" + B + ",2019,0.01,,,,,,,\n");
    BOOST_REQUIRE(r.cli("import firms firms.csv").status == 0);
    auto imported = r.cli("import figures figures.csv");
    BOOST_REQUIRE_MESSAGE(imported.status == 0, imported.err);
    std::string to_hundredths;
    for (const char* c : kMoneyColumns)
        to_hundredths +=
            std::string(to_hundredths.empty() ? "" : ", ") + c + " = " + c + " / 10000";
    r.db.raw_sql("UPDATE figures SET " + to_hundredths);
    r.db.raw_sql("DELETE FROM schema_version WHERE version >= 6");
}

// `export figures` of that registry by the Ladder before schema 6 (two decimals throughout),
// with the columns of schema 9 added empty at the end.
const std::string kExportBefore =
    "credit_code,year,revenue,main_revenue,hightech_revenue,lead_product_revenue,total_profit,"
    "net_profit,total_assets,total_liabilities,rd_expense,rd_domestic,equity_financing,valuation,"
    "employees,tech_staff,rd_staff,ip_class1,ip_class2,innovation_score,zjtx_score,rank_province,"
    "rank_global,quality_cert,own_brand,rd_institution,major_incident,cost_of_sales,net_assets,"
    "domestic_market_share,ip_class1_self,quality_score,common_control\n" +
    A + ",2018,2000.00,1999.99,,,-0.05,-1234.50,,,0.01,,,,120,,,,,71.50,,,,,,,,,,,,,\n" + A +
    ",2019,1234.50,1000.00,,,0.00,0.10,,,80.00,,,9999999.99,130,,,,,70.00,,,,,,,,,,,,,\n" + B +
    ",2019,0.01,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n";

}  // namespace

BOOST_AUTO_TEST_CASE(money_in_hundredths_becomes_fen_and_exports_as_before) {
    Registry r;
    fill_as_schema_5(r);
    BOOST_TEST(r.schema_version() == "5");
    BOOST_TEST(r.revenue_of(A, 2019) == "123450");  // 1234.50 万元 in hundredths
    const std::string last_entry =
        "SELECT hash || ' ' || after_value FROM audit_log WHERE id = (SELECT MAX(id) FROM "
        "audit_log WHERE entity = 'figures' AND action = 'insert_rows')";
    const std::string audited = query_value(r.db, last_entry);
    // The import's three new rows, in one entry (their values compressed).
    BOOST_TEST(audited.find(" rows=3; last=" + B + "/2019; sha256=") != std::string::npos, audited);

    auto exported = r.owner_cli("export figures");  // opening upgrades
    BOOST_TEST(exported.status == 0, exported.err);
    BOOST_TEST(exported.out == kExportBefore);
    BOOST_TEST(std::stoi(r.schema_version()) >= 6);     // and any step after
    BOOST_TEST(r.revenue_of(A, 2019) == "1234500000");  // in fen
    BOOST_TEST(r.revenue_of(B, 2019) == "10000");
    BOOST_TEST(query_value(r.db, "SELECT valuation FROM figures WHERE credit_code = '" + A +
                                     "' AND year = 2019") == "9999999990000");
    // Not money: counts and scores keep their units.
    BOOST_TEST(query_value(r.db,
                           "SELECT employees || ' ' || innovation_score FROM figures "
                           "WHERE credit_code = '" +
                               A + "' AND year = 2018") == "120 7150");
    // The audit trail written before the upgrade is left as it was, and still verifies.
    BOOST_TEST(query_value(r.db, last_entry) == audited);
    auto verify = r.cli("audit verify");
    BOOST_TEST(verify.status == 0, verify.out + verify.err);

    // Upgraded once: opening again converts nothing twice.
    BOOST_TEST(r.cli("export figures").out == kExportBefore);
    BOOST_TEST(r.revenue_of(A, 2019) == "1234500000");
    // And an amount to the fen now keeps all its decimals.
    write_file(r.db.dir() / "fen.csv", "credit_code,year,revenue\n" + A + ",2019,1234.567891\n");
    BOOST_TEST(r.cli("import figures fen.csv").status == 0);
    BOOST_TEST(r.revenue_of(A, 2019) == "1234567891");
}

BOOST_AUTO_TEST_CASE(amount_too_large_for_the_fen_stops_the_upgrade_with_nothing_changed) {
    Registry r;
    fill_as_schema_5(r);
    // 9,223,372,036,854.78 万元: the fen of it is beyond 64 bits.
    r.db.raw_sql("UPDATE figures SET total_assets = 922337203685478 WHERE credit_code = '" + B +
                 "'");
    auto refused = r.owner_cli("export figures");
    BOOST_TEST(refused.status != 0);
    BOOST_TEST(refused.err.find("1 rows of figures hold an amount too large to keep to the fen") !=
                   std::string::npos,
               refused.err);
    BOOST_TEST(r.schema_version() == "5");
    BOOST_TEST(r.revenue_of(A, 2019) == "123450");
    // One below the limit converts.
    r.db.raw_sql("UPDATE figures SET total_assets = -922337203685477 WHERE credit_code = '" + B +
                 "'");
    auto upgraded = r.owner_cli("export figures");
    BOOST_TEST(upgraded.status == 0, upgraded.err);
    BOOST_TEST(upgraded.out.find(B + ",2019,0.01,,,,,,-9223372036854.77,") != std::string::npos,
               upgraded.out);
    BOOST_TEST(std::stoi(r.schema_version()) >= 6);  // and any step after
}
