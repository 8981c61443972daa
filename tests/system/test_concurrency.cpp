// Real concurrent processes on one registry: exactly one of several editors of the same
// record wins, the others are told who changed it; editors of different records all succeed,
// and no "database is locked" reaches anyone. Then a crowd of clerks and reviewers importing,
// editing and deciding at once, with the registry and the audit trail agreeing afterwards.
// Runs on SQLite and on PostgreSQL; LADDER_STRESS=1 makes the crowd bigger.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <thread>

#include "services/user_service.hpp"
#include "services/workflow_service.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder::test;

namespace {
std::string code(int i) {
    char stem[32];  // room for any int; the codes used stay at 17 characters
    std::snprintf(stem, sizeof stem, "91360100MA%07d", i % 10000000);
    return std::string(stem) + *ladder::uscc_check_character(stem);
}

struct Registry {
    TestDatabase db;
    CliResult cli(const std::string& args) const {
        return run_cli(db.dir().path(), db.cli_args() + " " + args);
    }
    explicit Registry(int firms) {
        std::string csv = "credit_code,name,region_code,founded\n";
        for (int i = 0; i < firms; ++i)
            csv += code(i) + ",企业" + std::to_string(i) + ",360102,2010-01-01\n";
        write_file(db.dir() / "firms.csv", csv);
        auto r = cli("import firms firms.csv");
        BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
    }
};

std::vector<CliResult> run_at_once(const Registry& reg, const std::vector<std::string>& commands) {
    std::vector<CliResult> results(commands.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < commands.size(); ++i)
        threads.emplace_back([&, i] { results[i] = reg.cli(commands[i]); });
    for (auto& t : threads) t.join();
    return results;
}
}  // namespace

BOOST_AUTO_TEST_CASE(same_firm_edited_by_six_processes_one_wins) {
    Registry reg(3);
    std::vector<std::string> commands;
    for (int i = 0; i < 6; ++i)
        commands.push_back("firm edit " + code(1) + " name=新名称" + std::to_string(i) +
                           " --expect-version 1 --user clerk" + std::to_string(i));
    auto results = run_at_once(reg, commands);
    int won = 0, refused = 0;
    std::string winner;
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].err.find("locked") == std::string::npos, results[i].err);
        if (results[i].status == 0) {
            ++won;
            winner = "新名称" + std::to_string(i);
        } else {
            ++refused;
            BOOST_TEST(results[i].status == 1);
            BOOST_TEST(results[i].err.find("was changed by clerk") != std::string::npos,
                       results[i].err);
            BOOST_TEST(results[i].err.find("reload") != std::string::npos, results[i].err);
        }
    }
    BOOST_TEST(won == 1);
    BOOST_TEST(refused == 5);
    // Nothing lost: the stored name is the winner's, version 2, and one audit update entry.
    auto shown = reg.cli("firm show " + code(1));
    BOOST_TEST(shown.out.find(winner) != std::string::npos, shown.out);
    std::string compact = shown.out;
    compact.erase(std::remove(compact.begin(), compact.end(), ' '), compact.end());
    BOOST_TEST(compact.find("\nversion2\n") != std::string::npos, shown.out);
}

BOOST_AUTO_TEST_CASE(different_firms_edited_at_once_all_succeed) {
    Registry reg(8);
    std::vector<std::string> commands;
    for (int i = 0; i < 8; ++i)
        commands.push_back("firm edit " + code(i) + " chain=electronics --user clerk");
    for (int i = 0; i < 8; ++i)
        commands.push_back("figures set " + code(i) +
                           " --year 2019 revenue=" + std::to_string(1000 + i) + " --user clerk");
    auto results = run_at_once(reg, commands);
    for (const auto& r : results) BOOST_TEST(r.status == 0, r.err);
    auto exported = reg.cli("export figures").out;
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(exported.find(code(i) + ",2019," + std::to_string(1000 + i) + ".00,") !=
                   std::string::npos);
    auto firms = reg.cli("export firms").out;
    BOOST_TEST(std::count(firms.begin(), firms.end(), '\n') == 9);
    BOOST_TEST(firms.find(",electronics,") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(new_year_created_twice_at_once_one_wins) {
    Registry reg(1);
    std::vector<std::string> commands;
    for (int i = 0; i < 4; ++i)
        commands.push_back("figures set " + code(0) + " --year 2018 --expect-version 0 revenue=" +
                           std::to_string(500 + i) + " --user u" + std::to_string(i));
    auto results = run_at_once(reg, commands);
    int won = 0;
    for (const auto& r : results) {
        if (r.status == 0)
            ++won;
        else
            BOOST_TEST(r.err.find("reload") != std::string::npos, r.err);
    }
    BOOST_TEST(won == 1);
}

BOOST_AUTO_TEST_CASE(an_edit_is_validated_like_an_import) {
    Registry reg(1);
    auto r = reg.cli("figures set " + code(0) + " --year 2019 rd_expense=100 rd_domestic=120");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err.find(code(0) + ":rd_domestic: 境内研发费用 120.00 exceeds 研发费用 100.00") !=
                   std::string::npos,
               r.err);
    auto bad_region = reg.cli("firm edit " + code(0) + " region_code=999999");
    BOOST_TEST(bad_region.status == 1);
    BOOST_TEST(bad_region.err.find(":region_code: ") != std::string::npos, bad_region.err);
}

BOOST_AUTO_TEST_CASE(two_reviewers_deciding_one_application_one_wins) {
    Registry reg(1);
    auto as = [&](const std::string& user, const std::string& args,
                  const std::string& new_user = "") {
        return run_cli_as(reg.db, user, args, new_user);
    };
    BOOST_REQUIRE(as("admin", "user init-admin").status == 0);
    BOOST_REQUIRE(as("admin", "user add clerk --role clerk", "clerk").status == 0);
    for (int i = 0; i < 4; ++i) {
        std::string name = "rev" + std::to_string(i);
        BOOST_REQUIRE(as("admin", "user add " + name + " --role reviewer", name).status == 0);
    }
    BOOST_REQUIRE(
        as("clerk", "figures set " + code(0) + " --year 2019 revenue=3000 main_revenue=2500")
            .status == 0);
    auto sub = as("clerk", "apply submit --firm " + code(0) +
                               " --tier above_scale --year 2020 --date 2020-03-01");
    BOOST_REQUIRE_MESSAGE(sub.status == 0, sub.err);
    std::vector<CliResult> results(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            results[i] = as("rev" + std::to_string(i),
                            "review approve --id 1 --date 2020-04-01 --justification 已核实");
        });
    for (auto& t : threads) t.join();
    int won = 0;
    for (const auto& r : results) {
        BOOST_TEST(r.err.find("locked") == std::string::npos, r.err);
        if (r.status == 0)
            ++won;
        else
            BOOST_TEST(r.err.find("ladder-cli: ") == 0, r.err);  // one clear sentence
    }
    // above_scale has two review levels: at most one approval per level, by different
    // reviewers; never two decisions of the same level (PostgreSQL lets exactly one of the
    // simultaneous approvals through, SQLite serialises them into the two levels).
    BOOST_TEST(won >= 1);
    BOOST_TEST(won <= 2);
    auto shown = reg.cli("apply show --id 1");
    BOOST_TEST(shown.status == 0, shown.err);
    auto log = as("admin", "audit log --entity application --key 1");
    std::size_t approvals = 0;
    for (std::size_t pos = 0; (pos = log.out.find("approve", pos)) != std::string::npos; ++pos)
        ++approvals;
    BOOST_TEST(approvals >= static_cast<std::size_t>(won));
}

namespace {

// How many people act at once in many_users_at_once. The default suite keeps the crowd small
// (10 processes); LADDER_STRESS=1 runs 50.
struct Crowd {
    int importers;           // each imports its own file of new firms
    int firms_per_import;    // rows in each file
    int same_firm_editors;   // all edit firm 0 from version 1: one wins
    int other_firm_editors;  // each edits its own firm and creates its 2019 figures
    int contested_apps;      // applications decided by several reviewers at once: one wins each
    int reviewers_per_app;   //   half approve, half reject
    int uncontested_apps;    // applications decided by one reviewer each
    int processes() const {
        return importers + same_firm_editors + 2 * other_firm_editors +
               contested_apps * reviewers_per_app + uncontested_apps;
    }
};

Crowd crowd() {
    const char* stress = std::getenv("LADDER_STRESS");
    if (stress && *stress && std::string(stress) != "0") return {6, 500, 8, 8, 4, 4, 4};
    return {2, 40, 3, 1, 1, 2, 1};
}

struct Job {
    std::string kind, user, args;
    int target = 0;  // the firm or application it acts on
    CliResult result;
};

long long count_of(const TestDatabase& db, const std::string& select) {
    return std::stoll(query_value(db, select));
}

}  // namespace

BOOST_AUTO_TEST_CASE(many_users_at_once_nothing_lost) {
    const Crowd c = crowd();
    const int base_firms = 1 + c.other_firm_editors + c.contested_apps + c.uncontested_apps;
    const int first_app_firm = 1 + c.other_firm_editors;
    Registry reg(base_firms);

    // Accounts and the applications to decide, set up through the services.
    {
        setenv("LADDER_ARGON2_FAST", "1", 1);
        ladder::Database db = ladder::Database::open(reg.db.url());
        ladder::UserService users(db);
        users.create_first_admin("admin", "admin-password");
        ladder::Actor admin = users.login("admin", "admin-password");
        auto add = [&](const std::string& name, ladder::Role role) {
            users.add_user(admin, name, role, name + "-password");
        };
        add("clerk", ladder::Role::clerk);
        for (int i = 0; i < c.importers; ++i) add("imp" + std::to_string(i), ladder::Role::clerk);
        for (int i = 0; i < c.same_firm_editors; ++i)
            add("ed" + std::to_string(i), ladder::Role::clerk);
        for (int i = 0; i < c.other_firm_editors; ++i)
            add("ot" + std::to_string(i), ladder::Role::clerk);
        for (int a = 0; a < c.contested_apps + c.uncontested_apps; ++a)
            for (int j = 0; j < (a < c.contested_apps ? c.reviewers_per_app : 1); ++j)
                add("rv" + std::to_string(a) + "_" + std::to_string(j), ladder::Role::reviewer);
        ladder::WorkflowService workflow(db, [](int) {
            return ladder::PinnedRuleSet{&jiangxi_2020(), "sha256:test"};
        });
        ladder::Actor clerk = users.login("clerk", "clerk-password");
        for (int a = 0; a < c.contested_apps + c.uncontested_apps; ++a)
            workflow.submit_new(clerk, code(first_app_firm + a), "unicorn", 2020,
                                ladder::Date(2020, 3, 1));
    }
    for (int i = 0; i < c.importers; ++i) {
        std::string csv = "credit_code,name,region_code,founded\n";
        for (int k = 0; k < c.firms_per_import; ++k) {
            int n = 100000 + i * c.firms_per_import + k;
            csv += code(n) + ",新企业" + std::to_string(n) + ",360102,2015-01-01\n";
        }
        write_file(reg.db.dir() / ("new" + std::to_string(i) + ".csv"), csv);
    }
    const long long audit_before = count_of(reg.db, "SELECT COUNT(*) FROM audit_log");

    std::vector<Job> jobs;
    for (int i = 0; i < c.importers; ++i) {
        std::string n = std::to_string(i);
        jobs.push_back({"import", "imp" + n, "import firms new" + n + ".csv", i, {}});
    }
    for (int i = 0; i < c.same_firm_editors; ++i) {
        std::string n = std::to_string(i);
        jobs.push_back({"same_firm",
                        "ed" + n,
                        "firm edit " + code(0) + " name=改名" + n + " --expect-version 1",
                        0,
                        {}});
    }
    for (int i = 0; i < c.other_firm_editors; ++i) {
        std::string n = std::to_string(i), firm = code(1 + i);
        jobs.push_back({"other_firm",
                        "ot" + n,
                        "firm edit " + firm + " chain=electronics --expect-version 1",
                        1 + i,
                        {}});
        jobs.push_back({"figures",
                        "ot" + n,
                        "figures set " + firm +
                            " --year 2019 --expect-version 0 revenue=" + std::to_string(3000 + i),
                        1 + i,
                        {}});
    }
    for (int a = 0; a < c.contested_apps + c.uncontested_apps; ++a) {
        bool contested = a < c.contested_apps;
        std::string id = std::to_string(a + 1);
        for (int j = 0; j < (contested ? c.reviewers_per_app : 1); ++j) {
            std::string args =
                j % 2 == 0
                    ? "review approve --id " + id + " --date 2020-04-01 --justification 已核实估值"
                    : "review reject --id " + id + " --date 2020-04-01 --comment 估值依据不足";
            jobs.push_back({contested ? "contested" : "uncontested",
                            "rv" + std::to_string(a) + "_" + std::to_string(j),
                            args,
                            a + 1,
                            {}});
        }
    }
    BOOST_TEST_REQUIRE(static_cast<int>(jobs.size()) == c.processes());
    BOOST_TEST_MESSAGE(c.processes() << " ladder-cli processes at once");

    std::vector<std::thread> threads;
    for (auto& job : jobs)
        threads.emplace_back([&reg, &job] { job.result = run_cli_as(reg.db, job.user, job.args); });
    for (auto& t : threads) t.join();

    // Every process either succeeded or was refused with one clear sentence; none saw a lock.
    std::map<std::pair<std::string, int>, std::vector<const Job*>> won, lost;
    for (const auto& job : jobs) {
        BOOST_TEST(job.result.err.find("locked") == std::string::npos,
                   job.user << ": " << job.result.err);
        (job.result.status == 0 ? won : lost)[{job.kind, job.target}].push_back(&job);
        if (job.kind != "same_firm" && job.kind != "contested")
            BOOST_TEST(job.result.status == 0,
                       job.user << " " << job.args << ": " << job.result.err);
    }
    // Contested: exactly one winner, and every other is told who won and when, and to reload.
    auto one_winner = [&](const std::string& kind, int target, const std::string& said) {
        const auto& winners = won[{kind, target}];
        BOOST_TEST_REQUIRE(winners.size() == 1u, kind << " " << target);
        for (const Job* loser : lost[{kind, target}]) {
            BOOST_TEST(loser->result.status == 1);
            const std::string& err = loser->result.err;
            BOOST_TEST(err.rfind("ladder-cli: ", 0) == 0u, err);
            BOOST_TEST(std::count(err.begin(), err.end(), '\n') == 1, err);
            BOOST_TEST(err.find(said + winners[0]->user + " at 20") != std::string::npos, err);
            BOOST_TEST(err.find("reload") != std::string::npos, err);
        }
        return winners[0];
    };
    const Job* firm_winner = one_winner("same_firm", 0, "was changed by ");
    int approved = 0, rejected = 0;
    for (int a = 1; a <= c.contested_apps + c.uncontested_apps; ++a) {
        const Job* w = a <= c.contested_apps ? one_winner("contested", a, "was decided by ")
                                             : won[{"uncontested", a}].at(0);
        (w->args.find("approve") != std::string::npos ? approved : rejected) += 1;
    }

    // The registry holds exactly what succeeded.
    const long long imported = static_cast<long long>(c.importers) * c.firms_per_import;
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM firms") == base_firms + imported);
    auto firms = reg.cli("export firms").out;
    BOOST_TEST(std::count(firms.begin(), firms.end(), '\n') == 1 + base_firms + imported);
    std::string winner_name = "改名" + firm_winner->user.substr(2);
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM firms WHERE name = '" + winner_name +
                                    "' AND row_version = 2") == 1);
    BOOST_TEST(
        count_of(reg.db,
                 "SELECT COUNT(*) FROM firms WHERE chain = 'electronics' AND row_version = 2") ==
        c.other_firm_editors);
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM figures WHERE year = 2019") ==
               c.other_firm_editors);
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM applications WHERE state = 'approved'") ==
               approved);
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM applications WHERE state = 'rejected'") ==
               rejected);
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM application_decisions") ==
               approved + rejected);

    // One audit entry per change that was made (per import: one for its new rows and its
    // summary), none for refusals,
    // and the chain verifies.
    auto audited = [&](const std::string& where) {
        return count_of(reg.db, "SELECT COUNT(*) FROM audit_log WHERE id > " +
                                    std::to_string(audit_before) + " AND " + where);
    };
    // Each import's new firms: one entry carrying them all (fewer than 50,000 rows).
    BOOST_TEST(audited("entity = 'firm' AND action = 'insert_rows' AND after_value LIKE 'rows=" +
                       std::to_string(c.firms_per_import) + ";%'") == c.importers);
    BOOST_TEST(audited("entity = 'firms' AND action = 'import'") == c.importers);
    BOOST_TEST(audited("entity = 'firm' AND action = 'update'") == 1 + c.other_firm_editors);
    BOOST_TEST(audited("entity = 'figures' AND action = 'insert'") == c.other_firm_editors);
    BOOST_TEST(audited("entity = 'application' AND action = 'approve'") == approved);
    BOOST_TEST(audited("entity = 'application' AND action = 'reject'") == rejected);
    BOOST_TEST(count_of(reg.db, "SELECT COUNT(*) FROM audit_log") - audit_before ==
               2 * c.importers + 1 + 2 * c.other_firm_editors + approved + rejected);
    auto verify = reg.cli("audit verify");
    BOOST_TEST(verify.status == 0, verify.err);
    BOOST_TEST(verify.out.rfind("audit trail intact: ", 0) == 0u, verify.out);
}
