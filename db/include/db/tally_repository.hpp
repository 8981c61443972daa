#pragma once
// What the tally reads from the registry beyond firms and recognitions: the applications of a
// year, the groups and recognitions streamed for counting, the counts kept between changes
// (tally_cache, tagged with the registry generation) and revenue per chain. The use case —
// what is counted, the projection, the report's input — is services/tally_service.hpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "model/firm.hpp"
#include "model/tally.hpp"

namespace ladder {

// The (credit code, tier) pairs with an application in a year: any at all, and those still
// pending (submitted, or approved with publicity not yet closed).
struct ApplicationKeys {
    std::set<std::pair<std::string, std::string>> pending, any;
};

// One chain's firms and the revenue they reported for a fiscal year (fen).
struct ChainRevenueFacts {
    std::string chain;
    std::size_t firms = 0, reporting = 0;
    int64_t revenue_fen = 0;
};

class TallyRepository {
  public:
    explicit TallyRepository(Database& db) : db_(db) {}

    ApplicationKeys application_keys(int year);

    // The distinct values of the grouping's firm column (region code, or chain), one index
    // seek each rather than a scan of every firm.
    std::vector<std::string> group_fields(TallyGrouping grouping);
    // Every recognition with its firm's grouping column (empty when null), in the order
    // (credit code, tier). Streams: a million recognitions are never held at once.
    void for_each_recognition_with_group(
        TallyGrouping grouping, const std::function<void(const Recognition&, std::string_view)>& f);

    // The registry generation as the caller's transaction or snapshot sees it: raised by
    // triggers with every change of firms or recognitions.
    long long generation();
    // The counts kept for (year, grouping, rules key) when they were counted at `generation`.
    std::optional<std::string> cached_counts(int year, std::string_view grouping,
                                             const std::string& rules_key, long long generation);
    // Keeps counts for the next tally, in its own transaction. The cache only saves time: when
    // the registry cannot be written just now (another process holds the write lock) nothing
    // is kept and the next tally counts again.
    void store_counts(int year, std::string_view grouping, const std::string& rules_key,
                      long long generation, const std::string& counts);

    // Per chain: firms, firms reporting revenue for `fiscal_year`, and its sum.
    std::vector<ChainRevenueFacts> chain_revenue(int fiscal_year);

  private:
    Database& db_;
};

}  // namespace ladder
