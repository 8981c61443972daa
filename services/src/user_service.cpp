#include "services/user_service.hpp"

#include <cctype>

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "model/i18n.hpp"
#include "model/names.hpp"
#include "model/password.hpp"

namespace ladder {

namespace {

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
    return UserRepository(db_).count() > 0;
}

User UserService::create_first_admin(const std::string& name, const std::string& password) {
    check_name(name);
    check_password(password);
    std::string hash = hash_password(password);
    Transaction tx(db_);
    if (has_users())
        throw WorkflowError(
            _("the administrator already exists; an administrator adds further users"));
    std::string now = now_text();
    UserRepository(db_).insert(name, Role::admin, hash, now);
    User u = *find(name);
    AuditEntry e = user_entry("insert", name, std::nullopt, audit_text(u));
    e.at = now;
    AuditRepository(db_).append({e}, name);
    tx.commit();
    return u;
}

Actor UserService::login(const std::string& name, const std::string& password) {
    UserRepository users(db_);
    const std::string refused = _("wrong user name or password");
    Transaction tx(db_);
    auto row = users.find(name, db_.backend() == Backend::postgresql);
    if (!row) {
        if (!has_users())
            throw AuthenticationError(
                _("no users yet: create the administrator first (ladder-cli user init-admin --user "
                  "NAME)"));
        throw AuthenticationError(refused);
    }
    std::string now = now_text();
    if (row->user.locked_until && *row->user.locked_until > now)
        throw AuthenticationError(
            fmt::format(fmt::runtime(_("account {} is locked after repeated failed sign-ins until "
                                       "{}; try again later")),
                        name, names::local_time(*row->user.locked_until)));
    if (!verify_password(row->password_hash, password)) {
        int failures = row->user.failed_logins + 1;
        bool lock = failures >= policy_.max_failures;
        std::string until = utc_timestamp(clock_() + policy_.lockout_seconds);
        // A lock starts a fresh count: the next failure after it expires locks again at once.
        int stored = lock ? policy_.max_failures - 1 : failures;
        users.store_failures(row->user.id, stored,
                             lock ? std::optional<std::string>(until) : std::nullopt);
        AuditEntry e = user_entry(lock ? "lock" : "login_failed", name, std::nullopt,
                                  lock ? fmt::format("failures={};locked_until={}", failures, until)
                                       : fmt::format("failures={}", failures));
        e.at = now;
        AuditRepository(db_).append({e}, name);
        tx.commit();
        if (lock)
            throw AuthenticationError(fmt::format(
                fmt::runtime(_("wrong user name or password; account {} is now locked until {}")),
                name, names::local_time(until)));
        throw AuthenticationError(refused);
    }
    if (!row->user.active)
        throw AuthenticationError(fmt::format(fmt::runtime(_("account {} is disabled")), name));
    users.store_login(row->user.id, now);
    tx.commit();
    return Actor{row->user.name, row->user.role};
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
    UserRepository(db_).insert(name, role, hash, now_text());
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
    auto row = UserRepository(db_).find(name);
    if (!row) throw WorkflowError(fmt::format(fmt::runtime(_("no user named {}")), name));
    // Changing one's own password asks for the old one even of an admin: a forgotten terminal
    // must not be enough to take over the account.
    if (own && !verify_password(row->password_hash, old_password))
        throw AuthenticationError(_("the current password is wrong"));
    std::string hash = hash_password(new_password);
    Transaction tx(db_);
    UserRepository(db_).store_password(row->user.id, hash);
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
        if (UserRepository(db_).count_active_admins() <= 1)
            throw WorkflowError(_("the last active administrator cannot lose the role"));
    }
    UserRepository(db_).store_role(before->id, role);
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
        if (UserRepository(db_).count_active_admins() <= 1)
            throw WorkflowError(_("the last active administrator cannot be disabled"));
    }
    UserRepository(db_).store_active(before->id, active);
    User after = *before;
    after.active = active;
    AuditRepository(db_).append(
        {user_entry("update", name, audit_text(*before), audit_text(after))}, by.name);
    tx.commit();
}

std::vector<User> UserService::list() {
    std::vector<User> out;
    for (const auto& n : UserRepository(db_).names()) out.push_back(*find(n));
    return out;
}

std::optional<User> UserService::find(const std::string& name) {
    auto row = UserRepository(db_).find(name);
    if (!row) return std::nullopt;
    return row->user;
}

}  // namespace ladder
