#include "db/database.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <regex>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>
#ifdef LADDER_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include "database_impl.hpp"
#include "db/backup_store.hpp"
#include "migrations.hpp"
#include "model/i18n.hpp"

namespace ladder {

namespace fs = std::filesystem;

fs::path default_database_path() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return fs::path(xdg) / "ladder" / "ladder.db";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "ladder" / "ladder.db";
}

std::string sqlite_url(const fs::path& path) {
    return "sqlite3://db=" + path.string();
}

std::string backend_sql(Backend backend, std::string text) {
    auto replace = [&text](std::string_view key, std::string_view value) {
        for (auto pos = text.find(key); pos != std::string::npos;
             pos = text.find(key, pos + value.size()))
            text.replace(pos, key.size(), value);
    };
    bool pg = backend == Backend::postgresql;
    replace("{serial_pk}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY");
    replace("{without_rowid}", pg ? "" : " WITHOUT ROWID");
    return text;
}

namespace {

// SQLite connection strings hold "db=PATH" plus options; the path ends at the first blank
// unless quoted, which SOCI does not support, so paths with blanks are refused plainly.
std::string sqlite_path_of(const std::string& connect) {
    auto pos = connect.find("db=");
    if (pos == std::string::npos) return {};
    auto end = connect.find(' ', pos);
    return connect.substr(pos + 3, end == std::string::npos ? std::string::npos : end - pos - 3);
}

// A libpq connection string without its password, for anything shown or recorded (the status
// bar, `init`'s answer, the demo's audit entry, error messages).
std::string without_password(const std::string& conninfo) {
    static const std::regex kPassword(R"((^|\s)password\s*=\s*('([^'\\]|\\.)*'|\S*))");
    return std::regex_replace(conninfo, kPassword, "$1password=***");
}

// Creates the file with 0600 before SQLite does: official records are not world-readable.
void create_private_file(const fs::path& path) {
    if (path.empty() || path == ":memory:" || fs::exists(path)) return;
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0600);
    if (fd < 0)
        throw StorageError(
            fmt::format(fmt::runtime(_("cannot create database {}")), path.string()));
    ::close(fd);
}

// An existing SQLite registry whose schema is about to be upgraded (a backup comes first).
bool stored_version_below_latest(Database& db) {
    int tables = 0;
    db.impl().sql
        << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        soci::into(tables);
    if (tables == 0) return false;
    int version = 0;
    soci::indicator ind = soci::i_ok;
    db.impl().sql << "SELECT MAX(version) FROM schema_version", soci::into(version, ind);
    return ind != soci::i_null && version >= 1 && version < latest_schema_version();
}

}  // namespace

fs::path sqlite_file_of(const std::string& url) {
    const std::string prefix = "sqlite3://";
    if (url.rfind(prefix, 0) != 0) return {};
    return sqlite_path_of(url.substr(prefix.size()));
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::open(const std::string& url) {
    auto impl = std::make_unique<Impl>();
    impl->url = url;
    const std::string sqlite_prefix = "sqlite3://", pg_prefix = "postgresql://";
    try {
        if (url.rfind(sqlite_prefix, 0) == 0) {
            // A statement's undo journal spills to a temporary file past 64 KiB and stays a
            // file until the transaction ends; with the registry's row triggers every row an
            // import writes keeps one, so after one large statement each later row's pages
            // were written to that file (an import's CPU +60%). Up to 4 MiB per statement
            // stays in memory. (Possible only before SQLite's first use in the process; a
            // later call is refused and changes nothing.)
            //
            // Multi-thread mode: a connection (like the SOCI session around it) is used by one
            // thread at a time — the GUI's workers each open their own — so SQLite need not
            // lock the connection's mutex on every call (two locks per cell read: ~7% of a
            // whole-registry evaluation).
            static const int process_settings =
                sqlite_api::sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 << 20) |
                sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
            (void)process_settings;
            std::string connect = url.substr(sqlite_prefix.size());
            fs::path path = sqlite_path_of(connect);
            if (path.empty()) throw StorageError(fmt::format(fmt::runtime(_("no db= in {}")), url));
            create_private_file(path);
            // SQLite waits up to 30 s for another writer instead of failing with "locked".
            if (connect.find("timeout=") == std::string::npos) connect += " timeout=30";
            impl->sql.open(soci::sqlite3, connect);
            impl->backend = Backend::sqlite;
            impl->description = fmt::format("SQLite {}", path.string());
            impl->sqlite_file = path;
            std::string mode;
            impl->sql << "PRAGMA journal_mode=WAL", soci::into(mode);
            impl->sql << "PRAGMA foreign_keys=ON";
            impl->sql << "PRAGMA synchronous=NORMAL";
            // 64 MiB of page cache instead of 2: a bulk import otherwise spills the pages it is
            // still filling into the WAL again and again before it commits.
            impl->sql << "PRAGMA cache_size=-65536";
        } else if (url.rfind(pg_prefix, 0) == 0) {
#ifdef LADDER_HAVE_POSTGRESQL
            impl->sql.open(soci::postgresql, url.substr(pg_prefix.size()));
            impl->backend = Backend::postgresql;
            // Keeps server NOTICEs ("already exists, skipping") off the user's terminal.
            impl->sql << "SET client_min_messages TO WARNING";
            impl->description =
                fmt::format("PostgreSQL {}", without_password(url.substr(pg_prefix.size())));
#else
            throw StorageError(_("this build has no PostgreSQL support"));
#endif
        } else {
            throw StorageError(fmt::format(
                fmt::runtime(
                    _("unknown database URL {} (use sqlite3://db=PATH or postgresql://...)")),
                url));
        }
    } catch (const soci::soci_error& e) {
        throw StorageError(fmt::format(fmt::runtime(_("cannot open database {}: {}")),
                                       without_password(url), e.what()));
    }
    Database db(std::move(impl));
    if (db.backend() == Backend::sqlite && stored_version_below_latest(db))
        rotating_backup(db, "before-upgrade");
    db.impl_->schema_version = migrate(db);
    return db;
}

Backend Database::backend() const {
    return impl_->backend;
}
std::string Database::url() const {
    return impl_->url;
}
std::string Database::description() const {
    return impl_->description;
}
int Database::schema_version() const {
    return impl_->schema_version;
}

// On SQLite a write transaction takes the write lock up front (BEGIN IMMEDIATE): a deferred
// transaction that reads first and writes later cannot wait for a concurrent writer and fails
// with "database is locked" instead, which must never reach a user.
Transaction::Transaction(Database& db) : db_(db) {
    if (db_.backend() == Backend::sqlite)
        db_.impl().sql << "BEGIN IMMEDIATE";
    else
        db_.impl().sql.begin();
}

Transaction::~Transaction() {
    rollback();
}

void Transaction::rollback() {
    if (!open_) return;
    open_ = false;
    try {
        if (db_.backend() == Backend::sqlite)
            db_.impl().sql << "ROLLBACK";
        else
            db_.impl().sql.rollback();
    } catch (...) {
        // A failed rollback leaves SQLite's own journal to undo the work on the next open.
    }
}

void Transaction::commit() {
    if (db_.backend() == Backend::sqlite)
        db_.impl().sql << "COMMIT";
    else
        db_.impl().sql.commit();
    open_ = false;
}

ReadSnapshot::ReadSnapshot(Database& db) : db_(db) {
    if (db_.backend() == Backend::sqlite)
        db_.impl().sql << "BEGIN";
    else
        db_.impl().sql << "BEGIN ISOLATION LEVEL REPEATABLE READ";
}

ReadSnapshot::~ReadSnapshot() {
    try {
        db_.impl().sql << "ROLLBACK";
    } catch (...) {
        // Nothing was written; a failed end leaves nothing to undo.
    }
}

}  // namespace ladder
