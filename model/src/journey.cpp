#include "model/journey.hpp"

#include <algorithm>

namespace ladder {

std::vector<JourneyStep> firm_journey(const FirmRecord& firm, const TierCatalog& catalog,
                                      const Date& today) {
    auto tier_order = [&](const std::string& id) {
        const auto& tiers = catalog.tiers();
        auto it =
            std::find_if(tiers.begin(), tiers.end(), [&](const TierInfo& t) { return t.id == id; });
        return static_cast<std::size_t>(it - tiers.begin());
    };
    std::vector<JourneyStep> steps;
    for (const Recognition& r : firm.recognitions) {
        JourneyStep s;
        s.tier = r.tier;
        s.approved_on = r.approved_on;
        s.valid_from = r.valid_from;
        s.valid_to = r.valid_to ? r.valid_to : catalog.default_valid_to(r.tier, r.valid_from);
        if (s.valid_to) s.review_due = Date(s.valid_to->year(), 1, 1);
        s.status = today < s.valid_from                ? JourneyStep::Status::not_yet_valid
                   : s.valid_to && *s.valid_to < today ? JourneyStep::Status::expired
                                                       : JourneyStep::Status::held;
        steps.push_back(std::move(s));
    }
    std::stable_sort(steps.begin(), steps.end(), [&](const JourneyStep& a, const JourneyStep& b) {
        if (a.approved_on != b.approved_on) return a.approved_on < b.approved_on;
        return tier_order(a.tier) < tier_order(b.tier);
    });
    return steps;
}

std::optional<NextTier> nearest_next_tier(const std::vector<EligibilityReport>& reports,
                                          const std::vector<JourneyStep>& journey) {
    auto held = [&](const std::string& tier) {
        return std::any_of(journey.begin(), journey.end(), [&](const JourneyStep& s) {
            return s.tier == tier && s.status == JourneyStep::Status::held;
        });
    };
    auto rank = [](TierVerdict v) {
        return v == TierVerdict::eligible ? 0 : v == TierVerdict::incomplete ? 1 : 2;
    };
    const EligibilityReport* best = nullptr;
    for (const EligibilityReport& r : reports) {
        if (held(r.tier)) continue;
        if (!best || rank(r.verdict) < rank(best->verdict) ||
            (rank(r.verdict) == rank(best->verdict) && r.gap_size < best->gap_size))
            best = &r;
    }
    if (!best) return std::nullopt;
    return NextTier{best->tier, best->verdict, best->failed(), best->missing(), best->gap_size};
}

}  // namespace ladder
