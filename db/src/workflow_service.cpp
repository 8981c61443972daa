#include "db/workflow_service.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/i18n.hpp"

namespace ladder {

namespace {

// A nullable TEXT column bound for reading or writing.
struct OptText {
    std::string value;
    soci::indicator ind = soci::i_null;
    OptText() = default;
    explicit OptText(const std::optional<std::string>& v)
        : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
    explicit OptText(const std::optional<Date>& d)
        : value(d ? d->to_string() : ""), ind(d ? soci::i_ok : soci::i_null) {}
    std::optional<std::string> text() const {
        return ind == soci::i_ok ? std::optional<std::string>(value) : std::nullopt;
    }
    std::optional<Date> date() const {
        return ind == soci::i_ok ? Date::parse(value) : std::nullopt;
    }
};

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    for (;;) {
        auto pos = text.find(sep, start);
        out.push_back(text.substr(start, pos - start));
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, char sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

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

std::optional<Verdict> parse_verdict(std::string_view v) {
    for (auto x : {Verdict::pass, Verdict::fail, Verdict::missing})
        if (to_string(x) == v) return x;
    return std::nullopt;
}

std::optional<TierVerdict> parse_tier_verdict(std::string_view v) {
    for (auto x : {TierVerdict::eligible, TierVerdict::ineligible, TierVerdict::incomplete})
        if (to_string(x) == v) return x;
    return std::nullopt;
}

FirmRecord firm_record(Database& db, const std::string& code) {
    RegistryRepository repo(db);
    FirmRecord r;
    auto firm = repo.find_firm(code);
    if (!firm)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("no firm with credit code {} in the registry")), code));
    r.firm = *firm;
    r.figures = repo.figures_of(code);
    r.recognitions = repo.recognitions_of(code);
    return r;
}

// The refusal for a reviewer whose decision comes after another one's (a concurrent reviewer
// or one who decided while this one was looking): who decided, and when.
WorkflowError decided_meanwhile(soci::session& sql, int64_t id) {
    long long key = id;
    std::string reviewer = "?", at = "?";
    sql << "SELECT reviewer, at FROM application_decisions WHERE application_id = :id "
           "ORDER BY id DESC LIMIT 1",
        soci::into(reviewer), soci::into(at), soci::use(key);
    return WorkflowError(fmt::format(
        fmt::runtime(_("application {} was decided by {} at {} before your decision; reload")), id,
        reviewer, at));
}

}  // namespace

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
    return text;
}

WorkflowService::WorkflowService(Database& db, RuleSetSource rule_sets)
    : db_(db), rule_sets_(std::move(rule_sets)) {}

Application WorkflowService::load(int64_t id) {
    soci::session& sql = db_.impl().sql;
    Application a;
    long long app_id = 0;
    int year = 0, next_level = 0;
    std::string state, created_on, note, levels;
    OptText submitted_on, rule_set, version, verdict, decided_on, p_start, p_end, objection,
        objection_by, objection_on, outcome, closed_on, closed_by, doc_no, recognition_from;
    long long key = id;
    sql << "SELECT a.id, a.credit_code, f.name, a.tier, a.assessment_year, a.state, a.submitter, "
           "a.created_on, "
           "a.submitted_on, a.note, a.rule_set_id, a.rule_set_version, a.verdict, a.review_levels, "
           "a.next_level, "
           "a.decided_on, a.publicity_start, a.publicity_end, a.objection, a.objection_by, "
           "a.objection_on, "
           "a.publicity_outcome, a.publicity_closed_on, a.publicity_closed_by, a.doc_no, "
           "a.recognition_from "
           "FROM applications a JOIN firms f ON f.credit_code = a.credit_code WHERE a.id = :id",
        soci::into(app_id), soci::into(a.credit_code), soci::into(a.firm_name), soci::into(a.tier),
        soci::into(year), soci::into(state), soci::into(a.submitter), soci::into(created_on),
        soci::into(submitted_on.value, submitted_on.ind), soci::into(note),
        soci::into(rule_set.value, rule_set.ind), soci::into(version.value, version.ind),
        soci::into(verdict.value, verdict.ind), soci::into(levels), soci::into(next_level),
        soci::into(decided_on.value, decided_on.ind), soci::into(p_start.value, p_start.ind),
        soci::into(p_end.value, p_end.ind), soci::into(objection.value, objection.ind),
        soci::into(objection_by.value, objection_by.ind),
        soci::into(objection_on.value, objection_on.ind), soci::into(outcome.value, outcome.ind),
        soci::into(closed_on.value, closed_on.ind), soci::into(closed_by.value, closed_by.ind),
        soci::into(doc_no.value, doc_no.ind),
        soci::into(recognition_from.value, recognition_from.ind), soci::use(key);
    if (!sql.got_data())
        throw WorkflowError(fmt::format(fmt::runtime(_("no application with id {}")), id));
    a.id = app_id;
    a.assessment_year = year;
    a.state = parse_state(state).value_or(ApplicationState::draft);
    a.created_on = Date::parse(created_on).value_or(Date());
    a.submitted_on = submitted_on.date();
    a.note = note;
    a.review_levels = split(levels, ';');
    a.next_level = next_level;
    a.decided_on = decided_on.date();
    a.publicity_start = p_start.date();
    a.publicity_end = p_end.date();
    a.objection = objection.text();
    a.objection_by = objection_by.text();
    a.objection_on = objection_on.date();
    a.publicity_outcome = outcome.text();
    a.publicity_closed_on = closed_on.date();
    a.publicity_closed_by = closed_by.text();
    a.doc_no = doc_no.text().value_or("");
    a.recognition_from = recognition_from.date();
    a.snapshot.tier = a.tier;
    a.snapshot.assessment_year = a.assessment_year;
    a.snapshot.rule_set_id = rule_set.text().value_or("");
    a.snapshot.rule_set_version = version.text().value_or("");
    a.snapshot.verdict = parse_tier_verdict(verdict.value).value_or(TierVerdict::incomplete);
    return a;
}

Application WorkflowService::get(int64_t id) {
    Application a = load(id);
    soci::session& sql = db_.impl().sql;
    long long key = id;
    {
        SnapshotCriterion c;
        std::string verdict;
        int confirmed = 0;
        soci::statement st =
            (sql.prepare
                 << "SELECT criterion, verdict, actual, threshold, gap, reviewer_confirmed "
                    "FROM application_criteria WHERE application_id = :id ORDER BY position",
             soci::into(c.id), soci::into(verdict), soci::into(c.actual), soci::into(c.threshold),
             soci::into(c.gap), soci::into(confirmed), soci::use(key));
        st.execute();
        while (st.fetch()) {
            c.verdict = parse_verdict(verdict).value_or(Verdict::missing);
            c.reviewer_confirmed = confirmed != 0;
            a.snapshot.criteria.push_back(c);
        }
    }
    {
        SnapshotInput in;
        OptText value;
        soci::statement st =
            (sql.prepare
                 << "SELECT name, year, value FROM application_inputs WHERE application_id = "
                    ":id ORDER BY position",
             soci::into(in.name), soci::into(in.year), soci::into(value.value, value.ind),
             soci::use(key));
        st.execute();
        while (st.fetch()) {
            in.value = value.text();
            a.snapshot.inputs.push_back(in);
        }
    }
    {
        Decision d;
        std::string verdict, day, confirmed;
        soci::statement st =
            (sql.prepare
                 << "SELECT level_index, level, decision, reviewer, decided_on, comment, "
                    "justification, "
                    "confirmed FROM application_decisions WHERE application_id = :id ORDER BY id",
             soci::into(d.level_index), soci::into(d.level), soci::into(verdict),
             soci::into(d.reviewer), soci::into(day), soci::into(d.comment),
             soci::into(d.justification), soci::into(confirmed), soci::use(key));
        st.execute();
        while (st.fetch()) {
            d.approve = verdict == "approve";
            d.decided_on = Date::parse(day).value_or(Date());
            d.confirmed = split(confirmed, ';');
            a.decisions.push_back(d);
        }
    }
    return a;
}

std::vector<Application> WorkflowService::list(const ApplicationFilter& filter) {
    soci::session& sql = db_.impl().sql;
    std::vector<long long> ids;
    {
        // Optional filters as "(:x = '' OR column = :x)" keep one prepared text with bound values.
        std::string year = filter.year ? std::to_string(*filter.year) : "",
                    tier = filter.tier.value_or(""),
                    state = filter.state ? std::string(state_id(*filter.state)) : "",
                    code = filter.credit_code.value_or("");
        long long id = 0;
        soci::statement st =
            (sql.prepare
                 << "SELECT id FROM applications WHERE (:y1 = '' OR CAST(assessment_year AS "
                    "TEXT) = :y2) AND (:t1 = '' OR tier = :t2) AND (:s1 = '' OR state = :s2) AND "
                    "(:c1 = '' OR credit_code = :c2) ORDER BY id",
             soci::into(id), soci::use(year, "y1"), soci::use(year, "y2"), soci::use(tier, "t1"),
             soci::use(tier, "t2"), soci::use(state, "s1"), soci::use(state, "s2"),
             soci::use(code, "c1"), soci::use(code, "c2"));
        st.execute();
        while (st.fetch()) ids.push_back(id);
    }
    std::vector<Application> out;
    for (long long id : ids) out.push_back(load(id));
    return out;
}

int64_t WorkflowService::insert_draft(const Actor& by, const std::string& code,
                                      const std::string& tier, int year, const Date& on,
                                      const std::string& note) {
    require_permission(by.name, by.role, Operation::submit_application);
    check_submission_date(on, std::nullopt, Date::today());
    if (!RegistryRepository(db_).firm_exists(code))
        throw WorkflowError(
            fmt::format(fmt::runtime(_("no firm with credit code {} in the registry")), code));
    PinnedRuleSet pinned = rule_sets_(year);
    if (!pinned.rules->find_tier(tier))
        throw WorkflowError(
            fmt::format(fmt::runtime(_("rule set {} has no tier {}")), pinned.rules->id, tier));
    for (const Application& other : list({year, tier, std::nullopt, code})) {
        bool open = other.state == ApplicationState::draft ||
                    other.state == ApplicationState::submitted || other.publicity_open();
        if (open)
            throw WorkflowError(
                fmt::format(fmt::runtime(_("{} already has application {} for {} in {} ({})")),
                            code, other.id, tier, year, state_label(other.state)));
    }
    std::string state(state_id(ApplicationState::draft)), created = on.to_string();
    soci::session& sql = db_.impl().sql;
    sql << "INSERT INTO applications (credit_code, tier, assessment_year, state, submitter, "
           "created_on, note) "
           "VALUES (:c, :t, :y, :s, :u, :d, :n)",
        soci::use(code), soci::use(tier), soci::use(year), soci::use(state), soci::use(by.name),
        soci::use(created), soci::use(note);
    long long id = 0;
    if (!sql.get_last_insert_id("applications", id)) {
        sql << "SELECT MAX(id) FROM applications", soci::into(id);
    }
    Application a = load(id);
    AuditRepository(db_).append(
        {entry("insert", "application", std::to_string(id), std::nullopt, audit_text(a))}, by.name);
    return id;
}

int64_t WorkflowService::create_draft(const Actor& by, const std::string& code,
                                      const std::string& tier, int year, const Date& on,
                                      const std::string& note) {
    Transaction tx(db_);
    int64_t id = insert_draft(by, code, tier, year, on, note);
    tx.commit();
    return id;
}

void WorkflowService::submit_in_transaction(const Actor& by, int64_t id, const Date& on) {
    require_permission(by.name, by.role, Operation::submit_application);
    Application a = load(id);
    if (a.submitter != by.name)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("application {} is a draft of {}; only they submit it")), id,
                        a.submitter));
    Application before = a;
    a.state = require_transition(id, a.state, ApplicationAction::submit);
    check_submission_date(on, a.created_on, Date::today());
    PinnedRuleSet pinned = rule_sets_(a.assessment_year);
    FirmRecord record = firm_record(db_, a.credit_code);
    a.snapshot = take_snapshot(*pinned.rules, pinned.version, record, a.assessment_year, a.tier);
    a.review_levels = review_levels_of(*pinned.rules, a.tier);
    a.submitted_on = on;
    a.next_level = 0;

    soci::session& sql = db_.impl().sql;
    long long key = id;
    {
        std::vector<long long> app;
        std::vector<int> position, confirmed;
        std::vector<std::string> criterion, verdict, actual, threshold, gap;
        for (std::size_t i = 0; i < a.snapshot.criteria.size(); ++i) {
            const auto& c = a.snapshot.criteria[i];
            app.push_back(key);
            position.push_back(static_cast<int>(i));
            criterion.push_back(c.id);
            verdict.emplace_back(to_string(c.verdict));
            actual.push_back(c.actual);
            threshold.push_back(c.threshold);
            gap.push_back(c.gap);
            confirmed.push_back(c.reviewer_confirmed ? 1 : 0);
        }
        if (!app.empty())
            sql << "INSERT INTO application_criteria (application_id, position, criterion, "
                   "verdict, actual, threshold, "
                   "gap, reviewer_confirmed) VALUES (:a, :p, :c, :v, :ac, :th, :g, :rc)",
                soci::use(app), soci::use(position), soci::use(criterion), soci::use(verdict),
                soci::use(actual), soci::use(threshold), soci::use(gap), soci::use(confirmed);
    }
    {
        std::vector<long long> app;
        std::vector<int> position, year;
        std::vector<std::string> name, value;
        std::vector<soci::indicator> value_i;
        for (std::size_t i = 0; i < a.snapshot.inputs.size(); ++i) {
            const auto& in = a.snapshot.inputs[i];
            app.push_back(key);
            position.push_back(static_cast<int>(i));
            name.push_back(in.name);
            year.push_back(in.year);
            value.push_back(in.value.value_or(""));
            value_i.push_back(in.value ? soci::i_ok : soci::i_null);
        }
        if (!app.empty())
            sql << "INSERT INTO application_inputs (application_id, position, name, year, value) "
                   "VALUES (:a, :p, :n, :y, :v)",
                soci::use(app), soci::use(position), soci::use(name), soci::use(year),
                soci::use(value, value_i);
    }
    std::string state(state_id(a.state)), submitted = on.to_string(),
                                          levels = join(a.review_levels, ';'),
                                          verdict(to_string(a.snapshot.verdict));
    sql << "UPDATE applications SET state = :s, submitted_on = :d, rule_set_id = :r, "
           "rule_set_version = :v, "
           "verdict = :vd, review_levels = :l, next_level = 0, row_version = row_version + 1 WHERE "
           "id = :id",
        soci::use(state), soci::use(submitted), soci::use(a.snapshot.rule_set_id),
        soci::use(a.snapshot.rule_set_version), soci::use(verdict), soci::use(levels),
        soci::use(key);
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
                                    const std::string& note) {
    Transaction tx(db_);
    int64_t id = insert_draft(by, code, tier, year, on, note);
    submit_in_transaction(by, id, on);
    tx.commit();
    return id;
}

void WorkflowService::withdraw(const Actor& by, int64_t id, const Date& on,
                               const std::string& comment) {
    require_permission(by.name, by.role, Operation::withdraw_application);
    Transaction tx(db_);
    Application a = load(id);
    if (a.submitter != by.name)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("only {}, who submitted application {}, may withdraw it")),
                        a.submitter, id));
    Application before = a;
    a.state = require_transition(id, a.state, ApplicationAction::withdraw);
    check_withdrawal_date(on, a.submitted_on.value_or(a.created_on), Date::today());
    std::string state(state_id(a.state)), day = on.to_string();
    long long key = id;
    db_.impl().sql
        << "UPDATE applications SET state = :s, decided_on = :d, row_version = row_version + 1 "
           "WHERE id = :id",
        soci::use(state), soci::use(day), soci::use(key);
    a.decided_on = on;
    std::string after = audit_text(a) + (comment.empty() ? "" : ";comment=" + comment);
    AuditRepository(db_).append(
        {entry("withdraw", "application", std::to_string(id), audit_text(before), after)}, by.name);
    tx.commit();
}

DecisionResult WorkflowService::decide(const Actor& by, int64_t id, Decision decision,
                                       const std::string& doc_no) {
    require_permission(by.name, by.role, Operation::decide_application);
    Transaction tx(db_);
    Application a = get(id);
    if (a.submitter == by.name)
        throw WorkflowError(fmt::format(
            fmt::runtime(_("four eyes: {} submitted application {} and may not decide on it")),
            by.name, id));
    for (const Decision& d : a.decisions)
        if (d.reviewer == by.name)
            throw WorkflowError(
                fmt::format(fmt::runtime(_("four eyes: {} already decided application {} at the {} "
                                           "level; another reviewer "
                                           "decides the next level")),
                            by.name, id, review_level_label(d.level)));
    if (!a.decisions.empty() && !a.publicity_outcome &&
        (a.state == ApplicationState::approved || a.state == ApplicationState::rejected))
        throw decided_meanwhile(db_.impl().sql, id);
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
    if (decision.approve) check_approval(a.snapshot, decision);
    decision.reviewer = by.name;
    decision.level_index = a.next_level;
    decision.level = a.review_levels.empty()
                         ? "province"
                         : a.review_levels[static_cast<std::size_t>(a.next_level)];

    soci::session& sql = db_.impl().sql;
    long long key = id;
    std::string verb = decision.approve ? "approve" : "reject",
                day = decision.decided_on.to_string(), now = utc_timestamp_now(),
                confirmed = join(decision.confirmed, ';');
    sql << "INSERT INTO application_decisions (application_id, level_index, level, decision, "
           "reviewer, decided_on, "
           "at, comment, justification, confirmed) VALUES (:a, :li, :l, :d, :r, :on, :at, :c, :j, "
           ":cf)",
        soci::use(key), soci::use(decision.level_index), soci::use(decision.level), soci::use(verb),
        soci::use(by.name), soci::use(day), soci::use(now), soci::use(decision.comment),
        soci::use(decision.justification), soci::use(confirmed);

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
        a.doc_no = doc_no.empty()
                       ? fmt::format("赣梯度认定〔{}〕{}号", decision.decided_on.year(), id)
                       : doc_no;
    }
    std::string state(state_id(a.state));
    OptText decided(a.decided_on), p_start(a.publicity_start), p_end(a.publicity_end);
    OptText doc(a.doc_no.empty() ? std::nullopt : std::optional<std::string>(a.doc_no));
    // Only from the state this decision was based on: a second reviewer deciding the same
    // application at the same moment (PostgreSQL blocks here until the first commits) finds it
    // moved on and is refused instead of deciding twice.
    std::string old_state(state_id(before.state));
    int old_level = before.next_level;
    soci::statement guarded =
        (sql.prepare << "UPDATE applications SET state = :s, next_level = :n, decided_on = :d, "
                        "publicity_start = :ps, "
                        "publicity_end = :pe, doc_no = :doc, row_version = row_version + 1 "
                        "WHERE id = :id AND state = :os AND next_level = :ol",
         soci::use(state), soci::use(a.next_level), soci::use(decided.value, decided.ind),
         soci::use(p_start.value, p_start.ind), soci::use(p_end.value, p_end.ind),
         soci::use(doc.value, doc.ind), soci::use(key), soci::use(old_state), soci::use(old_level));
    guarded.execute(true);
    if (guarded.get_affected_rows() != 1) {
        // Our own decision row is not committed: end the transaction, then name the one that was.
        tx.rollback();
        throw decided_meanwhile(sql, id);
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
    require_permission(by.name, by.role, Operation::record_objection);
    if (objection.find_first_not_of(" \t\r\n") == std::string::npos)
        throw WorkflowError(_("an objection needs its text"));
    Transaction tx(db_);
    Application a = load(id);
    if (!a.publicity_open())
        throw WorkflowError(fmt::format(fmt::runtime(_("application {} is not in publicity")), id));
    check_objection_date(id, on, *a.publicity_start, *a.publicity_end, Date::today());
    Application before = a;
    a.objection = a.objection ? *a.objection + "\n" + objection : objection;
    a.objection_by = by.name;
    a.objection_on = on;
    std::string day = on.to_string();
    long long key = id;
    db_.impl().sql
        << "UPDATE applications SET objection = :o, objection_by = :b, objection_on = :d, "
           "row_version = row_version + 1 WHERE id = :id",
        soci::use(*a.objection), soci::use(by.name), soci::use(day), soci::use(key);
    AuditRepository(db_).append(
        {entry("objection", "application", std::to_string(id), audit_text(before), audit_text(a))},
        by.name);
    tx.commit();
}

void WorkflowService::close_publicity(const Actor& by, int64_t id, const Date& on,
                                      std::optional<PublicityOutcome> outcome,
                                      const std::string& comment) {
    require_permission(by.name, by.role, Operation::close_publicity);
    Transaction tx(db_);
    Application a = get(id);
    if (!a.publicity_open())
        throw WorkflowError(fmt::format(fmt::runtime(_("application {} is not in publicity")), id));
    check_publicity_close_date(id, on, *a.publicity_end, Date::today());
    if (a.objection && (!outcome || *outcome == PublicityOutcome::clean))
        throw WorkflowError(fmt::format(
            fmt::runtime(
                _("application {} received an objection; say whether it was dismissed or upheld")),
            id));
    if (!a.objection && outcome && *outcome != PublicityOutcome::clean)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("application {} received no objection to decide")), id));
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
            throw WorkflowError(fmt::format(
                fmt::runtime(_("application {} has no recorded approval to recognise")), id));
        r.approved_on = *approved_on;
        r.valid_from = a.publicity_end->add_days(1);
        r.valid_to = pinned.rules->tier_catalog().default_valid_to(a.tier, r.valid_from);
        r.doc_no = a.doc_no;
        RegistryRepository(db_).upsert_recognitions({r}, &audit);
        a.recognition_from = r.valid_from;
    }
    std::string state(state_id(a.state)), outcome_text = *a.publicity_outcome, day = on.to_string();
    OptText from(a.recognition_from);
    long long key = id;
    db_.impl().sql
        << "UPDATE applications SET state = :s, publicity_outcome = :o, publicity_closed_on = :d, "
           "publicity_closed_by = :b, recognition_from = :r, row_version = row_version + 1 WHERE "
           "id = :id",
        soci::use(state), soci::use(outcome_text), soci::use(day), soci::use(by.name),
        soci::use(from.value, from.ind), soci::use(key);
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
    std::vector<ListingStageRecord> out;
    long long id = 0;
    std::string stage, day, status, proposed_by, comment;
    OptText reviewed_by;
    soci::statement st =
        (db_.impl().sql.prepare
             << "SELECT id, stage, stage_date, status, proposed_by, reviewed_by, comment "
                "FROM listing_stages WHERE credit_code = :c ORDER BY id",
         soci::into(id), soci::into(stage), soci::into(day), soci::into(status),
         soci::into(proposed_by), soci::into(reviewed_by.value, reviewed_by.ind),
         soci::into(comment), soci::use(code));
    st.execute();
    while (st.fetch()) {
        ListingStageRecord r;
        r.id = id;
        r.credit_code = code;
        r.stage = parse_stage(stage).value_or(ListingStage::reserve);
        r.stage_date = Date::parse(day).value_or(Date());
        r.status = status;
        r.proposed_by = proposed_by;
        r.reviewed_by = reviewed_by.text();
        r.comment = comment;
        out.push_back(std::move(r));
    }
    return out;
}

int64_t WorkflowService::propose_listing_stage(const Actor& by, const std::string& code,
                                               ListingStage stage, const Date& on,
                                               const std::string& comment) {
    require_permission(by.name, by.role, Operation::propose_listing_stage);
    Transaction tx(db_);
    if (!RegistryRepository(db_).firm_exists(code))
        throw WorkflowError(
            fmt::format(fmt::runtime(_("no firm with credit code {} in the registry")), code));
    std::optional<ListingStage> current;
    std::optional<Date> current_date;
    for (const auto& r : listing_stages(code)) {
        if (r.status == "pending")
            throw WorkflowError(
                fmt::format(fmt::runtime(_("listing stage {} of {} is awaiting review (id {})")),
                            stage_id(r.stage), code, r.id));
        if (r.status == "confirmed") {
            current = r.stage;
            current_date = r.stage_date;
        }
    }
    auto expected = next_stage(current);
    if (!expected) throw WorkflowError(fmt::format(fmt::runtime(_("{} is already listed")), code));
    if (stage != *expected)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the next listing stage of {} is {} ({}), not {}")), code,
                        stage_id(*expected), stage_zh(*expected), stage_id(stage)));
    if (current_date && on < *current_date)
        throw WorkflowError(
            fmt::format(fmt::runtime(_("the stage date {} is before the previous stage's {}")),
                        on.to_string(), current_date->to_string()));
    std::string stage_text(stage_id(stage)), day = on.to_string(), status = "pending",
                                             now = utc_timestamp_now();
    soci::session& sql = db_.impl().sql;
    sql << "INSERT INTO listing_stages (credit_code, stage, stage_date, status, proposed_by, "
           "proposed_at, comment) "
           "VALUES (:c, :s, :d, :st, :p, :at, :cm)",
        soci::use(code), soci::use(stage_text), soci::use(day), soci::use(status),
        soci::use(by.name), soci::use(now), soci::use(comment);
    long long id = 0;
    if (!sql.get_last_insert_id("listing_stages", id))
        sql << "SELECT MAX(id) FROM listing_stages", soci::into(id);
    AuditRepository(db_).append(
        {entry("propose", "listing_stage", fmt::format("{}/{}", code, stage_text), std::nullopt,
               fmt::format("id={};stage={};date={};status=pending", id, stage_text, day))},
        by.name);
    tx.commit();
    return id;
}

void WorkflowService::review_listing_stage(const Actor& by, int64_t stage_id_value, bool confirm,
                                           const std::string& comment) {
    require_permission(by.name, by.role, Operation::review_listing_stage);
    Transaction tx(db_);
    soci::session& sql = db_.impl().sql;
    std::string code, stage, day, status, proposed_by, stored_comment;
    long long key = stage_id_value;
    sql << "SELECT credit_code, stage, stage_date, status, proposed_by, comment FROM "
           "listing_stages WHERE id = :id",
        soci::into(code), soci::into(stage), soci::into(day), soci::into(status),
        soci::into(proposed_by), soci::into(stored_comment), soci::use(key);
    if (!sql.got_data())
        throw WorkflowError(
            fmt::format(fmt::runtime(_("no listing stage change with id {}")), stage_id_value));
    if (status != "pending")
        throw WorkflowError(fmt::format(fmt::runtime(_("listing stage change {} was already {}")),
                                        stage_id_value, status));
    if (proposed_by == by.name)
        throw WorkflowError(fmt::format(
            fmt::runtime(_("four eyes: {} recorded listing stage change {} and may not review it")),
            by.name, stage_id_value));
    std::string new_status = confirm ? "confirmed" : "rejected", now = utc_timestamp_now();
    // The reviewer's comment replaces the clerk's only when given.
    std::string final_comment = comment.empty() ? stored_comment : comment;
    sql << "UPDATE listing_stages SET status = :s, reviewed_by = :b, reviewed_at = :at, comment = "
           ":c WHERE id = :id",
        soci::use(new_status), soci::use(by.name), soci::use(now), soci::use(final_comment),
        soci::use(key);
    std::vector<AuditEntry> audit;
    audit.push_back(entry(
        confirm ? "confirm" : "reject", "listing_stage", fmt::format("{}/{}", code, stage),
        fmt::format("id={};stage={};date={};status=pending", stage_id_value, stage, day),
        fmt::format("id={};stage={};date={};status={}", stage_id_value, stage, day, new_status)));
    if (confirm && parse_stage(stage) == ListingStage::listed) {
        RegistryRepository repo(db_);
        Firm firm = *repo.find_firm(code);
        firm.listed_on = Date::parse(day);
        repo.upsert_firms({firm}, &audit);
    }
    AuditRepository(db_).append(std::move(audit), by.name);
    tx.commit();
}

}  // namespace ladder
