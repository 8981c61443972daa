// Crash safety: the real ladder-cli is killed with SIGKILL at random moments of a large import
// and of an approval batch. After every kill the SQLite file must pass PRAGMA integrity_check,
// hold exactly the registry before or after the interrupted command (every table compared
// row by row), and its audit trail must verify.
//
// SQLite only: with PostgreSQL a killed client's open transaction is rolled back by the
// server, whereas a SQLite registry is a file the killed process itself was writing (journal,
// WAL, checkpoints) — that is what can be left half-done.
//
// The default run tries 12 kill points during the import and 8 during the batch (about 10 s of
// CPU; the wall time grows with the machine's load);
// LADDER_STRESS=1 tries 60 and 40. LADDER_CRASH_SEED picks other moments.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "test_support.hpp"

extern char** environ;

using namespace ladder::test;

namespace {

using Clock = std::chrono::steady_clock;

bool stress() {
    const char* s = std::getenv("LADDER_STRESS");
    return s && std::string(s) == "1";
}

// A sanitizer build runs the same kills on a smaller workload (tests/CMakeLists.txt says why).
#ifdef LADDER_SANITIZED_BUILD
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

unsigned crash_seed() {
    const char* s = std::getenv("LADDER_CRASH_SEED");
    return s && *s ? static_cast<unsigned>(std::strtoul(s, nullptr, 10)) : 20200525u;
}

// A shell command in its own process group, so a kill reaches ladder-cli and the shell
// driving it.
class Running {
  public:
    explicit Running(const std::string& command) {
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        std::string quiet = "{ " + command + "; } >/dev/null 2>&1";
        const char* argv[] = {"/bin/sh", "-c", quiet.c_str(), nullptr};
        if (posix_spawn(&pid_, "/bin/sh", nullptr, &attr, const_cast<char* const*>(argv),
                        environ) != 0)
            throw std::runtime_error("cannot start: " + command);
        posix_spawnattr_destroy(&attr);
    }
    // SIGKILL to the whole group; true when it was still running.
    bool kill_now() {
        int status = 0;
        bool running = ::waitpid(pid_, &status, WNOHANG) == 0;
        ::kill(-pid_, SIGKILL);  // also a ladder-cli the shell started
        if (running) ::waitpid(pid_, &status, 0);
        // The group is gone once no member (reparented children included) can be signalled.
        for (int i = 0; i < 200 && ::kill(-pid_, 0) == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return running;
    }
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

  private:
    pid_t pid_ = 0;
};

// Opens the registry as the next run of Ladder would (recovering the journal or WAL).
class Sqlite {
  public:
    explicit Sqlite(const fs::path& file) {
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + file.string());
        sqlite3_busy_timeout(db_, 10000);
    }
    ~Sqlite() { sqlite3_close(db_); }
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;

    // Every row of every result, cells separated by \x1f, rows by \n.
    std::vector<std::string> rows(const std::string& query,
                                  const std::vector<bool>* keep = nullptr) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, query.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_) + ": " + query);
        std::vector<std::string> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                if (keep && !(*keep)[static_cast<std::size_t>(c)]) continue;
                const unsigned char* text = sqlite3_column_text(st, c);
                row += text ? reinterpret_cast<const char*>(text) : "\x01NULL";
                row += '\x1f';
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_));
        return out;
    }
    std::vector<std::string> columns(const std::string& table) {
        std::vector<std::string> names;
        for (const auto& r : rows("PRAGMA table_info(\"" + table + "\")"))
            names.push_back(r.substr(r.find('\x1f') + 1,
                                     r.find('\x1f', r.find('\x1f') + 1) - r.find('\x1f') - 1));
        return names;
    }

  private:
    sqlite3* db_ = nullptr;
};

// The stored state of a registry, table by table, without what differs between two runs of
// the same commands: timestamps (at, *_at, last_login, locked_until) and the hashes they feed.
// Users' sign-in bookkeeping is left out too: signing in is its own transaction before the
// command's.
using State = std::map<std::string, std::vector<std::string>>;

State state_of(const fs::path& file) {
    Sqlite db(file);
    State state;
    for (const auto& t :
         db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        std::string table = t.substr(0, t.size() - 1);
        if (table.rfind("sqlite_", 0) == 0 || table.rfind("firm_search", 0) == 0 ||
            table == "users" || table == "schema_version")
            continue;
        std::vector<bool> keep;
        for (const auto& c : db.columns(table)) {
            bool volatile_column = c == "at" ||
                                   (c.size() > 3 && c.compare(c.size() - 3, 3, "_at") == 0) ||
                                   c == "last_login" || c == "locked_until" || c == "hash" ||
                                   c == "prev_hash" || c == "last_hash";
            keep.push_back(!volatile_column);
        }
        // Some tables are WITHOUT ROWID: compare the rows as a sorted list.
        auto rows = db.rows("SELECT * FROM \"" + table + "\"", &keep);
        std::sort(rows.begin(), rows.end());
        state[table] = std::move(rows);
    }
    return state;
}

std::string integrity(const fs::path& file) {
    Sqlite db(file);
    auto r = db.rows("PRAGMA integrity_check");
    std::string all;
    for (const auto& row : r) all += row;
    return all;
}

std::string cli_command(const fs::path& db, const std::string& args) {
    return "LANGUAGE= LC_ALL=C.UTF-8 LADDER_LANG=en LADDER_ARGON2_FAST=1 "
           "LADDER_PASSWORD=ladder-demo " +
           shell_quote(LADDER_CLI_PATH) + " --db " + shell_quote(db.string()) + " " + args;
}

// A copy of a closed registry (its WAL folded into the file first).
void copy_registry(const fs::path& from, const fs::path& to) {
    Sqlite(from).rows("PRAGMA wal_checkpoint(TRUNCATE)");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(to.string() + suffix);
    fs::remove_all(to.string() + ".backups");
    fs::copy_file(from, to);
}

// After a kill: the file is sound, the registry is one of `states` (returns which), and the
// audit trail verifies.
std::size_t check_after_kill(const fs::path& dir, const fs::path& file,
                             const std::vector<State>& states, const std::string& what) {
    BOOST_TEST(integrity(file) == "ok\x1f", what);
    State now = state_of(file);
    std::size_t match = states.size();
    for (std::size_t k = 0; k < states.size(); ++k)
        if (now == states[k]) match = k;
    BOOST_TEST(match < states.size(),
               what << ": the registry is neither the state before nor after a command");
    if (match == states.size()) {
        for (const auto& [table, rows] : now)
            BOOST_TEST_MESSAGE(table << ": " << rows.size() << " rows; before "
                                     << states.front().at(table).size() << ", after "
                                     << states.back().at(table).size());
    }
    auto v = run_cli(dir, "--db " + shell_quote(file.string()) + " audit verify");
    BOOST_TEST(v.status == 0, what << ": " << v.err);
    return match;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

BOOST_AUTO_TEST_CASE(import_killed_at_random_moments_leaves_the_state_before_or_after) {
    TempDir dir;
    // figures: about 4.4 rows per firm
    const std::size_t firms = stress() ? 20000 : kSanitized ? 1000 : 4000;
    auto demo = run_cli(dir.path(), "demo --firms " + std::to_string(firms) + " --csv-dir csv");
    BOOST_TEST_REQUIRE(demo.status == 0, demo.err);

    // Before: the firms imported. After: their figures too (tens of thousands of rows, each
    // audited, in one transaction).
    fs::path base = dir / "base.db", after = dir / "after.db", work = dir / "work.db";
    BOOST_TEST_REQUIRE(run_cli(dir.path(), "--db base.db init").status == 0);
    auto firms_import = run_cli(dir.path(), "--db base.db import firms csv/firms.csv");
    BOOST_TEST_REQUIRE(firms_import.status == 0, firms_import.err);
    const std::string import_figures =
        "import figures " + shell_quote((dir / "csv" / "figures.csv").string());

    copy_registry(base, after);
    auto start = Clock::now();
    BOOST_TEST_REQUIRE(Running(cli_command(after, import_figures)).wait() == 0);
    const double full = seconds_since(start);
    std::vector<State> states = {state_of(base), state_of(after)};
    BOOST_TEST_REQUIRE(states[0].at("figures").empty());
    BOOST_TEST_REQUIRE(states[1].at("figures").size() > 4 * firms);
    BOOST_TEST_MESSAGE("uninterrupted import of " << states[1].at("figures").size()
                                                  << " rows: " << full << " s");

    std::mt19937 rng(crash_seed());
    // Mostly while the import runs, a few just after it ends.
    std::uniform_real_distribution<double> moment(0.0, full * 1.1);
    const int kills = stress() ? 60 : kSanitized ? 8 : 12;
    int killed_running = 0;
    std::size_t ended_after = 0;
    for (int i = 0; i < kills; ++i) {
        copy_registry(base, work);
        double at = moment(rng);
        Running run(cli_command(work, import_figures));
        std::this_thread::sleep_for(std::chrono::duration<double>(at));
        killed_running += run.kill_now() ? 1 : 0;
        std::string what = "kill " + std::to_string(i) + " at " + std::to_string(at) + " s";
        ended_after += check_after_kill(dir.path(), work, states, what);
        // The kill may land during the rotating backup before the import: the registry is
        // untouched then, whatever state the half-written backup is in.
    }
    BOOST_TEST_MESSAGE(kills << " kill points (seed " << crash_seed() << "), " << killed_running
                             << " while running; " << ended_after << " found the import committed");
    BOOST_TEST(killed_running > 0);
}

BOOST_AUTO_TEST_CASE(approval_batch_killed_at_random_moments_leaves_whole_decisions) {
    TempDir dir;
    fs::path base = dir / "base.db", reference = dir / "reference.db", work = dir / "work.db";
    auto demo = run_cli(dir.path(), "--db base.db demo --firms 400");
    BOOST_TEST_REQUIRE(demo.status == 0, demo.err);
    // Firms eligible for above_scale in 2020 that do not hold it yet.
    auto candidates = run_cli(
        dir.path(), "--db base.db candidates --year 2020 --tier above_scale --near 0 --format csv");
    BOOST_TEST_REQUIRE(candidates.status == 0, candidates.err);
    std::vector<std::string> codes;
    std::istringstream lines(candidates.out);
    std::string line;
    std::getline(lines, line);  // header
    // status,rank,credit_code,name,...
    while (std::getline(lines, line) && codes.size() < 8)
        if (line.rfind("eligible,", 0) == 0) {
            auto from = line.find(',', std::string("eligible,").size()) + 1;
            codes.push_back(line.substr(from, line.find(',', from) - from));
        }
    BOOST_TEST_REQUIRE(codes.size() >= 4u, candidates.out);

    // The demo accounts, then one application per firm submitted by the clerk; each has two
    // review levels (county, city).
    auto as = [&](const std::string& user, const std::string& args) {
        auto r = run_cli(
            dir.path(), "--db base.db " + args + " --user " + user, "en",
            "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=ladder-demo LADDER_NEW_PASSWORD=ladder-demo");
        BOOST_TEST_REQUIRE(r.status == 0, args << ": " << r.err);
    };
    as("admin", "user init-admin");
    as("admin", "user add clerk --role clerk");
    as("admin", "user add reviewer --role reviewer");
    as("admin", "user add reviewer2 --role reviewer");
    std::vector<std::string> ids;
    for (const auto& code : codes)
        as("clerk",
           "apply submit --firm " + code + " --tier above_scale --year 2020 --date 2020-03-02");
    // The demo's own applications (submitted today) are not the batch's.
    for (const auto& row : Sqlite(base).rows(
             "SELECT id FROM applications WHERE submitted_on = '2020-03-02' ORDER BY id"))
        ids.push_back(row.substr(0, row.size() - 1));

    // The batch: every application approved at both levels by different reviewers (four eyes),
    // one command per decision, as a reviewer's script would run them.
    std::vector<std::string> batch;
    for (const auto& id : ids)
        batch.push_back("review approve --user reviewer --id " + id + " --date 2020-03-20");
    for (const auto& id : ids)
        batch.push_back("review approve --user reviewer2 --id " + id +
                        " --date 2020-03-25 --doc-no 赣工信" + id);

    // The reference: the state after each command of an uninterrupted run.
    copy_registry(base, reference);
    std::vector<State> states = {state_of(reference)};
    auto start = Clock::now();
    for (const auto& cmd : batch) {
        BOOST_TEST_REQUIRE(Running(cli_command(reference, cmd)).wait() == 0, cmd);
        states.push_back(state_of(reference));
    }
    const double full = seconds_since(start);
    BOOST_TEST_REQUIRE(states.front() != states.back());

    std::string script;
    for (const auto& cmd : batch) script += (script.empty() ? "" : " && ") + cli_command(work, cmd);
    std::mt19937 rng(crash_seed() + 1);
    std::uniform_real_distribution<double> moment(0.0, full);
    const int kills = stress() ? 40 : 8;
    std::map<std::size_t, int> reached;
    for (int i = 0; i < kills; ++i) {
        copy_registry(base, work);
        double at = moment(rng);
        Running run(script);
        std::this_thread::sleep_for(std::chrono::duration<double>(at));
        run.kill_now();
        std::string what = "batch kill " + std::to_string(i) + " at " + std::to_string(at) + " s";
        ++reached[check_after_kill(dir.path(), work, states, what)];
    }
    std::string summary;
    for (const auto& [k, n] : reached) summary += " " + std::to_string(k) + ":" + std::to_string(n);
    BOOST_TEST_MESSAGE(kills << " kill points in a batch of " << batch.size() << " decisions ("
                             << full
                             << " s); decisions complete when killed (count:times):" << summary);
}
