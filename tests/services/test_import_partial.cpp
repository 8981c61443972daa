// Files with fewer columns or blank cells update only what they hold, and the cross-field rules
// hold on the record as it will be stored: each case imports one file into the same starting
// registry through the built ladder-cli and checks the registry afterwards through `export`.
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "model/measures.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder::test;

namespace {

const std::string A = code("91360100MA35AAAA0");
const std::string B = code("91360700MA35BBBB0");
const std::string N = code("91361100MA35NNNN0");  // not in the registry

const std::string kFirmsHeader =
    "credit_code,name,region_code,industry_code,chain,founded,niche_since,hnte_field,listed_on";
const std::string kFirmA =
    A + ",南昌甲科技有限公司,360102,C3985,electronics,2010-05-01,2012,yes,2020-06-30";
const std::string kFirmB = B + ",赣州乙材料有限公司,360702,C3240,nonferrous,2015-03-15,,no,";
// As the export writes them: the columns the file above did not name follow, empty.
const std::string kExportedA = kFirmA + ",,";
const std::string kExportedB = kFirmB + ",,";

std::string figures_header() {
    return "credit_code,year,revenue,main_revenue,hightech_revenue,lead_product_revenue,"
           "total_profit,net_profit,total_assets,total_liabilities,rd_expense,rd_domestic,"
           "equity_financing,valuation,employees,tech_staff,rd_staff,ip_class1,ip_class2,"
           "innovation_score,zjtx_score,rank_province,rank_global,quality_cert,own_brand,"
           "rd_institution,major_incident,cost_of_sales,net_assets,domestic_market_share,"
           "ip_class1_self,quality_score,common_control";
}
const std::string kFiguresA2019 =
    A +
    ",2019,5200.00,5000.00,3000.00,4100.00,600.00,480.00,9000.00,3000.00,320.00,300.00,,,"
    "180,60,40,3,12,72.50,,5,,yes,yes,yes,no,,,,,,";

struct Registry {
    TestDatabase db;
    Registry() {
        write_file(db.dir() / "base-firms.csv",
                   kFirmsHeader + "\n" + kFirmA + "\n" + kFirmB + "\n");
        write_file(db.dir() / "base-figures.csv", figures_header() + "\n" + kFiguresA2019 + "\n");
        auto firms = cli("import firms base-firms.csv");
        BOOST_REQUIRE_MESSAGE(firms.status == 0, firms.err);
        auto figures = cli("import figures base-figures.csv");
        BOOST_REQUIRE_MESSAGE(figures.status == 0, figures.err);
    }
    CliResult cli(const std::string& args) const {
        return run_cli(db.dir().path(), db.cli_args() + " " + args);
    }
    std::string dump() const {
        return cli("export firms").out + cli("export figures").out + cli("export recognitions").out;
    }
};

struct Case {
    const char* name;
    const char* table;
    std::string content;
    std::string options;
    int status;
    // Every line expected in the exports afterwards (none when the file is refused: the
    // registry must then be exactly as before).
    std::vector<std::string> exported;
    std::string message;  // expected in stdout or stderr
};

// An exported figures line of firm B for 2019 with only the given measures (by position).
std::string b_2019(const std::map<std::size_t, std::string>& measures) {
    std::string line = B + ",2019";
    for (std::size_t i = 0; i < ladder::kMeasureCount; ++i) {
        auto it = measures.find(i);
        line += "," + (it == measures.end() ? std::string() : it->second);
    }
    return line;
}

std::vector<Case> cases() {
    const std::string figures_a_revenue_only =
        A +
        ",2019,5600.00,5000.00,3000.00,4100.00,600.00,480.00,9000.00,3000.00,320.00,300.00,,,"
        "180,60,40,3,12,72.50,,5,,yes,yes,yes,no,,,,,,";
    return {
        {"two columns change the name only",
         "firms",
         "credit_code,name,founded\n" + A + ",南昌甲科技股份有限公司,2010-05-01\n",
         "",
         0,
         {A + ",南昌甲科技股份有限公司,360102,C3985,electronics,2010-05-01,2012,yes,2020-06-30,,",
          kExportedB},
         "1 updated"},
        {"blank cells keep the stored values",
         "firms",
         "credit_code,name,region_code,chain\n" + A + ",,,\n",
         "",
         0,
         {kExportedA, kExportedB},
         "3 kept the stored value"},
        {"--empty clear clears a blank optional cell",
         "firms",
         "credit_code,region_code,niche_since\n" + A + ",,\n",
         "--empty clear",
         0,
         {A + ",南昌甲科技有限公司,,C3985,electronics,2010-05-01,,yes,2020-06-30,,"},
         "2 cleared"},
        {"--empty clear cannot clear a required field",
         "firms",
         "credit_code,name\n" + A + ",\n",
         "--empty clear",
         1,
         {},
         "partial.csv:2:name: 企业名称 is required and cannot be cleared"},
        {"a new firm still needs its required fields",
         "firms",
         "credit_code,name\n" + N + ",上饶丙有限公司\n",
         "",
         1,
         {},
         "partial.csv:2:founded: 成立日期 is required for a record not yet in the registry"},
        {"a new firm with every required field is added",
         "firms",
         "credit_code,name,founded\n" + N + ",上饶丙有限公司,2018-01-02\n",
         "",
         0,
         {N + ",上饶丙有限公司,,,,2018-01-02,,,,,", kExportedA},
         "1 new"},
        {"three figures columns change one measure",
         "figures",
         "credit_code,year,revenue\n" + A + ",2019,5600\n",
         "",
         0,
         {figures_a_revenue_only},
         "1 updated"},
        {"a partial figures row is checked against the stored values",
         "figures",
         "credit_code,year,main_revenue\n" + A + ",2019,6000\n",
         "",
         1,
         {},
         "partial.csv:2:main_revenue: 主营业务收入 6000.00 exceeds 营业收入 5200.00"},
        {"niche_since before the founding year",
         "firms",
         "credit_code,niche_since\n" + A + ",1990\n",
         "",
         1,
         {},
         "partial.csv:2:niche_since: 细分领域起始年份 1990 is before the year of 成立日期 "
         "2010-05-01"},
        {"a founding date after the stored listing date",
         "firms",
         "credit_code,founded\n" + A + ",2021-01-01\n",
         "",
         1,
         {},
         "partial.csv:2:listed_on: 上市日期 2020-06-30 is before 成立日期 2021-01-01"},
        {"listed_on before founded in a whole row",
         "firms",
         kFirmsHeader + "\n" + N + ",上饶丙有限公司,361102,,,2019-01-01,2019,,2015-01-01\n",
         "",
         1,
         {},
         "partial.csv:2:listed_on: 上市日期 2015-01-01 is before 成立日期 2019-01-01"},
        {"figures for a year before the founding",
         "figures",
         "credit_code,year,revenue\n" + B + ",2005,100\n",
         "",
         1,
         {},
         "partial.csv:2:year: 年度 2005 is before the year of 成立日期 2015-03-15"},
        {"a recognition approved in the future",
         "recognitions",
         "credit_code,tier,approved_on\n" + A + ",high_tech,2099-01-01\n",
         "",
         1,
         {},
         "partial.csv:2:approved_on: 认定日期 \"2099-01-01\" is in the future"},
        {"a recognition without a document number is added",
         "recognitions",
         "credit_code,tier,approved_on,valid_to,doc_no\n" + A +
             ",high_tech,2019-11-28,2022-11-27,\n",
         "",
         0,
         {A + ",high_tech,2019-11-28,2019-11-28,2022-11-27,"},
         "1 new"},
        // Units in headers: money converts exactly into 万元; counts and scores keep their values.
        {"营业收入（元）",
         "figures",
         "credit_code,year,营业收入（元）\n" + B + ",2019,12345000\n",
         "",
         0,
         {b_2019({{0, "1234.50"}})},
         "its values are converted exactly into 万元"},
        {"revenue (千元)",
         "figures",
         "credit_code,year,revenue (千元)\n" + B + ",2019,1234.5\n",
         "",
         0,
         {b_2019({{0, "123.45"}})},
         "1 new"},
        {"资产总额(亿元)",
         "figures",
         "credit_code,year,资产总额(亿元)\n" + B + ",2019,1.5\n",
         "",
         0,
         {b_2019({{6, "15000.00"}})},
         "1 new"},
        {"元 to the fen",
         "figures",
         "credit_code,year,营业收入（元）\n" + B + ",2019,12345678.91\n",
         "",
         0,
         {b_2019({{0, "1234.567891"}})},
         "1 new"},
        {"万元 with four decimals",
         "figures",
         "credit_code,year,营业收入\n" + B + ",2019,1234.5678\n",
         "",
         0,
         {b_2019({{0, "1234.5678"}})},
         "1 new"},
        {"finer than the fen",
         "figures",
         "credit_code,year,营业收入（元）\n" + B + ",2019,1.234\n",
         "",
         1,
         {},
         "partial.csv:2:revenue: 营业收入 \"1.234\" is finer than the fen (0.01 元)"},
        {"an unknown money unit",
         "figures",
         "credit_code,year,营业收入（美元）\n" + B + ",2019,100\n",
         "",
         1,
         {},
         "partial.csv:1:revenue: header \"营业收入（美元）\": unit 美元 is not one of 元, 千元, "
         "万元, "
         "亿元"},
        {"counts and scores with their units",
         "figures",
         "credit_code,year,职工总数（人）,I类知识产权数（件）,创新能力评价得分（分）\n" + B +
             ",2019,80,3,72.5\n",
         "",
         0,
         {b_2019({{12, "80"}, {15, "3"}, {17, "72.50"}})},
         "1 new"},
        {"a unit on a count that is no count",
         "figures",
         "credit_code,year,职工总数（万元）\n" + B + ",2019,80\n",
         "",
         1,
         {},
         "unit 万元 is not a unit of a count"},
        {"a dry run lists the change and writes nothing",
         "firms",
         "credit_code,chain\n" + A + ",nonferrous\n",
         "--dry-run --year 2020",
         0,
         {},
         A + " 产业链: electronics -> nonferrous"},
    };
}

}  // namespace

BOOST_AUTO_TEST_CASE(partial_files_update_only_what_they_hold) {
    for (const Case& c : cases()) {
        BOOST_TEST_CONTEXT(c.name) {
            Registry r;
            const std::string before = r.dump();
            write_file(r.db.dir() / "partial.csv", c.content);
            auto result = r.cli(std::string("import ") + c.table + " partial.csv " + c.options);
            BOOST_TEST(result.status == c.status, result.out + result.err);
            const std::string said = result.out + result.err;
            BOOST_TEST(said.find(c.message) != std::string::npos, said);
            const std::string after = r.dump();
            if (c.exported.empty()) {
                BOOST_TEST(after == before, "a refused file or a dry run changed the registry");
                continue;
            }
            for (const auto& line : c.exported)
                BOOST_TEST(after.find(line + "\n") != std::string::npos, line + "\n" + after);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_skipped_row_leaves_its_record_and_the_good_rows_are_imported) {
    Registry r;
    write_file(r.db.dir() / "mixed.csv",
               "credit_code,year,main_revenue\n" + A + ",2019,6000\n" + B + ",2019,100\n");
    auto result = r.cli("import figures mixed.csv --on-error skip --report rejected.csv");
    BOOST_TEST(result.status == 0, result.err);
    BOOST_TEST(result.err.find("mixed.csv:2:main_revenue") != std::string::npos, result.err);
    auto figures = r.cli("export figures").out;
    BOOST_TEST(figures.find(kFiguresA2019 + "\n") != std::string::npos, figures);
    BOOST_TEST(figures.find(B + ",2019,,100.00,") != std::string::npos, figures);
    BOOST_TEST(read_file(r.db.dir() / "rejected.csv").find("6000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_backup_is_taken_only_when_an_import_changes_something) {
    if (TestDatabase::on_postgresql()) return;  // PostgreSQL is backed up with pg_dump
    Registry r;
    namespace fs = std::filesystem;
    const fs::path backups = r.db.sqlite_file().string() + ".backups";
    auto files = [&] {
        std::set<std::string> names;
        if (fs::exists(backups))
            for (const auto& e : fs::directory_iterator(backups))
                if (e.path().extension() == ".db") names.insert(e.path().string());
        return names;
    };
    const std::set<std::string> before = files();
    write_file(r.db.dir() / "same.csv", "credit_code,name\n" + A + ",南昌甲科技有限公司\n");
    BOOST_TEST(r.cli("import firms same.csv").status == 0);
    BOOST_TEST(files() == before, "an import that changed nothing wrote a backup");
    write_file(r.db.dir() / "renamed.csv", "credit_code,name\n" + A + ",南昌甲科技股份有限公司\n");
    BOOST_TEST(r.cli("import firms renamed.csv").status == 0);
    std::vector<std::string> added;
    for (const auto& name : files())
        if (!before.count(name)) added.push_back(name);
    BOOST_TEST_REQUIRE(added.size() == 1u);
    // The backup holds the registry as the import found it.
    const std::string newest = added.front();
    auto old = run_cli(r.db.dir().path(), "--db " + shell_quote(newest) + " export firms");
    BOOST_TEST(old.out.find(kExportedA + "\n") != std::string::npos, old.out);
}
