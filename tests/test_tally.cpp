// The tally counted two ways must agree: compute_tally over the registry in memory (the
// projection path, the GUI's click-through) and the streamed count the CSV contract uses
// (TallyCounter fed by one registry query), on hand-made edge cases and on a demo registry.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <tuple>

#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "db/tally_service.hpp"
#include "model/demo.hpp"
#include "model/tally.hpp"
#include "test_support.hpp"

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
        std::string field = in.grouping == TallyGrouping::Chain ? f.chain : f.region_code;
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
    for (auto g : {TallyGrouping::Province, TallyGrouping::City, TallyGrouping::County,
                   TallyGrouping::Chain}) {
        in.grouping = g;
        std::vector<TallyRow> expected = compute_tally(in);
        BOOST_TEST_CONTEXT("grouping " << tally_grouping_name(g)) {
            BOOST_TEST(same_rows(streamed(firms, recs, in), expected));
        }
    }
    // The cases above do what the comments say (so the comparison is not of two empty tallies).
    in.grouping = TallyGrouping::Province;
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
        for (auto g : {TallyGrouping::Province, TallyGrouping::City, TallyGrouping::County,
                       TallyGrouping::Chain}) {
            std::vector<AnnualTallyRow> a = streamed.rows(g), b = in_memory.rows(g);
            BOOST_TEST_CONTEXT("year " << year << ", grouping " << tally_grouping_name(g)) {
                BOOST_TEST(same_rows({a.begin(), a.end()}, {b.begin(), b.end()}));
            }
            for (const auto& r : a) counted += r.holders_start + r.added + r.holders_end;
        }
        BOOST_TEST(counted > 0u);
    }
}
