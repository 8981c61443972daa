#pragma once
// Tier applications from submission to recognition, and the listing pipeline. Every method
// checks the actor's role and the four-eyes rules (model/application.hpp) here, in the service,
// so no front end can skip them; every change is written with its audit entries in one
// transaction. The rows are read and written by db/application_repository.hpp and
// db/listing_repository.hpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/application.hpp"
#include "model/workflow.hpp"

namespace ladder {

// A rule set together with the version a snapshot pins (see file_version()).
struct PinnedRuleSet {
    const RuleSet* rules = nullptr;
    std::string version;
};
// The rule set in force for an assessment year; throws UsageError when there is none.
using RuleSetSource = std::function<PinnedRuleSet(int assessment_year)>;
// The shipped rule set in force today for an assessment year (a 2026 application before
// 2026-04-01 was still assessed under national-2022), pinned by the SHA-256 of its file.
RuleSetSource shipped_rule_source();

class WorkflowService {
  public:
    WorkflowService(Database& db, RuleSetSource rule_sets);

    // A draft (no snapshot yet); clerks only.
    // `re_review`: the re-review (复核) of the tier's title the firm holds, which must end in
    // `year` (its last valid year); approved, it renews the title.
    int64_t create_draft(const Actor& by, const std::string& credit_code, const std::string& tier,
                         int year, const Date& on, const std::string& note = {},
                         bool re_review = false);
    // Takes the eligibility snapshot and pins the rule set and its review levels. Refused
    // under a rule set with the negative list when an item is found or not checked, and for 3
    // years after a revocation of any of the firm's titles (model/title_cycle.hpp).
    void submit(const Actor& by, int64_t id, const Date& on);
    // create_draft + submit in one transaction.
    int64_t submit_new(const Actor& by, const std::string& credit_code, const std::string& tier,
                       int year, const Date& on, const std::string& note = {},
                       bool re_review = false);
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
                         int year, const Date& on, const std::string& note, bool re_review);
    void submit_in_transaction(const Actor& by, int64_t id, const Date& on);
    Application load(int64_t id);
    Database& db_;
    RuleSetSource rule_sets_;
};

}  // namespace ladder
