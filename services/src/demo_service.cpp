#include "services/demo_service.hpp"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "db/audit_repository.hpp"
#include "db/quota_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/import_schema.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"
#include "model/tally.hpp"
#include "model/rules/evaluate.hpp"
#include "services/title_service.hpp"
#include "services/workflow_service.hpp"

namespace ladder {

namespace {
// The audit entry that marks a demo registry (is_demo_registry looks for it).
constexpr const char* kDemoAction = "demo";
constexpr const char* kDemoEntity = "registry";
constexpr std::size_t kBatch = 50000;

// FNV-1a of `text`, mixed with the seed: the demo's choices that must not depend on the order
// of generation.
uint64_t demo_hash(const std::string& text, uint64_t seed) {
    uint64_t h = 0xCBF29CE484222325ull ^ (seed * 0x9E3779B97F4A7C15ull);
    for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

// The titles of a batch the demo revokes on `on`: about one in forty 高新 and 专精特新 titles
// held that day, so the pipeline also loses firms (the flow's 撤销或主动放弃, the exits).
void pick_revocations(const DemoBatch& batch, const TierCatalog& catalog, const Date& on,
                      uint64_t seed, std::vector<TitleExit>& out) {
    for (const auto& r : batch.recognitions)
        if ((r.tier == "high_tech" || r.tier == "specialized") &&
            recognition_covers(r, catalog, on) &&
            demo_hash(r.credit_code + "/" + r.tier, seed) % 40 == 0) {
            TitleExit e;
            e.credit_code = r.credit_code;
            e.tier = r.tier;
            e.cause = ExitCause::revoked;
            e.exit_on = on;
            e.doc_no = fmt::format("赣工信企业字〔{}〕{}号", on.year(), 90 + out.size() % 10);
            e.reason = "核查发现数据造假（演示数据）";
            out.push_back(std::move(e));
        }
}

// Adds a batch's additions of `year` by (county, tier) as the tally counts them: a batch holds
// every recognition of its firms, so batches add up.
void count_additions(const DemoBatch& batch, const RuleSet& rules, const TierCatalog& catalog,
                     int year, std::map<std::pair<std::string, std::string>, int64_t>& added) {
    TallyInput in;
    in.firms = &batch.firms;
    in.recognitions = &batch.recognitions;
    in.tiers = &catalog;
    for (const auto& t : rules.tiers) in.tier_order.push_back(t.id);
    in.year = year;
    in.grouping = TallyGrouping::county;
    for (const TallyRow& row : compute_tally(in))
        if (row.added) added[{row.group, row.tier}] += static_cast<int64_t>(row.added);
}

// The demo's own targets for its assessment year (the year after its last figures): per county
// and tier, the additions the demo made divided by a completion between 40 % and 110 % that
// differs by city and tier (drawn from the seed), varied a little by county; a city's target
// is the sum of its counties', the province's the sum of its cities' (so the report's county
// subtotals are the cities' rows). The plan's real targets are for a real province, far larger
// than any demo; these make the first screen show cities ahead of and behind their targets.
// They replace the plan's for that year: a tier the demo adds nothing to has no target (the
// plan's 单项冠军 or 上市 numbers would read 0 %). Stored with their audit entries.
void store_demo_targets(Database& db, const DemoOptions& options, const std::string& rule_set,
                        const std::map<std::pair<std::string, std::string>, int64_t>& added,
                        std::vector<AuditEntry>& audit) {
    const int year = options.last_year + 1;
    QuotaRepository quotas(db);
    quotas.mark_seeded(year, rule_set);
    std::map<std::string, int64_t> province;
    std::map<std::pair<std::string, std::string>, int64_t> cities;
    auto store = [&](const std::string& tier, const std::string& group, int64_t value) {
        quotas.store(year, tier, group, value);
        AuditEntry e;
        e.action = "insert";
        e.entity = "quota";
        e.entity_key = quota_key(year, tier, group);
        e.after = fmt::format("quota={}", value);
        audit.push_back(std::move(e));
    };
    auto share = [&](const std::string& key) {
        return static_cast<double>(demo_hash(key, options.seed) % 1001) / 1000.0;
    };
    for (const auto& [key, n] : added) {
        const auto& [county, tier] = key;
        if (county.size() != 6) continue;  // a firm without a county counts in no target
        const std::string city = county.substr(0, 4);
        const double completion = std::clamp(
            (0.4 + 0.7 * share(city + "/" + tier)) * (0.9 + 0.2 * share(county + "/" + tier)), 0.35,
            1.15);
        const int64_t target =
            std::max<int64_t>(1, std::llround(static_cast<double>(n) / completion));
        store(tier, county, target);
        cities[{city, tier}] += target;
    }
    for (const auto& [key, target] : cities) {
        store(key.second, key.first, target);
        province[key.second] += target;
    }
    for (const auto& [tier, target] : province) store(tier, "36", target);
}

// The first firms of a batch with everything the rules read, for the demo's applications.
std::vector<FirmRecord> first_records(const DemoBatch& batch, std::size_t limit) {
    std::vector<FirmRecord> records;
    std::map<std::string, std::size_t> at;
    for (const Firm& f : batch.firms) {
        if (records.size() == limit) break;
        at.emplace(f.credit_code, records.size());
        records.push_back({f, {}, {}, {}, {}});
    }
    for (const YearFigures& y : batch.figures)
        if (auto it = at.find(y.credit_code); it != at.end())
            records[it->second].figures.push_back(y);
    for (const Recognition& r : batch.recognitions)
        if (auto it = at.find(r.credit_code); it != at.end())
            records[it->second].recognitions.push_back(r);
    return records;
}

// A few applications wait in review, as on a working day: for 专精特新, 高新 and 规上 the
// first firm eligible that neither holds the title nor lost one, submitted by the demo's
// clerk and waiting at the first review level.
std::size_t submit_demo_applications(Database& db, const RuleSet& rules,
                                     const std::vector<FirmRecord>& records,
                                     const std::vector<TitleExit>& revoked, int year,
                                     const Date& on) {
    WorkflowService workflow(db, shipped_rule_source());
    const Actor clerk{"clerk", Role::clerk};
    std::set<std::string> used;
    for (const TitleExit& e : revoked) used.insert(e.credit_code);
    std::size_t submitted = 0;
    for (const char* tier : {"specialized", "high_tech", "above_scale"}) {
        if (!rules.find_tier(tier)) continue;
        for (const FirmRecord& r : records) {
            if (used.count(r.firm.credit_code)) continue;
            if (holds(rules, r, tier, Date(year, 1, 1))) continue;
            if (evaluate(rules, r, year, tier, Detail::verdicts).verdict != TierVerdict::eligible)
                continue;
            try {
                workflow.submit_new(clerk, r.firm.credit_code, tier, year, on,
                                    "演示数据：待审核的申请");
            } catch (const WorkflowError&) {
                continue;  // refused (a rule of the workflow): the next firm
            }
            used.insert(r.firm.credit_code);
            ++submitted;
            break;
        }
    }
    return submitted;
}

}  // namespace

DemoCounts fill_demo_registry(Database& db, const DemoOptions& options) {
    DemoCounts n;
    RegistryRepository repo(db);
    // A demo fills an empty registry: every record is new (credit codes are unique by
    // construction), so no batch looks for stored rows.
    if (repo.count_firms() != 0)
        throw UsageError(
            _("the registry is not empty; the demo fills a new registry (use --db "
              "NEW_FILE)"));
    Transaction tx(db);
    // Every row is audited as an import would audit it, so that the trail proves the
    // demo registry as it proves a real one (`audit verify`).
    AuditRepository audit(db);
    AuditWriter trail(db, "system");
    AuditSink record = [&](std::vector<AuditEntry>&& entries) { trail.add(std::move(entries)); };
    // The assessment year's additions (for the demo's targets) and the titles revoked in it.
    const int year = options.last_year + 1;
    const RuleSet* rules = RuleSetLibrary::shipped().for_year(year);
    const TierCatalog catalog = rules ? rules->tier_catalog() : TierCatalog();
    std::map<std::pair<std::string, std::string>, int64_t> added;
    const Date revoked_on(year, 6, 30);
    std::vector<TitleExit> revocations;
    std::vector<FirmRecord> first;  // the first batch's first firms, for the applications
    generate_demo(options, RegionTable::shipped(), kBatch, [&](DemoBatch&& batch) {
        if (first.empty()) first = first_records(batch, 2000);
        if (rules) {
            if (revoked_on < options.today)
                pick_revocations(batch, catalog, revoked_on, options.seed, revocations);
            count_additions(batch, *rules, catalog, year, added);
        }
        n.firms += repo.upsert(batch.firms, record, true).inserted;
        n.figures += repo.upsert(batch.figures, record, true).inserted;
        n.recognitions += repo.upsert(batch.recognitions, record, true).inserted;
    });
    trail.finish();
    std::vector<AuditEntry> targets;
    if (rules) store_demo_targets(db, options, rules->id, added, targets);
    audit.append(std::move(targets), "system");
    AuditEntry entry;
    entry.action = kDemoAction;
    entry.entity = kDemoEntity;
    entry.entity_key = db.description();
    entry.after = fmt::format("firms={} figures={} recognitions={} seed={}", n.firms, n.figures,
                              n.recognitions, options.seed);
    audit.append({entry}, "system");
    tx.commit();
    // Revoked after the fill as a reviewer revokes a title: one transaction each, audited.
    if (rules) {
        TitleService titles(db, catalog);
        const Actor reviewer{"system", Role::reviewer};
        for (const TitleExit& e : revocations) {
            titles.end_title(reviewer, e);
            ++n.revocations;
        }
        n.applications =
            submit_demo_applications(db, *rules, first, revocations, year, options.today);
    }
    return n;
}

DemoCounts write_demo_files(const std::filesystem::path& dir, const DemoOptions& options) {
    DemoCounts n;
    // The benchmark's input: the import format, exactly as a clerk's file would be.
    std::filesystem::create_directories(dir);
    // Streamed batch by batch: a million firms never sit in memory as text.
    std::ofstream f(dir / "firms.csv", std::ios::binary), y(dir / "figures.csv", std::ios::binary),
        r(dir / "recognitions.csv", std::ios::binary);
    write_csv_record(f, export_header(RecordKind::firms));
    write_csv_record(y, export_header(RecordKind::figures));
    write_csv_record(r, export_header(RecordKind::recognitions));
    generate_demo(options, RegionTable::shipped(), kBatch, [&](DemoBatch&& batch) {
        for (const auto& x : batch.firms) write_csv_record(f, to_cells(x));
        for (const auto& x : batch.figures) write_csv_record(y, to_cells(x));
        for (const auto& x : batch.recognitions) write_csv_record(r, to_cells(x));
        n.firms += batch.firms.size();
        n.figures += batch.figures.size();
        n.recognitions += batch.recognitions.size();
    });
    if (!f || !y || !r) throw std::runtime_error(_("cannot write the demo files"));
    return n;
}

bool is_demo_registry(Database& db) {
    return AuditRepository(db).contains(kDemoAction, kDemoEntity);
}

}  // namespace ladder
