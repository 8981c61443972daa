#pragma once
// Reading SQLite through the native connection SOCI holds, for the bulk reads where SOCI's
// sqlite3 backend (every cell converted through its own buffers, a string allocated per text
// cell and row) costs several times the query itself. Private to ladder_db.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "model/date.hpp"

namespace ladder {

inline sqlite_api::sqlite3* native_sqlite(soci::session& sql) {
    return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

// SOCI's header declares the SQLite C API inside this namespace.
namespace native {
using namespace sqlite_api;

// SQLite's error on `conn` as the soci_error the callers already handle.
[[noreturn]] inline void throw_sqlite_error(sqlite3* conn, const char* what) {
    throw soci::soci_error(fmt::format("sqlite3 {}: {}", what, sqlite3_errmsg(conn)));
}
inline void check_sqlite(sqlite3* conn, int rc, const char* what) {
    if (rc != SQLITE_OK) throw_sqlite_error(conn, what);
}

// Holds the connection's mutex (serialized threading mode; a no-op otherwise) while a query's
// rows are read, so the cells may be read through sqlite3_value_* (which SQLite allows only
// on protected values) with one lock per cell instead of two.
class ConnectionLock {
  public:
    explicit ConnectionLock(sqlite3* conn) : mutex_(sqlite3_db_mutex(conn)) {
        sqlite3_mutex_enter(mutex_);
    }
    ~ConnectionLock() { sqlite3_mutex_leave(mutex_); }
    ConnectionLock(const ConnectionLock&) = delete;
    ConnectionLock& operator=(const ConnectionLock&) = delete;

  private:
    sqlite3_mutex* mutex_;
};

// One prepared statement on the native connection, reused for every chunk.
class NativeQuery {
  public:
    NativeQuery(sqlite3* conn, const std::string& query) : conn_(conn) {
        if (sqlite3_prepare_v2(conn_, query.c_str(), static_cast<int>(query.size()), &st_,
                               nullptr) != SQLITE_OK)
            fail("prepare");
    }
    ~NativeQuery() { sqlite3_finalize(st_); }
    NativeQuery(const NativeQuery&) = delete;
    NativeQuery& operator=(const NativeQuery&) = delete;

    void bind(int i, const std::string& text) {
        check(sqlite3_bind_text(st_, i, text.data(), static_cast<int>(text.size()),
                                SQLITE_TRANSIENT));
    }
    void bind(int i, int64_t value) { check(sqlite3_bind_int64(st_, i, value)); }
    bool step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail("step");
        return false;
    }
    // Ends the read (no statement stays active while the caller visits the chunk).
    void reset() { sqlite3_reset(st_); }

    // Cells of the current row; call under a ConnectionLock.
    sqlite3_value* cell(int c) const { return sqlite3_column_value(st_, c); }
    static bool null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
    static std::string_view text(sqlite3_value* v) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v)))
                 : std::string_view();
    }
    std::string_view text(int c) const { return text(cell(c)); }
    // Empty when NULL, as the optional text columns are read into Firm.
    void text_into(int c, std::string& out) const {
        sqlite3_value* v = cell(c);
        if (null(v))
            out.clear();
        else
            out.assign(text(v));
    }
    Date date(int c) const {
        std::string_view t = text(c);
        auto d = Date::parse(t);
        if (!d) throw soci::soci_error(fmt::format("sqlite3 read: '{}' is not a date", t));
        return *d;
    }
    std::optional<Date> optional_date(int c) const {
        sqlite3_value* v = cell(c);
        return null(v) ? std::nullopt : Date::parse(text(v));
    }

  private:
    void check(int rc) { check_sqlite(conn_, rc, "bind"); }
    [[noreturn]] void fail(const char* what) { throw_sqlite_error(conn_, what); }

    sqlite3* conn_;
    sqlite3_stmt* st_ = nullptr;
};

}  // namespace native

using native::check_sqlite;
using native::ConnectionLock;
using native::NativeQuery;
using native::throw_sqlite_error;

}  // namespace ladder
