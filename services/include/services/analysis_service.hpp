#pragma once
// The registry-wide analyses of model/rules/analysis.hpp run over the registry, read a chunk of
// firm records at a time in credit-code order.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/rules/analysis.hpp"

namespace ladder {

// One firm (`firm_code` not empty) or every firm of the registry, in credit-code order, a chunk
// of `chunk` records at a time. Throws when the firm is not in the registry.
void for_each_record(Database& db, const std::string& firm_code,
                     const std::function<void(std::vector<FirmRecord>&)>& visit,
                     std::size_t chunk = 2000);

CandidateRanking find_candidates(Database& db, const RuleSet& rules, const TierRules& tier,
                                 int year, int near);
// The worklist of every firm, or of one (`firm_code`, with the tiers and criteria waiting).
Worklist build_worklist(Database& db, const RuleSet& rules,
                        const std::vector<const TierRules*>& tiers, int year,
                        const std::string& firm_code);
// The credit codes of the firms `tier` finds eligible in assessment year `year`, in
// credit-code order: the registry list's 只看符合条件 filter.
std::vector<std::string> eligible_firms(Database& db, const RuleSet& rules, int year,
                                        const std::string& tier);
// Runs `diff` over every firm of the registry.
void diff_rule_sets(Database& db, RulesDiff& diff);

}  // namespace ladder
