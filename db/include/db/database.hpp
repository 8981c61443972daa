#pragma once
// A connection to the registry: SQLite (embedded default) or PostgreSQL, through SOCI. SOCI
// stays behind this interface so app/ never compiles against it.
#include <filesystem>
#include <memory>
#include <string>

namespace ladder {

enum class Backend { sqlite, postgresql };

// $XDG_DATA_HOME/ladder/ladder.db, else ~/.local/share/ladder/ladder.db.
std::filesystem::path default_database_path();
// "sqlite3://db=<path>" for a file path.
std::string sqlite_url(const std::filesystem::path& path);
// The file a "sqlite3://db=PATH ..." URL names; empty for other URLs.
std::filesystem::path sqlite_file_of(const std::string& url);

// One thread at a time uses a Database (SQLite runs in multi-thread mode, without per-call
// locking); a thread that works in parallel opens its own, as the GUI's workers do. Handing a
// Database to another thread between uses is fine.
class Database {
  public:
    // Opens `url` ("sqlite3://db=PATH" or "postgresql://host=... dbname=..."), creating a new
    // SQLite file (mode 0600) and its directory when needed, and applies pending migrations.
    // Throws SchemaError when the database was written by a newer Ladder.
    static Database open(const std::string& url);
    static Database open_file(const std::filesystem::path& path) { return open(sqlite_url(path)); }

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    Backend backend() const;
    std::string url() const;
    // "SQLite ladder.db" / "PostgreSQL dbname@host" — for status bars and messages.
    std::string description() const;
    int schema_version() const;

    struct Impl;
    Impl& impl() { return *impl_; }  // for the repositories in db/ only

  private:
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// RAII unit of work: rolls back unless commit() was called, so an exception or a crash mid-way
// leaves the database as it was.
class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();
    // Ends the transaction now, undoing its work (a failed statement on PostgreSQL leaves the
    // transaction unusable until then).
    void rollback();

  private:
    Database& db_;
    bool open_ = true;
};

// A consistent read of several statements while other processes write: every SELECT inside sees
// the same committed state (SQLite: a deferred transaction, whose first read fixes the WAL
// snapshot; PostgreSQL: REPEATABLE READ). Reads only; ends with the object.
class ReadSnapshot {
  public:
    explicit ReadSnapshot(Database& db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

  private:
    Database& db_;
};

class SchemaError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A database problem the user can act on (cannot open, locked, disk full), in one sentence.
class StorageError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace ladder
