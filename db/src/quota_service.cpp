#include "db/quota_service.hpp"

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

namespace {

constexpr const char* kProvince = "36";  // Jiangxi

std::string quota_key(int year, const std::string& tier, const std::string& group) {
    return fmt::format("{}/{}/{}", year, tier, group);
}

bool valid_group(const std::string& group) {
    if (group == kProvince) return true;
    if (find_chain(group) && find_chain(group)->id == group) return true;
    const Region* region = RegionTable::shipped().find(group);
    return region && (group.size() == 4 || group.size() == 6) && group.rfind(kProvince, 0) == 0;
}

}  // namespace

std::size_t QuotaService::seed(const RuleSet& rules, int year) {
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
            long long existing = 0;
            std::string group = kProvince;
            sql << "SELECT COUNT(*) FROM quotas WHERE year = :y AND tier = :t AND group_code = :g",
                soci::into(existing), soci::use(year), soci::use(tier), soci::use(group);
            if (existing) continue;
            long long v = value;
            sql << "INSERT INTO quotas (year, tier, group_code, quota) VALUES (:y, :t, :g, :q)",
                soci::use(year), soci::use(tier), soci::use(group), soci::use(v);
            AuditEntry e;
            e.action = "seed";
            e.entity = "quota";
            e.entity_key = quota_key(year, tier, group);
            e.after = fmt::format("quota={};rule_set={}", value, rules.id);
            audit.push_back(std::move(e));
            ++inserted;
        }
    }
    std::string now = utc_timestamp_now();
    sql << "INSERT INTO quota_seeds (year, rule_set, seeded_at) VALUES (:y, :r, :at)",
        soci::use(year), soci::use(rules.id), soci::use(now);
    AuditRepository(db_).append(std::move(audit), "system");
    tx.commit();
    return inserted;
}

std::vector<Quota> QuotaService::list(int year) {
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

std::map<std::pair<std::string, std::string>, int64_t> QuotaService::quotas(int year) {
    std::map<std::pair<std::string, std::string>, int64_t> out;
    for (const Quota& q : list(year)) out[{q.group, q.tier}] = q.value;
    return out;
}

void QuotaService::set(const Actor& by, const RuleSet& rules, int year, const std::string& tier,
                       const std::string& group, int64_t value) {
    require_permission(by.name, by.role, Operation::edit_quotas);
    if (!rules.find_tier(tier))
        throw WorkflowError(
            fmt::format(fmt::runtime(_("rule set {} has no tier {}")), rules.id, tier));
    if (!valid_group(group))
        throw WorkflowError(
            fmt::format(fmt::runtime(_("{} is not a quota group: use 36 (the province), a Jiangxi "
                                       "city or county code, or a "
                                       "chain id")),
                        group));
    if (value < 0) throw WorkflowError(_("a quota cannot be negative"));
    // Seed first, so an admin's early edit is not later overwritten by the plan's value.
    seed(rules, year);
    Transaction tx(db_);
    soci::session& sql = db_.impl().sql;
    long long old = 0;
    soci::indicator old_i = soci::i_null;
    sql << "SELECT quota FROM quotas WHERE year = :y AND tier = :t AND group_code = :g",
        soci::into(old, old_i), soci::use(year), soci::use(tier), soci::use(group);
    bool exists = sql.got_data() && old_i == soci::i_ok;
    long long v = value;
    if (exists)
        sql << "UPDATE quotas SET quota = :q WHERE year = :y AND tier = :t AND group_code = :g",
            soci::use(v), soci::use(year), soci::use(tier), soci::use(group);
    else
        sql << "INSERT INTO quotas (year, tier, group_code, quota) VALUES (:y, :t, :g, :q)",
            soci::use(year), soci::use(tier), soci::use(group), soci::use(v);
    AuditEntry e;
    e.action = exists ? "update" : "insert";
    e.entity = "quota";
    e.entity_key = quota_key(year, tier, group);
    if (exists) e.before = fmt::format("quota={}", old);
    e.after = fmt::format("quota={}", value);
    AuditRepository(db_).append({e}, by.name);
    tx.commit();
}

}  // namespace ladder
