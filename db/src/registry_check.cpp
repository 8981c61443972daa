// The registry proved from the audit trail: every audited row must be what the last audit entry
// of its key says (see db/audit_trail.hpp), and anchors taken outside the database.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <soci/soci.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/registry_repository.hpp"
#include "model/application.hpp"
#include "model/i18n.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"
#include "native_sqlite.hpp"

namespace ladder {

namespace {

using namespace sqlite_api;  // SOCI's header declares the SQLite C API inside this namespace

// The rows of one SELECT, forward only, without holding them all: stepped natively on SQLite
// (no copy of any cell), fetched 5,000 at a time from a server-side cursor on PostgreSQL
// (SOCI's PostgreSQL backend would otherwise read a whole result into memory).
class RowStream {
  public:
    RowStream(Database& db, const std::string& query) : db_(db) {
        if (db.backend() == Backend::Sqlite) {
            sqlite3* conn = native_sqlite(db.impl().sql);
            lock_.emplace(conn);
            native_ = std::make_unique<NativeQuery>(conn, query);
            return;
        }
        static std::atomic<int> cursors{0};
        cursor_ = fmt::format("ladder_check_{}", ++cursors);
        // WITH HOLD: usable outside a transaction too (the result is then kept by the server,
        // not here); inside one it reads the transaction's snapshot like any query.
        db.impl().sql << fmt::format("DECLARE {} NO SCROLL CURSOR WITH HOLD FOR {}", cursor_,
                                     query);
    }
    ~RowStream() {
        native_.reset();  // finalised while the connection is still locked
        if (cursor_.empty()) return;
        try {
            db_.impl().sql << fmt::format("CLOSE {}", cursor_);
        } catch (const std::exception&) {
            // The transaction failed and ends anyway; the cursor goes with it.
        }
    }
    RowStream(const RowStream&) = delete;
    RowStream& operator=(const RowStream&) = delete;

    bool next() {
        if (native_) return native_->step();
        if (row_ + 1 < chunk_.size()) {
            ++row_;
            return true;
        }
        if (exhausted_) return false;
        chunk_.clear();
        row_ = 0;
        constexpr std::size_t kFetch = 5000;
        soci::rowset<soci::row> rows =
            (db_.impl().sql.prepare << fmt::format("FETCH FORWARD {} FROM {}", kFetch, cursor_));
        for (const soci::row& r : rows) {
            std::vector<std::optional<std::string>> cells(r.size());
            for (std::size_t c = 0; c < r.size(); ++c) {
                if (r.get_indicator(c) == soci::i_null) continue;
                switch (r.get_properties(c).get_data_type()) {
                    case soci::dt_integer:
                        cells[c] = std::to_string(r.get<int>(c));
                        break;
                    case soci::dt_long_long:
                        cells[c] = std::to_string(r.get<long long>(c));
                        break;
                    case soci::dt_unsigned_long_long:
                        cells[c] = std::to_string(r.get<unsigned long long>(c));
                        break;
                    case soci::dt_double:
                        cells[c] = fmt::format("{}", r.get<double>(c));
                        break;
                    default:
                        cells[c] = r.get<std::string>(c);
                        break;
                }
            }
            chunk_.push_back(std::move(cells));
        }
        exhausted_ = chunk_.size() < kFetch;
        return !chunk_.empty();
    }

    bool null(int c) const {
        if (native_) return NativeQuery::null(native_->cell(c));
        return !chunk_[row_][static_cast<std::size_t>(c)];
    }
    // "" when NULL.
    std::string_view text(int c) const {
        if (native_) return native_->text(c);
        const auto& cell = chunk_[row_][static_cast<std::size_t>(c)];
        return cell ? std::string_view(*cell) : std::string_view();
    }
    // nullopt when NULL; *readable is false when the cell holds something else than an integer
    // (text or a fraction put there by hand).
    std::optional<int64_t> integer(int c, bool* readable) const {
        *readable = true;
        std::string_view t;
        if (native_) {
            sqlite3_value* v = native_->cell(c);
            switch (sqlite3_value_type(v)) {
                case SQLITE_NULL:
                    return std::nullopt;
                case SQLITE_INTEGER:
                    return sqlite3_value_int64(v);
                default:
                    t = NativeQuery::text(v);
            }
        } else {
            if (null(c)) return std::nullopt;
            t = text(c);
        }
        int64_t v = 0;
        auto [end, err] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (err != std::errc() || end != t.data() + t.size() || t.empty()) {
            *readable = false;
            return std::nullopt;
        }
        return v;
    }

  private:
    Database& db_;
    std::optional<ConnectionLock> lock_;
    std::unique_ptr<NativeQuery> native_;
    std::string cursor_;
    std::vector<std::vector<std::optional<std::string>>> chunk_;
    std::size_t row_ = 0;
    bool exhausted_ = false;
};

// Text keys sort byte-wise on both backends, as std::string compares them (SQLite's BINARY
// collation; PostgreSQL whatever the database's collation is).
std::string byte_order(Database& db) {
    return db.backend() == Backend::Postgresql ? " COLLATE \"C\"" : "";
}

// What the trail says about one key: its last entry that sets the row's state.
struct TrailKey {
    std::string key;
    int64_t entry = 0;
    std::string action, actor;
    std::string after;  // kept (with its capacity) from key to key: no allocation per entry
    bool has_after = false;
    // Every entry of the key, oldest first, when the walk collects them (applications).
    struct Entry {
        int64_t id = 0;
        std::string action, actor;
        std::optional<std::string> after;
    };
    std::vector<Entry> all;

    bool leaves_row() const { return entry != 0 && has_after && action != "delete"; }
};

// One entity's entries, a key at a time in byte order of the key. Entries whose action does
// not set a row's state (an import's summary, a failed sign-in) are passed over.
class TrailWalk {
  public:
    using CarriesState = bool (*)(std::string_view action);
    TrailWalk(Database& db, const std::string& entity, CarriesState carries, bool collect = false)
        : rows_(db, fmt::format("SELECT entity_key, id, action, after_value, actor FROM audit_log "
                                "WHERE entity = '{}' ORDER BY entity_key{}, id",
                                entity, byte_order(db))),
          carries_(carries),
          collect_(collect) {
        more_ = rows_.next();
    }

    bool next(TrailKey& out) {
        while (more_) {
            out.key.assign(rows_.text(0));
            out.entry = 0;
            out.has_after = false;
            out.all.clear();
            do {
                bool readable = true;
                const int64_t id = rows_.integer(1, &readable).value_or(0);
                const std::string_view action = rows_.text(2);
                if (collect_) {
                    TrailKey::Entry e{id, std::string(action), std::string(rows_.text(4)), {}};
                    if (!rows_.null(3)) e.after.emplace(rows_.text(3));
                    out.all.push_back(std::move(e));
                }
                if (carries_(action)) {
                    out.entry = id;
                    out.action.assign(action);
                    out.actor.assign(rows_.text(4));
                    out.has_after = !rows_.null(3);
                    out.after.assign(rows_.text(3));
                }
                more_ = rows_.next();
            } while (more_ && rows_.text(0) == out.key);
            if (out.entry != 0) return true;
        }
        return false;
    }

  private:
    RowStream rows_;
    CarriesState carries_;
    bool collect_;
    bool more_ = false;
};

bool registry_action(std::string_view a) {
    return a == "insert" || a == "update" || a == "delete";
}
bool quota_action(std::string_view a) {
    return a == "seed" || registry_action(a);
}
bool application_action(std::string_view a) {
    return a == "insert" || a == "submit" || a == "approve" || a == "reject" || a == "withdraw" ||
           a == "objection" || a == "publicity_close" || a == "delete";
}

// One stored row: its key, its text as the trail writes it, or the column Ladder could not
// have written.
struct RowItem {
    std::string key;
    std::string text;
    std::string unreadable;  // founded "x": the column and what it holds
};

class Findings {
  public:
    Findings(RegistryCheck& check, std::size_t max_reported)
        : check_(check), max_reported_(max_reported) {}
    void add(std::string_view table, std::string key, std::string problem) {
        ++check_.discrepancies;
        if (check_.reported.size() < max_reported_)
            check_.reported.push_back({std::string(table), std::move(key), std::move(problem)});
    }
    void row_checked() { ++check_.rows_checked; }

  private:
    RegistryCheck& check_;
    std::size_t max_reported_;
};

// "k=v; k=v" or "k=v;k=v" as (k, v) pairs, for showing which fields differ.
std::vector<std::pair<std::string, std::string>> fields_of(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!text.empty()) {
        std::size_t end = text.find(';');
        std::string_view part = text.substr(0, end);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        std::size_t eq = part.find('=');
        if (eq == std::string_view::npos)
            out.emplace_back(std::string(part), std::string());
        else
            out.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return out;
}

// The fields that differ, "name: 甲 → 乙" (the trail's value first), for the message.
std::string field_changes(std::string_view trail, std::string_view stored) {
    auto was = fields_of(trail), now = fields_of(stored);
    auto value_in = [](const auto& fields, const std::string& key) -> std::optional<std::string> {
        for (const auto& [k, v] : fields)
            if (k == key) return v;
        return std::nullopt;
    };
    std::vector<std::string> keys;
    for (const auto* list : {&was, &now})
        for (const auto& [k, v] : *list)
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    std::string out;
    const std::string absent = _("(absent)");
    for (const auto& k : keys) {
        auto a = value_in(was, k), b = value_in(now, k);
        if (a == b) continue;
        if (!out.empty()) out += "; ";
        out += fmt::format("{}: {} → {}", k, a.value_or(absent), b.value_or(absent));
    }
    if (out.empty()) out = fmt::format("{} → {}", trail, stored);
    return out;
}

std::string changed(int64_t entry, std::string_view trail, std::string_view stored) {
    return fmt::format(fmt::runtime(_("changed outside Ladder after audit entry {}: {}")), entry,
                       field_changes(trail, stored));
}
std::string inserted() {
    return _("no audit entry records this row: inserted outside Ladder");
}
std::string deleted(int64_t entry) {
    return fmt::format(fmt::runtime(_("audit entry {} records this row but the registry does not "
                                      "hold it: deleted outside Ladder")),
                       entry);
}
std::string unreadable(int64_t entry, const std::string& what) {
    return entry == 0 ? fmt::format(fmt::runtime(_("no audit entry records this row, and {} is "
                                                   "not a value Ladder writes: inserted outside "
                                                   "Ladder")),
                                    what)
                      : fmt::format(fmt::runtime(_("changed outside Ladder after audit entry {}: "
                                                   "{} is not a value Ladder writes")),
                                    entry, what);
}

// Merges one table's rows (in key order) with the trail's keys: a row without a key, a key
// whose last entry leaves a row without one, and a row unlike its last entry are reported.
// `differs(trail, row)` returns the problem, if any, of a row and its key's entry.
template <class NextRow, class Differs>
void merge_walk(Findings& findings, std::string_view table, TrailWalk& trail, NextRow next_row,
                Differs differs) {
    TrailKey t;
    RowItem r;
    bool have_t = trail.next(t), have_r = next_row(r);
    std::string previous;
    bool first = true;
    while (have_t || have_r) {
        if (have_r && !first && r.key <= previous) {
            // Only a key Ladder never writes (a credit code with characters the import
            // rejects, a year of three digits) sorts out of the key's text order.
            findings.row_checked();
            findings.add(table, r.key,
                         r.unreadable.empty() ? inserted() : unreadable(0, r.unreadable));
            have_r = next_row(r);
            continue;
        }
        if (!have_t || (have_r && r.key < t.key)) {
            findings.row_checked();
            findings.add(table, r.key,
                         r.unreadable.empty() ? inserted() : unreadable(0, r.unreadable));
            previous = std::move(r.key);
            first = false;
            have_r = next_row(r);
        } else if (!have_r || t.key < r.key) {
            if (t.leaves_row()) findings.add(table, t.key, deleted(t.entry));
            have_t = trail.next(t);
        } else {
            findings.row_checked();
            if (!t.leaves_row())
                findings.add(table, r.key, inserted());
            else if (!r.unreadable.empty())
                findings.add(table, r.key, unreadable(t.entry, r.unreadable));
            else if (auto problem = differs(t, r))
                findings.add(table, r.key, std::move(*problem));
            previous = std::move(r.key);
            first = false;
            have_r = next_row(r);
            have_t = trail.next(t);
        }
    }
}

std::string quoted(std::string_view column, std::string_view raw) {
    return fmt::format("{} \"{}\"", column, raw);
}

// Reads optional dates and integers of a row, noting the first cell Ladder could not have
// written.
struct CellReader {
    const RowStream& rows;
    RowItem& item;
    std::optional<Date> date(int c, std::string_view column, bool required) {
        if (rows.null(c)) {
            if (required && item.unreadable.empty()) item.unreadable = quoted(column, "NULL");
            return std::nullopt;
        }
        auto d = Date::parse(rows.text(c));
        if (!d && item.unreadable.empty()) item.unreadable = quoted(column, rows.text(c));
        return d;
    }
    std::optional<int64_t> integer(int c, std::string_view column) {
        bool readable = true;
        auto v = rows.integer(c, &readable);
        if (!readable && item.unreadable.empty()) item.unreadable = quoted(column, rows.text(c));
        return v;
    }
};

// --- firms, figures, recognitions ---------------------------------------------------------

void check_firms(Database& db, Findings& findings) {
    TrailWalk trail(db, "firm", registry_action);
    RowStream rows(db, fmt::format("SELECT credit_code, name, region_code, industry_code, chain, "
                                   "founded, niche_since, hnte_field, listed_on FROM firms "
                                   "ORDER BY credit_code{}",
                                   byte_order(db)));
    Firm f;
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        f.credit_code.assign(rows.text(0));
        f.name.assign(rows.text(1));
        f.region_code.assign(rows.text(2));
        f.industry_code.assign(rows.text(3));
        f.chain.assign(rows.text(4));
        f.founded = cells.date(5, "founded", true).value_or(Date());
        auto niche = cells.integer(6, "niche_since");
        f.niche_since = niche ? std::optional<int>(static_cast<int>(*niche)) : std::nullopt;
        auto hnte = cells.integer(7, "hnte_field");
        f.hnte_field = hnte ? std::optional<bool>(*hnte != 0) : std::nullopt;
        f.listed_on = cells.date(8, "listed_on", false);
        item.key = f.credit_code;
        item.text = audit_text(f);
        return true;
    };
    merge_walk(findings, "firms", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

// A figures text with every amount printed as today's audit text prints it (2 to 6 decimals):
// entries written while money was held in hundredths printed 2, and any other spelling of the
// same amount compares equal.
std::string normalised_figures(std::string_view text) {
    std::string out;
    for (const auto& [key, value] : fields_of(text)) {
        if (!out.empty()) out += "; ";
        out += key;
        out += '=';
        auto measure = std::find_if(kMeasures.begin(), kMeasures.end(),
                                    [&](const MeasureInfo& m) { return m.id == key; });
        if (measure != kMeasures.end() && is_money(measure->kind)) {
            if (auto fen = parse_fen(value)) {
                out += format_fen(*fen);
                continue;
            }
        }
        out += value;
    }
    return out;
}

void check_figures(Database& db, Findings& findings) {
    TrailWalk trail(db, "figures", registry_action);
    std::string columns = "credit_code, year";
    for (const auto& m : kMeasures) columns += fmt::format(", {}", m.id);
    RowStream rows(db, fmt::format("SELECT {} FROM figures ORDER BY credit_code{}, year", columns,
                                   byte_order(db)));
    YearFigures y;
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        y.credit_code.assign(rows.text(0));
        auto year = cells.integer(1, "year");
        y.year = static_cast<int>(year.value_or(0));
        for (std::size_t i = 0; i < kMeasureCount; ++i)
            y.set(kMeasures[i].measure, cells.integer(static_cast<int>(i) + 2, kMeasures[i].id));
        item.key = y.credit_code;
        item.key += '/';
        item.key += rows.text(1);
        item.text = audit_text(y);
        return true;
    };
    merge_walk(findings, "figures", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   std::string was = normalised_figures(t.after), now = normalised_figures(r.text);
                   if (was == now) return std::nullopt;
                   return changed(t.entry, was, now);
               });
}

void check_recognitions(Database& db, Findings& findings) {
    TrailWalk trail(db, "recognition", registry_action);
    RowStream rows(db, fmt::format("SELECT credit_code, tier, approved_on, valid_from, valid_to, "
                                   "doc_no FROM recognitions ORDER BY credit_code{0}, tier{0}, "
                                   "valid_from{0}",
                                   byte_order(db)));
    Recognition r;
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        r.credit_code.assign(rows.text(0));
        r.tier.assign(rows.text(1));
        r.approved_on = cells.date(2, "approved_on", true).value_or(Date());
        r.valid_from = cells.date(3, "valid_from", true).value_or(Date());
        r.valid_to = cells.date(4, "valid_to", false);
        r.doc_no.assign(rows.text(5));
        item.key = fmt::format("{}/{}/{}", r.credit_code, r.tier, rows.text(3));
        item.text = audit_text(r);
        return true;
    };
    merge_walk(findings, "recognitions", trail, next_row,
               [](const TrailKey& t, const RowItem& row) -> std::optional<std::string> {
                   if (t.after == row.text) return std::nullopt;
                   return changed(t.entry, t.after, row.text);
               });
}

// --- users, quotas --------------------------------------------------------------------------

void check_users(Database& db, Findings& findings) {
    TrailWalk trail(db, "user", registry_action);
    // What the trail shows of a user (UserService): never the password hash, and not the
    // sign-in bookkeeping (failed sign-ins, lockout, last sign-in).
    RowStream rows(
        db, fmt::format("SELECT name, role, active FROM users ORDER BY name{}", byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        auto active = cells.integer(2, "active");
        std::string flag = !active ? "" : *active == 1 ? "yes" : *active == 0 ? "no" : "";
        if (flag.empty() && item.unreadable.empty())
            item.unreadable = quoted("active", rows.text(2));
        item.key.assign(rows.text(0));
        item.text = fmt::format("name={};role={};active={}", rows.text(0), rows.text(1), flag);
        return true;
    };
    merge_walk(findings, "users", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

void check_quotas(Database& db, Findings& findings) {
    TrailWalk trail(db, "quota", quota_action);
    RowStream rows(db, fmt::format("SELECT k, quota FROM (SELECT CAST(year AS TEXT) || '/' || tier "
                                   "|| '/' || group_code AS k, quota FROM quotas) q ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        auto quota = cells.integer(1, "quota");
        item.key.assign(rows.text(0));
        item.text = fmt::format("quota={}", quota.value_or(0));
        return true;
    };
    merge_walk(findings, "quotas", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   // A seeded quota's entry also names the rule set it came from.
                   std::string_view after = t.after;
                   after = after.substr(0, after.find(';'));
                   if (after == r.text) return std::nullopt;
                   return changed(t.entry, after, r.text);
               });
}

// --- applications and their decisions ------------------------------------------------------

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

}  // namespace

// --- Anchors ------------------------------------------------------------------------------

AuditAnchor current_audit_head(Database& db) {
    auto newest = AuditRepository(db).recent(1);
    if (newest.empty()) return {0, kAuditGenesisHash};
    return {newest.front().id, newest.front().hash};
}

std::optional<std::string> check_anchor(Database& db, const AuditAnchor& anchor) {
    if (anchor.entry == 0) {
        if (anchor.hash == kAuditGenesisHash) return std::nullopt;
        return fmt::format(fmt::runtime(_("anchor {} names entry 0, which only the empty trail's "
                                          "hash {} may name")),
                           anchor.text(), kAuditGenesisHash);
    }
    soci::session& sql = db.impl().sql;
    std::string hash;
    long long id = anchor.entry;
    sql << "SELECT hash FROM audit_log WHERE id = :id", soci::into(hash), soci::use(id);
    if (!sql.got_data()) {
        long long newest = 0;
        soci::indicator ind = soci::i_ok;
        sql << "SELECT MAX(id) FROM audit_log", soci::into(newest, ind);
        if (ind == soci::i_null) newest = 0;
        return fmt::format(
            fmt::runtime(_("the trail has no entry {} (its newest is entry {}): entries were "
                           "deleted since anchor {} was taken")),
            anchor.entry, newest, anchor.text());
    }
    if (hash != anchor.hash)
        return fmt::format(fmt::runtime(_("entry {} has hash {}, not {}: the trail was rewritten "
                                          "since anchor {} was taken")),
                           anchor.entry, hash, anchor.hash, anchor.text());
    return std::nullopt;
}

// --- the negative list ----------------------------------------------------------------------

void check_negative_checks(Database& db, Findings& findings) {
    TrailWalk trail(db, "negative_check", registry_action);
    RowStream rows(db, fmt::format("SELECT k, verdict, source, checked_on FROM (SELECT "
                                   "credit_code || '/' || item AS k, verdict, source, checked_on "
                                   "FROM negative_checks) n ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        item.key.assign(rows.text(0));
        // The text of model/negative_list.hpp's audit_text, from the stored cells as they are.
        item.text = fmt::format("verdict={};source={};checked_on={}", rows.text(1), rows.text(2),
                                rows.null(3) ? std::string_view() : rows.text(3));
        return true;
    };
    merge_walk(findings, "negative_checks", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

// --- title exits and targets --------------------------------------------------------------

void check_title_exits(Database& db, Findings& findings) {
    TrailWalk trail(db, "title_exit", registry_action);
    RowStream rows(db, fmt::format("SELECT k, cause, exit_on, doc_no, reason FROM (SELECT "
                                   "credit_code || '/' || tier || '/' || valid_from AS k, cause, "
                                   "exit_on, doc_no, reason FROM title_exits) e ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        item.key.assign(rows.text(0));
        // model/title_cycle.hpp's audit_text, from the stored cells as they are.
        item.text = fmt::format("cause={};exit_on={};doc_no={};reason={}", rows.text(1),
                                rows.text(2), rows.text(3), rows.text(4));
        return true;
    };
    merge_walk(findings, "title_exits", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

void check_targets(Database& db, Findings& findings) {
    TrailWalk trail(db, "target", registry_action);
    RowStream rows(db, fmt::format("SELECT k, target FROM (SELECT CAST(year AS TEXT) || '/' || "
                                   "tier AS k, target FROM targets) t ORDER BY k{}",
                                   byte_order(db)));
    auto next_row = [&](RowItem& item) {
        if (!rows.next()) return false;
        item.unreadable.clear();
        CellReader cells{rows, item};
        auto target = cells.integer(1, "target");
        item.key.assign(rows.text(0));
        item.text = fmt::format("target={}", target.value_or(0));
        return true;
    };
    merge_walk(findings, "targets", trail, next_row,
               [](const TrailKey& t, const RowItem& r) -> std::optional<std::string> {
                   if (t.after == r.text) return std::nullopt;
                   return changed(t.entry, t.after, r.text);
               });
}

// --- The registry against the trail --------------------------------------------------------

RegistryCheck check_registry(Database& db, std::size_t max_reported) {
    RegistryCheck check;
    Findings findings(check, max_reported);
    check_firms(db, findings);
    check_figures(db, findings);
    check_recognitions(db, findings);
    check_applications(db, findings);
    check_users(db, findings);
    check_quotas(db, findings);
    check_listing_stages(db, findings);
    check_negative_checks(db, findings);
    check_title_exits(db, findings);
    check_targets(db, findings);
    return check;
}

}  // namespace ladder
