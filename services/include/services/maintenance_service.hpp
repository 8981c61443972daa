#pragma once
// Keeping a registry safe: backups, restore and moving a SQLite registry to PostgreSQL. The
// service decides who may restore and what a restore refuses; the files themselves are
// db/backup_store.hpp's (SQLite's online backup API, the staged copy, the table copy).
#include <filesystem>
#include <string>

#include "db/backup_store.hpp"
#include "db/database.hpp"
#include "model/application.hpp"
#include "model/audit.hpp"

namespace ladder {

struct RestoreOptions {
    // Restore a backup whose audit trail does not verify (administrators only; the restore's
    // audit entry says it was forced and why it had been refused).
    bool force = false;
    // Keep the replaced registry as a rotating backup ("before-restore") first.
    bool keep_previous = true;
};
struct RestoreResult {
    std::filesystem::path previous;  // where the replaced registry was kept (empty: not kept)
    std::string forced_over;         // the audit failure a forced restore went past
};

class MaintenanceService {
  public:
    explicit MaintenanceService(Database& db) : db_(db) {}

    // The schema version this build's migrations bring a registry to (`--version`, 关于).
    static int latest_schema_version();
    // PostgreSQL: gives the existing role `role` the application rights on every table —
    // daily work without the owner's (see db/database_roles.hpp). Run as the owner.
    void grant_application_role(const std::string& role);

    // Copies the open SQLite registry into `target` page by page while others may keep
    // writing; see backup_registry (db/backup_store.hpp). Returns the audit head the copy holds.
    AuditAnchor backup(const std::filesystem::path& target, bool overwrite = false);
    // The side file naming a backup's audit head: "<backup>.head".
    static std::filesystem::path head_file(const std::filesystem::path& backup);

    // Replaces the registry with the contents of the backup file `source`. The backup is
    // checked first, on a staged copy, and nothing changes when it is refused (InputError): it
    // must be a Ladder registry this version can open; when `<source>.head` exists the backup
    // must hold the audit entry it names (a file swapped for another is refused); its audit
    // trail must verify, registry rows included (unless `options.force`); and a backup without
    // users never replaces a registry that has users (it would leave the registry without
    // sign-in; restore such a backup into a new registry instead). Once the registry has users
    // only an administrator may restore (PermissionError otherwise). The restore is recorded at
    // the end of the restored audit trail.
    RestoreResult restore(const Actor& by, const std::filesystem::path& source,
                          const RestoreOptions& options = {});

    // Copies every table into the EMPTY PostgreSQL database at `target_url`; see
    // migrate_registry (db/backup_store.hpp).
    MigrationReport migrate_to(const std::string& target_url);

  private:
    Database& db_;
};

}  // namespace ladder
