#pragma once
// Helpers shared by the CSV and XLSX readers (private to ladder_model).
#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/table.hpp"
#include "model/text.hpp"

namespace ladder::table_detail {

// model/text.hpp: one idea of a blank for reading tables and validating cells.
inline std::string_view trim_blanks(std::string_view text) {
    return ::ladder::trim(text);
}
using ::ladder::is_blank;

// Turns the rows of a file or sheet, as they are read, into a Table: blank rows are left out;
// the header is the first non-blank row, or with a header key the first of the first 10
// non-blank rows that names the required columns (title rows above it are skipped); data rows
// keep their own row numbers. finish() skips total and signature rows after the data.
class TableBuilder {
  public:
    using HeaderKey = decltype(ReadOptions::header_key);
    // `header_row` > 0: that row (or the first non-empty one after it) is the header, as the
    // clerk chose it; 0: the header is searched with `header_key`.
    TableBuilder(Table& table, HeaderKey header_key, int header_row = 0);

    void add(int row_number, const std::vector<std::string>& cells);
    // A formula cell without a saved result (column zero-based, `reference` such as "E7"): an
    // error unless its row turns out to be a skipped title, total or signature row.
    void add_unsaved_formula(int row_number, std::size_t column, std::string reference);
    // With a header key: 10 non-blank rows were read and none names the required columns.
    bool search_failed() const { return state_ == State::failed; }
    // The header was found by the header key (always false without one).
    bool header_matched() const { return state_ == State::matched; }
    // Settles the header (the first non-blank row when none matched), skips trailing total and
    // signature rows, adds the notes, and throws InputError for an unsaved formula in a row kept.
    void finish();

  private:
    enum class State { plain, searching, matched, failed };
    struct Buffered {
        int row_number;
        std::vector<std::string> cells;
    };
    struct UnsavedFormula {
        int row_number;
        std::size_t column;
        std::string reference;
    };
    void take_header(std::size_t buffered_index);
    void append_data(int row_number, const std::vector<std::string>& cells, std::size_t width);
    void skip_footer();

    Table& table_;
    HeaderKey header_key_;
    int header_row_ = 0;
    State state_;
    std::vector<Buffered> buffered_;  // non-blank rows while the header is searched for
    std::vector<Buffered> above_header_;
    std::optional<std::size_t> key_column_;
    std::set<int> skipped_rows_;  // total and signature rows after the data
    std::vector<UnsavedFormula> unsaved_formulas_;
};
// "figures.csv" for "/some/dir/figures.csv": messages name the file, not where it lives.
std::string base_name(const std::filesystem::path& path);

}  // namespace ladder::table_detail
