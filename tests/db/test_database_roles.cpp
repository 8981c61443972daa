// A PostgreSQL registry as the README deploys it: the owner role creates and upgrades it, the
// application role every client connects as appends to the audit trail but can neither change,
// delete nor truncate an entry, nor move the audit head back; the triggers of schema 8 refuse
// the same to the owner. Every attempt is a statement typed in psql, as someone holding the
// role's password would. Daily work as the application role is the whole _pg suite (every
// TestDatabase connects as it); here its rights are checked where they end. On SQLite only the
// CLI's refusal of --app-role runs: a registry file has no roles (its protection is mode 0600).
#include <boost/test/unit_test.hpp>

#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/database.hpp"
#include "db/database_roles.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

struct OnPostgresql {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        boost::test_tools::assertion_result r(TestDatabase::on_postgresql());
        r.message() << "roles exist on PostgreSQL only";
        return r;
    }
};

std::string valid_code(const std::string& first17) {
    return first17 + std::string(1, *uscc_check_character(first17));
}

// A registry with history: three firms imported and one renamed, all as the application role
// through ladder-cli — as a clerk's client does it.
struct Registry {
    TestDatabase db;
    Registry() {
        const TempDir& dir = db.dir();
        std::string csv = "credit_code,name,region_code,industry_code,chain,founded\n";
        for (const char* code : {"91360100MA35AAAA0", "91360100MA35AAAB0", "91360100MA35AAAC0"})
            csv += valid_code(code) + ",南昌电子有限公司" + std::string(code).substr(14, 1) +
                   ",360102,C3985,electronics,2010-05-01\n";
        write_file(dir / "firms.csv", csv);
        auto imported = run_cli(dir.path(), db.cli_args() + " import firms firms.csv");
        BOOST_REQUIRE_MESSAGE(imported.status == 0, imported.err);
        write_file(dir / "rename.csv", "credit_code,name\n" + valid_code("91360100MA35AAAA0") +
                                           ",南昌甲电子有限公司\n");
        auto renamed = run_cli(dir.path(), db.cli_args() + " import firms rename.csv");
        BOOST_REQUIRE_MESSAGE(renamed.status == 0, renamed.err);
    }
    std::string head() const {
        return query_value(db,
                           "SELECT entries || ':' || last_id || ':' || last_hash FROM "
                           "audit_head WHERE id = 1");
    }
    std::string trail() const {
        return query_value(db,
                           "SELECT COUNT(*) || ':' || MAX(id) || ':' || "
                           "string_agg(hash, ',' ORDER BY id) FROM audit_log");
    }
    // The trail checks out in full and its head names its newest entry.
    void expect_intact() const {
        auto verify = run_cli(db.dir().path(), db.cli_args() + " audit verify");
        BOOST_TEST(verify.status == 0, verify.out + verify.err);
        BOOST_TEST(query_value(db,
                               "SELECT entries = (SELECT COUNT(*) FROM audit_log) AND "
                               "last_id = (SELECT MAX(id) FROM audit_log) FROM audit_head") == "t");
    }
};

struct Attempt {
    const char* what;
    std::string statement;
    const char* refusal;  // in the server's error message
};

// Runs each attempt as `role` and expects it refused with its reason, the trail and its head
// left exactly as they were.
void expect_refused(const Registry& r, const std::string& role,
                    const std::vector<Attempt>& attempts) {
    const std::string head = r.head(), trail = r.trail();
    for (const Attempt& a : attempts) {
        BOOST_TEST_CONTEXT(role << ": " << a.what << ": " << a.statement) {
            const std::string error = r.db.error_of_sql_as(role, a.statement);
            BOOST_TEST(error.find(a.refusal) != std::string::npos, error);
            BOOST_TEST(r.head() == head);
            BOOST_TEST(r.trail() == trail);
        }
    }
    r.expect_intact();
}

const std::string kNewest = "(SELECT MAX(id) FROM audit_log)";
const std::string kOldest = "(SELECT MIN(id) FROM audit_log)";
// The head as it would read after deleting the newest entry: one back, to the entry before.
const std::string kHeadOneBack =
    "UPDATE audit_head SET entries = entries - 1, last_id = (SELECT MAX(id) FROM audit_log WHERE "
    "id < audit_head.last_id), last_hash = (SELECT hash FROM audit_log WHERE id = (SELECT MAX(id) "
    "FROM audit_log WHERE id < audit_head.last_id))";

}  // namespace

BOOST_AUTO_TEST_CASE(application_role_cannot_rewrite_the_trail_or_its_head,
                     *boost::unit_test::precondition(OnPostgresql())) {
    Registry r;
    const char* denied_trail = "permission denied for table audit_log";
    const char* denied_head = "permission denied for table audit_head";
    expect_refused(
        r, TestDatabase::kAppRole,
        {
            {"edit an entry", "UPDATE audit_log SET actor = 'mallory' WHERE id = " + kOldest,
             denied_trail},
            {"delete the newest entry", "DELETE FROM audit_log WHERE id = " + kNewest,
             denied_trail},
            {"delete every entry", "DELETE FROM audit_log", denied_trail},
            {"truncate the trail", "TRUNCATE audit_log", denied_trail},
            {"move the head back one entry", kHeadOneBack, denied_head},
            {"rewrite the head's hash", "UPDATE audit_head SET last_hash = 'forged'", denied_head},
            {"delete the head", "DELETE FROM audit_head", denied_head},
            {"truncate the head", "TRUNCATE audit_head", denied_head},
            {"add a second head",
             "INSERT INTO audit_head (id, entries, last_id, last_hash) VALUES (2, 0, 0, 'x')",
             denied_head},
            // The right to append cannot rewind the head: an entry below the newest would
            // move it back, which its trigger (running with the owner's rights) refuses.
            {"append an entry older than the newest",
             "INSERT INTO audit_log (id, at, actor, action, entity, entity_key, prev_hash, hash) "
             "SELECT MIN(id) - 1, 'now', 'mallory', 'update', 'firm', 'X', 'p', 'h' "
             "FROM audit_log",
             "the audit head only moves forward"},
            // Nor can the guards be switched off, or the sequence rewound for reused ids.
            {"switch the trail's trigger off",
             "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
             "must be owner of table audit_log"},
            {"drop the head's trigger", "DROP TRIGGER audit_head_forward_only ON audit_head",
             "must be owner of"},
            {"skip triggers for the session", "SET session_replication_role = replica",
             "permission denied to set parameter"},
            {"rewind the entry ids", "SELECT setval('audit_log_id_seq', 1)",
             "permission denied for sequence audit_log_id_seq"},
            // The registry: rows are never deleted by Ladder, and the schema is the owner's.
            {"delete a firm", "DELETE FROM firms", "permission denied for table firms"},
            {"truncate firms", "TRUNCATE firms", "permission denied for table firms"},
            {"change the schema", "ALTER TABLE firms ADD COLUMN note TEXT",
             "must be owner of table firms"},
            {"create a table", "CREATE TABLE notes (t TEXT)", "permission denied for schema"},
        });
}

BOOST_AUTO_TEST_CASE(owner_is_refused_the_same_by_the_triggers,
                     *boost::unit_test::precondition(OnPostgresql())) {
    Registry r;
    // Issue 16: "deleting the newest audit entries and rewriting audit_head to match" — each
    // half is refused on its own.
    expect_refused(
        r, TestDatabase::kOwnerRole,
        {
            {"edit an entry", "UPDATE audit_log SET actor = 'mallory' WHERE id = " + kOldest,
             "the audit trail is append-only: UPDATE on audit_log is refused"},
            {"delete the newest entry", "DELETE FROM audit_log WHERE id = " + kNewest,
             "the audit trail is append-only: DELETE on audit_log is refused"},
            {"truncate the trail", "TRUNCATE audit_log",
             "the audit trail is append-only: TRUNCATE on audit_log is refused"},
            {"move the head back one entry", kHeadOneBack, "the audit head only moves forward"},
            {"rewrite the head's hash", "UPDATE audit_head SET last_hash = 'forged'",
             "the audit head only moves forward"},
            {"move the head past the trail",
             "UPDATE audit_head SET entries = entries + 1, last_id = last_id + 1",
             "the audit head only moves forward"},
            {"count more entries than ids passed",
             "UPDATE audit_head SET entries = entries + 5, last_id = " + kNewest,
             "the audit head only moves forward"},
            {"delete the head", "DELETE FROM audit_head",
             "the audit head is one row that only moves forward: DELETE on audit_head is refused"},
            {"truncate the head", "TRUNCATE audit_head",
             "the audit head is one row that only moves forward: TRUNCATE on audit_head is "
             "refused"},
            {"add a second head",
             "INSERT INTO audit_head (id, entries, last_id, last_hash) VALUES (2, 0, 0, 'x')",
             "the audit head is one row that only moves forward: INSERT on audit_head is refused"},
            {"skip triggers for the session", "SET session_replication_role = replica",
             "permission denied to set parameter"},
        });
}

BOOST_AUTO_TEST_CASE(application_role_cannot_upgrade_and_the_owner_keeps_its_rights,
                     *boost::unit_test::precondition(OnPostgresql())) {
    Registry r;
    // As a registry the previous Ladder left: schema 8 not yet applied.
    r.db.raw_sql("DELETE FROM schema_version WHERE version >= 8");
    const std::string before = query_value(r.db, "SELECT MAX(version) FROM schema_version");
    const std::string refusal = "only its owner ladder_owner may upgrade it: ladder-cli --db-url";
    BOOST_TEST(message_of([&] { Database::open(r.db.url()); }).find(refusal) != std::string::npos);
    auto tally = run_cli(r.db.dir().path(), r.db.cli_args() + " tally --year 2020");
    BOOST_TEST(tally.status == 1);
    BOOST_TEST(tally.err.find(refusal) != std::string::npos, tally.err);
    BOOST_TEST(query_value(r.db, "SELECT MAX(version) FROM schema_version") == before);

    auto init = run_cli(r.db.dir().path(), r.db.owner_cli_args() + " init");
    BOOST_TEST(init.status == 0, init.err);
    BOOST_TEST(Database::open(r.db.url()).schema_version() >= 8);
    // The upgrade gave the application role its rights again, and no more.
    write_file(r.db.dir() / "more.csv",
               "credit_code,name,region_code,industry_code,chain,founded\n" +
                   valid_code("91360100MA35AAAD0") +
                   ",南昌丁电子有限公司,360102,C3985,electronics,2011-01-01\n");
    auto more = run_cli(r.db.dir().path(), r.db.cli_args() + " import firms more.csv");
    BOOST_TEST(more.status == 0, more.err);
    BOOST_TEST(r.db.error_of_sql_as(TestDatabase::kAppRole, "DELETE FROM audit_log")
                   .find("permission denied") != std::string::npos);
    r.expect_intact();
}

BOOST_AUTO_TEST_CASE(superuser_upgrades_as_the_owner,
                     *boost::unit_test::precondition(OnPostgresql())) {
    Registry r;
    r.db.raw_sql("DROP FUNCTION audit_log_append_only() CASCADE");
    r.db.raw_sql("DROP FUNCTION audit_head_forward_only() CASCADE");
    r.db.raw_sql("DELETE FROM schema_version WHERE version >= 8");
    BOOST_TEST(Database::open(r.db.superuser_url()).schema_version() >= 8);
    // What the upgrade made belongs to the owner, so the owner can keep upgrading.
    BOOST_TEST(
        query_value(r.db,
                    "SELECT string_agg(DISTINCT pg_get_userbyid(proowner), ',') FROM pg_proc "
                    "WHERE proname IN ('audit_log_append_only', 'audit_head_forward_only', "
                    "'audit_head_advance')") == "ladder_owner");
    BOOST_TEST(query_value(r.db,
                           "SELECT prosecdef FROM pg_proc WHERE proname = "
                           "'audit_head_advance'") == "t");
    BOOST_TEST(
        r.db.error_of_sql_as(TestDatabase::kOwnerRole, "TRUNCATE audit_log").find("append-only") !=
        std::string::npos);
    r.expect_intact();
}

BOOST_AUTO_TEST_CASE(init_grants_the_application_role,
                     *boost::unit_test::precondition(OnPostgresql())) {
    Registry r;
    const TempDir& dir = r.db.dir();
    r.db.raw_sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ladder_app");
    auto without = run_cli(dir.path(), r.db.cli_args() + " tally --year 2020");
    BOOST_TEST(without.status == 1);
    BOOST_TEST(without.err.find("permission denied") != std::string::npos, without.err);

    auto init = run_cli(dir.path(), r.db.owner_cli_args() + " init --app-role ladder_app");
    BOOST_TEST(init.status == 0, init.err);
    BOOST_TEST(init.out.find("application role ladder_app: reads the registry and appends to the "
                             "audit trail") != std::string::npos,
               init.out);
    BOOST_TEST(run_cli(dir.path(), r.db.cli_args() + " tally --year 2020").status == 0);
    {
        Database owner = Database::open(r.db.owner_url());
        BOOST_TEST(application_roles(owner) == std::vector<std::string>{"ladder_app"},
                   boost::test_tools::per_element());
    }

    struct Refused {
        std::string args;
        const char* reason;
    };
    for (const Refused& c : std::vector<Refused>{
             {r.db.owner_cli_args() + " init --app-role nobody_here",
              "role nobody_here does not exist on the server; create it first: CREATE ROLE "
              "nobody_here LOGIN"},
             {r.db.owner_cli_args() + " init --app-role ladder_owner",
              "role ladder_owner is, or may act as, the registry's owner ladder_owner"},
             {r.db.cli_args() + " init --app-role ladder_app",
              "only the registry's owner ladder_owner may grant rights to an application role; "
              "ladder_app may not"},
         }) {
        auto refused = run_cli(dir.path(), c.args);
        BOOST_TEST(refused.status == 1, c.args);
        BOOST_TEST(refused.err.find(c.reason) != std::string::npos, refused.err);
    }
    BOOST_TEST(run_cli(dir.path(), r.db.cli_args() + " tally --year 2020").status == 0);
}

// The owner's connection string carries its password in the README's commands; what Ladder
// prints or records of it (init's answer, the status bar, the demo's audit entry) does not.
BOOST_AUTO_TEST_CASE(the_password_is_never_shown, *boost::unit_test::precondition(OnPostgresql())) {
    TestDatabase db;
    const std::string url = db.owner_url() + " password=owner-secret";
    auto init = run_cli(db.dir().path(), "--db-url " + shell_quote(url) + " init");
    BOOST_TEST(init.status == 0, init.err);
    BOOST_TEST(init.out.find("password=***") != std::string::npos, init.out);
    BOOST_TEST(init.out.find("secret") == std::string::npos, init.out);
    BOOST_TEST(Database::open(url).description().find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(app_role_is_refused_on_sqlite_before_a_file_is_made) {
    TempDir dir;
    auto refused = run_cli(dir.path(), "--db reg.db init --app-role ladder_app");
    BOOST_TEST(refused.status == 2);
    BOOST_TEST(
        refused.err.find("application roles are for PostgreSQL registries") != std::string::npos,
        refused.err);
    BOOST_TEST(!fs::exists(dir / "reg.db"));
}
