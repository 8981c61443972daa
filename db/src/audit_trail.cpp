#include "db/audit_trail.hpp"

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "model/i18n.hpp"

namespace ladder {

AuditVerification verify_audit_trail(Database& db) {
    AuditRepository repo(db);
    AuditVerification v = repo.verify();
    if (!v.intact) return v;
    long long entries = 0, last_id = 0;
    std::string last_hash;
    db.impl().sql << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1", soci::into(entries),
        soci::into(last_id), soci::into(last_hash);
    if (!db.impl().sql.got_data()) {
        v.intact = false;
        v.reason = _("the audit head record is missing");
        return v;
    }
    auto newest = repo.recent(1);
    std::string stored_last = newest.empty() ? kAuditGenesisHash : newest.front().hash;
    int64_t stored_last_id = newest.empty() ? 0 : newest.front().id;
    if (static_cast<long long>(v.entries_checked) != entries || stored_last != last_hash) {
        v.intact = false;
        if (static_cast<long long>(v.entries_checked) < entries) {
            v.first_bad_id = stored_last_id + 1;
            v.reason = fmt::format(
                fmt::runtime(_("the trail ends at entry {} but {} entries were written, the last being entry {}: "
                               "the newest entries were deleted")),
                stored_last_id, entries, last_id);
        } else {
            v.first_bad_id = last_id + 1;
            v.reason = fmt::format(
                fmt::runtime(_("the trail holds {} entries but the audit head records {} ending at entry {}")),
                v.entries_checked, entries, last_id);
        }
    }
    return v;
}

}  // namespace ladder
