#pragma once
// What every window of one open registry shares: the database (a UI-thread connection for
// small reads and single-firm edits), the workers for long jobs, the rule sets, the signed-in
// user and the assessment year chosen in the main frame.
#include <memory>
#include <string>

#include "background.hpp"
#include "db/database.hpp"
#include "services/user_service.hpp"
#include "services/workflow_service.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::gui {

struct Session {
    std::string db_url;
    std::unique_ptr<Database> db;
    std::unique_ptr<Worker> list_worker;  // the registry list's queries, latest first
    std::unique_ptr<Worker> job_worker;   // imports, evaluations, tallies, reports
    const RuleSetLibrary* rule_sets = nullptr;
    const RegionTable* regions = nullptr;
    Actor actor;                // the signed-in user
    RuleSetSource rule_source;  // rule sets pinned by file hash, for the workflow
    int year = 2020;            // assessment year
    bool english = false;       // interface language (labels of rule sets: zh or en)

    // The rule set in force for `year`, or nullptr.
    const RuleSet* rules() const { return rule_sets ? rule_sets->for_year(year) : nullptr; }
};

}  // namespace ladder::gui
