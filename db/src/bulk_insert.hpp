#pragma once
// Internal to db/: appends many rows to one table at the backend's own speed. SOCI's vector
// binds turn every value into text and back on SQLite and send one INSERT per row to
// PostgreSQL; this writer uses the native connection SOCI holds instead: on SQLite one prepared
// INSERT reused for every row with the values bound in place, on PostgreSQL COPY ... FROM STDIN.
// Runs in the caller's transaction. A failed row (a duplicate key, say) throws soci::soci_error
// as the SOCI path did; on PostgreSQL that may only surface at end_batch().
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace ladder {

class BulkInsert {
  public:
    BulkInsert(Database& db, std::string table, const std::vector<std::string>& columns);
    ~BulkInsert();
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;

    // The next column's value, in the order of `columns`. Text must stay valid until end_row().
    void null();
    void text(std::string_view value);
    void integer(int64_t value);
    void end_row();
    // Sends the rows so far and reports the first error. Call it before running any other
    // statement on the connection (PostgreSQL's COPY holds it) and at the end; more rows may
    // follow (a new COPY).
    void end_batch();

    struct Writer;

  private:
    std::unique_ptr<Writer> impl_;
};

}  // namespace ladder
