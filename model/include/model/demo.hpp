#pragma once
// A deterministic synthetic Jiangxi registry for `ladder-cli demo`, the GUI's demo database and
// the benchmarks: firms spread over the province's 11 cities, their yearly figures and the
// titles they were granted. The same options always give the same records, and firm i is the
// same whatever the batch size, so a benchmark can stream a million firms batch by batch.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "model/date.hpp"
#include "model/firm.hpp"
#include "model/regions.hpp"

namespace ladder {

struct DemoOptions {
    std::size_t firms = 2000;
    uint64_t seed = 2020;
    int first_year = 2015;  // fiscal years with figures: first_year..last_year
    int last_year = 2019;
    // Nothing is dated after this day: foundings, figures years, approvals and listings past it
    // are left out, so every record passes the import's "not in the future" checks.
    Date today = Date::today();
};

// One slice of the registry: the firms and, for exactly those firms, their figures (by firm,
// then ascending year) and recognitions (by firm).
struct DemoBatch {
    std::vector<Firm> firms;
    std::vector<YearFigures> figures;
    std::vector<Recognition> recognitions;
};

// The largest `firms` the credit-code scheme keeps unique.
inline constexpr std::size_t kDemoMaxFirms = 28'629'151;  // 31^5

// Calls `sink` with consecutive batches of `batch_firms` firms (the last may be smaller; none
// when options.firms is 0), so the whole registry never sits in memory at once. Throws
// UsageError for impossible options (years outside 1990..today, too many firms,
// batch_firms 0) and when `regions` lacks Jiangxi's counties.
void generate_demo(const DemoOptions& options, const RegionTable& regions, std::size_t batch_firms,
                   const std::function<void(DemoBatch&&)>& sink);

// The whole registry in one batch: for small demos (the GUI, tests).
DemoBatch generate_demo(const DemoOptions& options, const RegionTable& regions);

}  // namespace ladder
