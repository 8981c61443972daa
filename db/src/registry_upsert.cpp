// The batch upserts of firms, figures and recognitions, with their audit entries.
#include "db/registry_repository.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "bulk_insert.hpp"
#include "database_impl.hpp"
#include "native_sqlite.hpp"
#include "registry_rows.hpp"
#include "model/import_schema.hpp"
#include "model/money.hpp"

namespace ladder {

using namespace registry_detail;

namespace {

// What the generic upsert needs to know about a record type: its table, key, how to read stored
// rows, insert new ones and update changed ones.
template <class Record>
struct RecordTraits;

template <>
struct RecordTraits<Firm> {
    using Columns = FirmColumns;
    static constexpr const char* entity = "firm";
    static constexpr const char* table = "firms";
    static std::string select_columns() { return kFirmColumns; }
    static void bind_into(soci::statement& st, Columns& c) { bind_firm_into(st, c); }
    static std::string key(const Firm& f) { return f.credit_code; }
    static std::vector<std::string> insert_columns() {
        return {"credit_code",   "name",
                "region_code",   "industry_code",
                "chain",         "founded",
                "niche_since",   "hnte_field",
                "listed_on",     "controlling_shareholder",
                "business_group"};
    }
    static void insert(BulkInsert& out, const Firm& f) {
        auto optional_text = [&](const std::string& v) { v.empty() ? out.null() : out.text(v); };
        out.text(f.credit_code);
        out.text(f.name);
        optional_text(f.region_code);
        optional_text(f.industry_code);
        optional_text(f.chain);
        std::string founded = f.founded.to_string();
        out.text(founded);
        f.niche_since ? out.integer(*f.niche_since) : out.null();
        f.hnte_field ? out.integer(*f.hnte_field ? 1 : 0) : out.null();
        std::string listed = f.listed_on ? f.listed_on->to_string() : std::string();
        f.listed_on ? out.text(listed) : out.null();
        optional_text(f.controlling_shareholder);
        optional_text(f.business_group);
        out.end_row();
    }
    static void update(soci::session& sql, Columns& c) {
        sql << "UPDATE firms SET name = :p1, region_code = :p2, industry_code = :p3, chain = :p4, "
               "founded = :p5, "
               "niche_since = :p6, hnte_field = :p7, listed_on = :p8, "
               "controlling_shareholder = :p9, business_group = :p10, "
               "row_version = row_version + 1 WHERE credit_code = :p0",
            soci::use(c.name), soci::use(c.region, c.region_i), soci::use(c.industry, c.industry_i),
            soci::use(c.chain, c.chain_i), soci::use(c.founded), soci::use(c.niche, c.niche_i),
            soci::use(c.hnte, c.hnte_i), soci::use(c.listed, c.listed_i),
            soci::use(c.shareholder, c.shareholder_i), soci::use(c.group, c.group_i),
            soci::use(c.code);
    }
};

template <>
struct RecordTraits<YearFigures> {
    using Columns = FigureColumns;
    static constexpr const char* entity = "figures";
    static constexpr const char* table = "figures";
    static std::string select_columns() { return figure_columns(); }
    static void bind_into(soci::statement& st, Columns& c) { bind_figure_into(st, c); }
    static std::string key(const YearFigures& f) {
        return fmt::format("{}/{}", f.credit_code, f.year);
    }
    static std::vector<std::string> insert_columns() {
        std::vector<std::string> columns = {"credit_code", "year"};
        for (const auto& m : kMeasures) columns.emplace_back(m.id);
        return columns;
    }
    static void insert(BulkInsert& out, const YearFigures& f) {
        out.text(f.credit_code);
        out.integer(f.year);
        for (const auto& m : kMeasures) {
            auto v = f.get(m.measure);
            v ? out.integer(*v) : out.null();
        }
        out.end_row();
    }
    static void update(soci::session& sql, Columns& c) {
        static const std::string query = [] {
            std::string set_list;
            for (std::size_t i = 0; i < kMeasureCount; ++i)
                set_list += fmt::format("{} = :v{}, ", kMeasures[i].id, i);
            return fmt::format(
                "UPDATE figures SET {}row_version = row_version + 1 WHERE credit_code = :c AND "
                "year = :y",
                set_list);
        }();
        soci::statement st(sql);
        st.alloc();
        for (std::size_t i = 0; i < kMeasureCount; ++i)
            st.exchange(soci::use(c.values[i], c.present[i]));
        st.exchange(soci::use(c.code));
        st.exchange(soci::use(c.year));
        st.prepare(query);
        st.define_and_bind();
        st.execute(true);
    }
};

template <>
struct RecordTraits<Recognition> {
    using Columns = RecognitionColumns;
    static constexpr const char* entity = "recognition";
    static constexpr const char* table = "recognitions";
    static std::string select_columns() { return kRecognitionColumns; }
    static void bind_into(soci::statement& st, Columns& c) { bind_recognition_into(st, c); }
    static std::string key(const Recognition& r) {
        return fmt::format("{}/{}/{}", r.credit_code, r.tier, r.valid_from.to_string());
    }
    static std::vector<std::string> insert_columns() {
        return {"credit_code", "tier", "approved_on", "valid_from", "valid_to", "doc_no"};
    }
    static void insert(BulkInsert& out, const Recognition& r) {
        std::string approved = r.approved_on.to_string(), from = r.valid_from.to_string();
        std::string to = r.valid_to ? r.valid_to->to_string() : std::string();
        out.text(r.credit_code);
        out.text(r.tier);
        out.text(approved);
        out.text(from);
        r.valid_to ? out.text(to) : out.null();
        out.text(r.doc_no);
        out.end_row();
    }
    static void update(soci::session& sql, Columns& c) {
        sql << "UPDATE recognitions SET approved_on = :a, valid_to = :t, doc_no = :d, row_version "
               "= row_version + 1 "
               "WHERE credit_code = :c AND tier = :r AND valid_from = :f",
            soci::use(c.approved), soci::use(c.to, c.to_i), soci::use(c.doc), soci::use(c.code),
            soci::use(c.tier), soci::use(c.from);
    }
};

bool table_is_empty(soci::session& sql, const char* table) {
    int any = 0;
    sql << fmt::format("SELECT 1 FROM {} LIMIT 1", table), soci::into(any);
    return !sql.got_data();
}

// Classifies `rows` against the stored ones a chunk of keys at a time (credit-code order):
// new rows are inserted through BulkInsert, changed ones updated, equal ones left alone, and
// the chunk's audit entries (one per change, key order) handed to `audit`.
template <class Record>
UpsertSummary upsert_records(Database& db, const std::vector<Record>& rows, const AuditSink& audit,
                             bool all_new) {
    using Traits = RecordTraits<Record>;
    using Columns = typename Traits::Columns;
    soci::session& sql = db.impl().sql;
    UpsertSummary summary;
    if (rows.empty()) return summary;
    const bool empty_table = all_new || table_is_empty(sql, Traits::table);
    const std::vector<std::size_t> order = by_credit_code(rows);
    BulkInsert inserts(db, Traits::table, Traits::insert_columns());
    Columns changed;
    std::vector<AuditEntry> entries;
    for (std::size_t start = 0; start < rows.size(); start += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - start);
        std::unordered_map<std::string, Record> stored;
        if (!empty_table)
            stored = stored_rows<Columns, Record>(sql, Traits::select_columns(), Traits::table,
                                                  distinct_codes(rows, order, start, n),
                                                  Traits::bind_into, Traits::key);
        std::vector<const Record*> updates;
        entries.clear();
        for (std::size_t i = start; i < start + n; ++i) {
            const Record& r = rows[order[i]];
            auto old = stored.end();
            std::string key;
            if (!stored.empty() || audit) key = Traits::key(r);
            if (!stored.empty()) old = stored.find(key);
            if (old == stored.end()) {
                Traits::insert(inserts, r);
                ++summary.inserted;
                if (audit)
                    entries.push_back(
                        change_entry(Traits::entity, std::move(key), std::nullopt, audit_text(r)));
            } else if (old->second == r) {
                ++summary.unchanged;
            } else {
                updates.push_back(&r);
                if (audit)
                    entries.push_back(change_entry(Traits::entity, std::move(key),
                                                   audit_text(old->second), audit_text(r)));
            }
        }
        inserts.end_batch();  // PostgreSQL's COPY holds the connection until then
        if (!updates.empty()) {
            changed.resize(updates.size());
            for (std::size_t k = 0; k < updates.size(); ++k) changed.set(k, *updates[k]);
            Traits::update(sql, changed);
            summary.updated += updates.size();
        }
        if (audit && !entries.empty()) audit(std::move(entries));
    }
    return summary;
}

// Hands each of `rows` its stored counterpart (or null), a chunk of credit codes at a time in
// credit-code order: the same narrow range reads as the upsert's, and nothing read at all when
// the table is empty (the first import of a registry).
template <class Record>
void visit_stored_records(Database& db, const std::vector<Record>& rows,
                          const std::function<void(std::size_t, const Record*)>& visit) {
    using Traits = RecordTraits<Record>;
    using Columns = typename Traits::Columns;
    soci::session& sql = db.impl().sql;
    if (rows.empty()) return;
    if (table_is_empty(sql, Traits::table)) {
        for (std::size_t i = 0; i < rows.size(); ++i) visit(i, nullptr);
        return;
    }
    const std::vector<std::size_t> order = by_credit_code(rows);
    for (std::size_t start = 0; start < rows.size(); start += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - start);
        auto stored = stored_rows<Columns, Record>(sql, Traits::select_columns(), Traits::table,
                                                   distinct_codes(rows, order, start, n),
                                                   Traits::bind_into, Traits::key);
        for (std::size_t i = start; i < start + n; ++i) {
            auto it = stored.find(Traits::key(rows[order[i]]));
            visit(order[i], it == stored.end() ? nullptr : &it->second);
        }
    }
}

AuditSink collect_into(std::vector<AuditEntry>* audit) {
    if (!audit) return {};
    return [audit](std::vector<AuditEntry>&& entries) {
        audit->insert(audit->end(), std::make_move_iterator(entries.begin()),
                      std::make_move_iterator(entries.end()));
    };
}

}  // namespace

void RegistryRepository::visit_stored(const std::vector<Firm>& firms,
                                      const std::function<void(std::size_t, const Firm*)>& visit) {
    visit_stored_records(db_, firms, visit);
}
void RegistryRepository::visit_stored(
    const std::vector<YearFigures>& figures,
    const std::function<void(std::size_t, const YearFigures*)>& visit) {
    visit_stored_records(db_, figures, visit);
}
void RegistryRepository::visit_stored(
    const std::vector<Recognition>& recognitions,
    const std::function<void(std::size_t, const Recognition*)>& visit) {
    visit_stored_records(db_, recognitions, visit);
}

std::vector<std::pair<std::string, Date>> RegistryRepository::founding_dates() {
    std::vector<std::pair<std::string, Date>> out;
    std::vector<std::string> codes(kChunk), founded(kChunk);
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT credit_code, founded FROM firms ORDER BY credit_code",
         soci::into(codes), soci::into(founded));
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < codes.size(); ++i)
            if (auto d = Date::parse(founded[i])) out.emplace_back(std::move(codes[i]), *d);
        codes.resize(kChunk);
        founded.resize(kChunk);
    }
    return out;
}

UpsertSummary RegistryRepository::upsert(const std::vector<Firm>& firms, const AuditSink& audit,
                                         bool all_new) {
    return upsert_records(db_, firms, audit, all_new);
}
UpsertSummary RegistryRepository::upsert(const std::vector<YearFigures>& figures,
                                         const AuditSink& audit, bool all_new) {
    return upsert_records(db_, figures, audit, all_new);
}
UpsertSummary RegistryRepository::upsert(const std::vector<Recognition>& recognitions,
                                         const AuditSink& audit, bool all_new) {
    return upsert_records(db_, recognitions, audit, all_new);
}

UpsertSummary RegistryRepository::upsert_firms(const std::vector<Firm>& firms,
                                               std::vector<AuditEntry>* audit, bool all_new) {
    return upsert_records(db_, firms, collect_into(audit), all_new);
}
UpsertSummary RegistryRepository::upsert_figures(const std::vector<YearFigures>& figures,
                                                 std::vector<AuditEntry>* audit, bool all_new) {
    return upsert_records(db_, figures, collect_into(audit), all_new);
}
UpsertSummary RegistryRepository::upsert_recognitions(const std::vector<Recognition>& recognitions,
                                                      std::vector<AuditEntry>* audit,
                                                      bool all_new) {
    return upsert_records(db_, recognitions, collect_into(audit), all_new);
}

}  // namespace ladder
