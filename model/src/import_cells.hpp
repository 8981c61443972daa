#pragma once
// The inner parts of reading an import file (model/import_schema.cpp): the text helpers
// headers and cells share, the header's mapping to columns, the reader of one data row with
// the errors it found, and one reader per kind of cell. Each reader returns nothing when the cell
// is absent or bad, and reports a bad one with the column's Chinese label and the offending value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/import_schema.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"
#include "model/table.hpp"

namespace ladder::import_cells {

// ---- text ------------------------------------------------------------------------------

// One idea of a blank (model/text.hpp) for headers and cells.
std::string_view trim_blanks(std::string_view s);
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
std::string column_letter(std::size_t index);
// A value quoted in a message: at most 40 characters, cut on a character boundary.
std::string shorten(std::string_view value);
bool all_digits(std::string_view s);

// ---- errors ----------------------------------------------------------------------------

// An error with its place in the report: by row, then by the spec's column order.
struct OrderedError {
    std::size_t order = 0;
    CellError error;
};

constexpr std::size_t kAfterAllColumns = 1000;

// "<label> "<value>" <predicate>": every cell message starts with the Chinese label and the
// offending value, so a clerk can find it without knowing the English ids.
std::string value_message(std::string_view label, std::string_view value,
                          std::string_view predicate);
// Turns a parse_fen / parse_hundredths / parse_integer reason into a predicate about the value.
std::string number_predicate(const std::string& reason);

// One data row being read: trimmed cells by spec column, and the errors found so far.
class RowReader {
  public:
    RowReader(const std::string& file, const TableRow& row, const std::vector<ColumnSpec>& columns,
              const std::vector<std::optional<std::size_t>>& source,
              const std::vector<MoneyUnit>& money_units)
        : file_(file), row_(row), columns_(columns), source_(source), money_units_(money_units) {}
    // The unit a money column's values are written in (from its header; 万元 by default).
    MoneyUnit money_unit(std::size_t col) const { return money_units_[col]; }

    int row_number() const { return row_.row_number; }
    std::string_view label(std::size_t col) const { return columns_[col].zh; }

    // Trimmed text of a spec column; empty when the column or the cell is absent.
    std::string_view cell(std::size_t col) const {
        const auto& src = source_[col];
        if (!src || *src >= row_.cells.size()) return {};
        return trim_blanks(row_.cells[*src]);
    }

    void fail(std::size_t col, std::string reason) {
        errors_.push_back(
            {col, {file_, row_.row_number, std::string(columns_[col].id), std::move(reason)}});
    }
    void fail_value(std::size_t col, std::string_view predicate) {
        fail(col, value_message(label(col), cell(col), predicate));
    }
    void fail_required(std::size_t col);
    void fail_row(std::string reason) {
        errors_.push_back({kAfterAllColumns, {file_, row_.row_number, "", std::move(reason)}});
    }

    bool ok() const { return errors_.empty(); }
    std::vector<OrderedError> take_errors() { return std::move(errors_); }

  private:
    const std::string& file_;
    const TableRow& row_;
    const std::vector<ColumnSpec>& columns_;
    const std::vector<std::optional<std::size_t>>& source_;
    const std::vector<MoneyUnit>& money_units_;
    std::vector<OrderedError> errors_;
};

// ---- header (model/src/import_header.cpp) -----------------------------------------------

// Maps header cells to spec columns. Unknown or unnamed columns become warnings; a column
// given twice or a required one missing is a file-level error (row 1, the header).
struct HeaderMap {
    std::vector<std::optional<std::size_t>> source;  // file column of each spec column
    std::vector<MoneyUnit> money_units;              // the unit of each money column's values
};

// Maps the table's header to the kind's columns; header errors go to `errors` (row of the
// header), unknown or unnamed columns to `warnings`, converted money units to `notes`. Empty
// when the header has an error.
std::optional<HeaderMap> map_header(const Table& table, RecordKind kind, bool rows_may_update,
                                    std::vector<OrderedError>& errors,
                                    std::vector<std::string>& warnings,
                                    std::vector<std::string>& notes);

// ---- cell readers: empty result when the cell is absent or bad (bad ones are reported) ----

std::optional<std::string> read_credit_code(RowReader& r, std::size_t col,
                                            const ValidationContext& ctx, bool check_registry);
std::optional<Date> read_date(RowReader& r, std::size_t col, bool required);
std::optional<int64_t> read_integer(RowReader& r, std::size_t col);
std::optional<int> read_year(RowReader& r, std::size_t col, int min, int max, bool required);
std::optional<bool> read_yes_no(RowReader& r, std::size_t col);
// A figure in its stored unit (fen of 万元, hundredths of a score, whole number or 1/0),
// range-checked by kind.
std::optional<int64_t> read_measure(RowReader& r, std::size_t col, MeasureKind kind);
// A stored figure written back as a cell.
std::string format_measure(MeasureKind kind, int64_t value);

}  // namespace ladder::import_cells
