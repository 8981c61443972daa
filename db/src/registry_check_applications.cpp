// Applications, their decisions and the listing stages against the trail.
#include "registry_check_walk.hpp"

namespace ladder::check_detail {

// --- applications and their decisions ------------------------------------------------------

namespace {

// An application's decision rows, in the order they were taken.
struct DecisionRow {
    std::string application;  // id as text
    std::string decision, level, reviewer, comment, justification;
};

// The suffix decide() appends to the application's audit text for this decision.
std::string decision_suffix(const DecisionRow& d) {
    std::string s = fmt::format(";decision={}@{}", d.decision, d.level);
    if (!d.justification.empty()) s += ";justification=" + d.justification;
    if (!d.comment.empty()) s += ";comment=" + d.comment;
    return s;
}

// The level of a decision entry's text ("…;decision=approve@city;comment=…" → "city").
std::string level_of(std::string_view after) {
    auto at = after.rfind(";decision=");
    if (at == std::string_view::npos) return {};
    after.remove_prefix(at);
    auto from = after.find('@');
    if (from == std::string_view::npos) return {};
    after.remove_prefix(from + 1);
    return std::string(after.substr(0, after.find(';')));
}

// True when `after` ends with `suffix`, or with `suffix` and the drift count decide() adds.
bool ends_with_decision(std::string_view after, const std::string& suffix) {
    if (after.ends_with(suffix)) return true;
    auto drift = after.rfind(suffix + ";drift=");
    if (drift == std::string_view::npos) return false;
    std::string_view count = after.substr(drift + suffix.size() + 7);
    return !count.empty() &&
           std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

void check_applications(Database& db, Findings& findings) {
    TrailWalk trail(db, "application", application_action, /*collect=*/true);
    const std::string order = byte_order(db);
    RowStream rows(
        db, fmt::format("SELECT k, credit_code, tier, assessment_year, state, submitter, "
                        "rule_set_id, rule_set_version, verdict, next_level, publicity_start, "
                        "publicity_end, objection, publicity_outcome, doc_no, recognition_from, "
                        "kind FROM (SELECT CAST(id AS TEXT) AS k, a.* FROM applications a) q "
                        "ORDER BY k{}",
                        order));
    RowStream decisions(
        db, fmt::format("SELECT k, decision, level, reviewer, comment, justification FROM "
                        "(SELECT CAST(application_id AS TEXT) AS k, d.* FROM application_decisions "
                        "d) q ORDER BY k{}, id",
                        order));
    bool more_decisions = decisions.next();
    // The decision rows of application `key`; rows of applications before it that no key
    // reached have no application: they were inserted by hand.
    auto decisions_of = [&](const std::string& key) {
        std::vector<DecisionRow> out;
        while (more_decisions && decisions.text(0) <= key) {
            DecisionRow d{std::string(decisions.text(0)), std::string(decisions.text(1)),
                          std::string(decisions.text(2)), std::string(decisions.text(3)),
                          std::string(decisions.text(4)), std::string(decisions.text(5))};
            if (d.application == key)
                out.push_back(std::move(d));
            else {
                findings.row_checked();
                findings.add("application_decisions", d.application + "/" + d.level, inserted());
            }
            more_decisions = decisions.next();
        }
        return out;
    };
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        Application a;
        item.key.assign(rows.text(0));
        a.credit_code.assign(rows.text(1));
        a.tier.assign(rows.text(2));
        a.assessment_year = static_cast<int>(cells.integer(3, "assessment_year").value_or(0));
        if (auto state = parse_state(rows.text(4)))
            a.state = *state;
        else if (item.unreadable.empty())
            item.unreadable = quoted("state", rows.text(4));
        a.submitter.assign(rows.text(5));
        a.snapshot.rule_set_id.assign(rows.text(6));
        a.snapshot.rule_set_version.assign(rows.text(7));
        if (!a.snapshot.rule_set_id.empty()) {
            bool known = false;
            for (auto v : {TierVerdict::eligible, TierVerdict::ineligible, TierVerdict::incomplete})
                if (to_string(v) == rows.text(8)) {
                    a.snapshot.verdict = v;
                    known = true;
                }
            if (!known && item.unreadable.empty())
                item.unreadable = quoted("verdict", rows.text(8));
        }
        a.next_level = static_cast<int>(cells.integer(9, "next_level").value_or(0));
        a.publicity_start = cells.date(10, "publicity_start", false);
        a.publicity_end = cells.date(11, "publicity_end", a.publicity_start.has_value());
        if (!a.publicity_end) a.publicity_start.reset();  // noted above; the text needs both
        if (!rows.null(12)) a.objection.emplace(rows.text(12));
        if (!rows.null(13)) a.publicity_outcome.emplace(rows.text(13));
        a.doc_no.assign(rows.text(14));
        a.recognition_from = cells.date(15, "recognition_from", false);
        a.re_review = rows.text(16) == "re_review";
        item.text = audit_text(a);
        return true;
    };
    auto differs = [&](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
        // A decision, withdrawal or close adds what was decided and said to the state's text.
        std::string_view after = t.after;
        bool same = after == r.text;
        for (const char* tail : {";decision=", ";comment="})
            same = same ||
                   (after.starts_with(r.text) && after.substr(r.text.size()).starts_with(tail));
        if (same) return std::nullopt;
        std::string_view state = after;
        for (const char* tail : {";decision=", ";comment="})
            state = state.substr(0, state.find(tail));
        return changed(t.entry, state, r.text);
    };
    // The walk over applications, with each application's decisions checked against the
    // trail's approvals and rejections (who decided, at which level, with what comment).
    auto check_decisions = [&](const std::string& key, const TrailKey* t) {
        std::vector<DecisionRow> rows_of = decisions_of(key);
        std::vector<const TrailKey::Entry*> entries;
        if (t)
            for (const auto& e : t->all)
                if (e.action == "approve" || e.action == "reject") entries.push_back(&e);
        for (std::size_t i = 0; i < rows_of.size(); ++i) findings.row_checked();
        for (std::size_t i = 0; i < std::max(rows_of.size(), entries.size()); ++i) {
            if (i >= entries.size()) {
                findings.add("application_decisions", key + "/" + rows_of[i].level, inserted());
                continue;
            }
            const TrailKey::Entry& e = *entries[i];
            if (i >= rows_of.size()) {
                findings.add("application_decisions", key + "/" + level_of(e.after.value_or("")),
                             deleted(e.id));
                continue;
            }
            const DecisionRow& d = rows_of[i];
            if (e.actor != d.reviewer || e.action != d.decision)
                findings.add("application_decisions", key + "/" + d.level,
                             fmt::format(fmt::runtime(_("changed outside Ladder: audit entry {} "
                                                        "records {} by {}, the row {} by {}")),
                                         e.id, e.action, e.actor, d.decision, d.reviewer));
            else if (!ends_with_decision(e.after.value_or(""), decision_suffix(d)))
                findings.add("application_decisions", key + "/" + d.level,
                             fmt::format(fmt::runtime(_("changed outside Ladder: the row's level, "
                                                        "comment or justification is not what "
                                                        "audit entry {} records")),
                                         e.id));
        }
    };
    // merge_walk's walk, with the decisions of every key it visits.
    TrailKey t;
    RowItem r;
    bool have_t = trail.next(t), have_r = next_row(r);
    while (have_t || have_r) {
        if (!have_t || (have_r && r.key < t.key)) {
            findings.row_checked();
            findings.add("applications", r.key,
                         r.unreadable.empty() ? inserted() : unreadable(0, r.unreadable));
            check_decisions(r.key, nullptr);
            have_r = next_row(r);
        } else if (!have_r || t.key < r.key) {
            if (t.leaves_row()) findings.add("applications", t.key, deleted(t.entry));
            check_decisions(t.key, &t);
            have_t = trail.next(t);
        } else {
            findings.row_checked();
            if (!t.leaves_row())
                findings.add("applications", r.key, inserted());
            else if (!r.unreadable.empty())
                findings.add("applications", r.key, unreadable(t.entry, r.unreadable));
            else if (auto problem = differs(t, r))
                findings.add("applications", r.key, std::move(*problem));
            check_decisions(r.key, &t);
            have_r = next_row(r);
            have_t = trail.next(t);
        }
    }
    while (more_decisions) {
        findings.row_checked();
        findings.add("application_decisions",
                     fmt::format("{}/{}", decisions.text(0), decisions.text(2)), inserted());
        more_decisions = decisions.next();
    }
}

// --- listing stages -------------------------------------------------------------------------

// Listing stages are few (firms on their way to the stock market) and keyed in the trail by
// firm and stage, while a stage rejected and proposed again is a second row: they are matched
// by the row id every entry names ("id=12;stage=...").
void check_listing_stages(Database& db, Findings& findings) {
    struct Trail {
        std::string key;  // "CODE/stage"
        int64_t entry = 0;
        std::string after, proposed_by, reviewed_by;
    };
    std::map<int64_t, Trail> by_id;
    {
        RowStream entries(db,
                          "SELECT entity_key, id, action, after_value, actor FROM audit_log "
                          "WHERE entity = 'listing_stage' ORDER BY id");
        while (entries.next()) {
            std::string_view after = entries.text(3);
            int64_t id = 0;
            if (!after.starts_with("id=")) continue;
            std::string_view digits = after.substr(3, after.find(';') - 3);
            if (std::from_chars(digits.data(), digits.data() + digits.size(), id).ec != std::errc())
                continue;
            bool readable = true;
            Trail& t = by_id[id];
            t.key.assign(entries.text(0));
            t.entry = entries.integer(1, &readable).value_or(0);
            t.after.assign(after);
            std::string_view action = entries.text(2);
            if (action == "propose") {
                t.proposed_by.assign(entries.text(4));
                t.reviewed_by.clear();
            } else {
                t.reviewed_by.assign(entries.text(4));
            }
        }
    }
    RowStream rows(db,
                   "SELECT id, credit_code, stage, stage_date, status, proposed_by, "
                   "reviewed_by FROM listing_stages ORDER BY id");
    while (rows.next()) {
        bool readable = true;
        int64_t id = rows.integer(0, &readable).value_or(0);
        std::string key = fmt::format("{}/{}", rows.text(1), rows.text(2));
        std::string shown = fmt::format("{} ({})", id, key);
        findings.row_checked();
        auto it = by_id.find(id);
        if (it == by_id.end()) {
            findings.add("listing_stages", shown, inserted());
            continue;
        }
        const Trail& t = it->second;
        std::string text = fmt::format("id={};stage={};date={};status={}", id, rows.text(2),
                                       rows.text(3), rows.text(4));
        std::string was = fmt::format("{};key={};proposed_by={};reviewed_by={}", t.after, t.key,
                                      t.proposed_by, t.reviewed_by);
        std::string now = fmt::format("{};key={};proposed_by={};reviewed_by={}", text, key,
                                      rows.text(5), rows.text(6));
        if (was != now) findings.add("listing_stages", shown, changed(t.entry, was, now));
        by_id.erase(it);
    }
    for (const auto& [id, t] : by_id)
        findings.add("listing_stages", fmt::format("{} ({})", id, t.key), deleted(t.entry));
}

}  // namespace ladder::check_detail
