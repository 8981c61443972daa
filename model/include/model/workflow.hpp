#pragma once
// The promotion workflow as pure rules: roles and what each may do, the application state
// machine, the eligibility snapshot pinned at submission, drift against today's data, the
// publicity (公示) window and the listing (上市) pipeline. The services in db/ enforce these
// rules around storage; nothing here touches a database.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/registry.hpp"
#include "model/rules/evaluate.hpp"

namespace ladder {

// --- Roles and permissions ----------------------------------------------------------------

enum class Role { clerk, reviewer, admin };
// "clerk" | "reviewer" | "admin", or the Chinese 经办人 | 审核人 | 管理员.
std::optional<Role> parse_role(std::string_view text);
std::string_view role_id(Role role);
std::string_view role_zh(Role role);
// The role in the interface language: 经办人 in Chinese, "clerk" in English.
std::string role_label(Role role);

enum class Operation {
    manage_users,  // add users, change roles, reset passwords
    edit_quotas,
    edit_rules,
    edit_registry,  // firms, figures, recognitions
    submit_application,
    withdraw_application,
    decide_application,  // approve or reject at a review level
    record_objection,    // an objection raised during publicity
    close_publicity,
    propose_listing_stage,
    review_listing_stage,
    read_audit,
    restore_registry,  // replace the whole registry (users and audit trail too) with a backup
};
inline constexpr Operation kAllOperations[] = {
    Operation::manage_users,         Operation::edit_quotas,
    Operation::edit_rules,           Operation::edit_registry,
    Operation::submit_application,   Operation::withdraw_application,
    Operation::decide_application,   Operation::record_objection,
    Operation::close_publicity,      Operation::propose_listing_stage,
    Operation::review_listing_stage, Operation::read_audit,
    Operation::restore_registry,
};
std::string_view operation_id(Operation op);
// Translated verb phrase, e.g. "decide on applications".
std::string operation_label(Operation op);
// The policy: clerks keep the registry and submit; reviewers decide; admins manage users,
// quotas and rule sets. Everyone may read the audit trail.
bool permits(Role role, Operation op);

// A refused action: the message is one translated sentence for the user.
class WorkflowError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};
class PermissionError : public WorkflowError {
    using WorkflowError::WorkflowError;
};
// Throws PermissionError("user clerk1 (clerk (经办人)) may not decide on applications").
void require_permission(const std::string& user, Role role, Operation op);

// --- Application state machine ------------------------------------------------------------

enum class ApplicationState { draft, submitted, approved, rejected, withdrawn };
std::string_view state_id(ApplicationState s);
std::optional<ApplicationState> parse_state(std::string_view text);
std::string state_label(ApplicationState s);  // translated

enum class ApplicationAction {
    submit,
    approve_level,  // approval at a review level that is not the last
    approve_final,  // approval at the last level: publicity opens
    reject,
    withdraw,
    uphold_objection,  // publicity ends with an objection upheld: the approval is undone
};
std::string_view action_id(ApplicationAction a);
// The state after `action`, or empty when the action is not allowed in `from`.
std::optional<ApplicationState> transition(ApplicationState from, ApplicationAction action);
// Same, throwing WorkflowError("application 7 is approved; it cannot be withdrawn").
ApplicationState require_transition(int64_t application_id, ApplicationState from,
                                    ApplicationAction action);

// --- Eligibility snapshot -----------------------------------------------------------------

struct SnapshotCriterion {
    std::string id;
    Verdict verdict = Verdict::missing;
    std::string actual, threshold, gap;
    bool reviewer_confirmed = false;
    friend bool operator==(const SnapshotCriterion&, const SnapshotCriterion&) = default;
};

// One value the rules read: a figure of a fiscal year ("revenue", 2019) or a firm field
// ("firm.founded", year 0). Text as exported ("1234.50", "12", "yes"); empty when absent.
struct SnapshotInput {
    std::string name;
    int year = 0;
    std::optional<std::string> value;
    friend bool operator==(const SnapshotInput&, const SnapshotInput&) = default;
};

struct EligibilitySnapshot {
    std::string rule_set_id;
    std::string rule_set_version;  // content hash of the rule-set file, "sha256:…"
    std::string tier;
    int assessment_year = 0;
    TierVerdict verdict = TierVerdict::incomplete;
    std::vector<SnapshotCriterion> criteria;  // rule-set order
    std::vector<SnapshotInput> inputs;        // firm fields, then figures by (name, year)
};

// Evaluates `tier` and records every criterion's result and every value read.
EligibilitySnapshot take_snapshot(const RuleSet& rules, const std::string& rule_set_version,
                                  const FirmRecord& firm, int assessment_year,
                                  const std::string& tier);
// The inputs of `snapshot` read again from `firm` today.
std::vector<SnapshotInput> read_inputs(const EligibilitySnapshot& snapshot, const FirmRecord& firm);

struct Drift {
    std::string name;  // "revenue" or "firm.founded"
    int year = 0;
    std::optional<std::string> then, now;
};
// The inputs whose value differs today from the snapshot's ("approved on data that has since
// changed"). Empty when nothing changed.
std::vector<Drift> detect_drift(const EligibilitySnapshot& snapshot, const FirmRecord& firm);
std::string describe_drift(const Drift& d);  // "revenue(2019): 2500.00 → 2600.00"

// "sha256:<64 hex>" of a file's bytes: pins the exact rule-set text a snapshot was taken with.
std::string file_version(const std::string& bytes);

// --- Review levels and the decision ---------------------------------------------------------

struct Decision {
    int level_index = 0;  // 0-based into the tier's review_levels
    std::string level;    // "city", "province", ...
    bool approve = false;
    std::string reviewer;
    Date decided_on;
    std::string comment;
    std::string justification;           // required to approve a firm that is not eligible
    std::vector<std::string> confirmed;  // reviewer-confirmed criteria ticked
};

// Checks an approval against the snapshot: every reviewer-confirmed criterion of the tier must
// be ticked, and a firm that is not eligible needs a written justification. Throws
// WorkflowError naming what is missing.
void check_approval(const EligibilitySnapshot& snapshot, const Decision& decision);
// The ids of the reviewer-confirmed criteria a reviewer ticked, typed by id or by name (as
// `apply show` and the error above name them); a text matching no criterion is kept as typed
// (check_approval refuses it).
std::vector<std::string> confirmed_ids(const EligibilitySnapshot& snapshot,
                                       const std::vector<std::string>& typed);
// The levels of `tier` (at least one: a tier without review_levels has the single "province").
std::vector<std::string> review_levels_of(const RuleSet& rules, const std::string& tier);

// --- Publicity (公示) ----------------------------------------------------------------------

// Calendar days a decision is published before the recognition takes effect, per tier
// (5 working days in the bureau's notices, i.e. 7 calendar days).
int publicity_days(const std::string& tier);
enum class PublicityOutcome { clean, dismissed, upheld };  // dismissed: objection rejected
std::string_view outcome_id(PublicityOutcome o);
std::optional<PublicityOutcome> parse_outcome(std::string_view text);

// --- Dates -------------------------------------------------------------------------------
// Each check throws WorkflowError naming both dates; `today` is the caller's calendar day.

// "county", "city", "province", "national", translated (other ids as they are).
std::string review_level_label(const std::string& level);
// Submitting (or drafting): not after `today`; a draft is not submitted before it was drafted.
void check_submission_date(const Date& on, const std::optional<Date>& drafted_on,
                           const Date& today);
// A decision at a review level: not after `today`, not before the submission, not before the
// decision of any earlier level (`earlier`, the application's decisions so far).
void check_decision_date(const Date& on, const std::optional<Date>& submitted_on,
                         const std::vector<Decision>& earlier, const Date& today);
// A withdrawal: not after `today`, not before the submission (or the draft).
void check_withdrawal_date(const Date& on, const std::optional<Date>& submitted_on,
                           const Date& today);
// An objection to application `id`: not after `today`, within its publicity window.
void check_objection_date(int64_t id, const Date& on, const Date& publicity_start,
                          const Date& publicity_end, const Date& today);
// Closing the publicity of application `id`: after its last day, not after `today`.
void check_publicity_close_date(int64_t id, const Date& on, const Date& publicity_end,
                                const Date& today);
// The date a recognition is approved on: the day the last review level approved, i.e. the
// latest approval (levels decide in order, so it is also the final one). Empty without one.
std::optional<Date> recognition_approval_date(const std::vector<Decision>& decisions);

// --- Listing pipeline (上市) -------------------------------------------------------------

enum class ListingStage { reserve, share_reform, tutoring_filed, filed, approved, listed };
inline constexpr ListingStage kListingStages[] = {
    ListingStage::reserve, ListingStage::share_reform, ListingStage::tutoring_filed,
    ListingStage::filed,   ListingStage::approved,     ListingStage::listed};
std::string_view stage_id(ListingStage s);
std::string_view stage_zh(ListingStage s);
std::optional<ListingStage> parse_stage(std::string_view text);  // id or Chinese name
// The stage that may follow `current` (reserve when none): stages advance one at a time.
std::optional<ListingStage> next_stage(std::optional<ListingStage> current);

}  // namespace ladder
