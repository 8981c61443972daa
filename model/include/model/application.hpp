#pragma once
// A tier application and a listing stage change as values, who acts on them, and the rules of
// who may do what to them (ownership, four eyes, the order of listing stages). Pure functions:
// the services in services/ call them around storage, and tests need no database.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/workflow.hpp"

namespace ladder {

// Who a service call acts for: the result of a successful login. Every use case takes it as
// its first parameter.
struct Actor {
    std::string name;
    Role role = Role::clerk;
};
// Throws PermissionError when `by`'s role does not permit `op`.
void require_permission(const Actor& by, Operation op);

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
    // The re-review (复核) of a title the firm holds, in its last valid year: approved, it
    // renews the title from the day after the current one ends. Otherwise a new application.
    bool re_review = false;
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
    EligibilitySnapshot snapshot;          // criteria and inputs (filled by a full read)
    std::vector<Decision> decisions;       // filled by a full read

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

// Text of an application for the audit trail.
std::string audit_text(const Application& a);

// --- Who may act on an application -----------------------------------------------------------
// Each throws WorkflowError with one translated sentence naming the rule.

// Only one application per firm, tier and year may be open (draft, submitted or in publicity);
// `existing` are the firm's applications for that tier and year.
void check_no_open_application(const std::string& credit_code, const std::string& tier, int year,
                               const std::vector<Application>& existing);
// A draft is submitted by the one who drafted it.
void check_submitter(const Actor& by, const Application& a);
// Only the submitter withdraws.
void check_withdrawer(const Actor& by, const Application& a);
// Four eyes: the submitter never decides, and a reviewer decides at one level at most.
void check_four_eyes(const Actor& by, const Application& a);
// The decision document's number when the reviewer gives none: 赣梯度认定〔year〕id号.
std::string default_doc_no(const Date& decided_on, int64_t application_id);

// --- Listing stages ----------------------------------------------------------------------------

// A new stage for `credit_code` after its `history` (oldest first): none pending, the next
// stage in order, not dated before the last confirmed one.
void check_listing_proposal(const std::string& credit_code,
                            const std::vector<ListingStageRecord>& history, ListingStage stage,
                            const Date& on);
// Reviewing a proposed change: it is still pending, and the reviewer is not its proposer.
void check_listing_review(const Actor& by, const ListingStageRecord& change);

}  // namespace ladder
