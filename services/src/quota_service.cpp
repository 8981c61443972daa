#include "services/quota_service.hpp"

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

namespace {

constexpr const char* kProvince = "36";  // Jiangxi

bool valid_group(const std::string& group) {
    if (group == kProvince) return true;
    if (find_chain(group) && find_chain(group)->id == group) return true;
    const Region* region = RegionTable::shipped().find(group);
    return region && (group.size() == 4 || group.size() == 6) && group.rfind(kProvince, 0) == 0;
}

}  // namespace

std::size_t QuotaService::seed(const RuleSet& rules, int year) {
    return QuotaRepository(db_).seed_from_plan(rules, year);
}

std::vector<Quota> QuotaService::list(int year) {
    return QuotaRepository(db_).of_year(year);
}

std::map<std::pair<std::string, std::string>, int64_t> QuotaService::quotas(int year) {
    return QuotaRepository(db_).quotas(year);
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
    QuotaRepository quotas(db_);
    std::optional<int64_t> old = quotas.find(year, tier, group);
    quotas.store(year, tier, group, value);
    AuditEntry e;
    e.action = old ? "update" : "insert";
    e.entity = "quota";
    e.entity_key = quota_key(year, tier, group);
    if (old) e.before = fmt::format("quota={}", *old);
    e.after = fmt::format("quota={}", value);
    AuditRepository(db_).append({e}, by.name);
    tx.commit();
}

}  // namespace ladder
