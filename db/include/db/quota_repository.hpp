#pragma once
// The stored quotas (the bureau's targets per tier and group, a year at a time) and the record of
// which years were seeded from their rule set's plan. The use case — who may set a quota, which
// groups exist, the audit of an edit — is services/quota_service.hpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace ladder {

struct RuleSet;

struct Quota {
    int year = 0;
    std::string tier;
    std::string group;
    int64_t value = 0;
};

class QuotaRepository {
  public:
    explicit QuotaRepository(Database& db) : db_(db) {}

    // Copies rules.quotas[year] for the province group the first time a year is used, with
    // an audit entry per quota, in one transaction; a no-op once seeded (so an administrator's
    // later edits stand). Returns rows inserted. The tally seeds the year it counts.
    std::size_t seed_from_plan(const RuleSet& rules, int year);
    // Records `year` as seeded without copying the plan (in the caller's transaction): the
    // targets stored for it are all it has (the demo's own, for a registry far smaller than a
    // province).
    void mark_seeded(int year, const std::string& rule_set);
    std::vector<Quota> of_year(int year);  // sorted by group, tier
    // (group, tier) → quota for `year`.
    std::map<std::pair<std::string, std::string>, int64_t> quotas(int year);
    std::optional<int64_t> find(int year, const std::string& tier, const std::string& group);
    // Inserts or changes one quota (in the caller's transaction).
    void store(int year, const std::string& tier, const std::string& group, int64_t value);

  private:
    Database& db_;
};

// "2020/high_tech/36": a quota's key in the audit trail.
std::string quota_key(int year, const std::string& tier, const std::string& group);

}  // namespace ladder
