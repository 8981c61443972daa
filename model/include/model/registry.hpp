#pragma once
// One firm with everything the rules read: its figures by year and its recognitions.
#include <vector>

#include "model/firm.hpp"
#include "model/negative_list.hpp"

namespace ladder {

struct FirmRecord {
    Firm firm;
    std::vector<YearFigures> figures;       // ascending year, at most one per year
    std::vector<Recognition> recognitions;  // ascending (tier, valid_from)
    // The negative list as recorded (any order; an item without a row is not checked). Read
    // with the rest of the record so that evaluation stays one pass over the registry.
    std::vector<NegativeCheck> negative_checks;

    // The figures row of `year`, or nullptr when the firm has none for that year.
    const YearFigures* figures_for(int year) const {
        for (const auto& f : figures)
            if (f.year == year) return &f;
        return nullptr;
    }
};

}  // namespace ladder
