#include "db/quota_repository.hpp"

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

namespace {
constexpr const char* kProvince = "36";  // Jiangxi
}  // namespace

std::string quota_key(int year, const std::string& tier, const std::string& group) {
    return fmt::format("{}/{}/{}", year, tier, group);
}

std::size_t QuotaRepository::seed_from_plan(const RuleSet& rules, int year) {
    soci::session& sql = db_.impl().sql;
    long long seeded = 0;
    sql << "SELECT COUNT(*) FROM quota_seeds WHERE year = :y", soci::into(seeded), soci::use(year);
    if (seeded > 0) return 0;
    Transaction tx(db_);
    std::vector<AuditEntry> audit;
    std::size_t inserted = 0;
    auto it = rules.quotas.find(year);
    if (it != rules.quotas.end()) {
        for (const auto& [tier, value] : it->second) {
            const std::string group = kProvince;
            if (find(year, tier, group)) continue;
            store(year, tier, group, value);
            AuditEntry e;
            e.action = "seed";
            e.entity = "quota";
            e.entity_key = quota_key(year, tier, group);
            e.after = fmt::format("quota={};rule_set={}", value, rules.id);
            audit.push_back(std::move(e));
            ++inserted;
        }
    }
    mark_seeded(year, rules.id);
    AuditRepository(db_).append(std::move(audit), "system");
    tx.commit();
    return inserted;
}

void QuotaRepository::mark_seeded(int year, const std::string& rule_set) {
    std::string now = utc_timestamp_now();
    db_.impl().sql << "INSERT INTO quota_seeds (year, rule_set, seeded_at) VALUES (:y, :r, :at)",
        soci::use(year), soci::use(rule_set), soci::use(now);
}

std::vector<Quota> QuotaRepository::of_year(int year) {
    std::vector<Quota> out;
    Quota q;
    q.year = year;
    long long value = 0;
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT tier, group_code, quota FROM quotas WHERE year = :y "
                                   "ORDER BY group_code, tier",
         soci::into(q.tier), soci::into(q.group), soci::into(value), soci::use(year));
    st.execute();
    while (st.fetch()) {
        q.value = value;
        out.push_back(q);
    }
    return out;
}

std::map<std::pair<std::string, std::string>, int64_t> QuotaRepository::quotas(int year) {
    std::map<std::pair<std::string, std::string>, int64_t> out;
    for (const Quota& q : of_year(year)) out[{q.group, q.tier}] = q.value;
    return out;
}

std::optional<int64_t> QuotaRepository::find(int year, const std::string& tier,
                                             const std::string& group) {
    soci::session& sql = db_.impl().sql;
    long long value = 0;
    soci::indicator value_i = soci::i_null;
    sql << "SELECT quota FROM quotas WHERE year = :y AND tier = :t AND group_code = :g",
        soci::into(value, value_i), soci::use(year), soci::use(tier), soci::use(group);
    if (!sql.got_data() || value_i != soci::i_ok) return std::nullopt;
    return value;
}

void QuotaRepository::store(int year, const std::string& tier, const std::string& group,
                            int64_t value) {
    soci::session& sql = db_.impl().sql;
    long long v = value;
    if (find(year, tier, group))
        sql << "UPDATE quotas SET quota = :q WHERE year = :y AND tier = :t AND group_code = :g",
            soci::use(v), soci::use(year), soci::use(tier), soci::use(group);
    else
        sql << "INSERT INTO quotas (year, tier, group_code, quota) VALUES (:y, :t, :g, :q)",
            soci::use(year), soci::use(tier), soci::use(group), soci::use(v);
}

}  // namespace ladder
