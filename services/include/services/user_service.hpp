#pragma once
// Users, roles and sign-in. Passwords are stored only as Argon2id hashes; repeated failures lock
// the account for a while (recorded in the database, so every front end sees the same lock).
// Every change is in the audit trail (never the hash itself). The rows are
// db/user_repository.hpp's.
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/user_repository.hpp"
#include "model/application.hpp"
#include "model/workflow.hpp"

namespace ladder {

// Wrong name or password, a disabled account, or a locked one.
class AuthenticationError : public WorkflowError {
    using WorkflowError::WorkflowError;
};

struct LoginPolicy {
    int max_failures = 5;  // consecutive failures before a lock
    std::time_t lockout_seconds = 300;
};

class UserService {
  public:
    // `clock` gives "now" (tests move it); default the system clock.
    explicit UserService(Database& db, std::function<std::time_t()> clock = {},
                         LoginPolicy policy = {});

    bool has_users();
    // First run on a new database: creates the administrator. Refused once any user exists.
    User create_first_admin(const std::string& name, const std::string& password);
    // Checks the password; counts failures and locks the account after policy.max_failures.
    Actor login(const std::string& name, const std::string& password);

    User add_user(const Actor& by, const std::string& name, Role role, const std::string& password);
    // A user changes their own password (old password required); an admin resets anyone's.
    void set_password(const Actor& by, const std::string& name, const std::string& new_password,
                      const std::string& old_password = {});
    void set_role(const Actor& by, const std::string& name, Role role);
    void set_active(const Actor& by, const std::string& name, bool active);
    std::vector<User> list();
    std::optional<User> find(const std::string& name);

  private:
    std::string now_text() const;
    Database& db_;
    std::function<std::time_t()> clock_;
    LoginPolicy policy_;
};

// UTC "YYYY-MM-DDTHH:MM:SSZ" of a time point.
std::string utc_timestamp(std::time_t t);

}  // namespace ladder
