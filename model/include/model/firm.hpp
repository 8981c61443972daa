#pragma once
// The registry's records exactly as the import format defines them (README, docs/import.md).
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "model/date.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"

namespace ladder {

// firms — key credit_code. Optional columns are empty when absent.
struct Firm {
    std::string credit_code;
    std::string name;
    std::string region_code;    // GB/T 2260 county-level code, 6 digits; may be empty
    std::string industry_code;  // GB/T 4754-2017, e.g. C3985; may be empty
    std::string chain;          // 2+6+N chain id or "other"; may be empty
    Date founded;
    std::optional<int> niche_since;
    std::optional<bool> hnte_field;
    std::optional<Date> listed_on;
    // Who controls the firm, for the common-control test: the controlling shareholder (or
    // actual controller) and the group it belongs to, as the clerk writes them; may be empty.
    std::string controlling_shareholder;
    std::string business_group;

    friend bool operator==(const Firm&, const Firm&) = default;
};

// figures — key credit_code + year. A value is absent (not zero) when the cell was empty.
// Stored compactly (a presence mask beside the values) because evaluation streams millions.
struct YearFigures {
    std::string credit_code;
    int year = 0;

    // Money in fen, scores in hundredths, counts/ranks whole, flags 1/0; empty when absent.
    std::optional<int64_t> get(Measure m) const {
        auto i = index_of(m);
        return (present_ >> i) & 1u ? std::optional<int64_t>(values_[i]) : std::nullopt;
    }
    void set(Measure m, std::optional<int64_t> v) {
        auto i = index_of(m);
        if (v) {
            present_ |= 1u << i;
            values_[i] = *v;
        } else {
            present_ &= ~(1u << i);
            values_[i] = 0;
        }
    }
    std::optional<Money> money(Measure m) const {
        auto v = get(m);
        return v ? std::optional<Money>(Money::from_fen(*v)) : std::nullopt;
    }
    bool has_any() const { return present_ != 0; }
    friend bool operator==(const YearFigures&, const YearFigures&) = default;

  private:
    uint32_t present_ = 0;
    std::array<int64_t, kMeasureCount> values_{};
};
static_assert(kMeasureCount <= 32, "presence mask is 32 bits");

// recognitions — key credit_code + tier + valid_from.
struct Recognition {
    std::string credit_code;
    std::string tier;  // tier id, e.g. "high_tech"
    Date approved_on;
    Date valid_from;               // defaults to approved_on on import
    std::optional<Date> valid_to;  // empty: derived from the tier's validity period
    std::string doc_no;

    friend bool operator==(const Recognition&, const Recognition&) = default;
};

}  // namespace ladder
