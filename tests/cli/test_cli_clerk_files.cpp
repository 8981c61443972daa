// Files as clerks really have them, through the built ladder-cli: title rows above the header,
// totals and signatures under the data, workbooks with hidden and unrelated sheets, formulas,
// date cells and serials. Row numbers in every message are the file's own.
#include <boost/test/unit_test.hpp>

#include <iconv.h>
#include <zip.h>

#include <map>

#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder::test;

namespace {

const std::string A = code("91360100MA35AAAA0");
const std::string B = code("91360700MA35BBBB0");

struct Registry {
    TestDatabase db;
    const TempDir& dir = db.dir();
    Registry() {
        write_file(dir / "firms.csv", "credit_code,name,founded\n" + A +
                                          ",南昌甲科技有限公司,2010-05-01\n" + B +
                                          ",赣州乙材料有限公司,2015-03-15\n");
        CliResult r = cli("import firms firms.csv");
        BOOST_TEST_REQUIRE(r.status == 0, r.err);
    }
    CliResult cli(const std::string& args) const {
        return run_cli(dir.path(), db.cli_args() + " " + args);
    }
};

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// ---- hand-written workbooks -----------------------------------------------------------------

struct SheetXml {
    std::string name;
    bool hidden = false;
    std::string rows;
};

std::string cell_ref(std::size_t column, int row) {
    return std::string(1, static_cast<char>('A' + column)) + std::to_string(row);
}

std::string text_row(int r, const std::vector<std::string>& cells) {
    std::string xml = "<row r=\"" + std::to_string(r) + "\">";
    for (std::size_t k = 0; k < cells.size(); ++k) {
        if (cells[k].empty()) continue;
        xml +=
            "<c r=\"" + cell_ref(k, r) + "\" t=\"inlineStr\"><is><t>" + cells[k] + "</t></is></c>";
    }
    return xml + "</row>";
}

// Style 1 is the built-in date format 14 (m/d/yyyy, shown by Chinese Excel as yyyy/m/d).
void write_workbook(const fs::path& path, const std::vector<SheetXml>& sheets) {
    std::map<std::string, std::string> parts;
    std::string workbook =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
    std::string rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        std::string n = std::to_string(i + 1);
        workbook += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + n + "\" r:id=\"rId" + n +
                    "\"" + (sheets[i].hidden ? " state=\"hidden\"" : "") + "/>";
        rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet" + n + ".xml\"/>";
        parts["xl/worksheets/sheet" + n + ".xml"] =
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            "<sheetData>" +
            sheets[i].rows + "</sheetData></worksheet>";
    }
    parts["xl/workbook.xml"] = workbook + "</sheets></workbook>";
    parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>";
    parts["xl/styles.xml"] =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    BOOST_TEST_REQUIRE(archive != nullptr);
    for (const auto& [name, data] : parts) {
        zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
        BOOST_TEST_REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    BOOST_TEST_REQUIRE(zip_close(archive) == 0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(gbk_figures_with_titles_and_footer_rows_keep_the_files_row_numbers) {
    Registry r;
    std::string utf8 =
        "2020年度规上工业企业主要经济指标,,,\r\n"
        "填报单位：南昌市统计局,,,单位：万元\r\n"
        "统一社会信用代码,年度,营业收入（万元）,职工总数（人）\r\n" +
        A + ",2020,\"1,234.50\",120\r\n" + B + ",2020,abc,80\r\n" +
        "合计,,1234.50,200\r\n"
        "填表人：张三,,审核人：李四,\r\n";
    write_file(r.dir / "fig.csv", to_gbk(utf8));

    // Abort: nothing written, the notes and the error with the file's row number.
    CliResult abort = r.cli("import figures fig.csv");
    BOOST_TEST(abort.status == 1, abort.err);
    const std::string notes =
        "fig.csv: note: rows 1–2 are above the header and were skipped "
        "(\"2020年度规上工业企业主要经济指标\", \"填报单位：南昌市统计局\")\n"
        "fig.csv: note: row 6 is a total or signature row and was skipped (\"合计\")\n"
        "fig.csv: note: row 7 is a total or signature row and was skipped (\"填表人：张三\")\n";
    BOOST_TEST(abort.err.starts_with(notes), abort.err);
    BOOST_TEST(has(abort.err, "fig.csv:5:revenue: 营业收入 \"abc\" is not a number\n"), abort.err);
    BOOST_TEST(!has(r.cli("export figures").out, A), "a rejected file changed the registry");

    // Skip: the good row imported, the bad one in the report with its own cells.
    CliResult skip = r.cli("import figures fig.csv --on-error skip --report rejected.csv");
    BOOST_TEST(skip.status == 0, skip.err);
    BOOST_TEST(skip.err.starts_with(notes), skip.err);
    BOOST_TEST(has(skip.out, "2 rows read, 1 new"), skip.out);
    BOOST_TEST(has(skip.out, "1 rejected"), skip.out);
    // The report of a GBK file is GBK (GB18030), so Chinese Excel opens it.
    std::string report = read_file(r.dir / "rejected.csv");
    BOOST_TEST(has(report, to_gbk("统一社会信用代码,年度,营业收入（万元）,职工总数（人）,error")));
    BOOST_TEST(has(report, B + ",2020,abc,80,\"revenue: "));
    BOOST_TEST(!has(report, to_gbk("合计")));
    BOOST_TEST(has(r.cli("export figures").out, A + ",2020,1234.50,"));
}

BOOST_AUTO_TEST_CASE(workbook_with_hidden_and_unrelated_sheets) {
    Registry r;
    const std::vector<std::string> header = {"统一社会信用代码", "梯度", "认定日期", "有效期起",
                                             "有效期止"};
    // Hidden old data (would fail: an unknown tier), an instructions sheet, then the data with
    // a title row: a date cell, a serial that lost its format, YYYYMMDD text.
    std::string old_rows = text_row(1, header) + text_row(2, {A, "旧梯度", "2018-01-01"});
    std::string data_rows =
        text_row(1, {"2021年认定名单"}) + text_row(2, header) + "<row r=\"3\">" +
        "<c r=\"A3\" t=\"inlineStr\"><is><t>" + A +
        "</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>高新技术企业</t></is></c>"
        "<c r=\"C3\" s=\"1\"><v>44197</v></c><c r=\"D3\"><v>44198</v></c>"
        "<c r=\"E3\" t=\"inlineStr\"><is><t>20231231</t></is></c></row>" +
        text_row(4, {B, "瞪羚企业", "2021/2/1"});
    write_workbook(r.dir / "rec.xlsx", {{"2018", true, old_rows},
                                        {"说明", false, text_row(1, {"填报说明：每企业一行"})},
                                        {"名单", false, data_rows}});

    CliResult res = r.cli("import recognitions rec.xlsx");
    BOOST_TEST(res.status == 0, res.err);
    BOOST_TEST(
        res.err ==
            "rec.xlsx: note: sheet \"2018\" is hidden and was passed over\n"
            "rec.xlsx: note: sheet \"说明\" has no row naming the required columns among "
            "its first 10 non-empty rows and was passed over\n"
            "rec.xlsx: note: sheet \"名单\" was read\n"
            "rec.xlsx: note: row 1 is above the header and was skipped (\"2021年认定名单\")\n",
        res.err);
    BOOST_TEST(has(res.out, "2 rows read, 2 new"), res.out);
    std::string exported = r.cli("export recognitions").out;
    BOOST_TEST(has(exported, A + ",high_tech,2021-01-01,2021-01-02,2023-12-31,"), exported);
    BOOST_TEST(has(exported, B + ",gazelle,2021-02-01,2021-02-01,"), exported);

    // The hidden sheet only when asked for, by name or number: its unknown tier on its row 2.
    for (const char* asked : {"2018", "1"}) {
        CliResult old = r.cli(std::string("import recognitions rec.xlsx --sheet ") + asked);
        BOOST_TEST(old.status == 1, old.err);
        BOOST_TEST(has(old.err, "rec.xlsx: note: sheet \"2018\" was read\n"), old.err);
        BOOST_TEST(has(old.err, "rec.xlsx:2:tier: "), old.err);
    }
    CliResult none = r.cli("import recognitions rec.xlsx --sheet 4");
    BOOST_TEST(none.status == 2, none.err);
    BOOST_TEST(
        has(none.err, "rec.xlsx has no sheet \"4\" (its sheets: \"2018\", \"说明\", \"名单\")"),
        none.err);
}

BOOST_AUTO_TEST_CASE(formulas_need_their_saved_result_and_numbers_lose_their_float_noise) {
    Registry r;
    const std::vector<std::string> header = {"统一社会信用代码", "年度", "营业收入", "利润总额"};
    auto rows = [&](const std::string& b_profit) {
        return text_row(1, header) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + A +
               "</t></is></c><c r=\"B2\"><v>2020</v></c><c r=\"C2\"><v>3703.6800000000003</v>"
               "</c><c r=\"D2\"><f>C2-3.68</f><v>3699.9999999999995</v></c></row>"
               "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>" +
               B +
               "</t></is></c><c r=\"B3\"><v>2020</v></c><c r=\"C3\"><v>0.30000000000000004</v>"
               "</c><c r=\"D3\"><f>C3-1</f>" +
               b_profit + "</c></row>";
    };
    write_workbook(r.dir / "unsaved.xlsx", {{"Sheet1", false, rows("")}});
    CliResult unsaved = r.cli("import figures unsaved.xlsx");
    BOOST_TEST(unsaved.status == 1, unsaved.err);
    BOOST_TEST(has(unsaved.err,
                   "unsaved.xlsx:3:利润总额: cell D3 holds a formula without a saved result; "
                   "open the file in Excel or WPS, save it, and import it again\n"),
               unsaved.err);

    write_workbook(r.dir / "saved.xlsx", {{"Sheet1", false, rows("<v>-0.7</v>")}});
    CliResult saved = r.cli("import figures saved.xlsx");
    BOOST_TEST(saved.status == 0, saved.err);
    BOOST_TEST(has(saved.out, "2 rows read, 2 new"), saved.out);
    std::string exported = r.cli("export figures").out;
    BOOST_TEST(has(exported, A + ",2020,3703.68,,,,3700.00,"), exported);
    BOOST_TEST(has(exported, B + ",2020,0.30,,,,-0.70,"), exported);
}

BOOST_AUTO_TEST_CASE(a_file_without_a_header_says_so_before_the_missing_columns) {
    Registry r;
    write_file(r.dir / "list.csv", "企业名称,营业收入\n南昌甲科技有限公司,100\n");
    CliResult res = r.cli("import figures list.csv");
    BOOST_TEST(res.status == 1, res.err);
    BOOST_TEST(res.err.starts_with("list.csv: note: no row among the first 10 non-empty rows "
                                   "names the required columns; row 1 is taken as the header\n"),
               res.err);
    BOOST_TEST(has(res.err, "list.csv:1:credit_code: required column credit_code"), res.err);
}
