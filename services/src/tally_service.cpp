#include "services/tally_service.hpp"
#include "services/title_service.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <string_view>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "db/audit_trail.hpp"
#include "db/quota_repository.hpp"
#include "db/registry_repository.hpp"
#include "db/tally_repository.hpp"
#include "model/resources.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/regions.hpp"
#include "model/tally.hpp"

namespace ladder {

namespace {

// The counts without the projection, read from the registry in one pass: the groups that
// have firms, then every recognition with its firm's group. Quotas are not filled in.
std::vector<TallyRow> count_registry(Database& db, const TierCatalog& catalog,
                                     const std::vector<std::string>& tier_order, int year,
                                     TallyGrouping grouping) {
    TallyCounter counter(catalog, tier_order, year);
    TallyRepository repo(db);
    for (const std::string& field : repo.group_fields(grouping))
        counter.add_group(tally_group_of_field(field, grouping));
    std::string group, last_field;
    repo.for_each_recognition_with_group(grouping,
                                         [&](const Recognition& r, std::string_view field) {
                                             if (field != last_field || group.empty()) {
                                                 group = tally_group_of_field(field, grouping);
                                                 last_field = field;
                                             }
                                             counter.add(group, r);
                                         });
    return counter.rows({});
}

// The tally cache (migration 4): the counts of one year, grouping and rule set, tagged with the
// registry generation they were counted at. Triggers raise the generation with every change
// of firms or recognitions, so a tally repeated between changes reads one row instead of
// every recognition, and the first tally after a change counts again.

// What the counting reads of the rule set: the tiers of the rows, in order, and the validity
// that ends a recognition without valid_to. The leading number is raised whenever the counting
// or this text changes, so a newer Ladder never reads an older one's counts.
std::string tally_rules_key(const std::vector<std::string>& tier_order,
                            const TierCatalog& catalog) {
    std::string key = "1";
    for (const std::string& id : tier_order) {
        const TierInfo* info = catalog.find(id);
        std::string validity = !info                  ? "unknown"
                               : info->validity_years ? std::to_string(*info->validity_years)
                                                      : "none";
        key += fmt::format(";{}:{}", id, validity);
    }
    return key;
}

std::string encode_counts(const std::vector<TallyRow>& rows) {
    std::string text;
    for (const TallyRow& r : rows)
        text += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", r.group, r.tier, r.holders_start, r.added,
                            r.exited, r.holders_end);
    return text;
}

// Empty when the text is not what encode_counts writes: the caller then counts again.
std::optional<std::vector<TallyRow>> decode_counts(std::string_view text) {
    std::vector<TallyRow> rows;
    while (!text.empty()) {
        std::size_t eol = text.find('\n');
        if (eol == std::string_view::npos) return std::nullopt;
        std::string_view line = text.substr(0, eol);
        text.remove_prefix(eol + 1);
        std::string_view fields[6];
        for (std::size_t i = 0; i < 6; ++i) {
            std::size_t tab = i < 5 ? line.find('\t') : line.size();
            if (tab == std::string_view::npos) return std::nullopt;
            fields[i] = line.substr(0, tab);
            line.remove_prefix(i < 5 ? tab + 1 : tab);
        }
        TallyRow row;
        row.group = std::string(fields[0]);
        row.tier = std::string(fields[1]);
        std::size_t* counts[] = {&row.holders_start, &row.added, &row.exited, &row.holders_end};
        for (std::size_t i = 0; i < 4; ++i) {
            std::string_view f = fields[2 + i];
            auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), *counts[i]);
            if (ec != std::errc() || end != f.data() + f.size()) return std::nullopt;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// The counts of `year` by `grouping`: from the cache when the registry has not changed since
// they were counted, else counted now (and kept). Counting and checking the generation read
// one consistent state, so counts are never tagged with a later generation than their data.
std::vector<TallyRow> tally_counts(Database& db, const RuleSet& rules, const TierCatalog& catalog,
                                   int year, TallyGrouping grouping) {
    std::vector<std::string> tier_order;
    for (const auto& t : rules.tiers) tier_order.push_back(t.id);
    const std::string key = tally_rules_key(tier_order, catalog);
    const std::string by(tally_grouping_name(grouping));
    TallyRepository repo(db);
    long long generation = 0;
    std::vector<TallyRow> counts;
    {
        ReadSnapshot snapshot(db);
        generation = repo.generation();
        if (auto text = repo.cached_counts(year, by, key, generation))
            if (auto cached = decode_counts(*text)) return std::move(*cached);
        counts = count_registry(db, catalog, tier_order, year, grouping);
    }
    repo.store_counts(year, by, key, generation, encode_counts(counts));
    return counts;
}

std::vector<AnnualTallyRow> streamed_rows(
    Database& db, const RuleSet& rules, const TierCatalog& catalog, int year,
    const std::map<std::pair<std::string, std::string>, int64_t>& quotas, TallyGrouping grouping) {
    std::vector<AnnualTallyRow> out;
    for (TallyRow& base : tally_counts(db, rules, catalog, year, grouping)) {
        auto quota = quotas.find({base.group, base.tier});
        if (quota != quotas.end()) base.quota = quota->second;
        AnnualTallyRow row;
        static_cast<TallyRow&>(row) = std::move(base);
        out.push_back(std::move(row));
    }
    return out;
}

// The model tally's input over a registry held in memory.
TallyInput registry_input(const std::vector<Firm>& firms,
                          const std::vector<Recognition>& recognitions, const TierCatalog& catalog,
                          const RuleSet& rules, int year, TallyGrouping grouping) {
    TallyInput in;
    in.firms = &firms;
    in.recognitions = &recognitions;
    in.tiers = &catalog;
    for (const auto& t : rules.tiers) in.tier_order.push_back(t.id);
    in.year = year;
    in.grouping = grouping;
    return in;
}

}  // namespace

AnnualTally::AnnualTally(Database& db, const RuleSet& rules, int year, bool projection,
                         Progress* progress)
    : db_(db), rules_(rules), year_(year), projection_(projection), catalog_(rules.tier_catalog()) {
    RegistryRepository repo(db);
    QuotaRepository quotas(db);
    quotas.seed_from_plan(rules, year);
    quotas_ = quotas.quotas(year);
    // Without the projection the counts come from the tally cache or are streamed from the
    // registry by rows(): a million firms are never held in memory.
    if (!projection) return;
    report(progress, 0, 0, _("Reading the registry"));
    firms_ = repo.load_firms();
    recognitions_ = repo.load_recognitions();

    ApplicationKeys apps = TallyRepository(db).application_keys(year);
    for (const auto& [code, tier] : apps.pending) facts_.pending[code].insert(tier);
    const Date start(year - 1, 12, 31);
    std::size_t done = 0, total = firms_.size();
    repo.for_each_firm_record(2000, [&](std::vector<FirmRecord>& chunk) {
        for (const FirmRecord& record : chunk) {
            const std::string& code = record.firm.credit_code;
            std::map<std::string, TierVerdict> verdicts;
            for (const EligibilityReport& r : evaluate_all(rules, record, year, Detail::verdicts))
                verdicts[r.tier] = r.verdict;
            for (const TierRules& tier : rules.tiers) {
                bool held = false, added = false;
                for (const Recognition& r : record.recognitions) {
                    if (r.tier != tier.id) continue;
                    held = held || recognition_covers(r, catalog_, start);
                    added = added || r.approved_on.year() == year;
                }
                if (verdicts[tier.id] == TierVerdict::eligible && !held && !added &&
                    !apps.any.count({code, tier.id}))
                    facts_.candidates[code].insert(tier.id);
            }
            for (const Recognition& r : record.recognitions) {
                if (!rules.find_tier(r.tier)) continue;
                auto to = effective_valid_to(r, catalog_);
                if (!to || to->year() != year) continue;
                ExpiringTitle e;
                e.credit_code = code;
                e.firm_name = record.firm.name;
                e.region_code = record.firm.region_code;
                e.tier = r.tier;
                e.valid_to = *to;
                for (const Recognition& later : record.recognitions)
                    e.renewed = e.renewed || (later.tier == r.tier &&
                                              recognition_covers(later, catalog_, to->add_days(1)));
                e.verdict = verdicts[r.tier];
                if (e.verdict != TierVerdict::eligible) {
                    EligibilityReport full =
                        evaluate(rules, record, year, r.tier, Detail::verdicts);
                    e.failed = full.failed();
                    e.missing = full.missing();
                }
                if (!e.renewed) {
                    facts_.expiring[code].insert(r.tier);
                    if (e.verdict != TierVerdict::eligible) facts_.at_risk[code].insert(r.tier);
                }
                expiring_.push_back(std::move(e));
            }
            ++done;
        }
        report(progress, done, total, _("Evaluating firms"));
    });
    std::sort(expiring_.begin(), expiring_.end(),
              [](const ExpiringTitle& a, const ExpiringTitle& b) {
                  return std::tie(a.valid_to, a.credit_code, a.tier) <
                         std::tie(b.valid_to, b.credit_code, b.tier);
              });
}

std::vector<AnnualTallyRow> AnnualTally::rows(TallyGrouping grouping) const {
    if (!projection_) return streamed_rows(db_, rules_, catalog_, year_, quotas_, grouping);
    TallyInput in = registry_input(firms_, recognitions_, catalog_, rules_, year_, grouping);
    in.quota = [this](const std::string& group, const std::string& tier) -> std::optional<int64_t> {
        auto it = quotas_.find({group, tier});
        if (it == quotas_.end()) return std::nullopt;
        return it->second;
    };
    return annual_tally_rows(in, projection_ ? &facts_ : nullptr);
}

std::vector<ChainRevenueRow> AnnualTally::chain_revenue(int fiscal_year) const {
    std::vector<ChainRevenueRow> rows;
    for (const Chain& c : kChains) {
        ChainRevenueRow row;
        row.chain = std::string(c.id);
        row.zh = std::string(c.zh);
        row.target_yi = c.revenue_target_2020;
        rows.push_back(std::move(row));
    }
    for (const ChainRevenueFacts& facts : TallyRepository(db_).chain_revenue(fiscal_year)) {
        auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const ChainRevenueRow& r) { return r.chain == facts.chain; });
        if (it == rows.end()) continue;
        it->firms = facts.firms;
        it->firms_reporting = facts.reporting;
        it->revenue_fen = facts.revenue_fen;
    }
    return rows;
}

AnnualReportInput AnnualTally::report_input() const {
    AnnualReportInput in;
    in.rules = &rules_;
    in.year = year_;
    in.province_name = RegionTable::shipped().name("36");
    for (auto g : {TallyGrouping::province, TallyGrouping::city, TallyGrouping::county,
                   TallyGrouping::chain})
        in.tallies.emplace_back(g, rows(g));
    in.revenue_year = year_ - 1;
    in.chain_revenue = chain_revenue(in.revenue_year);
    in.expiring = expiring_;
    in.generated = fmt::format("报送日期：{}", Date::today().to_string());
    if (projection_) {  // the registry is in memory only with the projection
        TallyInput base =
            registry_input(firms_, recognitions_, catalog_, rules_, year_, TallyGrouping::province);
        // From the year after the registry's first recognitions (in their own year every title
        // counts as an addition), at most ten years: more is unreadable on a page.
        int first =
            std::max(std::min(first_recognition_year(recognitions_, year_) + 1, year_), year_ - 9);
        in.trend = tier_trend(base, first, year_);
        in.flow_ladder = cultivation_ladder(rules_);
        in.flow = tier_flow(recognitions_, catalog_, in.flow_ladder, year_);
        if (first < year_)
            in.flow_span = tier_flow(recognitions_, catalog_, in.flow_ladder, first, year_);
    }
    // The map's outlines ship with the program; a build without them gives a report without it.
    if (auto shapes = resource_dir() / "maps" / "jiangxi-cities.txt";
        std::filesystem::exists(shapes))
        in.city_shapes = load_region_shapes(shapes);
    if (auto shapes = resource_dir() / "maps" / "jiangxi-counties.txt";
        std::filesystem::exists(shapes))
        in.county_shapes = load_region_shapes(shapes);
    // The year's ends with their cause, and every recorded exit for the flow.
    TitleService titles(db_, catalog_);
    in.ends = titles.ends(year_);
    in.exits = titles.recorded_exits();
    // Read after the counts: the report's data is at or before this entry, which is what an
    // anchor must guarantee (the trail held it when the report was made).
    in.audit_head = current_audit_head(db_).text();
    return in;
}

std::vector<std::pair<std::string, std::string>> tally_bar_firms(Database& db, const RuleSet& rules,
                                                                 int year, const std::string& group,
                                                                 const std::string& tier,
                                                                 TallyMeasure measure) {
    RegistryRepository repo(db);
    std::vector<Firm> all = repo.load_firms();
    std::vector<Recognition> recognitions = repo.load_recognitions();
    TierCatalog catalog = rules.tier_catalog();
    TallyInput in = registry_input(all, recognitions, catalog, rules, year,
                                   group.size() == 2   ? TallyGrouping::province
                                   : group.size() == 4 ? TallyGrouping::city
                                                       : TallyGrouping::county);
    std::vector<std::string> codes = tally_firms(in, group, tier, measure);
    std::sort(codes.begin(), codes.end());
    std::vector<std::pair<std::string, std::string>> firms;
    for (const auto& f : all)
        if (std::binary_search(codes.begin(), codes.end(), f.credit_code))
            firms.emplace_back(f.credit_code, f.name);
    return firms;
}

}  // namespace ladder
