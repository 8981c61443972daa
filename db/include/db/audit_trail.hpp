#pragma once
// Whole-trail checks beyond AuditRepository::verify: the chain must also end where the audit
// head (count and last hash, kept by the database in the inserting transaction) says, so
// deleting the newest entries is detected as well as editing or deleting older ones.
#include <cstddef>
#include <string>

#include "db/database.hpp"
#include "model/audit.hpp"

namespace ladder {

AuditVerification verify_audit_trail(Database& db);

// Trails up to this many entries are verified whole when a registry is opened.
inline constexpr std::size_t kAuditFullCheckLimit = 20000;
// Entries at the end of a longer trail whose hashes and links are recomputed when it is opened.
inline constexpr std::size_t kAuditTailCheckEntries = 200;

// The check every front end runs when it opens a registry. Recomputing a long trail takes
// seconds (631,211 entries after importing a 100,000-firm registry: 5.7 s of CPU), so beyond
// kAuditFullCheckLimit entries only what is cheap is checked: the head agrees with the entry
// count and the newest id, and the newest kAuditTailCheckEntries entries hash and link
// correctly. That catches deleted or appended rows and edits near the end; an edit deep in a
// long trail is found by `ladder-cli audit verify` (the full check).
AuditVerification check_audit_trail_on_open(Database& db);

// The one-line warning a front end shows when the check failed, translated:
// "审计链校验失败：… 请运行 ladder-cli audit verify" / "audit trail check failed: …".
std::string audit_warning(const AuditVerification& v);

}  // namespace ladder
