#include "model/tally.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace ladder {

std::optional<TallyGrouping> parse_tally_grouping(std::string_view name) {
    if (name == "province") return TallyGrouping::province;
    if (name == "city") return TallyGrouping::city;
    if (name == "county") return TallyGrouping::county;
    if (name == "chain") return TallyGrouping::chain;
    return std::nullopt;
}

std::string_view tally_grouping_name(TallyGrouping g) {
    switch (g) {
        case TallyGrouping::province:
            return "province";
        case TallyGrouping::city:
            return "city";
        case TallyGrouping::county:
            return "county";
        case TallyGrouping::chain:
            return "chain";
    }
    return "province";
}

std::string tally_group_of(const Firm& firm, TallyGrouping grouping) {
    const std::string& region = firm.region_code;
    switch (grouping) {
        case TallyGrouping::province:
            return region.size() >= 2 ? region.substr(0, 2) : std::string();
        case TallyGrouping::city:
            return region.size() >= 4 ? region.substr(0, 4) : std::string();
        case TallyGrouping::county:
            return region;
        case TallyGrouping::chain:
            return firm.chain;
    }
    return {};
}

std::string tally_group_of_field(std::string_view field, TallyGrouping grouping) {
    switch (grouping) {
        case TallyGrouping::province:
            return std::string(field.size() >= 2 ? field.substr(0, 2) : std::string_view());
        case TallyGrouping::city:
            return std::string(field.size() >= 4 ? field.substr(0, 4) : std::string_view());
        case TallyGrouping::county:
        case TallyGrouping::chain:
            return std::string(field);
    }
    return {};
}

std::optional<Date> effective_valid_to(const Recognition& r, const TierCatalog& tiers) {
    if (r.valid_to) return r.valid_to;
    return tiers.default_valid_to(r.tier, r.valid_from);
}

namespace {

// Whether a title valid from `from` to `to` (open when empty) holds on `day`.
bool valid_on(const Date& from, const std::optional<Date>& to, const Date& day) {
    return !(day < from) && (!to || day <= *to);
}

}  // namespace

bool recognition_covers(const Recognition& r, const TierCatalog& tiers, const Date& day) {
    if (day < r.valid_from) return false;  // no end of validity to work out
    return valid_on(r.valid_from, effective_valid_to(r, tiers), day);
}

namespace {

struct FirmTierState {
    bool held_start = false;
    bool held_end = false;
    bool approved_in_year = false;
};

// Per (firm, tier) the three facts the counts need, from one pass over the recognitions.
std::unordered_map<std::string, std::map<std::string, FirmTierState>> firm_states(
    const TallyInput& in) {
    std::unordered_map<std::string, std::map<std::string, FirmTierState>> states;
    const Date start(in.year - 1, 12, 31), end(in.year, 12, 31);
    for (const Recognition& r : *in.recognitions) {
        FirmTierState& s = states[r.credit_code][r.tier];
        s.held_start = s.held_start || recognition_covers(r, *in.tiers, start);
        s.held_end = s.held_end || recognition_covers(r, *in.tiers, end);
        s.approved_in_year = s.approved_in_year || r.approved_on.year() == in.year;
    }
    return states;
}

bool counts(const FirmTierState& s, TallyMeasure m) {
    switch (m) {
        case TallyMeasure::holders_start:
            return s.held_start;
        case TallyMeasure::added:
            return s.approved_in_year && !s.held_start;
        case TallyMeasure::exited:
            return s.held_start && !s.held_end;
        case TallyMeasure::holders_end:
            return s.held_end;
    }
    return false;
}

}  // namespace

std::vector<TallyRow> compute_tally(const TallyInput& in) {
    auto states = firm_states(in);
    std::map<std::string, std::vector<TallyRow>> groups;
    auto rows_of = [&](const std::string& group) -> std::vector<TallyRow>& {
        auto [it, inserted] = groups.try_emplace(group);
        if (inserted) {
            for (const auto& tier : in.tier_order) {
                TallyRow row;
                row.group = group;
                row.tier = tier;
                if (in.quota) row.quota = in.quota(group, tier);
                it->second.push_back(std::move(row));
            }
        }
        return it->second;
    };
    std::unordered_map<std::string, std::size_t> tier_index;
    for (std::size_t i = 0; i < in.tier_order.size(); ++i) tier_index[in.tier_order[i]] = i;
    for (const Firm& firm : *in.firms) {
        std::string group = tally_group_of(firm, in.grouping);
        if (group.empty()) continue;
        auto& rows = rows_of(group);
        auto st = states.find(firm.credit_code);
        if (st == states.end()) continue;
        for (const auto& [tier, s] : st->second) {
            auto ti = tier_index.find(tier);
            if (ti == tier_index.end()) continue;
            TallyRow& row = rows[ti->second];
            row.holders_start += counts(s, TallyMeasure::holders_start);
            row.added += counts(s, TallyMeasure::added);
            row.exited += counts(s, TallyMeasure::exited);
            row.holders_end += counts(s, TallyMeasure::holders_end);
        }
    }
    std::vector<TallyRow> out;
    for (auto& [group, rows] : groups)
        for (auto& row : rows) out.push_back(std::move(row));
    return out;
}

TallyCounter::TallyCounter(const TierCatalog& tiers, std::vector<std::string> tier_order, int year)
    : tiers_(tiers),
      tier_order_(std::move(tier_order)),
      start_(year - 1, 12, 31),
      end_(year, 12, 31),
      year_(year) {}

void TallyCounter::add_group(const std::string& group) {
    if (group.empty()) return;
    auto [it, inserted] = groups_.try_emplace(group);
    if (!inserted) return;
    for (const auto& tier : tier_order_) {
        TallyRow row;
        row.group = group;
        row.tier = tier;
        it->second.push_back(std::move(row));
    }
}

void TallyCounter::flush() {
    if (!row_) return;
    row_->holders_start += held_start_;
    row_->added += approved_in_year_ && !held_start_;
    row_->exited += held_start_ && !held_end_;
    row_->holders_end += held_end_;
    row_ = nullptr;
}

namespace {

// recognition_covers(r, tiers, start) and (…, end) for start < end, with the end of validity
// (a catalog lookup and date arithmetic when valid_to is empty) worked out once, not twice.
std::pair<bool, bool> covers_start_and_end(const Recognition& r, const TierCatalog& tiers,
                                           const Date& start, const Date& end) {
    if (end < r.valid_from) return {false, false};
    auto to = effective_valid_to(r, tiers);
    return {valid_on(r.valid_from, to, start), valid_on(r.valid_from, to, end)};
}

}  // namespace

void TallyCounter::add(const std::string& group, const Recognition& r) {
    if (group.empty()) return;
    if (row_ && r.credit_code == code_ && r.tier == tier_) {
        auto [covers_start, covers_end] = covers_start_and_end(r, tiers_, start_, end_);
        held_start_ = held_start_ || covers_start;
        held_end_ = held_end_ || covers_end;
        approved_in_year_ = approved_in_year_ || r.approved_on.year() == year_;
        return;
    }
    flush();
    auto tier = std::find(tier_order_.begin(), tier_order_.end(), r.tier);
    if (tier == tier_order_.end()) return;  // not a tier of these rows
    add_group(group);
    row_ = &groups_[group][static_cast<std::size_t>(tier - tier_order_.begin())];
    code_ = r.credit_code;
    tier_ = r.tier;
    std::tie(held_start_, held_end_) = covers_start_and_end(r, tiers_, start_, end_);
    approved_in_year_ = r.approved_on.year() == year_;
}

std::vector<TallyRow> TallyCounter::rows(
    const std::function<std::optional<int64_t>(const std::string& group, const std::string& tier)>&
        quota) {
    flush();
    std::vector<TallyRow> out;
    for (const auto& [group, rows] : groups_)
        for (TallyRow row : rows) {
            if (quota) row.quota = quota(group, row.tier);
            out.push_back(std::move(row));
        }
    return out;
}

std::vector<std::string> tally_firms(const TallyInput& in, const std::string& group,
                                     const std::string& tier, TallyMeasure measure) {
    auto states = firm_states(in);
    std::vector<std::string> out;
    for (const Firm& firm : *in.firms) {
        if (tally_group_of(firm, in.grouping) != group) continue;
        auto st = states.find(firm.credit_code);
        if (st == states.end()) continue;
        auto s = st->second.find(tier);
        if (s != st->second.end() && counts(s->second, measure)) out.push_back(firm.credit_code);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace ladder
