#include "services/maintenance_service.hpp"

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/database_roles.hpp"
#include "db/schema_version.hpp"
#include "db/user_repository.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/workflow.hpp"

namespace ladder {

namespace fs = std::filesystem;

AuditAnchor MaintenanceService::backup(const fs::path& target, bool overwrite) {
    return backup_registry(db_, target, overwrite);
}

fs::path MaintenanceService::head_file(const fs::path& backup) {
    return backup_head_file(backup);
}

MigrationReport MaintenanceService::migrate_to(const std::string& target_url) {
    return migrate_registry(db_, target_url);
}

RestoreResult MaintenanceService::restore(const Actor& by, const fs::path& source,
                                          const RestoreOptions& options) {
    // The replaced registry's own users decide: a restore also replaces users and audit trail.
    const bool had_users = UserRepository(db_).count() > 0;
    if (had_users) require_permission(by.name, by.role, Operation::restore_registry);
    const std::string file_name = source.filename().string();
    StagedBackup staged(db_, source);

    RestoreResult result;
    // A broken trail would become this registry's: refused unless an administrator insists.
    AuditVerification v = verify_audit_trail(staged.registry());
    if (!v.intact)
        result.forced_over = fmt::format(
            fmt::runtime(_("its audit trail is broken at entry {}: {}")), v.first_bad_id, v.reason);
    // A backup edited outside Ladder has an intact trail that no longer proves its rows.
    if (result.forced_over.empty()) {
        RegistryCheck rows = check_registry(staged.registry(), 1);
        if (!rows.matches()) {
            const RegistryDiscrepancy& first = rows.reported.front();
            result.forced_over = fmt::format(
                fmt::runtime(_("{} of its rows are not what its audit trail says (first: {} {}: "
                               "{})")),
                rows.discrepancies, first.table, first.key, first.problem);
        }
    }
    if (!result.forced_over.empty()) {
        if (!options.force)
            throw InputError({{file_name, 0, "",
                               fmt::format(fmt::runtime(_("{}; an administrator may restore it "
                                                          "anyway with --force")),
                                           result.forced_over)}});
        require_permission(by.name, by.role, Operation::restore_registry);
    }
    // Users are never carried over from the replaced registry (their history is in its trail,
    // not the backup's): such a backup goes into a new registry instead.
    if (had_users && UserRepository(staged.registry()).count() == 0)
        throw InputError({{file_name, 0, "",
                           _("the backup has no users, and restoring it would leave this "
                             "registry without sign-in; restore it into a new registry instead")}});

    if (options.keep_previous) result.previous = rotating_backup(db_, "before-restore");
    staged.replace_registry();
    AuditEntry entry;
    entry.action = "restore";
    entry.entity = "registry";
    entry.entity_key = file_name;
    std::string after = fmt::format("schema_version={}", staged.schema_version());
    if (!result.forced_over.empty())
        after += fmt::format(";forced=yes;refused_because={}", result.forced_over);
    entry.after = std::move(after);
    Transaction tx(db_);
    AuditRepository(db_).append({std::move(entry)}, by.name);
    tx.commit();
    return result;
}

int MaintenanceService::latest_schema_version() {
    return ladder::latest_schema_version();
}

void MaintenanceService::grant_application_role(const std::string& role) {
    ladder::grant_application_role(db_, role);
}

}  // namespace ladder
