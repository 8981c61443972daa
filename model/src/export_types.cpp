// Spreadsheet cell types of the export columns, from the record schema: the measures' kinds
// and the columns that hold dates and years.
#include <algorithm>
#include <array>
#include <string_view>

#include "model/import_schema.hpp"
#include "model/measures.hpp"

namespace ladder {

namespace {

CellType measure_cell_type(MeasureKind kind) {
    switch (kind) {
        case MeasureKind::money:
        case MeasureKind::signed_money:
            return CellType::money;
        case MeasureKind::count:
        case MeasureKind::score:
        case MeasureKind::rank:
            return CellType::number;
        case MeasureKind::flag:
            return CellType::text;
    }
    return CellType::text;
}

}  // namespace

std::vector<CellType> export_cell_types(RecordKind kind) {
    constexpr std::array<std::string_view, 5> kDates = {"founded", "listed_on", "approved_on",
                                                        "valid_from", "valid_to"};
    constexpr std::array<std::string_view, 2> kYears = {"year", "niche_since"};
    std::vector<CellType> types;
    for (const ColumnSpec& column : columns_of(kind)) {
        auto is = [&column](const auto& ids) {
            return std::find(ids.begin(), ids.end(), column.id) != ids.end();
        };
        std::optional<Measure> measure =
            kind == RecordKind::figures ? find_measure(column.id) : std::nullopt;
        if (measure)
            types.push_back(measure_cell_type(measure_info(*measure).kind));
        else if (is(kDates))
            types.push_back(CellType::date);
        else if (is(kYears))
            types.push_back(CellType::number);
        else
            types.push_back(CellType::text);  // codes keep their leading zeros and 18 digits
    }
    return types;
}

}  // namespace ladder
