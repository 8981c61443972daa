#pragma once
// Tier applications from submission to recognition, and the listing pipeline. Every method
// checks the actor's role (model/workflow.hpp) and the four-eyes rules here, in the service,
// so no front end can skip them; every change is written with its audit entries in one
// transaction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/user_service.hpp"
#include "model/workflow.hpp"

namespace ladder {

// A rule set together with the version a snapshot pins (see file_version()).
struct PinnedRuleSet {
    const RuleSet* rules = nullptr;
    std::string version;
};
// The rule set in force for an assessment year; throws UsageError when there is none.
using RuleSetSource = std::function<PinnedRuleSet(int assessment_year)>;

struct Application {
    int64_t id = 0;
    std::string credit_code;
    std::string firm_name;
    std::string tier;
    int assessment_year = 0;
    ApplicationState state = ApplicationState::draft;
    std::string submitter;
    Date created_on;
    std::optional<Date> submitted_on;
    std::string note;
    std::vector<std::string> review_levels;  // pinned at submission
    int next_level = 0;                      // index of the level that decides next
    std::optional<Date> decided_on;          // the final decision
    std::optional<Date> publicity_start, publicity_end;
    std::optional<std::string> objection, objection_by;
    std::optional<Date> objection_on;
    std::optional<std::string> publicity_outcome;
    std::optional<Date> publicity_closed_on;
    std::optional<std::string> publicity_closed_by;
    std::string doc_no;
    std::optional<Date> recognition_from;  // set when the recognition took effect
    EligibilitySnapshot snapshot;          // criteria and inputs filled by get()
    std::vector<Decision> decisions;       // filled by get()

    // Approved, its publicity window known and not yet closed. (An application set to approved
    // outside Ladder has no window: it is not in publicity, and nothing reads its days.)
    bool publicity_open() const {
        return state == ApplicationState::approved && publicity_start && publicity_end &&
               !publicity_closed_on;
    }
};

struct ApplicationFilter {
    std::optional<int> year;
    std::optional<std::string> tier;
    std::optional<ApplicationState> state;
    std::optional<std::string> credit_code;
};

struct DecisionResult {
    ApplicationState state = ApplicationState::submitted;
    std::optional<std::string> next_level;  // still to decide, when not final
    std::vector<Drift> drift;               // figures changed since submission
};

struct ListingStageRecord {
    int64_t id = 0;
    std::string credit_code;
    ListingStage stage = ListingStage::reserve;
    Date stage_date;
    std::string status;  // pending | confirmed | rejected
    std::string proposed_by;
    std::optional<std::string> reviewed_by;
    std::string comment;
};

class WorkflowService {
  public:
    WorkflowService(Database& db, RuleSetSource rule_sets);

    // A draft (no snapshot yet); clerks only.
    int64_t create_draft(const Actor& by, const std::string& credit_code, const std::string& tier,
                         int year, const Date& on, const std::string& note = {});
    // Takes the eligibility snapshot and pins the rule set and its review levels.
    void submit(const Actor& by, int64_t id, const Date& on);
    // create_draft + submit in one transaction.
    int64_t submit_new(const Actor& by, const std::string& credit_code, const std::string& tier,
                       int year, const Date& on, const std::string& note = {});
    // Only the submitter withdraws, before the final decision.
    void withdraw(const Actor& by, int64_t id, const Date& on, const std::string& comment = {});

    // The decision of the next review level. Reviewers only; never on an application one
    // submitted, nor at a second level of the same application (four eyes). The final approval
    // opens the publicity window; `doc_no` names the decision document (generated when empty).
    DecisionResult decide(const Actor& by, int64_t id, Decision decision,
                          const std::string& doc_no = {});
    void record_objection(const Actor& by, int64_t id, const std::string& objection,
                          const Date& on);
    // Ends publicity on or after its last day. Without an objection the outcome is clean; with
    // one, the reviewer says whether it was dismissed or upheld. Clean or dismissed: the
    // recognition is created (approved_on = decision date, valid from the day after publicity,
    // validity from the rule set). Upheld: the application ends rejected.
    void close_publicity(const Actor& by, int64_t id, const Date& on,
                         std::optional<PublicityOutcome> outcome, const std::string& comment = {});

    Application get(int64_t id);  // with snapshot and decisions
    std::vector<Application> list(const ApplicationFilter& filter = {});  // without them
    // The snapshot's inputs that differ from the registry today.
    std::vector<Drift> drift(int64_t id);

    // Listing pipeline: a clerk records the next stage with its date; a reviewer other than
    // the clerk confirms or rejects it. Confirming "listed" sets the firm's listed_on.
    int64_t propose_listing_stage(const Actor& by, const std::string& credit_code,
                                  ListingStage stage, const Date& on,
                                  const std::string& comment = {});
    void review_listing_stage(const Actor& by, int64_t stage_id, bool confirm,
                              const std::string& comment = {});
    std::vector<ListingStageRecord> listing_stages(const std::string& credit_code);

  private:
    int64_t insert_draft(const Actor& by, const std::string& credit_code, const std::string& tier,
                         int year, const Date& on, const std::string& note);
    void submit_in_transaction(const Actor& by, int64_t id, const Date& on);
    Application load(int64_t id);
    Database& db_;
    RuleSetSource rule_sets_;
};

// Text of an application for the audit trail.
std::string audit_text(const Application& a);

}  // namespace ladder
