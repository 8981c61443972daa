#include "model/desk.hpp"

#include "model/i18n.hpp"

namespace ladder {

std::vector<DeskTask> desk_tasks(Role role) {
    switch (role) {
        case Role::clerk:
            return {DeskTask::figures_to_collect, DeskTask::titles_expiring,
                    DeskTask::annual_update_missing};
        case Role::reviewer:
            return {DeskTask::applications_to_decide, DeskTask::publicity_to_close,
                    DeskTask::publicity_closing};
        case Role::admin:  // decides nothing; watches the registry's state
            return {DeskTask::figures_to_collect, DeskTask::titles_expiring};
    }
    return {};
}

std::string desk_task_label(DeskTask task) {
    switch (task) {
        case DeskTask::figures_to_collect:
            return _("Firms with figures to collect");
        case DeskTask::titles_expiring:
            return _("Titles lapsing this year");
        case DeskTask::annual_update_missing:
            return _("Holders without their annual update");
        case DeskTask::applications_to_decide:
            return _("Applications waiting for my decision");
        case DeskTask::publicity_to_close:
            return _("Publicity windows to close");
        case DeskTask::publicity_closing:
            return _("Publicity windows ending within 7 days");
    }
    return {};
}

std::string desk_task_hint(DeskTask task) {
    switch (task) {
        case DeskTask::figures_to_collect:
            return _("Their verdict for some tier waits for a figure (the worklist says which).");
        case DeskTask::titles_expiring:
            return _("Titles that lapse in the assessment year and have not been renewed.");
        case DeskTask::annual_update_missing:
            return _("Firms holding a title on 31 May without figures for the year before.");
        case DeskTask::applications_to_decide:
            return _("Submitted applications you may decide (not your own, not decided by you).");
        case DeskTask::publicity_to_close:
            return _("The publicity period is over: close it to let the recognition take effect.");
        case DeskTask::publicity_closing:
            return _("Objections may still arrive until the last day.");
    }
    return {};
}

bool may_decide_now(const Actor& by, const Application& app) {
    if (!permits(by.role, Operation::decide_application) ||
        app.state != ApplicationState::submitted)
        return false;
    if (app.submitter == by.name) return false;
    for (const Decision& d : app.decisions)
        if (d.reviewer == by.name) return false;
    return true;
}

bool publicity_closing_soon(const Application& app, const Date& today) {
    return app.publicity_open() && !(*app.publicity_end < today) &&
           *app.publicity_end <= today.add_days(kPublicityClosingDays);
}

bool publicity_due_to_close(const Application& app, const Date& today) {
    return app.publicity_open() && *app.publicity_end < today;
}

bool has_unrenewed_title_lapsing(const FirmRecord& record, const TierCatalog& catalog, int year) {
    for (const Recognition& r : record.recognitions) {
        if (!catalog.find(r.tier)) continue;
        auto to = effective_valid_to(r, catalog);
        if (!to || to->year() != year) continue;
        bool renewed = false;
        for (const Recognition& later : record.recognitions)
            renewed = renewed ||
                      (later.tier == r.tier && recognition_covers(later, catalog, to->add_days(1)));
        if (!renewed) return true;
    }
    return false;
}

}  // namespace ladder
