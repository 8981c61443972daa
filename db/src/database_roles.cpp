#include "db/database_roles.hpp"

#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "database_impl.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"

namespace ladder {

namespace {

// What the application role may do, table by table: exactly what the product's statements
// need (db/src/*.cpp), no more. Registry rows are never deleted by Ladder, so nobody but the
// owner may; the audit trail is appended to, never changed; its head is moved only by the
// trigger that runs with the owner's rights (schema 8). A table missing here — one a later
// schema adds — can be read but not written until it gets its line.
constexpr std::pair<std::string_view, std::string_view> kApplicationRights[] = {
    {"firms", "SELECT, INSERT, UPDATE"},
    {"figures", "SELECT, INSERT, UPDATE"},
    {"recognitions", "SELECT, INSERT, UPDATE"},
    {"users", "SELECT, INSERT, UPDATE"},
    {"applications", "SELECT, INSERT, UPDATE"},
    {"application_criteria", "SELECT, INSERT"},
    {"application_inputs", "SELECT, INSERT"},
    {"application_decisions", "SELECT, INSERT"},
    {"quotas", "SELECT, INSERT, UPDATE"},
    {"quota_seeds", "SELECT, INSERT"},
    {"listing_stages", "SELECT, INSERT, UPDATE"},
    {"negative_checks", "SELECT, INSERT, UPDATE"},
    {"title_exits", "SELECT, INSERT, UPDATE"},
    {"targets", "SELECT, INSERT, UPDATE"},
    {"audit_log", "SELECT, INSERT"},
    {"audit_head", "SELECT"},
    // Written by the registry's triggers in the writer's own name (schema 4); a tally folds
    // the change rows into the generation.
    {"registry_generation", "SELECT, UPDATE"},
    {"registry_changes", "SELECT, INSERT, DELETE"},
    {"tally_cache", "SELECT, INSERT, UPDATE"},
    {"schema_version", "SELECT"},
};

std::string_view rights_on(std::string_view table) {
    for (const auto& [name, rights] : kApplicationRights)
        if (name == table) return rights;
    return "SELECT";
}

// Replaces the rights of the role `quoted` (an SQL identifier) on the registry's tables and
// sequences with the application rights, in one transaction.
void grant_rights(Database& db, const std::string& quoted) {
    soci::session& sql = db.impl().sql;
    Transaction tx(db);
    std::string schema;
    sql << "SELECT quote_ident(current_schema())", soci::into(schema);
    sql << "REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + quoted;
    sql << "REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + quoted;
    std::vector<std::pair<std::string, std::string>> tables;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT tablename::text, quote_ident(tablename) FROM pg_tables "
                        "WHERE schemaname = current_schema() ORDER BY tablename");
    for (const auto& r : rows) tables.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    for (const auto& [name, identifier] : tables) {
        const std::string rights(rights_on(name));
        sql << "GRANT " + rights + " ON " + schema + "." + identifier + " TO " + quoted;
    }
    // USAGE draws ids (nextval); moving a sequence (setval) would need UPDATE.
    sql << "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + quoted;
    tx.commit();
}

}  // namespace

RegistryOwner registry_owner(Database& db) {
    RegistryOwner owner;
    int is_current = 0, may_act = 0;
    db.impl().sql << "SELECT o.rolname::text, quote_ident(o.rolname), current_user::text, "
                     "CASE WHEN o.rolname = current_user THEN 1 ELSE 0 END, "
                     "CASE WHEN pg_has_role(o.oid, 'MEMBER') THEN 1 ELSE 0 END "
                     "FROM pg_roles o WHERE o.oid = COALESCE("
                     "(SELECT relowner FROM pg_class WHERE oid = to_regclass('schema_version')), "
                     "(SELECT datdba FROM pg_database WHERE datname = current_database()))",
        soci::into(owner.name), soci::into(owner.quoted), soci::into(owner.current_user),
        soci::into(is_current), soci::into(may_act);
    owner.is_current_user = is_current != 0;
    owner.may_act = may_act != 0;
    return owner;
}

void grant_application_role(Database& db, const std::string& role) {
    if (db.backend() != Backend::postgresql)
        throw UsageError(
            _("application roles are for PostgreSQL registries; a SQLite registry is "
              "kept private by its file's permissions"));
    soci::session& sql = db.impl().sql;
    RegistryOwner owner = registry_owner(db);
    if (!owner.may_act)
        throw StorageError(fmt::format(
            fmt::runtime(_("only the registry's owner {} may grant rights to an application "
                           "role; {} may not")),
            owner.name, owner.current_user));
    std::string quoted;
    int acts_as_owner = 0;
    sql << "SELECT quote_ident(rolname), CASE WHEN pg_has_role(oid, :o, 'MEMBER') THEN 1 ELSE 0 "
           "END FROM pg_roles WHERE rolname = :r",
        soci::into(quoted), soci::into(acts_as_owner), soci::use(owner.name), soci::use(role);
    if (!sql.got_data())
        throw StorageError(fmt::format(
            fmt::runtime(_("role {} does not exist on the server; create it first: CREATE ROLE "
                           "{} LOGIN PASSWORD '...'")),
            role, role));
    // The owner, its members and superusers pass every grant: such a role would keep all rights.
    if (acts_as_owner)
        throw StorageError(fmt::format(
            fmt::runtime(_("role {} is, or may act as, the registry's owner {} (a member of it or "
                           "a superuser), so no grant can restrict it; the application role must "
                           "be another role")),
            role, owner.name));
    grant_rights(db, quoted);
}

std::vector<std::string> application_roles(Database& db) {
    std::vector<std::string> roles;
    if (db.backend() != Backend::postgresql) return roles;
    soci::rowset<soci::row> rows =
        (db.impl().sql.prepare
         << "SELECT DISTINCT r.rolname::text FROM pg_class c "
            "CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee "
            "WHERE c.oid = to_regclass('audit_log') AND a.privilege_type = 'INSERT' "
            "AND a.grantee <> c.relowner ORDER BY 1");
    for (const auto& r : rows) roles.push_back(r.get<std::string>(0));
    return roles;
}

void regrant_application_roles(Database& db) {
    for (const std::string& role : application_roles(db)) {
        std::string quoted;
        db.impl().sql << "SELECT quote_ident(:r)", soci::into(quoted), soci::use(role);
        grant_rights(db, quoted);
    }
}

}  // namespace ladder
