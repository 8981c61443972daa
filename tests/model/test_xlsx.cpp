#include <boost/test/unit_test.hpp>
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <pugixml.hpp>

#include "model/errors.hpp"
#include "model/import_schema.hpp"
#include "model/table.hpp"

using namespace ladder;
namespace fs = std::filesystem;

namespace {

using Cells = std::vector<std::string>;

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("ladder-test-xlsx-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

// Writes a zip whose entries are the given parts (stored by libzip as the test gives them).
void write_zip(const fs::path& path, const std::map<std::string, std::string>& parts) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    BOOST_TEST_REQUIRE(archive != nullptr);
    for (const auto& [name, data] : parts) {
        zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
        BOOST_TEST_REQUIRE(source != nullptr);
        BOOST_TEST_REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    BOOST_TEST_REQUIRE(zip_close(archive) == 0);
}

std::string read_zip_part(const fs::path& path, const std::string& part) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    BOOST_TEST_REQUIRE(archive != nullptr);
    zip_stat_t stat;
    BOOST_TEST_REQUIRE(zip_stat(archive, part.c_str(), 0, &stat) == 0);
    std::string data(stat.size, '\0');
    zip_file_t* file = zip_fopen(archive, part.c_str(), 0);
    BOOST_TEST_REQUIRE(file != nullptr);
    zip_fread(file, data.data(), data.size());
    zip_fclose(file);
    zip_discard(archive);
    return data;
}

pugi::xml_document parse_zip_part(const fs::path& path, const std::string& part) {
    std::string xml = read_zip_part(path, part);
    pugi::xml_document doc;
    BOOST_TEST_REQUIRE(static_cast<bool>(doc.load_buffer(xml.data(), xml.size())), part);
    return doc;
}

// One written workbook's sheet and styles, to ask how a cell was stored.
struct WrittenSheet {
    pugi::xml_document sheet, styles;
    WrittenSheet(const fs::path& file, int number)
        : sheet(parse_zip_part(file, "xl/worksheets/sheet" + std::to_string(number) + ".xml")),
          styles(parse_zip_part(file, "xl/styles.xml")) {}

    pugi::xml_node cell(const std::string& ref) const {
        pugi::xml_node c = sheet.select_node(("//c[@r='" + ref + "']").c_str()).node();
        BOOST_TEST_REQUIRE(static_cast<bool>(c), "no cell " << ref);
        return c;
    }
    // t="n" or no t: a number; "s", "inlineStr" or "str": text.
    bool is_number(const std::string& ref) const {
        std::string type = cell(ref).attribute("t").value();
        return type.empty() || type == "n";
    }
    double number(const std::string& ref) const { return cell(ref).child("v").text().as_double(); }
    std::string text(const std::string& ref) const {
        pugi::xml_node c = cell(ref);
        return c.child("is").child("t").text().get();  // constant memory: inline strings
    }
    pugi::xml_node style(const std::string& ref) const {
        int index = cell(ref).attribute("s").as_int(0);
        pugi::xml_node xf = styles.child("styleSheet").child("cellXfs").first_child();
        for (int i = 0; i < index && xf; ++i) xf = xf.next_sibling();
        BOOST_TEST_REQUIRE(static_cast<bool>(xf));
        return xf;
    }
    // The number format the cell is shown with ("General" when none).
    std::string format_code(const std::string& ref) const {
        int id = style(ref).attribute("numFmtId").as_int(0);
        if (id == 0) return "General";
        for (pugi::xml_node f : styles.child("styleSheet").child("numFmts").children("numFmt"))
            if (f.attribute("numFmtId").as_int() == id) return f.attribute("formatCode").value();
        return "builtin " + std::to_string(id);
    }
    bool bold(const std::string& ref) const {
        int font = style(ref).attribute("fontId").as_int(0);
        pugi::xml_node f = styles.child("styleSheet").child("fonts").first_child();
        for (int i = 0; i < font && f; ++i) f = f.next_sibling();
        return static_cast<bool>(f.child("b"));
    }
    double column_width(int column) const {  // 1-based, as <col min max> count
        for (pugi::xml_node c : sheet.child("worksheet").child("cols").children("col"))
            if (c.attribute("min").as_int() <= column && column <= c.attribute("max").as_int())
                return c.attribute("width").as_double();
        return 0;
    }
};

CellError error_reading(const fs::path& path) {
    try {
        read_table(path);
    } catch (const InputError& e) {
        BOOST_TEST_REQUIRE(e.errors().size() == 1u);
        return e.errors().front();
    }
    BOOST_FAIL("the file was accepted");
    return {};
}

const char* kWorkbook = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="数据" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId1"/></sheets>
</workbook>)";

const char* kWorkbookRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
</Relationships>)";

const char* kSharedStrings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>credit_code</t></si>
<si><r><rPr><b/></rPr><t>年</t></r><r><t>度</t></r></si>
<si><r><t xml:space="preserve">Acme </t></r><r><rPr><i/></rPr><t>科技</t></r><rPh sb="0" eb="1"><t>ke</t></rPh></si>
<si><t xml:space="preserve"> </t></si>
</sst>)";

// Style 0 General, 1 custom yyyy/m/d, 2 builtin 14 (date), 3 scientific 0.00E+00 (custom),
// 4 time h:mm (custom), 5 Chinese date yyyy"年"m"月"d"日".
const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="0.00E+00"/>
<numFmt numFmtId="166" formatCode="[$-409]h:mm\ AM/PM"/><numFmt numFmtId="167" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/>
<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs>
</styleSheet>)";

const char* kDataSheet = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>名称</t></is></c><c r="C1" t="s"><v>1</v></c></row>
<row r="3">
 <c r="A3" t="s"><v>2</v></c>
 <c r="B3" t="inlineStr"><is><r><t>南昌</t></r><r><t xml:space="preserve"> inline</t></r></is></c>
 <c r="C3"><v>2019</v></c>
 <c r="D3" t="b"><v>1</v></c>
 <c r="E3" t="str"><f>A1&amp;"x"</f><v>formula_x000D_result</v></c>
 <c r="G3" s="0"><v>1234.5</v></c>
 <c r="H3" s="1"><v>44197</v></c>
 <c r="I3" s="2"><v>61</v></c>
 <c r="J3" s="2"><v>59.75</v></c>
 <c r="K3"><v>0.1</v></c>
 <c r="L3"><v>0.30000000000000004</v></c>
 <c r="M3" t="e"><v>#DIV/0!</v></c>
 <c r="N3" s="3"><v>12345</v></c>
 <c r="O3" s="4"><v>0.5</v></c>
 <c r="P3" s="5"><v>44377</v></c>
 <c r="Q3" t="s"><v>3</v></c>
 <c r="R3"><v>-0</v></c>
 <c r="S3" t="b"><v>0</v></c>
 <c r="T3"><v>10.50</v></c>
 <c r="U3"><v>-0.05</v></c>
 <c r="V3"><v>007</v></c>
 <c r="W3"><v>1.5E3</v></c>
 <c r="X3"><v>3703.6800000000003</v></c>
</row>
<row r="4"><c r="A4" s="1"/><c r="B4" t="inlineStr"><is><t></t></is></c></row>
<row><c t="s"><v>0</v></c><c><v>7</v></c></row>
<row r="9"><c r="B9"><v>1E+20</v></c></row>
</sheetData>
</worksheet>)";

const char* kOtherSheet = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData>
</worksheet>)";

}  // namespace

BOOST_AUTO_TEST_CASE(hand_made_workbook_cell_types) {
    TempDir dir;
    fs::path file = dir.path / "figures.xlsx";
    write_zip(file, {{"xl/workbook.xml", kWorkbook},
                     {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                     {"xl/sharedStrings.xml", kSharedStrings},
                     {"xl/styles.xml", kStyles},
                     {"xl/worksheets/data.xml", kDataSheet},
                     {"xl/worksheets/sheet1.xml", kOtherSheet}});
    Table t = read_xlsx_table(file);
    BOOST_TEST(t.file_name == "figures.xlsx");
    BOOST_TEST(t.encoding == "XLSX");
    BOOST_TEST(t.header == (Cells{"credit_code", "名称", "年度"}));
    BOOST_TEST_REQUIRE(t.rows.size() == 3u);  // row 4 has no values

    const TableRow& row = t.rows[0];
    BOOST_TEST(row.row_number == 3);
    Cells expected{"Acme 科技",  "南昌 inline", "2019",       "TRUE",       "formula\rresult",
                   "",           "1234.5",      "2021-01-01", "1900-03-01", "1900-02-28",
                   "0.1",        "0.3",         "#DIV/0!",    "12345",      "0.5",
                   "2021-06-30", " ",           "0",          "FALSE",      "10.5",
                   "-0.05",      "7",           "1500",       "3703.68"};
    BOOST_TEST(row.cells.to_strings() == expected, boost::test_tools::per_element());

    BOOST_TEST(t.rows[1].row_number == 5);  // a row without r follows row 4
    BOOST_TEST(t.rows[1].cells.to_strings() == (Cells{"credit_code", "7"}));
    BOOST_TEST(t.rows[2].row_number == 9);
    BOOST_TEST(t.rows[2].cells.to_strings() == (Cells{"", "1e+20"}));
}

BOOST_AUTO_TEST_CASE(missing_workbook_parts_fall_back_to_sheet1) {
    TempDir dir;
    fs::path file = dir.path / "bare.xlsx";
    write_zip(file, {{"xl/worksheets/sheet1.xml", kOtherSheet}});
    Table t = read_table(file);
    BOOST_TEST(t.header == (Cells{"wrong sheet"}));
    BOOST_TEST(t.rows.empty());
}

BOOST_AUTO_TEST_CASE(write_then_read_back) {
    TempDir dir;
    fs::path file = dir.path / "export.xlsx";
    Sheet firms{"企业名单",
                {"credit_code", "企业名称", "revenue", "employees"},
                {{"91360100MA35XXXX1X", "江西赣锋锂业股份有限公司", "1234.50", "2019"},
                 {"91360100MA35YYYY2Y", "南昌 \"欧菲光\", 科技", "", "007"},
                 {"91360100MA35ZZZZ3Z", "two\nlines", "n/a", "-12"}},
                {CellType::text, CellType::text, CellType::number, CellType::number}};
    Sheet second{"A sheet name that is far longer than thirty-one characters", {"x"}, {{"1"}}, {}};
    write_xlsx_file(file, {firms, second});
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

    Table t = read_table(file);
    BOOST_TEST(t.encoding == "XLSX");
    BOOST_TEST(t.header == firms.header);
    BOOST_TEST_REQUIRE(t.rows.size() == 3u);
    BOOST_TEST(t.rows[0].row_number == 2);
    BOOST_TEST(t.rows[0].cells.to_strings() ==
               (Cells{"91360100MA35XXXX1X", "江西赣锋锂业股份有限公司", "1234.5", "2019"}));
    // "007" would lose its zeros as a number, so it stays text; "n/a" is not a number.
    BOOST_TEST(t.rows[1].cells.to_strings() ==
               (Cells{"91360100MA35YYYY2Y", "南昌 \"欧菲光\", 科技", "", "007"}));
    BOOST_TEST(t.rows[2].cells.to_strings() ==
               (Cells{"91360100MA35ZZZZ3Z", "two\nlines", "n/a", "-12"}));

    // Numbers are numbers (a money format keeps the 2 decimals), the header is frozen.
    std::string sheet_xml = read_zip_part(file, "xl/worksheets/sheet1.xml");
    BOOST_TEST(sheet_xml.find("<v>1234.5</v>") != std::string::npos);
    BOOST_TEST(sheet_xml.find("ySplit=\"1\"") != std::string::npos);
    BOOST_TEST(sheet_xml.find("<col ") != std::string::npos);
    std::string styles = read_zip_part(file, "xl/styles.xml");
    BOOST_TEST(styles.find("formatCode=\"0.00\"") != std::string::npos);
    BOOST_TEST(styles.find("<b/>") != std::string::npos);
    std::string workbook = read_zip_part(file, "xl/workbook.xml");
    BOOST_TEST(workbook.find("name=\"企业名单\"") != std::string::npos);
    BOOST_TEST(workbook.find("name=\"A sheet name that is far longer\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(export_cells_are_typed_by_the_record_schema) {
    // Excel sums what it is given as numbers: money, years, counts, ranks and scores must not
    // be text, dates must be dates; codes must stay text (leading zeros, 18 digits).
    using enum CellType;
    const std::vector<std::pair<std::string, CellType>> firm_columns = {
        {"credit_code", text},   {"name", text},
        {"region_code", text},   {"industry_code", text},
        {"chain", text},         {"founded", date},
        {"niche_since", number}, {"hnte_field", text},
        {"listed_on", date},     {"controlling_shareholder", text},
        {"business_group", text}};
    std::vector<std::string> header = export_header(RecordKind::firms);
    std::vector<CellType> types = export_cell_types(RecordKind::firms);
    BOOST_TEST_REQUIRE(types.size() == header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
        BOOST_TEST(header[c] == firm_columns.at(c).first);
        BOOST_TEST((types[c] == firm_columns.at(c).second), header[c]);
    }
    header = export_header(RecordKind::figures);
    types = export_cell_types(RecordKind::figures);
    BOOST_TEST_REQUIRE(types.size() == header.size());
    const std::map<std::string, CellType> figure_columns = {
        {"credit_code", text},   {"year", number},      {"revenue", money},
        {"net_profit", money},   {"employees", number}, {"innovation_score", number},
        {"rank_global", number}, {"quality_cert", text}};
    for (std::size_t c = 0; c < header.size(); ++c) {
        auto it = figure_columns.find(header[c]);
        if (it != figure_columns.end()) BOOST_TEST((types[c] == it->second), header[c]);
    }
    std::vector<CellType> recognitions = export_cell_types(RecordKind::recognitions);
    BOOST_TEST((recognitions == std::vector<CellType>{text, text, date, date, date, text}));
}

BOOST_AUTO_TEST_CASE(typed_export_writes_numbers_dates_and_text_for_excel) {
    TempDir dir;
    fs::path file = dir.path / "typed.xlsx";
    // An all-digit credit code and a region code: as numbers they would lose digits or zeros.
    const std::string code = "913601000000000012";
    Sheet firms{
        "firms",
        export_header(RecordKind::firms),
        {{code, "江西赣锋锂业股份有限公司", "360102", "C3985", "electronics", "2010-05-01", "2012",
          "yes", "1900-02-28"},
         {code, std::string(200, 'x'), "012345", "", "", "1900-03-01", "", "no", "1899-12-31"}},
        export_cell_types(RecordKind::firms)};
    std::vector<std::string> figures_row(export_header(RecordKind::figures).size());
    figures_row[0] = code;
    figures_row[1] = "2019";
    figures_row[2] = "1234.567891";  // revenue, 万元 to the fen
    figures_row[6] = "-12.50";       // total_profit
    figures_row[14] = "120";         // employees
    figures_row[19] = "85.50";       // innovation_score
    figures_row[23] = "yes";         // quality_cert
    BOOST_TEST_REQUIRE(export_header(RecordKind::figures)[19] == "innovation_score");
    BOOST_TEST_REQUIRE(export_header(RecordKind::figures)[23] == "quality_cert");
    Sheet figures{"figures",
                  export_header(RecordKind::figures),
                  {figures_row},
                  export_cell_types(RecordKind::figures)};
    write_xlsx_file(file, {firms, figures});

    WrittenSheet f(file, 1);
    // Header: bold, frozen below row 1.
    BOOST_TEST(f.bold("A1"));
    BOOST_TEST(!f.bold("A2"));
    pugi::xml_node pane = f.sheet.select_node("//sheetView/pane").node();
    BOOST_TEST(pane.attribute("ySplit").as_int() == 1);
    BOOST_TEST(pane.attribute("state").value() == std::string("frozen"));
    BOOST_TEST(pane.attribute("topLeftCell").value() == std::string("A2"));
    // Codes are text.
    BOOST_TEST(!f.is_number("A2"));
    BOOST_TEST(f.text("A2") == code);
    BOOST_TEST(f.text("C2") == "360102");
    BOOST_TEST(f.text("C3") == "012345");
    BOOST_TEST(f.text("H2") == "yes");
    // Dates are Excel serial numbers shown yyyy-mm-dd; Excel's phantom 29 February 1900 sits
    // between serial 59 and 61. A date before 1900 has no serial and stays text.
    const std::vector<std::pair<std::string, double>> dates = {
        {"F2", 40299}, {"I2", 59}, {"F3", 61}};
    for (const auto& [ref, serial] : dates) {
        BOOST_TEST(f.is_number(ref), ref);
        BOOST_TEST(f.number(ref) == serial, ref);
        BOOST_TEST(f.format_code(ref) == "yyyy-mm-dd", ref);
    }
    BOOST_TEST(f.text("I3") == "1899-12-31");
    // A year is a plain number.
    BOOST_TEST(f.is_number("G2"));
    BOOST_TEST(f.number("G2") == 2012);
    BOOST_TEST(f.format_code("G2") == "General");
    // Widths fit the content, CJK counting double, capped.
    BOOST_TEST(f.column_width(2) >= 60);  // 200 x's, capped
    BOOST_TEST(f.column_width(2) < 62);
    BOOST_TEST(f.column_width(6) >= 12);  // 2010-05-01 and its margin
    BOOST_TEST(f.column_width(6) < 14);

    WrittenSheet g(file, 2);
    const std::vector<std::tuple<std::string, double, std::string>> numbers = {
        {"B2", 2019, "General"},
        {"C2", 1234.567891, "0.00####"},
        {"G2", -12.5, "0.00####"},
        {"O2", 120, "General"},
        {"T2", 85.5, "0.00"}};
    for (const auto& [ref, value, format] : numbers) {
        BOOST_TEST(g.is_number(ref), ref);
        BOOST_TEST(g.number(ref) == value, ref);
        BOOST_TEST(g.format_code(ref) == format, ref);
    }
    BOOST_TEST(!g.is_number("A2"));
    BOOST_TEST(g.text("X2") == "yes");

    // And the workbook reads back as the export's text (dates as dates, money as its value).
    Table t = read_table(file);
    BOOST_TEST_REQUIRE(t.rows.size() == 2u);
    BOOST_TEST(t.rows[0].cells.to_strings() ==
               (Cells{code, "江西赣锋锂业股份有限公司", "360102", "C3985", "electronics",
                      "2010-05-01", "2012", "yes", "1900-02-28"}));
}

BOOST_AUTO_TEST_CASE(cjk_text_counts_double_in_column_widths) {
    TempDir dir;
    fs::path file = dir.path / "widths.xlsx";
    write_xlsx_file(file,
                    {Sheet{"s", {"a", "b"}, {{"江西赣锋锂业股份有限公司", "abcdefghijkl"}}, {}}});
    WrittenSheet s(file, 1);
    // 12 characters each: the Chinese column is twice as wide in Excel's character units.
    BOOST_TEST(std::abs(s.column_width(1) - s.column_width(2) - 12) < 0.01,
               s.column_width(1) << " vs " << s.column_width(2));
}

BOOST_AUTO_TEST_CASE(write_failure_throws_and_leaves_nothing) {
    TempDir dir;
    BOOST_CHECK_THROW(
        write_xlsx_file(dir.path / "no-such-dir" / "x.xlsx", {Sheet{"s", {"a"}, {}, {}}}),
        std::runtime_error);
    BOOST_TEST(fs::is_empty(dir.path));
}

BOOST_AUTO_TEST_CASE(date_cells_written_by_a_spreadsheet_read_as_iso_dates) {
    TempDir dir;
    fs::path file = dir.path / "recognitions.xlsx";
    lxw_workbook* workbook = workbook_new(file.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    lxw_format* iso = workbook_add_format(workbook);
    format_set_num_format(iso, "yyyy-mm-dd");
    lxw_format* builtin = workbook_add_format(workbook);
    format_set_num_format_index(builtin, 14);
    lxw_format* chinese = workbook_add_format(workbook);
    format_set_num_format(chinese, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* money = workbook_add_format(workbook);
    format_set_num_format(money, "#,##0.00");
    worksheet_write_string(sheet, 0, 0, "approved_on", nullptr);
    worksheet_write_string(sheet, 0, 1, "valid_from", nullptr);
    worksheet_write_string(sheet, 0, 2, "valid_to", nullptr);
    worksheet_write_string(sheet, 0, 3, "amount", nullptr);
    lxw_datetime approved = {2021, 3, 15, 0, 0, 0};
    lxw_datetime from = {2021, 3, 16, 13, 30, 0};
    lxw_datetime to = {2024, 2, 29, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 0, &approved, iso);
    worksheet_write_datetime(sheet, 1, 1, &from, builtin);
    worksheet_write_datetime(sheet, 1, 2, &to, chinese);
    worksheet_write_number(sheet, 1, 3, 44271, money);  // a number, not a date
    BOOST_TEST_REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);

    Table t = read_table(file);
    BOOST_TEST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].cells.to_strings() ==
               (Cells{"2021-03-15", "2021-03-16", "2024-02-29", "44271"}));
}

BOOST_AUTO_TEST_CASE(xlsx_is_detected_by_content_not_extension) {
    TempDir dir;
    fs::path file = dir.path / "looks-like.csv";
    write_xlsx_file(file,
                    {Sheet{"s", {"a", "b"}, {{"1", "x"}}, {CellType::number, CellType::text}}});
    Table t = read_table(file, Encoding::utf8);
    BOOST_TEST(t.encoding == "XLSX");
    BOOST_TEST(t.file_name == "looks-like.csv");
    BOOST_TEST(t.rows.at(0).cells.to_strings() == (Cells{"1", "x"}));
}

BOOST_AUTO_TEST_CASE(corrupt_workbooks_are_input_errors) {
    TempDir dir;
    fs::path truncated = dir.path / "truncated.xlsx";
    std::ofstream(truncated, std::ios::binary)
        << std::string("PK\x03\x04", 4) << "not really a zip";
    CellError error = error_reading(truncated);
    BOOST_TEST(error.file == "truncated.xlsx");
    BOOST_TEST(error.row == 0);
    // The reason is Ladder's, with what to do, not libzip's "Not a zip archive".
    BOOST_TEST(error.reason.rfind("not a readable XLSX workbook: ", 0) == 0, error.reason);
    BOOST_TEST(error.reason.find("Not a zip archive") == std::string::npos, error.reason);
    BOOST_TEST(error.reason.find("save it as .xlsx") != std::string::npos, error.reason);

    fs::path no_sheet = dir.path / "no-sheet.xlsx";
    write_zip(no_sheet, {{"docProps/app.xml", "<Properties/>"}});
    BOOST_TEST(error_reading(no_sheet).file == "no-sheet.xlsx");

    fs::path bad_xml = dir.path / "bad-xml.xlsx";
    write_zip(bad_xml, {{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"}});
    BOOST_TEST(error_reading(bad_xml).reason.find("sheet1.xml") != std::string::npos);

    fs::path bad_index = dir.path / "bad-index.xlsx";
    write_zip(bad_index, {{"xl/worksheets/sheet1.xml",
                           "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c>"
                           "</row></sheetData></worksheet>"}});
    BOOST_TEST(error_reading(bad_index).file == "bad-index.xlsx");

    fs::path empty = dir.path / "empty.xlsx";
    write_zip(empty, {{"xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>"}});
    BOOST_TEST(error_reading(empty).reason == "empty file");
}

// Found by fuzzing: a row numbered at the end of int, then a row without a number, overflowed
// the row counter. Rows beyond the sheet's last (1,048,576) are a damaged file.
BOOST_AUTO_TEST_CASE(row_numbers_beyond_the_sheet_are_refused) {
    TempDir dir;
    const std::string cell = "<c t=\"inlineStr\"><is><t>x</t></is></c>";
    fs::path huge = dir.path / "huge-row.xlsx";
    write_zip(huge, {{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"2147483647\">" +
                                                      cell + "</row><row>" + cell +
                                                      "</row></sheetData></worksheet>"}});
    CellError error = error_reading(huge);
    BOOST_TEST(error.reason == "not a valid XLSX workbook: bad row number \"2147483647\"",
               error.reason);

    fs::path last = dir.path / "after-last-row.xlsx";
    write_zip(last, {{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1048576\">" +
                                                      cell + "</row><row>" + cell +
                                                      "</row></sheetData></worksheet>"}});
    BOOST_TEST(error_reading(last).reason ==
               "not a valid XLSX workbook: more rows than a worksheet can have");

    fs::path cell_ref = dir.path / "cell-beyond.xlsx";
    write_zip(cell_ref, {{"xl/worksheets/sheet1.xml",
                          "<worksheet><sheetData><row><c r=\"A1048577\" t=\"inlineStr\"><is><t>x"
                          "</t></is></c></row></sheetData></worksheet>"}});
    BOOST_TEST(error_reading(cell_ref).reason.find("bad cell reference") != std::string::npos);
}

// A damaged directory may announce a part of gigabytes: the reader refuses the part when the
// bytes do not come, and never sets aside the memory the archive claims.
BOOST_AUTO_TEST_CASE(a_part_announced_larger_than_it_is_is_refused_without_taking_the_memory) {
    TempDir dir;
    fs::path lying = dir.path / "lying.xlsx";
    write_zip(lying, {{"xl/worksheets/sheet1.xml",
                       "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                       "名称</t></is></c></row></sheetData></worksheet>"}});
    std::string bytes;
    {
        std::ifstream in(lying, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // Uncompressed size: offset 22 in a local header, 24 in a central directory entry.
    const std::uint32_t claimed = 0x7F000000;  // about 2 GiB
    for (auto [signature, offset] : {std::pair{std::string("PK\x03\x04", 4), 22},
                                     std::pair{std::string("PK\x01\x02", 4), 24}}) {
        for (std::size_t at = bytes.find(signature); at != std::string::npos;
             at = bytes.find(signature, at + 4)) {
            for (int i = 0; i < 4; ++i)
                bytes[at + offset + i] = static_cast<char>((claimed >> (8 * i)) & 0xFF);
        }
    }
    std::ofstream(lying, std::ios::binary | std::ios::trunc) << bytes;

    CellError error = error_reading(lying);
    BOOST_TEST(error.file == "lying.xlsx");
    BOOST_TEST(error.reason.find("sheet1.xml") != std::string::npos, error.reason);
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    BOOST_TEST(usage.ru_maxrss < 1024L * 1024, "peak resident set " << usage.ru_maxrss << " KiB");
}

BOOST_AUTO_TEST_CASE(cells_that_are_not_utf8_are_refused) {
    // Found by fuzzing: the XML parser passes the bytes of a UTF-8 part through, so a cell
    // holding a broken sequence (here GBK bytes) reached the registry as text that is not UTF-8.
    TempDir dir;
    fs::path file = dir.path / "broken-text.xlsx";
    write_zip(file, {{"xl/worksheets/sheet1.xml",
                      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>name</t></is></c></row>"
                      "<row><c t=\"inlineStr\"><is><t>\xE4\xBC\x81\xE3\xE4\xB8\x9A</t></is></c>"
                      "<c t=\"inlineStr\"><is><t>\xC6\xF3\xD2\xB5</t></is></c></row>"
                      "</sheetData></worksheet>"}});
    CellError error = error_reading(file);
    BOOST_TEST(error.file == "broken-text.xlsx");
    BOOST_TEST(error.reason ==
               "not a valid XLSX workbook: the cell in row 2, column 1 is not valid UTF-8 text");
}

BOOST_AUTO_TEST_CASE(escaped_lone_surrogates_stay_as_written) {
    // _xD800_ is half of a UTF-16 pair: decoding it alone would make text that is not UTF-8.
    TempDir dir;
    fs::path file = dir.path / "surrogate.xlsx";
    write_zip(file, {{"xl/worksheets/sheet1.xml",
                      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>name</t></is></c></row>"
                      "<row><c t=\"inlineStr\"><is><t>a_xD800_b_x000D_c</t></is></c></row>"
                      "</sheetData></worksheet>"}});
    Table t = read_table(file);
    BOOST_TEST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].cells.to_strings() == (Cells{"a_xD800_b\rc"}));
}

BOOST_AUTO_TEST_CASE(mac_1904_date_system) {
    TempDir dir;
    fs::path file = dir.path / "mac.xlsx";
    write_zip(file,
              {{"xl/workbook.xml",
                "<workbook><workbookPr date1904=\"1\"/><sheets><sheet name=\"s\"/></sheets>"
                "</workbook>"},
               {"xl/styles.xml",
                "<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
                "</cellXfs></styleSheet>"},
               {"xl/worksheets/sheet1.xml",
                "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>d</t></is>"
                "</c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>42369</v></c><c r=\"B2\" s=\"1\">"
                "<v>0</v></c></row></sheetData></worksheet>"}});
    Table t = read_table(file);
    BOOST_TEST(t.rows.at(0).cells.to_strings() == (Cells{"2020-01-01", "1904-01-01"}));
}

// ---- workbooks as clerks have them: several sheets, hidden ones, titles, formulas ----------

namespace {

struct SheetXml {
    std::string name;
    std::string state;  // "", "hidden" or "veryHidden"
    std::string rows;   // <row> elements
};

// Inline-string cells from column A on; an empty text leaves the cell out.
std::string text_row(int r, const Cells& cells) {
    std::string xml = "<row r=\"" + std::to_string(r) + "\">";
    for (std::size_t k = 0; k < cells.size(); ++k) {
        if (cells[k].empty()) continue;
        std::string ref = std::string(1, static_cast<char>('A' + k)) + std::to_string(r);
        xml += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + cells[k] + "</t></is></c>";
    }
    return xml + "</row>";
}

// A workbook whose sheets are in tab order, with the given states; styles as in kStyles.
void write_workbook(const fs::path& path, const std::vector<SheetXml>& sheets) {
    std::string workbook =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
    std::string rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    std::map<std::string, std::string> parts;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        std::string n = std::to_string(i + 1);
        workbook += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + n + "\" r:id=\"rId" + n +
                    "\"" + (sheets[i].state.empty() ? "" : " state=\"" + sheets[i].state + "\"") +
                    "/>";
        // Parts named out of tab order, as after sheets were moved: the relationship decides.
        std::string part = "ws" + std::to_string(sheets.size() - i) + ".xml";
        rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/" + part + "\"/>";
        parts["xl/worksheets/" + part] =
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            "<sheetData>" +
            sheets[i].rows + "</sheetData></worksheet>";
    }
    parts["xl/workbook.xml"] = workbook + "</sheets></workbook>";
    parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>";
    parts["xl/styles.xml"] = kStyles;
    write_zip(path, parts);
}

ReadOptions figures_options(const std::string& sheet = "") {
    ReadOptions options;
    options.sheet = sheet;
    options.header_key = [](const std::vector<std::string>& cells) {
        return header_key_column(RecordKind::figures, cells);
    };
    return options;
}

const Cells kFiguresHeader = {"统一社会信用代码", "年度", "营业收入（万元）"};

std::string figures_rows(int first_row, const std::string& code_prefix) {
    return text_row(first_row, kFiguresHeader) +
           text_row(first_row + 1, {code_prefix + "1", "2020", "100"}) +
           text_row(first_row + 2, {code_prefix + "2", "2020", "200"});
}

std::string joined(const std::vector<std::string>& notes) {
    std::string all;
    for (const auto& n : notes) all += n + "\n";
    return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_sheet_read_by_default_is_the_first_visible_one_with_a_header) {
    struct Case {
        const char* what;
        std::vector<SheetXml> sheets;
        std::string sheet;       // the sheet read
        std::string first_code;  // of the first data row
        std::vector<std::string> notes;
    };
    const std::string instructions = text_row(1, {"填报说明"}) + text_row(2, {"请按统计口径填写"});
    const std::vector<Case> cases = {
        {"hidden old data first",
         {{"2019", "hidden", figures_rows(1, "OLD")}, {"2020", "", figures_rows(1, "NEW")}},
         "2020",
         "NEW1",
         {"sheet \"2019\" is hidden and was passed over", "sheet \"2020\" was read"}},
        {"very hidden helper sheet first",
         {{"lists", "veryHidden", figures_rows(1, "OLD")}, {"数据", "", figures_rows(1, "NEW")}},
         "数据",
         "NEW1",
         {"sheet \"lists\" is hidden and was passed over", "sheet \"数据\" was read"}},
        {"instructions first, data on the second visible sheet",
         {{"说明", "", instructions},
          {"hidden", "hidden", figures_rows(1, "OLD")},
          {"企业数据", "", figures_rows(1, "NEW")}},
         "企业数据",
         "NEW1",
         {"sheet \"说明\" has no row naming the required columns among its first 10 non-empty "
          "rows and was passed over",
          "sheet \"hidden\" is hidden and was passed over", "sheet \"企业数据\" was read"}},
        {"instructions with an unsaved formula first",
         {{"说明", "",
           text_row(1, {"填报说明"}) + "<row r=\"2\"><c r=\"A2\"><f>TODAY()</f></c></row>"},
          {"数据", "", figures_rows(1, "NEW")}},
         "数据",
         "NEW1",
         {"sheet \"说明\" has no row naming the required columns among its first 10 non-empty "
          "rows and was passed over",
          "sheet \"数据\" was read"}},
        {"an empty first sheet",
         {{"Sheet1", "", ""}, {"Sheet2", "", figures_rows(3, "NEW")}},
         "Sheet2",
         "NEW1",
         {"sheet \"Sheet1\" has no row naming the required columns among its first 10 non-empty "
          "rows and was passed over",
          "sheet \"Sheet2\" was read"}},
    };
    TempDir dir;
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            fs::path file = dir.path / "figures.xlsx";
            write_workbook(file, c.sheets);
            Table t = read_table(file, figures_options());
            BOOST_TEST(t.sheet == c.sheet);
            BOOST_TEST(t.header == kFiguresHeader);
            BOOST_TEST_REQUIRE(t.rows.size() == 2u);
            BOOST_TEST(std::string(t.rows[0].cells[0]) == c.first_code);
            BOOST_TEST(t.notes == c.notes, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(without_a_header_key_the_first_visible_sheet_is_read) {
    TempDir dir;
    fs::path file = dir.path / "export.xlsx";
    write_workbook(file, {{"old", "hidden", text_row(1, {"old"})},
                          {"说明", "", text_row(1, {"填报说明"})},
                          {"data", "", figures_rows(1, "X")}});
    Table t = read_table(file);
    BOOST_TEST(t.sheet == "说明");
    BOOST_TEST(t.header == (Cells{"填报说明"}));
    BOOST_TEST(t.header_row == 1);
}

BOOST_AUTO_TEST_CASE(a_sheet_asked_for_is_read_even_when_hidden) {
    struct Case {
        std::string asked;
        std::string sheet;  // read
        std::string first_code;
    };
    const std::vector<Case> cases = {
        {"old", "old", "OLD1"},   {"1", "old", "OLD1"}, {"3", "2021", "NEW1"},
        {"2021", "2021", "NEW1"},  // a name that is a number is a name first
        {"2", "说明", ""},
    };
    TempDir dir;
    fs::path file = dir.path / "figures.xlsx";
    write_workbook(file, {{"old", "hidden", figures_rows(1, "OLD")},
                          {"说明", "", text_row(1, {"填报说明"})},
                          {"2021", "", figures_rows(1, "NEW")}});
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT("--sheet " << c.asked) {
            Table t = read_table(file, figures_options(c.asked));
            BOOST_TEST(t.sheet == c.sheet);
            BOOST_TEST(t.notes.at(0) == "sheet \"" + c.sheet + "\" was read");
            if (c.first_code.empty()) {
                // Asked for, so read although it has no header: the validation names the lack.
                BOOST_TEST(t.header == (Cells{"填报说明"}));
                BOOST_TEST(joined(t.notes).find("no row among the first 10 non-empty rows") !=
                           std::string::npos);
            } else {
                BOOST_TEST(std::string(t.rows.at(0).cells[0]) == c.first_code);
            }
        }
    }
    for (std::string wrong : {"0", "4", "数据"}) {
        BOOST_TEST_CONTEXT("--sheet " << wrong) {
            try {
                read_table(file, figures_options(wrong));
                BOOST_FAIL("an unknown sheet was accepted");
            } catch (const UsageError& e) {
                BOOST_TEST(std::string(e.what()) ==
                           "figures.xlsx has no sheet \"" + wrong +
                               "\" (its sheets: \"old\", \"说明\", \"2021\")");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(no_sheet_with_a_header_reads_the_first_visible_and_says_where_it_looked) {
    TempDir dir;
    fs::path file = dir.path / "figures.xlsx";
    write_workbook(file, {{"old", "hidden", figures_rows(1, "OLD")},
                          {"说明", "", text_row(2, {"填报说明"}) + text_row(3, {"a", "b"})},
                          {"汇总", "", text_row(1, {"企业名称", "营业收入"})}});
    Table t = read_table(file, figures_options());
    BOOST_TEST(t.sheet == "说明");
    BOOST_TEST(t.header == (Cells{"填报说明"}));
    BOOST_TEST(t.header_row == 2);
    BOOST_TEST(t.rows.size() == 1u);
    std::vector<std::string> expected = {
        "sheet \"old\" is hidden and was passed over",
        "no sheet has a row naming the required columns among its first 10 non-empty rows "
        "(sheets looked at: \"说明\", \"汇总\")",
        "sheet \"说明\" was read",
        "no row among the first 10 non-empty rows names the required columns; row 2 is taken as "
        "the header"};
    BOOST_TEST(t.notes == expected, boost::test_tools::per_element());

    fs::path all_hidden = dir.path / "hidden.xlsx";
    write_workbook(all_hidden, {{"a", "hidden", figures_rows(1, "A")}});
    CellError error = error_reading(all_hidden);
    BOOST_TEST(error.reason == "every sheet of the workbook is hidden; choose the sheet to read");
    BOOST_TEST(read_table(all_hidden, figures_options("a")).rows.size() == 2u);
}

BOOST_AUTO_TEST_CASE(title_rows_and_footer_rows_around_the_data_are_skipped) {
    // Row 1 a merged title, row 2 the issuing unit, row 3 empty, header on row 4; after the data
    // a total row with a saved SUM, a signature row, and a date line.
    std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>2020年规上企业主要经济指标</t></is></c>"
        "</row>" +
        text_row(2, {"填报单位：南昌市工业和信息化局", "", "单位：万元"}) +
        text_row(4, kFiguresHeader) + text_row(5, {"X1", "2020", "100"}) +
        text_row(7, {"X2", "2020", "200.5"}) +
        "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>合计</t></is></c>"
        "<c r=\"C8\"><f>SUM(C5:C7)</f><v>300.5</v></c></row>" +
        text_row(10, {"", "填表人：张三", "审核人：李四"}) +
        text_row(11, {"填报日期：2021年3月1日"});
    TempDir dir;
    fs::path file = dir.path / "figures.xlsx";
    write_workbook(file, {{"Sheet1", "", rows}});
    Table t = read_table(file, figures_options());
    BOOST_TEST(t.header_row == 4);
    BOOST_TEST_REQUIRE(t.rows.size() == 2u);
    BOOST_TEST(t.rows[0].row_number == 5);
    BOOST_TEST(t.rows[1].row_number == 7);
    std::vector<std::string> expected = {
        "sheet \"Sheet1\" was read",
        "rows 1–2 are above the header and were skipped (\"2020年规上企业主要经济指标\", "
        "\"填报单位：南昌市工业和信息化局\")",
        "row 8 is a total or signature row and was skipped (\"合计\")",
        "row 10 is a total or signature row and was skipped (\"填表人：张三\")",
        "row 11 is a total or signature row and was skipped (\"填报日期：2021年3月1日\")"};
    BOOST_TEST(t.notes == expected, boost::test_tools::per_element());

    // The same file read without a header key: every row is data, nothing is skipped.
    Table plain = read_table(file);
    BOOST_TEST(plain.header == (Cells{"2020年规上企业主要经济指标"}));
    BOOST_TEST(plain.rows.size() == 7u);
}

BOOST_AUTO_TEST_CASE(formula_cells_are_read_by_their_saved_result_or_refused) {
    struct Case {
        const char* what;
        std::string data_rows;  // after the header on row 1
        std::string error;      // empty: read; else the whole message
        Cells first_row;
    };
    const std::vector<Case> cases = {
        {"saved results",
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X1</t></is></c><c r=\"B2\"><v>2020</v>"
         "</c><c r=\"C2\"><f>100*2</f><v>200</v></c><c r=\"D2\" t=\"str\"><f>\"a\"&amp;\"b\"</f>"
         "<v>ab</v></c><c r=\"E2\" t=\"str\"><f>\"\"</f><v></v></c></row>",
         "",
         {"X1", "2020", "200", "ab"}},
        {"no saved result in a data row",
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X1</t></is></c><c r=\"B2\"><v>2020</v>"
         "</c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>X2</t></is></c>"
         "<c r=\"B3\"><v>2020</v></c><c r=\"C3\"><f>C2*2</f></c></row>",
         "figures.xlsx:3:营业收入（万元）: cell C3 holds a formula without a saved result; open "
         "the "
         "file in Excel or WPS, save it, and import it again",
         {}},
        {"a shared formula beyond the header's columns",
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X1</t></is></c><c r=\"F2\">"
         "<f t=\"shared\" si=\"0\"/></c></row>",
         "figures.xlsx:2:F: cell F2 holds a formula without a saved result; open the file in "
         "Excel or WPS, save it, and import it again",
         {}},
        {"a row holding only an unsaved formula is not blank",
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X1</t></is></c></row>"
         "<row r=\"3\"><c r=\"A3\"><f>A2</f></c></row>",
         "figures.xlsx:3:统一社会信用代码: cell A3 holds a formula without a saved result; open "
         "the file in Excel or WPS, save it, and import it again",
         {}},
        {"no saved result in a total row that is skipped",
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X1</t></is></c><c r=\"C2\"><v>5</v>"
         "</c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>合计</t></is></c>"
         "<c r=\"C3\"><f>SUM(C2:C2)</f></c></row>",
         "",
         {"X1", "", "5"}},
    };
    TempDir dir;
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            fs::path file = dir.path / "figures.xlsx";
            std::string rows = text_row(1, kFiguresHeader) + c.data_rows;
            write_workbook(file, {{"s", "", rows}});
            try {
                Table t = read_table(file, figures_options());
                BOOST_TEST(c.error.empty(), "read although " << c.error);
                BOOST_TEST(t.rows.at(0).cells.to_strings() == c.first_row,
                           boost::test_tools::per_element());
            } catch (const InputError& e) {
                BOOST_TEST_REQUIRE(e.errors().size() == 1u);
                BOOST_TEST(e.errors()[0].to_string() == c.error);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unsaved_formula_in_a_title_row_is_skipped_with_it) {
    TempDir dir;
    fs::path file = dir.path / "figures.xlsx";
    write_workbook(file, {{"s", "",
                           "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名单</t></is></c>"
                           "<c r=\"B1\"><f>TODAY()</f></c></row>" +
                               text_row(2, kFiguresHeader) + text_row(3, {"X1", "2020"})}});
    Table t = read_table(file, figures_options());
    BOOST_TEST(t.header_row == 2);
    BOOST_TEST(t.rows.at(0).row_number == 3);
}

BOOST_AUTO_TEST_CASE(numbers_are_read_as_the_decimal_a_spreadsheet_shows) {
    struct Case {
        const char* raw;
        const char* text;
    };
    const Case cases[] = {
        {"950.5649000000001", "950.5649"},
        {"0.30000000000000004", "0.3"},
        {"3703.6800000000003", "3703.68"},
        {"12345.670000000002", "12345.67"},
        {"0.7999999999999999", "0.8"},
        {"1.0000000000000002", "1"},
        {"100.0", "100"},
        {"1E-05", "0.00001"},
        {"2.5E-7", "0.00000025"},
        {"1.2345E+4", "12345"},
        {"123456789012.34", "123456789012.34"},
        {"-0.000001", "-0.000001"},
        {"99999999999999.9", "99999999999999.9"},
        {"1E+20", "1e+20"},  // no figure is this large; kept short rather than as 21 digits
    };
    std::string row = "<row r=\"2\">";
    for (std::size_t k = 0; k < std::size(cases); ++k)
        row += "<c r=\"" + std::string(1, static_cast<char>('A' + k)) + "2\"><v>" + cases[k].raw +
               "</v></c>";
    row += "</row>";
    TempDir dir;
    fs::path file = dir.path / "numbers.xlsx";
    write_workbook(file, {{"s", "", text_row(1, {"n"}) + row}});
    Table t = read_table(file);
    BOOST_TEST_REQUIRE(t.rows.size() == 1u);
    for (std::size_t k = 0; k < std::size(cases); ++k)
        BOOST_TEST(std::string(t.rows[0].cells.at(k)) == cases[k].text, cases[k].raw);
}

BOOST_AUTO_TEST_CASE(date_styled_cells_become_iso_dates_and_other_serials_stay_numbers) {
    // Styles of kStyles: 1 yyyy/m/d, 2 built-in 14, 3 0.00E+00, 4 h:mm, 5 yyyy"年"m"月"d"日".
    struct Case {
        int style;
        const char* raw;
        const char* text;
    };
    const Case cases[] = {
        {1, "43831", "2020-01-01"}, {2, "43831.75", "2020-01-01"},  // date-time: the day
        {5, "44377", "2021-06-30"}, {2, "1", "1900-01-01"},
        {2, "60", "1900-02-29"},  // Excel's phantom day; the date validation rejects it
        {0, "43831", "43831"},      {3, "43831", "43831"},
        {4, "0.5", "0.5"},          {2, "2958466", "2958466"},  // past 9999-12-31
    };
    std::string row = "<row r=\"2\">";
    for (std::size_t k = 0; k < std::size(cases); ++k)
        row += "<c r=\"" + std::string(1, static_cast<char>('A' + k)) + "2\" s=\"" +
               std::to_string(cases[k].style) + "\"><v>" + cases[k].raw + "</v></c>";
    row += "</row>";
    TempDir dir;
    fs::path file = dir.path / "dates.xlsx";
    write_workbook(file, {{"s", "", text_row(1, {"d"}) + row}});
    Table t = read_table(file);
    BOOST_TEST_REQUIRE(t.rows.size() == 1u);
    for (std::size_t k = 0; k < std::size(cases); ++k)
        BOOST_TEST(std::string(t.rows[0].cells.at(k)) == cases[k].text, cases[k].raw);
}
