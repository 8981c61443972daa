#pragma once
// Whole-trail checks beyond AuditRepository::verify: the chain must also end where the audit
// head (count and last hash, kept by the database in the inserting transaction) says, so
// deleting the newest entries is detected as well as editing or deleting older ones.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/audit.hpp"

namespace ladder {

// With `payloads` false, the rows of an import's chunk entries are not read (the check on open).
AuditVerification verify_audit_trail(Database& db, bool payloads = true);

// Trails up to this many entries are verified whole when a registry is opened.
inline constexpr std::size_t kAuditFullCheckLimit = 20000;
// Entries at the end of a longer trail whose hashes and links are recomputed when it is opened.
inline constexpr std::size_t kAuditTailCheckEntries = 200;

// The check every front end runs when it opens a registry. Recomputing a long trail takes
// seconds (631,211 entries after importing a 100,000-firm registry: 5.7 s of CPU), so beyond
// kAuditFullCheckLimit entries only what is cheap is checked: the head agrees with the entry
// count and the newest id, and the newest kAuditTailCheckEntries entries hash and link
// correctly. That catches deleted or appended rows and edits near the end; an edit deep in a
// long trail is found by `ladder-cli audit verify` (the full check), as is a change of the rows
// an import's chunk entry carries beside it (their digest is checked by the full check only).
AuditVerification check_audit_trail_on_open(Database& db);

// The one-line warning a front end shows when the check failed, translated:
// "审计链校验失败：… 请运行 ladder-cli audit verify" / "audit trail check failed: …".
std::string audit_warning(const AuditVerification& v);

// --- Anchors -----------------------------------------------------------------------------

// The newest entry of the trail as an anchor (entry 0 and the genesis hash when it is empty).
AuditAnchor current_audit_head(Database& db);
// Empty when the trail holds entry `anchor.entry` with hash `anchor.hash`; otherwise why not,
// translated ("the trail has no entry 812 …", "entry 812 has hash … not …"). Together with an
// intact chain this proves every entry up to the anchor is the one that was there when the
// anchor was taken.
std::optional<std::string> check_anchor(Database& db, const AuditAnchor& anchor);

// --- The registry against the trail --------------------------------------------------------

// A row that the trail does not account for, or a key the trail holds that has no row.
struct RegistryDiscrepancy {
    std::string table;    // firms, figures, recognitions, applications, users, ...
    std::string key;      // as the trail names it: "91360…", "91360…/2019", an application id
    std::string problem;  // translated, e.g. "changed outside Ladder: name is … in entry 17, …"
};

struct RegistryCheck {
    std::size_t rows_checked = 0;
    std::size_t discrepancies = 0;              // all that were found
    std::vector<RegistryDiscrepancy> reported;  // the first `max_reported`, table by table
    bool matches() const { return discrepancies == 0; }
};

// Proves the registry from the trail: for every audited table (firms, figures, recognitions,
// applications and their decisions, users without their password hash, quotas, listing
// stages) each row must be what the last audit entry of its key says, and each key whose last
// entry leaves a row must have one. A row changed, inserted or deleted by anything but Ladder
// (the sqlite3 shell, psql) is reported with its table and key. One merge walk per table over
// the rows and the trail, both in key order: linear in the registry and the trail, memory flat.
// Run it inside a ReadSnapshot (or a Transaction) to check one consistent state while others
// write; on PostgreSQL the walks are server-side cursors, so memory stays flat there too.
RegistryCheck check_registry(Database& db, std::size_t max_reported = 20);

}  // namespace ladder
