#pragma once
// PostgreSQL deployments work with two roles. The owner of the registry's tables creates and
// upgrades them (`ladder-cli init`, `migrate --to`); clients connect for daily work as an
// application role, which gets only what the product's code needs: it reads the registry,
// writes firms, figures, recognitions, users and the workflow, and appends to the audit trail,
// but cannot change, delete or truncate an audit entry, move the audit head, delete registry
// rows or alter the schema. Triggers (schema 8) refuse the same audit changes to the owner.
#include <string>
#include <vector>

#include "db/database.hpp"

namespace ladder {

// Gives the existing role `role` the application rights on every table of the registry,
// replacing whatever rights it had there (so running it again after an upgrade is exact).
// The connected role must be the registry's owner, a member of it or a superuser. Throws
// UsageError on SQLite, StorageError when the role does not exist, is the owner or a
// superuser (whom grants cannot restrict), or the connected role may not grant.
void grant_application_role(Database& db, const std::string& role);

// The roles holding application rights: those that may append to the audit trail without
// owning it. Empty on SQLite.
std::vector<std::string> application_roles(Database& db);

}  // namespace ladder
