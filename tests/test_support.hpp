#pragma once
// Helpers shared by the test files: temporary directories and running the built ladder-cli.
#include <iconv.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "model/uscc.hpp"

namespace ladder::test {

// Text as Excel or WPS save it in China: GB18030 (GBK for every character the tests use).
inline std::string to_gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string out(utf8.size() * 2 + 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size(), out_left = out.size();
    char* o = out.data();
    iconv(cd, &in, &in_left, &o, &out_left);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

// A valid credit code from a 17-character stem (its check character added).
inline std::string code(const std::string& stem17) {
    return stem17 + *ladder::uscc_check_character(stem17);
}

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

#include "db/database.hpp"
#include "db/database_roles.hpp"

namespace ladder::test {

// The registry database of one test: a SQLite file in a TempDir, or — when the suite runs
// against PostgreSQL (LADDER_TEST_BACKEND=postgresql, LADDER_TEST_PG=<libpq connection string
// of the throwaway server, as its superuser>) — a fresh database on that server, dropped
// afterwards. On PostgreSQL it is deployed as the README says: owned by kOwnerRole, which
// creates the registry and grants kAppRole the application rights (`init --app-role`), and the
// test then works as kAppRole, as every client does. Tests use url() / cli_args() and so run
// unchanged on both backends; owner_url() is for what only the owner may do (upgrades,
// `migrate --to`).
class TestDatabase {
  public:
    static constexpr const char* kOwnerRole = "ladder_owner";
    static constexpr const char* kAppRole = "ladder_app";

    TestDatabase() {
        if (!on_postgresql()) {
            url_ = "sqlite3://db=" + (dir_ / "ladder.db").string();
            owner_url_ = url_;
            // Only `init` (or `demo`) creates a registry file; the PostgreSQL database below is
            // likewise created before the first command.
            CliResult init = run_cli(dir_.path(), "--db ladder.db init");
            if (init.status != 0) throw std::runtime_error("ladder-cli init failed: " + init.err);
            return;
        }
        static std::atomic<int> counter{0};
        name_ = "ladder_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        psql("DROP DATABASE IF EXISTS " + name_);
        // A copy of the process' deployed registry, made as the owner's own database.
        psql("CREATE DATABASE " + name_ + " OWNER " + kOwnerRole + " TEMPLATE " +
             deployed_template().name);
        url_ = "postgresql://" + server_with(name_, kAppRole);
        owner_url_ = "postgresql://" + server_with(name_, kOwnerRole);
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
    // As the application role on PostgreSQL.
    const std::string& url() const { return url_; }
    std::string cli_args() const { return "--db-url " + shell_quote(url_); }
    // As the owner of the registry on PostgreSQL; the same as url() on SQLite.
    const std::string& owner_url() const { return owner_url_; }
    std::string owner_cli_args() const { return "--db-url " + shell_quote(owner_url_); }
    // As the server's superuser on PostgreSQL; the same as url() on SQLite.
    std::string superuser_url() const {
        return on_postgresql() ? "postgresql://" + server_with(name_) : url_;
    }
    const TempDir& dir() const { return dir_; }
    // The SQLite file (empty path on PostgreSQL).
    fs::path sqlite_file() const { return on_postgresql() ? fs::path() : dir_ / "ladder.db"; }
    // Runs one SQL statement directly (tampering tests), on either backend, as someone holding
    // the database would: with the sqlite3 shell, or on PostgreSQL as the superuser with the
    // audit trail's guard triggers (schema 8) switched off for the statement — what the trail
    // itself must then detect.
    void raw_sql(const std::string& statement) const {
        if (on_postgresql()) {
            psql_in_one_transaction({switch_guards("DISABLE"), statement, switch_guards("ENABLE")},
                                    name_);
        } else {
            std::string cmd =
                "sqlite3 " + shell_quote(sqlite_file().string()) + " " + shell_quote(statement);
            if (std::system(cmd.c_str()) != 0)
                throw std::runtime_error("sqlite3 failed: " + statement);
        }
    }
    // PostgreSQL: runs `statement` connected as `role` (kAppRole, kOwnerRole) with every guard
    // in place, and returns the server's error message; empty when the statement succeeded.
    std::string error_of_sql_as(const std::string& role, const std::string& statement) const {
        TempDir scratch;
        const fs::path err = scratch / "stderr";
        std::string cmd = std::string(kPsql) + "-v ON_ERROR_STOP=1 " +
                          shell_quote(server_with(name_, role)) + " -c " + shell_quote(statement) +
                          " >/dev/null 2>" + shell_quote(err.string());
        int status = std::system(cmd.c_str());
        std::string text = read_file(err);
        return status == 0 ? std::string() : text.empty() ? "psql failed" : text;
    }

  private:
    // Quiet: no NOTICEs ("does not exist, skipping") between the test's lines.
    static constexpr const char* kPsql = "PGOPTIONS='-c client_min_messages=warning' psql -q -X ";

    static std::string server() {
        const char* s = std::getenv("LADDER_TEST_PG");
        if (!s || !*s) throw std::runtime_error("LADDER_TEST_PG is not set");
        return s;
    }
    // The server's connection string with `dbname` (and `user`, when given) replaced.
    static std::string server_with(const std::string& db, const std::string& user = "") {
        std::string s = " " + server();
        auto set = [&s](const std::string& key, const std::string& value) {
            auto pos = s.find(" " + key + "=");
            if (pos == std::string::npos) {
                s += " " + key + "=" + value;
                return;
            }
            auto end = s.find(' ', pos + 1);
            s = s.substr(0, pos) + " " + key + "=" + value +
                (end == std::string::npos ? "" : s.substr(end));
        };
        set("dbname", db);
        if (!user.empty()) set("user", user);
        return s.substr(1);
    }
    // A registry deployed once per test process as the README does it — the two roles (made
    // if the server has none yet; any test process may be first), a database owned by
    // kOwnerRole, created and migrated as it, kAppRole granted — which every TestDatabase
    // copies: deploying it for each test would repeat the same work (and take longer than
    // the copy). Dropped when the process ends.
    struct DeployedTemplate {
        std::string name = "ladder_tpl_" + std::to_string(::getpid());
        DeployedTemplate() {
            for (const char* role : {kOwnerRole, kAppRole})
                psql(std::string("DO $$ BEGIN CREATE ROLE ") + role +
                     " LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; "
                     "END $$");
            psql("DROP DATABASE IF EXISTS " + name);
            psql("CREATE DATABASE " + name + " OWNER " + kOwnerRole);
            Database owner = Database::open("postgresql://" + server_with(name, kOwnerRole));
            grant_application_role(owner, kAppRole);
        }
        ~DeployedTemplate() {
            try {
                psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (...) {
                // The throwaway server goes with its cluster anyway.
            }
        }
    };
    static const DeployedTemplate& deployed_template() {
        static const DeployedTemplate deployed;
        return deployed;
    }
    static std::string switch_guards(const std::string& how) {
        return "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tgrelid::regclass AS tbl, tgname "
               "FROM pg_trigger WHERE tgname IN ('audit_log_append_only', "
               "'audit_log_no_truncate', 'audit_head_forward_only', 'audit_head_no_truncate') "
               "LOOP EXECUTE format('ALTER TABLE %s " +
               how + " TRIGGER %I', t.tbl, t.tgname); END LOOP; END $$";
    }
    static void psql(const std::string& statement, const std::string& db = "postgres") {
        std::string cmd = std::string(kPsql) + "-v ON_ERROR_STOP=1 " +
                          shell_quote(server_with(db)) + " -c " + shell_quote(statement) +
                          " >/dev/null";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("psql failed: " + statement);
    }
    // [disable, statement, enable]: all or nothing.
    static void psql_in_one_transaction(const std::vector<std::string>& statements,
                                        const std::string& db) {
        std::string cmd =
            std::string(kPsql) + "-1 -v ON_ERROR_STOP=1 " + shell_quote(server_with(db));
        for (const auto& statement : statements) cmd += " -c " + shell_quote(statement);
        cmd += " >/dev/null";
        if (std::system(cmd.c_str()) != 0)
            throw std::runtime_error("psql failed: " + statements.at(1));
    }

    TempDir dir_;
    std::string name_;
    std::string url_;
    std::string owner_url_;
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
