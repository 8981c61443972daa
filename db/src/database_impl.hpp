#pragma once
// Internal to db/: the SOCI session behind ladder::Database.
#include <filesystem>

#include <soci/soci.h>

#include "db/database.hpp"

namespace ladder {

struct Database::Impl {
    soci::session sql;
    Backend backend = Backend::sqlite;
    std::string url;
    std::string description;
    std::filesystem::path sqlite_file;  // SQLite only
    int schema_version = 0;
};

// The SQL spelling of a few backend differences, filled into migration text.
std::string backend_sql(Backend backend, std::string text);

// PostgreSQL: the role that owns the registry (its schema_version table, or the database while
// it holds no registry yet) and how the connected role stands to it.
struct RegistryOwner {
    std::string name;
    std::string quoted;  // as an SQL identifier
    std::string current_user;
    bool is_current_user = false;
    // The connected role is the owner, a member of it or a superuser: it may create, upgrade
    // and grant as the owner.
    bool may_act = false;
};
RegistryOwner registry_owner(Database& db);
// Gives every application role (db/database_roles.hpp) its rights again, on tables an upgrade
// created or re-created too.
void regrant_application_roles(Database& db);

}  // namespace ladder
