#pragma once
// The negative list (否决项) as a criterion of every tier of a rule set that applies it
// (`negative_list = true`): an item found fails it, an item not checked leaves it missing.
// Apart from the expression evaluator: it reads the firm's checks, not its figures.
#include <vector>

#include "model/negative_list.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

// The criterion "<tier>.negative_list" (否决项核查) the loader adds to `tier`.
Criterion negative_list_criterion(const TierRules& tier);

// Fills `r` completely (reusing its storage) from the firm's checks; explanations only when
// `explain`.
void evaluate_negative_list(const Criterion& c, const std::vector<NegativeCheck>& checks,
                            bool explain, CriterionResult& r);

}  // namespace ladder
