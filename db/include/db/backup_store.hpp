#pragma once
// A registry's files: consistent online backups (SQLite backup API, so the application may keep
// running), a backup staged and checked for a restore, automatic rotating backups, and moving a
// single-user SQLite registry into a PostgreSQL deployment. Who may restore, and what a restore
// refuses, is services/maintenance_service.hpp's.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "db/database.hpp"
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

// A backup file copied next to the registry and checked to be one this version can take:
// a Ladder registry of this or an older schema that, when `<source>.head` exists, holds the
// audit entry it names (a file swapped for another is refused). Throws InputError or
// SchemaError naming the file, and UsageError on PostgreSQL; the backup file is never written.
// The staged copy is removed when this goes out of scope.
class StagedBackup {
  public:
    StagedBackup(Database& db, const std::filesystem::path& source);
    ~StagedBackup();
    StagedBackup(const StagedBackup&) = delete;
    StagedBackup& operator=(const StagedBackup&) = delete;

    // The staged copy, opened (so brought to this version's schema).
    Database& registry();
    // The backup's own schema version, before it was opened.
    int schema_version() const;
    // Replaces the registry it was staged for with the staged copy, at this version's schema.
    void replace_registry();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};
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
