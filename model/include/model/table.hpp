#pragma once
// A spreadsheet as read from CSV or XLSX: UTF-8 text cells with the row numbers a spreadsheet
// shows (header = row 1). Everything downstream (column mapping, validation) works on this.
#include <filesystem>
#include <string>
#include <vector>

namespace ladder {

enum class Encoding { Auto, Utf8, Gbk };

struct TableRow {
    int row_number = 0;              // as a spreadsheet shows it
    std::vector<std::string> cells;  // UTF-8, surrounding blanks kept; may be shorter than header
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
