#include "bulk_insert.hpp"

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>
#ifdef LADDER_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include "database_impl.hpp"
#include "native_sqlite.hpp"

namespace ladder {

namespace {

std::string column_list(const std::vector<std::string>& columns) {
    std::string s;
    for (const auto& c : columns) s += (s.empty() ? "" : ", ") + c;
    return s;
}

}  // namespace

struct BulkInsert::Writer {
    virtual ~Writer() = default;
    virtual void null() = 0;
    virtual void text(std::string_view value) = 0;
    virtual void integer(int64_t value) = 0;
    virtual void end_row() = 0;
    virtual void end_batch() = 0;
};

namespace {

// SOCI's header declares the SQLite C API inside this namespace.
using namespace sqlite_api;

class SqliteInsert final : public BulkInsert::Writer {
  public:
    SqliteInsert(soci::session& sql, const std::string& table,
                 const std::vector<std::string>& columns)
        : conn_(native_sqlite(sql)) {
        std::string marks;
        for (std::size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
        std::string query =
            fmt::format("INSERT INTO {} ({}) VALUES ({})", table, column_list(columns), marks);
        if (sqlite3_prepare_v2(conn_, query.c_str(), static_cast<int>(query.size()), &stmt_,
                               nullptr) != SQLITE_OK)
            fail("prepare");
    }
    ~SqliteInsert() override { sqlite3_finalize(stmt_); }

    void null() override { check(sqlite3_bind_null(stmt_, column_++)); }
    void text(std::string_view value) override {
        // A null pointer would bind NULL; an empty text is still text.
        const char* data = value.data() ? value.data() : "";
        check(sqlite3_bind_text(stmt_, column_++, data, static_cast<int>(value.size()),
                                SQLITE_STATIC));
    }
    void integer(int64_t value) override { check(sqlite3_bind_int64(stmt_, column_++, value)); }
    void end_row() override {
        int rc = sqlite3_step(stmt_);
        if (rc != SQLITE_DONE) {
            std::string message = sqlite3_errmsg(conn_);
            sqlite3_reset(stmt_);
            throw soci::soci_error(fmt::format("sqlite3 insert: {}", message));
        }
        sqlite3_reset(stmt_);
        column_ = 1;
    }
    void end_batch() override {}

  private:
    void check(int rc) { check_sqlite(conn_, rc, "bind"); }
    [[noreturn]] void fail(const char* what) { throw_sqlite_error(conn_, what); }

    sqlite3* conn_;
    sqlite3_stmt* stmt_ = nullptr;
    int column_ = 1;
};

#ifdef LADDER_HAVE_POSTGRESQL
// COPY in text format: tab-separated, \N for NULL, backslash escapes for the separators.
class PostgresqlCopy final : public BulkInsert::Writer {
  public:
    PostgresqlCopy(soci::session& sql, const std::string& table,
                   const std::vector<std::string>& columns)
        : conn_(static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_),
          query_(fmt::format("COPY {} ({}) FROM STDIN", table, column_list(columns))) {}
    ~PostgresqlCopy() override {
        if (!open_) return;
        // Abandoned (an exception on the way): end the COPY so the connection can roll back.
        PQputCopyEnd(conn_, "import abandoned");
        drain();
    }

    void null() override { separate() += "\\N"; }
    void text(std::string_view value) override {
        std::string& b = separate();
        for (char c : value) {
            switch (c) {
                case '\\':
                    b += "\\\\";
                    break;
                case '\t':
                    b += "\\t";
                    break;
                case '\n':
                    b += "\\n";
                    break;
                case '\r':
                    b += "\\r";
                    break;
                default:
                    b += c;
            }
        }
    }
    void integer(int64_t value) override {
        fmt::format_to(std::back_inserter(separate()), "{}", value);
    }
    void end_row() override {
        buffer_ += '\n';
        first_ = true;
        if (buffer_.size() >= kFlushBytes) flush();
    }
    void end_batch() override {
        if (!open_) return;
        flush();
        open_ = false;
        if (PQputCopyEnd(conn_, nullptr) != 1)
            throw soci::soci_error(std::string("COPY: ") + PQerrorMessage(conn_));
        std::string error = drain();
        if (!error.empty()) throw soci::soci_error("COPY: " + error);
    }

  private:
    static constexpr std::size_t kFlushBytes = 1 << 20;

    std::string& separate() {
        if (!open_) begin();
        if (!first_) buffer_ += '\t';
        first_ = false;
        return buffer_;
    }
    void begin() {
        PGresult* r = PQexec(conn_, query_.c_str());
        bool ok = PQresultStatus(r) == PGRES_COPY_IN;
        std::string message = ok ? std::string() : PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) throw soci::soci_error("COPY: " + message);
        open_ = true;
    }
    void flush() {
        if (buffer_.empty()) return;
        if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
            throw soci::soci_error(std::string("COPY: ") + PQerrorMessage(conn_));
        buffer_.clear();
    }
    // Reads the results that end a COPY; the first error message, if any.
    std::string drain() {
        std::string error;
        while (PGresult* r = PQgetResult(conn_)) {
            if (PQresultStatus(r) != PGRES_COMMAND_OK && error.empty())
                error = PQresultErrorMessage(r);
            PQclear(r);
        }
        return error;
    }

    PGconn* conn_;
    std::string query_;
    std::string buffer_;
    bool first_ = true;
    bool open_ = false;
};
#endif

}  // namespace

BulkInsert::BulkInsert(Database& db, std::string table, const std::vector<std::string>& columns) {
    soci::session& sql = db.impl().sql;
#ifdef LADDER_HAVE_POSTGRESQL
    if (db.backend() == ladder::Backend::postgresql) {
        impl_ = std::make_unique<PostgresqlCopy>(sql, table, columns);
        return;
    }
#endif
    impl_ = std::make_unique<SqliteInsert>(sql, table, columns);
}

BulkInsert::~BulkInsert() = default;

void BulkInsert::null() {
    impl_->null();
}
void BulkInsert::text(std::string_view value) {
    impl_->text(value);
}
void BulkInsert::integer(int64_t value) {
    impl_->integer(value);
}
void BulkInsert::end_row() {
    impl_->end_row();
}
void BulkInsert::end_batch() {
    impl_->end_batch();
}

}  // namespace ladder
