#include "model/application.hpp"

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/tr.hpp"

namespace ladder {

void require_permission(const Actor& by, Operation op) {
    require_permission(by.name, by.role, op);
}

std::string audit_text(const Application& a) {
    std::string text = fmt::format(
        "credit_code={};tier={};year={};state={};submitter={};next_level={}", a.credit_code, a.tier,
        a.assessment_year, state_id(a.state), a.submitter, a.next_level);
    if (!a.snapshot.rule_set_id.empty())
        text += fmt::format(";rule_set={}@{};verdict={}", a.snapshot.rule_set_id,
                            a.snapshot.rule_set_version, to_string(a.snapshot.verdict));
    if (a.publicity_start && a.publicity_end)
        text += fmt::format(";publicity={}..{}", a.publicity_start->to_string(),
                            a.publicity_end->to_string());
    if (a.objection) text += fmt::format(";objection={}", *a.objection);
    if (a.publicity_outcome) text += fmt::format(";outcome={}", *a.publicity_outcome);
    if (!a.doc_no.empty()) text += fmt::format(";doc_no={}", a.doc_no);
    if (a.recognition_from)
        text += fmt::format(";recognition_from={}", a.recognition_from->to_string());
    // Only a re-review says its kind, so the text of every new application stays as it was.
    if (a.re_review) text += ";kind=re_review";
    return text;
}

void check_no_open_application(const std::string& code, const std::string& tier, int year,
                               const std::vector<Application>& existing) {
    for (const Application& other : existing) {
        bool open = other.state == ApplicationState::draft ||
                    other.state == ApplicationState::submitted || other.publicity_open();
        if (open)
            throw WorkflowError(tr("{} already has application {} for {} in {} ({})", code,
                                   other.id, tier, year, state_label(other.state)));
    }
}

void check_submitter(const Actor& by, const Application& a) {
    if (a.submitter != by.name)
        throw WorkflowError(
            tr("application {} is a draft of {}; only they submit it", a.id, a.submitter));
}

void check_withdrawer(const Actor& by, const Application& a) {
    if (a.submitter != by.name)
        throw WorkflowError(
            tr("only {}, who submitted application {}, may withdraw it", a.submitter, a.id));
}

void check_four_eyes(const Actor& by, const Application& a) {
    if (a.submitter == by.name)
        throw WorkflowError(
            tr("four eyes: {} submitted application {} and may not decide on it", by.name, a.id));
    for (const Decision& d : a.decisions)
        if (d.reviewer == by.name)
            throw WorkflowError(
                tr("four eyes: {} already decided application {} at the {} "
                   "level; another reviewer "
                   "decides the next level",
                   by.name, a.id, review_level_label(d.level)));
}

std::string default_doc_no(const Date& decided_on, int64_t application_id) {
    return fmt::format("赣梯度认定〔{}〕{}号", decided_on.year(), application_id);
}

void check_listing_proposal(const std::string& code, const std::vector<ListingStageRecord>& history,
                            ListingStage stage, const Date& on) {
    std::optional<ListingStage> current;
    std::optional<Date> current_date;
    for (const auto& r : history) {
        if (r.status == "pending")
            throw WorkflowError(tr("listing stage {} of {} is awaiting review (id {})",
                                   stage_id(r.stage), code, r.id));
        if (r.status == "confirmed") {
            current = r.stage;
            current_date = r.stage_date;
        }
    }
    auto expected = next_stage(current);
    if (!expected) throw WorkflowError(tr("{} is already listed", code));
    if (stage != *expected)
        throw WorkflowError(tr("the next listing stage of {} is {} ({}), not {}", code,
                               stage_id(*expected), stage_zh(*expected), stage_id(stage)));
    if (current_date && on < *current_date)
        throw WorkflowError(tr("the stage date {} is before the previous stage's {}",
                               on.to_string(), current_date->to_string()));
}

void check_listing_review(const Actor& by, const ListingStageRecord& change) {
    if (change.status != "pending")
        throw WorkflowError(tr("listing stage change {} was already {}", change.id, change.status));
    if (change.proposed_by == by.name)
        throw WorkflowError(
            tr("four eyes: {} recorded listing stage change {} and may not review it", by.name,
               change.id));
}

}  // namespace ladder
