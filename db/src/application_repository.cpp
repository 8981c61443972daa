#include "db/application_repository.hpp"

#include "database_impl.hpp"
#include "soci_text.hpp"

namespace ladder {

namespace {

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

}  // namespace

std::optional<Application> ApplicationRepository::find(int64_t id) {
    soci::session& sql = db_.impl().sql;
    Application a;
    long long app_id = 0;
    int year = 0, next_level = 0;
    std::string state, created_on, note, levels, kind;
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
           "a.recognition_from, a.kind "
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
        soci::into(recognition_from.value, recognition_from.ind), soci::into(kind), soci::use(key);
    if (!sql.got_data()) return std::nullopt;
    a.re_review = kind == "re_review";
    a.id = app_id;
    a.assessment_year = year;
    a.state = parse_state(state).value_or(ApplicationState::draft);
    a.created_on = Date::parse(created_on).value_or(Date());
    a.submitted_on = submitted_on.date();
    a.note = note;
    a.review_levels = split_text(levels, ';');
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

void ApplicationRepository::read_details(Application& a) {
    soci::session& sql = db_.impl().sql;
    long long key = a.id;
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
            d.confirmed = split_text(confirmed, ';');
            a.decisions.push_back(d);
        }
    }
}

std::vector<int64_t> ApplicationRepository::ids(const ApplicationFilter& filter) {
    soci::session& sql = db_.impl().sql;
    std::vector<int64_t> ids;
    // Optional filters as "(:x = '' OR column = :x)" keep one prepared text with bound values.
    std::string year = filter.year ? std::to_string(*filter.year) : "",
                tier = filter.tier.value_or(""),
                state = filter.state ? std::string(state_id(*filter.state)) : "",
                code = filter.credit_code.value_or("");
    long long id = 0;
    soci::statement st =
        (sql.prepare << "SELECT id FROM applications WHERE (:y1 = '' OR CAST(assessment_year AS "
                        "TEXT) = :y2) AND (:t1 = '' OR tier = :t2) AND (:s1 = '' OR state = :s2) "
                        "AND "
                        "(:c1 = '' OR credit_code = :c2) ORDER BY id",
         soci::into(id), soci::use(year, "y1"), soci::use(year, "y2"), soci::use(tier, "t1"),
         soci::use(tier, "t2"), soci::use(state, "s1"), soci::use(state, "s2"),
         soci::use(code, "c1"), soci::use(code, "c2"));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    return ids;
}

int64_t ApplicationRepository::insert_draft(const std::string& code, const std::string& tier,
                                            int year, const std::string& submitter, const Date& on,
                                            const std::string& note, bool re_review) {
    std::string state(state_id(ApplicationState::draft)), created = on.to_string(),
                                                          kind = re_review ? "re_review" : "new";
    soci::session& sql = db_.impl().sql;
    sql << "INSERT INTO applications (credit_code, tier, assessment_year, state, submitter, "
           "created_on, note, kind) "
           "VALUES (:c, :t, :y, :s, :u, :d, :n, :k)",
        soci::use(code), soci::use(tier), soci::use(year), soci::use(state), soci::use(submitter),
        soci::use(created), soci::use(note), soci::use(kind);
    long long id = 0;
    if (!sql.get_last_insert_id("applications", id)) {
        sql << "SELECT MAX(id) FROM applications", soci::into(id);
    }
    return id;
}

void ApplicationRepository::store_submission(const Application& a) {
    soci::session& sql = db_.impl().sql;
    long long key = a.id;
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
    std::string state(state_id(a.state)),
        submitted = a.submitted_on ? a.submitted_on->to_string() : std::string(),
        levels = join_text(a.review_levels, ';'), verdict(to_string(a.snapshot.verdict));
    sql << "UPDATE applications SET state = :s, submitted_on = :d, rule_set_id = :r, "
           "rule_set_version = :v, "
           "verdict = :vd, review_levels = :l, next_level = 0, row_version = row_version + 1 WHERE "
           "id = :id",
        soci::use(state), soci::use(submitted), soci::use(a.snapshot.rule_set_id),
        soci::use(a.snapshot.rule_set_version), soci::use(verdict), soci::use(levels),
        soci::use(key);
}

void ApplicationRepository::store_decided(int64_t id, ApplicationState to, const Date& on) {
    std::string state(state_id(to)), day = on.to_string();
    long long key = id;
    db_.impl().sql
        << "UPDATE applications SET state = :s, decided_on = :d, row_version = row_version + 1 "
           "WHERE id = :id",
        soci::use(state), soci::use(day), soci::use(key);
}

void ApplicationRepository::insert_decision(int64_t id, const Decision& d, const std::string& at) {
    long long key = id;
    std::string verb = d.approve ? "approve" : "reject", day = d.decided_on.to_string(), now = at,
                confirmed = join_text(d.confirmed, ';');
    db_.impl().sql
        << "INSERT INTO application_decisions (application_id, level_index, level, decision, "
           "reviewer, decided_on, "
           "at, comment, justification, confirmed) VALUES (:a, :li, :l, :d, :r, :on, :at, :c, :j, "
           ":cf)",
        soci::use(key), soci::use(d.level_index), soci::use(d.level), soci::use(verb),
        soci::use(d.reviewer), soci::use(day), soci::use(now), soci::use(d.comment),
        soci::use(d.justification), soci::use(confirmed);
}

bool ApplicationRepository::store_decision_outcome(const Application& a,
                                                   ApplicationState old_state_value,
                                                   int old_level) {
    soci::session& sql = db_.impl().sql;
    long long key = a.id;
    std::string state(state_id(a.state));
    OptText decided(a.decided_on), p_start(a.publicity_start), p_end(a.publicity_end);
    OptText doc(a.doc_no.empty() ? std::nullopt : std::optional<std::string>(a.doc_no));
    // Only from the state the decision was based on: a second reviewer deciding the same
    // application at the same moment (PostgreSQL blocks here until the first commits) finds it
    // moved on and is refused instead of deciding twice.
    std::string old_state(state_id(old_state_value));
    int next_level = a.next_level;
    soci::statement guarded =
        (sql.prepare << "UPDATE applications SET state = :s, next_level = :n, decided_on = :d, "
                        "publicity_start = :ps, "
                        "publicity_end = :pe, doc_no = :doc, row_version = row_version + 1 "
                        "WHERE id = :id AND state = :os AND next_level = :ol",
         soci::use(state), soci::use(next_level), soci::use(decided.value, decided.ind),
         soci::use(p_start.value, p_start.ind), soci::use(p_end.value, p_end.ind),
         soci::use(doc.value, doc.ind), soci::use(key), soci::use(old_state), soci::use(old_level));
    guarded.execute(true);
    return guarded.get_affected_rows() == 1;
}

void ApplicationRepository::store_objection(const Application& a) {
    std::string objection = a.objection.value_or(""), by = a.objection_by.value_or(""),
                day = a.objection_on ? a.objection_on->to_string() : std::string();
    long long key = a.id;
    db_.impl().sql
        << "UPDATE applications SET objection = :o, objection_by = :b, objection_on = :d, "
           "row_version = row_version + 1 WHERE id = :id",
        soci::use(objection), soci::use(by), soci::use(day), soci::use(key);
}

void ApplicationRepository::store_publicity_close(const Application& a) {
    std::string state(state_id(a.state)),
        outcome_text = a.publicity_outcome.value_or(""),
        day = a.publicity_closed_on ? a.publicity_closed_on->to_string() : std::string(),
        by = a.publicity_closed_by.value_or("");
    OptText from(a.recognition_from);
    long long key = a.id;
    db_.impl().sql
        << "UPDATE applications SET state = :s, publicity_outcome = :o, publicity_closed_on = :d, "
           "publicity_closed_by = :b, recognition_from = :r, row_version = row_version + 1 WHERE "
           "id = :id",
        soci::use(state), soci::use(outcome_text), soci::use(day), soci::use(by),
        soci::use(from.value, from.ind), soci::use(key);
}

ApplicationRepository::LastDecision ApplicationRepository::last_decision(int64_t id) {
    LastDecision last;
    long long key = id;
    db_.impl().sql << "SELECT reviewer, at FROM application_decisions WHERE application_id = :id "
                      "ORDER BY id DESC LIMIT 1",
        soci::into(last.reviewer), soci::into(last.at), soci::use(key);
    return last;
}

}  // namespace ladder
