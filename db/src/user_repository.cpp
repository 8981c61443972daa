#include "db/user_repository.hpp"

#include <fmt/format.h>

#include "database_impl.hpp"

namespace ladder {

namespace {

constexpr const char* kUserColumns =
    "id, name, role, active, created_at, failed_logins, locked_until, last_login";

struct UserRow {
    long long id = 0;
    std::string name, role, created_at, locked_until, last_login, password_hash;
    int active = 1, failed = 0;
    soci::indicator locked_i = soci::i_null, last_i = soci::i_null;

    User to_user() const {
        User u;
        u.id = id;
        u.name = name;
        u.role = parse_role(role).value_or(Role::clerk);
        u.active = active != 0;
        u.created_at = created_at;
        u.failed_logins = failed;
        if (locked_i == soci::i_ok) u.locked_until = locked_until;
        if (last_i == soci::i_ok) u.last_login = last_login;
        return u;
    }
};

}  // namespace

long long UserRepository::count() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return n;
}

long long UserRepository::count_active_admins() {
    long long admins = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1",
        soci::into(admins);
    return admins;
}

std::optional<StoredUser> UserRepository::find(const std::string& name, bool lock_row) {
    soci::session& sql = db_.impl().sql;
    UserRow r;
    const char* lock_clause = lock_row ? " FOR UPDATE" : "";
    sql << fmt::format("SELECT {}, password_hash FROM users WHERE name = :n{}", kUserColumns,
                       lock_clause),
        soci::into(r.id), soci::into(r.name), soci::into(r.role), soci::into(r.active),
        soci::into(r.created_at), soci::into(r.failed), soci::into(r.locked_until, r.locked_i),
        soci::into(r.last_login, r.last_i), soci::into(r.password_hash), soci::use(name);
    if (!sql.got_data()) return std::nullopt;
    return StoredUser{r.to_user(), r.password_hash};
}

std::vector<std::string> UserRepository::names() {
    std::vector<std::string> names;
    soci::rowset<std::string> rs =
        (db_.impl().sql.prepare << "SELECT name FROM users ORDER BY name");
    for (const auto& n : rs) names.push_back(n);
    return names;
}

void UserRepository::insert(const std::string& name, Role role, const std::string& password_hash,
                            const std::string& created_at) {
    std::string role_text(role_id(role));
    db_.impl().sql << "INSERT INTO users (name, role, password_hash, active, created_at) VALUES "
                      "(:n, :r, :h, 1, :c)",
        soci::use(name), soci::use(role_text), soci::use(password_hash), soci::use(created_at);
}

void UserRepository::store_failures(int64_t id, int failures,
                                    const std::optional<std::string>& locked_until) {
    long long row = id;
    std::string until = locked_until.value_or("");
    soci::indicator until_i = locked_until ? soci::i_ok : soci::i_null;
    db_.impl().sql << "UPDATE users SET failed_logins = :f, locked_until = :u WHERE id = :id",
        soci::use(failures), soci::use(until, until_i), soci::use(row);
}

void UserRepository::store_login(int64_t id, const std::string& at) {
    long long row = id;
    db_.impl().sql
        << "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login = :t WHERE id = "
           ":id",
        soci::use(at), soci::use(row);
}

void UserRepository::store_password(int64_t id, const std::string& password_hash) {
    long long row = id;
    db_.impl().sql << "UPDATE users SET password_hash = :h, failed_logins = 0, locked_until = NULL "
                      "WHERE id = :id",
        soci::use(password_hash), soci::use(row);
}

void UserRepository::store_role(int64_t id, Role role) {
    long long row = id;
    std::string role_text(role_id(role));
    db_.impl().sql << "UPDATE users SET role = :r WHERE id = :id", soci::use(role_text),
        soci::use(row);
}

void UserRepository::store_active(int64_t id, bool active) {
    long long row = id;
    int flag = active ? 1 : 0;
    db_.impl().sql << "UPDATE users SET active = :a WHERE id = :id", soci::use(flag),
        soci::use(row);
}

}  // namespace ladder
