#include "services/audit_service.hpp"

#include "db/audit_repository.hpp"

namespace ladder {

std::vector<AuditEntry> AuditService::history(const std::string& entity, const std::string& key) {
    return AuditRepository(db_).history(entity, key);
}

std::vector<AuditEntry> AuditService::recent(std::size_t limit) {
    return AuditRepository(db_).recent(limit);
}

AuditVerification AuditService::check_on_open() {
    return check_audit_trail_on_open(db_);
}

AuditVerification AuditService::verify() {
    return verify_audit_trail(db_);
}

RegistryCheck AuditService::check_registry(std::size_t max_reported) {
    return ladder::check_registry(db_, max_reported);
}

AuditAnchor AuditService::head() {
    return current_audit_head(db_);
}

std::optional<std::string> AuditService::check_anchor(const AuditAnchor& anchor) {
    return ladder::check_anchor(db_, anchor);
}

}  // namespace ladder
