#pragma once
// What the registry check's parts share (registry_check.cpp: anchors and the whole check;
// registry_check_tables.cpp: firms, figures, recognitions, users, quotas;
// registry_check_applications.cpp: applications, decisions, listing stages): the streamed rows
// of one table, the trail walked a key at a time, and the merge of the two.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <soci/soci.h>

#include "audit_batch.hpp"
#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/registry_repository.hpp"
#include "model/application.hpp"
#include "model/i18n.hpp"
#include "model/measures.hpp"
#include "model/money.hpp"
#include "native_sqlite.hpp"

namespace ladder::check_detail {

// SOCI's header declares the SQLite C API inside this namespace.
using namespace sqlite_api;

// The rows of one SELECT, forward only, without holding them all: stepped natively on SQLite
// (no copy of any cell), fetched 5,000 at a time from a server-side cursor on PostgreSQL
// (SOCI's PostgreSQL backend would otherwise read a whole result into memory).
class RowStream {
  public:
    RowStream(Database& db, const std::string& query) : db_(db) {
        if (db.backend() == Backend::sqlite) {
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
inline std::string byte_order(Database& db) {
    return db.backend() == Backend::postgresql ? " COLLATE \"C\"" : "";
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
// not set a row's state (an import's summary, a failed sign-in) are passed over. The rows an
// import inserted are inside its chunk entries (db/src/audit_batch.hpp): those are read side by
// side, each in key order, and merged with the key-by-key entries by entry id.
class TrailWalk {
  public:
    using CarriesState = bool (*)(std::string_view action);
    TrailWalk(Database& db, const std::string& entity, CarriesState carries, bool collect = false)
        : rows_(db, fmt::format("SELECT entity_key, id, action, after_value, actor FROM audit_log "
                                "WHERE entity = '{}' ORDER BY entity_key{}, id",
                                entity, byte_order(db))),
          carries_(carries),
          collect_(collect) {
        load_chunks(db, entity);
        more_ = rows_.next();
        have_own_ = next_own(own_);
    }

    bool next(TrailKey& out) {
        while (have_own_ || !heap_.empty()) {
            if (have_own_ && (heap_.empty() || own_.key <= chunk(heap_.front()).key())) {
                std::swap(out, own_);
                have_own_ = next_own(own_);
            } else {
                out.key.assign(chunk(heap_.front()).key());
                out.entry = 0;
                out.has_after = false;
                out.all.clear();
            }
            // The chunks' rows of this key: an insert each, at its chunk's entry.
            while (!heap_.empty() && chunk(heap_.front()).key() == out.key) {
                const std::size_t c = heap_.front();
                std::pop_heap(heap_.begin(), heap_.end(), later_);
                heap_.pop_back();
                if (chunk_ids_[c] > out.entry) {
                    out.entry = chunk_ids_[c];
                    out.action.assign("insert");
                    out.actor.assign(chunk_actors_[c]);
                    out.has_after = true;
                    out.after.assign(chunk(c).text());
                }
                advance(c);
            }
            if (out.entry != 0) return true;
        }
        return false;
    }

  private:
    audit_batch::RowReader& chunk(std::size_t c) { return chunks_[c]; }

    void load_chunks(Database& db, const std::string& entity) {
        RowStream stored(db, fmt::format("SELECT id, actor, payload FROM audit_log WHERE "
                                         "action = 'insert_rows' AND entity = '{}' ORDER BY id",
                                         entity));
        while (stored.next()) {
            bool readable = true;
            chunk_ids_.push_back(stored.integer(0, &readable).value_or(0));
            chunk_actors_.emplace_back(stored.text(1));
            chunks_.emplace_back(stored.text(2));
        }
        later_ = Later{this};
        for (std::size_t c = 0; c < chunks_.size(); ++c) advance(c);
    }

    // Moves chunk c to its next row and back into the heap, or drops it at its end.
    void advance(std::size_t c) {
        if (!chunks_[c].next()) {
            if (chunks_[c].failed())
                throw StorageError(fmt::format(
                    fmt::runtime(_("audit entry {} holds imported rows that cannot be read")),
                    chunk_ids_[c]));
            return;
        }
        heap_.push_back(c);
        std::push_heap(heap_.begin(), heap_.end(), later_);
    }

    bool next_own(TrailKey& out) {
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

    // Heap order: the smallest key first, then the oldest chunk.
    struct Later {
        TrailWalk* walk = nullptr;
        bool operator()(std::size_t a, std::size_t b) const {
            const std::string_view ka = walk->chunks_[a].key(), kb = walk->chunks_[b].key();
            if (ka != kb) return ka > kb;
            return walk->chunk_ids_[a] > walk->chunk_ids_[b];
        }
    };

    RowStream rows_;
    CarriesState carries_;
    bool collect_;
    bool more_ = false;
    TrailKey own_;
    bool have_own_ = false;
    std::vector<audit_batch::RowReader> chunks_;
    std::vector<int64_t> chunk_ids_;
    std::vector<std::string> chunk_actors_;
    std::vector<std::size_t> heap_;
    Later later_;
};

inline bool registry_action(std::string_view a) {
    return a == "insert" || a == "update" || a == "delete";
}
inline bool quota_action(std::string_view a) {
    return a == "seed" || registry_action(a);
}
inline bool application_action(std::string_view a) {
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
inline std::vector<std::pair<std::string, std::string>> fields_of(std::string_view text) {
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
inline std::string field_changes(std::string_view trail, std::string_view stored) {
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

inline std::string changed(int64_t entry, std::string_view trail, std::string_view stored) {
    return fmt::format(fmt::runtime(_("changed outside Ladder after audit entry {}: {}")), entry,
                       field_changes(trail, stored));
}
inline std::string inserted() {
    return _("no audit entry records this row: inserted outside Ladder");
}
inline std::string deleted(int64_t entry) {
    return fmt::format(fmt::runtime(_("audit entry {} records this row but the registry does not "
                                      "hold it: deleted outside Ladder")),
                       entry);
}
inline std::string unreadable(int64_t entry, const std::string& what) {
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

inline std::string quoted(std::string_view column, std::string_view raw) {
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

// One table each, against its entries in the trail.
void check_firms(Database& db, Findings& findings);
void check_figures(Database& db, Findings& findings);
void check_recognitions(Database& db, Findings& findings);
void check_users(Database& db, Findings& findings);
void check_quotas(Database& db, Findings& findings);
void check_applications(Database& db, Findings& findings);
void check_listing_stages(Database& db, Findings& findings);
void check_negative_checks(Database& db, Findings& findings);
void check_title_exits(Database& db, Findings& findings);
void check_targets(Database& db, Findings& findings);

}  // namespace ladder::check_detail
