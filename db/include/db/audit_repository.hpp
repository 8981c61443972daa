#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
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
    // Entries for one entity key, oldest first. A row inserted by an import is found inside
    // its chunk's entry (see AuditWriter) and shown as that entry's "insert" of the key.
    std::vector<AuditEntry> history(const std::string& entity, const std::string& entity_key);
    std::vector<AuditEntry> recent(std::size_t limit);
    // Whether any entry records `action` on `entity` (e.g. the demo command's "demo"/"registry").
    bool contains(const std::string& action, const std::string& entity);
    // Recomputes every hash and link from the first entry on, and with `payloads` the digest
    // of every chunk's rows (AuditWriter) — what the check on open leaves out.
    AuditVerification verify(bool payloads = true);

  private:
    // The rows stored beside a chunk entry (AuditWriter), if any.
    std::optional<std::string> payload_of(int64_t id);

    Database& db_;
};

// Writes the audit of a bulk write (an import, the demo) as its entries come, a chunk at a
// time: changes of stored rows one entry each, as AuditRepository::append does, and inserted
// rows (entries with action "insert" and no before value) as one entry per 50,000 rows of an
// entity, carrying their keys and values compressed. Call finish() before committing.
class AuditWriter {
  public:
    AuditWriter(Database& db, std::string actor) : repo_(db), actor_(std::move(actor)) {}
    void add(std::vector<AuditEntry>&& entries);
    void finish();

  private:
    using Pending = std::vector<std::pair<std::string, std::string>>;  // key, audit text
    void flush(const std::string& entity, Pending& rows);

    AuditRepository repo_;
    std::string actor_;
    std::map<std::string, Pending> inserted_;  // by entity
};

}  // namespace ladder
