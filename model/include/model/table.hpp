#pragma once
// A spreadsheet as read from CSV or XLSX: UTF-8 text cells with the row numbers a spreadsheet
// shows (counted from the file's first row, also when title rows stand above the header).
// Everything downstream (column mapping, validation) works on this.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace ladder {

enum class Encoding { detect, utf8, gbk };

// The cells of one row as one piece of text and where each cell ends. A row of 27 cells held as
// 27 std::string took 864 bytes before any text; a million-firm figures file has 4.4M rows.
class RowCells {
  public:
    RowCells() = default;
    RowCells(std::initializer_list<std::string_view> cells);
    explicit RowCells(const std::vector<std::string>& cells);

    void reserve(std::size_t cells, std::size_t text_bytes) {
        ends_.reserve(cells);
        text_.reserve(text_bytes);
    }
    void push_back(std::string_view cell);
    std::size_t size() const { return ends_.size(); }
    bool empty() const { return ends_.empty(); }
    std::string_view operator[](std::size_t i) const {
        std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text_).substr(begin, ends_[i] - begin);
    }
    std::string_view at(std::size_t i) const;  // throws std::out_of_range past the last cell
    std::vector<std::string> to_strings() const;
    friend bool operator==(const RowCells&, const RowCells&) = default;

  private:
    std::string text_;
    std::vector<std::uint32_t> ends_;
};

struct TableRow {
    int row_number = 0;  // as a spreadsheet shows it
    RowCells cells;      // UTF-8, surrounding blanks kept; may be shorter than header
};

struct Table {
    std::string file_name;  // base name used in messages ("figures.csv")
    std::string encoding;   // what was read: "UTF-8", "UTF-8 (BOM)", "GB18030", "XLSX"
    std::string sheet;      // XLSX: the name of the sheet read
    int header_row = 1;     // the header's row number as the file shows it
    std::vector<std::string> header;
    std::vector<TableRow> rows;  // data rows; rows whose cells are all empty are left out
    // Sentences for the clerk (translated): the sheet read and the ones passed over, title rows
    // above the header and total or signature rows below the data that were skipped.
    std::vector<std::string> notes;
};

struct ReadOptions {
    Encoding encoding = Encoding::detect;  // CSV only
    // XLSX: a sheet's name, or its 1-based number among all sheets (hidden ones included);
    // empty = the first visible sheet with a header. Ignored (with a note) for CSV.
    std::string sheet;
    // Given a row's cells: the index of the key column when the row names every required column
    // of the table being imported, else empty. Set, the header is searched among the first 10
    // non-empty rows and total or signature rows after the data are skipped; unset, the first
    // non-empty row is the header and every later row is data.
    std::function<std::optional<std::size_t>(const std::vector<std::string>& cells)> header_key;
    // The header row as the file numbers it, when the clerk has chosen it (the import wizard);
    // 0: searched with header_key.
    int header_row = 0;
};

// Reads a CSV or XLSX file (chosen by content: a ZIP signature means XLSX). Throws InputError
// (file, row, reason) on a file that cannot be read, a CSV syntax error, text that is not
// valid in the encoding requested, or a formula cell without a saved result; with
// Encoding::detect, UTF-8 (with or without BOM) is tried first, then GB18030 (a superset of GBK).
// Throws UsageError when options.sheet names no sheet of the workbook.
Table read_table(const std::filesystem::path& path, const ReadOptions& options);
// No header search: the first non-empty row is the header (of the first visible sheet).
Table read_table(const std::filesystem::path& path, Encoding encoding = Encoding::detect);
// The same for CSV bytes already in memory; `file_name` is used in messages.
Table read_csv_table(std::string_view bytes, const std::string& file_name,
                     const ReadOptions& options);
Table read_csv_table(std::string_view bytes, const std::string& file_name,
                     Encoding encoding = Encoding::detect);
Table read_xlsx_table(const std::filesystem::path& path, const ReadOptions& options);
// The sheets of a workbook in tab order (for a choice of sheet); throws InputError when the
// file is no workbook.
struct SheetName {
    std::string name;
    bool hidden = false;
};
std::vector<SheetName> xlsx_sheets(const std::filesystem::path& path);
Table read_xlsx_table(const std::filesystem::path& path);

// How a CSV file is written. The default is the registry's own form: UTF-8 without BOM and
// LF line ends, so that export → import → export is byte-identical. The forms for people
// (csv_for_excel) are what Chinese Excel and WPS open without garbling: they read a file
// without a BOM in the system code page (GBK), so UTF-8 needs its BOM there.
enum class CsvEncoding {
    utf8,      // no BOM
    utf8_bom,  // EF BB BF first
    gbk,       // strict GBK (code page 936): a character outside it is an error
    gb18030,   // every character (GBK's superset), for text that was read as GB18030
};
struct CsvOptions {
    CsvEncoding encoding = CsvEncoding::utf8;
    bool crlf = false;  // CR LF after each record (embedded line breaks stay as given)
};
// UTF-8 with BOM (or `encoding` when it is not UTF-8) and CR LF line ends.
CsvOptions csv_for_excel(CsvEncoding encoding = CsvEncoding::utf8_bom);

// Writes header + rows as CSV (minimal quoting) to `path` through a temporary file renamed
// into place, so a failed write leaves no half file; "-" is standard output. In GBK, a
// character GBK cannot hold throws InputError naming its row (header = 1) and column, and
// nothing is written.
void write_csv_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows,
                    const CsvOptions& options = {});

// How an XLSX column's cells are written. A cell whose text does not have the column's form
// (empty cells aside) is written as text, so nothing is lost ("007", "n/a", a date before 1900).
enum class CellType {
    text,    // always text: names, yes/no, codes whose leading zeros and 18 digits must stay
    number,  // a number shown with the decimals its text has ("2019", "85.50")
    money,   // a number shown with at least 2 decimals and up to 6 when it has them
    date,    // YYYY-MM-DD text as an Excel date shown yyyy-mm-dd
};
// One sheet per entry; Chinese-capable, header row bold and frozen, column widths fitted.
struct Sheet {
    std::string name;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<CellType> column_types;  // by column; Text where missing
};
// Custom document properties (File → Properties → Custom in Excel), name → text: what a
// program may read about the file without a row in its data, such as the audit head an export
// was made at.
using DocumentProperties = std::vector<std::pair<std::string, std::string>>;
void write_xlsx_file(const std::filesystem::path& path, const std::vector<Sheet>& sheets,
                     const DocumentProperties& properties = {});

}  // namespace ladder
