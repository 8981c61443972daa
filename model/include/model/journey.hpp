#pragma once
// A firm's journey across the tiers: each title it was granted, from when to when, whether it
// is held today, when it comes up for re-review (its last valid year), and the nearest tier it
// does not hold yet with what it lacks. The firm window's 历程 page draws it.
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/registry.hpp"
#include "model/rules/evaluate.hpp"
#include "model/tiers.hpp"

namespace ladder {

struct JourneyStep {
    enum class Status { held, expired, not_yet_valid };
    std::string tier;  // tier id
    Date approved_on;
    Date valid_from;
    std::optional<Date> valid_to;    // given or from the tier's validity; empty: open-ended
    std::optional<Date> review_due;  // 1 January of the last valid year: the re-review cohort
    Status status = Status::held;
};

// The firm's recognitions in the order they were granted (then by tier order), each with its
// validity resolved through `catalog` and its status on `today`.
std::vector<JourneyStep> firm_journey(const FirmRecord& firm, const TierCatalog& catalog,
                                      const Date& today);

struct NextTier {
    std::string tier;
    TierVerdict verdict = TierVerdict::incomplete;
    std::vector<std::string> failed;   // criterion ids that fail
    std::vector<std::string> missing;  // criterion ids without their data
    double gap_size = 0;
};

// Of the tiers the firm does not hold on `today`, the nearest: eligible before incomplete before
// ineligible, then the smallest gap (the same order as `candidates`), then rule-set order.
// `reports` are the firm's evaluations, one per tier (evaluate_all). Empty when it holds all.
std::optional<NextTier> nearest_next_tier(const std::vector<EligibilityReport>& reports,
                                          const std::vector<JourneyStep>& journey);

}  // namespace ladder
