#pragma once
// Aligned plain-text tables for people reading a terminal; CJK characters take two columns.
#include <ostream>
#include <string>
#include <vector>

namespace ladder::cli {

// Display width of UTF-8 text: East Asian wide characters count 2.
std::size_t display_width(const std::string& text);

class TextTable {
  public:
    explicit TextTable(std::vector<std::string> header, std::vector<bool> right_aligned = {})
        : header_(std::move(header)), right_(std::move(right_aligned)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const;

  private:
    std::vector<std::string> header_;
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

// JSON string literal with escapes.
std::string json_string(const std::string& text);

}  // namespace ladder::cli
