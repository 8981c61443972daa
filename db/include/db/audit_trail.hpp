#pragma once
// Whole-trail checks beyond AuditRepository::verify: the chain must also end where the audit
// head (count and last hash, kept by the database in the inserting transaction) says, so
// deleting the newest entries is detected as well as editing or deleting older ones.
#include "db/database.hpp"
#include "model/audit.hpp"

namespace ladder {

AuditVerification verify_audit_trail(Database& db);

}  // namespace ladder
