#include "services/workflow_service.hpp"

#include <fmt/format.h>

#include "db/application_repository.hpp"
#include "db/audit_repository.hpp"
#include "db/listing_repository.hpp"
#include "db/negative_list_repository.hpp"
#include "db/registry_repository.hpp"
#include "db/title_repository.hpp"
#include "model/i18n.hpp"
#include "model/negative_list.hpp"
#include "model/rules/rule_set.hpp"
#include "model/tally.hpp"
#include "model/title_cycle.hpp"
#include "model/tr.hpp"

namespace ladder {

namespace {

AuditEntry entry(const std::string& action, const std::string& entity, const std::string& key,
                 std::optional<std::string> before, std::optional<std::string> after) {
    AuditEntry e;
    e.action = action;
    e.entity = entity;
    e.entity_key = key;
    e.before = std::move(before);
    e.after = std::move(after);
    return e;
}

FirmRecord firm_record(Database& db, const std::string& code) {
    auto record = RegistryRepository(db).firm_record(code);
    if (!record) throw WorkflowError(tr("no firm with credit code {} in the registry", code));
    return std::move(*record);
}

// The latest end of the firm's titles of `tier` (derived from the tier's validity when not
// recorded); empty when it holds none or only open-ended ones.
std::optional<Date> last_valid_to(Database& db, const RuleSet& rules, const std::string& code,
                                  const std::string& tier) {
    TierCatalog tiers = rules.tier_catalog();
    std::optional<Date> last;
    for (const auto& r : RegistryRepository(db).recognitions_of(code))
        if (r.tier == tier)
            if (auto to = effective_valid_to(r, tiers); to && (!last || *last < *to)) last = to;
    return last;
}

bool title_in_last_year(Database& db, const RuleSet& rules, const std::string& code,
                        const std::string& tier, int year) {
    auto to = last_valid_to(db, rules, code, tier);
    return to && to->year() == year;
}

// The refusal for a reviewer whose decision comes after another one's (a concurrent reviewer
// or one who decided while this one was looking): who decided, and when.
WorkflowError decided_meanwhile(Database& db, int64_t id) {
    auto last = ApplicationRepository(db).last_decision(id);
    return WorkflowError(tr("application {} was decided by {} at {} before your decision; reload",
                            id, last.reviewer, last.at));
}

}  // namespace

WorkflowService::WorkflowService(Database& db, RuleSetSource rule_sets)
    : db_(db), rule_sets_(std::move(rule_sets)) {}

Application WorkflowService::load(int64_t id) {
    std::optional<Application> a = ApplicationRepository(db_).find(id);
    if (!a) throw WorkflowError(tr("no application with id {}", id));
    return std::move(*a);
}

Application WorkflowService::get(int64_t id) {
    Application a = load(id);
    ApplicationRepository(db_).read_details(a);
    return a;
}

std::vector<Application> WorkflowService::list(const ApplicationFilter& filter) {
    std::vector<Application> out;
    for (int64_t id : ApplicationRepository(db_).ids(filter)) out.push_back(load(id));
    return out;
}

int64_t WorkflowService::insert_draft(const Actor& by, const std::string& code,
                                      const std::string& tier, int year, const Date& on,
                                      const std::string& note, bool re_review) {
    require_permission(by, Operation::submit_application);
    check_submission_date(on, std::nullopt, Date::today());
    if (!RegistryRepository(db_).firm_exists(code))
        throw WorkflowError(tr("no firm with credit code {} in the registry", code));
    PinnedRuleSet pinned = rule_sets_(year);
    if (!pinned.rules->find_tier(tier))
        throw WorkflowError(tr("rule set {} has no tier {}", pinned.rules->id, tier));
    check_no_open_application(code, tier, year, list({year, tier, std::nullopt, code}));
    if (re_review && !title_in_last_year(db_, *pinned.rules, code, tier, year))
        throw WorkflowError(
            tr("{} holds no {} title whose last valid year is {}: a re-review is "
               "for a title in its last year",
               code, tier, year));
    int64_t id =
        ApplicationRepository(db_).insert_draft(code, tier, year, by.name, on, note, re_review);
    Application a = load(id);
    AuditRepository(db_).append(
        {entry("insert", "application", std::to_string(id), std::nullopt, audit_text(a))}, by.name);
    return id;
}

int64_t WorkflowService::create_draft(const Actor& by, const std::string& code,
                                      const std::string& tier, int year, const Date& on,
                                      const std::string& note, bool re_review) {
    Transaction tx(db_);
    int64_t id = insert_draft(by, code, tier, year, on, note, re_review);
    tx.commit();
    return id;
}

void WorkflowService::submit_in_transaction(const Actor& by, int64_t id, const Date& on) {
    require_permission(by, Operation::submit_application);
    Application a = load(id);
    check_submitter(by, a);
    Application before = a;
    a.state = require_transition(id, a.state, ApplicationAction::submit);
    check_submission_date(on, a.created_on, Date::today());
    PinnedRuleSet pinned = rule_sets_(a.assessment_year);
    // Where the negative list applies to the tier a finding refuses the application and an
    // item not checked leaves it incomplete: the service refuses both, in Chinese for the file.
    const TierRules* tier = pinned.rules->find_tier(a.tier);
    if (tier && tier->applies_negative_list())
        if (auto refusal = negative_refusal(
                a.credit_code, negative_status(NegativeListRepository(db_).of_firm(a.credit_code))))
            throw WorkflowError(*refusal);
    if (auto ban = revocation_ban(TitleRepository(db_).exits_of(a.credit_code), on))
        throw WorkflowError(*ban);
    FirmRecord record = firm_record(db_, a.credit_code);
    a.snapshot = take_snapshot(*pinned.rules, pinned.version, record, a.assessment_year, a.tier);
    a.review_levels = review_levels_of(*pinned.rules, a.tier);
    a.submitted_on = on;
    a.next_level = 0;
    ApplicationRepository(db_).store_submission(a);
    AuditRepository(db_).append(
        {entry("submit", "application", std::to_string(id), audit_text(before), audit_text(a))},
        by.name);
}

void WorkflowService::submit(const Actor& by, int64_t id, const Date& on) {
    Transaction tx(db_);
    submit_in_transaction(by, id, on);
    tx.commit();
}

int64_t WorkflowService::submit_new(const Actor& by, const std::string& code,
                                    const std::string& tier, int year, const Date& on,
                                    const std::string& note, bool re_review) {
    Transaction tx(db_);
    int64_t id = insert_draft(by, code, tier, year, on, note, re_review);
    submit_in_transaction(by, id, on);
    tx.commit();
    return id;
}

void WorkflowService::withdraw(const Actor& by, int64_t id, const Date& on,
                               const std::string& comment) {
    require_permission(by, Operation::withdraw_application);
    Transaction tx(db_);
    Application a = load(id);
    check_withdrawer(by, a);
    Application before = a;
    a.state = require_transition(id, a.state, ApplicationAction::withdraw);
    check_withdrawal_date(on, a.submitted_on.value_or(a.created_on), Date::today());
    ApplicationRepository(db_).store_decided(id, a.state, on);
    a.decided_on = on;
    std::string after = audit_text(a) + (comment.empty() ? "" : ";comment=" + comment);
    AuditRepository(db_).append(
        {entry("withdraw", "application", std::to_string(id), audit_text(before), after)}, by.name);
    tx.commit();
}

DecisionResult WorkflowService::decide(const Actor& by, int64_t id, Decision decision,
                                       const std::string& doc_no) {
    require_permission(by, Operation::decide_application);
    Transaction tx(db_);
    Application a = get(id);
    check_four_eyes(by, a);
    if (!a.decisions.empty() && !a.publicity_outcome &&
        (a.state == ApplicationState::approved || a.state == ApplicationState::rejected))
        throw decided_meanwhile(db_, id);
    if (a.state != ApplicationState::submitted)
        require_transition(
            id, a.state,
            decision.approve ? ApplicationAction::approve_final : ApplicationAction::reject);
    check_decision_date(decision.decided_on, a.submitted_on, a.decisions, Date::today());
    bool last_level = a.next_level + 1 >= static_cast<int>(a.review_levels.size());
    ApplicationAction action = !decision.approve ? ApplicationAction::reject
                               : last_level      ? ApplicationAction::approve_final
                                                 : ApplicationAction::approve_level;
    Application before = a;
    a.state = require_transition(id, a.state, action);
    decision.confirmed = confirmed_ids(a.snapshot, decision.confirmed);
    if (decision.approve) check_approval(a.snapshot, decision);
    decision.reviewer = by.name;
    decision.level_index = a.next_level;
    decision.level = a.review_levels.empty()
                         ? "province"
                         : a.review_levels[static_cast<std::size_t>(a.next_level)];

    ApplicationRepository applications(db_);
    applications.insert_decision(id, decision, utc_timestamp_now());
    std::string verb = decision.approve ? "approve" : "reject";

    DecisionResult result;
    result.state = a.state;
    result.drift = detect_drift(a.snapshot, firm_record(db_, a.credit_code));
    if (action == ApplicationAction::approve_level) {
        a.next_level += 1;
        result.next_level = a.review_levels[static_cast<std::size_t>(a.next_level)];
    } else {
        a.decided_on = decision.decided_on;
    }
    if (action == ApplicationAction::approve_final) {
        a.publicity_start = decision.decided_on.add_days(1);
        a.publicity_end = a.publicity_start->add_days(publicity_days(a.tier) - 1);
        a.doc_no = doc_no.empty() ? default_doc_no(decision.decided_on, id) : doc_no;
    }
    if (!applications.store_decision_outcome(a, before.state, before.next_level)) {
        // Our own decision row is not committed: end the transaction, then name the one that was.
        tx.rollback();
        throw decided_meanwhile(db_, id);
    }
    std::string after = audit_text(a) + fmt::format(";decision={}@{}", verb, decision.level);
    if (!decision.justification.empty()) after += ";justification=" + decision.justification;
    if (!decision.comment.empty()) after += ";comment=" + decision.comment;
    if (!result.drift.empty()) after += ";drift=" + std::to_string(result.drift.size());
    AuditRepository(db_).append(
        {entry(verb, "application", std::to_string(id), audit_text(before), after)}, by.name);
    tx.commit();
    return result;
}

void WorkflowService::record_objection(const Actor& by, int64_t id, const std::string& objection,
                                       const Date& on) {
    require_permission(by, Operation::record_objection);
    if (objection.find_first_not_of(" \t\r\n") == std::string::npos)
        throw WorkflowError(_("an objection needs its text"));
    Transaction tx(db_);
    Application a = load(id);
    if (!a.publicity_open()) throw WorkflowError(tr("application {} is not in publicity", id));
    check_objection_date(id, on, *a.publicity_start, *a.publicity_end, Date::today());
    Application before = a;
    a.objection = a.objection ? *a.objection + "\n" + objection : objection;
    a.objection_by = by.name;
    a.objection_on = on;
    ApplicationRepository(db_).store_objection(a);
    AuditRepository(db_).append(
        {entry("objection", "application", std::to_string(id), audit_text(before), audit_text(a))},
        by.name);
    tx.commit();
}

void WorkflowService::close_publicity(const Actor& by, int64_t id, const Date& on,
                                      std::optional<PublicityOutcome> outcome,
                                      const std::string& comment) {
    require_permission(by, Operation::close_publicity);
    Transaction tx(db_);
    Application a = get(id);
    if (!a.publicity_open()) throw WorkflowError(tr("application {} is not in publicity", id));
    check_publicity_close_date(id, on, *a.publicity_end, Date::today());
    if (a.objection && (!outcome || *outcome == PublicityOutcome::clean))
        throw WorkflowError(
            tr("application {} received an objection; say whether it was dismissed or upheld", id));
    if (!a.objection && outcome && *outcome != PublicityOutcome::clean)
        throw WorkflowError(tr("application {} received no objection to decide", id));
    PublicityOutcome result = outcome.value_or(PublicityOutcome::clean);
    Application before = a;
    a.publicity_outcome = std::string(outcome_id(result));
    a.publicity_closed_on = on;
    a.publicity_closed_by = by.name;
    std::vector<AuditEntry> audit;
    if (result == PublicityOutcome::upheld) {
        a.state = require_transition(id, a.state, ApplicationAction::uphold_objection);
    } else {
        // The recognition takes effect the day after publicity ended clean.
        PinnedRuleSet pinned = rule_sets_(a.assessment_year);
        Recognition r;
        r.credit_code = a.credit_code;
        r.tier = a.tier;
        // The day the last level approved, not the final row's date: a registry from before
        // decision dates were ordered may hold a last level that decided earlier.
        std::optional<Date> approved_on = recognition_approval_date(a.decisions);
        if (!approved_on) approved_on = a.decided_on;
        if (!approved_on)
            throw WorkflowError(tr("application {} has no recorded approval to recognise", id));
        r.approved_on = *approved_on;
        r.valid_from = a.publicity_end->add_days(1);
        // A re-review renews the title held: the new one follows it without a gap.
        if (a.re_review)
            if (auto held_to = last_valid_to(db_, *pinned.rules, a.credit_code, a.tier);
                held_to && r.valid_from <= *held_to)
                r.valid_from = held_to->add_days(1);
        r.valid_to = pinned.rules->tier_catalog().default_valid_to(a.tier, r.valid_from);
        r.doc_no = a.doc_no;
        RegistryRepository(db_).upsert_recognitions({r}, &audit);
        a.recognition_from = r.valid_from;
    }
    ApplicationRepository(db_).store_publicity_close(a);
    std::string after = audit_text(a) + (comment.empty() ? "" : ";comment=" + comment);
    audit.insert(audit.begin(), entry("publicity_close", "application", std::to_string(id),
                                      audit_text(before), after));
    AuditRepository(db_).append(std::move(audit), by.name);
    tx.commit();
}

std::vector<Drift> WorkflowService::drift(int64_t id) {
    Application a = get(id);
    if (a.snapshot.inputs.empty()) return {};
    return detect_drift(a.snapshot, firm_record(db_, a.credit_code));
}

// --- Listing pipeline -----------------------------------------------------------------------

std::vector<ListingStageRecord> WorkflowService::listing_stages(const std::string& code) {
    return ListingRepository(db_).stages(code);
}

int64_t WorkflowService::propose_listing_stage(const Actor& by, const std::string& code,
                                               ListingStage stage, const Date& on,
                                               const std::string& comment) {
    require_permission(by, Operation::propose_listing_stage);
    Transaction tx(db_);
    if (!RegistryRepository(db_).firm_exists(code))
        throw WorkflowError(tr("no firm with credit code {} in the registry", code));
    check_listing_proposal(code, listing_stages(code), stage, on);
    ListingStageRecord change;
    change.credit_code = code;
    change.stage = stage;
    change.stage_date = on;
    change.status = "pending";
    change.proposed_by = by.name;
    change.comment = comment;
    int64_t id = ListingRepository(db_).insert(change, utc_timestamp_now());
    std::string stage_text(stage_id(stage)), day = on.to_string();
    AuditRepository(db_).append(
        {entry("propose", "listing_stage", fmt::format("{}/{}", code, stage_text), std::nullopt,
               fmt::format("id={};stage={};date={};status=pending", id, stage_text, day))},
        by.name);
    tx.commit();
    return id;
}

void WorkflowService::review_listing_stage(const Actor& by, int64_t stage_id_value, bool confirm,
                                           const std::string& comment) {
    require_permission(by, Operation::review_listing_stage);
    Transaction tx(db_);
    ListingRepository listing(db_);
    std::optional<ListingStageRecord> change = listing.find(stage_id_value);
    if (!change) throw WorkflowError(tr("no listing stage change with id {}", stage_id_value));
    check_listing_review(by, *change);
    std::string stage(stage_id(change->stage)), day = change->stage_date.to_string();
    change->status = confirm ? "confirmed" : "rejected";
    change->reviewed_by = by.name;
    // The reviewer's comment replaces the clerk's only when given.
    if (!comment.empty()) change->comment = comment;
    listing.store_review(*change, utc_timestamp_now());
    std::vector<AuditEntry> audit;
    audit.push_back(
        entry(confirm ? "confirm" : "reject", "listing_stage",
              fmt::format("{}/{}", change->credit_code, stage),
              fmt::format("id={};stage={};date={};status=pending", stage_id_value, stage, day),
              fmt::format("id={};stage={};date={};status={}", stage_id_value, stage, day,
                          change->status)));
    if (confirm && change->stage == ListingStage::listed) {
        RegistryRepository repo(db_);
        Firm firm = *repo.find_firm(change->credit_code);
        firm.listed_on = change->stage_date;
        repo.upsert_firms({firm}, &audit);
    }
    AuditRepository(db_).append(std::move(audit), by.name);
    tx.commit();
}

}  // namespace ladder
