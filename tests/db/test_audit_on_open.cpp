// The audit check every front end runs when it opens a registry (check_audit_trail_on_open):
// a short trail is verified whole; a long one cheaply (head against count and newest id, the
// newest entries' hashes and links). ladder-cli prints the warning on stderr and still runs
// the command; `audit verify` is the full check and reports the damage itself.
#include <boost/test/unit_test.hpp>

#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/database.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

// Appends `n` entries in one transaction (an import's worth of history).
void append_entries(Database& db, std::size_t n) {
    std::vector<AuditEntry> entries(n);
    for (std::size_t i = 0; i < n; ++i) {
        entries[i].action = "update";
        entries[i].entity = "firm";
        entries[i].entity_key = "K" + std::to_string(i);
        entries[i].before = "name=旧" + std::to_string(i);
        entries[i].after = "name=新" + std::to_string(i);
    }
    Transaction tx(db);
    AuditRepository(db).append(std::move(entries), "clerk");
    tx.commit();
}

long long newest_id(const TestDatabase& store) {
    return std::stoll(query_value(store, "SELECT MAX(id) FROM audit_log"));
}

}  // namespace

BOOST_AUTO_TEST_CASE(short_trail_is_verified_whole) {
    TestDatabase store;
    {
        Database db = Database::open(store.url());
        append_entries(db, 50);
        BOOST_TEST(check_audit_trail_on_open(db).intact);
        BOOST_TEST(check_audit_trail_on_open(db).entries_checked == 50u);
    }
    // An edit anywhere in a short trail is found, the first entry included.
    store.raw_sql(
        "UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT MIN(id) FROM audit_log)");
    Database db = Database::open(store.url());
    AuditVerification v = check_audit_trail_on_open(db);
    BOOST_TEST(!v.intact);
    BOOST_TEST(v.first_bad_id == std::stoll(query_value(store, "SELECT MIN(id) FROM audit_log")));
}

BOOST_AUTO_TEST_CASE(long_trail_checks_head_and_newest_entries) {
    TestDatabase store;
    const std::size_t n = kAuditFullCheckLimit + 500;
    {
        Database db = Database::open(store.url());
        append_entries(db, n);
        AuditVerification v = check_audit_trail_on_open(db);
        BOOST_TEST(v.intact, v.reason);
        BOOST_TEST(v.entries_checked == kAuditTailCheckEntries);  // not the whole trail
    }
    long long last = newest_id(store);

    // An edit among the newest entries.
    const std::string original = query_value(
        store, "SELECT after_value FROM audit_log WHERE id = " + std::to_string(last - 3));
    store.raw_sql("UPDATE audit_log SET after_value = 'name=改' WHERE id = " +
                  std::to_string(last - 3));
    {
        Database db = Database::open(store.url());
        AuditVerification v = check_audit_trail_on_open(db);
        BOOST_TEST(!v.intact);
        BOOST_TEST(v.first_bad_id == last - 3);
        BOOST_TEST(v.reason ==
                   "entry " + std::to_string(last - 3) + " was changed after it was written");
    }
    store.raw_sql("UPDATE audit_log SET after_value = '" + original +
                  "' WHERE id = " + std::to_string(last - 3));

    // The newest entry deleted: the head no longer matches.
    store.raw_sql("DELETE FROM audit_log WHERE id = " + std::to_string(last));
    {
        Database db = Database::open(store.url());
        AuditVerification v = check_audit_trail_on_open(db);
        BOOST_TEST(!v.intact);
        BOOST_TEST(v.reason.find("audit head records " + std::to_string(n)) != std::string::npos,
                   v.reason);
    }
}

BOOST_AUTO_TEST_CASE(an_entry_deleted_deep_in_a_long_trail_is_found_by_the_count) {
    TestDatabase store;
    {
        Database db = Database::open(store.url());
        append_entries(db, kAuditFullCheckLimit + 10);
    }
    long long first = std::stoll(query_value(store, "SELECT MIN(id) FROM audit_log"));
    store.raw_sql("DELETE FROM audit_log WHERE id = " + std::to_string(first + 5));
    Database db = Database::open(store.url());
    BOOST_TEST(!check_audit_trail_on_open(db).intact);
}

// The head (count, newest id and hash) follows every append: one entry, several statements in
// one transaction, and a bulk append (one COPY on PostgreSQL, whose trigger moves the head once
// per statement).
BOOST_AUTO_TEST_CASE(head_follows_every_append) {
    TestDatabase store;
    auto head_matches_trail = [&store] {
        BOOST_TEST(query_value(store, "SELECT entries FROM audit_head WHERE id = 1") ==
                   query_value(store, "SELECT COUNT(*) FROM audit_log"));
        BOOST_TEST(query_value(store, "SELECT last_id FROM audit_head WHERE id = 1") ==
                   query_value(store, "SELECT MAX(id) FROM audit_log"));
        BOOST_TEST(query_value(store, "SELECT last_hash FROM audit_head WHERE id = 1") ==
                   query_value(store,
                               "SELECT hash FROM audit_log WHERE id = (SELECT MAX(id) "
                               "FROM audit_log)"));
    };
    {
        Database db = Database::open(store.url());
        append_entries(db, 1);
        {
            Transaction tx(db);
            std::vector<AuditEntry> first(3), second(300);
            for (auto* batch : {&first, &second})
                for (auto& e : *batch) {
                    e.action = "insert";
                    e.entity = "firm";
                    e.entity_key = "K";
                    e.after = "name=甲";
                }
            AuditRepository(db).append(std::move(first), "clerk");
            AuditRepository(db).append(std::move(second), "clerk");
            tx.commit();
        }
        BOOST_TEST(check_audit_trail_on_open(db).intact);
    }
    BOOST_TEST(query_value(store, "SELECT COUNT(*) FROM audit_log") == "304");
    head_matches_trail();
    {
        // A rolled-back append leaves the head where it was.
        Database db = Database::open(store.url());
        Transaction tx(db);
        std::vector<AuditEntry> dropped(5);
        for (auto& e : dropped) {
            e.action = "insert";
            e.entity = "firm";
            e.entity_key = "K";
        }
        AuditRepository(db).append(std::move(dropped), "clerk");
    }
    BOOST_TEST(query_value(store, "SELECT entries FROM audit_head WHERE id = 1") == "304");
    head_matches_trail();
}

// A registry written before schema 5 (PostgreSQL: the head moved by a row trigger) keeps its
// head through the upgrade and after it.
BOOST_AUTO_TEST_CASE(head_survives_the_upgrade_to_statement_triggers) {
    TestDatabase store;
    {
        Database db = Database::open(store.url());
        append_entries(db, 20);
    }
    if (TestDatabase::on_postgresql()) {
        store.raw_sql("DROP TRIGGER audit_head_advance ON audit_log");
        store.raw_sql(
            "CREATE OR REPLACE FUNCTION audit_head_advance() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN UPDATE audit_head SET entries = entries + 1, last_id = NEW.id, "
            "last_hash = NEW.hash WHERE id = 1; RETURN NEW; END $$");
        store.raw_sql(
            "CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_log FOR EACH ROW "
            "EXECUTE FUNCTION audit_head_advance()");
    }
    store.raw_sql("DELETE FROM schema_version WHERE version >= 5");
    {
        // Upgraded by the owner (PostgreSQL: the application role may not), then written to.
        BOOST_TEST(Database::open(store.owner_url()).schema_version() >= 5);
        Database db = Database::open(store.url());
        BOOST_TEST(check_audit_trail_on_open(db).intact);
        append_entries(db, 30);
        BOOST_TEST(check_audit_trail_on_open(db).intact);
    }
    BOOST_TEST(query_value(store, "SELECT entries FROM audit_head WHERE id = 1") == "50");
    if (TestDatabase::on_postgresql())
        BOOST_TEST(query_value(store,
                               "SELECT action_orientation FROM information_schema.triggers "
                               "WHERE trigger_name = 'audit_head_advance'") == "STATEMENT");
}

BOOST_AUTO_TEST_CASE(cli_warns_on_stderr_and_still_runs_the_command) {
    TestDatabase store;
    const TempDir& dir = store.dir();
    const std::string code =
        "91360100MA35AAAA0" + std::string(1, *uscc_check_character("91360100MA35AAAA0"));
    write_file(dir / "firms.csv", "credit_code,name,region_code,industry_code,chain,founded\n" +
                                      code +
                                      ",南昌甲电子有限公司,360102,C3985,electronics,2010-05-01\n");
    auto import = run_cli(dir.path(), store.cli_args() + " import firms firms.csv");
    BOOST_TEST_REQUIRE(import.status == 0, import.err);
    BOOST_TEST(import.err.empty(), import.err);  // an intact trail: not a word

    store.raw_sql(
        "UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT MIN(id) FROM audit_log)");
    std::string id = query_value(store, "SELECT MIN(id) FROM audit_log");
    auto tally = run_cli(dir.path(), store.cli_args() + " tally --year 2020 --format csv");
    BOOST_TEST(tally.status == 0, tally.err);
    BOOST_TEST(tally.err.find("ladder-cli: audit trail check failed at entry " + id + ": entry " +
                              id + " was changed after it was written") == 0,
               tally.err);
    BOOST_TEST(tally.err.find("ladder-cli audit verify") != std::string::npos);

    auto chinese =
        run_cli(dir.path(), store.cli_args() + " tally --year 2020 --format csv", "zh_CN");
    BOOST_TEST(chinese.err.find("审计链校验失败") != std::string::npos, chinese.err);

    // `audit verify` reports once, as its own failure.
    auto verify = run_cli(dir.path(), store.cli_args() + " audit verify");
    BOOST_TEST(verify.status == 1);
    BOOST_TEST(verify.err.find("check failed") == std::string::npos, verify.err);
    BOOST_TEST(verify.err.find("audit trail broken at entry " + id) != std::string::npos,
               verify.err);
}
