// Backups, restore and migration on real files: a restore reproduces the exact registry, an
// import leaves a rotating backup, and a SQLite registry moves to another database (a
// PostgreSQL one in the _pg run) with the same exports and a verified audit trail.
#include <sys/wait.h>
#include <unistd.h>

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
    auto m = cli(dir, db + " migrate --to " + shell_quote(target.url()));
    BOOST_TEST(m.status == 0, m.err);
    BOOST_TEST(m.out.find("firms: 200 rows copied and verified") != std::string::npos, m.out);
    BOOST_TEST(dump(dir, db) == dump(dir, target.cli_args()));
    BOOST_TEST(cli(dir, db + " evaluate --year 2020 --format csv").out ==
               cli(dir, target.cli_args() + " evaluate --year 2020 --format csv").out);
    BOOST_TEST(cli(dir, db + " tally --year 2020 --by city --format csv").out ==
               cli(dir, target.cli_args() + " tally --year 2020 --by city --format csv").out);
    // A second migration into the now-filled target is refused.
    auto again = cli(dir, db + " migrate --to " + shell_quote(target.url()));
    BOOST_TEST(again.status != 0);
    BOOST_TEST(again.err.find("not empty") != std::string::npos, again.err);
}
