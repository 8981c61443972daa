#include "model/import_schema.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "import_cells.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"
#include "model/industry.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"
#include "model/uscc.hpp"

namespace ladder {

namespace {

using namespace import_cells;

namespace firm_col = firm_column;
namespace figures_col = figures_column;
namespace recognition_col = recognition_column;

// ---- rows → records ----------------------------------------------------------------------

template <class Record>
struct RowOutcome {
    int row = 0;
    std::optional<Record> record;    // set when the row has no cell error
    std::optional<std::string> key;  // display form of the key, when its cells are valid
    std::vector<OrderedError> errors;
};

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
        table, RecordKind::firms, ctx.rows_may_update, [&](RowReader& r, RowOutcome<Firm>& out) {
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
            firm.controlling_shareholder = std::string(r.cell(c::controlling_shareholder));
            firm.business_group = std::string(r.cell(c::business_group));
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
        table, RecordKind::figures, ctx.rows_may_update,
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
                                       columns_of(RecordKind::firms)[firm_column::founded].zh,
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
        table, RecordKind::recognitions, ctx.rows_may_update,
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
    const auto& columns = columns_of(RecordKind::firms);
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
    return validate_one_row<Firm>(RecordKind::firms, std::move(cells), label,
                                  [&ctx](const Table& t) { return validate_firms(t, ctx); });
}

Validated<YearFigures> validate_figures_cells(std::vector<std::string> cells,
                                              const ValidationContext& ctx,
                                              const std::string& label) {
    return validate_one_row<YearFigures>(
        RecordKind::figures, std::move(cells), label,
        [&ctx](const Table& t) { return validate_figures(t, ctx); });
}

}  // namespace ladder
