#include "db/backup_store.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "migrations.hpp"
#include "model/audit.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"

namespace ladder {

namespace fs = std::filesystem;
// SOCI's header declares the SQLite C API inside this namespace (and guards against a second
// inclusion of <sqlite3.h>).
using namespace sqlite_api;

namespace {

sqlite3* sqlite_handle(Database& db) {
    if (db.backend() != Backend::sqlite)
        throw UsageError(
            _("backup and restore work on SQLite registries; use pg_dump for PostgreSQL"));
    return static_cast<soci::sqlite3_session_backend*>(db.impl().sql.get_backend())->conn_;
}

// Copies database `from` into `to` with the online backup API, yielding to writers.
void copy_pages(sqlite3* from, sqlite3* to) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        throw StorageError(fmt::format(fmt::runtime(_("backup failed: {}")), sqlite3_errmsg(to)));
    int rc;
    while ((rc = sqlite3_backup_step(b, 4096)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        throw StorageError(fmt::format(fmt::runtime(_("backup failed: {}")), sqlite3_errstr(rc)));
}

struct SqliteFile {
    sqlite3* handle = nullptr;
    SqliteFile(const fs::path& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
            std::string why = handle ? sqlite3_errmsg(handle) : "out of memory";
            sqlite3_close(handle);
            throw StorageError(
                fmt::format(fmt::runtime(_("cannot open {}: {}")), path.string(), why));
        }
        sqlite3_busy_timeout(handle, 30000);
    }
    ~SqliteFile() { sqlite3_close(handle); }
};

std::string now_for_file_name() {
    std::string t = utc_timestamp_now();  // 2020-01-01T12:00:00Z
    std::replace(t.begin(), t.end(), ':', '-');
    return t;
}

// A backup is written to "<target>.tmp-<pid>" and renamed when complete. A process killed in
// between leaves its temporary file behind; it is removed once that process is gone (a live
// writer's file, even one reused by an unrelated pid, is left alone).
void remove_abandoned_temporaries(const fs::path& dir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        const auto mark = name.rfind(".tmp-");
        if (mark == std::string::npos) continue;
        const char* first = name.data() + mark + 5;
        const char* last = name.data() + name.size();
        long pid = 0;
        auto [end, err] = std::from_chars(first, last, pid);
        if (err != std::errc() || end != last || pid <= 0) continue;
        if (pid == static_cast<long>(::getpid())) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        fs::remove_all(e.path(), ec);  // a restore's staging directory too
    }
}

// Whether `path` is one of the live registry's files (the database, its WAL, shared memory or
// rollback journal), by whatever name: the same inode, or the same place once symlinks are
// resolved (a journal that does not exist right now is still the registry's).
bool is_live_registry_file(Database& db, const fs::path& path) {
    const fs::path& live = db.impl().sqlite_file;
    if (live.empty() || live == ":memory:") return false;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::path file = live;
        file += suffix;
        std::error_code same_ec, a_ec, b_ec;
        if (fs::equivalent(path, file, same_ec) && !same_ec) return true;
        fs::path a = fs::weakly_canonical(path, a_ec), b = fs::weakly_canonical(file, b_ec);
        if (!a_ec && !b_ec && a == b) return true;
    }
    return false;
}

void refuse_live_registry(Database& db, const fs::path& path) {
    if (is_live_registry_file(db, path))
        throw InputError({{path.string(), 0, "",
                           _("is the registry in use; a backup never replaces it (choose another "
                             "file)")}});
}

// Where a restore stages the backup it checks: next to the registry (same file system, same
// protection), in a directory removed when the restore ends, or by the next rotating backup
// when the process was killed.
class StagingDir {
  public:
    explicit StagingDir(Database& db) {
        const fs::path& live = db.impl().sqlite_file;
        fs::path parent = fs::temp_directory_path();
        if (!live.empty() && live != ":memory:") {
            parent = live;
            parent += ".backups";
        }
        if (!fs::exists(parent)) made_parent_ = parent;
        path_ = parent / ("restore.tmp-" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_);
        ::chmod(path_.c_str(), 0700);
    }
    ~StagingDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
        // A refused restore leaves no trace; fs::remove keeps a directory that is not empty.
        if (!made_parent_.empty()) fs::remove(made_parent_, ec);
    }
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
    fs::path made_parent_;  // the backups directory, when it was made for this restore
};

// The newest audit entry of the registry file `conn` as an anchor; nullopt when the file has
// no audit trail (not a Ladder registry).
std::optional<AuditAnchor> newest_audit_entry(sqlite3* conn) {
    sqlite3_stmt* st = nullptr;
    std::optional<AuditAnchor> head;
    if (sqlite3_prepare_v2(conn, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", -1, &st,
                           nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return head;
    }
    head = AuditAnchor{0, kAuditGenesisHash};
    if (sqlite3_step(st) == SQLITE_ROW)
        head = AuditAnchor{sqlite3_column_int64(st, 0),
                           reinterpret_cast<const char*>(sqlite3_column_text(st, 1))};
    sqlite3_finalize(st);
    return head;
}

// The hash of audit entry `id` in the registry file `conn`; empty when there is none.
std::string audit_entry_hash(sqlite3* conn, int64_t id) {
    sqlite3_stmt* st = nullptr;
    std::string hash;
    if (sqlite3_prepare_v2(conn, "SELECT hash FROM audit_log WHERE id = ?1", -1, &st, nullptr) ==
        SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            hash = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return hash;
}

}  // namespace

fs::path backup_head_file(const fs::path& backup) {
    fs::path side = backup;
    side += ".head";
    return side;
}

AuditAnchor backup_registry(Database& db, const fs::path& target, bool overwrite) {
    sqlite3* from = sqlite_handle(db);
    // A connection inside its own write transaction cannot be a backup's source (every step
    // says it is locked); a second connection reads the last committed registry beside it (WAL),
    // which is what a backup taken before the transaction's first write must hold.
    std::optional<SqliteFile> reader;
    if (!sqlite3_get_autocommit(from) && !db.impl().sqlite_file.empty()) {
        reader.emplace(db.impl().sqlite_file, SQLITE_OPEN_READONLY);
        from = reader->handle;
    }
    refuse_live_registry(db, target);
    std::error_code ec;
    if (fs::is_directory(target, ec))
        throw InputError({{target.string(), 0, "", _("is a directory, not a backup file")}});
    // symlink_status: a symlink is "existing" even when it points nowhere.
    if (!overwrite && fs::exists(fs::symlink_status(target, ec)))
        throw InputError(
            {{target.string(), 0, "",
              _("already exists; a backup does not replace a file unless you pass --force")}});
    fs::path tmp = target;
    tmp += ".tmp-" + std::to_string(::getpid());
    fs::remove(tmp);
    AuditAnchor head;
    {
        SqliteFile to(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        ::chmod(tmp.c_str(), 0600);
        copy_pages(from, to.handle);
        // Read from the copy: exactly the trail the backup holds, whoever wrote meanwhile.
        head = newest_audit_entry(to.handle).value_or(AuditAnchor{0, kAuditGenesisHash});
    }
    // The anchor beside the file, so that a backup swapped for another one is recognised
    // (restore_registry checks it); the command prints it for keeping elsewhere too.
    fs::path side = backup_head_file(target);
    {
        std::ofstream out(side, std::ios::binary | std::ios::trunc);
        out << head.text() << '\n';
        if (!out)
            throw StorageError(fmt::format(fmt::runtime(_("cannot write {}")), side.string()));
    }
    fs::rename(tmp, target);
    return head;
}

struct StagedBackup::Impl {
    Database& db;
    sqlite3* to;
    StagingDir staging;
    int version = -1;
    std::optional<Database> staged;  // closed before the staging directory goes

    Impl(Database& registry, sqlite3* handle) : db(registry), to(handle), staging(registry) {}
};

StagedBackup::StagedBackup(Database& db, const fs::path& source) {
    sqlite3* to = sqlite_handle(db);
    const std::string file_name = source.filename().string();
    if (!fs::exists(source)) throw InputError({{file_name, 0, "", _("file not found")}});
    if (is_live_registry_file(db, source))
        throw InputError({{file_name, 0, "", _("is the registry in use, not a backup")}});
    // Every check runs on a staged copy brought to this version's schema, so the backup file
    // is never written and the registry changes only once the backup has passed them all.
    impl_ = std::make_unique<Impl>(db, to);
    const fs::path staged_file = impl_->staging.path() / "staged.db";
    int& version = impl_->version;
    {
        SqliteFile from(source, SQLITE_OPEN_READONLY);
        // Only a Ladder registry this version understands replaces the current one.
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(from.handle, "SELECT MAX(version) FROM schema_version", -1, &st,
                               nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (version < 1)
            throw InputError({{file_name, 0, "", _("is not a Ladder registry backup")}});
        if (version > latest_schema_version())
            throw SchemaError(fmt::format(
                fmt::runtime(_("the backup has schema version {}, newer than this Ladder ({})")),
                version, latest_schema_version()));
        // The head the backup was made at, when its side file came along: another file under
        // the backup's name (an older backup, another registry, an edited copy) does not hold it.
        if (std::ifstream side(backup_head_file(source)); side) {
            std::string line;
            std::getline(side, line);
            auto named = AuditAnchor::parse(line);
            if (named &&
                (named->entry == 0 ? named->hash != kAuditGenesisHash
                                   : audit_entry_hash(from.handle, named->entry) != named->hash))
                throw InputError(
                    {{file_name, 0, "",
                      fmt::format(fmt::runtime(_("does not hold audit entry {} that {} "
                                                 "names: it is not the backup that was "
                                                 "made (swapped or altered)")),
                                  named->text(), backup_head_file(source).filename().string())}});
        }
        SqliteFile copy(staged_file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        ::chmod(staged_file.c_str(), 0600);
        copy_pages(from.handle, copy.handle);
    }
    impl_->staged.emplace(Database::open_file(staged_file));
}

StagedBackup::~StagedBackup() = default;

Database& StagedBackup::registry() {
    return *impl_->staged;
}

int StagedBackup::schema_version() const {
    return impl_->version;
}

void StagedBackup::replace_registry() {
    copy_pages(sqlite_handle(*impl_->staged), impl_->to);
    impl_->db.impl().schema_version = migrate(impl_->db);
}

fs::path rotating_backup(Database& db, const std::string& reason, std::size_t keep) {
    if (db.backend() != Backend::sqlite || db.impl().sqlite_file.empty() ||
        db.impl().sqlite_file == ":memory:")
        return {};
    fs::path file = db.impl().sqlite_file;
    fs::path dir = file;
    dir += ".backups";
    fs::create_directories(dir);
    remove_abandoned_temporaries(dir);
    const std::string stem =
        fmt::format("{}-{}-{}", file.stem().string(), reason, now_for_file_name());
    // Two backups in the same second (an import of firms, then of figures) keep both.
    fs::path target = dir / (stem + ".db");
    for (int n = 2; fs::exists(target); ++n) target = dir / fmt::format("{}-{}.db", stem, n);
    backup_registry(db, target, /*overwrite=*/true);
    std::vector<fs::path> existing;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".db") existing.push_back(e.path());
    std::sort(existing.begin(), existing.end(), [](const fs::path& a, const fs::path& b) {
        return fs::last_write_time(a) > fs::last_write_time(b);
    });
    for (std::size_t i = keep; i < existing.size(); ++i) {
        fs::remove(existing[i]);
        fs::remove(backup_head_file(existing[i]));
    }
    return target;
}

MigrationReport migrate_registry(Database& source, const std::string& target_url) {
    if (source.backend() != Backend::sqlite)
        throw UsageError(_("the source of a migration must be a SQLite registry"));
    Database target = Database::open(target_url);
    soci::session& from = source.impl().sql;
    soci::session& to = target.impl().sql;

    // Tables in creation order, so referenced tables are filled before those that refer to them.
    // The name search index (firm_search*) is derived from firms, and the tally cache with its
    // generation counter from firms and recognitions; the target keeps its own. So it does its
    // audit head: its trigger moves it over the entries as they are copied (nobody may delete or
    // set it by hand on PostgreSQL), and it must then say what the source's says.
    std::vector<std::string> tables;
    {
        std::vector<std::string> names(200);
        from << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'firm_search%' AND name <> 'schema_version' "
                "AND name NOT IN ('registry_generation', 'registry_changes', 'tally_cache', "
                "'audit_head') "
                "ORDER BY rowid",
            soci::into(names);
        tables = names;
    }
    // "Empty" means no registry and no history yet; rows a new schema seeds for itself (such
    // as bookkeeping rows) are replaced by the source's.
    for (const std::string table : {"firms", "audit_log"}) {
        long long n = 0;
        to << "SELECT COUNT(*) FROM " + table, soci::into(n);
        if (n != 0)
            throw UsageError(fmt::format(
                fmt::runtime(_("the target database is not empty (table {} has {} rows)")), table,
                n));
    }

    MigrationReport report;
    Transaction tx(target);
    // Identifiers cannot be bound; these come from the schema, never from input.
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) to << "DELETE FROM " + *it;
    constexpr std::size_t kChunk = 5000;
    for (const auto& table : tables) {
        std::vector<std::string> columns;
        soci::rowset<soci::row> info = (from.prepare << "PRAGMA table_info(" + table + ")");
        for (const auto& r : info) columns.push_back(r.get<std::string>(1));
        std::string column_list, params;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            column_list += (i ? ", " : "") + columns[i];
            params += fmt::format("{}:p{}", i ? ", " : "", i);
        }
        std::vector<std::vector<std::string>> values(columns.size());
        std::vector<std::vector<soci::indicator>> present(columns.size());
        std::size_t copied = 0;
        auto flush = [&] {
            if (values.empty() || values[0].empty()) return;
            soci::statement st(to);
            st.alloc();
            for (std::size_t c = 0; c < columns.size(); ++c)
                st.exchange(soci::use(values[c], present[c]));
            st.prepare("INSERT INTO " + table + " (" + column_list + ") VALUES (" + params + ")");
            st.define_and_bind();
            st.execute(true);
            copied += values[0].size();
            for (auto& v : values) v.clear();
            for (auto& p : present) p.clear();
        };
        soci::rowset<soci::row> rows = (from.prepare << "SELECT " + column_list + " FROM " + table);
        for (const auto& r : rows) {
            for (std::size_t c = 0; c < columns.size(); ++c) {
                // Every value travels as text; the target's column types convert it.
                std::string text;
                bool null = r.get_indicator(c) == soci::i_null;
                if (!null) {
                    switch (r.get_properties(c).get_data_type()) {
                        case soci::dt_integer:
                            text = std::to_string(r.get<int>(c));
                            break;
                        case soci::dt_long_long:
                            text = std::to_string(r.get<long long>(c));
                            break;
                        case soci::dt_unsigned_long_long:
                            text = std::to_string(r.get<unsigned long long>(c));
                            break;
                        case soci::dt_double:
                            text = fmt::format("{}", r.get<double>(c));
                            break;
                        default:
                            text = r.get<std::string>(c);
                            break;
                    }
                }
                values[c].push_back(text);
                present[c].push_back(null ? soci::i_null : soci::i_ok);
            }
            if (values[0].size() >= kChunk) flush();
        }
        flush();
        report.rows[table] = copied;
        if (target.backend() == Backend::postgresql &&
            std::find(columns.begin(), columns.end(), "id") != columns.end()) {
            // Explicit ids leave a serial sequence behind; move it past the copied rows.
            soci::indicator ind;
            long long next = 0;
            to << "SELECT setval(pg_get_serial_sequence(:t, 'id'), (SELECT COALESCE(MAX(id), 0) + "
                  "1 FROM " +
                      table + "), false)",
                soci::use(table), soci::into(next, ind);
        }
    }
    // Verify inside the transaction: the audit head, counts, then the audit chain as the target
    // stores it.
    {
        long long source_entries = 0, source_last = 0, target_entries = 0, target_last = 0;
        std::string source_hash, target_hash;
        from << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1",
            soci::into(source_entries), soci::into(source_last), soci::into(source_hash);
        to << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1",
            soci::into(target_entries), soci::into(target_last), soci::into(target_hash);
        if (source_entries != target_entries || source_last != target_last ||
            source_hash != target_hash)
            throw StorageError(fmt::format(
                fmt::runtime(_("the audit head of the source records {} entries ending at entry "
                               "{}, but its trail holds {} ending at entry {}; run `ladder-cli "
                               "audit verify` on the source")),
                source_entries, source_last, target_entries, target_last));
        report.rows["audit_head"] = 1;
    }
    for (const auto& [table, copied] : report.rows) {
        long long n = 0, m = 0;
        to << "SELECT COUNT(*) FROM " + table, soci::into(n);
        from << "SELECT COUNT(*) FROM " + table, soci::into(m);
        if (n != m || static_cast<std::size_t>(n) != copied)
            throw StorageError(fmt::format(
                fmt::runtime(_("table {}: {} rows in the source, {} in the target")), table, m, n));
    }
    AuditVerification v = AuditRepository(target).verify();
    if (!v.intact)
        throw StorageError(fmt::format(
            fmt::runtime(_("the audit trail does not verify on the target: {}")), v.reason));
    report.audit_entries_verified = v.entries_checked;
    tx.commit();
    return report;
}

}  // namespace ladder
