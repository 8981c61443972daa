#include "migrations.hpp"

#include <fmt/format.h>

#include "database_impl.hpp"
#include "model/date.hpp"
#include "model/i18n.hpp"
#include "model/measures.hpp"

namespace ladder {

namespace {

std::string figures_table_sql() {
    std::string sql = "CREATE TABLE figures (credit_code TEXT NOT NULL REFERENCES firms(credit_code), year INTEGER NOT NULL";
    for (const auto& m : kMeasures) sql += fmt::format(", {} BIGINT", m.id);
    sql += ", row_version INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (credit_code, year)){without_rowid}";
    return sql;
}

std::vector<Migration> build_migrations() {
    return {
        {1,
         "registry: firms, figures, recognitions, audit trail",
         {
             "CREATE TABLE firms (credit_code TEXT PRIMARY KEY, name TEXT NOT NULL, region_code TEXT, "
             "industry_code TEXT, chain TEXT, founded TEXT NOT NULL, niche_since INTEGER, hnte_field INTEGER, "
             "listed_on TEXT, row_version INTEGER NOT NULL DEFAULT 1){without_rowid}",
             "CREATE INDEX firms_by_region ON firms (region_code)",
             "CREATE INDEX firms_by_chain ON firms (chain)",
             "CREATE INDEX firms_by_name ON firms (name)",
             figures_table_sql(),
             "CREATE INDEX figures_by_year ON figures (year)",
             "CREATE TABLE recognitions (credit_code TEXT NOT NULL REFERENCES firms(credit_code), tier TEXT NOT NULL, "
             "approved_on TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, doc_no TEXT NOT NULL DEFAULT '', "
             "row_version INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (credit_code, tier, valid_from)){without_rowid}",
             "CREATE INDEX recognitions_by_tier_approved ON recognitions (tier, approved_on)",
             "CREATE INDEX recognitions_by_tier_validity ON recognitions (tier, valid_from, valid_to)",
             // Append-only; each entry carries the hash of the one before (see model/audit.hpp).
             "CREATE TABLE audit_log (id {serial_pk}, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, "
             "entity TEXT NOT NULL, entity_key TEXT NOT NULL, before_value TEXT, after_value TEXT, "
             "prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
             "CREATE INDEX audit_by_entity ON audit_log (entity, entity_key)",
         }},
    };
}

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = build_migrations();
    return all;
}

int latest_schema_version() { return migrations().back().version; }

int migrate(Database& db) {
    soci::session& sql = db.impl().sql;
    sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
           "description TEXT NOT NULL)";
    int current = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_version", soci::into(current, ind);
    if (ind == soci::i_null) current = 0;
    if (current > latest_schema_version())
        throw SchemaError(fmt::format(
            fmt::runtime(_("this database has schema version {}, newer than this Ladder understands ({}); "
                           "use a newer Ladder")),
            current, latest_schema_version()));
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        Transaction tx(db);
        for (const auto& statement : m.statements) sql << backend_sql(db.backend(), statement);
        std::string applied = Date::today().to_string();
        sql << "INSERT INTO schema_version (version, applied_at, description) VALUES (:v, :a, :d)",
            soci::use(m.version), soci::use(applied), soci::use(m.description);
        tx.commit();
        current = m.version;
    }
    return current;
}

}  // namespace ladder
