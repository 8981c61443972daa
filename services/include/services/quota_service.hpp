#pragma once
// Annual quotas per tier and group: the province ("36"), a city or county code, or a chain id.
// A year is seeded once from its rule set's quotas (the plan's province targets); after that
// only administrators change them, each change in the audit trail.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "db/quota_repository.hpp"
#include "model/application.hpp"

namespace ladder {

struct RuleSet;

class QuotaService {
  public:
    explicit QuotaService(Database& db) : db_(db) {}
    // Copies rules.quotas[year] for the province group the first time a year is used; a
    // no-op once seeded (so an administrator's later edits stand). Returns rows inserted.
    std::size_t seed(const RuleSet& rules, int year);
    std::vector<Quota> list(int year);  // sorted by group, tier
    // (group, tier) → quota for `year`.
    std::map<std::pair<std::string, std::string>, int64_t> quotas(int year);
    // Administrators only. `group` must be "36", a Jiangxi city or county code, or a chain id.
    void set(const Actor& by, const RuleSet& rules, int year, const std::string& tier,
             const std::string& group, int64_t value);

  private:
    Database& db_;
};

}  // namespace ladder
