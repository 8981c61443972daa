#pragma once
// 我的工作: what waits for a user when the day starts, by role. A clerk collects figures,
// watches titles running out; a reviewer decides applications and closes publicity
// windows. Pure rules over applications the service reads; the counts that need a pass over
// the registry (figures, expiring titles) are computed by the service with the analyses.
#include <string>
#include <vector>

#include "model/application.hpp"
#include "model/date.hpp"
#include "model/registry.hpp"
#include "model/tally.hpp"

namespace ladder {

enum class DeskTask {
    figures_to_collect,      // firms whose verdict waits for a figure (the worklist)
    titles_expiring,         // titles lapsing in the assessment year, not yet renewed
    annual_update_missing,   // holders without last year's figures by 31 May (the annual update)
    applications_to_decide,  // submitted, and this reviewer may decide them (four eyes)
    publicity_closing,       // publicity ends within kPublicityClosingDays
    publicity_to_close,      // publicity ended, not yet closed
};

// A publicity window "closes soon" when it ends within this many days from today.
inline constexpr int kPublicityClosingDays = 7;

// The tasks a role's start page shows, in the order shown. An administrator decides nothing
// and sees the registry's side (figures, expiring titles).
std::vector<DeskTask> desk_tasks(Role role);

// The translated name of a task ("待补数据的企业").
std::string desk_task_label(DeskTask task);
// A translated line explaining a count, e.g. "12 家企业的评价缺少数据".
std::string desk_task_hint(DeskTask task);

// `by` may decide `app` now: `by`'s role decides, the application is submitted (not in
// publicity), `by` did not submit it and has not decided it at another level — the four-eyes
// rule of check_four_eyes.
bool may_decide_now(const Actor& by, const Application& app);
// An open publicity window that ends within kPublicityClosingDays of `today` (today included).
bool publicity_closing_soon(const Application& app, const Date& today);
// An open publicity window whose last day is before `today`: it waits to be closed.
bool publicity_due_to_close(const Application& app, const Date& today);

// A title of `record` lapses in `year` (its effective last day falls in it) and no later
// recognition of the tier continues it: the firm needs a renewal. Tiers `catalog` does not
// know are ignored, as the tally ignores them.
bool has_unrenewed_title_lapsing(const FirmRecord& record, const TierCatalog& catalog, int year);

}  // namespace ladder
