#include <boost/test/unit_test.hpp>

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model/import_schema.hpp"
#include "model/industry.hpp"
#include "model/uscc.hpp"

using namespace ladder;

namespace {

const Date kToday(2020, 6, 30);

// A valid credit code from its first 17 characters.
std::string code17(const std::string& first17) {
    return first17 + *uscc_check_character(first17);
}
std::string numbered_code(int n) {
    return code17(fmt::format("91360100{:09d}", n));
}

const std::string kFirmA = code17("91360100MA35ABCD1");
const std::string kFirmB = code17("91360100MA35ABCD2");

const RegionTable& regions() {
    static const RegionTable table =
        RegionTable::load(LADDER_TEST_DATA_DIR "/../../resources/regions");
    return table;
}

ValidationContext context() {
    ValidationContext ctx;
    ctx.regions = &regions();
    ctx.tiers = &TierCatalog::builtin();
    ctx.today = kToday;
    return ctx;
}

// Rows numbered as a spreadsheet shows them, starting under the header.
Table make_table(const std::string& file, std::vector<std::string> header,
                 const std::vector<std::vector<std::string>>& rows, int first_row = 2) {
    Table t;
    t.file_name = file;
    t.encoding = "UTF-8";
    t.header = std::move(header);
    for (const auto& cells : rows) t.rows.push_back({first_row++, RowCells(cells)});
    return t;
}

std::string file_of(RecordKind kind) {
    return std::string(record_kind_name(kind)) + ".csv";
}

// A row that passes every rule, by column id.
std::map<std::string, std::string> good_row(RecordKind kind) {
    switch (kind) {
        case RecordKind::firms:
            return {{"credit_code", kFirmA},   {"name", "江西测试科技有限公司"},
                    {"region_code", "360102"}, {"industry_code", "C3985"},
                    {"chain", "electronics"},  {"founded", "2010-05-01"},
                    {"niche_since", ""},       {"hnte_field", "yes"},
                    {"listed_on", ""},         {"controlling_shareholder", "赣江控股有限公司"},
                    {"business_group", ""}};
        case RecordKind::figures:
            return {{"credit_code", kFirmA},      {"year", "2019"},
                    {"revenue", "10000"},         {"main_revenue", "9000"},
                    {"hightech_revenue", "6000"}, {"lead_product_revenue", "5000"},
                    {"total_profit", "-100"},     {"net_profit", "-120.5"},
                    {"total_assets", "20000"},    {"total_liabilities", "8000"},
                    {"rd_expense", "480"},        {"rd_domestic", "300"},
                    {"equity_financing", "0"},    {"valuation", "50000"},
                    {"employees", "200"},         {"tech_staff", "30"},
                    {"rd_staff", "20"},           {"ip_class1", "2"},
                    {"ip_class2", "5"},           {"innovation_score", "75.5"},
                    {"zjtx_score", "61"},         {"rank_province", "2"},
                    {"rank_global", "15"},        {"quality_cert", "yes"},
                    {"own_brand", "是"},          {"rd_institution", "no"},
                    {"major_incident", ""},       {"cost_of_sales", "7000"},
                    {"net_assets", "-50.25"},     {"domestic_market_share", "12.5"},
                    {"ip_class1_self", "0"},      {"quality_score", "66"},
                    {"common_control", "否"}};
        case RecordKind::recognitions:
            return {{"credit_code", kFirmA},
                    {"tier", "high_tech"},
                    {"approved_on", "2019-12-02"},
                    {"valid_from", ""},
                    {"valid_to", ""},
                    {"doc_no", "赣工信企业字〔2021〕6号"}};
    }
    return {};
}

std::vector<std::string> cells_in_spec_order(RecordKind kind,
                                             const std::map<std::string, std::string>& row) {
    std::vector<std::string> cells;
    for (const auto& c : columns_of(kind)) cells.push_back(row.at(std::string(c.id)));
    return cells;
}

struct Outcome {
    std::vector<CellError> errors;
    std::size_t records = 0;
};

Outcome validate(RecordKind kind, const Table& table, const ValidationContext& ctx) {
    switch (kind) {
        case RecordKind::firms: {
            auto v = validate_firms(table, ctx);
            return {v.errors, v.records.size()};
        }
        case RecordKind::figures: {
            auto v = validate_figures(table, ctx);
            return {v.errors, v.records.size()};
        }
        case RecordKind::recognitions: {
            auto v = validate_recognitions(table, ctx);
            return {v.errors, v.records.size()};
        }
    }
    return {};
}

// The good row with some cells replaced, validated alone.
Outcome validate_changed(RecordKind kind, const std::map<std::string, std::string>& changes) {
    auto row = good_row(kind);
    for (const auto& [column, value] : changes) row.at(column) = value;
    auto table = make_table(file_of(kind), export_header(kind), {cells_in_spec_order(kind, row)});
    return validate(kind, table, context());
}

struct Case {
    RecordKind kind;
    std::string column;
    std::string value;
    std::string reason;  // empty: the cell is valid
};

std::vector<Case> cell_cases() {
    using K = RecordKind;
    std::string bad_check = kFirmA.substr(0, 17) + (kFirmA[17] == '0' ? '1' : '0');
    std::string lower = kFirmA;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return {
        // firms
        {K::firms, "credit_code", lower, ""},
        {K::firms, "credit_code", " " + kFirmA + "\t", ""},
        {K::firms, "credit_code", "", "统一社会信用代码 is required"},
        {K::firms, "credit_code", bad_check,
         fmt::format("统一社会信用代码 \"{}\" fails its check character (expected {})", bad_check,
                     kFirmA[17])},
        {K::firms, "credit_code", "91110000600037341",
         "统一社会信用代码 \"91110000600037341\" has 17 characters, needs 18"},
        {K::firms, "credit_code", "91110000600037341L1",
         "统一社会信用代码 \"91110000600037341L1\" has 19 characters, needs 18"},
        {K::firms, "credit_code", "9111000060003734IL",
         "统一社会信用代码 \"9111000060003734IL\" has invalid character 'I' at position 17"},
        {K::firms, "credit_code", "O1110000600037341L",
         "统一社会信用代码 \"O1110000600037341L\" has invalid character 'O' at position 1"},
        {K::firms, "credit_code", "9Z110000600037341L",
         "统一社会信用代码 \"9Z110000600037341L\" has invalid character 'Z' at position 2"},
        {K::firms, "credit_code", "91S10000600037341L",
         "统一社会信用代码 \"91S10000600037341L\" has invalid character 'S' at position 3"},
        {K::firms, "credit_code", "911V0000600037341L",
         "统一社会信用代码 \"911V0000600037341L\" has invalid character 'V' at position 4"},
        {K::firms, "name", "  ", "企业名称 is required"},
        {K::firms, "name", "\xE3\x80\x80", "企业名称 is required"},  // ideographic space only
        {K::firms, "name", "南昌某某有限公司", ""},
        {K::firms, "region_code", "", ""},
        {K::firms, "region_code", "361102", ""},
        {K::firms, "region_code", "3601", "行政区划代码 \"3601\" is not a 6-digit code"},
        {K::firms, "region_code", "36010a", "行政区划代码 \"36010a\" is not a 6-digit code"},
        {K::firms, "region_code", "360199",
         "行政区划代码 \"360199\" is not a county-level code in GB/T 2260"},
        {K::firms, "industry_code", "", ""},
        {K::firms, "industry_code", "3985", ""},
        {K::firms, "industry_code", "c39", ""},
        {K::firms, "industry_code", "C39851",
         "行业代码 \"C39851\" is not a GB/T 4754 industry code (a letter A-T and 2 to 4 digits)"},
        {K::firms, "industry_code", "U39",
         "行业代码 \"U39\" is not a GB/T 4754 industry code (a letter A-T and 2 to 4 digits)"},
        {K::firms, "chain", "", ""},
        {K::firms, "chain", "电子信息", ""},
        {K::firms, "chain", "LED", ""},
        {K::firms, "chain", "other", ""},
        {K::firms, "chain", "steel",
         "产业链 \"steel\" is not one of the 2+6+N industry chains or other"},
        {K::firms, "founded", "", "成立日期 is required"},
        {K::firms, "founded", "2020-06-30", ""},
        {K::firms, "founded", "2019/01/02", ""},
        {K::firms, "founded", "2019年1月2日", ""},
        {K::firms, "founded", "2020-07-01", "成立日期 \"2020-07-01\" is in the future"},
        {K::firms, "founded", "2019-02-29", "成立日期 \"2019-02-29\" is not a calendar date"},
        {K::firms, "founded", "2019.01.01",
         "成立日期 \"2019.01.01\" is not a date (expected YYYY-MM-DD)"},
        {K::firms, "niche_since", "", ""},
        {K::firms, "niche_since", "2020", ""},
        {K::firms, "niche_since", "2010", ""},
        {K::firms, "niche_since", "2009",
         "细分领域起始年份 2009 is before the year of 成立日期 2010-05-01"},
        {K::firms, "niche_since", "1899",
         "细分领域起始年份 \"1899\" is not a year between 1900 and 2020"},
        {K::firms, "niche_since", "2021",
         "细分领域起始年份 \"2021\" is not a year between 1900 and 2020"},
        {K::firms, "niche_since", "2012.5", "细分领域起始年份 \"2012.5\" is not a whole number"},
        {K::firms, "niche_since", "二〇一二", "细分领域起始年份 \"二〇一二\" is not a number"},
        {K::firms, "hnte_field", "", ""},
        {K::firms, "hnte_field", "是", ""},
        {K::firms, "hnte_field", "否", ""},
        {K::firms, "hnte_field", "No", ""},
        {K::firms, "hnte_field", "TRUE", ""},
        {K::firms, "hnte_field", "0", ""},
        {K::firms, "hnte_field", "maybe", "高新技术领域 \"maybe\" is not yes or no (是/否)"},
        {K::firms, "listed_on", "2021-01-05", ""},
        {K::firms, "listed_on", "2010-05-01", ""},
        {K::firms, "listed_on", "2010-04-30", "上市日期 2010-04-30 is before 成立日期 2010-05-01"},
        {K::firms, "listed_on", "2019-13-01", "上市日期 \"2019-13-01\" is not a calendar date"},
        {K::firms, "listed_on", "soon", "上市日期 \"soon\" is not a date (expected YYYY-MM-DD)"},
        // figures
        {K::figures, "credit_code", "", "统一社会信用代码 is required"},
        {K::figures, "credit_code", bad_check,
         fmt::format("统一社会信用代码 \"{}\" fails its check character (expected {})", bad_check,
                     kFirmA[17])},
        {K::figures, "year", "", "年度 is required"},
        {K::figures, "year", "1990", ""},
        {K::figures, "year", "2020", ""},
        {K::figures, "year", "1989", "年度 \"1989\" is not a year between 1990 and 2020"},
        {K::figures, "year", "2021", "年度 \"2021\" is not a year between 1990 and 2020"},
        {K::figures, "year", "2019.5", "年度 \"2019.5\" is not a whole number"},
        {K::figures, "year", "FY2019", "年度 \"FY2019\" is not a number"},
        {K::figures, "revenue", "", ""},
        {K::figures, "revenue", "1,234,567.50", ""},
        {K::figures, "revenue", "12a", "营业收入 \"12a\" is not a number"},
        {K::figures, "revenue", "-5", "营业收入 \"-5\" must not be negative"},
        {K::figures, "revenue", "1,23.00",
         "营业收入 \"1,23.00\" has a misplaced thousands separator"},
        {K::figures, "valuation", "1.234", ""},       // 10 元
        {K::figures, "valuation", "0.000001", ""},    // the fen
        {K::figures, "valuation", "12.3400000", ""},  // trailing zeros are no precision
        {K::figures, "revenue", "1.2345678",
         "营业收入 \"1.2345678\" is finer than the fen (0.01 元)"},
        {K::figures, "revenue", "99999999999999999999",
         "营业收入 \"99999999999999999999\" is too large"},
        {K::figures, "valuation", "-0.01", "估值 \"-0.01\" must not be negative"},
        {K::figures, "total_profit", "-1,234.50", ""},
        {K::figures, "net_profit", "+12.3", ""},
        {K::figures, "net_profit", "-12.345", ""},
        {K::figures, "net_profit", "-0.0000001",
         "净利润 \"-0.0000001\" is finer than the fen (0.01 元)"},
        {K::figures, "employees", "1,200", ""},
        {K::figures, "ip_class1", "0", ""},
        {K::figures, "employees", "-1", "职工总数 \"-1\" must not be negative"},
        {K::figures, "employees", "12.5", "职工总数 \"12.5\" is not a whole number"},
        {K::figures, "ip_class2", "many", "II类知识产权数 \"many\" is not a number"},
        {K::figures, "innovation_score", "100", ""},
        {K::figures, "innovation_score", "0", ""},
        {K::figures, "innovation_score", "70.05", ""},
        {K::figures, "innovation_score", "100.01",
         "创新能力评价得分 \"100.01\" is not between 0 and 100"},
        {K::figures, "zjtx_score", "-0.01", "专精特新评价得分 \"-0.01\" is not between 0 and 100"},
        {K::figures, "zjtx_score", "60.125",
         "专精特新评价得分 \"60.125\" has more than two decimals"},
        {K::figures, "rank_province", "1", ""},
        {K::figures, "rank_province", "0", "省内市场排名 \"0\" must be 1 or more"},
        {K::figures, "rank_global", "-3", "全球市场排名 \"-3\" must be 1 or more"},
        {K::figures, "rank_global", "1.5", "全球市场排名 \"1.5\" is not a whole number"},
        {K::figures, "quality_cert", "否", ""},
        {K::figures, "own_brand", "Y", ""},
        {K::figures, "rd_institution", "有", "研发机构 \"有\" is not yes or no (是/否)"},
        {K::figures, "major_incident", "yes", ""},
        {K::figures, "major_incident", "2", "重大安全质量环境事故 \"2\" is not yes or no (是/否)"},
        // the figures of schema 9
        {K::figures, "cost_of_sales", "0", ""},
        {K::figures, "cost_of_sales", "-1", "营业成本 \"-1\" must not be negative"},
        {K::figures, "net_assets", "-1234.5", ""},
        {K::figures, "domestic_market_share", "100", ""},
        {K::figures, "domestic_market_share", "10.01", ""},
        {K::figures, "domestic_market_share", "100.01",
         "国内细分市场占有率 \"100.01\" is not between 0 and 100"},
        {K::figures, "ip_class1_self", "0", ""},
        {K::figures, "ip_class1_self", "1.5",
         "自主申请I类知识产权数 \"1.5\" is not a whole number"},
        {K::figures, "quality_score", "50", ""},
        {K::figures, "quality_score", "-1", "发展质量评价得分 \"-1\" is not between 0 and 100"},
        {K::figures, "common_control", "是", ""},
        {K::figures, "common_control", "maybe",
         "同一控制企业已获认定 \"maybe\" is not yes or no (是/否)"},
        // recognitions
        {K::recognitions, "credit_code", "", "统一社会信用代码 is required"},
        {K::recognitions, "credit_code", "91110000600037341",
         "统一社会信用代码 \"91110000600037341\" has 17 characters, needs 18"},
        {K::recognitions, "tier", "", "梯度 is required"},
        {K::recognitions, "tier", "高新技术企业", ""},
        {K::recognitions, "tier", "Gazelle", ""},
        {K::recognitions, "tier", "high-tech", "梯度 \"high-tech\" is not a known tier"},
        {K::recognitions, "approved_on", "", "认定日期 is required"},
        {K::recognitions, "approved_on", "2019年12月2日", ""},
        {K::recognitions, "approved_on", "12/02/2019",
         "认定日期 \"12/02/2019\" is not a date (expected YYYY-MM-DD)"},
        {K::recognitions, "valid_from", "2020-01-01", ""},
        {K::recognitions, "valid_from", "2020-02-30",
         "有效期起 \"2020-02-30\" is not a calendar date"},
        {K::recognitions, "valid_to", "2019-12-02", ""},
        {K::recognitions, "valid_to", "2022-12-01", ""},
        {K::recognitions, "valid_to", "2019-12-01",
         "有效期止 2019-12-01 is before 认定日期 2019-12-02"},
        {K::recognitions, "valid_to", "later",
         "有效期止 \"later\" is not a date (expected YYYY-MM-DD)"},
        {K::recognitions, "doc_no", "", ""},
    };
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_rule_with_a_good_and_a_bad_cell) {
    for (const auto& c : cell_cases()) {
        std::string what =
            fmt::format("{}.{} = \"{}\"", record_kind_name(c.kind), c.column, c.value);
        auto outcome = validate_changed(c.kind, {{c.column, c.value}});
        if (c.reason.empty()) {
            BOOST_TEST(outcome.errors.empty(),
                       what << " was rejected: "
                            << (outcome.errors.empty() ? "" : outcome.errors[0].to_string()));
            BOOST_TEST(outcome.records == 1u, what);
            continue;
        }
        BOOST_TEST(outcome.records == 0u, what);
        BOOST_TEST_REQUIRE(outcome.errors.size() == 1u,
                           what << " gave " << outcome.errors.size() << " errors");
        const auto& e = outcome.errors[0];
        BOOST_TEST(e.file == file_of(c.kind), what);
        BOOST_TEST(e.row == 2, what);
        BOOST_TEST(e.column == c.column, what);
        BOOST_TEST(e.reason == c.reason, what);
    }
}

BOOST_AUTO_TEST_CASE(spec_example_rd_domestic_exceeds_rd_expense) {
    auto row = good_row(RecordKind::figures);
    row["rd_expense"] = "480";
    row["rd_domestic"] = "520";
    auto table = make_table("figures.csv", export_header(RecordKind::figures),
                            {cells_in_spec_order(RecordKind::figures, row)}, 17);
    auto v = validate_figures(table, context());
    BOOST_TEST_REQUIRE(v.errors.size() == 1u);
    BOOST_TEST(v.errors[0].to_string() ==
               "figures.csv:17:rd_domestic: 境内研发费用 520.00 exceeds 研发费用 480.00");
    BOOST_TEST(v.bad_rows == std::vector<int>{17});
    BOOST_TEST(v.records.empty());
}

BOOST_AUTO_TEST_CASE(every_at_most_bound_is_checked_in_its_unit) {
    auto check = [](std::map<std::string, std::string> changes, const std::string& column,
                    const std::string& reason) {
        auto outcome = validate_changed(RecordKind::figures, changes);
        BOOST_TEST_REQUIRE(outcome.errors.size() == 1u, column);
        BOOST_TEST(outcome.errors[0].column == column);
        BOOST_TEST(outcome.errors[0].reason == reason);
    };
    check({{"main_revenue", "10,000.01"}}, "main_revenue",
          "主营业务收入 10000.01 exceeds 营业收入 10000.00");
    check({{"hightech_revenue", "10001"}}, "hightech_revenue",
          "高新技术产品收入 10001.00 exceeds 营业收入 10000.00");
    check({{"lead_product_revenue", "20000"}}, "lead_product_revenue",
          "主导产品收入 20000.00 exceeds 营业收入 10000.00");
    check({{"tech_staff", "201"}}, "tech_staff", "科技人员数 201 exceeds 职工总数 200");
    check({{"rd_staff", "1,000"}}, "rd_staff", "研发人员数 1000 exceeds 职工总数 200");
    check({{"ip_class1_self", "3"}}, "ip_class1_self",
          "自主申请I类知识产权数 3 exceeds I类知识产权数 2");

    // Equal is allowed; a bound that is absent or bad is not compared.
    BOOST_TEST(
        validate_changed(RecordKind::figures, {{"main_revenue", "10000.00"}}).errors.empty());
    BOOST_TEST(validate_changed(RecordKind::figures, {{"revenue", ""}}).errors.empty());
    auto bad_bound =
        validate_changed(RecordKind::figures, {{"employees", "x"}, {"tech_staff", "999"}});
    BOOST_TEST_REQUIRE(bad_bound.errors.size() == 1u);
    BOOST_TEST(bad_bound.errors[0].column == "employees");
}

BOOST_AUTO_TEST_CASE(every_bad_cell_of_a_row_is_reported_in_spec_column_order) {
    // Header deliberately not in spec order.
    auto table =
        make_table("figures.csv",
                   {"rank_global", "revenue", "year", "credit_code", "rd_expense", "rd_domestic"},
                   {{"0", "-1", "1989", "bad", "480", "520"}});
    auto v = validate_figures(table, context());
    BOOST_TEST_REQUIRE(v.errors.size() == 5u);
    std::vector<std::string> columns;
    for (const auto& e : v.errors) columns.push_back(e.column);
    BOOST_TEST(columns == (std::vector<std::string>{"credit_code", "year", "revenue", "rd_domestic",
                                                    "rank_global"}),
               boost::test_tools::per_element());
    BOOST_TEST(v.errors[0].reason == "统一社会信用代码 \"bad\" has 3 characters, needs 18");
    BOOST_TEST(v.bad_rows == std::vector<int>{2});
}

BOOST_AUTO_TEST_CASE(good_rows_are_kept_in_file_order_and_bad_rows_listed) {
    auto row = [](const std::string& code, const std::string& year, const std::string& revenue) {
        return std::vector<std::string>{code, year, revenue};
    };
    auto table =
        make_table("figures.csv", {"credit_code", "year", "revenue"},
                   {row(kFirmB, "2019", "1"), row(kFirmA, "2019", "x"), row(kFirmA, "2018", "2"),
                    row(kFirmA, "2017", "-3"), row(kFirmA, "2016", "y"), row(kFirmB, "2018", "")});
    auto v = validate_figures(table, context());
    BOOST_TEST(v.bad_rows == (std::vector<int>{3, 5, 6}), boost::test_tools::per_element());
    BOOST_TEST(v.record_rows == (std::vector<int>{2, 4, 7}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(v.records.size() == 3u);
    BOOST_TEST(v.records[0].credit_code == kFirmB);
    BOOST_TEST(*v.records[0].get(Measure::revenue) == 1'000'000);  // fen
    BOOST_TEST(v.records[1].year == 2018);
    BOOST_TEST(!v.records[2].get(Measure::revenue).has_value());  // empty = absent, not zero
    BOOST_TEST(!v.records[2].has_any());
    std::vector<int> error_rows;
    for (const auto& e : v.errors) error_rows.push_back(e.row);
    BOOST_TEST(error_rows == (std::vector<int>{3, 5, 6}), boost::test_tools::per_element());
    BOOST_TEST(!v.file_rejected);
}

BOOST_AUTO_TEST_CASE(values_are_stored_in_their_units) {
    auto table =
        make_table("figures.csv", export_header(RecordKind::figures),
                   {cells_in_spec_order(RecordKind::figures, good_row(RecordKind::figures))});
    auto v = validate_figures(table, context());
    BOOST_TEST_REQUIRE(v.records.size() == 1u);
    const auto& f = v.records[0];
    BOOST_TEST(f.credit_code == kFirmA);
    BOOST_TEST(f.year == 2019);
    BOOST_TEST(*f.get(Measure::revenue) == 10'000'000'000);  // fen
    BOOST_TEST(*f.get(Measure::net_profit) == -120'500'000);
    BOOST_TEST(*f.get(Measure::equity_financing) == 0);  // zero is present, unlike empty
    BOOST_TEST(*f.get(Measure::employees) == 200);
    BOOST_TEST(*f.get(Measure::innovation_score) == 7550);
    BOOST_TEST(*f.get(Measure::rank_province) == 2);
    BOOST_TEST(*f.get(Measure::quality_cert) == 1);
    BOOST_TEST(*f.get(Measure::own_brand) == 1);
    BOOST_TEST(*f.get(Measure::rd_institution) == 0);
    BOOST_TEST(!f.get(Measure::major_incident).has_value());
}

BOOST_AUTO_TEST_CASE(firm_cells_are_normalised) {
    auto row = good_row(RecordKind::firms);
    std::string lower = kFirmA;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    row["credit_code"] = lower;
    row["name"] = "  南昌某某有限公司 ";
    row["industry_code"] = "c398";
    row["chain"] = "半导体照明";
    row["founded"] = "2010年5月1日";
    row["niche_since"] = "2012";
    row["hnte_field"] = "否";
    row["listed_on"] = "2019/11/05";
    row["business_group"] = " 赣江集团 ";
    auto v = validate_firms(make_table("firms.csv", export_header(RecordKind::firms),
                                       {cells_in_spec_order(RecordKind::firms, row)}),
                            context());
    BOOST_TEST_REQUIRE(v.records.size() == 1u);
    const Firm& f = v.records[0];
    BOOST_TEST(f.credit_code == kFirmA);
    BOOST_TEST(f.name == "南昌某某有限公司");
    BOOST_TEST(f.region_code == "360102");
    BOOST_TEST(f.industry_code == "C398");
    BOOST_TEST(f.chain == "led");
    BOOST_TEST((f.founded == Date(2010, 5, 1)));
    BOOST_TEST(*f.niche_since == 2012);
    BOOST_TEST(*f.hnte_field == false);
    BOOST_TEST((*f.listed_on == Date(2019, 11, 5)));
    BOOST_TEST(f.controlling_shareholder == "赣江控股有限公司");
    BOOST_TEST(f.business_group == "赣江集团");
}

BOOST_AUTO_TEST_CASE(recognition_valid_from_defaults_to_approved_on) {
    auto v = validate_recognitions(
        make_table("recognitions.csv",
                   {"统一社会信用代码", "梯度", "认定日期", "有效期起", "有效期止", "文号"},
                   {{kFirmA, "高新技术企业", "2019-12-02", "", "", "国科火字〔2020〕1号"},
                    {kFirmA, "gazelle", "2020-03-01", "2020-01-01", "2020-12-31", ""}}),
        context());
    BOOST_TEST_REQUIRE(v.records.size() == 2u);
    BOOST_TEST(v.records[0].tier == "high_tech");
    BOOST_TEST((v.records[0].valid_from == Date(2019, 12, 2)));
    BOOST_TEST(!v.records[0].valid_to.has_value());  // derived from the tier later, not stored
    BOOST_TEST(v.records[0].doc_no == "国科火字〔2020〕1号");
    BOOST_TEST((v.records[1].valid_from == Date(2020, 1, 1)));
    BOOST_TEST((*v.records[1].valid_to == Date(2020, 12, 31)));

    auto before = validate_changed(RecordKind::recognitions,
                                   {{"valid_from", "2020-01-01"}, {"valid_to", "2019-12-31"}});
    BOOST_TEST_REQUIRE(before.errors.size() == 1u);
    BOOST_TEST(before.errors[0].to_string() ==
               "recognitions.csv:2:valid_to: 有效期止 2019-12-31 is before 有效期起 2020-01-01");
}

BOOST_AUTO_TEST_CASE(chinese_headers_read_the_same_records) {
    auto row = cells_in_spec_order(RecordKind::figures, good_row(RecordKind::figures));
    std::vector<std::string> chinese;
    for (const auto& c : columns_of(RecordKind::figures)) chinese.emplace_back(c.zh);
    auto english =
        validate_figures(make_table("f.csv", export_header(RecordKind::figures), {row}), context());
    auto zh = validate_figures(make_table("f.csv", chinese, {row}), context());
    BOOST_TEST(zh.errors.empty());
    BOOST_TEST(zh.warnings.empty());
    BOOST_TEST_REQUIRE(zh.records.size() == 1u);
    BOOST_TEST((zh.records == english.records));
}

BOOST_AUTO_TEST_CASE(header_cells_match_ids_case_insensitively_and_aliases) {
    using K = RecordKind;
    BOOST_TEST(*match_column(K::figures, " Revenue ") == 2u);
    BOOST_TEST(*match_column(K::figures, "CREDIT_CODE") == 0u);
    BOOST_TEST(*match_column(K::figures, "营业收入") == 2u);
    BOOST_TEST(*match_column(K::figures, "营业收入（万元）") == 2u);
    BOOST_TEST(*match_column(K::figures, "revenue (万元)") == 2u);
    BOOST_TEST(*match_column(K::firms,
                             "\xEF\xBB\xBF"
                             "credit_code") == 0u);  // stray BOM
    BOOST_TEST(*match_column(K::recognitions, "文号") == 5u);
    BOOST_TEST(!match_column(K::firms, "revenue"));
    BOOST_TEST(!match_column(K::figures, "备注"));
    BOOST_TEST(!match_column(K::figures, ""));
    BOOST_TEST(!match_column(K::figures, "(万元)"));
}

BOOST_AUTO_TEST_CASE(unknown_and_unnamed_columns_are_warned_about_and_ignored) {
    auto v =
        validate_firms(make_table("firms.csv", {"备注", "credit_code", "name", "founded", "", ""},
                                  {{"见附件", kFirmA, "甲公司", "2010-01-01", "stray", ""},
                                   {"", kFirmB, "乙公司", "2011-01-01", "", ""}}),
                       context());
    BOOST_TEST(v.errors.empty());
    BOOST_TEST(v.records.size() == 2u);
    BOOST_TEST_REQUIRE(v.warnings.size() == 2u);
    BOOST_TEST(v.warnings[0] == "column 备注 is not used and was ignored");
    BOOST_TEST(v.warnings[1] == "column E has no name and was ignored");  // F is empty throughout
}

BOOST_AUTO_TEST_CASE(a_value_beyond_the_header_is_an_error) {
    // Typically a value with an unquoted comma that shifted the row.
    auto v = validate_recognitions(
        make_table("r.csv", {"credit_code", "tier", "approved_on", "doc_no"},
                   {{kFirmA, "high_tech", "2019-12-02", "赣工信企业字〔2021〕6号", "附件"},
                    {kFirmB, "high_tech", "2019-12-02", "", "", " "}}),
        context());
    BOOST_TEST_REQUIRE(v.errors.size() == 1u);
    BOOST_TEST(v.errors[0].to_string() == "r.csv:2: column E has a value \"附件\" but no header");
    BOOST_TEST(v.record_rows == std::vector<int>{3});
}

BOOST_AUTO_TEST_CASE(short_rows_read_missing_cells_as_empty) {
    auto v = validate_firms(make_table("firms.csv", export_header(RecordKind::firms),
                                       {{kFirmA, "甲公司", "", "", "", "2010-01-01"}}),
                            context());
    BOOST_TEST(v.errors.empty());
    BOOST_TEST_REQUIRE(v.records.size() == 1u);
    BOOST_TEST(!v.records[0].listed_on.has_value());
    auto missing = validate_firms(
        make_table("firms.csv", export_header(RecordKind::firms), {{kFirmA, "甲公司"}}), context());
    BOOST_TEST_REQUIRE(missing.errors.size() == 1u);
    BOOST_TEST(missing.errors[0].reason == "成立日期 is required");
}

BOOST_AUTO_TEST_CASE(missing_required_columns_reject_the_file) {
    auto v = validate_figures(
        make_table("figures.csv", {"revenue", "统一社会信用代码"}, {{"1", kFirmA}}), context());
    BOOST_TEST(v.file_rejected);
    BOOST_TEST(v.records.empty());
    BOOST_TEST_REQUIRE(v.errors.size() == 1u);
    BOOST_TEST(v.errors[0].file == "figures.csv");
    BOOST_TEST(v.errors[0].row == 1);
    BOOST_TEST(v.errors[0].column == "year");
    BOOST_TEST(v.errors[0].reason == "required column year (年度) is missing");

    auto firms = validate_firms(make_table("firms.csv", {"name"}, {}), context());
    BOOST_TEST(firms.file_rejected);
    std::vector<std::string> columns;
    for (const auto& e : firms.errors) columns.push_back(e.column);
    BOOST_TEST(columns == (std::vector<std::string>{"credit_code", "founded"}),
               boost::test_tools::per_element());

    auto recognitions =
        validate_recognitions(make_table("r.csv", {"credit_code", "tier"}, {}), context());
    BOOST_TEST_REQUIRE(recognitions.errors.size() == 1u);
    BOOST_TEST(recognitions.errors[0].to_string() ==
               "r.csv:1:approved_on: required column approved_on (认定日期) is missing");
}

BOOST_AUTO_TEST_CASE(a_column_given_twice_rejects_the_file) {
    auto v = validate_firms(
        make_table("firms.csv", {"credit_code", "name", "统一社会信用代码", "founded"},
                   {{kFirmA, "甲公司", kFirmA, "2010-01-01"}}),
        context());
    BOOST_TEST(v.file_rejected);
    BOOST_TEST(v.records.empty());
    BOOST_TEST_REQUIRE(v.errors.size() == 1u);
    BOOST_TEST(v.errors[0].to_string() ==
               "firms.csv:1:credit_code: column credit_code is given twice (columns A and C)");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_name_every_other_row) {
    auto table = make_table("figures.csv", {"credit_code", "year", "revenue"},
                            {{kFirmA, "2019", "1"},
                             {kFirmA, "2018", "1"},
                             {kFirmA, "2019", "2"},
                             {kFirmB, "2019", "1"},
                             {kFirmA, "2019", "x"}});
    auto v = validate_figures(table, context());
    BOOST_TEST(v.bad_rows == (std::vector<int>{2, 4, 6}), boost::test_tools::per_element());
    BOOST_TEST(v.record_rows == (std::vector<int>{3, 5}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(v.errors.size() == 4u);
    BOOST_TEST(
        v.errors[0].to_string() ==
        fmt::format("figures.csv:2:credit_code: duplicate key {} 2019, also on rows 4, 6", kFirmA));
    BOOST_TEST(
        v.errors[1].to_string() ==
        fmt::format("figures.csv:4:credit_code: duplicate key {} 2019, also on rows 2, 6", kFirmA));
    // A row with a bad cell still claims its key.
    BOOST_TEST(v.errors[2].reason ==
               fmt::format("duplicate key {} 2019, also on rows 2, 4", kFirmA));
    BOOST_TEST(v.errors[3].column == "revenue");
}

BOOST_AUTO_TEST_CASE(duplicate_firms_after_upper_casing) {
    std::string lower = kFirmA;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto v = validate_firms(
        make_table("firms.csv", {"credit_code", "name", "founded"},
                   {{kFirmA, "甲公司", "2010-01-01"}, {lower, "甲公司", "2010-01-01"}}),
        context());
    BOOST_TEST(v.records.empty());
    BOOST_TEST_REQUIRE(v.errors.size() == 2u);
    BOOST_TEST(v.errors[0].reason == fmt::format("duplicate key {}, also on row 3", kFirmA));
    BOOST_TEST(v.errors[1].reason == fmt::format("duplicate key {}, also on row 2", kFirmA));
}

BOOST_AUTO_TEST_CASE(duplicate_recognitions_compare_valid_from_after_defaulting) {
    auto v = validate_recognitions(
        make_table("r.csv", {"credit_code", "tier", "approved_on", "valid_from"},
                   {{kFirmA, "high_tech", "2019-12-02", ""},
                    {kFirmA, "高新技术企业", "2019-11-30", "2019-12-02"},
                    {kFirmA, "gazelle", "2019-12-02", ""},
                    {kFirmA, "high_tech", "2020-06-02", ""}}),
        context());
    BOOST_TEST(v.bad_rows == (std::vector<int>{2, 3}), boost::test_tools::per_element());
    BOOST_TEST(v.record_rows == (std::vector<int>{4, 5}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(v.errors.size() == 2u);
    BOOST_TEST(v.errors[0].reason ==
               fmt::format("duplicate key {} high_tech 2019-12-02, also on row 3", kFirmA));
}

BOOST_AUTO_TEST_CASE(credit_codes_must_be_in_the_registry_when_asked) {
    auto ctx = context();
    ctx.firm_exists = [](const std::string& code) { return code == kFirmA; };
    auto figures = validate_figures(
        make_table("figures.csv", {"credit_code", "year"}, {{kFirmA, "2019"}, {kFirmB, "2019"}}),
        ctx);
    BOOST_TEST(figures.record_rows == std::vector<int>{2});
    BOOST_TEST_REQUIRE(figures.errors.size() == 1u);
    BOOST_TEST(
        figures.errors[0].to_string() ==
        fmt::format("figures.csv:3:credit_code: 统一社会信用代码 \"{}\" is not in the registry",
                    kFirmB));

    auto recognitions =
        validate_recognitions(make_table("r.csv", {"credit_code", "tier", "approved_on"},
                                         {{kFirmB, "gazelle", "2020-01-01"}}),
                              ctx);
    BOOST_TEST_REQUIRE(recognitions.errors.size() == 1u);
    BOOST_TEST(recognitions.errors[0].column == "credit_code");

    // Firms are the registry itself: not checked there.
    auto firms = validate_firms(make_table("firms.csv", {"credit_code", "name", "founded"},
                                           {{kFirmB, "乙公司", "2010-01-01"}}),
                                ctx);
    BOOST_TEST(firms.errors.empty());
}

BOOST_AUTO_TEST_CASE(record_kinds_and_export_headers) {
    BOOST_TEST((*parse_record_kind("firms") == RecordKind::firms));
    BOOST_TEST((*parse_record_kind("figures") == RecordKind::figures));
    BOOST_TEST((*parse_record_kind("recognitions") == RecordKind::recognitions));
    BOOST_TEST(!parse_record_kind("firm"));
    BOOST_TEST(record_kind_name(RecordKind::recognitions) == "recognitions");
    BOOST_TEST(
        export_header(RecordKind::firms) ==
            (std::vector<std::string>{"credit_code", "name", "region_code", "industry_code",
                                      "chain", "founded", "niche_since", "hnte_field", "listed_on",
                                      "controlling_shareholder", "business_group"}),
        boost::test_tools::per_element());
    BOOST_TEST(export_header(RecordKind::recognitions) ==
                   (std::vector<std::string>{"credit_code", "tier", "approved_on", "valid_from",
                                             "valid_to", "doc_no"}),
               boost::test_tools::per_element());
    auto figures = export_header(RecordKind::figures);
    BOOST_TEST_REQUIRE(figures.size() == 2 + kMeasureCount);
    BOOST_TEST(figures[2] == "revenue");
    BOOST_TEST(figures.back() == "common_control");  // measures of schema 9 follow the first 25
    for (RecordKind kind : {RecordKind::firms, RecordKind::figures, RecordKind::recognitions}) {
        std::set<std::string_view> ids, aliases;
        for (const auto& c : columns_of(kind)) {
            ids.insert(c.id);
            aliases.insert(c.zh);
        }
        BOOST_TEST(ids.size() == columns_of(kind).size());
        BOOST_TEST(aliases.size() == columns_of(kind).size());
    }
}

BOOST_AUTO_TEST_CASE(yes_no_words) {
    for (const char* yes : {"yes", "YES", "y", "Y", "true", "True", "1", "是", " 是 "})
        BOOST_TEST(*parse_yes_no(yes), yes);
    for (const char* no : {"no", "No", "n", "N", "false", "FALSE", "0", "否"})
        BOOST_TEST(!*parse_yes_no(no), no);
    for (const char* neither : {"", "maybe", "2", "有", "yes!"})
        BOOST_TEST(!parse_yes_no(neither), neither);
}

BOOST_AUTO_TEST_CASE(export_cells_use_the_import_format) {
    Firm firm{kFirmA, "甲公司",         "360102",           "C3985",   "vr", Date(2010, 5, 1), 2012,
              true,   Date(2021, 1, 5), "赣江控股有限公司", "赣江集团"};
    BOOST_TEST(to_cells(firm) == (std::vector<std::string>{
                                     kFirmA, "甲公司", "360102", "C3985", "vr", "2010-05-01",
                                     "2012", "yes", "2021-01-05", "赣江控股有限公司", "赣江集团"}),
               boost::test_tools::per_element());
    Firm bare{kFirmB, "乙公司", "", "", "", Date(2011, 1, 1), {}, false, {}, {}, {}};
    BOOST_TEST(to_cells(bare) == (std::vector<std::string>{kFirmB, "乙公司", "", "", "",
                                                           "2011-01-01", "", "no", "", "", ""}),
               boost::test_tools::per_element());

    YearFigures figures;
    figures.credit_code = kFirmA;
    figures.year = 2019;
    figures.set(Measure::revenue, 1'234'500'000);
    figures.set(Measure::hightech_revenue, 1'234'567'891);
    figures.set(Measure::net_profit, -50'000);
    figures.set(Measure::employees, 1200);
    figures.set(Measure::innovation_score, 7000);
    figures.set(Measure::rank_global, 3);
    figures.set(Measure::own_brand, 0);
    figures.set(Measure::major_incident, 1);
    auto cells = to_cells(figures);
    BOOST_TEST_REQUIRE(cells.size() == 2 + kMeasureCount);
    auto cell = [&](Measure m) { return cells[2 + index_of(m)]; };
    BOOST_TEST(cells[0] == kFirmA);
    BOOST_TEST(cells[1] == "2019");
    BOOST_TEST(cell(Measure::revenue) == "1234.50");
    BOOST_TEST(cell(Measure::main_revenue) == "");
    BOOST_TEST(cell(Measure::hightech_revenue) == "1234.567891");
    BOOST_TEST(cell(Measure::net_profit) == "-0.05");
    BOOST_TEST(cell(Measure::employees) == "1200");
    BOOST_TEST(cell(Measure::innovation_score) == "70.00");
    BOOST_TEST(cell(Measure::rank_global) == "3");
    BOOST_TEST(cell(Measure::own_brand) == "no");
    BOOST_TEST(cell(Measure::major_incident) == "yes");

    Recognition open{kFirmA, "listing", Date(2020, 3, 1), Date(2020, 3, 1), {}, ""};
    BOOST_TEST(to_cells(open) == (std::vector<std::string>{kFirmA, "listing", "2020-03-01",
                                                           "2020-03-01", "", ""}),
               boost::test_tools::per_element());
    Recognition closed{kFirmA,           "gazelle",          Date(2020, 3, 1),
                       Date(2020, 1, 1), Date(2020, 12, 31), "赣工信〔2020〕1号"};
    BOOST_TEST(
        to_cells(closed) == (std::vector<std::string>{kFirmA, "gazelle", "2020-03-01", "2020-01-01",
                                                      "2020-12-31", "赣工信〔2020〕1号"}),
        boost::test_tools::per_element());
}

// ---- round trips: to_cells → Table → validate → the same records, and the same cells again ----

namespace {
template <class Record, class Validate>
void check_round_trip(RecordKind kind, const std::vector<Record>& records, Validate validate_fn) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : records) rows.push_back(to_cells(r));
    auto v = validate_fn(make_table(file_of(kind), export_header(kind), rows), context());
    std::string first_error = v.errors.empty() ? "" : v.errors.front().to_string();
    BOOST_TEST_REQUIRE(v.errors.empty(), v.errors.size() << " errors, first: " << first_error);
    BOOST_TEST_REQUIRE(v.records.size() == records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        BOOST_TEST((v.records[i] == records[i]), "record " << i);
        BOOST_TEST(to_cells(v.records[i]) == rows[i], boost::test_tools::per_element());
    }
}

// Deterministic pseudo-random numbers (a fixed LCG): the same cases every run.
struct Sequence {
    uint64_t state = 20200630;
    uint64_t next(uint64_t bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % bound;
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(firms_round_trip) {
    std::vector<Firm> firms;
    const char* regions[] = {"", "360102", "361102"};
    const char* industries[] = {"", "C3985", "39", "B0610"};
    std::optional<bool> hnte[] = {std::nullopt, true, false};
    int n = 0;
    for (const char* region : regions)
        for (const char* industry : industries)
            for (std::size_t chain = 0; chain <= kChains.size(); chain += 5)
                for (const auto& field : hnte)
                    for (int optional_dates = 0; optional_dates < 4; ++optional_dates) {
                        Firm f;
                        f.credit_code = numbered_code(++n);
                        f.name = fmt::format("测试企业{}号 \"有限\", 公司", n);
                        f.region_code = region;
                        f.industry_code = industry;
                        f.chain = chain < kChains.size() ? std::string(kChains[chain].id) : "";
                        f.founded = Date(2000, 1, 1).add_days(n * 5);
                        if (optional_dates & 1) f.niche_since = f.founded.year() + n % 3;
                        f.hnte_field = field;
                        if (optional_dates & 2) f.listed_on = Date(2019, 2, 28).add_days(n);
                        firms.push_back(f);
                    }
    check_round_trip(RecordKind::firms, firms, validate_firms);
}

BOOST_AUTO_TEST_CASE(figures_round_trip) {
    Sequence seq;
    std::vector<YearFigures> all;
    for (int n = 0; n < 200; ++n) {
        YearFigures f;
        f.credit_code = numbered_code(n / 7 + 1);
        f.year = 1990 + n % 7 * 5;  // up to 2020, distinct per firm
        for (const auto& m : kMeasures) {
            if (seq.next(4) == 0) continue;  // a quarter absent
            int64_t v = 0;
            switch (m.kind) {
                case MeasureKind::money:
                    v = static_cast<int64_t>(seq.next(1'000'000'000));
                    break;
                case MeasureKind::signed_money:
                    v = static_cast<int64_t>(seq.next(2'000'000)) - 1'000'000;
                    break;
                case MeasureKind::count:
                    v = static_cast<int64_t>(seq.next(5000));
                    break;
                case MeasureKind::score:
                    v = static_cast<int64_t>(seq.next(10001));
                    break;
                case MeasureKind::rank:
                    v = 1 + static_cast<int64_t>(seq.next(100));
                    break;
                case MeasureKind::flag:
                    v = static_cast<int64_t>(seq.next(2));
                    break;
            }
            // Keep bounded measures within their bound when both are present.
            if (m.at_most) {
                if (auto bound = f.get(*m.at_most)) v = *bound == 0 ? 0 : v % (*bound + 1);
            }
            f.set(m.measure, v);
        }
        all.push_back(f);
    }
    // Edge values: zero, exactly the bound, the extremes of a score and a rank, nothing at all.
    YearFigures edge;
    edge.credit_code = numbered_code(999);
    edge.year = 2020;
    edge.set(Measure::revenue, 0);
    edge.set(Measure::main_revenue, 0);
    edge.set(Measure::innovation_score, 10000);
    edge.set(Measure::zjtx_score, 0);
    edge.set(Measure::rank_global, 1);
    edge.set(Measure::total_profit, -1);
    all.push_back(edge);
    YearFigures empty;
    empty.credit_code = numbered_code(999);
    empty.year = 1990;
    all.push_back(empty);
    check_round_trip(RecordKind::figures, all, validate_figures);
}

BOOST_AUTO_TEST_CASE(recognitions_round_trip) {
    std::vector<Recognition> all;
    int n = 0;
    for (const auto& tier : TierCatalog::builtin().tiers())
        for (int variant = 0; variant < 4; ++variant) {
            Recognition r;
            r.credit_code = numbered_code(++n % 5 + 1);
            r.tier = tier.id;
            r.approved_on = Date(2016, 2, 29).add_days(n * 31);
            r.valid_from = variant & 1 ? r.approved_on.add_days(-10) : r.approved_on;
            if (variant & 2) r.valid_to = r.valid_from.add_years(3).add_days(-1);
            r.doc_no = variant == 3 ? fmt::format("赣工信企业字〔{}〕{}号", 2016 + n % 5, n) : "";
            all.push_back(r);
        }
    check_round_trip(RecordKind::recognitions, all, validate_recognitions);
}

// One edited record (the command line, the registry service and the firm window) is checked
// exactly as one import row, with row 0 and the label in place of a file name.
BOOST_AUTO_TEST_CASE(one_edited_record_is_checked_as_an_import_row) {
    auto row = good_row(RecordKind::firms);
    row["name"] = "  南昌某某有限公司 ";
    auto good = validate_firm_cells(cells_in_spec_order(RecordKind::firms, row), context(), kFirmA);
    BOOST_TEST_REQUIRE(good.errors.empty());
    BOOST_TEST(good.records.at(0).name == "南昌某某有限公司");

    row["founded"] = "2010-13-01";
    row["region_code"] = "999999";
    auto cells = cells_in_spec_order(RecordKind::firms, row);
    auto bad = validate_firm_cells(cells, context(), kFirmA);
    auto as_file =
        validate_firms(make_table("x.csv", export_header(RecordKind::firms), {cells}), context());
    BOOST_TEST(bad.records.empty());
    BOOST_TEST_REQUIRE(bad.errors.size() == as_file.errors.size());
    BOOST_TEST(bad.errors.size() >= 2u);
    for (std::size_t i = 0; i < bad.errors.size(); ++i) {
        BOOST_TEST(bad.errors[i].row == 0);
        BOOST_TEST(bad.errors[i].file == kFirmA);
        BOOST_TEST(bad.errors[i].column == as_file.errors[i].column);
        BOOST_TEST(bad.errors[i].reason == as_file.errors[i].reason);
    }

    auto year = good_row(RecordKind::figures);
    year["rd_expense"] = "480";
    year["rd_domestic"] = "520";
    auto figures =
        validate_figures_cells(cells_in_spec_order(RecordKind::figures, year), context(), kFirmA);
    BOOST_TEST_REQUIRE(figures.errors.size() == 1u);
    BOOST_TEST(figures.errors[0].column == "rd_domestic");
    BOOST_TEST(figures.errors[0].row == 0);
}
