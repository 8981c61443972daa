#include "services/desk_service.hpp"

#include <algorithm>

#include "model/rules/analysis.hpp"
#include "model/title_cycle.hpp"
#include "services/analysis_service.hpp"
#include "services/workflow_service.hpp"

namespace ladder {

namespace {

bool needs_registry_pass(const std::vector<DeskTask>& tasks) {
    return std::any_of(tasks.begin(), tasks.end(), [](DeskTask t) {
        return t == DeskTask::figures_to_collect || t == DeskTask::titles_expiring ||
               t == DeskTask::annual_update_missing;
    });
}

}  // namespace

std::vector<DeskCount> my_work_today(Database& db, const RuleSet* rules, const Actor& by, int year,
                                     const Date& today) {
    const std::vector<DeskTask> tasks = desk_tasks(by.role);
    std::vector<DeskCount> out;
    for (DeskTask t : tasks) out.push_back(DeskCount{t, 0, {}, {}});
    auto entry = [&](DeskTask t) -> DeskCount* {
        for (auto& c : out)
            if (c.task == t) return &c;
        return nullptr;
    };

    if (rules && needs_registry_pass(tasks)) {
        std::vector<const TierRules*> tiers;
        for (const auto& t : rules->tiers) tiers.push_back(&t);
        WorklistBuilder worklist(*rules, tiers, year, false);
        const TierCatalog catalog = rules->tier_catalog();
        DeskCount* figures = entry(DeskTask::figures_to_collect);
        DeskCount* lapsing = entry(DeskTask::titles_expiring);
        DeskCount* not_updated = entry(DeskTask::annual_update_missing);
        const Date deadline = annual_update_deadline(year);
        for_each_record(db, {}, [&](std::vector<FirmRecord>& chunk) {
            for (const FirmRecord& rec : chunk) {
                if (figures) {
                    // One firm at a time: the builder's firm count grows when this firm waits.
                    const std::size_t before = worklist.incomplete_firms();
                    worklist.add(rec);
                    if (worklist.incomplete_firms() > before)
                        figures->firms.push_back(rec.firm.credit_code);
                }
                if (lapsing && has_unrenewed_title_lapsing(rec, catalog, year))
                    lapsing->firms.push_back(rec.firm.credit_code);
                if (not_updated && !titles_missing_update(rec, catalog, deadline).empty())
                    not_updated->firms.push_back(rec.firm.credit_code);
            }
        });
        for (DeskCount* c : {figures, lapsing, not_updated})
            if (c) c->count = c->firms.size();
    }

    const bool reads_applications = std::any_of(tasks.begin(), tasks.end(), [](DeskTask t) {
        return t != DeskTask::figures_to_collect && t != DeskTask::titles_expiring;
    });
    if (reads_applications) {
        WorkflowService workflow(db, {});
        ApplicationFilter of_year;  // the review queue's year
        of_year.year = year;
        for (const Application& listed : workflow.list(of_year)) {
            const bool in_review = listed.state == ApplicationState::submitted;
            const bool approved = listed.state == ApplicationState::approved;
            if (!in_review && !approved) continue;
            // The list carries no decisions; four eyes needs them.
            const Application app = in_review ? workflow.get(listed.id) : listed;
            auto count = [&](DeskTask t, bool counted) {
                if (DeskCount* c = entry(t); c && counted) {
                    ++c->count;
                    c->applications.push_back(app.id);
                }
            };
            count(DeskTask::applications_to_decide, in_review && may_decide_now(by, app));
            count(DeskTask::publicity_to_close, publicity_due_to_close(app, today));
            count(DeskTask::publicity_closing, publicity_closing_soon(app, today));
        }
    }
    return out;
}

}  // namespace ladder
