// Real concurrent processes on one registry: exactly one of several editors of the same
// record wins, the others are told who changed it; editors of different records all succeed,
// and no "database is locked" reaches anyone. Runs on SQLite and on PostgreSQL.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <thread>

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
    CliResult cli(const std::string& args) const { return run_cli(db.dir().path(), db.cli_args() + " " + args); }
    explicit Registry(int firms) {
        std::string csv = "credit_code,name,region_code,founded\n";
        for (int i = 0; i < firms; ++i) csv += code(i) + ",企业" + std::to_string(i) + ",360102,2010-01-01\n";
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
            BOOST_TEST(results[i].err.find("was changed by clerk") != std::string::npos, results[i].err);
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
    for (int i = 0; i < 8; ++i) commands.push_back("firm edit " + code(i) + " chain=electronics --user clerk");
    for (int i = 0; i < 8; ++i)
        commands.push_back("figures set " + code(i) + " --year 2019 revenue=" + std::to_string(1000 + i) +
                           " --user clerk");
    auto results = run_at_once(reg, commands);
    for (const auto& r : results) BOOST_TEST(r.status == 0, r.err);
    auto exported = reg.cli("export figures").out;
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(exported.find(code(i) + ",2019," + std::to_string(1000 + i) + ".00,") != std::string::npos);
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
        if (r.status == 0) ++won;
        else BOOST_TEST(r.err.find("reload") != std::string::npos, r.err);
    }
    BOOST_TEST(won == 1);
}

BOOST_AUTO_TEST_CASE(an_edit_is_validated_like_an_import) {
    Registry reg(1);
    auto r = reg.cli("figures set " + code(0) + " --year 2019 rd_expense=100 rd_domestic=120");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err.find(code(0) + ":rd_domestic: 境内研发费用 120.00 exceeds 研发费用 100.00") != std::string::npos,
               r.err);
    auto bad_region = reg.cli("firm edit " + code(0) + " region_code=999999");
    BOOST_TEST(bad_region.status == 1);
    BOOST_TEST(bad_region.err.find(":region_code: ") != std::string::npos, bad_region.err);
}

BOOST_AUTO_TEST_CASE(two_reviewers_deciding_one_application_one_wins) {
    Registry reg(1);
    // Every user's password is "<name>-pass"; `new_user` names whose password a command sets.
    auto as = [&](const std::string& user, const std::string& args, const std::string& new_user = "") {
        return run_cli(reg.db.dir().path(), reg.db.cli_args() + " " + args + " --user " + user, "en",
                       "LADDER_ARGON2_FAST=1 LADDER_PASSWORD=" + user + "-pass LADDER_NEW_PASSWORD=" +
                           (new_user.empty() ? user : new_user) + "-pass");
    };
    BOOST_REQUIRE(as("admin", "user init-admin").status == 0);
    BOOST_REQUIRE(as("admin", "user add clerk --role clerk", "clerk").status == 0);
    for (int i = 0; i < 4; ++i) {
        std::string name = "rev" + std::to_string(i);
        BOOST_REQUIRE(as("admin", "user add " + name + " --role reviewer", name).status == 0);
    }
    BOOST_REQUIRE(as("clerk", "figures set " + code(0) + " --year 2019 revenue=3000 main_revenue=2500").status == 0);
    auto sub = as("clerk", "apply submit --firm " + code(0) + " --tier above_scale --year 2020 --date 2020-03-01");
    BOOST_REQUIRE_MESSAGE(sub.status == 0, sub.err);
    std::vector<CliResult> results(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] { results[i] = as("rev" + std::to_string(i), "review approve --id 1 --date 2020-04-01 --justification 已核实"); });
    for (auto& t : threads) t.join();
    int won = 0;
    for (const auto& r : results) {
        BOOST_TEST(r.err.find("locked") == std::string::npos, r.err);
        if (r.status == 0) ++won;
        else BOOST_TEST(r.err.find("ladder-cli: ") == 0, r.err);  // one clear sentence
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
    for (std::size_t pos = 0; (pos = log.out.find("approve", pos)) != std::string::npos; ++pos) ++approvals;
    BOOST_TEST(approvals >= static_cast<std::size_t>(won));
}
