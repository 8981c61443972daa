// The tally counted two ways must agree: compute_tally over the registry in memory (the
// projection path, the GUI's click-through) and the streamed count the CSV contract uses
// (TallyCounter fed by one registry query), on hand-made edge cases and on a demo registry;
// and the kept counts (tally cache) must follow every change of the registry, whoever writes
// it, including on a registry upgraded from before the cache.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "services/audit_service.hpp"
#include "services/demo_service.hpp"
#include "services/registry_service.hpp"
#include "services/title_service.hpp"
#include "services/tally_service.hpp"
#include "services/user_service.hpp"
#include "services/workflow_service.hpp"
#include "model/demo.hpp"
#include "model/tally.hpp"
#include "test_support.hpp"
#include "workflow_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

Firm firm(const std::string& code, const std::string& region, const std::string& chain = "") {
    Firm f;
    f.credit_code = code;
    f.name = code;
    f.region_code = region;
    f.chain = chain;
    f.founded = Date(2010, 1, 1);
    return f;
}

Recognition title(const std::string& code, const std::string& tier, Date approved,
                  std::optional<Date> valid_to = std::nullopt) {
    Recognition r;
    r.credit_code = code;
    r.tier = tier;
    r.approved_on = approved;
    r.valid_from = approved;
    r.valid_to = valid_to;
    return r;
}

std::vector<TallyRow> streamed(const std::vector<Firm>& firms, std::vector<Recognition> recs,
                               const TallyInput& in) {
    // The registry query's order: by firm, then tier.
    std::stable_sort(recs.begin(), recs.end(), [](const Recognition& a, const Recognition& b) {
        return std::tie(a.credit_code, a.tier) < std::tie(b.credit_code, b.tier);
    });
    TallyCounter counter(*in.tiers, in.tier_order, in.year);
    std::map<std::string, const Firm*> by_code;
    for (const Firm& f : firms) {
        by_code[f.credit_code] = &f;
        counter.add_group(tally_group_of(f, in.grouping));
    }
    for (const Recognition& r : recs) {
        const Firm& f = *by_code.at(r.credit_code);
        std::string field = in.grouping == TallyGrouping::chain ? f.chain : f.region_code;
        counter.add(tally_group_of_field(field, in.grouping), r);
    }
    return counter.rows(in.quota);
}

bool same_rows(const std::vector<TallyRow>& a, const std::vector<TallyRow>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tie(a[i].group, a[i].tier, a[i].quota, a[i].holders_start, a[i].added, a[i].exited,
                     a[i].holders_end) != std::tie(b[i].group, b[i].tier, b[i].quota,
                                                   b[i].holders_start, b[i].added, b[i].exited,
                                                   b[i].holders_end))
            return false;
    return true;
}

const std::vector<TallyGrouping> kGroupings = {TallyGrouping::province, TallyGrouping::city,
                                               TallyGrouping::county, TallyGrouping::chain};

void add_demo_firms(Database& db, std::size_t firms, uint64_t seed) {
    DemoOptions options;
    options.firms = firms;
    options.seed = seed;
    options.today = Date(2021, 6, 30);
    RegistryRepository repo(db);
    Transaction tx(db);
    generate_demo(options, RegionTable::shipped(), 100, [&](DemoBatch&& batch) {
        repo.upsert_firms(batch.firms, nullptr, true);
        repo.upsert_figures(batch.figures, nullptr, true);
        repo.upsert_recognitions(batch.recognitions, nullptr, true);
    });
    tx.commit();
}

// The CSV tally (kept or counted) of 2020 equals the in-memory tally in every grouping; returns
// the CSV tally's rows by grouping.
std::map<TallyGrouping, std::vector<AnnualTallyRow>> check_tally(Database& db,
                                                                 const std::string& step) {
    std::map<TallyGrouping, std::vector<AnnualTallyRow>> out;
    AnnualTally in_memory(db, jiangxi_2020(), 2020, true);
    for (auto g : kGroupings) {
        // Twice: the first may count and keep, the second reads what was kept.
        for (int pass = 0; pass < 2; ++pass) {
            std::vector<AnnualTallyRow> a = AnnualTally(db, jiangxi_2020(), 2020, false).rows(g);
            std::vector<AnnualTallyRow> b = in_memory.rows(g);
            BOOST_TEST_CONTEXT(step << ", grouping " << tally_grouping_name(g) << ", pass "
                                    << pass) {
                BOOST_TEST(same_rows({a.begin(), a.end()}, {b.begin(), b.end()}));
            }
            out[g] = std::move(a);
        }
    }
    return out;
}

std::size_t cell(const std::vector<AnnualTallyRow>& rows, const std::string& group,
                 const std::string& tier, std::size_t TallyRow::*measure) {
    for (const auto& r : rows)
        if (r.group == group && r.tier == tier) return r.*measure;
    return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(streamed_counts_equal_compute_tally_on_edge_cases) {
    const RuleSet& rules = jiangxi_2020();
    TierCatalog catalog = rules.tier_catalog();
    std::vector<Firm> firms = {firm("A", "360102", "electronics"), firm("B", "360103"),
                               firm("C", "360202", "electronics"), firm("D", ""),
                               firm("E", "360402")};
    std::vector<Recognition> recs = {
        title("A", "high_tech", Date(2017, 6, 1)),                       // held at start, ends 2020
        title("A", "high_tech", Date(2020, 6, 1)),                       // a renewal: not added
        title("A", "above_scale", Date(2020, 3, 1)),                     // added
        title("B", "high_tech", Date(2016, 5, 1)),                       // lapsed before the year
        title("B", "high_tech", Date(2020, 9, 1)),                       // a return: added
        title("C", "above_scale", Date(2019, 3, 1)),                     // exited in 2020
        title("C", "listing", Date(2011, 1, 1)),                         // open-ended: held
        title("C", "specialized", Date(2018, 2, 1), Date(2019, 6, 30)),  // explicit end
        title("D", "above_scale", Date(2020, 1, 1)),                     // no region: not counted
        title("E", "unknown_tier", Date(2020, 1, 1)),                    // not a tier of the rows
        title("E", "high_tech", Date(2016, 2, 29)),  // leap day: ends 2019-02-28
    };
    TallyInput in;
    in.firms = &firms;
    in.recognitions = &recs;
    in.tiers = &catalog;
    for (const auto& t : rules.tiers) in.tier_order.push_back(t.id);
    in.year = 2020;
    in.quota = [](const std::string& g, const std::string& t) -> std::optional<int64_t> {
        if (g == "36" && t == "high_tech") return 500;
        return std::nullopt;
    };
    for (auto g : {TallyGrouping::province, TallyGrouping::city, TallyGrouping::county,
                   TallyGrouping::chain}) {
        in.grouping = g;
        std::vector<TallyRow> expected = compute_tally(in);
        BOOST_TEST_CONTEXT("grouping " << tally_grouping_name(g)) {
            BOOST_TEST(same_rows(streamed(firms, recs, in), expected));
        }
    }
    // The cases above do what the comments say (so the comparison is not of two empty tallies).
    in.grouping = TallyGrouping::province;
    std::vector<TallyRow> rows = compute_tally(in);
    auto row = [&](const std::string& tier) {
        return *std::find_if(rows.begin(), rows.end(),
                             [&](const TallyRow& r) { return r.tier == tier; });
    };
    BOOST_TEST(row("high_tech").holders_start == 1u);
    BOOST_TEST(row("high_tech").added == 1u);
    BOOST_TEST(row("high_tech").holders_end == 2u);
    BOOST_TEST(row("high_tech").quota.value_or(-1) == 500);
    BOOST_TEST(row("above_scale").added == 1u);
    BOOST_TEST(row("above_scale").exited == 1u);
    BOOST_TEST(row("listing").holders_end == 1u);
    BOOST_TEST(row("specialized").holders_start == 0u);
}

BOOST_AUTO_TEST_CASE(csv_tally_from_the_registry_equals_the_projection_tally) {
    TestDatabase t;
    Database db = Database::open(t.url());
    DemoOptions options;
    options.firms = 400;
    options.seed = 7;
    options.today = Date(2021, 6, 30);
    {
        RegistryRepository repo(db);
        Transaction tx(db);
        generate_demo(options, RegionTable::shipped(), 100, [&](DemoBatch&& batch) {
            repo.upsert_firms(batch.firms, nullptr, true);
            repo.upsert_figures(batch.figures, nullptr, true);
            repo.upsert_recognitions(batch.recognitions, nullptr, true);
        });
        tx.commit();
    }
    const RuleSet& rules = jiangxi_2020();
    for (int year : {2019, 2020}) {
        AnnualTally streamed(db, rules, year, false);
        AnnualTally in_memory(db, rules, year, true);
        std::size_t counted = 0;
        for (auto g : {TallyGrouping::province, TallyGrouping::city, TallyGrouping::county,
                       TallyGrouping::chain}) {
            std::vector<AnnualTallyRow> a = streamed.rows(g), b = in_memory.rows(g);
            BOOST_TEST_CONTEXT("year " << year << ", grouping " << tally_grouping_name(g)) {
                BOOST_TEST(same_rows({a.begin(), a.end()}, {b.begin(), b.end()}));
            }
            for (const auto& r : a) counted += r.holders_start + r.added + r.holders_end;
        }
        BOOST_TEST(counted > 0u);
    }
}

// The demo registry shows a living pipeline: its assessment year (2020) has additions in the
// main tiers, and its own targets put each city's completion between 40 % and 110 % (the
// plan's real targets are for a whole province); the province's target is its cities' sum.
BOOST_AUTO_TEST_CASE(demo_registry_lands_between_40_and_110_percent_of_its_targets) {
    TestDatabase t;
    Database db = Database::open(t.url());
    DemoOptions options;
    options.firms = 1500;
    options.seed = 11;
    options.today = Date(2026, 12, 1);
    fill_demo_registry(db, options);
    const RuleSet& rules = jiangxi_2020();
    AnnualTally tally(db, rules, 2020, false);
    std::map<std::string, int64_t> city_targets;
    std::size_t cities_with_targets = 0;
    std::set<double> completions;
    for (const auto& r : tally.rows(TallyGrouping::city)) {
        if (!r.quota) {
            BOOST_TEST(r.added == 0u, r.group << " " << r.tier);  // a target wherever it added
            continue;
        }
        ++cities_with_targets;
        city_targets[r.tier] += *r.quota;
        const double completion = static_cast<double>(r.added) / static_cast<double>(*r.quota);
        // 40 %…110 % before rounding the target to a whole firm (at least 1).
        BOOST_TEST((completion >= 0.33 && completion <= 1.2),
                   r.group << " " << r.tier << " " << r.added << "/" << *r.quota);
        completions.insert(std::round(completion * 100));
    }
    BOOST_TEST(cities_with_targets >= 20u);
    BOOST_TEST(completions.size() >= 5u);  // cities differ
    // Counties have targets where they added, and a city's target is its counties' sum (the
    // report's county subtotals are the city rows).
    std::map<std::pair<std::string, std::string>, int64_t> county_sums;
    for (const auto& r : tally.rows(TallyGrouping::county)) {
        if (!r.quota) {
            BOOST_TEST(r.added == 0u, r.group << " " << r.tier);
            continue;
        }
        county_sums[{r.group.substr(0, 4), r.tier}] += *r.quota;
    }
    for (const auto& r : tally.rows(TallyGrouping::city))
        if (r.quota) BOOST_TEST(*r.quota == (county_sums[{r.group, r.tier}]), r.group << r.tier);
    std::set<std::string> tiers_added;
    for (const auto& r : tally.rows(TallyGrouping::province)) {
        if (r.added) tiers_added.insert(r.tier);
        if (city_targets.count(r.tier)) BOOST_TEST(*r.quota == city_targets[r.tier], r.tier);
        // The demo's targets replace the plan's: no target where it added nothing (the plan's
        // would read 0 %), even after the tally's first use of the year.
        if (!r.added) BOOST_TEST(!r.quota, r.tier);
    }
    for (const char* tier : {"above_scale", "high_tech", "specialized"})
        BOOST_TEST(tiers_added.count(tier) == 1u, tier);
    // Some titles were revoked in the year, as a reviewer revokes them: exits with their cause.
    const DemoCounts again = [&] {
        TestDatabase t2;
        Database db2 = Database::open(t2.url());
        return fill_demo_registry(db2, options);
    }();
    BOOST_TEST(again.revocations > 0u);
    std::size_t revoked = 0;
    for (const TitleEnd& e : TitleService(db, rules.tier_catalog()).ends(2020))
        revoked += e.cause == ExitCause::revoked;
    BOOST_TEST(revoked == again.revocations);  // the same seed revokes the same titles
    // The targets and the revocations are in the trail: the registry is proved by it.
    AuditService audit(db);
    BOOST_TEST(audit.verify().intact);
    BOOST_TEST(audit.check_registry().matches());
}

BOOST_AUTO_TEST_CASE(kept_tally_follows_every_change_of_the_registry) {
    TestDatabase t;
    Database db = Database::open(t.url());
    std::time_t now = 1590000000;  // 2020-05-20
    UserService users(db, [&now] { return now; });
    auto [admin, clerk, rev1, rev2] = add_workflow_staff(users);
    add_demo_firms(db, 300, 11);
    // A in 360102 (Nanchang), eligible for above_scale; B in 360702 (Ganzhou).
    const std::string A = "91360100MA35AAAA01", B = "91360700MA35BBBB0M";
    add_firms_a_and_b(db, A, B);
    using M = std::size_t TallyRow::*;
    const M added = &TallyRow::added, end = &TallyRow::holders_end;
    auto before = check_tally(db, "demo registry");
    BOOST_TEST(query_value(t, "SELECT COUNT(*) FROM tally_cache") == "4");

    // A repeated tally reads the kept counts: emptied behind Ladder's back, they come back empty.
    t.raw_sql("UPDATE tally_cache SET counts = ''");
    BOOST_TEST(AnnualTally(db, jiangxi_2020(), 2020, false).rows(TallyGrouping::province).empty());

    // An imported recognition (the CLI, as a clerk).
    write_file(t.dir() / "recognitions.csv",
               "credit_code,tier,approved_on\n" + B + ",high_tech,2020-05-01\n");
    CliResult imported = run_cli_as(t, "clerk", "import recognitions recognitions.csv");
    BOOST_TEST_REQUIRE(imported.status == 0, imported.err);
    auto after = check_tally(db, "recognition imported");
    BOOST_TEST(cell(after[TallyGrouping::city], "3607", "high_tech", added) ==
               cell(before[TallyGrouping::city], "3607", "high_tech", added) + 1);

    // An application: submitting and deciding leave the kept counts valid; the recognition
    // written when publicity closes clean changes them.
    WorkflowService workflow(db, [](int) { return PinnedRuleSet{&jiangxi_2020(), "sha256:test"}; });
    Decision approve;
    approve.approve = true;
    int64_t id = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 3, 1));
    approve.decided_on = Date(2020, 4, 1);
    workflow.decide(rev1, id, approve);
    approve.decided_on = Date(2020, 4, 2);
    workflow.decide(rev2, id, approve, "赣工信〔2020〕1号");
    const std::string kept = query_value(t, "SELECT MAX(generation) FROM tally_cache");
    before = check_tally(db, "application approved, publicity open");
    BOOST_TEST(query_value(t, "SELECT MIN(generation) FROM tally_cache") == kept);
    workflow.close_publicity(rev1, id, Date(2020, 4, 10), std::nullopt);
    after = check_tally(db, "publicity closed, recognition written");
    BOOST_TEST(cell(after[TallyGrouping::county], "360102", "above_scale", added) ==
               cell(before[TallyGrouping::county], "360102", "above_scale", added) + 1);

    // A firm moved to another county in the firm window (RegistryService).
    RegistryService registry(db);
    auto firm = registry.firm(A);
    BOOST_TEST_REQUIRE(firm.has_value());
    firm->record.region_code = "360702";
    registry.save_firm(clerk, firm->record, firm->version);
    before = after;
    after = check_tally(db, "firm moved to 360702");
    BOOST_TEST(cell(after[TallyGrouping::county], "360102", "above_scale", end) + 1 ==
               cell(before[TallyGrouping::county], "360102", "above_scale", end));
    BOOST_TEST(cell(after[TallyGrouping::county], "360702", "above_scale", end) ==
               cell(before[TallyGrouping::county], "360702", "above_scale", end) + 1);

    // Plain SQL, bypassing every service, is followed too.
    t.raw_sql("DELETE FROM recognitions WHERE credit_code = '" + B + "'");
    before = after;
    after = check_tally(db, "recognition deleted in SQL");
    BOOST_TEST(cell(after[TallyGrouping::city], "3607", "high_tech", added) + 1 ==
               cell(before[TallyGrouping::city], "3607", "high_tech", added));
    // Counting folded PostgreSQL's change rows into the counter (SQLite never has any).
    BOOST_TEST(query_value(t, "SELECT COUNT(*) FROM registry_changes") == "0");
}

BOOST_AUTO_TEST_CASE(kept_tally_on_a_registry_upgraded_from_schema_3) {
    TestDatabase t;
    {
        Database db = Database::open(t.url());
        add_demo_firms(db, 300, 5);
    }
    // Back to schema 3, as a registry the previous release wrote, which then gains a
    // recognition the new triggers never saw.
    std::vector<std::string> downgrade;
    if (TestDatabase::on_postgresql()) {
        downgrade = {"DROP FUNCTION registry_changed() CASCADE"};
    } else {
        for (const char* trigger :
             {"recognition_insert", "recognition_update", "recognition_delete", "firm_insert",
              "firm_update", "firm_delete"})
            downgrade.push_back(std::string("DROP TRIGGER registry_changed_") + trigger);
    }
    for (const char* table : {"tally_cache", "registry_changes", "registry_generation"})
        downgrade.push_back(std::string("DROP TABLE ") + table);
    downgrade.push_back("DELETE FROM schema_version WHERE version >= 4");
    for (const auto& statement : downgrade) t.raw_sql(statement);
    const std::string code = query_value(t, "SELECT MIN(credit_code) FROM firms");
    t.raw_sql("INSERT INTO recognitions (credit_code, tier, approved_on, valid_from) VALUES ('" +
              code + "', 'gazelle', '2020-02-01', '2020-02-01')");

    // Upgraded by the owner (PostgreSQL: the application role may not), then used as before.
    BOOST_TEST(Database::open(t.owner_url()).schema_version() >= 4);
    Database db = Database::open(t.url());
    auto before = check_tally(db, "upgraded");
    t.raw_sql("DELETE FROM recognitions WHERE credit_code = '" + code + "' AND tier = 'gazelle'");
    auto after = check_tally(db, "recognition deleted after the upgrade");
    BOOST_TEST(cell(after[TallyGrouping::province], "36", "gazelle", &TallyRow::added) + 1 ==
               cell(before[TallyGrouping::province], "36", "gazelle", &TallyRow::added));
}
