#include "db/audit_trail.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "model/i18n.hpp"

namespace ladder {

AuditVerification verify_audit_trail(Database& db, bool payloads) {
    AuditRepository repo(db);
    AuditVerification v = repo.verify(payloads);
    if (!v.intact) return v;
    long long entries = 0, last_id = 0;
    std::string last_hash;
    db.impl().sql << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1",
        soci::into(entries), soci::into(last_id), soci::into(last_hash);
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
            v.reason = fmt::format(fmt::runtime(_("the trail ends at entry {} but {} entries were "
                                                  "written, the last being entry {}: "
                                                  "the newest entries were deleted")),
                                   stored_last_id, entries, last_id);
        } else {
            v.first_bad_id = last_id + 1;
            v.reason = fmt::format(
                fmt::runtime(_(
                    "the trail holds {} entries but the audit head records {} ending at entry {}")),
                v.entries_checked, entries, last_id);
        }
    }
    return v;
}

AuditVerification check_audit_trail_on_open(Database& db) {
    // Other processes may be appending: count, head and tail must come from one state.
    ReadSnapshot snapshot(db);
    soci::session& sql = db.impl().sql;
    long long stored = 0, newest_id = 0;
    sql << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log", soci::into(stored),
        soci::into(newest_id);
    if (static_cast<std::size_t>(stored) <= kAuditFullCheckLimit)
        return verify_audit_trail(db, false);

    AuditVerification v;
    long long entries = 0, last_id = 0;
    std::string last_hash;
    sql << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1", soci::into(entries),
        soci::into(last_id), soci::into(last_hash);
    if (!sql.got_data()) {
        v.intact = false;
        v.reason = _("the audit head record is missing");
        return v;
    }
    if (stored != entries || newest_id != last_id) {
        v.intact = false;
        v.first_bad_id = std::min(newest_id, last_id) + 1;
        v.reason = fmt::format(fmt::runtime(_("the trail holds {} entries ending at entry {} but "
                                              "the audit head records {} ending at entry {}")),
                               stored, newest_id, entries, last_id);
        return v;
    }
    // Newest first from the repository; checked oldest first so the first bad entry is named.
    std::vector<AuditEntry> tail = AuditRepository(db).recent(kAuditTailCheckEntries);
    std::reverse(tail.begin(), tail.end());
    for (std::size_t k = 0; k < tail.size(); ++k) {
        const AuditEntry& e = tail[k];
        ++v.entries_checked;
        if (k > 0 && e.prev_hash != tail[k - 1].hash) {
            v.intact = false;
            v.first_bad_id = e.id;
            v.reason =
                fmt::format(fmt::runtime(_("entry {} does not link to the entry before it")), e.id);
            return v;
        }
        if (audit_hash(e) != e.hash) {
            v.intact = false;
            v.first_bad_id = e.id;
            v.reason =
                fmt::format(fmt::runtime(_("entry {} was changed after it was written")), e.id);
            return v;
        }
    }
    if (!tail.empty() && tail.back().hash != last_hash) {
        v.intact = false;
        v.first_bad_id = tail.back().id;
        v.reason = fmt::format(fmt::runtime(_("entry {} was changed after it was written")),
                               tail.back().id);
    }
    return v;
}

std::string audit_warning(const AuditVerification& v) {
    return fmt::format(
        fmt::runtime(_("audit trail check failed at entry {}: {}; the records may have been "
                       "tampered with (run `ladder-cli audit verify` for the full check)")),
        v.first_bad_id, v.reason);
}

}  // namespace ladder
