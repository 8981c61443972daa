#pragma once
// Helpers shared by the CSV and XLSX readers (private to ladder_model).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/table.hpp"

namespace ladder::table_detail {

// Strips ASCII blanks, the ideographic space U+3000 and U+FEFF from both ends.
std::string_view trim_blanks(std::string_view text);
bool is_blank(std::string_view text);
// Adds a spreadsheet row: blank rows are skipped, the first non-blank row becomes the header
// (cells trimmed), later ones data rows keeping their row number.
void append_row(Table& table, int row_number, const std::vector<std::string>& cells);
// "figures.csv" for "/some/dir/figures.csv": messages name the file, not where it lives.
std::string base_name(const std::filesystem::path& path);

}  // namespace ladder::table_detail
