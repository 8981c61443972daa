#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "model/demo.hpp"
#include "model/errors.hpp"
#include "model/import_schema.hpp"
#include "model/industry.hpp"
#include "model/measures.hpp"
#include "model/regions.hpp"
#include "model/tiers.hpp"
#include "model/uscc.hpp"

using namespace ladder;

namespace {

// A fixed "today" keeps the registry independent of when the test runs.
DemoOptions options_for(std::size_t firms, uint64_t seed = 2020) {
    DemoOptions options;
    options.firms = firms;
    options.seed = seed;
    options.today = Date(2020, 6, 30);
    return options;
}

DemoBatch generate(const DemoOptions& options) {
    return generate_demo(options, RegionTable::shipped());
}

template <class Record>
Table table_of(const std::string& file_name, RecordKind kind, const std::vector<Record>& records) {
    Table table;
    table.file_name = file_name;
    table.header = export_header(kind);
    int row = 1;
    for (const auto& record : records) table.rows.push_back({++row, RowCells(to_cells(record))});
    return table;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_same_registry_other_seed_other_registry) {
    auto first = generate(options_for(3000));
    auto again = generate(options_for(3000));
    BOOST_TEST(first.firms.size() == 3000u);
    BOOST_TEST((first.firms == again.firms));
    BOOST_TEST((first.figures == again.figures));
    BOOST_TEST((first.recognitions == again.recognitions));

    auto other = generate(options_for(3000, 7));
    BOOST_TEST(other.firms.size() == 3000u);
    BOOST_TEST((first.firms != other.firms));
    BOOST_TEST((first.figures != other.figures));
    std::size_t same_code = 0;
    for (std::size_t i = 0; i < first.firms.size(); ++i)
        same_code += first.firms[i].credit_code == other.firms[i].credit_code;
    BOOST_TEST(same_code < 30u);
}

BOOST_AUTO_TEST_CASE(batches_stream_the_same_registry) {
    auto whole = generate(options_for(5000));
    DemoBatch joined;
    std::size_t batches = 0, firms = 0;
    generate_demo(options_for(5000), RegionTable::shipped(), 777, [&](DemoBatch&& batch) {
        ++batches;
        BOOST_TEST(batch.firms.size() <= 777u);
        firms += batch.firms.size();
        // Figures and recognitions travel with their own firms.
        std::set<std::string> codes;
        for (const auto& f : batch.firms) codes.insert(f.credit_code);
        for (const auto& f : batch.figures) BOOST_TEST(codes.count(f.credit_code) == 1u);
        for (const auto& r : batch.recognitions) BOOST_TEST(codes.count(r.credit_code) == 1u);
        joined.firms.insert(joined.firms.end(), batch.firms.begin(), batch.firms.end());
        joined.figures.insert(joined.figures.end(), batch.figures.begin(), batch.figures.end());
        joined.recognitions.insert(joined.recognitions.end(), batch.recognitions.begin(),
                                   batch.recognitions.end());
    });
    BOOST_TEST(batches == 7u);  // 6 × 777 + 338
    BOOST_TEST(firms == 5000u);
    BOOST_TEST((joined.firms == whole.firms));
    BOOST_TEST((joined.figures == whole.figures));
    BOOST_TEST((joined.recognitions == whole.recognitions));

    std::size_t calls = 0;
    generate_demo(options_for(0), RegionTable::shipped(), 100, [&](DemoBatch&&) { ++calls; });
    BOOST_TEST(calls == 0u);
}

BOOST_AUTO_TEST_CASE(impossible_options_are_usage_errors) {
    auto sink = [](DemoBatch&&) {};
    const auto& regions = RegionTable::shipped();
    BOOST_CHECK_THROW(generate_demo(options_for(10), regions, 0, sink), UsageError);
    auto options = options_for(10);
    options.first_year = 1989;
    BOOST_CHECK_THROW(generate_demo(options, regions, 10, sink), UsageError);
    options = options_for(10);
    options.last_year = 2021;  // after "today"
    BOOST_CHECK_THROW(generate_demo(options, regions, 10, sink), UsageError);
    options = options_for(kDemoMaxFirms + 1);
    BOOST_CHECK_THROW(generate_demo(options, regions, 10, sink), UsageError);
}

BOOST_AUTO_TEST_CASE(every_record_is_importable) {
    const auto options = options_for(5000);
    const auto& regions = RegionTable::shipped();
    const auto demo = generate(options);

    // Firms: valid unique codes in Jiangxi counties, known chains and industry codes.
    std::map<std::string, const Firm*> firms;
    std::set<std::string> cities;
    std::size_t hnte_yes = 0, listed = 0, non_industrial = 0;
    for (const auto& firm : demo.firms) {
        BOOST_TEST_CONTEXT(firm.credit_code) {
            BOOST_TEST(is_valid_uscc(firm.credit_code));
            BOOST_TEST(firms.emplace(firm.credit_code, &firm).second);
            BOOST_TEST(firm.credit_code.substr(2, 6) == firm.region_code);
            BOOST_TEST(regions.is_county(firm.region_code));
            BOOST_TEST(firm.region_code.substr(0, 2) == "36");
            cities.insert(city_of(firm.region_code));
            BOOST_TEST(find_chain(firm.chain) != nullptr);
            BOOST_TEST(is_valid_industry_code(firm.industry_code));
            auto division = industry_division(firm.industry_code);
            if (division && !is_industrial_division(*division)) ++non_industrial;
            BOOST_TEST(firm.name.size() > std::string("有限公司").size());
            BOOST_TEST(firm.name.ends_with("有限公司"));
            BOOST_TEST(firm.founded.year() >= 1990);
            BOOST_TEST((firm.founded <= options.today));
            if (firm.niche_since) BOOST_TEST(*firm.niche_since >= firm.founded.year());
            if (firm.niche_since) BOOST_TEST(*firm.niche_since <= options.last_year);
            if (firm.listed_on) {
                ++listed;
                BOOST_TEST((*firm.listed_on > firm.founded));
                BOOST_TEST((*firm.listed_on <= options.today));
            }
            hnte_yes += firm.hnte_field.value_or(false);
        }
    }
    BOOST_TEST(cities.size() == 11u);
    BOOST_TEST(hnte_yes > 1000u);  // ~30%
    BOOST_TEST(hnte_yes < 2000u);
    BOOST_TEST(listed > 0u);
    BOOST_TEST(non_industrial > 0u);
    BOOST_TEST(non_industrial < 500u);

    // Figures: one row per firm and year from the founding year, kinds and bounds respected.
    std::set<std::pair<std::string, int>> figure_keys;
    std::size_t incomplete_rows = 0, incidents = 0, above_2000 = 0;
    for (const auto& f : demo.figures) {
        BOOST_TEST_CONTEXT(f.credit_code << " " << f.year) {
            auto firm = firms.find(f.credit_code);
            BOOST_REQUIRE(firm != firms.end());
            BOOST_TEST(figure_keys.emplace(f.credit_code, f.year).second);
            BOOST_TEST(f.year >= options.first_year);
            BOOST_TEST(f.year <= options.last_year);
            BOOST_TEST(f.year >= firm->second->founded.year());
            bool core_missing = false;
            for (const auto& info : kMeasures) {
                auto value = f.get(info.measure);
                if (!value) {
                    core_missing |= info.measure == Measure::revenue ||
                                    info.measure == Measure::employees ||
                                    info.measure == Measure::rd_expense ||
                                    info.measure == Measure::total_assets;
                    continue;
                }
                switch (info.kind) {
                    case MeasureKind::money:
                        BOOST_TEST(*value >= 0);
                        BOOST_TEST(*value % 10'000 == 0);  // generated in whole hundredths
                        break;
                    case MeasureKind::count:
                        BOOST_TEST(*value >= 0);
                        break;
                    case MeasureKind::signed_money:
                        BOOST_TEST(*value % 10'000 == 0);
                        break;
                    case MeasureKind::score:
                        BOOST_TEST(*value >= 0);
                        BOOST_TEST(*value <= 10000);
                        break;
                    case MeasureKind::rank:
                        BOOST_TEST(*value >= 1);
                        break;
                    case MeasureKind::flag:
                        BOOST_TEST((*value == 0 || *value == 1));
                        break;
                }
                if (info.at_most) {
                    if (auto bound = f.get(*info.at_most)) BOOST_TEST(*value <= *bound);
                }
            }
            incomplete_rows += core_missing;
            incidents += f.get(Measure::major_incident).value_or(0);
            above_2000 += f.get(Measure::revenue).value_or(0) >= Money::from_wan(2000).fen();
        }
    }
    BOOST_TEST(demo.figures.size() > 5000u * 3);
    BOOST_TEST(incomplete_rows > 0u);
    BOOST_TEST(incidents > 0u);
    BOOST_TEST(above_2000 > demo.figures.size() / 10);
    BOOST_TEST(above_2000 < demo.figures.size() / 2);

    // Recognitions: known tiers, after founding, not in the future, unique keys.
    std::set<std::string> recognition_keys;
    std::map<std::string, std::size_t> per_tier;
    for (const auto& r : demo.recognitions) {
        BOOST_TEST_CONTEXT(r.credit_code << " " << r.tier) {
            auto firm = firms.find(r.credit_code);
            BOOST_REQUIRE(firm != firms.end());
            BOOST_TEST(TierCatalog::builtin().find(r.tier) != nullptr);
            BOOST_TEST((r.approved_on > firm->second->founded));
            BOOST_TEST((r.approved_on <= options.today));
            BOOST_TEST((r.valid_from >= r.approved_on));
            BOOST_TEST(!r.doc_no.empty());
            BOOST_TEST(recognition_keys
                           .insert(r.credit_code + " " + r.tier + " " + r.valid_from.to_string())
                           .second);
            ++per_tier[r.tier];
        }
    }
    BOOST_TEST(per_tier["above_scale"] > 1000u);
    BOOST_TEST(per_tier["high_tech"] > 100u);
    BOOST_TEST(per_tier["specialized"] > 50u);
    BOOST_TEST(per_tier["listing"] == listed);

    // The import itself accepts every row.
    ValidationContext ctx;
    ctx.regions = &regions;
    ctx.tiers = &TierCatalog::builtin();
    ctx.today = options.today;
    ctx.firm_exists = [&firms](const std::string& code) { return firms.count(code) > 0; };
    auto check = [](const auto& validated, std::size_t expected) {
        BOOST_TEST(!validated.file_rejected);
        BOOST_TEST(validated.errors.size() == 0u);
        for (std::size_t i = 0; i < validated.errors.size() && i < 5; ++i)
            BOOST_TEST_MESSAGE(validated.errors[i].to_string());
        BOOST_TEST(validated.records.size() == expected);
    };
    auto valid_firms = validate_firms(table_of("firms.csv", RecordKind::firms, demo.firms), ctx);
    check(valid_firms, demo.firms.size());
    BOOST_TEST((valid_firms.records == demo.firms));
    auto valid_figures =
        validate_figures(table_of("figures.csv", RecordKind::figures, demo.figures), ctx);
    check(valid_figures, demo.figures.size());
    BOOST_TEST((valid_figures.records == demo.figures));
    auto valid_recognitions = validate_recognitions(
        table_of("recognitions.csv", RecordKind::recognitions, demo.recognitions), ctx);
    check(valid_recognitions, demo.recognitions.size());
    BOOST_TEST((valid_recognitions.records == demo.recognitions));
}

BOOST_AUTO_TEST_CASE(generation_time_for_200000_firms) {
    const auto options = options_for(200000);
    std::size_t firms = 0, figures = 0, recognitions = 0;
    auto started = std::chrono::steady_clock::now();
    generate_demo(options, RegionTable::shipped(), 10000, [&](DemoBatch&& batch) {
        firms += batch.firms.size();
        figures += batch.figures.size();
        recognitions += batch.recognitions.size();
    });
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    BOOST_TEST(firms == 200000u);
    // Printed, not asserted: machines differ.
    std::cout << "demo: " << firms << " firms, " << figures << " figure rows, " << recognitions
              << " recognitions in " << ms << " ms\n";
}
