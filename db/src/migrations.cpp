#include "migrations.hpp"

#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "database_impl.hpp"
#include "model/audit.hpp"
#include "model/date.hpp"
#include "model/i18n.hpp"
#include "model/measures.hpp"

namespace ladder {

namespace {

std::string figures_table_sql() {
    std::string sql =
        "CREATE TABLE figures (credit_code TEXT NOT NULL REFERENCES firms(credit_code), year "
        "INTEGER NOT NULL";
    // The columns of schema 1 only: later measures come with their own migration.
    for (std::size_t i = 0; i < kMeasuresAtSchema1; ++i)
        sql += fmt::format(", {} BIGINT", kMeasures[i].id);
    sql +=
        ", row_version INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (credit_code, year)){without_rowid}";
    return sql;
}

// Strips a leading "{sqlite}" or "{postgresql}" from `text` and returns the backend it names.
std::optional<Backend> backend_only(std::string_view& text) {
    for (auto [tag, backend] : {std::pair{std::string_view("{sqlite}"), Backend::sqlite},
                                std::pair{std::string_view("{postgresql}"), Backend::postgresql}}) {
        if (text.substr(0, tag.size()) == tag) {
            text.remove_prefix(tag.size());
            return backend;
        }
    }
    return std::nullopt;
}

// "TABLE COLUMN TYPE": adds the column unless the table has it (SQLite has no ADD COLUMN IF NOT
// EXISTS).
void add_column_once(Database& db, std::string_view spec) {
    auto sp1 = spec.find(' ');
    auto sp2 = spec.find(' ', sp1 + 1);
    std::string table(spec.substr(0, sp1));
    std::string column(spec.substr(sp1 + 1, sp2 - sp1 - 1));
    std::string type(spec.substr(sp2 + 1));
    soci::session& sql = db.impl().sql;
    if (db.backend() == Backend::postgresql) {
        sql << "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column + " " + type;
        return;
    }
    long long present = 0;
    sql << "SELECT COUNT(*) FROM pragma_table_info(:t) WHERE name = :c", soci::use(table),
        soci::use(column), soci::into(present);
    if (present == 0) sql << "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type;
}

std::vector<Migration> build_migrations() {
    return {
        {1,
         "registry: firms, figures, recognitions, audit trail",
         {
             "CREATE TABLE firms (credit_code TEXT PRIMARY KEY, name TEXT NOT NULL, region_code "
             "TEXT, "
             "industry_code TEXT, chain TEXT, founded TEXT NOT NULL, niche_since INTEGER, "
             "hnte_field INTEGER, "
             "listed_on TEXT, row_version INTEGER NOT NULL DEFAULT 1){without_rowid}",
             "CREATE INDEX firms_by_region ON firms (region_code)",
             "CREATE INDEX firms_by_chain ON firms (chain)",
             "CREATE INDEX firms_by_name ON firms (name)",
             figures_table_sql(),
             "CREATE INDEX figures_by_year ON figures (year)",
             "CREATE TABLE recognitions (credit_code TEXT NOT NULL REFERENCES firms(credit_code), "
             "tier TEXT NOT NULL, "
             "approved_on TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, doc_no TEXT NOT "
             "NULL DEFAULT '', "
             "row_version INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (credit_code, tier, "
             "valid_from)){without_rowid}",
             "CREATE INDEX recognitions_by_tier_approved ON recognitions (tier, approved_on)",
             "CREATE INDEX recognitions_by_tier_validity ON recognitions (tier, valid_from, "
             "valid_to)",
             // Append-only; each entry carries the hash of the one before (see model/audit.hpp).
             "CREATE TABLE audit_log (id {serial_pk}, at TEXT NOT NULL, actor TEXT NOT NULL, "
             "action TEXT NOT NULL, "
             "entity TEXT NOT NULL, entity_key TEXT NOT NULL, before_value TEXT, after_value TEXT, "
             "prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
             "CREATE INDEX audit_by_entity ON audit_log (entity, entity_key)",
         }},
        {2,
         "workflow: users, applications with snapshots and decisions, quotas, listing stages, "
         "audit head",
         {
             "CREATE TABLE users (id {serial_pk}, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, "
             "password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT "
             "NULL, "
             "failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, last_login TEXT)",
             // One row per application; the snapshot's criteria and inputs are child rows so a
             // later change to the figures never rewrites what the decision was based on.
             "CREATE TABLE applications (id {serial_pk}, credit_code TEXT NOT NULL REFERENCES "
             "firms(credit_code), "
             "tier TEXT NOT NULL, assessment_year INTEGER NOT NULL, state TEXT NOT NULL, submitter "
             "TEXT NOT NULL, "
             "created_on TEXT NOT NULL, submitted_on TEXT, note TEXT NOT NULL DEFAULT '', "
             "rule_set_id TEXT, "
             "rule_set_version TEXT, verdict TEXT, review_levels TEXT NOT NULL DEFAULT '', "
             "next_level INTEGER NOT NULL DEFAULT 0, decided_on TEXT, publicity_start TEXT, "
             "publicity_end TEXT, "
             "objection TEXT, objection_by TEXT, objection_on TEXT, publicity_outcome TEXT, "
             "publicity_closed_on TEXT, publicity_closed_by TEXT, doc_no TEXT, recognition_from "
             "TEXT, "
             "row_version INTEGER NOT NULL DEFAULT 1)",
             "CREATE INDEX applications_by_year ON applications (assessment_year, tier, state)",
             "CREATE INDEX applications_by_firm ON applications (credit_code)",
             "CREATE TABLE application_criteria (application_id BIGINT NOT NULL REFERENCES "
             "applications(id), "
             "position INTEGER NOT NULL, criterion TEXT NOT NULL, verdict TEXT NOT NULL, actual "
             "TEXT NOT NULL, "
             "threshold TEXT NOT NULL, gap TEXT NOT NULL, reviewer_confirmed INTEGER NOT NULL, "
             "PRIMARY KEY (application_id, position))",
             "CREATE TABLE application_inputs (application_id BIGINT NOT NULL REFERENCES "
             "applications(id), "
             "position INTEGER NOT NULL, name TEXT NOT NULL, year INTEGER NOT NULL, value TEXT, "
             "PRIMARY KEY (application_id, position))",
             "CREATE TABLE application_decisions (id {serial_pk}, "
             "application_id BIGINT NOT NULL REFERENCES applications(id), level_index INTEGER NOT "
             "NULL, "
             "level TEXT NOT NULL, decision TEXT NOT NULL, reviewer TEXT NOT NULL, decided_on TEXT "
             "NOT NULL, "
             "at TEXT NOT NULL, comment TEXT NOT NULL, justification TEXT NOT NULL, confirmed TEXT "
             "NOT NULL)",
             "CREATE INDEX application_decisions_by_application ON application_decisions "
             "(application_id)",
             // group_code: "36" (province), a city or county code, or a chain id.
             "CREATE TABLE quotas (year INTEGER NOT NULL, tier TEXT NOT NULL, group_code TEXT NOT "
             "NULL, "
             "quota BIGINT NOT NULL, PRIMARY KEY (year, tier, group_code))",
             // A year is seeded from its rule set once; later edits are never overwritten.
             "CREATE TABLE quota_seeds (year INTEGER PRIMARY KEY, rule_set TEXT NOT NULL, "
             "seeded_at TEXT NOT NULL)",
             "CREATE TABLE listing_stages (id {serial_pk}, credit_code TEXT NOT NULL REFERENCES "
             "firms(credit_code), "
             "stage TEXT NOT NULL, stage_date TEXT NOT NULL, status TEXT NOT NULL, proposed_by "
             "TEXT NOT NULL, "
             "proposed_at TEXT NOT NULL, reviewed_by TEXT, reviewed_at TEXT, comment TEXT NOT NULL "
             "DEFAULT '')",
             "CREATE INDEX listing_stages_by_firm ON listing_stages (credit_code)",
             // The count and last hash of the audit trail, kept by a trigger in the inserting
             // transaction: deleting the newest entries leaves the chain intact but no longer
             // matches the head.
             "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, entries BIGINT NOT NULL, last_id "
             "BIGINT NOT NULL, "
             "last_hash TEXT NOT NULL)",
             "INSERT INTO audit_head (id, entries, last_id, last_hash) SELECT 1, COUNT(*), "
             "COALESCE(MAX(id), 0), "
             "COALESCE((SELECT hash FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)), '" +
                 kAuditGenesisHash + "') FROM audit_log",
             "{sqlite}CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log BEGIN UPDATE "
             "audit_head SET "
             "entries = entries + 1, last_id = NEW.id, last_hash = NEW.hash WHERE id = 1; END",
             "{postgresql}CREATE FUNCTION audit_head_advance() RETURNS trigger LANGUAGE plpgsql AS "
             "$$ BEGIN "
             "UPDATE audit_head SET entries = entries + 1, last_id = NEW.id, last_hash = NEW.hash "
             "WHERE id = 1; "
             "RETURN NEW; END $$",
             "{postgresql}CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log FOR EACH ROW "
             "EXECUTE FUNCTION audit_head_advance()",
         }},
        {3,
         "search index over firm names (substring search as you type on a million firms)",
         {
             // SQLite: a contentless FTS5 trigram index of the names. firms has no rowid, so
             // firm_search_ids gives each firm the integer the index needs; triggers keep both
             // in step with firms. Credit codes are searched by prefix on the primary key.
             "{sqlite}CREATE TABLE firm_search_ids (id INTEGER PRIMARY KEY, credit_code TEXT NOT "
             "NULL UNIQUE)",
             "{sqlite}CREATE VIRTUAL TABLE firm_search USING fts5(name, content='', "
             "tokenize='trigram')",
             "{sqlite}INSERT INTO firm_search_ids (credit_code) SELECT credit_code FROM firms "
             "ORDER BY credit_code",
             "{sqlite}INSERT INTO firm_search (rowid, name) SELECT i.id, f.name FROM "
             "firm_search_ids i "
             "JOIN firms f ON f.credit_code = i.credit_code",
             "{sqlite}CREATE TRIGGER firm_search_insert AFTER INSERT ON firms BEGIN "
             "INSERT INTO firm_search_ids (credit_code) VALUES (NEW.credit_code); "
             "INSERT INTO firm_search (rowid, name) SELECT id, NEW.name FROM firm_search_ids "
             "WHERE credit_code = NEW.credit_code; END",
             "{sqlite}CREATE TRIGGER firm_search_rename AFTER UPDATE OF name ON firms "
             "WHEN OLD.name IS NOT NEW.name BEGIN "
             "INSERT INTO firm_search (firm_search, rowid, name) SELECT 'delete', id, OLD.name "
             "FROM firm_search_ids "
             "WHERE credit_code = OLD.credit_code; "
             "INSERT INTO firm_search (rowid, name) SELECT id, NEW.name FROM firm_search_ids "
             "WHERE credit_code = OLD.credit_code; END",
             "{sqlite}CREATE TRIGGER firm_search_recode AFTER UPDATE OF credit_code ON firms "
             "WHEN OLD.credit_code IS NOT NEW.credit_code BEGIN "
             "UPDATE firm_search_ids SET credit_code = NEW.credit_code WHERE credit_code = "
             "OLD.credit_code; END",
             "{sqlite}CREATE TRIGGER firm_search_delete AFTER DELETE ON firms BEGIN "
             "INSERT INTO firm_search (firm_search, rowid, name) SELECT 'delete', id, OLD.name "
             "FROM firm_search_ids "
             "WHERE credit_code = OLD.credit_code; "
             "DELETE FROM firm_search_ids WHERE credit_code = OLD.credit_code; END",
             // PostgreSQL: a pg_trgm GIN index serves name LIKE '%text%' directly. pg_trgm is a
             // trusted extension (a database owner may create it). It reads Chinese only under
             // a UTF-8 LC_CTYPE (a database made with LC_CTYPE 'C' yields no trigrams for it), so
             // the index is built only where it would be used; otherwise, or where the extension
             // cannot be created, names are searched without it, with the same results.
             "{postgresql}DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; "
             "EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm unavailable (%)', SQLERRM; END $$",
             "{postgresql}DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = "
             "'pg_trgm') THEN "
             "IF cardinality(show_trgm('企业名称')) > 0 THEN "
             "EXECUTE 'CREATE INDEX firms_name_trigrams ON firms USING gin (name gin_trgm_ops)'; "
             "END IF; END IF; END $$",
             // Credit-code prefixes (LIKE 'X%') under any database collation.
             "{postgresql}CREATE INDEX firms_by_code_prefix ON firms (credit_code "
             "text_pattern_ops)",
         }},
        {4,
         "tally cache: the annual counts kept until firms or recognitions change",
         {
             // The registry generation = n + COUNT(registry_changes). Triggers raise it in the
             // writing transaction on every change a tally reads (a recognition; a firm added,
             // removed or moved to another region or chain), whoever writes it, so a cached
             // tally tagged with the generation it was counted at is valid exactly while the
             // generation stays the same.
             "CREATE TABLE registry_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)",
             "INSERT INTO registry_generation (id, n) VALUES (1, 0)",
             // PostgreSQL: one row per writing statement instead of an update of the counter,
             // so concurrent writers never wait on (or deadlock over) one shared row; a tally
             // that counts folds the rows into n (db/src/tally_repository.cpp). Always empty on
             // SQLite.
             "CREATE TABLE registry_changes (id {serial_pk})",
             // Counts as text, one line per row: group, tier, holders_start, added, exited,
             // holders_end. rules_key names what the counting read of the rule set.
             "CREATE TABLE tally_cache (assessment_year INTEGER NOT NULL, "
             "grouped_by TEXT NOT NULL, rules_key TEXT NOT NULL, generation BIGINT NOT NULL, "
             "counts TEXT NOT NULL, PRIMARY KEY (assessment_year, grouped_by, rules_key))",
             // SQLite has only row triggers: one update of one row per changed row. Rows a
             // re-import leaves as they were leave the cache valid.
             "{sqlite}CREATE TRIGGER registry_changed_recognition_insert "
             "AFTER INSERT ON recognitions "
             "BEGIN UPDATE registry_generation SET n = n + 1 WHERE id = 1; END",
             "{sqlite}CREATE TRIGGER registry_changed_recognition_update "
             "AFTER UPDATE OF credit_code, tier, approved_on, valid_from, valid_to ON recognitions "
             "WHEN OLD.credit_code IS NOT NEW.credit_code OR OLD.tier IS NOT NEW.tier "
             "OR OLD.approved_on IS NOT NEW.approved_on OR OLD.valid_from IS NOT NEW.valid_from "
             "OR OLD.valid_to IS NOT NEW.valid_to "
             "BEGIN UPDATE registry_generation SET n = n + 1 WHERE id = 1; END",
             "{sqlite}CREATE TRIGGER registry_changed_recognition_delete "
             "AFTER DELETE ON recognitions "
             "BEGIN UPDATE registry_generation SET n = n + 1 WHERE id = 1; END",
             "{sqlite}CREATE TRIGGER registry_changed_firm_insert AFTER INSERT ON firms "
             "BEGIN UPDATE registry_generation SET n = n + 1 WHERE id = 1; END",
             "{sqlite}CREATE TRIGGER registry_changed_firm_update "
             "AFTER UPDATE OF credit_code, region_code, chain ON firms "
             "WHEN OLD.credit_code IS NOT NEW.credit_code "
             "OR OLD.region_code IS NOT NEW.region_code "
             "OR OLD.chain IS NOT NEW.chain "
             "BEGIN UPDATE registry_generation SET n = n + 1 WHERE id = 1; END",
             "{sqlite}CREATE TRIGGER registry_changed_firm_delete AFTER DELETE ON firms "
             "BEGIN UPDATE registry_generation SET n = n + 1 WHERE id = 1; END",
             // PostgreSQL: statement triggers, so a COPY of 100,000 rows adds one row.
             "{postgresql}CREATE FUNCTION registry_changed() RETURNS trigger LANGUAGE plpgsql "
             "AS $$ BEGIN INSERT INTO registry_changes DEFAULT VALUES; RETURN NULL; END $$",
             "{postgresql}CREATE TRIGGER registry_changed_recognitions "
             "AFTER INSERT OR DELETE OR TRUNCATE ON recognitions "
             "FOR EACH STATEMENT EXECUTE FUNCTION registry_changed()",
             "{postgresql}CREATE TRIGGER registry_changed_recognitions_update "
             "AFTER UPDATE OF credit_code, tier, approved_on, valid_from, valid_to ON recognitions "
             "FOR EACH STATEMENT EXECUTE FUNCTION registry_changed()",
             "{postgresql}CREATE TRIGGER registry_changed_firms "
             "AFTER INSERT OR DELETE OR TRUNCATE ON firms "
             "FOR EACH STATEMENT EXECUTE FUNCTION registry_changed()",
             "{postgresql}CREATE TRIGGER registry_changed_firms_update "
             "AFTER UPDATE OF credit_code, region_code, chain ON firms "
             "FOR EACH STATEMENT EXECUTE FUNCTION registry_changed()",
         }},
        {5,
         "audit head advanced once per statement on PostgreSQL (bulk imports were quadratic)",
         {
             // The row trigger updated the one head row once per entry; PostgreSQL keeps every
             // version of that row until the transaction ends and each update walks them, so
             // appending n entries in one transaction cost O(n²) (20,000 entries: 35 s). A
             // statement trigger sees the COPY's rows as a transition table and moves the head
             // once. Appenders hold the head row's lock (AuditRepository::append), so the
             // statement's highest id is the newest entry. SQLite keeps its row trigger: there
             // an update of one row costs the same however often it was updated before.
             "{postgresql}DROP TRIGGER audit_head_advance ON audit_log",
             "{postgresql}CREATE OR REPLACE FUNCTION audit_head_advance() RETURNS trigger "
             "LANGUAGE plpgsql AS $$ BEGIN "
             "UPDATE audit_head SET entries = audit_head.entries + batch.n, last_id = batch.last, "
             "last_hash = (SELECT hash FROM new_rows WHERE id = batch.last) "
             "FROM (SELECT COUNT(*) AS n, MAX(id) AS last FROM new_rows) batch "
             "WHERE audit_head.id = 1 AND batch.n > 0; "
             "RETURN NULL; END $$",
             "{postgresql}CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log "
             "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
             "EXECUTE FUNCTION audit_head_advance()",
         }},
        {6,
         "money in figures held exactly to the fen (millionths of 万元) instead of hundredths",
         {
             // Every amount × 10,000, exactly (integers throughout). Nothing else stored holds
             // money as a count: snapshot inputs and audit entries hold 万元 as text, which a
             // whole number of hundredths still prints the same, so the audit trail's hashes and
             // the snapshots' comparisons with today's figures stand unchanged. The columns are
             // spelled out as they were then, so the step stays the same whatever measures come
             // later.
             "UPDATE figures SET revenue = revenue * 10000, main_revenue = main_revenue * 10000, "
             "hightech_revenue = hightech_revenue * 10000, "
             "lead_product_revenue = lead_product_revenue * 10000, "
             "total_profit = total_profit * 10000, net_profit = net_profit * 10000, "
             "total_assets = total_assets * 10000, "
             "total_liabilities = total_liabilities * 10000, rd_expense = rd_expense * 10000, "
             "rd_domestic = rd_domestic * 10000, equity_financing = equity_financing * 10000, "
             "valuation = valuation * 10000",
         },
         // Rows with an amount whose fen would not fit 64 bits (|hundredths| > (2^63 − 1) /
         // 10^4): SQLite would silently turn the product into a floating-point number and
         // PostgreSQL would stop with an overflow, so both refuse with a reason first.
         "SELECT COUNT(*) FROM figures WHERE "
         "revenue NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR main_revenue NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR hightech_revenue NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR lead_product_revenue NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR total_profit NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR net_profit NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR total_assets NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR total_liabilities NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR rd_expense NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR rd_domestic NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR equity_financing NOT BETWEEN -922337203685477 AND 922337203685477 "
         "OR valuation NOT BETWEEN -922337203685477 AND 922337203685477",
         N_("{} rows of figures hold an amount too large to keep to the fen; correct them with "
            "the previous Ladder before upgrading")},
        // Version 7 is left to another change made at the same time.
        {8,
         "PostgreSQL: the audit trail refuses updates, deletes and truncation from anyone, and "
         "its head only moves forward",
         {
             // The application role's grants already refuse these (db/src/database_roles.cpp);
             // the triggers stand behind them for every other role, the owner included, so a
             // careless statement in psql or a grant too many cannot rewrite history. The owner
             // can still switch them off (ALTER TABLE … DISABLE TRIGGER needs ownership, which
             // the application role never has): a migration that one day must rewrite entries
             // does exactly that in its own transaction. There is deliberately no session
             // setting that lets a statement through: any role may set a custom setting, so it
             // would be a switch the application role could flip too. Row triggers, so a
             // statement that touches no row (the copy into an empty target) passes.
             // Every statement here is safe to run again (tests re-run upgrades).
             "{postgresql}CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger "
             "LANGUAGE plpgsql AS $$ BEGIN "
             "RAISE EXCEPTION 'the audit trail is append-only: % on audit_log is refused', TG_OP "
             "USING ERRCODE = 'insufficient_privilege'; END $$",
             "{postgresql}DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
             "{postgresql}CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "
             "audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
             "{postgresql}DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
             "{postgresql}CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
             "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
             // The head is one row that moves only forward, and only to an entry the trail
             // holds with that hash: never back (which would hide deleted entries), never to a
             // made-up entry, never by more entries than ids passed.
             "{postgresql}CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger "
             "LANGUAGE plpgsql AS $$ BEGIN "
             "IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'the audit head is one row that only "
             "moves forward: % on audit_head is refused', TG_OP "
             "USING ERRCODE = 'insufficient_privilege'; END IF; "
             "IF NEW.id <> OLD.id OR NEW.last_id < OLD.last_id OR NEW.entries < OLD.entries "
             "OR (NEW.last_id = OLD.last_id AND (NEW.entries <> OLD.entries "
             "OR NEW.last_hash <> OLD.last_hash)) "
             "OR (NEW.last_id > OLD.last_id AND (NEW.entries - OLD.entries NOT BETWEEN 1 AND "
             "NEW.last_id - OLD.last_id OR NOT EXISTS (SELECT 1 FROM audit_log "
             "WHERE id = NEW.last_id AND hash = NEW.last_hash))) THEN "
             "RAISE EXCEPTION 'the audit head only moves forward, to an entry of the trail: "
             "entry % (% entries) to entry % (% entries) is refused', OLD.last_id, OLD.entries, "
             "NEW.last_id, NEW.entries USING ERRCODE = 'insufficient_privilege'; END IF; "
             "RETURN NEW; END $$",
             "{postgresql}DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_head",
             "{postgresql}CREATE TRIGGER audit_head_forward_only BEFORE INSERT OR UPDATE OR "
             "DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()",
             "{postgresql}DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head",
             "{postgresql}CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
             "FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only()",
             // The application role may read the head but not write it: the trigger that
             // advances it runs with its owner's rights. Appenders take turns on an advisory
             // lock instead of the head row's (AuditRepository::append), which needs no right
             // to write. Functions that run with other rights than the caller's name the schema
             // they read, so a caller's search_path (or a temporary table of the same name)
             // cannot redirect them. (A later CREATE OR REPLACE of audit_head_advance must say
             // SECURITY DEFINER again.)
             "{postgresql}DO $$ BEGIN "
             "EXECUTE format('ALTER FUNCTION audit_head_advance() SECURITY DEFINER "
             "SET search_path = %I, pg_temp', current_schema()); "
             "EXECUTE format('ALTER FUNCTION audit_head_forward_only() "
             "SET search_path = %I, pg_temp', current_schema()); "
             "EXECUTE format('ALTER FUNCTION audit_log_append_only() "
             "SET search_path = %I, pg_temp', current_schema()); END $$",
         }},
        {9,
         "figures a 2026 application asks: cost of sales, net assets, domestic market share, "
         "self-filed class-I IP, development-quality score, common control",
         {
             // Spelled out, so the step stays the same whatever measures come later. Safe to
             // run again (tests re-run upgrades): a column already there is left alone.
             "{add_column}figures cost_of_sales BIGINT",
             "{add_column}figures net_assets BIGINT",
             "{add_column}figures domestic_market_share BIGINT",
             "{add_column}figures ip_class1_self BIGINT",
             "{add_column}figures quality_score BIGINT",
             "{add_column}figures common_control BIGINT",
         }},
        {10,
         "the yearly cycle: the negative list (per firm and item a verdict, the source checked "
         "and the day), re-review applications, title exits with their cause, multi-year "
         "targets",
         {
             // One row per firm and item; an item without a row is not checked. Safe to run
             // again (tests re-run upgrades).
             "CREATE TABLE IF NOT EXISTS negative_checks (credit_code TEXT NOT NULL REFERENCES "
             "firms(credit_code), item TEXT NOT NULL, verdict TEXT NOT NULL, source TEXT NOT NULL "
             "DEFAULT '', checked_on TEXT, row_version INTEGER NOT NULL DEFAULT 1, "
             "PRIMARY KEY (credit_code, item)){without_rowid}",
             // The kind of case: a new application or the re-review of a title held.
             "{add_column}applications kind TEXT NOT NULL DEFAULT 'new'",
             // A title's end other than by expiry: revoked, surrendered or failed at re-review,
             // with the day, the document and the cause; one per recognition.
             "CREATE TABLE IF NOT EXISTS title_exits (credit_code TEXT NOT NULL REFERENCES "
             "firms(credit_code), tier TEXT NOT NULL, valid_from TEXT NOT NULL, cause TEXT NOT "
             "NULL, exit_on TEXT NOT NULL, doc_no TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL "
             "DEFAULT '', row_version INTEGER NOT NULL DEFAULT 1, "
             "PRIMARY KEY (credit_code, tier, valid_from)){without_rowid}",
             // The bureau's own targets (目标任务) for a year, counted as titles held at its end
             // (multi-year: Jiangxi's 2028 targets); the yearly quotas stay in `quotas`.
             "CREATE TABLE IF NOT EXISTS targets (year INTEGER NOT NULL, tier TEXT NOT NULL, "
             "target BIGINT NOT NULL, row_version INTEGER NOT NULL DEFAULT 1, "
             "PRIMARY KEY (year, tier))",
         }},
        {11,
         "who controls a firm, for the common-control test: its controlling shareholder and "
         "its group",
         {
             // Safe to run again (tests re-run upgrades). Indexed: the test looks up the other
             // firms under the same control.
             "{add_column}firms controlling_shareholder TEXT",
             "{add_column}firms business_group TEXT",
             "CREATE INDEX IF NOT EXISTS firms_by_shareholder ON firms (controlling_shareholder) "
             "WHERE controlling_shareholder IS NOT NULL",
             "CREATE INDEX IF NOT EXISTS firms_by_group ON firms (business_group) "
             "WHERE business_group IS NOT NULL",
         }},
        {12,
         "imported rows audited one entry per chunk: their rows beside the entry, an index",
         {
             // The entries already written stay as they are: a new column, empty for them,
             // holds a chunk's rows beside its entry (see db/src/audit_batch.hpp), and only the
             // chunks of later imports are indexed (a key's history looks inside the few that
             // may hold it).
             "{add_column}audit_log payload TEXT",
             "CREATE INDEX IF NOT EXISTS audit_inserted_rows ON audit_log (entity, id) "
             "WHERE action = 'insert_rows'",
         }},
    };
}

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = build_migrations();
    return all;
}

int latest_schema_version() {
    return migrations().back().version;
}

int migrate(Database& db) {
    soci::session& sql = db.impl().sql;
    const bool pg = db.backend() == Backend::postgresql;
    // On PostgreSQL only the owner may create tables; the application role opening an up to
    // date registry must not even try (CREATE TABLE IF NOT EXISTS is refused without the right
    // to create).
    int has_table = 1;
    if (pg)
        sql << "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 END",
            soci::into(has_table);
    int current = 0;
    if (has_table) {
        if (!pg)
            sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                   "applied_at TEXT NOT NULL, description TEXT NOT NULL)";
        soci::indicator ind = soci::i_ok;
        sql << "SELECT MAX(version) FROM schema_version", soci::into(current, ind);
        if (ind == soci::i_null) current = 0;
    }
    if (current > latest_schema_version())
        throw SchemaError(fmt::format(
            fmt::runtime(
                _("this database has schema version {}, newer than this Ladder understands ({}); "
                  "use a newer Ladder")),
            current, latest_schema_version()));
    if (current == latest_schema_version()) return current;

    // PostgreSQL: the registry's tables belong to its owner, whoever upgrades them. A member of
    // the owner role (a superuser, say) acts as the owner for the upgrade; the application role
    // is refused with who may do it.
    std::string act_as;
    if (pg) {
        RegistryOwner owner = registry_owner(db);
        if (!owner.may_act) {
            if (has_table)
                throw SchemaError(fmt::format(
                    fmt::runtime(_("this registry has schema version {} and this Ladder needs {}; "
                                   "only its owner {} may upgrade it: ladder-cli --db-url "
                                   "\"... user={}\" init")),
                    current, latest_schema_version(), owner.name, owner.name));
            throw SchemaError(
                fmt::format(fmt::runtime(_("this database holds no registry yet and only its "
                                           "owner {} may create one: ladder-cli --db-url \"... "
                                           "user={}\" init --app-role {}")),
                            owner.name, owner.name, owner.current_user));
        }
        if (!owner.is_current_user) act_as = owner.quoted;
    }
    auto as_owner = [&] {
        if (!act_as.empty()) sql << "SET LOCAL ROLE " + act_as;
    };
    if (!has_table) {
        Transaction tx(db);
        as_owner();
        sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
               "applied_at TEXT NOT NULL, description TEXT NOT NULL)";
        tx.commit();
    }
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        Transaction tx(db);
        as_owner();
        if (!m.refuse_if.empty()) {
            long long refused = 0;
            sql << backend_sql(db.backend(), m.refuse_if), soci::into(refused);
            if (refused > 0) throw SchemaError(fmt::format(fmt::runtime(_(m.refusal)), refused));
        }
        for (const auto& statement : m.statements) {
            // "{sqlite}" / "{postgresql}" mark a statement for one backend only (triggers differ).
            std::string_view text = statement;
            if (auto only = backend_only(text); only && *only != db.backend()) continue;
            if (text.substr(0, 12) == "{add_column}") {
                add_column_once(db, text.substr(12));
                continue;
            }
            sql << backend_sql(db.backend(), std::string(text));
        }
        std::string applied = Date::today().to_string();
        sql << "INSERT INTO schema_version (version, applied_at, description) VALUES (:v, :a, :d)",
            soci::use(m.version), soci::use(applied), soci::use(m.description);
        tx.commit();
        current = m.version;
    }
    // Tables a migration created or re-created get the application roles' rights at once.
    if (pg) regrant_application_roles(db);
    return current;
}

}  // namespace ladder
