#pragma once
// One firm with everything the rules read: its figures by year and its recognitions.
#include <map>
#include <string>
#include <vector>

#include "model/firm.hpp"
#include "model/negative_list.hpp"

namespace ladder {

// A title held by another firm under the same control (the same controlling shareholder or
// the same group): the common-control test reads these.
struct ControlledTitle {
    std::string firm_name;
    Recognition title;
    friend bool operator==(const ControlledTitle&, const ControlledTitle&) = default;
};

struct FirmRecord {
    Firm firm;
    std::vector<YearFigures> figures;       // ascending year, at most one per year
    std::vector<Recognition> recognitions;  // ascending (tier, valid_from)
    // The negative list as recorded (any order; an item without a row is not checked). Read
    // with the rest of the record so that evaluation stays one pass over the registry.
    std::vector<NegativeCheck> negative_checks;
    // The titles of the other firms sharing its controlling shareholder or group (any order).
    std::vector<ControlledTitle> controlled_titles;

    // The figures row of `year`, or nullptr when the firm has none for that year.
    const YearFigures* figures_for(int year) const {
        for (const auto& f : figures)
            if (f.year == year) return &f;
        return nullptr;
    }
};

// The titles of every firm with a controlling shareholder or group recorded, by that name:
// small (only firms whose control is known and that hold titles), read once per walk.
struct ControlIndex {
    struct Entry {
        std::string credit_code;
        std::string shareholder;  // the holder's, to list a firm sharing both only once
        ControlledTitle title;
    };
    std::map<std::string, std::vector<Entry>, std::less<>> by_shareholder, by_group;
    bool empty() const { return by_shareholder.empty() && by_group.empty(); }
    void add(const Firm& holder, const Recognition& title);
    // Sets record.controlled_titles: the titles of the other firms sharing its controlling
    // shareholder or its group, each once.
    void attach(FirmRecord& record) const;
};

}  // namespace ladder
