#pragma once
// Keeping a registry safe: consistent online backups (SQLite backup API, so the application
// may keep running), restore, automatic rotating backups, and moving a single-user SQLite
// registry into a PostgreSQL deployment.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

#include "db/database.hpp"
#include "db/user_service.hpp"
#include "model/audit.hpp"

namespace ladder {

// Copies the open SQLite registry into `target` page by page while others may keep writing.
// An existing `target` is replaced only with `overwrite`; the live registry itself (its file,
// WAL or journal, by any path, symlink or hard link) never is (InputError naming the file).
// Throws UsageError on PostgreSQL (use pg_dump there). Returns the audit head the copy holds
// ("N:HASH", the anchor it was made at), also written beside it as `<target>.head`.
AuditAnchor backup_registry(Database& db, const std::filesystem::path& target,
                            bool overwrite = false);
// The side file naming a backup's audit head: "<backup>.head".
std::filesystem::path backup_head_file(const std::filesystem::path& backup);

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
// Replaces the registry `db` with the contents of the backup file `source`. The backup is
// checked first, on a staged copy, and nothing changes when it is refused (InputError): it must
// be a Ladder registry this version can open; when `<source>.head` exists the backup must hold
// the audit entry it names (a file swapped for another is refused); its audit trail must verify,
// registry rows included (unless `options.force`); and a backup without users never replaces a
// registry that has users (it would leave the registry without sign-in; restore such a backup
// into a new registry instead). Once the registry has users only an administrator may restore
// (PermissionError otherwise). The restore is recorded at the end of the restored audit trail.
RestoreResult restore_registry(Database& db, const std::filesystem::path& source,
                               const Actor& actor, const RestoreOptions& options = {});
// A backup next to the SQLite file, in "<file>.backups/", named by `reason` and time; keeps
// the newest `keep` of them, and removes temporaries left by backups whose process was killed
// mid-copy. Returns the path written (empty on PostgreSQL or in-memory).
std::filesystem::path rotating_backup(Database& db, const std::string& reason,
                                      std::size_t keep = 5);

struct MigrationReport {
    std::map<std::string, std::size_t> rows;  // table → rows copied (and verified)
    std::size_t audit_entries_verified = 0;
};
// Copies every table of `source` (SQLite) into the EMPTY database at `target_url`
// (PostgreSQL), in one transaction, then verifies row counts and the audit hash chain on the
// target. Throws on any difference, leaving the target unchanged.
MigrationReport migrate_registry(Database& source, const std::string& target_url);

}  // namespace ladder
