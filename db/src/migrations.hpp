#pragma once
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/schema_version.hpp"

namespace ladder {

struct Migration {
    int version;
    std::string description;
    // One SQL statement per entry: SOCI's SQLite backend runs only the first statement of a
    // string and silently drops the rest.
    std::vector<std::string> statements;
    // Optional: a query counting the rows the statements cannot convert faithfully. When it
    // counts any, the upgrade stops before changing anything, with `refusal` (untranslated
    // msgid, one {} for the count).
    std::string refuse_if = {};
    const char* refusal = nullptr;
};

const std::vector<Migration>& migrations();
// Brings the schema up to date (each step in its own transaction, recorded in
// schema_version) and returns the version. Refuses a database from a newer Ladder.
int migrate(Database& db);

}  // namespace ladder
