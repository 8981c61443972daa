#pragma once
// Internal to db/: the SOCI session behind ladder::Database.
#include <filesystem>

#include <soci/soci.h>

#include "db/database.hpp"

namespace ladder {

struct Database::Impl {
    soci::session sql;
    Backend backend = Backend::Sqlite;
    std::string url;
    std::string description;
    std::filesystem::path sqlite_file;  // SQLite only
    int schema_version = 0;
};

// The SQL spelling of a few backend differences, filled into migration text.
std::string backend_sql(Backend backend, std::string text);

}  // namespace ladder
