#include "model/workflow.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/i18n.hpp"
#include "model/money.hpp"
#include "model/names.hpp"
#include "sha256.hpp"

namespace ladder {

// --- Roles and permissions ----------------------------------------------------------------

std::optional<Role> parse_role(std::string_view text) {
    if (text == "clerk" || text == "经办人") return Role::clerk;
    if (text == "reviewer" || text == "审核人") return Role::reviewer;
    if (text == "admin" || text == "管理员") return Role::admin;
    return std::nullopt;
}

std::string_view role_id(Role role) {
    switch (role) {
        case Role::clerk:
            return "clerk";
        case Role::reviewer:
            return "reviewer";
        case Role::admin:
            return "admin";
    }
    return "clerk";
}

std::string_view role_zh(Role role) {
    switch (role) {
        case Role::clerk:
            return "经办人";
        case Role::reviewer:
            return "审核人";
        case Role::admin:
            return "管理员";
    }
    return "经办人";
}

std::string role_label(Role role) {
    return names::role(role);  // 经办人 in Chinese, clerk in English
}

std::string_view operation_id(Operation op) {
    switch (op) {
        case Operation::manage_users:
            return "manage_users";
        case Operation::edit_quotas:
            return "edit_quotas";
        case Operation::edit_rules:
            return "edit_rules";
        case Operation::edit_registry:
            return "edit_registry";
        case Operation::submit_application:
            return "submit_application";
        case Operation::withdraw_application:
            return "withdraw_application";
        case Operation::decide_application:
            return "decide_application";
        case Operation::record_objection:
            return "record_objection";
        case Operation::close_publicity:
            return "close_publicity";
        case Operation::propose_listing_stage:
            return "propose_listing_stage";
        case Operation::review_listing_stage:
            return "review_listing_stage";
        case Operation::read_audit:
            return "read_audit";
        case Operation::restore_registry:
            return "restore_registry";
    }
    return "";
}

std::string operation_label(Operation op) {
    switch (op) {
        case Operation::manage_users:
            return _("manage users");
        case Operation::edit_quotas:
            return _("edit quotas");
        case Operation::edit_rules:
            return _("edit rule sets");
        case Operation::edit_registry:
            return _("edit the registry");
        case Operation::submit_application:
            return _("submit applications");
        case Operation::withdraw_application:
            return _("withdraw applications");
        case Operation::decide_application:
            return _("decide on applications");
        case Operation::record_objection:
            return _("record publicity objections");
        case Operation::close_publicity:
            return _("close publicity");
        case Operation::propose_listing_stage:
            return _("record listing stages");
        case Operation::review_listing_stage:
            return _("review listing stages");
        case Operation::read_audit:
            return _("read the audit trail");
        case Operation::restore_registry:
            return _("restore the registry from a backup");
    }
    return "";
}

bool permits(Role role, Operation op) {
    switch (op) {
        case Operation::manage_users:
        case Operation::edit_quotas:
        case Operation::edit_rules:
        case Operation::restore_registry:
            return role == Role::admin;
        case Operation::edit_registry:
        case Operation::submit_application:
        case Operation::withdraw_application:
        case Operation::propose_listing_stage:
            return role == Role::clerk;
        case Operation::decide_application:
        case Operation::close_publicity:
        case Operation::review_listing_stage:
            return role == Role::reviewer;
        // Objections reach the bureau by letter or phone; whoever takes them records them.
        case Operation::record_objection:
            return role == Role::clerk || role == Role::reviewer;
        case Operation::read_audit:
            return true;
    }
    return false;
}

void require_permission(const std::string& user, Role role, Operation op) {
    if (permits(role, op)) return;
    throw PermissionError(fmt::format(fmt::runtime(_("user {} ({}) may not {}")), user,
                                      role_label(role), operation_label(op)));
}

// --- Application state machine ------------------------------------------------------------

std::string_view state_id(ApplicationState s) {
    switch (s) {
        case ApplicationState::draft:
            return "draft";
        case ApplicationState::submitted:
            return "submitted";
        case ApplicationState::approved:
            return "approved";
        case ApplicationState::rejected:
            return "rejected";
        case ApplicationState::withdrawn:
            return "withdrawn";
    }
    return "draft";
}

std::optional<ApplicationState> parse_state(std::string_view text) {
    for (auto s : {ApplicationState::draft, ApplicationState::submitted, ApplicationState::approved,
                   ApplicationState::rejected, ApplicationState::withdrawn})
        if (state_id(s) == text) return s;
    return std::nullopt;
}

std::string state_label(ApplicationState s) {
    return names::application_state(s);
}

std::string_view action_id(ApplicationAction a) {
    switch (a) {
        case ApplicationAction::submit:
            return "submit";
        case ApplicationAction::approve_level:
            return "approve_level";
        case ApplicationAction::approve_final:
            return "approve";
        case ApplicationAction::reject:
            return "reject";
        case ApplicationAction::withdraw:
            return "withdraw";
        case ApplicationAction::uphold_objection:
            return "uphold_objection";
    }
    return "";
}

std::optional<ApplicationState> transition(ApplicationState from, ApplicationAction action) {
    using S = ApplicationState;
    using A = ApplicationAction;
    switch (from) {
        case S::draft:
            if (action == A::submit) return S::submitted;
            if (action == A::withdraw) return S::withdrawn;
            break;
        case S::submitted:
            if (action == A::approve_level) return S::submitted;
            if (action == A::approve_final) return S::approved;
            if (action == A::reject) return S::rejected;
            if (action == A::withdraw) return S::withdrawn;
            break;
        case S::approved:
            if (action == A::uphold_objection) return S::rejected;
            break;
        case S::rejected:
        case S::withdrawn:
            break;
    }
    return std::nullopt;
}

ApplicationState require_transition(int64_t id, ApplicationState from, ApplicationAction action) {
    if (auto to = transition(from, action)) return *to;
    std::string what;
    switch (action) {
        case ApplicationAction::submit:
            what = _("it cannot be submitted");
            break;
        case ApplicationAction::approve_level:
        case ApplicationAction::approve_final:
            what = _("it cannot be approved");
            break;
        case ApplicationAction::reject:
            what = _("it cannot be rejected");
            break;
        case ApplicationAction::withdraw:
            what = _("it cannot be withdrawn");
            break;
        case ApplicationAction::uphold_objection:
            what = _("no publicity is open for it");
            break;
    }
    throw WorkflowError(
        fmt::format(fmt::runtime(_("application {} is {}; {}")), id, state_label(from), what));
}

// --- Snapshot -----------------------------------------------------------------------------

namespace {

std::optional<std::string> measure_text(const YearFigures* figures, Measure m) {
    if (!figures) return std::nullopt;
    auto v = figures->get(m);
    if (!v) return std::nullopt;
    switch (measure_info(m).kind) {
        // Money in 万元 with 2 to 6 decimals: an amount with whole hundredths reads as it did
        // when snapshots held hundredths, so their inputs still compare with today's figures.
        case MeasureKind::money:
        case MeasureKind::signed_money:
            return format_fen(*v);
        case MeasureKind::score:
            return format_hundredths(*v);
        case MeasureKind::count:
        case MeasureKind::rank:
            return std::to_string(*v);
        case MeasureKind::flag:
            return *v ? "yes" : "no";
    }
    return std::nullopt;
}

// The firm fields criteria read (industry, age, niche years, HNTE field, listing date).
const char* const kFirmFields[] = {"firm.industry_code", "firm.founded",
                                   "firm.niche_since",   "firm.hnte_field",
                                   "firm.listed_on",     "firm.controlling_shareholder",
                                   "firm.business_group"};

std::optional<std::string> firm_field_text(const Firm& f, std::string_view name) {
    if (name == "firm.industry_code")
        return f.industry_code.empty() ? std::nullopt : std::optional<std::string>(f.industry_code);
    if (name == "firm.founded") return f.founded.to_string();
    if (name == "firm.niche_since")
        return f.niche_since ? std::optional<std::string>(std::to_string(*f.niche_since))
                             : std::nullopt;
    if (name == "firm.hnte_field")
        return f.hnte_field ? std::optional<std::string>(*f.hnte_field ? "yes" : "no")
                            : std::nullopt;
    if (name == "firm.listed_on")
        return f.listed_on ? std::optional<std::string>(f.listed_on->to_string()) : std::nullopt;
    if (name == "firm.controlling_shareholder")
        return f.controlling_shareholder.empty()
                   ? std::nullopt
                   : std::optional<std::string>(f.controlling_shareholder);
    if (name == "firm.business_group")
        return f.business_group.empty() ? std::nullopt
                                        : std::optional<std::string>(f.business_group);
    return std::nullopt;
}

std::optional<std::string> input_value(const FirmRecord& firm, const std::string& name, int year) {
    if (name.rfind("firm.", 0) == 0) return firm_field_text(firm.firm, name);
    auto m = find_measure(name);
    if (!m) return std::nullopt;
    return measure_text(firm.figures_for(year), *m);
}

}  // namespace

EligibilitySnapshot take_snapshot(const RuleSet& rules, const std::string& rule_set_version,
                                  const FirmRecord& firm, int assessment_year,
                                  const std::string& tier) {
    EligibilitySnapshot s;
    s.rule_set_id = rules.id;
    s.rule_set_version = rule_set_version;
    s.tier = tier;
    s.assessment_year = assessment_year;
    EligibilityReport report = evaluate(rules, firm, assessment_year, tier, Detail::full);
    s.verdict = report.verdict;
    for (const CriterionResult& c : report.criteria)
        s.criteria.push_back({c.id, c.verdict, c.actual, c.threshold, c.gap, c.reviewer_confirmed});
    for (const char* field : kFirmFields)
        s.inputs.push_back({field, 0, firm_field_text(firm.firm, field)});
    for (const FigureNeed& need : figures_read(rules, assessment_year, tier)) {
        std::string name(measure_info(need.measure).id);
        s.inputs.push_back(
            {name, need.year, measure_text(firm.figures_for(need.year), need.measure)});
    }
    return s;
}

std::vector<SnapshotInput> read_inputs(const EligibilitySnapshot& snapshot,
                                       const FirmRecord& firm) {
    std::vector<SnapshotInput> now;
    for (const auto& in : snapshot.inputs)
        now.push_back({in.name, in.year, input_value(firm, in.name, in.year)});
    return now;
}

std::vector<Drift> detect_drift(const EligibilitySnapshot& snapshot, const FirmRecord& firm) {
    std::vector<Drift> out;
    for (const auto& in : snapshot.inputs) {
        auto now = input_value(firm, in.name, in.year);
        if (now != in.value) out.push_back({in.name, in.year, in.value, now});
    }
    return out;
}

std::string describe_drift(const Drift& d) {
    std::string absent = _("(absent)");
    // Named as people read them: 营业收入（2019年）, 控股股东 — never the input's id.
    std::string what = d.name.rfind("firm.", 0) == 0 ? names::firm_field(d.name.substr(5))
                       : d.year                      ? names::measure(d.name, d.year)
                                                     : names::measure(d.name);
    return fmt::format("{}: {} → {}", what, d.then.value_or(absent), d.now.value_or(absent));
}

std::string file_version(const std::string& bytes) {
    return "sha256:" + sha256_hex(bytes);
}

// --- Decisions ----------------------------------------------------------------------------

namespace {

// A criterion of the snapshot's rule set by the name people read (its id when the rule set is
// not shipped any more).
std::string criterion_name(const EligibilitySnapshot& snapshot, const std::string& id) {
    const RuleSet* rules = RuleSetLibrary::shipped().find(snapshot.rule_set_id);
    return rules ? names::criterion(*rules, id) : id;
}

}  // namespace

std::vector<std::string> confirmed_ids(const EligibilitySnapshot& snapshot,
                                       const std::vector<std::string>& typed) {
    std::vector<std::string> ids;
    for (const auto& text : typed) {
        std::string id = text;
        for (const auto& c : snapshot.criteria)
            if (c.id == text || criterion_name(snapshot, c.id) == text) {
                id = c.id;
                break;
            }
        ids.push_back(std::move(id));
    }
    return ids;
}

void check_approval(const EligibilitySnapshot& snapshot, const Decision& decision) {
    std::vector<std::string> unticked;
    for (const auto& c : snapshot.criteria) {
        if (!c.reviewer_confirmed) continue;
        if (std::find(decision.confirmed.begin(), decision.confirmed.end(), c.id) ==
            decision.confirmed.end())
            unticked.push_back(criterion_name(snapshot, c.id));
    }
    for (const auto& id : decision.confirmed) {
        auto it = std::find_if(snapshot.criteria.begin(), snapshot.criteria.end(),
                               [&](const SnapshotCriterion& c) { return c.id == id; });
        if (it == snapshot.criteria.end() || !it->reviewer_confirmed)
            throw WorkflowError(
                fmt::format(fmt::runtime(_("{} is not a reviewer-confirmed criterion of {}")), id,
                            names::tier(snapshot.tier)));
    }
    if (!unticked.empty())
        throw WorkflowError(fmt::format(
            fmt::runtime(_("confirm the reviewer-checked criteria before approving: {}")),
            fmt::join(unticked, ui_is_chinese() ? "、" : ", ")));
    bool blank = decision.justification.find_first_not_of(" \t\r\n") == std::string::npos;
    if (snapshot.verdict != TierVerdict::eligible && blank)
        throw WorkflowError(fmt::format(
            fmt::runtime(_(
                "the firm is {} for {} by the rules; approving it needs a written justification")),
            names::verdict(snapshot.verdict), names::tier(snapshot.tier)));
}

std::vector<std::string> review_levels_of(const RuleSet& rules, const std::string& tier) {
    const TierRules* t = rules.find_tier(tier);
    if (!t || t->review_levels.empty()) return {"province"};
    return t->review_levels;
}

// --- Publicity ----------------------------------------------------------------------------

int publicity_days(const std::string& /*tier*/) {
    return 7;
}

std::string_view outcome_id(PublicityOutcome o) {
    switch (o) {
        case PublicityOutcome::clean:
            return "clean";
        case PublicityOutcome::dismissed:
            return "dismissed";
        case PublicityOutcome::upheld:
            return "upheld";
    }
    return "clean";
}

std::optional<PublicityOutcome> parse_outcome(std::string_view text) {
    for (auto o : {PublicityOutcome::clean, PublicityOutcome::dismissed, PublicityOutcome::upheld})
        if (outcome_id(o) == text) return o;
    return std::nullopt;
}

// --- Dates ------------------------------------------------------------------------------

std::string review_level_label(const std::string& level) {
    return names::review_level(level);
}

void check_submission_date(const Date& on, const std::optional<Date>& drafted_on,
                           const Date& today) {
    if (on > today)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the submission date {} is in the future (today is {})")),
                        on.to_string(), today.to_string()));
    if (drafted_on && on < *drafted_on)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the submission date {} is before the draft of {}")),
                        on.to_string(), drafted_on->to_string()));
}

void check_decision_date(const Date& on, const std::optional<Date>& submitted_on,
                         const std::vector<Decision>& earlier, const Date& today) {
    if (on > today)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the decision date {} is in the future (today is {})")),
                        on.to_string(), today.to_string()));
    if (submitted_on && on < *submitted_on)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the decision date {} is before the submission on {}")),
                        on.to_string(), submitted_on->to_string()));
    // The latest earlier decision is the one to name: every level before it decided earlier.
    const Decision* latest = nullptr;
    for (const Decision& d : earlier)
        if (!latest || d.decided_on > latest->decided_on) latest = &d;
    if (latest && on < latest->decided_on)
        throw WorkflowError(fmt::format(
            fmt::runtime(_("the decision date {} is before the {} level's decision on {}")),
            on.to_string(), review_level_label(latest->level), latest->decided_on.to_string()));
}

void check_withdrawal_date(const Date& on, const std::optional<Date>& submitted_on,
                           const Date& today) {
    if (on > today)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the withdrawal date {} is in the future (today is {})")),
                        on.to_string(), today.to_string()));
    if (submitted_on && on < *submitted_on)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the withdrawal date {} is before the submission on {}")),
                        on.to_string(), submitted_on->to_string()));
}

void check_objection_date(int64_t id, const Date& on, const Date& publicity_start,
                          const Date& publicity_end, const Date& today) {
    if (on > today)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the objection date {} is in the future (today is {})")),
                        on.to_string(), today.to_string()));
    if (on < publicity_start || on > publicity_end)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("objections to application {} are accepted from {} to {}")),
                        id, publicity_start.to_string(), publicity_end.to_string()));
}

void check_publicity_close_date(int64_t id, const Date& on, const Date& publicity_end,
                                const Date& today) {
    if (on <= publicity_end)
        throw WorkflowError(fmt::format(
            fmt::runtime(_("publicity of application {} runs until {}; close it after that day")),
            id, publicity_end.to_string()));
    if (on > today)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the closing date {} is in the future (today is {})")),
                        on.to_string(), today.to_string()));
}

std::optional<Date> recognition_approval_date(const std::vector<Decision>& decisions) {
    std::optional<Date> latest;
    for (const Decision& d : decisions)
        if (d.approve && (!latest || d.decided_on > *latest)) latest = d.decided_on;
    return latest;
}

// --- Listing ------------------------------------------------------------------------------

std::string_view stage_id(ListingStage s) {
    switch (s) {
        case ListingStage::reserve:
            return "reserve";
        case ListingStage::share_reform:
            return "share_reform";
        case ListingStage::tutoring_filed:
            return "tutoring_filed";
        case ListingStage::filed:
            return "filed";
        case ListingStage::approved:
            return "approved";
        case ListingStage::listed:
            return "listed";
    }
    return "reserve";
}

std::string_view stage_zh(ListingStage s) {
    switch (s) {
        case ListingStage::reserve:
            return "后备库";
        case ListingStage::share_reform:
            return "股改";
        case ListingStage::tutoring_filed:
            return "辅导备案";
        case ListingStage::filed:
            return "申报受理";
        case ListingStage::approved:
            return "审核/注册";
        case ListingStage::listed:
            return "挂牌上市";
    }
    return "";
}

std::optional<ListingStage> parse_stage(std::string_view text) {
    for (auto s : kListingStages)
        if (stage_id(s) == text || stage_zh(s) == text) return s;
    return std::nullopt;
}

std::optional<ListingStage> next_stage(std::optional<ListingStage> current) {
    if (!current) return ListingStage::reserve;
    auto i = static_cast<std::size_t>(*current);
    if (i + 1 >= std::size(kListingStages)) return std::nullopt;
    return kListingStages[i + 1];
}

}  // namespace ladder
