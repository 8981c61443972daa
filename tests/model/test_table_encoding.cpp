#include <boost/test/unit_test.hpp>
#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "model/errors.hpp"
#include "model/import_schema.hpp"
#include "model/table.hpp"
#include "model/uscc.hpp"

using namespace ladder;
namespace fs = std::filesystem;

namespace {

using Cells = std::vector<std::string>;

// The test builds its GBK input from UTF-8 text, the way Excel or WPS would save it.
std::string to_gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    BOOST_TEST_REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    BOOST_TEST_REQUIRE(r != static_cast<std::size_t>(-1));
    out.resize(out.size() - out_left);
    return out;
}

const std::string kChineseCsv =
    "统一社会信用代码,企业名称,行政区划代码\r\n"
    "91360100MA35XXXX1X,江西赣锋锂业股份有限公司,360100\r\n"
    "91360100MA35YYYY2Y,\"南昌\n欧菲光科技\",360104\r\n";

CellError error_of(std::string_view bytes, Encoding encoding) {
    try {
        read_csv_table(bytes, "firms.csv", encoding);
    } catch (const InputError& e) {
        BOOST_TEST_REQUIRE(e.errors().size() == 1u);
        return e.errors().front();
    }
    BOOST_FAIL("the text was accepted");
    return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(utf8_without_bom) {
    Table t = read_csv_table(kChineseCsv, "firms.csv");
    BOOST_TEST(t.encoding == "UTF-8");
    BOOST_TEST(t.header == (Cells{"统一社会信用代码", "企业名称", "行政区划代码"}));
    BOOST_TEST_REQUIRE(t.rows.size() == 2u);
    BOOST_TEST(t.rows[1].cells[1] == "南昌\n欧菲光科技");
}

BOOST_AUTO_TEST_CASE(bom_is_stripped_and_reported) {
    Table t = read_csv_table("\xEF\xBB\xBF" + kChineseCsv, "firms.csv");
    BOOST_TEST(t.encoding == "UTF-8 (BOM)");
    BOOST_TEST(t.header.front() == "统一社会信用代码");
    Table forced = read_csv_table(
        "\xEF\xBB\xBF"
        "credit_code,name\n",
        "f.csv", Encoding::utf8);
    BOOST_TEST(forced.header.front() == "credit_code");
    BOOST_TEST(forced.encoding == "UTF-8 (BOM)");
}

BOOST_AUTO_TEST_CASE(gbk_is_detected_and_reads_like_utf8) {
    std::string gbk = to_gbk(kChineseCsv);
    BOOST_TEST(gbk != kChineseCsv);
    Table utf8 = read_csv_table(kChineseCsv, "firms.csv");
    Table detected = read_csv_table(gbk, "firms.csv");
    BOOST_TEST(detected.encoding == "GB18030");
    BOOST_TEST(detected.header == utf8.header);
    BOOST_TEST_REQUIRE(detected.rows.size() == utf8.rows.size());
    for (std::size_t i = 0; i < utf8.rows.size(); ++i) {
        BOOST_TEST(detected.rows[i].cells.to_strings() == utf8.rows[i].cells.to_strings());
        BOOST_TEST(detected.rows[i].row_number == utf8.rows[i].row_number);
    }
    Table forced = read_csv_table(gbk, "firms.csv", Encoding::gbk);
    BOOST_TEST(forced.encoding == "GB18030");
    BOOST_TEST(forced.header == utf8.header);
}

BOOST_AUTO_TEST_CASE(forced_utf8_on_gbk_names_the_line) {
    std::string gbk = to_gbk(kChineseCsv);
    CellError error = error_of(gbk, Encoding::utf8);
    BOOST_TEST(error.file == "firms.csv");
    BOOST_TEST(error.row == 1);  // the Chinese header is the first bad byte
    BOOST_TEST(error.column.empty());
    BOOST_TEST(error.reason.find("UTF-8") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mixed_file_fails_on_the_line_with_the_bad_byte) {
    // Lines 1-2 are UTF-8 (ASCII), line 3 carries one GBK-encoded name.
    std::string mixed = "credit_code,name\nX1,Acme\nX2," + to_gbk("南昌") + "\nX3,Zed\n";
    CellError error = error_of(mixed, Encoding::utf8);
    BOOST_TEST(error.row == 3);
    BOOST_TEST(error.reason.find("UTF-8") != std::string::npos);
    // Automatic detection reads the whole file as GB18030 (ASCII is the same in both).
    Table t = read_csv_table(mixed, "firms.csv");
    BOOST_TEST(t.encoding == "GB18030");
    BOOST_TEST(t.rows.at(1).cells.at(1) == "南昌");
}

BOOST_AUTO_TEST_CASE(text_that_is_neither_encoding_is_rejected_with_its_line) {
    // 0xFF never occurs in UTF-8 nor in GB18030.
    std::string bad = "a,b\n1,2\n3,\xFF\n";
    CellError automatic = error_of(bad, Encoding::detect);
    BOOST_TEST(automatic.row == 3);
    CellError gbk = error_of(bad, Encoding::gbk);
    BOOST_TEST(gbk.row == 3);
    BOOST_TEST(gbk.reason.find("GB") != std::string::npos);
    // A lead byte cut off by the end of the file.
    CellError truncated = error_of("a\nb\n\x81", Encoding::gbk);
    BOOST_TEST(truncated.row == 3);
    // After a UTF-8 BOM, invalid UTF-8 is an error rather than a guess at GBK.
    CellError bom = error_of(
        "\xEF\xBB\xBF"
        "a\n" +
            to_gbk("企业") + "\n",
        Encoding::detect);
    BOOST_TEST(bom.row == 2);
}

BOOST_AUTO_TEST_CASE(overlong_and_surrogate_utf8_are_invalid) {
    BOOST_TEST(error_of("a\n\xC0\xAF\n", Encoding::utf8).row == 2);
    BOOST_TEST(error_of("a\nb\n\xED\xA0\x80\n", Encoding::utf8).row == 3);
    BOOST_TEST(error_of("\xF4\x90\x80\x80", Encoding::utf8).row == 1);
    BOOST_TEST(read_csv_table("\xF0\x9F\x98\x80\n", "x.csv", Encoding::utf8).header.front() ==
               "\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(read_table_detects_gbk_files) {
    fs::path file =
        fs::temp_directory_path() / ("ladder-test-encoding-" + std::to_string(::getpid()) + ".csv");
    std::ofstream(file, std::ios::binary) << to_gbk(kChineseCsv);
    Table t = read_table(file);
    fs::remove(file);
    BOOST_TEST(t.encoding == "GB18030");
    BOOST_TEST(t.rows.at(0).cells.at(1) == "江西赣锋锂业股份有限公司");
}

BOOST_AUTO_TEST_CASE(utf16_is_named) {
    CellError error = error_of(std::string("\xFF\xFE"
                                           "a\0,\0b\0",
                                           8),
                               Encoding::detect);
    BOOST_TEST(error.row == 0);
    BOOST_TEST(error.reason.find("UTF-16") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gbk_file_with_title_total_and_signature_rows) {
    // As a bureau's office saves it from Excel: GBK, CRLF, a title and an issuing unit above the
    // header, a total and a signature under the data; one bad date and one YYYYMMDD date.
    auto code = [](const std::string& stem) { return stem + *uscc_check_character(stem); };
    const std::string a = code("91360100MA35AAAA0"), b = code("91360700MA35BBBB0");
    std::string utf8 =
        "2020年南昌市专精特新企业名单,,,\r\n"
        "填报单位（盖章）：南昌市工业和信息化局,,,\r\n"
        "统一社会信用代码,企业名称,行政区划代码,成立日期\r\n" +
        a + ",江西甲科技有限公司,360102,20100501\r\n" + b +
        ",江西乙材料有限公司,360702,2015-02-30\r\n"
        "合计,2家,,\r\n"
        ",,,\r\n"
        "填表人：张三,,审核人：李四,\r\n";
    fs::path dir = fs::temp_directory_path() / ("ladder-test-titles-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path file = dir / "firms.csv";
    std::ofstream(file, std::ios::binary) << to_gbk(utf8);
    ReadOptions options;
    options.header_key = [](const std::vector<std::string>& cells) {
        return header_key_column(RecordKind::firms, cells);
    };
    Table t = read_table(file, options);
    fs::remove_all(dir);
    BOOST_TEST(t.encoding == "GB18030");
    BOOST_TEST(t.header_row == 3);
    BOOST_TEST(t.header == (Cells{"统一社会信用代码", "企业名称", "行政区划代码", "成立日期"}));
    BOOST_TEST_REQUIRE(t.rows.size() == 2u);
    BOOST_TEST(t.rows[0].row_number == 4);
    BOOST_TEST(t.rows[1].row_number == 5);
    std::vector<std::string> notes = {
        "rows 1–2 are above the header and were skipped (\"2020年南昌市专精特新企业名单\", "
        "\"填报单位（盖章）：南昌市工业和信息化局\")",
        "row 6 is a total or signature row and was skipped (\"合计\")",
        "row 8 is a total or signature row and was skipped (\"填表人：张三\")"};
    BOOST_TEST(t.notes == notes, boost::test_tools::per_element());

    // Messages name the rows as the file shows them.
    ValidationContext ctx;
    ctx.today = Date(2021, 6, 1);
    Validated<Firm> checked = validate_firms(t, ctx);
    BOOST_TEST_REQUIRE(checked.errors.size() == 1u);
    BOOST_TEST(checked.errors[0].to_string() ==
               "firms.csv:5:founded: 成立日期 \"2015-02-30\" is not a calendar date");
    BOOST_TEST(checked.bad_rows == (std::vector<int>{5}));
    BOOST_TEST_REQUIRE(checked.records.size() == 1u);
    BOOST_TEST(checked.record_rows == (std::vector<int>{4}));
    BOOST_TEST(checked.records[0].founded.to_string() == "2010-05-01");
}
