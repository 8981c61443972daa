#include "db/user_service.hpp"

#include <cctype>

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "model/i18n.hpp"
#include "model/password.hpp"

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

// `lock_row` (PostgreSQL) holds the row until the transaction ends, so simultaneous sign-ins of
// one user count their failures one after another instead of each adding one to the same old
// count (SQLite transactions are already serialised by BEGIN IMMEDIATE).
std::optional<UserRow> select_user(soci::session& sql, const std::string& name,
                                   bool lock_row = false) {
    UserRow r;
    const char* lock_clause = lock_row ? " FOR UPDATE" : "";
    sql << fmt::format("SELECT {}, password_hash FROM users WHERE name = :n{}", kUserColumns,
                       lock_clause),
        soci::into(r.id), soci::into(r.name), soci::into(r.role), soci::into(r.active),
        soci::into(r.created_at), soci::into(r.failed), soci::into(r.locked_until, r.locked_i),
        soci::into(r.last_login, r.last_i), soci::into(r.password_hash), soci::use(name);
    if (!sql.got_data()) return std::nullopt;
    return r;
}

// What the audit trail shows of a user: never the password hash.
std::string audit_text(const User& u) {
    return fmt::format("name={};role={};active={}", u.name, role_id(u.role),
                       u.active ? "yes" : "no");
}

AuditEntry user_entry(const std::string& action, const std::string& name,
                      std::optional<std::string> before, std::optional<std::string> after) {
    AuditEntry e;
    e.action = action;
    e.entity = "user";
    e.entity_key = name;
    e.before = std::move(before);
    e.after = std::move(after);
    return e;
}

void check_password(const std::string& password) {
    if (auto problem = password_problem(password); !problem.empty()) throw WorkflowError(problem);
}

void check_name(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 64;
    for (unsigned char c : name)
        ok = ok && (c >= 0x80 || std::isalnum(c) || c == '_' || c == '.' || c == '-');
    if (!ok)
        throw WorkflowError(fmt::format(
            fmt::runtime(_(
                "{} is not a valid user name (letters, digits, '_', '.', '-'; at most 64 bytes)")),
            name));
}

}  // namespace

std::string utc_timestamp(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

UserService::UserService(Database& db, std::function<std::time_t()> clock, LoginPolicy policy)
    : db_(db), clock_(std::move(clock)), policy_(policy) {
    if (!clock_) clock_ = [] { return std::time(nullptr); };
}

std::string UserService::now_text() const {
    return utc_timestamp(clock_());
}

bool UserService::has_users() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return n > 0;
}

User UserService::create_first_admin(const std::string& name, const std::string& password) {
    check_name(name);
    check_password(password);
    std::string hash = hash_password(password);
    Transaction tx(db_);
    if (has_users())
        throw WorkflowError(
            _("the administrator already exists; an administrator adds further users"));
    std::string now = now_text(), role(role_id(Role::admin));
    db_.impl().sql << "INSERT INTO users (name, role, password_hash, active, created_at) VALUES "
                      "(:n, :r, :h, 1, :c)",
        soci::use(name), soci::use(role), soci::use(hash), soci::use(now);
    User u = *find(name);
    AuditEntry e = user_entry("insert", name, std::nullopt, audit_text(u));
    e.at = now;
    AuditRepository(db_).append({e}, name);
    tx.commit();
    return u;
}

Actor UserService::login(const std::string& name, const std::string& password) {
    soci::session& sql = db_.impl().sql;
    const std::string refused = _("wrong user name or password");
    Transaction tx(db_);
    auto row = select_user(sql, name, db_.backend() == Backend::Postgresql);
    if (!row) {
        if (!has_users())
            throw AuthenticationError(
                _("no users yet: create the administrator first (ladder-cli user init-admin --user "
                  "NAME)"));
        throw AuthenticationError(refused);
    }
    std::string now = now_text();
    if (row->locked_i == soci::i_ok && row->locked_until > now)
        throw AuthenticationError(
            fmt::format(fmt::runtime(_("account {} is locked after repeated failed sign-ins until "
                                       "{} (UTC); try again later")),
                        name, row->locked_until));
    if (!verify_password(row->password_hash, password)) {
        int failures = row->failed + 1;
        bool lock = failures >= policy_.max_failures;
        std::string until = utc_timestamp(clock_() + policy_.lockout_seconds);
        soci::indicator until_i = lock ? soci::i_ok : soci::i_null;
        // A lock starts a fresh count: the next failure after it expires locks again at once.
        int stored = lock ? policy_.max_failures - 1 : failures;
        sql << "UPDATE users SET failed_logins = :f, locked_until = :u WHERE id = :id",
            soci::use(stored), soci::use(until, until_i), soci::use(row->id);
        AuditEntry e = user_entry(lock ? "lock" : "login_failed", name, std::nullopt,
                                  lock ? fmt::format("failures={};locked_until={}", failures, until)
                                       : fmt::format("failures={}", failures));
        e.at = now;
        AuditRepository(db_).append({e}, name);
        tx.commit();
        if (lock)
            throw AuthenticationError(fmt::format(
                fmt::runtime(
                    _("wrong user name or password; account {} is now locked until {} (UTC)")),
                name, until));
        throw AuthenticationError(refused);
    }
    if (!row->active)
        throw AuthenticationError(fmt::format(fmt::runtime(_("account {} is disabled")), name));
    sql << "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login = :t WHERE id = "
           ":id",
        soci::use(now), soci::use(row->id);
    tx.commit();
    return Actor{row->name, parse_role(row->role).value_or(Role::clerk)};
}

User UserService::add_user(const Actor& by, const std::string& name, Role role,
                           const std::string& password) {
    require_permission(by.name, by.role, Operation::manage_users);
    check_name(name);
    check_password(password);
    std::string hash = hash_password(password);
    Transaction tx(db_);
    if (find(name))
        throw WorkflowError(fmt::format(fmt::runtime(_("user {} already exists")), name));
    std::string now = now_text(), role_text(role_id(role));
    db_.impl().sql << "INSERT INTO users (name, role, password_hash, active, created_at) VALUES "
                      "(:n, :r, :h, 1, :c)",
        soci::use(name), soci::use(role_text), soci::use(hash), soci::use(now);
    User u = *find(name);
    AuditRepository(db_).append({user_entry("insert", name, std::nullopt, audit_text(u))}, by.name);
    tx.commit();
    return u;
}

void UserService::set_password(const Actor& by, const std::string& name,
                               const std::string& new_password, const std::string& old_password) {
    bool own = by.name == name;
    if (!own) require_permission(by.name, by.role, Operation::manage_users);
    check_password(new_password);
    auto row = select_user(db_.impl().sql, name);
    if (!row) throw WorkflowError(fmt::format(fmt::runtime(_("no user named {}")), name));
    // Changing one's own password asks for the old one even of an admin: a forgotten terminal
    // must not be enough to take over the account.
    if (own && !verify_password(row->password_hash, old_password))
        throw AuthenticationError(_("the current password is wrong"));
    std::string hash = hash_password(new_password);
    Transaction tx(db_);
    db_.impl().sql << "UPDATE users SET password_hash = :h, failed_logins = 0, locked_until = NULL "
                      "WHERE id = :id",
        soci::use(hash), soci::use(row->id);
    AuditRepository(db_).append(
        {user_entry("password", name, std::nullopt, std::string("password=changed"))}, by.name);
    tx.commit();
}

void UserService::set_role(const Actor& by, const std::string& name, Role role) {
    require_permission(by.name, by.role, Operation::manage_users);
    Transaction tx(db_);
    auto before = find(name);
    if (!before) throw WorkflowError(fmt::format(fmt::runtime(_("no user named {}")), name));
    if (before->role == Role::admin && role != Role::admin) {
        long long admins = 0;
        db_.impl().sql << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1",
            soci::into(admins);
        if (admins <= 1)
            throw WorkflowError(_("the last active administrator cannot lose the role"));
    }
    std::string role_text(role_id(role));
    db_.impl().sql << "UPDATE users SET role = :r WHERE id = :id", soci::use(role_text),
        soci::use(before->id);
    User after = *before;
    after.role = role;
    AuditRepository(db_).append(
        {user_entry("update", name, audit_text(*before), audit_text(after))}, by.name);
    tx.commit();
}

void UserService::set_active(const Actor& by, const std::string& name, bool active) {
    require_permission(by.name, by.role, Operation::manage_users);
    Transaction tx(db_);
    auto before = find(name);
    if (!before) throw WorkflowError(fmt::format(fmt::runtime(_("no user named {}")), name));
    if (!active && before->role == Role::admin && before->active) {
        long long admins = 0;
        db_.impl().sql << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1",
            soci::into(admins);
        if (admins <= 1) throw WorkflowError(_("the last active administrator cannot be disabled"));
    }
    int flag = active ? 1 : 0;
    db_.impl().sql << "UPDATE users SET active = :a WHERE id = :id", soci::use(flag),
        soci::use(before->id);
    User after = *before;
    after.active = active;
    AuditRepository(db_).append(
        {user_entry("update", name, audit_text(*before), audit_text(after))}, by.name);
    tx.commit();
}

std::vector<User> UserService::list() {
    std::vector<User> out;
    soci::session& sql = db_.impl().sql;
    std::vector<std::string> names;
    {
        soci::rowset<std::string> rs = (sql.prepare << "SELECT name FROM users ORDER BY name");
        for (const auto& n : rs) names.push_back(n);
    }
    for (const auto& n : names) out.push_back(*find(n));
    return out;
}

std::optional<User> UserService::find(const std::string& name) {
    auto row = select_user(db_.impl().sql, name);
    if (!row) return std::nullopt;
    return row->to_user();
}

}  // namespace ladder
