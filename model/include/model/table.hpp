#pragma once
// A spreadsheet as read from CSV or XLSX: UTF-8 text cells with the row numbers a spreadsheet
// shows (header = row 1). Everything downstream (column mapping, validation) works on this.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace ladder {

enum class Encoding { Auto, Utf8, Gbk };

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
    std::vector<std::string> header;
    std::vector<TableRow> rows;  // data rows; rows whose cells are all empty are left out
};

// Reads a CSV or XLSX file (chosen by content: a ZIP signature means XLSX). Throws InputError
// (file, row, reason) on a file that cannot be read, a CSV syntax error, or text that is not
// valid in the encoding requested; with Encoding::Auto, UTF-8 (with or without BOM) is tried
// first, then GB18030 (a superset of GBK).
Table read_table(const std::filesystem::path& path, Encoding encoding = Encoding::Auto);
// The same for CSV bytes already in memory; `file_name` is used in messages.
Table read_csv_table(std::string_view bytes, const std::string& file_name,
                     Encoding encoding = Encoding::Auto);
Table read_xlsx_table(const std::filesystem::path& path);

// Writes header + rows as UTF-8 CSV (no BOM, LF line ends, minimal quoting) to `path`
// through a temporary file renamed into place, so a failed write leaves no half file.
void write_csv_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows);
// One sheet per entry; Chinese-capable, header row bold and frozen, column widths fitted.
struct Sheet {
    std::string name;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> numeric_columns;  // written as numbers when the cell parses as one
};
void write_xlsx_file(const std::filesystem::path& path, const std::vector<Sheet>& sheets);

}  // namespace ladder
