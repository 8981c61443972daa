// Backups, restore and migration on real files: a restore reproduces the exact registry, an
// import leaves a rotating backup, and a SQLite registry moves to another database (a
// PostgreSQL one in the _pg run) with the same exports and a verified audit trail.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace ladder::test;

namespace {
CliResult cli(const TempDir& dir, const std::string& args) {
    return run_cli(dir.path(), args);
}
std::string dump(const TempDir& dir, const std::string& db) {
    std::string all;
    for (const char* t : {"firms", "figures", "recognitions"})
        all += cli(dir, db + " export " + t).out;
    return all;
}
}  // namespace

BOOST_AUTO_TEST_CASE(restore_reproduces_the_exact_registry) {
    TempDir dir;
    const std::string db = "--db reg.db";
    BOOST_REQUIRE(cli(dir, db + " demo --firms 300").status == 0);
    auto b = cli(dir, db + " backup saved.db");
    BOOST_REQUIRE_MESSAGE(b.status == 0, b.err);
    std::string before = dump(dir, db);
    std::string code = before.substr(before.find('\n') + 1, 18);
    BOOST_REQUIRE(cli(dir, db + " firm edit " + code + " name=改过的名称").status == 0);
    BOOST_TEST(dump(dir, db) != before);
    auto r = cli(dir, db + " restore saved.db");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(dump(dir, db) == before);
    BOOST_TEST(fs::exists(dir / "reg.db.backups"));  // the replaced registry was kept
    BOOST_TEST(cli(dir, db + " restore nothing.db").status == 1);
    write_file(dir / "junk.db", "not a database");
    BOOST_TEST(cli(dir, db + " restore junk.db").status == 1);
    BOOST_TEST(dump(dir, db) == before);
}

BOOST_AUTO_TEST_CASE(only_an_administrator_restores_a_registry_with_users) {
    TempDir dir;
    // Signed in as `user` (password "<user>-password"); `user add` gives "<new_user>-password".
    auto as = [&](const std::string& user, const std::string& args,
                  const std::string& new_user = "") {
        std::string env = "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=" + user +
                          "-password LADDER_NEW_PASSWORD=" + (new_user.empty() ? user : new_user) +
                          "-password";
        return run_cli(dir.path(), "--db reg.db " + args + " --user " + user, "en", env);
    };
    BOOST_REQUIRE(cli(dir, "--db reg.db demo --firms 40").status == 0);
    BOOST_REQUIRE(as("admin", "user init-admin").status == 0);
    BOOST_REQUIRE(as("admin", "user add clerk --role clerk", "clerk").status == 0);
    BOOST_REQUIRE(as("admin", "user add reviewer --role reviewer", "reviewer").status == 0);
    BOOST_REQUIRE(cli(dir, "--db reg.db backup saved.db").status == 0);
    std::string before = dump(dir, "--db reg.db");
    for (const char* user : {"clerk", "reviewer"}) {
        auto r = as(user, "restore saved.db");
        BOOST_TEST(r.status != 0);
        BOOST_TEST(r.err.find("may not restore the registry from a backup") != std::string::npos,
                   r.err);
    }
    auto nobody = cli(dir, "--db reg.db restore saved.db");  // no --user: refused, not skipped
    BOOST_TEST(nobody.status != 0);
    BOOST_TEST(dump(dir, "--db reg.db") == before);
    auto r = as("admin", "restore saved.db");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(dump(dir, "--db reg.db") == before);
    // The restore is the newest entry of the restored trail, which still verifies.
    auto log = as("admin", "audit log --limit 1");
    BOOST_TEST(log.out.find("restore") != std::string::npos, log.out);
    BOOST_TEST(log.out.find("saved.db") != std::string::npos, log.out);
    BOOST_TEST(cli(dir, "--db reg.db audit verify").status == 0);
}

BOOST_AUTO_TEST_CASE(import_keeps_a_rotating_backup) {
    TempDir dir;
    BOOST_REQUIRE(cli(dir, "--db reg.db demo --firms 50 --csv-dir csv").status == 0);
    BOOST_REQUIRE(cli(dir, "--db reg.db init").status == 0);
    for (int i = 0; i < 7; ++i)
        BOOST_REQUIRE(cli(dir, "--db reg.db import firms csv/firms.csv").status == 0);
    std::size_t backups = 0;
    for (const auto& e : fs::directory_iterator(dir / "reg.db.backups"))
        backups += e.path().extension() == ".db";
    BOOST_TEST(backups >= 1u);
    BOOST_TEST(backups <= 5u);
}

BOOST_AUTO_TEST_CASE(a_backup_killed_mid_copy_leaves_no_temporary_behind) {
    TempDir dir;
    BOOST_REQUIRE(cli(dir, "--db reg.db demo --firms 50 --csv-dir csv").status == 0);
    BOOST_REQUIRE(cli(dir, "--db reg.db init").status == 0);
    // The pid of a process that has exited and been reaped: what a SIGKILLed backup leaves.
    pid_t gone = ::fork();
    if (gone == 0) ::_exit(0);
    BOOST_REQUIRE(gone > 0);
    ::waitpid(gone, nullptr, 0);
    fs::create_directories(dir / "reg.db.backups");
    const fs::path stale = dir / "reg.db.backups" / ("reg-import-x.db.tmp-" + std::to_string(gone));
    const fs::path live =
        dir / "reg.db.backups" / ("reg-import-y.db.tmp-" + std::to_string(::getpid()));
    const fs::path unrelated = dir / "reg.db.backups" / "notes.tmp-abc";
    for (const auto& p : {stale, live, unrelated}) write_file(p, "partial");
    BOOST_REQUIRE(cli(dir, "--db reg.db import firms csv/firms.csv").status == 0);
    BOOST_TEST(!fs::exists(stale));
    BOOST_TEST(fs::exists(live));  // this test process is still running
    BOOST_TEST(fs::exists(unrelated));
}

BOOST_AUTO_TEST_CASE(migrate_moves_everything_and_verifies) {
    TempDir dir;
    TestDatabase target;  // PostgreSQL in the _pg run, another SQLite file otherwise
    const std::string db = "--db reg.db";
    BOOST_REQUIRE(cli(dir, db + " demo --firms 200").status == 0);
    // As the owner of the target, as the README says; everyone then works as usual.
    auto m = cli(dir, db + " migrate --to " + shell_quote(target.owner_url()));
    BOOST_TEST(m.status == 0, m.err);
    BOOST_TEST(m.out.find("firms: 200 rows copied and verified") != std::string::npos, m.out);
    BOOST_TEST(dump(dir, db) == dump(dir, target.cli_args()));
    BOOST_TEST(cli(dir, db + " evaluate --year 2020 --format csv").out ==
               cli(dir, target.cli_args() + " evaluate --year 2020 --format csv").out);
    BOOST_TEST(cli(dir, db + " tally --year 2020 --by city --format csv").out ==
               cli(dir, target.cli_args() + " tally --year 2020 --by city --format csv").out);
    // A second migration into the now-filled target is refused.
    auto again = cli(dir, db + " migrate --to " + shell_quote(target.owner_url()));
    BOOST_TEST(again.status != 0);
    BOOST_TEST(again.err.find("not empty") != std::string::npos, again.err);
}

// The target keeps its own audit head, moved by its trigger over the copied entries; a source
// whose head does not match its trail (the newest entries deleted, say) is not carried over.
BOOST_AUTO_TEST_CASE(migrate_refuses_a_source_whose_head_does_not_match_its_trail) {
    TempDir dir;
    TestDatabase target;
    const std::string db = "--db reg.db";
    BOOST_REQUIRE(cli(dir, db + " demo --firms 20").status == 0);
    const std::string sqlite = "sqlite3 " + shell_quote((dir / "reg.db").string()) + " ";
    BOOST_REQUIRE(std::system((sqlite + shell_quote("DELETE FROM audit_log WHERE id = (SELECT "
                                                    "MAX(id) FROM audit_log)"))
                                  .c_str()) == 0);
    auto m = cli(dir, db + " migrate --to " + shell_quote(target.owner_url()));
    BOOST_TEST(m.status == 1);
    BOOST_TEST(m.err.find("the audit head of the source records") != std::string::npos, m.err);
    // Nothing was copied: the export is its header line alone.
    const std::string firms = cli(dir, target.cli_args() + " export firms").out;
    BOOST_TEST(std::count(firms.begin(), firms.end(), '\n') == 1, firms);
}

BOOST_AUTO_TEST_CASE(backup_never_overwrites_without_force_nor_ever_the_registry) {
    TempDir dir;
    BOOST_REQUIRE(cli(dir, "--db reg.db demo --firms 20").status == 0);
    fs::create_directories(dir / "sub");
    fs::create_symlink(dir / "reg.db", dir / "sub" / "link.db");
    fs::create_hard_link(dir / "reg.db", dir / "hard.db");
    write_file(dir / "notes.db", "a clerk's file");
    const std::string before = dump(dir, "--db reg.db");
    struct Case {
        std::string target;
        bool force;
        int status;
        std::string err;  // "" = written
    };
    const std::string live =
        "is the registry in use; a backup never replaces it (choose another "
        "file)\n";
    const Case cases[] = {
        {"copy.db", false, 0, ""},
        {"copy.db", false, 1,
         "copy.db: already exists; a backup does not replace a file unless you pass --force\n"},
        {"notes.db", false, 1,
         "notes.db: already exists; a backup does not replace a file unless you pass --force\n"},
        {"copy.db", true, 0, ""},
        {"notes.db", true, 0, ""},
        {"reg.db", false, 1, "reg.db: " + live},
        {"reg.db", true, 1, "reg.db: " + live},
        {"./reg.db", true, 1, "./reg.db: " + live},
        {"sub/../reg.db", true, 1, "sub/../reg.db: " + live},
        {"sub/link.db", true, 1, "sub/link.db: " + live},
        {"hard.db", true, 1, "hard.db: " + live},
        {"reg.db-wal", true, 1, "reg.db-wal: " + live},
        {"reg.db-journal", true, 1, "reg.db-journal: " + live},
        {"sub", true, 1, "sub: is a directory, not a backup file\n"},
    };
    for (const Case& c : cases) {
        auto r = cli(dir, "--db reg.db backup " + c.target + (c.force ? " --force" : ""));
        BOOST_TEST(r.status == c.status, c.target << (c.force ? " --force" : ""));
        BOOST_TEST(r.err == c.err, c.target);
    }
    BOOST_TEST(dump(dir, "--db copy.db") == before);  // the forced copy is a backup
    BOOST_TEST(dump(dir, "--db notes.db") == before);
    BOOST_TEST(dump(dir, "--db reg.db") == before);  // the registry is untouched
    BOOST_TEST(fs::is_symlink(dir / "sub" / "link.db"));
    BOOST_TEST(cli(dir, "--db reg.db audit verify").status == 0);
}

BOOST_AUTO_TEST_CASE(restore_refuses_a_broken_trail_unless_an_administrator_forces_it) {
    TempDir dir;
    BOOST_REQUIRE(cli(dir, "--db reg.db demo --firms 30").status == 0);
    BOOST_REQUIRE(cli(dir, "--db reg.db backup good.db").status == 0);
    const std::string backup_dump = dump(dir, "--db good.db");
    fs::copy_file(dir / "good.db", dir / "edited.db");
    fs::copy_file(dir / "good.db", dir / "truncated.db");
    fs::copy_file(dir / "good.db", dir / "rows-edited.db");
    // Someone with the backup in hand: an audit entry rewritten, the newest entries removed.
    auto sql = [&](const std::string& file, const std::string& statement) {
        std::string cmd =
            "sqlite3 " + shell_quote((dir / file).string()) + " " + shell_quote(statement);
        BOOST_REQUIRE(std::system(cmd.c_str()) == 0);
    };
    sql("edited.db", "UPDATE audit_log SET after_value = 'firms=1' WHERE id = 1");
    sql("truncated.db", "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)");
    // The trail left intact, a row changed: the trail no longer proves the backup's registry.
    sql("rows-edited.db",
        "UPDATE firms SET name = '篡改' WHERE credit_code = (SELECT MIN(credit_code) FROM firms)");
    BOOST_REQUIRE(cli(dir, "--db reg.db firm edit " +
                               backup_dump.substr(backup_dump.find('\n') + 1, 18) +
                               " name=今天的名称")
                      .status == 0);
    const std::string current = dump(dir, "--db reg.db");
    BOOST_REQUIRE(current != backup_dump);

    // Signed in as `user` (password "<user>-password").
    auto as = [&](const std::string& user, const std::string& args,
                  const std::string& new_user = "") {
        std::string env = "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=" + user +
                          "-password LADDER_NEW_PASSWORD=" + (new_user.empty() ? user : new_user) +
                          "-password";
        return run_cli(dir.path(), "--db reg.db " + args + " --user " + user, "en", env);
    };
    struct Case {
        std::string file, expected_reason;
    };
    const Case cases[] = {
        {"edited.db",
         "its audit trail is broken at entry 1: entry 1 was changed after it was "
         "written"},
        {"truncated.db", "its audit trail is broken at entry "},
        {"rows-edited.db", "1 of its rows are not what its audit trail says (first: firms "},
    };
    for (const Case& c : cases) {
        auto refused = cli(dir, "--db reg.db restore " + c.file);
        BOOST_TEST(refused.status == 1, c.file);
        BOOST_TEST(refused.err.find(c.file + ": " + c.expected_reason) == 0u, refused.err);
        BOOST_TEST(refused.err.find("; an administrator may restore it anyway with --force\n") !=
                       std::string::npos,
                   refused.err);
        BOOST_TEST(dump(dir, "--db reg.db") == current, c.file);  // nothing changed
    }
    BOOST_TEST(!fs::exists(dir / "reg.db.backups"));  // no safety copy for a refused restore

    // With users, only an administrator may force it; the restore entry says why it was refused.
    BOOST_REQUIRE(as("admin", "user init-admin").status == 0);
    BOOST_REQUIRE(as("admin", "user add clerk --role clerk", "clerk").status == 0);
    BOOST_REQUIRE(cli(dir, "--db reg.db backup edited-with-users.db").status == 0);
    sql("edited-with-users.db", "UPDATE audit_log SET after_value = 'firms=1' WHERE id = 1");
    auto clerk = as("clerk", "restore edited-with-users.db --force");
    BOOST_TEST(clerk.status == 1);
    BOOST_TEST(clerk.err.find("may not restore the registry from a backup") != std::string::npos,
               clerk.err);
    auto forced = as("admin", "restore edited-with-users.db --force");
    BOOST_TEST(forced.status == 0, forced.err);
    BOOST_TEST(forced.err.find("restored by force although its audit trail is broken at entry 1") !=
                   std::string::npos,
               forced.err);
    auto entry = run_cli(dir.path(),
                         "--db reg.db audit log --entity registry --key edited-with-users.db "
                         "--user admin",
                         "en", "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=admin-password");
    BOOST_TEST(entry.out.find("forced=yes;refused_because=its audit trail is broken at entry 1: "
                              "entry 1 was changed after it was written") != std::string::npos,
               entry.out + entry.err);
    BOOST_TEST(fs::exists(dir / "reg.db.backups"));  // the replaced registry was kept
}

BOOST_AUTO_TEST_CASE(restore_never_leaves_a_registry_with_users_without_them) {
    TempDir dir;
    auto as = [&](const std::string& user, const std::string& args,
                  const std::string& new_user = "") {
        std::string env = "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=" + user +
                          "-password LADDER_NEW_PASSWORD=" + (new_user.empty() ? user : new_user) +
                          "-password";
        return run_cli(dir.path(), "--db reg.db " + args + " --user " + user, "en", env);
    };
    BOOST_REQUIRE(cli(dir, "--db reg.db demo --firms 20").status == 0);
    BOOST_REQUIRE(cli(dir, "--db reg.db backup before-users.db").status == 0);
    BOOST_REQUIRE(as("admin", "user init-admin").status == 0);
    const std::string current = dump(dir, "--db reg.db");
    for (const char* force : {"", " --force"}) {
        auto r = as("admin", std::string("restore before-users.db") + force);
        BOOST_TEST(r.status == 1, force);
        BOOST_TEST(r.err ==
                       "before-users.db: the backup has no users, and restoring it would "
                       "leave this registry without sign-in; restore it into a new registry "
                       "instead\n",
                   r.err);
    }
    // The registry still asks who signs in: its administrator is there, nobody else gets in.
    BOOST_TEST(as("admin", "user list").out.find("admin") != std::string::npos);
    BOOST_TEST(
        cli(dir, "--db reg.db apply submit --firm X --tier above_scale --year 2020").status != 0);
    BOOST_TEST(dump(dir, "--db reg.db") == current);
    // Into a new registry the backup restores as it is.
    BOOST_REQUIRE(cli(dir, "--db fresh.db init").status == 0);
    auto fresh = cli(dir, "--db fresh.db restore before-users.db");
    BOOST_TEST(fresh.status == 0, fresh.err);
    BOOST_TEST(dump(dir, "--db fresh.db") == current);
}
