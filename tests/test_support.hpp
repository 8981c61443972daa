#pragma once
// Helpers shared by the test files: temporary directories and running the built ladder-cli.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace ladder::test {

namespace fs = std::filesystem;

// A fresh directory removed at scope exit.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = fs::temp_directory_path() /
                ("ladder-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

  private:
    fs::path path_;
};

inline void write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs ladder-cli with `args` (already quoted as needed) in `dir`, capturing both streams.
// `lang` is the interface language (the product defaults to Chinese).
// `env` is prepended to the command line ("NAME=value ..."), so concurrent calls from threads
// can differ in it.
inline CliResult run_cli(const fs::path& dir, const std::string& args,
                         const std::string& lang = "en", const std::string& env = "") {
    // Unique capture files, so tests may run several CLIs at once from threads.
    static std::atomic<int> calls{0};
    const std::string n = std::to_string(calls++);
    fs::path out = dir / (".cli-stdout-" + n), err = dir / (".cli-stderr-" + n);
    std::string cmd = "cd " + shell_quote(dir.string()) +
                      " && LANGUAGE= LC_ALL=C.UTF-8 LADDER_LANG=" + lang + " " + env + " " +
                      shell_quote(LADDER_CLI_PATH) + " " + args + " >" + shell_quote(out.string()) +
                      " 2>" + shell_quote(err.string());
    int raw = std::system(cmd.c_str());
    CliResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace ladder::test

#include <atomic>
#include <cstdlib>

namespace ladder::test {

// The registry database of one test: a SQLite file in a TempDir, or — when the suite runs
// against PostgreSQL (LADDER_TEST_BACKEND=postgresql, LADDER_TEST_PG=<libpq connection string
// of the throwaway server>) — a fresh database on that server, dropped afterwards. Tests use
// url() / cli_args() and so run unchanged on both backends.
class TestDatabase {
  public:
    TestDatabase() {
        if (!on_postgresql()) {
            url_ = "sqlite3://db=" + (dir_ / "ladder.db").string();
            // Only `init` (or `demo`) creates a registry file; the PostgreSQL database below is
            // likewise created before the first command.
            CliResult init = run_cli(dir_.path(), "--db ladder.db init");
            if (init.status != 0) throw std::runtime_error("ladder-cli init failed: " + init.err);
            return;
        }
        static std::atomic<int> counter{0};
        name_ = "ladder_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        psql("DROP DATABASE IF EXISTS " + name_);
        psql("CREATE DATABASE " + name_);
        url_ = "postgresql://" + server_with_db(name_);
    }
    ~TestDatabase() {
        if (!name_.empty()) psql("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    static bool on_postgresql() {
        const char* b = std::getenv("LADDER_TEST_BACKEND");
        return b && std::string(b) == "postgresql";
    }
    const std::string& url() const { return url_; }
    std::string cli_args() const { return "--db-url " + shell_quote(url_); }
    const TempDir& dir() const { return dir_; }
    // The SQLite file (empty path on PostgreSQL).
    fs::path sqlite_file() const { return on_postgresql() ? fs::path() : dir_ / "ladder.db"; }
    // Runs one SQL statement directly (tampering tests), on either backend.
    void raw_sql(const std::string& statement) const {
        if (on_postgresql()) {
            psql(statement, name_);
        } else {
            std::string cmd =
                "sqlite3 " + shell_quote(sqlite_file().string()) + " " + shell_quote(statement);
            if (std::system(cmd.c_str()) != 0)
                throw std::runtime_error("sqlite3 failed: " + statement);
        }
    }

  private:
    static std::string server() {
        const char* s = std::getenv("LADDER_TEST_PG");
        if (!s || !*s) throw std::runtime_error("LADDER_TEST_PG is not set");
        return s;
    }
    static std::string server_with_db(const std::string& db) {
        std::string s = server();
        auto pos = s.find("dbname=");
        if (pos == std::string::npos) return s + " dbname=" + db;
        auto end = s.find(' ', pos);
        return s.substr(0, pos) + "dbname=" + db + (end == std::string::npos ? "" : s.substr(end));
    }
    static void psql(const std::string& statement, const std::string& db = "postgres") {
        std::string cmd = "psql -q -v ON_ERROR_STOP=1 " + shell_quote(server_with_db(db)) + " -c " +
                          shell_quote(statement) + " >/dev/null";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("psql failed: " + statement);
    }

    TempDir dir_;
    std::string name_;
    std::string url_;
};

}  // namespace ladder::test

// --- Shared by the workflow tests (model, services, CLI) ------------------------------------
#include <boost/test/unit_test.hpp>

#include <functional>

#include "model/firm.hpp"
#include "model/resources.hpp"
#include "model/rules/rule_set.hpp"
#include "model/workflow.hpp"

// Enums and optionals of the workflow are compared, not printed, in failure messages.
BOOST_TEST_DONT_PRINT_LOG_VALUE(ladder::Role)
BOOST_TEST_DONT_PRINT_LOG_VALUE(ladder::ApplicationState)
BOOST_TEST_DONT_PRINT_LOG_VALUE(ladder::TierVerdict)
BOOST_TEST_DONT_PRINT_LOG_VALUE(ladder::ListingStage)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<ladder::Role>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<ladder::ApplicationState>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<ladder::ListingStage>)

namespace ladder::test {

// The shipped Jiangxi 2020 rule set, loaded once.
inline const RuleSet& jiangxi_2020() {
    static const RuleSet rules = load_rule_set(resource_dir() / "rules" / "jiangxi-2020.toml");
    return rules;
}

// A firm's 2019 figures with revenue equal to main revenue: all that above_scale reads.
inline YearFigures figures_2019(const std::string& credit_code, Money main_revenue) {
    YearFigures f;
    f.credit_code = credit_code;
    f.year = 2019;
    f.set(Measure::revenue, main_revenue.fen());
    f.set(Measure::main_revenue, main_revenue.fen());
    return f;
}

// What `f` throws, as its message; empty when it returns normally.
inline std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

// Runs ladder-cli on `db` signed in as `user` with the password "<user>-password" (no --user
// when empty). A `user add NAME` sets "<new_user>-password". The passwords travel in the
// command's own environment, so threads may run different users at once.
inline CliResult run_cli_as(const TestDatabase& db, const std::string& user,
                            const std::string& args, const std::string& new_user = "",
                            const std::string& lang = "en") {
    std::string env =
        "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=" + shell_quote(user + "-password") +
        " LADDER_NEW_PASSWORD=" + shell_quote((new_user.empty() ? user : new_user) + "-password");
    std::string who = user.empty() ? "" : " --user " + shell_quote(user);
    return run_cli(db.dir().path(), db.cli_args() + " " + args + who, lang, env);
}

// The first column of the first row `select` returns, as text (empty when no row), on either
// backend — for checks that look under the product, e.g. which audit row to tamper with.
inline std::string query_value(const TestDatabase& db, const std::string& select) {
    std::string cmd;
    if (TestDatabase::on_postgresql()) {
        std::string conninfo = db.url().substr(std::string("postgresql://").size());
        cmd =
            "psql -qAt -v ON_ERROR_STOP=1 " + shell_quote(conninfo) + " -c " + shell_quote(select);
    } else {
        cmd = "sqlite3 " + shell_quote(db.sqlite_file().string()) + " " + shell_quote(select);
    }
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run: " + cmd);
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (pclose(p) != 0) throw std::runtime_error("query failed: " + select);
    auto end = out.find('\n');
    return end == std::string::npos ? out : out.substr(0, end);
}

}  // namespace ladder::test
