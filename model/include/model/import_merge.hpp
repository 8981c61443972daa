#pragma once
// Partial files (a file with fewer columns, or blank cells, than the registry holds) update only
// what they hold: a row is merged over the stored record with the same key before it is
// written, and the cross-field rules are checked on the merged record.
#include <cstddef>

#include "model/firm.hpp"
#include "model/import_schema.hpp"

namespace ladder {

// What a blank cell does to a stored value: keep it (blank = not reported this time) or clear it.
enum class EmptyCells { keep, clear };

struct MergeCounts {
    std::size_t kept = 0;     // blank cells that left a stored value as it was
    std::size_t cleared = 0;  // blank cells that cleared a stored value (EmptyCells::clear)
    MergeCounts& operator+=(const MergeCounts& o) {
        kept += o.kept;
        cleared += o.cleared;
        return *this;
    }
};

// The record as it will be stored: `stored` (the registry's record with the row's key, or null
// for a new one) with the fields the row gives put over it. Reported through `fail`: a field a
// new record needs that the row does not give, a required field cleared, and the cross-field
// rules of the merged record; the result is only meaningful when nothing was reported.
Firm merge_row(const Firm& row, RowColumns columns, const Firm* stored, EmptyCells empty,
               MergeCounts& counts, const CrossFieldFailure& fail);
YearFigures merge_row(const YearFigures& row, RowColumns columns, const YearFigures* stored,
                      EmptyCells empty, MergeCounts& counts, const CrossFieldFailure& fail);
Recognition merge_row(const Recognition& row, RowColumns columns, const Recognition* stored,
                      EmptyCells empty, MergeCounts& counts, const CrossFieldFailure& fail);

}  // namespace ladder
