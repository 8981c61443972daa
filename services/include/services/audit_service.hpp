#pragma once
// Reading and proving the audit trail, for every front end: a record's history, the newest
// entries, the check run when a registry is opened, the full verification (the chain, the head
// and every audited row against the trail) and anchors. The chain and the checks themselves
// are db/'s (audit_repository, audit_trail); the result types and audit_warning come with
// this header.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "db/audit_trail.hpp"
#include "db/database.hpp"
#include "model/audit.hpp"

namespace ladder {

class AuditService {
  public:
    explicit AuditService(Database& db) : db_(db) {}

    // Every entry about one record, oldest first (an import's chunk entry included when it
    // inserted the record).
    std::vector<AuditEntry> history(const std::string& entity, const std::string& key);
    // The newest `limit` entries, newest first.
    std::vector<AuditEntry> recent(std::size_t limit);

    // The check a front end runs on open: whole trails up to kAuditFullCheckLimit entries,
    // else the head and the newest entries.
    AuditVerification check_on_open();
    // The whole chain against the head.
    AuditVerification verify();
    // Every audited row against the trail: changes made outside Ladder.
    RegistryCheck check_registry(std::size_t max_reported = 20);

    // The newest entry as "N:HASH", the anchor a report, a backup or an export names.
    AuditAnchor head();
    // Why the trail no longer holds `anchor`; empty when it does.
    std::optional<std::string> check_anchor(const AuditAnchor& anchor);

  private:
    Database& db_;
};

}  // namespace ladder
