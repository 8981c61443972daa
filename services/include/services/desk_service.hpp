#pragma once
// 我的工作: the start page's counts for the signed-in user — one pass over the registry for
// the figures to collect and the titles lapsing, one read of the applications for the rest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/desk.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

struct DeskCount {
    DeskTask task = DeskTask::figures_to_collect;
    std::size_t count = 0;
    std::vector<std::string> firms;     // the firms counted (figures, titles), in code order
    std::vector<int64_t> applications;  // the applications counted (decisions, publicity)
};

// The tasks of `by`'s role (desk_tasks) counted for assessment year `year` on `today`
// (applications of that year, as the review queue lists them).
// Without a rule set in force for the year the registry-wide counts are zero.
std::vector<DeskCount> my_work_today(Database& db, const RuleSet* rules, const Actor& by, int year,
                                     const Date& today);

}  // namespace ladder
