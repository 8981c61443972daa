// The registry proved from the audit trail: every audited row must be what the last audit entry
// of its key says (see db/audit_trail.hpp), and anchors taken outside the database.
#include <optional>
#include <string>

#include <fmt/format.h>
#include <soci/soci.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "model/i18n.hpp"
#include "registry_check_walk.hpp"

namespace ladder {

using namespace check_detail;

// --- Anchors ------------------------------------------------------------------------------

AuditAnchor current_audit_head(Database& db) {
    auto newest = AuditRepository(db).recent(1);
    if (newest.empty()) return {0, kAuditGenesisHash};
    return {newest.front().id, newest.front().hash};
}

std::optional<std::string> check_anchor(Database& db, const AuditAnchor& anchor) {
    if (anchor.entry == 0) {
        if (anchor.hash == kAuditGenesisHash) return std::nullopt;
        return fmt::format(fmt::runtime(_("anchor {} names entry 0, which only the empty trail's "
                                          "hash {} may name")),
                           anchor.text(), kAuditGenesisHash);
    }
    soci::session& sql = db.impl().sql;
    std::string hash;
    long long id = anchor.entry;
    sql << "SELECT hash FROM audit_log WHERE id = :id", soci::into(hash), soci::use(id);
    if (!sql.got_data()) {
        long long newest = 0;
        soci::indicator ind = soci::i_ok;
        sql << "SELECT MAX(id) FROM audit_log", soci::into(newest, ind);
        if (ind == soci::i_null) newest = 0;
        return fmt::format(
            fmt::runtime(_("the trail has no entry {} (its newest is entry {}): entries were "
                           "deleted since anchor {} was taken")),
            anchor.entry, newest, anchor.text());
    }
    if (hash != anchor.hash)
        return fmt::format(fmt::runtime(_("entry {} has hash {}, not {}: the trail was rewritten "
                                          "since anchor {} was taken")),
                           anchor.entry, hash, anchor.hash, anchor.text());
    return std::nullopt;
}

// --- The registry against the trail --------------------------------------------------------

RegistryCheck check_registry(Database& db, std::size_t max_reported) {
    RegistryCheck check;
    Findings findings(check, max_reported);
    check_firms(db, findings);
    check_figures(db, findings);
    check_recognitions(db, findings);
    check_applications(db, findings);
    check_users(db, findings);
    check_quotas(db, findings);
    check_listing_stages(db, findings);
    check_negative_checks(db, findings);
    check_title_exits(db, findings);
    check_targets(db, findings);
    return check;
}

}  // namespace ladder
