#pragma once
// Storage of the listing pipeline's stage changes. The order of stages and four eyes are the
// workflow service's (services/workflow_service.hpp, rules in model/application.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/application.hpp"

namespace ladder {

// Stage changes, proposed, confirmed or rejected.
class ListingRepository {
  public:
    explicit ListingRepository(Database& db) : db_(db) {}
    std::vector<ListingStageRecord> stages(const std::string& credit_code);  // oldest first
    std::optional<ListingStageRecord> find(int64_t id);
    // A pending change; returns its id. `at` is the UTC timestamp of the proposal.
    int64_t insert(const ListingStageRecord& change, const std::string& at);
    // The review: status, reviewer, time and the comment that stays.
    void store_review(const ListingStageRecord& change, const std::string& at);

  private:
    Database& db_;
};

}  // namespace ladder
