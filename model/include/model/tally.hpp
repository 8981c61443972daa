#pragma once
// Counting against quotas (README, "Workflow: … quotas"), for one assessment year:
//   holders_start = firms with holds(T, (Y−1)-12-31); holders_end = firms with holds(T, Y-12-31);
//   added  = firms with a recognition of T approved in Y that did not hold T on (Y−1)-12-31
//            (a renewal is not an addition; a return after a lapse is);
//   exited = holders_start \ holders_end.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/firm.hpp"
#include "model/tiers.hpp"

namespace ladder {

enum class TallyGrouping { province, city, county, chain };
std::optional<TallyGrouping> parse_tally_grouping(std::string_view name);
std::string_view tally_grouping_name(TallyGrouping g);

struct TallyRow {
    std::string group;  // region code ("36", "3601", "360102") or chain id
    std::string tier;
    std::optional<int64_t> quota;
    std::size_t holders_start = 0;
    std::size_t added = 0;
    std::size_t exited = 0;
    std::size_t holders_end = 0;
};

// The group a firm falls in; empty when the firm lacks the field (it is then not counted in
// that grouping, but still in the others).
std::string tally_group_of(const Firm& firm, TallyGrouping grouping);

// The same group from the firm's region code (province, city, county) or chain (chain): what a
// registry query reads instead of the whole firm.
std::string tally_group_of_field(std::string_view region_or_chain, TallyGrouping grouping);

// The last day a recognition is valid: valid_to, else valid_from + validity − 1 day; empty
// when the tier is open-ended.
std::optional<Date> effective_valid_to(const Recognition& r, const TierCatalog& tiers);
bool recognition_covers(const Recognition& r, const TierCatalog& tiers, const Date& day);

struct TallyInput {
    const std::vector<Firm>* firms = nullptr;                // any order
    const std::vector<Recognition>* recognitions = nullptr;  // any order
    const TierCatalog* tiers = nullptr;
    std::vector<std::string> tier_order;  // the rows' tiers, in this order
    int year = 0;
    TallyGrouping grouping = TallyGrouping::province;
    // Quota of a tier for a group in `year`; unset or empty result = none set.
    std::function<std::optional<int64_t>(const std::string& group, const std::string& tier)> quota;
};

// Rows for every group that has at least one firm, each with every tier of tier_order;
// sorted by group, then tier order.
std::vector<TallyRow> compute_tally(const TallyInput& input);

// compute_tally over a registry streamed in credit-code order instead of held in memory: first
// every group that has a firm, then each recognition with its firm's group. Gives the rows
// compute_tally gives for the same firms and recognitions.
class TallyCounter {
  public:
    TallyCounter(const TierCatalog& tiers, std::vector<std::string> tier_order, int year);
    // A group with at least one firm: it gets a row per tier even when nothing is counted.
    void add_group(const std::string& group);
    // One recognition of a firm in `group` (empty: the firm is not counted in this grouping).
    // The recognitions of one firm and tier come one after the other.
    void add(const std::string& group, const Recognition& recognition);
    // Sorted by group, then tier order; `quota` as in TallyInput.
    std::vector<TallyRow> rows(const std::function<std::optional<int64_t>(
                                   const std::string& group, const std::string& tier)>& quota);

  private:
    void flush();

    const TierCatalog& tiers_;
    std::vector<std::string> tier_order_;
    Date start_, end_;
    int year_;
    std::map<std::string, std::vector<TallyRow>> groups_;
    // The (firm, tier) being read: its group, row and the facts gathered so far.
    std::string code_, tier_;
    TallyRow* row_ = nullptr;
    bool held_start_ = false, held_end_ = false, approved_in_year_ = false;
};

// The credit codes behind one cell of the tally ("click a bar to see the firms").
enum class TallyMeasure { holders_start, added, exited, holders_end };
std::vector<std::string> tally_firms(const TallyInput& input, const std::string& group,
                                     const std::string& tier, TallyMeasure measure);

}  // namespace ladder
