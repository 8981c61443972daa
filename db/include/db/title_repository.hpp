#pragma once
// Storage of title exits (revocation, surrender, failed re-review: model/title_cycle.hpp) and
// of the bureau's multi-year targets (目标任务). Rules, roles and audit entries are
// services/title_service.hpp's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/title_cycle.hpp"

namespace ladder {

class TitleRepository {
  public:
    explicit TitleRepository(Database& db) : db_(db) {}
    std::vector<TitleExit> exits_of(const std::string& credit_code);
    std::vector<TitleExit> all_exits();  // by credit code, tier, valid_from
    std::optional<TitleExit> find_exit(const std::string& credit_code, const std::string& tier,
                                       const Date& valid_from);
    void insert_exit(const TitleExit& exit);

    std::vector<Target> targets();  // by year, tier
    std::optional<Target> find_target(int year, const std::string& tier);
    void store_target(const Target& target);  // inserts or replaces

  private:
    std::vector<TitleExit> read_exits(const std::string* credit_code);
    Database& db_;
};

}  // namespace ladder
