#pragma once
// The tiers a recognition can name. The authoritative list and validity periods come from the
// rule sets in resources/rules; this catalogue is what import and display need before a rule
// set is loaded, and is rebuilt from the rule sets once they are (RuleSet::tier_catalog()).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"

namespace ladder {

struct TierInfo {
    std::string id;
    std::string zh;
    std::optional<int> validity_years;  // empty: open-ended
};

class TierCatalog {
  public:
    TierCatalog() = default;
    explicit TierCatalog(std::vector<TierInfo> tiers) : tiers_(std::move(tiers)) {}
    // The jiangxi-2020 tiers and national-2022's 创新型中小企业, in rule-set order.
    static const TierCatalog& builtin();

    const std::vector<TierInfo>& tiers() const { return tiers_; }
    // By id or Chinese name.
    const TierInfo* find(std::string_view id_or_name) const;
    // valid_to when the recognition does not give one: valid_from + years − 1 day (29 February
    // + n years is 1 March in a non-leap year, so such a title ends on 28 February).
    std::optional<Date> default_valid_to(std::string_view tier, const Date& valid_from) const;

  private:
    std::vector<TierInfo> tiers_;
};

}  // namespace ladder
