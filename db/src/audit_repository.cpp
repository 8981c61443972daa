#include "db/audit_repository.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "audit_batch.hpp"
#include "bulk_insert.hpp"
#include "database_impl.hpp"
#include "model/i18n.hpp"
#include "native_sqlite.hpp"

namespace ladder {

// SOCI's header declares the SQLite C API inside this namespace.
using namespace sqlite_api;

namespace {
constexpr std::size_t kChunk = 5000;

struct AuditColumns {
    std::vector<long long> id;
    std::vector<std::string> at, actor, action, entity, key, before, after, prev, hash;
    std::vector<soci::indicator> before_i, after_i;
    void resize(std::size_t n) {
        id.assign(n, 0);
        for (auto* v : {&at, &actor, &action, &entity, &key, &before, &after, &prev, &hash})
            v->assign(n, {});
        before_i.assign(n, soci::i_ok);
        after_i.assign(n, soci::i_ok);
    }
    AuditEntry get(std::size_t k) const {
        AuditEntry e;
        e.id = id[k];
        e.at = at[k];
        e.actor = actor[k];
        e.action = action[k];
        e.entity = entity[k];
        e.entity_key = key[k];
        if (before_i[k] != soci::i_null) e.before = before[k];
        if (after_i[k] != soci::i_null) e.after = after[k];
        e.prev_hash = prev[k];
        e.hash = hash[k];
        return e;
    }
};

constexpr const char* kColumns =
    "id, at, actor, action, entity, entity_key, before_value, after_value, prev_hash, hash";

template <class Visit>
void select_entries(soci::session& sql, const std::string& where_order,
                    const std::vector<std::string>& params, Visit visit) {
    AuditColumns c;
    c.resize(kChunk);
    soci::statement st(sql);
    st.alloc();
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.at));
    st.exchange(soci::into(c.actor));
    st.exchange(soci::into(c.action));
    st.exchange(soci::into(c.entity));
    st.exchange(soci::into(c.key));
    st.exchange(soci::into(c.before, c.before_i));
    st.exchange(soci::into(c.after, c.after_i));
    st.exchange(soci::into(c.prev));
    st.exchange(soci::into(c.hash));
    for (const auto& p : params) st.exchange(soci::use(p));
    st.prepare(fmt::format("SELECT {} FROM audit_log {}", kColumns, where_order));
    st.define_and_bind();
    bool more = st.execute(true);
    while (!c.id.empty()) {
        for (std::size_t k = 0; k < c.id.size(); ++k) visit(c.get(k));
        if (!more) break;
        c.resize(kChunk);
        more = st.fetch();
    }
}
}  // namespace

void AuditRepository::append(std::vector<AuditEntry> entries, const std::string& actor) {
    if (entries.empty()) return;
    soci::session& sql = db_.impl().sql;
    // Appenders take turns, so every batch links to the last committed entry and ids follow the
    // chain. SQLite's write transaction already excludes the others; on PostgreSQL a lock held
    // until commit, named by the trail's table, makes a concurrent appender wait here instead of
    // forking the chain. (An advisory lock: locking the head row would need the right to write
    // it, which the application role does not have.)
    if (db_.backend() == Backend::postgresql) {
        long long taken = 0;
        sql << "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock('audit_log'::regclass::oid::"
               "bigint)) AS turn",
            soci::into(taken);
    }
    std::string last = kAuditGenesisHash;
    soci::indicator ind = soci::i_ok;
    std::string stored;
    sql << "SELECT hash FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
        soci::into(stored, ind);
    if (sql.got_data() && ind != soci::i_null) last = stored;
    std::string now = utc_timestamp_now();
    for (auto& e : entries) {
        if (e.at.empty()) e.at = now;
        if (e.actor.empty()) e.actor = actor;
    }
    chain_audit_entries(entries, last);
    // Native bulk writes (one prepared INSERT on SQLite, COPY on PostgreSQL): an import audits
    // every row it writes.
    BulkInsert out(db_, "audit_log",
                   {"at", "actor", "action", "entity", "entity_key", "before_value", "after_value",
                    "prev_hash", "hash", "payload"});
    for (const AuditEntry& e : entries) {
        for (const std::string* field : {&e.at, &e.actor, &e.action, &e.entity, &e.entity_key})
            out.text(*field);
        e.before ? out.text(*e.before) : out.null();
        e.after ? out.text(*e.after) : out.null();
        out.text(e.prev_hash);
        out.text(e.hash);
        e.payload ? out.text(*e.payload) : out.null();
        out.end_row();
    }
    out.end_batch();
}

std::size_t AuditRepository::count() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM audit_log", soci::into(n);
    return static_cast<std::size_t>(n);
}

std::vector<AuditEntry> AuditRepository::history(const std::string& entity,
                                                 const std::string& entity_key) {
    std::vector<AuditEntry> out;
    // The chunks of imported rows whose key range holds this key (few: one per 50,000 rows,
    // found by their own index), their payload read only then; then the key's own entries.
    std::vector<AuditEntry> chunks;
    select_entries(db_.impl().sql, "WHERE action = 'insert_rows' AND entity = :e", {entity},
                   [&](AuditEntry e) {
                       auto header = e.after ? audit_batch::parse_header(*e.after) : std::nullopt;
                       if (header && std::string_view(e.entity_key).substr(1) <= entity_key &&
                           entity_key <= header->last)
                           chunks.push_back(std::move(e));
                   });
    for (AuditEntry& e : chunks) {
        auto payload = payload_of(e.id);
        if (!payload) continue;
        auto row = audit_batch::find_row(*payload, entity_key);
        if (!row) continue;
        e.action = "insert";
        e.entity_key = entity_key;
        e.after = std::move(*row);
        out.push_back(std::move(e));
    }
    select_entries(db_.impl().sql, "WHERE entity = :e AND entity_key = :k ORDER BY id",
                   {entity, entity_key}, [&](AuditEntry e) { out.push_back(std::move(e)); });
    std::stable_sort(out.begin(), out.end(),
                     [](const AuditEntry& a, const AuditEntry& b) { return a.id < b.id; });
    return out;
}

// --- AuditWriter ---------------------------------------------------------------------------

void AuditWriter::add(std::vector<AuditEntry>&& entries) {
    std::vector<AuditEntry> changes;
    for (AuditEntry& e : entries) {
        if (e.action == "insert" && !e.before && e.after) {
            Pending& rows = inserted_[e.entity];
            rows.emplace_back(std::move(e.entity_key), std::move(*e.after));
            if (rows.size() >= audit_batch::kRowsPerEntry) flush(e.entity, rows);
        } else {
            changes.push_back(std::move(e));
        }
    }
    repo_.append(std::move(changes), actor_);
}

void AuditWriter::finish() {
    for (auto& [entity, rows] : inserted_) flush(entity, rows);
}

void AuditWriter::flush(const std::string& entity, Pending& rows) {
    if (rows.empty()) return;
    AuditEntry e;
    e.action = std::string(audit_batch::kAction);
    e.entity = entity;
    audit_batch::Encoded encoded = audit_batch::encode(rows);
    e.entity_key = std::move(encoded.key);
    e.after = std::move(encoded.value);
    e.payload = std::move(encoded.payload);
    rows.clear();
    repo_.append({std::move(e)}, actor_);
}

std::vector<AuditEntry> AuditRepository::recent(std::size_t limit) {
    std::vector<AuditEntry> out;
    select_entries(db_.impl().sql, fmt::format("ORDER BY id DESC LIMIT {}", limit), {},
                   [&](AuditEntry e) { out.push_back(std::move(e)); });
    return out;
}

bool AuditRepository::contains(const std::string& action, const std::string& entity) {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM (SELECT 1 FROM audit_log WHERE action = :a AND "
                      "entity = :e LIMIT 1) AS hit",
        soci::into(n), soci::use(action), soci::use(entity);
    return n != 0;
}

std::optional<std::string> AuditRepository::payload_of(int64_t id) {
    std::string payload;
    soci::indicator ind = soci::i_ok;
    long long entry = id;
    db_.impl().sql << "SELECT payload FROM audit_log WHERE id = :id", soci::into(payload, ind),
        soci::use(entry);
    if (!db_.impl().sql.got_data() || ind == soci::i_null) return std::nullopt;
    return payload;
}

AuditVerification AuditRepository::verify(bool payloads) {
    AuditVerification v;
    std::string expected_prev = kAuditGenesisHash;
    int64_t last_id = 0;
    // Checks one entry after the last good one; false once the chain is broken.
    // With payloads, the payload of the entry being checked (nullopt when it has none).
    std::optional<std::string_view> payload;
    auto check = [&](int64_t id, std::string_view prev, std::string_view hash,
                     const AuditEntryView& content) {
        ++v.entries_checked;
        if (prev != expected_prev) {
            v.intact = false;
            v.first_bad_id = id;
            v.reason =
                last_id + 1 != id
                    ? fmt::format(
                          fmt::runtime(_("entries {}–{} are missing or the chain was relinked")),
                          last_id + 1, id - 1)
                    : fmt::format(fmt::runtime(_("entry {} does not link to the entry before it")),
                                  id);
        } else if (audit_hash(content) != hash) {
            v.intact = false;
            v.first_bad_id = id;
            v.reason =
                fmt::format(fmt::runtime(_("entry {} was changed after it was written")), id);
        } else if (payloads && content.action == audit_batch::kAction) {
            // The rows beside a chunk entry: their digest is in its (hashed) value.
            auto header = content.after ? audit_batch::parse_header(*content.after) : std::nullopt;
            if (!header || !payload || audit_digest(*payload) != header->digest) {
                v.intact = false;
                v.first_bad_id = id;
                v.reason = fmt::format(
                    fmt::runtime(_("the rows of entry {} were changed after they were written")),
                    id);
            }
        }
        expected_prev.assign(hash);
        last_id = id;
        return v.intact;
    };
    if (db_.backend() == Backend::sqlite) {
        // Read in place through the native connection: SOCI's copies of every cell cost more
        // than the hashing of a million entries.
        sqlite3* conn = native_sqlite(db_.impl().sql);
        ConnectionLock lock(conn);
        NativeQuery q(conn, fmt::format("SELECT {}{} FROM audit_log ORDER BY id", kColumns,
                                        payloads ? ", payload" : ""));
        auto optional = [&](int c) {
            sqlite3_value* cell = q.cell(c);
            return NativeQuery::null(cell)
                       ? std::nullopt
                       : std::optional<std::string_view>(NativeQuery::text(cell));
        };
        while (q.step()) {
            AuditEntryView e{q.text(8), q.text(1), q.text(2),   q.text(3),
                             q.text(4), q.text(5), optional(6), optional(7)};
            if (payloads) payload = optional(10);
            if (!check(sqlite3_value_int64(q.cell(0)), e.prev_hash, q.text(9), e)) break;
        }
        q.reset();
        return v;
    }
    std::optional<std::string> stored_payload;
    select_entries(db_.impl().sql, "ORDER BY id", {}, [&](const AuditEntry& e) {
        if (!v.intact) return;
        auto view = [](const std::optional<std::string>& f) {
            return f ? std::optional<std::string_view>(*f) : std::nullopt;
        };
        payload.reset();
        if (payloads && e.action == audit_batch::kAction) {
            // Read beside the entry (the list query leaves payloads out).
            stored_payload = payload_of(e.id);
            if (stored_payload) payload = *stored_payload;
        }
        check(e.id, e.prev_hash, e.hash,
              AuditEntryView{e.prev_hash, e.at, e.actor, e.action, e.entity, e.entity_key,
                             view(e.before), view(e.after)});
    });
    return v;
}

}  // namespace ladder
