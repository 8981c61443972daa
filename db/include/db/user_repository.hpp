#pragma once
// The users table: accounts, their roles, password hashes and sign-in counters. Only storage:
// who may change what, the lockout policy and the audit entries are services/user_service.hpp's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/workflow.hpp"

namespace ladder {

struct User {
    int64_t id = 0;
    std::string name;
    Role role = Role::clerk;
    bool active = true;
    std::string created_at;
    int failed_logins = 0;
    std::optional<std::string> locked_until;  // UTC timestamp
    std::optional<std::string> last_login;
};

// A user with the stored Argon2id hash, for checking a password.
struct StoredUser {
    User user;
    std::string password_hash;
};

class UserRepository {
  public:
    explicit UserRepository(Database& db) : db_(db) {}

    long long count();
    long long count_active_admins();
    // `lock_row` (PostgreSQL) holds the row until the transaction ends, so simultaneous
    // sign-ins of one user count their failures one after another instead of each adding one
    // to the same old count (SQLite transactions are already serialised by BEGIN IMMEDIATE).
    std::optional<StoredUser> find(const std::string& name, bool lock_row = false);
    std::vector<std::string> names();  // in name order

    void insert(const std::string& name, Role role, const std::string& password_hash,
                const std::string& created_at);
    // The failure count and, when the account locks, until when (UTC).
    void store_failures(int64_t id, int failures, const std::optional<std::string>& locked_until);
    // A successful sign-in: counters reset, the time kept.
    void store_login(int64_t id, const std::string& at);
    // A new password hash; counters and lock reset.
    void store_password(int64_t id, const std::string& password_hash);
    void store_role(int64_t id, Role role);
    void store_active(int64_t id, bool active);

  private:
    Database& db_;
};

}  // namespace ladder
