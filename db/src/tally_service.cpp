#include "db/tally_service.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/quota_service.hpp"
#include "db/registry_repository.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/regions.hpp"
#include "model/tally.hpp"

namespace ladder {

namespace {

struct ApplicationKeys {
    std::set<std::pair<std::string, std::string>> pending, any;
};

ApplicationKeys application_keys(Database& db, int year) {
    ApplicationKeys keys;
    std::string code, tier, state;
    soci::indicator closed_i = soci::i_null;
    std::string closed;
    soci::statement st =
        (db.impl().sql.prepare << "SELECT credit_code, tier, state, publicity_closed_on FROM "
                                  "applications WHERE assessment_year = :y",
         soci::into(code), soci::into(tier), soci::into(state), soci::into(closed, closed_i),
         soci::use(year));
    st.execute();
    while (st.fetch()) {
        keys.any.insert({code, tier});
        if (state == "submitted" || (state == "approved" && closed_i == soci::i_null))
            keys.pending.insert({code, tier});
    }
    return keys;
}

// The counts without the projection, read from the registry in one pass: the groups that
// have firms, then every recognition with its firm's group.
std::vector<AnnualTallyRow> streamed_rows(
    Database& db, const RuleSet& rules, const TierCatalog& catalog, int year,
    const std::map<std::pair<std::string, std::string>, int64_t>& quotas, TallyGrouping grouping) {
    std::vector<std::string> tier_order;
    for (const auto& t : rules.tiers) tier_order.push_back(t.id);
    TallyCounter counter(catalog, std::move(tier_order), year);
    soci::session& sql = db.impl().sql;
    const char* column = grouping == TallyGrouping::Chain ? "chain" : "region_code";

    // Every group with a firm: one index seek per distinct value, not a scan of every firm.
    std::string value;
    soci::indicator value_i = soci::i_null;
    soci::statement groups =
        (sql.prepare << fmt::format(
             "WITH RECURSIVE v(x) AS (SELECT MIN({0}) FROM firms UNION ALL "
             "SELECT (SELECT MIN({0}) FROM firms WHERE {0} > v.x) FROM v WHERE v.x IS NOT NULL) "
             "SELECT x FROM v WHERE x IS NOT NULL",
             column),
         soci::into(value, value_i));
    groups.execute();
    while (groups.fetch())
        if (value_i != soci::i_null) counter.add_group(tally_group_of_field(value, grouping));

    // Every recognition with its firm's group, in the key order (firm, tier) the counter needs.
    constexpr std::size_t kRows = 5000;
    std::vector<std::string> code(kRows), tier(kRows), approved(kRows), from(kRows), to(kRows),
        field(kRows);
    std::vector<soci::indicator> to_i(kRows), field_i(kRows);
    soci::statement st =
        (sql.prepare << fmt::format(
             "SELECT r.credit_code, r.tier, r.approved_on, r.valid_from, r.valid_to, f.{} "
             "FROM recognitions r JOIN firms f ON f.credit_code = r.credit_code "
             "ORDER BY r.credit_code, r.tier",
             column),
         soci::into(code), soci::into(tier), soci::into(approved), soci::into(from),
         soci::into(to, to_i), soci::into(field, field_i));
    Recognition r;
    std::string group, last_field;
    bool more = st.execute(true);
    while (!code.empty()) {
        for (std::size_t k = 0; k < code.size(); ++k) {
            const std::string& f = field_i[k] == soci::i_null ? std::string() : field[k];
            if (f != last_field || group.empty()) {
                group = tally_group_of_field(f, grouping);
                last_field = f;
            }
            r.credit_code = code[k];
            r.tier = tier[k];
            r.approved_on = *Date::parse(approved[k]);
            r.valid_from = *Date::parse(from[k]);
            r.valid_to = to_i[k] == soci::i_null ? std::nullopt : Date::parse(to[k]);
            counter.add(group, r);
        }
        if (!more) break;
        for (auto* v : {&code, &tier, &approved, &from, &to, &field}) v->resize(kRows);
        to_i.resize(kRows);
        field_i.resize(kRows);
        more = st.fetch();
    }
    std::vector<AnnualTallyRow> out;
    for (TallyRow& base : counter.rows(
             [&quotas](const std::string&g, const std::string&t) -> std::optional<int64_t> {
                 auto it = quotas.find({g, t});
                 if (it == quotas.end()) return std::nullopt;
                 return it->second;
             })) {
        AnnualTallyRow row;
        static_cast<TallyRow&>(row) = std::move(base);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

AnnualTally::AnnualTally(Database& db, const RuleSet& rules, int year, bool projection,
                         Progress* progress)
    : db_(db), rules_(rules), year_(year), projection_(projection), catalog_(rules.tier_catalog()) {
    RegistryRepository repo(db);
    QuotaService quotas(db);
    quotas.seed(rules, year);
    quotas_ = quotas.quotas(year);
    // Without the projection the counts are streamed from the registry by rows(), group by
    // group: a million firms are never held in memory.
    if (!projection) return;
    report(progress, 0, 0, _("Reading the registry"));
    firms_ = repo.load_firms();
    recognitions_ = repo.load_recognitions();

    ApplicationKeys apps = application_keys(db, year);
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
    TallyInput in;
    in.firms = &firms_;
    in.recognitions = &recognitions_;
    in.tiers = &catalog_;
    for (const auto& t : rules_.tiers) in.tier_order.push_back(t.id);
    in.year = year_;
    in.grouping = grouping;
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
    std::string chain;
    long long firms = 0, reporting = 0, revenue = 0;
    soci::indicator chain_i = soci::i_null, revenue_i = soci::i_null;
    soci::statement st =
        (db_.impl().sql.prepare
             << "SELECT f.chain, COUNT(*), COUNT(g.revenue), SUM(g.revenue) FROM firms f "
                "LEFT JOIN figures g ON g.credit_code = f.credit_code AND g.year = :y "
                "GROUP BY f.chain",
         soci::into(chain, chain_i), soci::into(firms), soci::into(reporting),
         soci::into(revenue, revenue_i), soci::use(fiscal_year));
    st.execute();
    while (st.fetch()) {
        if (chain_i == soci::i_null) continue;
        auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const ChainRevenueRow& r) { return r.chain == chain; });
        if (it == rows.end()) continue;
        it->firms = static_cast<std::size_t>(firms);
        it->firms_reporting = static_cast<std::size_t>(reporting);
        it->revenue_hundredths = revenue_i == soci::i_null ? 0 : revenue;
    }
    return rows;
}

AnnualReportInput AnnualTally::report_input() const {
    AnnualReportInput in;
    in.rules = &rules_;
    in.year = year_;
    in.province_name = RegionTable::shipped().name("36");
    for (auto g : {TallyGrouping::Province, TallyGrouping::City, TallyGrouping::County,
                   TallyGrouping::Chain})
        in.tallies.emplace_back(g, rows(g));
    in.revenue_year = year_ - 1;
    in.chain_revenue = chain_revenue(in.revenue_year);
    in.expiring = expiring_;
    in.generated = fmt::format("生成日期：{}", Date::today().to_string());
    return in;
}

}  // namespace ladder
