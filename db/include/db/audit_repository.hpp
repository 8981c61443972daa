#pragma once
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/audit.hpp"

namespace ladder {

class AuditRepository {
  public:
    explicit AuditRepository(Database& db) : db_(db) {}
    // Chains `entries` after the last stored one and appends them (caller's transaction).
    // Entries without a timestamp or actor get now / `actor`.
    void append(std::vector<AuditEntry> entries, const std::string& actor);
    std::size_t count();
    // Entries for one entity key, oldest first.
    std::vector<AuditEntry> history(const std::string& entity, const std::string& entity_key);
    std::vector<AuditEntry> recent(std::size_t limit);
    // Whether any entry records `action` on `entity` (e.g. the demo command's "demo"/"registry").
    bool contains(const std::string& action, const std::string& entity);
    // Recomputes every hash and link from the first entry on.
    AuditVerification verify();

  private:
    Database& db_;
};

}  // namespace ladder
