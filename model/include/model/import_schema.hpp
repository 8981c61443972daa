#pragma once
// The three import tables (docs/import.md) (firms, figures, recognitions): column names and
// Chinese aliases, cell-by-cell validation into records, and the export format back to cells.
// Every message here is what a clerk reads: `file:row:column: reason`.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/errors.hpp"
#include "model/firm.hpp"
#include "model/regions.hpp"
#include "model/table.hpp"
#include "model/tiers.hpp"

namespace ladder {

enum class RecordKind { firms, figures, recognitions };
// "firms" | "figures" | "recognitions"
std::optional<RecordKind> parse_record_kind(std::string_view name);
std::string_view record_kind_name(RecordKind kind);

struct ColumnSpec {
    std::string_view id;           // English header, used in messages
    std::string_view zh;           // Chinese alias
    bool required_column = false;  // every file's header must have it (the key columns)
    bool required_value = false;   // a record new to the registry needs a value here
};

// Where each field of a table lives, by position in columns_of(kind); the export order.
namespace firm_column {
enum : std::size_t {
    credit_code,
    name,
    region_code,
    industry_code,
    chain,
    founded,
    niche_since,
    hnte_field,
    listed_on,
    controlling_shareholder,
    business_group,
};
}
namespace figures_column {
enum : std::size_t { credit_code, year, first_measure };
}
namespace recognition_column {
enum : std::size_t { credit_code, tier, approved_on, valid_from, valid_to, doc_no };
}

// What one data row said about each column of columns_of(kind), a bit per column: `given`, a
// value; `blank`, the column is in the file but this row's cell is empty. A column in neither
// is not in the file at all. Partial files update only the given fields.
struct RowColumns {
    std::uint64_t given = 0;
    std::uint64_t blank = 0;
    bool has(std::size_t column) const { return (given >> column) & 1u; }
    bool is_blank(std::size_t column) const { return (blank >> column) & 1u; }
};
// In the order of README's import format, which is also the export order.
const std::vector<ColumnSpec>& columns_of(RecordKind kind);
// Index into columns_of(kind) for a header cell: the English id (case-insensitive) or the
// Chinese alias, surrounding blanks ignored, and a trailing unit note in parentheses ignored
// ("营业收入（万元）", "revenue (万元)"). Empty when the cell names no column of `kind`.
std::optional<std::size_t> match_column(RecordKind kind, std::string_view header_cell);
// The unit note of a header cell ("营业收入（元）" → "元"); empty when it has none.
std::string unit_note(std::string_view header_cell);

// The index of the credit_code column when `cells` name every required column of `kind`
// (match_column), else empty: which row of a clerk's file is the header (ReadOptions).
std::optional<std::size_t> header_key_column(RecordKind kind,
                                             const std::vector<std::string>& cells);

// yes/no cells: yes, no, 是, 否, y, n, true, false, 1, 0 (Latin case-insensitive).
std::optional<bool> parse_yes_no(std::string_view text);

struct ValidationContext {
    const RegionTable* regions = nullptr;  // firms; null: RegionTable::shipped()
    const TierCatalog* tiers = nullptr;    // recognitions; null: TierCatalog::builtin()
    Date today = Date::today();            // "not in the future", "year ≤ current year"
    // For figures and recognitions: whether a credit code is in the registry. Unset: not checked.
    std::function<bool(const std::string&)> firm_exists;
    // For figures: a firm's founding date (no figures for a year before it). Unset: not checked.
    std::function<std::optional<Date>(const std::string&)> founded_of;
    // The rows may update stored records (an import): a field a row does not give is not an
    // error here, since a stored record may hold it; the import's merge checks what a new record
    // needs and the cross-field rules on the merged record. Unset: every row is a whole record.
    bool rows_may_update = false;
    // With rows_may_update, for firms: whether a credit code is in the registry, so that a new
    // firm's missing name or founding date is reported with the row's other bad cells.
    std::function<bool(const std::string&)> is_stored;
};

template <class Record>
struct Validated {
    std::vector<Record> records;             // good rows in file order
    std::vector<int> record_rows;            // row number of each good record
    std::vector<RowColumns> record_columns;  // what each good record's row gave
    std::vector<CellError> errors;           // every bad cell, by row then column order
    std::vector<int> bad_rows;               // rows with at least one error, ascending, unique
    std::vector<std::string> warnings;       // e.g. unknown columns that were ignored
    std::vector<std::string> notes;          // e.g. a money column in 元, converted into 万元
    bool file_rejected = false;              // a header problem: no row can be read
};

Validated<Firm> validate_firms(const Table& table, const ValidationContext& ctx);
Validated<YearFigures> validate_figures(const Table& table, const ValidationContext& ctx);
Validated<Recognition> validate_recognitions(const Table& table, const ValidationContext& ctx);

// The cross-field rules of one whole record: 主营业务收入 ≤ 营业收入 and the other bounds of the
// same year; 细分领域起始年份 not before the founding year, 上市日期 not before 成立日期. `fail`
// receives each broken rule's column (an index into columns_of) and the message naming both
// fields. Validation applies them to whole rows; an import applies them to merged records.
using CrossFieldFailure = std::function<void(std::size_t column, std::string reason)>;
void check_cross_fields(const Firm& firm, const CrossFieldFailure& fail);
void check_cross_fields(const YearFigures& figures, const CrossFieldFailure& fail);

// An edit of one record (a firm's fields, one year's figures) given as its export cells in
// export_header() order, checked with exactly the rules and messages of one import row.
// `label` stands where a file name would (usually the credit code); errors carry row 0, since
// the record is not a spreadsheet row. The command line, the registry service and the firm
// window all validate edits through these.
Validated<Firm> validate_firm_cells(std::vector<std::string> cells, const ValidationContext& ctx,
                                    const std::string& label);
Validated<YearFigures> validate_figures_cells(std::vector<std::string> cells,
                                              const ValidationContext& ctx,
                                              const std::string& label);

// Export: English header and cells in the import format (money 2 decimals, YYYY-MM-DD,
// yes/no, absent = empty), so export → import → export is byte-identical.
std::vector<std::string> export_header(RecordKind kind);
std::vector<std::string> to_cells(const Firm& firm);
std::vector<std::string> to_cells(const YearFigures& figures);
std::vector<std::string> to_cells(const Recognition& recognition);
// How each export column is typed in a spreadsheet, in export_header() order: money as Money,
// years, counts, ranks and scores as Number, dates as Date; credit, region and industry codes,
// names, ids and yes/no as Text.
std::vector<CellType> export_cell_types(RecordKind kind);

}  // namespace ladder
