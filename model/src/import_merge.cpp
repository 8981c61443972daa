#include "model/import_merge.hpp"

#include <fmt/format.h>

#include "model/i18n.hpp"

namespace ladder {

namespace {

// Walks the non-key columns of a record and decides, per column, whether the row's value, the
// stored value or nothing is kept. `has(record, col)` says whether a record holds a value,
// `copy(to, from, col)` and `clear(record, col)` move one field.
template <class Record, class Has, class Copy, class Clear>
Record merge_fields(RecordKind kind, const Record& row, RowColumns columns, const Record* stored,
                    EmptyCells empty, MergeCounts& counts, const CrossFieldFailure& fail, Has has,
                    Copy copy, Clear clear) {
    const auto& specs = columns_of(kind);
    if (!stored) {
        // A new record: blank and absent cells are both simply absent, but a required field
        // must be there.
        for (std::size_t col = 0; col < specs.size(); ++col)
            if (specs[col].required_value && !specs[col].required_column && !columns.has(col))
                fail(col, fmt::format(fmt::runtime(_("{} is required for a record not yet in the "
                                                     "registry")),
                                      specs[col].zh));
        return row;
    }
    Record merged = *stored;
    for (std::size_t col = 0; col < specs.size(); ++col) {
        if (specs[col].required_column) continue;  // the key: equal by construction
        if (columns.has(col)) {
            copy(merged, row, col);
        } else if (columns.is_blank(col) && has(*stored, col)) {
            if (empty == EmptyCells::keep) {
                ++counts.kept;
            } else if (specs[col].required_value) {
                fail(col, fmt::format(fmt::runtime(_("{} is required and cannot be cleared")),
                                      specs[col].zh));
            } else {
                clear(merged, col);
                ++counts.cleared;
            }
        }
    }
    return merged;
}

}  // namespace

Firm merge_row(const Firm& row, RowColumns columns, const Firm* stored, EmptyCells empty,
               MergeCounts& counts, const CrossFieldFailure& fail) {
    namespace c = firm_column;
    auto has = [](const Firm& f, std::size_t col) {
        switch (col) {
            case c::name:
                return !f.name.empty();
            case c::region_code:
                return !f.region_code.empty();
            case c::industry_code:
                return !f.industry_code.empty();
            case c::chain:
                return !f.chain.empty();
            case c::founded:
                return true;
            case c::niche_since:
                return f.niche_since.has_value();
            case c::hnte_field:
                return f.hnte_field.has_value();
            case c::listed_on:
                return f.listed_on.has_value();
            case c::controlling_shareholder:
                return !f.controlling_shareholder.empty();
            case c::business_group:
                return !f.business_group.empty();
        }
        return false;
    };
    auto copy = [](Firm& to, const Firm& from, std::size_t col) {
        switch (col) {
            case c::name:
                to.name = from.name;
                break;
            case c::region_code:
                to.region_code = from.region_code;
                break;
            case c::industry_code:
                to.industry_code = from.industry_code;
                break;
            case c::chain:
                to.chain = from.chain;
                break;
            case c::founded:
                to.founded = from.founded;
                break;
            case c::niche_since:
                to.niche_since = from.niche_since;
                break;
            case c::hnte_field:
                to.hnte_field = from.hnte_field;
                break;
            case c::listed_on:
                to.listed_on = from.listed_on;
                break;
            case c::controlling_shareholder:
                to.controlling_shareholder = from.controlling_shareholder;
                break;
            case c::business_group:
                to.business_group = from.business_group;
                break;
        }
    };
    auto clear = [copy](Firm& f, std::size_t col) { copy(f, Firm{}, col); };
    std::size_t failures = 0;
    auto counting = [&](std::size_t col, std::string why) {
        ++failures;
        fail(col, std::move(why));
    };
    Firm merged = merge_fields(RecordKind::firms, row, columns, stored, empty, counts, counting,
                               has, copy, clear);
    if (failures == 0) check_cross_fields(merged, fail);
    return merged;
}

YearFigures merge_row(const YearFigures& row, RowColumns columns, const YearFigures* stored,
                      EmptyCells empty, MergeCounts& counts, const CrossFieldFailure& fail) {
    auto measure_at = [](std::size_t col) {
        return static_cast<Measure>(col - figures_column::first_measure);
    };
    auto has = [&](const YearFigures& f, std::size_t col) {
        return f.get(measure_at(col)).has_value();
    };
    auto copy = [&](YearFigures& to, const YearFigures& from, std::size_t col) {
        to.set(measure_at(col), from.get(measure_at(col)));
    };
    auto clear = [&](YearFigures& f, std::size_t col) { f.set(measure_at(col), std::nullopt); };
    std::size_t failures = 0;
    auto counting = [&](std::size_t col, std::string why) {
        ++failures;
        fail(col, std::move(why));
    };
    YearFigures merged = merge_fields(RecordKind::figures, row, columns, stored, empty, counts,
                                      counting, has, copy, clear);
    if (failures == 0) check_cross_fields(merged, fail);
    return merged;
}

Recognition merge_row(const Recognition& row, RowColumns columns, const Recognition* stored,
                      EmptyCells empty, MergeCounts& counts, const CrossFieldFailure& fail) {
    namespace c = recognition_column;
    auto has = [](const Recognition& r, std::size_t col) {
        switch (col) {
            case c::approved_on:
                return true;
            case c::valid_to:
                return r.valid_to.has_value();
            case c::doc_no:
                return !r.doc_no.empty();
        }
        return false;  // valid_from is part of the key
    };
    auto copy = [](Recognition& to, const Recognition& from, std::size_t col) {
        switch (col) {
            case c::approved_on:
                to.approved_on = from.approved_on;
                break;
            case c::valid_to:
                to.valid_to = from.valid_to;
                break;
            case c::doc_no:
                to.doc_no = from.doc_no;
                break;
        }
    };
    auto clear = [&](Recognition& r, std::size_t col) { copy(r, Recognition{}, col); };
    // valid_from is part of the key (it defaults to approved_on when blank): never merged.
    columns.given &= ~(std::uint64_t{1} << c::valid_from);
    columns.blank &= ~(std::uint64_t{1} << c::valid_from);
    Recognition merged = merge_fields(RecordKind::recognitions, row, columns, stored, empty, counts,
                                      fail, has, copy, clear);
    if (merged.valid_to && *merged.valid_to < merged.valid_from) {
        const auto& specs = columns_of(RecordKind::recognitions);
        fail(c::valid_to, fmt::format(fmt::runtime(_("{} {} is before {} {}")),
                                      specs[c::valid_to].zh, merged.valid_to->to_string(),
                                      specs[c::valid_from].zh, merged.valid_from.to_string()));
    }
    return merged;
}

}  // namespace ladder
