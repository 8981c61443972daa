#include <boost/test/unit_test.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/import_schema.hpp"
#include "model/table.hpp"
#include "model/uscc.hpp"

using namespace ladder;
namespace fs = std::filesystem;

namespace {

std::vector<CsvRecord> parse_ok(std::string_view text) {
    CsvSyntaxError error;
    std::vector<CsvRecord> records = parse_csv(text, &error);
    BOOST_TEST_REQUIRE(error.reason.empty(), "unexpected syntax error: " << error.reason);
    return records;
}

using Cells = std::vector<std::string>;

// The single CellError an InputError carries.
CellError only_error(const InputError& e) {
    BOOST_TEST_REQUIRE(e.errors().size() == 1u);
    return e.errors().front();
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("ladder-test-csv-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_fields_and_lines) {
    auto records = parse_ok("a,b,c\n1,2,3\n");
    BOOST_TEST_REQUIRE(records.size() == 2u);
    BOOST_TEST(records[0].fields == (Cells{"a", "b", "c"}));
    BOOST_TEST(records[1].fields == (Cells{"1", "2", "3"}));
    BOOST_TEST(records[0].line == 1);
    BOOST_TEST(records[1].line == 2);
}

BOOST_AUTO_TEST_CASE(quotes_doubled_quotes_and_embedded_commas) {
    auto records = parse_ok("\"x, y\",\"say \"\"hi\"\"\",\"\",plain\n");
    BOOST_TEST_REQUIRE(records.size() == 1u);
    BOOST_TEST(records[0].fields == (Cells{"x, y", "say \"hi\"", "", "plain"}));
}

BOOST_AUTO_TEST_CASE(embedded_newlines_shift_the_following_line_numbers) {
    auto records = parse_ok("h1,h2\n\"two\nlines\",a\n\"three\r\nline\nfield\",b\nlast,c\n");
    BOOST_TEST_REQUIRE(records.size() == 4u);
    BOOST_TEST(records[1].fields == (Cells{"two\nlines", "a"}));
    BOOST_TEST(records[1].line == 2);
    BOOST_TEST(records[2].fields == (Cells{"three\r\nline\nfield", "b"}));
    BOOST_TEST(records[2].line == 4);
    BOOST_TEST(records[3].line == 7);
}

BOOST_AUTO_TEST_CASE(crlf_and_missing_final_newline) {
    auto crlf = parse_ok("a,b\r\n1,2\r\n3,4");
    BOOST_TEST_REQUIRE(crlf.size() == 3u);
    BOOST_TEST(crlf[1].fields == (Cells{"1", "2"}));
    BOOST_TEST(crlf[2].fields == (Cells{"3", "4"}));
    BOOST_TEST(crlf[2].line == 3);
    auto quoted_last = parse_ok("a\n\"end\"");
    BOOST_TEST(quoted_last.back().fields == (Cells{"end"}));
    auto trailing_comma = parse_ok("a,");
    BOOST_TEST(trailing_comma.back().fields == (Cells{"a", ""}));
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_the_line) {
    CsvSyntaxError error;
    auto records = parse_csv("a,b\n1,2\n3,\"open\nstill open\n", &error);
    BOOST_TEST(error.line == 3);
    BOOST_TEST(!error.reason.empty());
    BOOST_TEST(records.size() == 2u);  // the records before the error

    parse_csv("a\n\"closed\"junk\n", &error);
    BOOST_TEST(error.line == 2);
    BOOST_TEST(!error.reason.empty());
}

BOOST_AUTO_TEST_CASE(writer_quotes_only_when_needed) {
    std::ostringstream out;
    write_csv_record(out, {"plain", "a,b", "say \"hi\"", "two\nlines", ""});
    BOOST_TEST(out.str() == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
}

BOOST_AUTO_TEST_CASE(table_has_header_and_spreadsheet_row_numbers) {
    Table t =
        read_csv_table(" credit_code , name\n\nX1,\"Acme\nLtd\"\n , \nX2, spaced \n", "firms.csv");
    BOOST_TEST(t.file_name == "firms.csv");
    BOOST_TEST(t.encoding == "UTF-8");
    BOOST_TEST(t.header == (Cells{"credit_code", "name"}));
    BOOST_TEST_REQUIRE(t.rows.size() == 2u);
    BOOST_TEST(t.rows[0].row_number == 3);
    BOOST_TEST(t.rows[0].cells.to_strings() == (Cells{"X1", "Acme\nLtd"}));
    // Line 5 is blank (left out), line 6 keeps its number and its surrounding blanks.
    BOOST_TEST(t.rows[1].row_number == 6);
    BOOST_TEST(t.rows[1].cells.to_strings() == (Cells{"X2", " spaced "}));
}

BOOST_AUTO_TEST_CASE(table_trailing_empty_cells_are_dropped) {
    Table t = read_csv_table("a,b,,\r\n1,,,\r\n", "t.csv");
    BOOST_TEST(t.header == (Cells{"a", "b"}));
    BOOST_TEST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].cells.to_strings() == (Cells{"1"}));
    BOOST_TEST(t.rows[0].row_number == 2);
}

// scan_csv reuses one record's storage; a wide row after a narrow one (and the reverse) must
// not leak fields from one record into the next.
BOOST_AUTO_TEST_CASE(scan_sees_each_record_as_parse_returns_it) {
    const std::string text = "a,b,c\n1\n\"x,y\",\"\"\"q\"\"\",\n,,\nlong,row,of,five,cells\nz";
    std::vector<CsvRecord> scanned;
    CsvSyntaxError error;
    BOOST_TEST(scan_csv(text, &error, [&](const CsvRecord& r) { scanned.push_back(r); }));
    std::vector<CsvRecord> parsed = parse_ok(text);
    BOOST_TEST_REQUIRE(scanned.size() == 6u);
    BOOST_TEST_REQUIRE(parsed.size() == 6u);
    const std::vector<Cells> expected = {{"a", "b", "c"},
                                         {"1"},
                                         {"x,y", "\"q\"", ""},
                                         {"", "", ""},
                                         {"long", "row", "of", "five", "cells"},
                                         {"z"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST(scanned[i].fields == expected[i], boost::test_tools::per_element());
        BOOST_TEST(parsed[i].fields == expected[i], boost::test_tools::per_element());
        BOOST_TEST(scanned[i].line == parsed[i].line);
    }
    BOOST_TEST(!scan_csv("a\n\"open", &error, [](const CsvRecord&) {}));
    BOOST_TEST(error.line == 2);
}

BOOST_AUTO_TEST_CASE(row_cells_keep_each_cell_apart) {
    RowCells cells{"91360100MA35AAAA0X", "", "南昌", " 1 "};
    BOOST_TEST(cells.size() == 4u);
    BOOST_TEST(cells[0] == "91360100MA35AAAA0X");
    BOOST_TEST(cells[1].empty());
    BOOST_TEST(cells[2] == "南昌");
    BOOST_TEST(cells.at(3) == " 1 ");
    BOOST_CHECK_THROW(cells.at(4), std::out_of_range);
    cells.push_back("x");
    BOOST_TEST(cells.to_strings() == (Cells{"91360100MA35AAAA0X", "", "南昌", " 1 ", "x"}),
               boost::test_tools::per_element());
    BOOST_TEST((cells == RowCells(Cells{"91360100MA35AAAA0X", "", "南昌", " 1 ", "x"})));
    // The same text cut at other places is other cells.
    BOOST_TEST(!(cells == RowCells(Cells{"91360100MA35AAAA0X", "", "南昌", " 1", " x"})));
    BOOST_TEST(RowCells{}.empty());
}

BOOST_AUTO_TEST_CASE(table_errors) {
    for (std::string_view empty : {"", "\n\n", " , \r\n"}) {
        try {
            read_csv_table(empty, "e.csv");
            BOOST_FAIL("an empty file was accepted");
        } catch (const InputError& e) {
            CellError error = only_error(e);
            BOOST_TEST(error.file == "e.csv");
            BOOST_TEST(error.row == 0);
            BOOST_TEST(error.reason == "empty file");
        }
    }
    try {
        read_csv_table("a,b\n1,2\n\"x,3\n", "bad.csv");
        BOOST_FAIL("an unterminated quote was accepted");
    } catch (const InputError& e) {
        CellError error = only_error(e);
        BOOST_TEST(error.file == "bad.csv");
        BOOST_TEST(error.row == 3);
        BOOST_TEST(error.column.empty());
        BOOST_TEST(std::string(e.what()).starts_with("bad.csv:3: "));
    }
}

BOOST_AUTO_TEST_CASE(read_table_uses_the_base_name_and_reports_missing_files) {
    TempDir dir;
    fs::path file = dir.path / "figures.csv";
    std::ofstream(file, std::ios::binary) << "year,revenue\n2020,1.5\n";
    Table t = read_table(file);
    BOOST_TEST(t.file_name == "figures.csv");
    BOOST_TEST(t.rows.size() == 1u);
    try {
        read_table(dir.path / "absent.csv");
        BOOST_FAIL("a missing file was read");
    } catch (const InputError& e) {
        CellError error = only_error(e);
        BOOST_TEST(error.file == "absent.csv");
        BOOST_TEST(error.row == 0);
        BOOST_TEST(!error.reason.empty());
    }
    BOOST_CHECK_THROW(read_table(dir.path), InputError);
}

BOOST_AUTO_TEST_CASE(csv_write_read_round_trip) {
    TempDir dir;
    fs::path file = dir.path / "out.csv";
    std::vector<std::string> header{"credit_code", "name", "note"};
    std::vector<std::vector<std::string>> rows{
        {"91360100MA35XXXX1X", "江西某某科技有限公司", "says \"hello\", twice"},
        {"91360100MA35YYYY2Y", "南昌,有限", "line one\nline two"},
        {"91360100MA35ZZZZ3Z", "plain", "end"},
    };
    write_csv_file(file, header, rows);
    std::string bytes = slurp(file);
    BOOST_TEST(!bytes.starts_with("\xEF\xBB\xBF"));
    BOOST_TEST(bytes.find('\r') == std::string::npos);
    BOOST_TEST(bytes.ends_with("end\n"));
    // Only the target file is left: the temporary was renamed into place.
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

    Table t = read_table(file);
    BOOST_TEST(t.header == header);
    BOOST_TEST_REQUIRE(t.rows.size() == 3u);
    for (std::size_t i = 0; i < rows.size(); ++i)
        BOOST_TEST(t.rows[i].cells.to_strings() == rows[i]);
    BOOST_TEST(t.rows[2].row_number == 5);  // row 2's note spans lines 3 and 4

    // Writing again replaces the file whole.
    write_csv_file(file, header, {});
    BOOST_TEST(slurp(file) == "credit_code,name,note\n");
}

BOOST_AUTO_TEST_CASE(csv_for_people_in_each_encoding) {
    // The exact bytes of each form, and that each reads back as the same cells.
    TempDir dir;
    std::vector<std::string> header{"name", "note"};
    std::vector<std::vector<std::string>> rows{{"南昌", "a\nb"}};
    const std::string body_lf = "name,note\n南昌,\"a\nb\"\n";
    const std::string body_crlf = "name,note\r\n南昌,\"a\nb\"\r\n";  // inside quotes: as given
    const std::string gbk_crlf = "name,note\r\n\xC4\xCF\xB2\xFD,\"a\nb\"\r\n";
    struct Case {
        CsvOptions options;
        std::string bytes;
        std::string encoding_read;
    };
    const std::vector<Case> cases = {
        {CsvOptions{}, body_lf, "UTF-8"},
        {CsvOptions{CsvEncoding::utf8_bom, false}, "\xEF\xBB\xBF" + body_lf, "UTF-8 (BOM)"},
        {csv_for_excel(), "\xEF\xBB\xBF" + body_crlf, "UTF-8 (BOM)"},
        {csv_for_excel(CsvEncoding::gbk), gbk_crlf, "GB18030"},
        {csv_for_excel(CsvEncoding::gb18030), gbk_crlf, "GB18030"},
    };
    for (const Case& c : cases) {
        fs::path file = dir.path / "people.csv";
        write_csv_file(file, header, rows, c.options);
        BOOST_TEST(slurp(file) == c.bytes, c.encoding_read);
        Table t = read_table(file);
        BOOST_TEST(t.encoding == c.encoding_read);
        BOOST_TEST(t.header == header);
        BOOST_TEST_REQUIRE(t.rows.size() == 1u);
        BOOST_TEST(t.rows[0].cells.to_strings() == rows[0]);
    }
}

BOOST_AUTO_TEST_CASE(gbk_refuses_characters_it_cannot_hold_and_writes_nothing) {
    TempDir dir;
    fs::path file = dir.path / "gbk.csv";
    // ① has a GBK code (A2D9); 𠮷 (U+20BB7) has none.
    std::vector<std::vector<std::string>> rows{
        {"91360100MA35XXXX1X", "吉祥①"}, {"91360100MA35YYYY2Y", "𠮷祥"}, {"x", "y"}};
    try {
        write_csv_file(file, {"credit_code", "name"}, rows, csv_for_excel(CsvEncoding::gbk));
        BOOST_FAIL("GBK accepted U+20BB7");
    } catch (const InputError& e) {
        CellError error = only_error(e);
        BOOST_TEST(error.file == "gbk.csv");
        BOOST_TEST(error.row == 3);  // the header is row 1
        BOOST_TEST(error.column == "name");
        BOOST_TEST(error.reason ==
                   "\"𠮷\" (U+20BB7) cannot be written in GBK; write the file as UTF-8 instead");
    }
    BOOST_TEST(fs::is_empty(dir.path));
    // GB18030 holds every character: the form for text that was read as GB18030.
    write_csv_file(file, {"credit_code", "name"}, rows, csv_for_excel(CsvEncoding::gb18030));
    BOOST_TEST(read_table(file).rows.at(1).cells.to_strings() == rows[1]);
}

BOOST_AUTO_TEST_CASE(csv_write_failure_leaves_nothing) {
    TempDir dir;
    fs::path file = dir.path / "missing-dir" / "out.csv";
    BOOST_CHECK_THROW(write_csv_file(file, {"a"}, {{"1"}}), std::runtime_error);
    BOOST_TEST(!fs::exists(dir.path / "missing-dir"));
    // A directory in the way of the rename: the temporary file is removed again.
    fs::create_directories(dir.path / "taken" / "child");
    BOOST_CHECK_THROW(write_csv_file(dir.path / "taken", {"a"}, {{"1"}}), std::runtime_error);
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

// ---- title rows above the header, total and signature rows below the data ----------------

namespace {

ReadOptions firms_options() {
    ReadOptions options;
    options.header_key = [](const std::vector<std::string>& cells) {
        return header_key_column(RecordKind::firms, cells);
    };
    return options;
}

std::string ten_titles() {
    std::string titles;
    for (int i = 1; i <= 10; ++i) titles += "title " + std::to_string(i) + ",,\n";
    return titles;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_header_is_the_first_row_that_names_the_required_columns) {
    struct Case {
        const char* what;
        std::string csv;
        int header_row;
        std::vector<int> data_rows;
        std::vector<std::string> notes;
    };
    const std::string header = "统一社会信用代码,企业名称,成立日期\n";
    const std::vector<Case> cases = {
        {"header on row 1", header + "X1,甲,2020-01-01\n", 1, {2}, {}},
        {"two title rows",
         "2020年规上企业名单,,\n填报单位：南昌市工信局,,\n" + header + "X1,甲,2020-01-01\n",
         3,
         {4},
         {"rows 1–2 are above the header and were skipped (\"2020年规上企业名单\", "
          "\"填报单位：南昌市工信局\")"}},
        {"one title row and blank rows",
         "\n,,单位：万元\n\n" + header + "\nX1,甲,2020-01-01\n",
         4,
         {6},
         {"row 2 is above the header and was skipped (\"单位：万元\")"}},
        {"three title rows",
         "a,,\nb,,\nc,,\n" + header + "X1,甲,2020-01-01\n",
         4,
         {5},
         {"rows 1–3 are above the header and were skipped (\"a\", \"b\"…)"}},
        {"a row without the key column is a title",
         "企业名称,成立日期\n" + header + "X1,甲,2020-01-01\n",
         2,
         {3},
         {"row 1 is above the header and was skipped (\"企业名称\")"}},
        {"the header on the tenth non-empty row",
         ten_titles().substr(ten_titles().find("title 2")) + header + "X1,甲,2020-01-01\n",
         10,
         {11},
         {"rows 1–9 are above the header and were skipped (\"title 2\", \"title 3\"…)"}},
        {"the header on the eleventh non-empty row is not looked for",
         ten_titles() + header + "X1,甲,2020-01-01\n",
         1,
         {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
         {"no row among the first 10 non-empty rows names the required columns; row 1 is taken "
          "as the header"}},
        {"no header at all",
         "企业名称,成立日期\n甲,2020-01-01\n",
         1,
         {2},
         {"no row among the first 10 non-empty rows names the required columns; row 1 is taken "
          "as the header"}},
        {"total and signature rows after the data",
         header + "X1,甲,2020-01-01\nX2,乙,2020-01-02\n合计,2家,\n,,\n填表人：张三,,审核人：李四\n"
                  ",单位负责人：王五,\n,填报日期：2021年3月1日,\n",
         1,
         {2, 3},
         {"row 4 is a total or signature row and was skipped (\"合计\")",
          "row 6 is a total or signature row and was skipped (\"填表人：张三\")",
          "row 7 is a total or signature row and was skipped (\"单位负责人：王五\")",
          "row 8 is a total or signature row and was skipped (\"填报日期：2021年3月1日\")"}},
        {"a keyless row that is no total stays for the validation to report",
         header + "X1,甲,2020-01-01\n,注：数据来源于统计局,\n,小计,\n",
         1,
         {2, 3},
         {"row 4 is a total or signature row and was skipped (\"小计\")"}},
        {"a total row in the middle is data (its key cell is reported)",
         header + "X1,甲,2020-01-01\n,小计,\nX2,乙,2020-01-02\n",
         1,
         {2, 3, 4},
         {}},
        {"a row with a key and a footer word is data",
         header + "X1,总计科技有限公司,2020-01-01\n",
         1,
         {2},
         {}},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            Table t = read_csv_table(c.csv, "firms.csv", firms_options());
            BOOST_TEST(t.header_row == c.header_row);
            if (c.header_row > 1 || c.notes.empty())
                BOOST_TEST(t.header == (Cells{"统一社会信用代码", "企业名称", "成立日期"}));
            std::vector<int> rows;
            for (const TableRow& row : t.rows) rows.push_back(row.row_number);
            BOOST_TEST(rows == c.data_rows, boost::test_tools::per_element());
            BOOST_TEST(t.notes == c.notes, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(without_a_header_key_every_row_after_the_first_is_data) {
    Table t = read_csv_table("title,,\ncredit_code,name,founded\n合计,,\n", "firms.csv");
    BOOST_TEST(t.header == (Cells{"title"}));
    BOOST_TEST(t.header_row == 1);
    BOOST_TEST(t.rows.size() == 2u);
    BOOST_TEST(t.notes.empty());
}

BOOST_AUTO_TEST_CASE(a_sheet_asked_of_a_csv_file_is_noted) {
    ReadOptions options = firms_options();
    options.sheet = "2";
    Table t = read_csv_table("credit_code,name,founded\n", "firms.csv", options);
    BOOST_TEST(t.notes == (std::vector<std::string>{
                              "a CSV file has no sheets; the sheet asked for (2) was ignored"}));
}

BOOST_AUTO_TEST_CASE(date_cells_take_yyyymmdd_and_spreadsheet_serials) {
    struct Case {
        const char* cell;
        const char* date;  // empty: rejected with `reason`
        const char* reason;
    };
    const Case cases[] = {
        {"2020-01-01", "2020-01-01", ""},
        {"20200101", "2020-01-01", ""},
        {"43831", "2020-01-01", ""},  // a date cell that lost its format in a CSV export
        {"43831.0", "2020-01-01", ""},
        {"44255.00", "2021-02-28", ""},
        {"20190229", "", "is not a calendar date"},
        {"43831.5", "", "is not a date (expected YYYY-MM-DD)"},
        {"2019", "", "is not a date (expected YYYY-MM-DD)"},  // a year, not 1905-07-11
        {"60", "", "is not a date (expected YYYY-MM-DD)"},
        {"2958466", "", "is not a date (expected YYYY-MM-DD)"},
        {"123456789", "", "is not a date (expected YYYY-MM-DD)"},
        {"-43831", "", "is not a date (expected YYYY-MM-DD)"},
    };
    const std::string stem = "91360100MA35AAAA0";
    const std::string code = stem + *uscc_check_character(stem);
    std::string csv = "credit_code,tier,approved_on\n";
    for (const Case& c : cases) csv += code + ",high_tech," + c.cell + "\n";
    Table t = read_csv_table(csv, "rec.csv");
    ValidationContext ctx;
    ctx.today = Date(2024, 1, 1);
    // Each row alone: the same key on every row would make them duplicates.
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const Case& c = cases[i];
        BOOST_TEST_CONTEXT(c.cell) {
            Table one = t;
            one.rows = {t.rows[i]};
            Validated<Recognition> checked = validate_recognitions(one, ctx);
            if (*c.date) {
                BOOST_TEST_REQUIRE(checked.records.size() == 1u);
                BOOST_TEST(checked.records[0].approved_on.to_string() == c.date);
            } else {
                BOOST_TEST_REQUIRE(checked.errors.size() == 1u);
                BOOST_TEST(checked.errors[0].to_string() == "rec.csv:" + std::to_string(i + 2) +
                                                                ":approved_on: 认定日期 \"" +
                                                                c.cell + "\" " + c.reason);
            }
        }
    }
}
