#include "model/import_schema.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/text.hpp"
#include "model/industry.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"
#include "model/uscc.hpp"

namespace ladder {

namespace {

// ---- text ------------------------------------------------------------------------------

// One idea of a blank (model/text.hpp) for headers and cells.
std::string_view trim_blanks(std::string_view s) {
    return trim(s);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
std::string column_letter(std::size_t index) {
    std::string letters;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

// A value quoted in a message: at most 40 characters, cut on a character boundary.
std::string shorten(std::string_view value) {
    constexpr std::size_t kMaxChars = 40;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;
        if (chars++ == kMaxChars) return std::string(value.substr(0, i)) + "…";
    }
    return std::string(value);
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- columns ---------------------------------------------------------------------------

namespace firm_col = firm_column;
namespace figures_col = figures_column;
namespace recognition_col = recognition_column;

const std::vector<ColumnSpec>& firm_columns() {
    static const std::vector<ColumnSpec> columns = {
        {"credit_code", "统一社会信用代码", true, true},
        {"name", "企业名称", false, true},
        {"region_code", "行政区划代码", false},
        {"industry_code", "行业代码", false},
        {"chain", "产业链", false},
        {"founded", "成立日期", false, true},
        {"niche_since", "细分领域起始年份", false},
        {"hnte_field", "高新技术领域", false},
        {"listed_on", "上市日期", false},
    };
    return columns;
}

const std::vector<ColumnSpec>& figures_columns() {
    static const std::vector<ColumnSpec> columns = [] {
        std::vector<ColumnSpec> c = {{"credit_code", "统一社会信用代码", true, true},
                                     {"year", "年度", true, true}};
        for (const auto& m : kMeasures) c.push_back({m.id, m.zh, false});
        return c;
    }();
    return columns;
}

const std::vector<ColumnSpec>& recognition_columns() {
    static const std::vector<ColumnSpec> columns = {
        {"credit_code", "统一社会信用代码", true, true},
        {"tier", "梯度", true, true},
        {"approved_on", "认定日期", false, true},
        {"valid_from", "有效期起", false},
        {"valid_to", "有效期止", false},
        {"doc_no", "文号", false},
    };
    return columns;
}

// A trailing unit note: "营业收入（万元）" → "营业收入", "revenue (万元)" → "revenue".
std::string_view without_unit_note(std::string_view name) {
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"},
                               {"\xEF\xBC\x88", "\xEF\xBC\x89"}}) {  // （ ）
        if (name.size() <= close.size() || name.substr(name.size() - close.size()) != close)
            continue;
        auto at = name.rfind(open);
        if (at == std::string_view::npos || at == 0) continue;
        return trim_blanks(name.substr(0, at));
    }
    return name;
}

// The text of a trailing unit note: "营业收入（元）" → "元"; empty when there is none.
std::string_view unit_note_of(std::string_view name) {
    auto bare = without_unit_note(name);
    if (bare.size() == name.size()) return {};
    auto rest = name.substr(bare.size());
    rest = trim_blanks(rest);
    for (std::string_view open : {"(", "\xEF\xBC\x88"})
        if (rest.substr(0, open.size()) == open) rest.remove_prefix(open.size());
    for (std::string_view close : {")", "\xEF\xBC\x89"})
        if (rest.size() >= close.size() && rest.substr(rest.size() - close.size()) == close)
            rest.remove_suffix(close.size());
    return trim_blanks(rest);
}

struct UnitName {
    std::string_view name;
    MoneyUnit unit;
};
constexpr UnitName kMoneyUnits[] = {{"元", MoneyUnit::Yuan},
                                    {"千元", MoneyUnit::Qianyuan},
                                    {"万元", MoneyUnit::Wan},
                                    {"亿元", MoneyUnit::Yi}};

std::optional<std::size_t> match_exact(RecordKind kind, std::string_view name) {
    const auto& columns = columns_of(kind);
    std::string lower = ascii_lower(name);
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].id == lower || columns[i].zh == name) return i;
    return std::nullopt;
}

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
                          std::string_view predicate) {
    return fmt::format(fmt::runtime(_("{} \"{}\" {}")), label, shorten(value), predicate);
}

// Turns a parse_fen / parse_hundredths / parse_integer reason into a predicate about the value.
std::string number_predicate(const std::string& reason) {
    if (reason == _("more than two decimals")) return _("has more than two decimals");
    if (reason == _("finer than the fen (0.01 元)")) return _("is finer than the fen (0.01 元)");
    if (reason == _("misplaced thousands separator"))
        return _("has a misplaced thousands separator");
    if (reason == _("number too large")) return _("is too large");
    if (reason == _("not a whole number")) return _("is not a whole number");
    return _("is not a number");
}

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
    void fail_required(std::size_t col) {
        fail(col, fmt::format(fmt::runtime(_("{} is required")), label(col)));
    }
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

// ---- cell readers: empty result when the cell is absent or bad (bad ones are reported) ----

std::optional<std::string> read_credit_code(RowReader& r, std::size_t col,
                                            const ValidationContext& ctx, bool check_registry) {
    auto text = r.cell(col);
    if (text.empty()) {
        r.fail_required(col);
        return std::nullopt;
    }
    // Lower-case letters are an obvious typing variant of the same code: accept them.
    std::string code = ascii_upper(text);
    if (auto defect = uscc_defect(code)) {
        r.fail_value(col, *defect);
        return std::nullopt;
    }
    if (check_registry && ctx.firm_exists && !ctx.firm_exists(code))
        r.fail_value(col, _("is not in the registry"));
    return code;
}

std::optional<Date> read_date(RowReader& r, std::size_t col, bool required) {
    auto text = r.cell(col);
    if (text.empty()) {
        if (required) r.fail_required(col);
        return std::nullopt;
    }
    // A date cell that lost its date format reaches the file as Excel's serial number
    // ("43831" or "43831.0" for 2020-01-01). Eight digits are YYYYMMDD (Date::parse); four
    // or fewer are a year or a slip rather than a day before 1927, and are not a date.
    const std::string_view whole = text.substr(0, text.find('.'));
    const bool zero_fraction =
        whole.size() == text.size() || text.find_first_not_of('0', whole.size() + 1) == text.npos;
    if (all_digits(whole) && zero_fraction && whole.size() > 4 && whole.size() != 8) {
        long serial = 0;
        for (char c : whole.substr(0, 8)) serial = serial * 10 + (c - '0');
        std::optional<Date> date = whole.size() <= 7 ? Date::from_serial(serial) : std::nullopt;
        if (!date) r.fail_value(col, _("is not a date (expected YYYY-MM-DD)"));
        return date;
    }
    std::string why;
    auto date = Date::parse(text, &why);
    if (!date)
        r.fail_value(col, why == _("no such date") ? _("is not a calendar date")
                                                   : _("is not a date (expected YYYY-MM-DD)"));
    return date;
}

std::optional<int64_t> read_integer(RowReader& r, std::size_t col) {
    auto text = r.cell(col);
    if (text.empty()) return std::nullopt;
    std::string why;
    auto value = parse_integer(text, &why);
    if (!value) r.fail_value(col, number_predicate(why));
    return value;
}

std::optional<int> read_year(RowReader& r, std::size_t col, int min, int max, bool required) {
    if (r.cell(col).empty()) {
        if (required) r.fail_required(col);
        return std::nullopt;
    }
    auto value = read_integer(r, col);
    if (!value) return std::nullopt;
    if (*value < min || *value > max) {
        r.fail_value(col,
                     fmt::format(fmt::runtime(_("is not a year between {} and {}")), min, max));
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

std::optional<bool> read_yes_no(RowReader& r, std::size_t col) {
    auto text = r.cell(col);
    if (text.empty()) return std::nullopt;
    auto value = parse_yes_no(text);
    if (!value) r.fail_value(col, _("is not yes or no (是/否)"));
    return value;
}

// A figure in its stored unit (fen of 万元, hundredths of a score, whole number or 1/0),
// range-checked by kind.
std::optional<int64_t> read_measure(RowReader& r, std::size_t col, MeasureKind kind) {
    auto text = r.cell(col);
    if (text.empty()) return std::nullopt;
    std::string why;
    std::optional<int64_t> value;
    switch (kind) {
        case MeasureKind::Money:
        case MeasureKind::SignedMoney:
            value = parse_fen(text, r.money_unit(col), &why);
            break;
        case MeasureKind::Score:
            value = parse_hundredths(text, &why);
            break;
        case MeasureKind::Count:
        case MeasureKind::Rank:
            value = parse_integer(text, &why);
            break;
        case MeasureKind::Flag: {
            auto flag = read_yes_no(r, col);
            return flag ? std::optional<int64_t>(*flag ? 1 : 0) : std::nullopt;
        }
    }
    if (!value) {
        r.fail_value(col, number_predicate(why));
        return std::nullopt;
    }
    const char* problem = nullptr;
    if ((kind == MeasureKind::Money || kind == MeasureKind::Count) && *value < 0)
        problem = _("must not be negative");
    else if (kind == MeasureKind::Score && (*value < 0 || *value > 100 * 100))
        problem = _("is not between 0 and 100");
    else if (kind == MeasureKind::Rank && *value < 1)
        problem = _("must be 1 or more");
    if (problem) {
        r.fail_value(col, problem);
        return std::nullopt;
    }
    return value;
}

std::string format_measure(MeasureKind kind, int64_t value) {
    if (is_money(kind)) return format_fen(value);
    if (kind == MeasureKind::Score) return format_hundredths(value);
    if (kind == MeasureKind::Flag) return value ? "yes" : "no";
    return std::to_string(value);
}

// ---- rows → records ----------------------------------------------------------------------

template <class Record>
struct RowOutcome {
    int row = 0;
    std::optional<Record> record;    // set when the row has no cell error
    std::optional<std::string> key;  // display form of the key, when its cells are valid
    std::vector<OrderedError> errors;
};

// Maps header cells to spec columns. Unknown or unnamed columns become warnings; a column
// given twice or a required one missing is a file-level error (row 1, the header).
struct HeaderMap {
    std::vector<std::optional<std::size_t>> source;  // file column of each spec column
    std::vector<MoneyUnit> money_units;              // the unit of each money column's values
};

// A unit note in a measure column's header: money converts exactly into 万元, the units of
// counts, ranks and scores are accepted and ignored, anything else is a header error (a value
// read in the wrong unit would be 10,000 times off). Empty when the unit is fine.
std::optional<std::string> check_unit(RecordKind kind, std::size_t col, std::string_view unit,
                                      MoneyUnit& money_unit) {
    if (unit.empty() || kind != RecordKind::Figures || col < figures_col::first_measure)
        return std::nullopt;
    const MeasureKind measure = kMeasures[col - figures_col::first_measure].kind;
    auto one_of = [&](std::initializer_list<std::string_view> units) {
        return std::find(units.begin(), units.end(), unit) != units.end();
    };
    switch (measure) {
        case MeasureKind::Money:
        case MeasureKind::SignedMoney:
            for (const auto& u : kMoneyUnits)
                if (u.name == unit) {
                    money_unit = u.unit;
                    return std::nullopt;
                }
            return fmt::format(fmt::runtime(_("unit {} is not one of 元, 千元, 万元, 亿元")), unit);
        case MeasureKind::Count:
            if (one_of({"人", "个", "家", "件", "项"})) return std::nullopt;
            return fmt::format(
                fmt::runtime(_("unit {} is not a unit of a count (人, 个, 家, 件, 项)")), unit);
        case MeasureKind::Rank:
            if (one_of({"名", "位"})) return std::nullopt;
            return fmt::format(fmt::runtime(_("unit {} is not a unit of a rank (名, 位)")), unit);
        case MeasureKind::Score:
            if (one_of({"%", "％", "分"})) return std::nullopt;
            return fmt::format(fmt::runtime(_("unit {} is not a unit of a score (%, 分)")), unit);
        case MeasureKind::Flag:
            return fmt::format(fmt::runtime(_("a yes/no column has no unit ({})")), unit);
    }
    return std::nullopt;
}

std::optional<HeaderMap> map_header(const Table& table, RecordKind kind, bool rows_may_update,
                                    std::vector<OrderedError>& errors,
                                    std::vector<std::string>& warnings,
                                    std::vector<std::string>& notes) {
    const auto& columns = columns_of(kind);
    std::vector<std::optional<std::size_t>> source(columns.size());
    std::vector<MoneyUnit> money_units(columns.size(), MoneyUnit::Wan);
    bool ok = true;
    for (std::size_t j = 0; j < table.header.size(); ++j) {
        auto name = trim_blanks(table.header[j]);
        if (name.empty()) {
            bool has_data =
                std::any_of(table.rows.begin(), table.rows.end(), [&](const TableRow& row) {
                    return j < row.cells.size() && !trim_blanks(row.cells[j]).empty();
                });
            if (has_data)
                warnings.push_back(fmt::format(
                    fmt::runtime(_("column {} has no name and was ignored")), column_letter(j)));
            continue;
        }
        auto col = match_column(kind, name);
        if (!col) {
            warnings.push_back(fmt::format(fmt::runtime(_("column {} is not used and was ignored")),
                                           shorten(name)));
            continue;
        }
        if (source[*col]) {
            errors.push_back(
                {*col,
                 {table.file_name, table.header_row, std::string(columns[*col].id),
                  fmt::format(fmt::runtime(_("column {} is given twice (columns {} and {})")),
                              columns[*col].id, column_letter(*source[*col]), column_letter(j))}});
            ok = false;
            continue;
        }
        source[*col] = j;
        if (auto unit = unit_note_of(name); !unit.empty()) {
            if (auto problem = check_unit(kind, *col, unit, money_units[*col])) {
                errors.push_back(
                    {*col,
                     {table.file_name, table.header_row, std::string(columns[*col].id),
                      fmt::format(fmt::runtime(_("header \"{}\": {}")), shorten(name), *problem)}});
                ok = false;
            } else if (money_units[*col] != MoneyUnit::Wan) {
                notes.push_back(fmt::format(
                    fmt::runtime(
                        _("column {} is in {}; its values are converted exactly into 万元")),
                    shorten(name), unit));
            }
        }
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        // A file that may update stored records needs only the key columns: the others may be
        // left out and are then kept as stored (a new record still needs them, row by row).
        const bool needed =
            columns[i].required_column || (columns[i].required_value && !rows_may_update);
        if (needed && !source[i]) {
            errors.push_back({i,
                              {table.file_name, table.header_row, std::string(columns[i].id),
                               fmt::format(fmt::runtime(_("required column {} ({}) is missing")),
                                           columns[i].id, columns[i].zh)}});
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return HeaderMap{std::move(source), std::move(money_units)};
}

// Reports a non-empty cell beyond the header: in a CSV that is almost always a value with an
// unquoted comma that shifted the row, so it must not pass silently.
void check_row_width(RowReader& r, const TableRow& row, std::size_t header_width) {
    for (std::size_t j = header_width; j < row.cells.size(); ++j) {
        auto value = trim_blanks(row.cells[j]);
        if (value.empty()) continue;
        r.fail_row(fmt::format(fmt::runtime(_("column {} has a value \"{}\" but no header")),
                               column_letter(j), shorten(value)));
        return;
    }
}

std::string join_rows(const std::vector<int>& rows) {
    std::string out;
    for (int row : rows) out += (out.empty() ? "" : ", ") + std::to_string(row);
    return out;
}

// What a row gives for each column: a value, a blank cell, or nothing (column not in the file).
RowColumns row_columns(const TableRow& row, const std::vector<std::optional<std::size_t>>& source) {
    RowColumns given;
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (!source[i]) continue;
        const bool blank =
            *source[i] >= row.cells.size() || trim_blanks(row.cells[*source[i]]).empty();
        (blank ? given.blank : given.given) |= std::uint64_t{1} << i;
    }
    return given;
}

template <class Record, class ReadRow>
Validated<Record> validate_table(const Table& table, RecordKind kind, bool rows_may_update,
                                 ReadRow read_row) {
    Validated<Record> result;
    std::vector<OrderedError> header_errors;
    auto header =
        map_header(table, kind, rows_may_update, header_errors, result.warnings, result.notes);
    if (!header) {
        std::stable_sort(header_errors.begin(), header_errors.end(),
                         [](const auto& a, const auto& b) { return a.order < b.order; });
        for (auto& e : header_errors) result.errors.push_back(std::move(e.error));
        result.file_rejected = true;
        return result;
    }

    const auto* source = &header->source;
    const auto& columns = columns_of(kind);
    // Good rows go straight into result.records (reserved once): keeping every row's outcome
    // and then copying the good ones out held each record twice at the peak of a large import.
    const std::size_t n = table.rows.size();
    constexpr std::size_t kNoRecord = static_cast<std::size_t>(-1);
    std::vector<std::string> keys(n);  // display form of each row's key; empty when invalid
    std::vector<std::size_t> record_of(n, kNoRecord);
    std::vector<std::pair<std::size_t, OrderedError>> row_errors;  // (row index, error)
    result.records.reserve(n);
    result.record_rows.reserve(n);
    result.record_columns.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const TableRow& row = table.rows[i];
        RowReader reader(table.file_name, row, columns, *source, header->money_units);
        RowOutcome<Record> outcome;
        outcome.row = row.row_number;
        read_row(reader, outcome);
        check_row_width(reader, row, table.header.size());
        if (outcome.key) keys[i] = std::move(*outcome.key);
        const bool good = reader.ok() && outcome.record.has_value();
        for (auto& e : reader.take_errors()) row_errors.emplace_back(i, std::move(e));
        if (!good) {
            result.bad_rows.push_back(row.row_number);
            continue;
        }
        record_of[i] = result.records.size();
        result.records.push_back(std::move(*outcome.record));
        result.record_rows.push_back(row.row_number);
        result.record_columns.push_back(row_columns(row, *source));
    }

    // A key given twice: every occurrence is bad and names the others.
    std::unordered_map<std::string_view, std::size_t> first_with_key;
    first_with_key.reserve(n);
    std::map<std::string_view, std::vector<std::size_t>> repeated;  // key -> row indices
    for (std::size_t i = 0; i < n; ++i) {
        if (keys[i].empty()) continue;
        auto [first, inserted] = first_with_key.emplace(keys[i], i);
        if (inserted) continue;
        auto& indices = repeated[keys[i]];
        if (indices.empty()) indices.push_back(first->second);
        indices.push_back(i);
    }
    std::vector<bool> dropped(result.records.size(), false);
    for (const auto& [key, indices] : repeated) {
        for (std::size_t i : indices) {
            std::vector<int> others;
            for (std::size_t k : indices)
                if (k != i) others.push_back(table.rows[k].row_number);
            const int row = table.rows[i].row_number;
            std::string reason =
                others.size() == 1
                    ? fmt::format(fmt::runtime(_("duplicate key {}, also on row {}")), key,
                                  others[0])
                    : fmt::format(fmt::runtime(_("duplicate key {}, also on rows {}")), key,
                                  join_rows(others));
            row_errors.emplace_back(
                i, OrderedError{
                       0, {table.file_name, row, std::string(columns[0].id), std::move(reason)}});
            if (record_of[i] != kNoRecord) {
                dropped[record_of[i]] = true;
                result.bad_rows.push_back(row);
            }
        }
    }
    if (!repeated.empty()) {
        std::size_t kept = 0;
        for (std::size_t r = 0; r < result.records.size(); ++r) {
            if (dropped[r]) continue;
            if (kept != r) {
                result.records[kept] = std::move(result.records[r]);
                result.record_rows[kept] = result.record_rows[r];
                result.record_columns[kept] = result.record_columns[r];
            }
            ++kept;
        }
        result.records.erase(result.records.begin() + static_cast<std::ptrdiff_t>(kept),
                             result.records.end());
        result.record_rows.resize(kept);
        result.record_columns.resize(kept);
    }

    // Errors by row, then in column order; a row's own errors before its duplicate-key error.
    std::stable_sort(row_errors.begin(), row_errors.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second.order < b.second.order;
    });
    for (auto& [index, e] : row_errors) result.errors.push_back(std::move(e.error));
    std::sort(result.bad_rows.begin(), result.bad_rows.end());
    result.bad_rows.erase(std::unique(result.bad_rows.begin(), result.bad_rows.end()),
                          result.bad_rows.end());
    return result;
}

}  // namespace

// ---- public ----------------------------------------------------------------------------------

std::optional<RecordKind> parse_record_kind(std::string_view name) {
    if (name == "firms") return RecordKind::Firms;
    if (name == "figures") return RecordKind::Figures;
    if (name == "recognitions") return RecordKind::Recognitions;
    return std::nullopt;
}

std::string_view record_kind_name(RecordKind kind) {
    switch (kind) {
        case RecordKind::Firms:
            return "firms";
        case RecordKind::Figures:
            return "figures";
        case RecordKind::Recognitions:
            return "recognitions";
    }
    return {};
}

const std::vector<ColumnSpec>& columns_of(RecordKind kind) {
    switch (kind) {
        case RecordKind::Firms:
            return firm_columns();
        case RecordKind::Figures:
            return figures_columns();
        case RecordKind::Recognitions:
            return recognition_columns();
    }
    return firm_columns();
}

std::string unit_note(std::string_view header_cell) {
    return std::string(unit_note_of(trim_blanks(header_cell)));
}

std::optional<std::size_t> match_column(RecordKind kind, std::string_view header_cell) {
    auto name = trim_blanks(header_cell);
    if (name.empty()) return std::nullopt;
    if (auto col = match_exact(kind, name)) return col;
    auto bare = without_unit_note(name);
    if (bare.size() != name.size() && !bare.empty()) return match_exact(kind, bare);
    return std::nullopt;
}

std::optional<bool> parse_yes_no(std::string_view text) {
    std::string word = ascii_lower(trim_blanks(text));
    if (word == "yes" || word == "y" || word == "true" || word == "1" || word == "是") return true;
    if (word == "no" || word == "n" || word == "false" || word == "0" || word == "否") return false;
    return std::nullopt;
}

Validated<Firm> validate_firms(const Table& table, const ValidationContext& ctx) {
    const RegionTable& regions = ctx.regions ? *ctx.regions : RegionTable::shipped();
    const bool whole = !ctx.rows_may_update;
    return validate_table<Firm>(
        table, RecordKind::Firms, ctx.rows_may_update, [&](RowReader& r, RowOutcome<Firm>& out) {
            namespace c = firm_col;
            Firm firm;
            auto code = read_credit_code(r, c::credit_code, ctx, false);
            if (code) {
                firm.credit_code = *code;
                out.key = *code;
            }

            // In an import a field may be left to the stored record; a firm not yet in the registry
            // must give it all the same.
            const bool new_firm = !whole && code && ctx.is_stored && !ctx.is_stored(*code);
            auto require = [&](std::size_t col) {
                if (whole)
                    r.fail_required(col);
                else if (new_firm)
                    r.fail(col, fmt::format(fmt::runtime(_("{} is required for a record not yet in "
                                                           "the registry")),
                                            r.label(col)));
            };
            firm.name = std::string(r.cell(c::name));
            if (firm.name.empty()) require(c::name);

            if (auto region = r.cell(c::region_code); !region.empty()) {
                if (region.size() != 6 || !all_digits(region))
                    r.fail_value(c::region_code, _("is not a 6-digit code"));
                else if (!regions.is_county(region))
                    r.fail_value(c::region_code, _("is not a county-level code in GB/T 2260"));
                else
                    firm.region_code = std::string(region);
            }

            if (auto industry = r.cell(c::industry_code); !industry.empty()) {
                std::string code_text = ascii_upper(industry);
                if (!is_valid_industry_code(code_text))
                    r.fail_value(
                        c::industry_code,
                        _("is not a GB/T 4754 industry code (a letter A-T and 2 to 4 digits)"));
                else
                    firm.industry_code = code_text;
            }

            if (auto chain = r.cell(c::chain); !chain.empty()) {
                const Chain* found = find_chain(chain);
                if (!found) found = find_chain(ascii_lower(chain));
                if (!found)
                    r.fail_value(c::chain, _("is not one of the 2+6+N industry chains or other"));
                else
                    firm.chain = std::string(found->id);
            }

            bool founded_ok = false;
            if (auto founded = read_date(r, c::founded, whole)) {
                if (*founded > ctx.today) {
                    r.fail_value(c::founded, _("is in the future"));
                } else {
                    firm.founded = *founded;
                    founded_ok = true;
                }
            } else if (r.cell(c::founded).empty() && !whole) {
                require(c::founded);
            }

            firm.niche_since = read_year(r, c::niche_since, 1900, ctx.today.year(), false);
            firm.hnte_field = read_yes_no(r, c::hnte_field);
            firm.listed_on = read_date(r, c::listed_on, false);
            // An import checks these on the record as it will be stored (merged with the
            // registry's).
            if (whole && founded_ok)
                check_cross_fields(
                    firm, [&](std::size_t col, std::string why) { r.fail(col, std::move(why)); });
            out.record = std::move(firm);
        });
}

Validated<YearFigures> validate_figures(const Table& table, const ValidationContext& ctx) {
    return validate_table<YearFigures>(
        table, RecordKind::Figures, ctx.rows_may_update,
        [&](RowReader& r, RowOutcome<YearFigures>& out) {
            namespace c = figures_col;
            YearFigures figures;
            auto code = read_credit_code(r, c::credit_code, ctx, true);
            auto year = read_year(r, c::year, 1990, ctx.today.year(), true);
            if (code) figures.credit_code = *code;
            if (year) figures.year = *year;
            if (code && year) out.key = fmt::format("{} {}", *code, *year);

            // No figures for a fiscal year before the firm was founded.
            if (code && year && ctx.founded_of)
                if (auto founded = ctx.founded_of(*code); founded && *year < founded->year())
                    r.fail(c::year,
                           fmt::format(fmt::runtime(_("{} {} is before the year of {} {}")),
                                       r.label(c::year), *year,
                                       columns_of(RecordKind::Firms)[firm_column::founded].zh,
                                       founded->to_string()));

            for (const auto& m : kMeasures)
                figures.set(m.measure,
                            read_measure(r, c::first_measure + index_of(m.measure), m.kind));
            // An import checks the bounds on the record as it will be stored (merged).
            if (!ctx.rows_may_update)
                check_cross_fields(figures, [&](std::size_t col, std::string why) {
                    r.fail(col, std::move(why));
                });
            out.record = std::move(figures);
        });
}

Validated<Recognition> validate_recognitions(const Table& table, const ValidationContext& ctx) {
    const TierCatalog& tiers = ctx.tiers ? *ctx.tiers : TierCatalog::builtin();
    return validate_table<Recognition>(
        table, RecordKind::Recognitions, ctx.rows_may_update,
        [&](RowReader& r, RowOutcome<Recognition>& out) {
            namespace c = recognition_col;
            Recognition recognition;
            auto code = read_credit_code(r, c::credit_code, ctx, true);
            if (code) recognition.credit_code = *code;

            const TierInfo* tier = nullptr;
            if (auto text = r.cell(c::tier); text.empty()) {
                r.fail_required(c::tier);
            } else {
                tier = tiers.find(text);
                if (!tier) tier = tiers.find(ascii_lower(text));
                if (!tier)
                    r.fail_value(c::tier, _("is not a known tier"));
                else
                    recognition.tier = tier->id;
            }

            bool valid_from_given = !r.cell(c::valid_from).empty();
            // The key needs a valid_from, which defaults to approved_on; an update that names
            // valid_from may leave approved_on as stored.
            auto approved_on =
                read_date(r, c::approved_on, !ctx.rows_may_update || !valid_from_given);
            if (approved_on && *approved_on > ctx.today)
                r.fail_value(c::approved_on, _("is in the future"));
            auto valid_from = read_date(r, c::valid_from, false);
            auto valid_to = read_date(r, c::valid_to, false);
            if (approved_on) recognition.approved_on = *approved_on;
            // An empty valid_from means the title runs from the decision date.
            if (!valid_from_given) valid_from = approved_on;
            if (valid_from) recognition.valid_from = *valid_from;
            if (valid_to && valid_from && *valid_to < *valid_from) {
                std::size_t from_col = valid_from_given ? c::valid_from : c::approved_on;
                r.fail(c::valid_to, fmt::format(fmt::runtime(_("{} {} is before {} {}")),
                                                r.label(c::valid_to), valid_to->to_string(),
                                                r.label(from_col), valid_from->to_string()));
            }
            recognition.valid_to = valid_to;
            recognition.doc_no = std::string(r.cell(c::doc_no));
            if (code && tier && valid_from)
                out.key = fmt::format("{} {} {}", *code, tier->id, valid_from->to_string());
            out.record = std::move(recognition);
        });
}

void check_cross_fields(const Firm& firm, const CrossFieldFailure& fail) {
    namespace c = firm_col;
    const auto& columns = firm_columns();
    if (firm.niche_since && *firm.niche_since < firm.founded.year())
        fail(c::niche_since, fmt::format(fmt::runtime(_("{} {} is before the year of {} {}")),
                                         columns[c::niche_since].zh, *firm.niche_since,
                                         columns[c::founded].zh, firm.founded.to_string()));
    if (firm.listed_on && *firm.listed_on < firm.founded)
        fail(c::listed_on, fmt::format(fmt::runtime(_("{} {} is before {} {}")),
                                       columns[c::listed_on].zh, firm.listed_on->to_string(),
                                       columns[c::founded].zh, firm.founded.to_string()));
}

void check_cross_fields(const YearFigures& figures, const CrossFieldFailure& fail) {
    // Only between two values that are both present: an absent bound says nothing.
    for (const auto& m : kMeasures) {
        if (!m.at_most) continue;
        const auto value = figures.get(m.measure);
        const auto bound = figures.get(*m.at_most);
        if (!value || !bound || *value <= *bound) continue;
        const auto& bound_info = measure_info(*m.at_most);
        fail(figures_col::first_measure + index_of(m.measure),
             fmt::format(fmt::runtime(_("{} {} exceeds {} {}")), m.zh,
                         format_measure(m.kind, *value), bound_info.zh,
                         format_measure(bound_info.kind, *bound)));
    }
}

std::vector<std::string> export_header(RecordKind kind) {
    std::vector<std::string> header;
    for (const auto& column : columns_of(kind)) header.emplace_back(column.id);
    return header;
}

std::vector<std::string> to_cells(const Firm& firm) {
    auto yes_no = [](bool v) { return std::string(v ? "yes" : "no"); };
    return {
        firm.credit_code,
        firm.name,
        firm.region_code,
        firm.industry_code,
        firm.chain,
        firm.founded.to_string(),
        firm.niche_since ? std::to_string(*firm.niche_since) : std::string(),
        firm.hnte_field ? yes_no(*firm.hnte_field) : std::string(),
        firm.listed_on ? firm.listed_on->to_string() : std::string(),
    };
}

std::vector<std::string> to_cells(const YearFigures& figures) {
    std::vector<std::string> cells = {figures.credit_code, std::to_string(figures.year)};
    for (const auto& m : kMeasures) {
        auto value = figures.get(m.measure);
        cells.push_back(value ? format_measure(m.kind, *value) : std::string());
    }
    return cells;
}

std::vector<std::string> to_cells(const Recognition& recognition) {
    return {
        recognition.credit_code,
        recognition.tier,
        recognition.approved_on.to_string(),
        recognition.valid_from.to_string(),
        recognition.valid_to ? recognition.valid_to->to_string() : std::string(),
        recognition.doc_no,
    };
}

namespace {
template <class Record, class Validate>
Validated<Record> validate_one_row(RecordKind kind, std::vector<std::string> cells,
                                   const std::string& label, Validate validate) {
    Table table;
    table.file_name = label;
    table.header = export_header(kind);
    table.rows.push_back({2, RowCells(cells)});
    Validated<Record> checked = validate(table);
    for (auto& e : checked.errors) e.row = 0;
    for (auto& r : checked.record_rows) r = 0;
    for (auto& r : checked.bad_rows) r = 0;
    return checked;
}
}  // namespace

Validated<Firm> validate_firm_cells(std::vector<std::string> cells, const ValidationContext& ctx,
                                    const std::string& label) {
    return validate_one_row<Firm>(RecordKind::Firms, std::move(cells), label,
                                  [&ctx](const Table& t) { return validate_firms(t, ctx); });
}

Validated<YearFigures> validate_figures_cells(std::vector<std::string> cells,
                                              const ValidationContext& ctx,
                                              const std::string& label) {
    return validate_one_row<YearFigures>(
        RecordKind::Figures, std::move(cells), label,
        [&ctx](const Table& t) { return validate_figures(t, ctx); });
}

std::optional<std::size_t> header_key_column(RecordKind kind,
                                             const std::vector<std::string>& cells) {
    const auto& columns = columns_of(kind);
    std::vector<bool> named(columns.size(), false);
    std::optional<std::size_t> key;
    for (std::size_t j = 0; j < cells.size(); ++j) {
        auto col = match_column(kind, cells[j]);
        if (!col) continue;
        named[*col] = true;
        if (columns[*col].id == "credit_code" && !key) key = j;
    }
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].required_column && !named[i]) return std::nullopt;
    return key;
}

}  // namespace ladder
