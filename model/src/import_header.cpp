// Which column of a file is which: the columns of each record kind, header cells matched to
// them (with or without a unit note), the units a header may name, and the export's header and
// cells, which read back through the same matching.
#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "import_cells.hpp"
#include "model/i18n.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"

namespace ladder {

namespace {

using namespace import_cells;

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
        {"controlling_shareholder", "控股股东", false},
        {"business_group", "所属集团", false},
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
constexpr UnitName kMoneyUnits[] = {{"元", MoneyUnit::yuan},
                                    {"千元", MoneyUnit::qianyuan},
                                    {"万元", MoneyUnit::wan},
                                    {"亿元", MoneyUnit::yi}};

std::optional<std::size_t> match_exact(RecordKind kind, std::string_view name) {
    const auto& columns = columns_of(kind);
    std::string lower = ascii_lower(name);
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].id == lower || columns[i].zh == name) return i;
    return std::nullopt;
}

// A unit note in a measure column's header: money converts exactly into 万元, the units of
// counts, ranks and scores are accepted and ignored, anything else is a header error (a value
// read in the wrong unit would be 10,000 times off). Empty when the unit is fine.
std::optional<std::string> check_unit(RecordKind kind, std::size_t col, std::string_view unit,
                                      MoneyUnit& money_unit) {
    if (unit.empty() || kind != RecordKind::figures || col < figures_col::first_measure)
        return std::nullopt;
    const MeasureKind measure = kMeasures[col - figures_col::first_measure].kind;
    auto one_of = [&](std::initializer_list<std::string_view> units) {
        return std::find(units.begin(), units.end(), unit) != units.end();
    };
    switch (measure) {
        case MeasureKind::money:
        case MeasureKind::signed_money:
            for (const auto& u : kMoneyUnits)
                if (u.name == unit) {
                    money_unit = u.unit;
                    return std::nullopt;
                }
            return fmt::format(fmt::runtime(_("unit {} is not one of 元, 千元, 万元, 亿元")), unit);
        case MeasureKind::count:
            if (one_of({"人", "个", "家", "件", "项"})) return std::nullopt;
            return fmt::format(
                fmt::runtime(_("unit {} is not a unit of a count (人, 个, 家, 件, 项)")), unit);
        case MeasureKind::rank:
            if (one_of({"名", "位"})) return std::nullopt;
            return fmt::format(fmt::runtime(_("unit {} is not a unit of a rank (名, 位)")), unit);
        case MeasureKind::score:
            if (one_of({"%", "％", "分"})) return std::nullopt;
            return fmt::format(fmt::runtime(_("unit {} is not a unit of a score (%, 分)")), unit);
        case MeasureKind::flag:
            return fmt::format(fmt::runtime(_("a yes/no column has no unit ({})")), unit);
    }
    return std::nullopt;
}

}  // namespace

namespace import_cells {

std::optional<HeaderMap> map_header(const Table& table, RecordKind kind, bool rows_may_update,
                                    std::vector<OrderedError>& errors,
                                    std::vector<std::string>& warnings,
                                    std::vector<std::string>& notes) {
    const auto& columns = columns_of(kind);
    std::vector<std::optional<std::size_t>> source(columns.size());
    std::vector<MoneyUnit> money_units(columns.size(), MoneyUnit::wan);
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
            } else if (money_units[*col] != MoneyUnit::wan) {
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

}  // namespace import_cells

using namespace import_cells;

std::optional<RecordKind> parse_record_kind(std::string_view name) {
    if (name == "firms") return RecordKind::firms;
    if (name == "figures") return RecordKind::figures;
    if (name == "recognitions") return RecordKind::recognitions;
    return std::nullopt;
}

std::string_view record_kind_name(RecordKind kind) {
    switch (kind) {
        case RecordKind::firms:
            return "firms";
        case RecordKind::figures:
            return "figures";
        case RecordKind::recognitions:
            return "recognitions";
    }
    return {};
}

const std::vector<ColumnSpec>& columns_of(RecordKind kind) {
    switch (kind) {
        case RecordKind::firms:
            return firm_columns();
        case RecordKind::figures:
            return figures_columns();
        case RecordKind::recognitions:
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
        firm.controlling_shareholder,
        firm.business_group,
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
