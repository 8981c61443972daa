#include "session.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/resources.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::cli {

void add_user_option(CLI::App* cmd, std::string& user) {
    if (const char* env = std::getenv("LADDER_USER"); env && *env) user = env;
    cmd->add_option(
        "--user,-u", user,
        _("user acting (default $LADDER_USER); password from $LADDER_PASSWORD or a prompt"));
}

namespace {

std::string prompt_line(const std::string& prompt) {
    std::string line;
    if (::isatty(STDIN_FILENO)) {
        std::cerr << prompt << std::flush;
        termios old{};
        bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
        if (restore) {
            termios quiet = old;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        std::getline(std::cin, line);
        if (restore) tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << '\n';
    } else {
        std::getline(std::cin, line);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

std::string read_password(const std::string& prompt, const char* env, bool confirm) {
    if (const char* value = std::getenv(env); value && *value) return value;
    std::string password = prompt_line(prompt);
    if (password.empty())
        throw UsageError(fmt::format(
            fmt::runtime(_("no password given (set {} or type it at the prompt)")), env));
    if (confirm && ::isatty(STDIN_FILENO) && prompt_line(_("Repeat the password: ")) != password)
        throw UsageError(_("the two passwords differ"));
    return password;
}

Actor sign_in(Database& db, const std::string& user) {
    if (user.empty()) throw UsageError(_("this command needs --user NAME (or LADDER_USER)"));
    UserService users(db);
    std::string password = read_password(fmt::format(fmt::runtime(_("Password for {}: ")), user));
    return users.login(user, password);
}

Date date_option(const std::string& text) {
    if (text.empty()) return Date::today();
    std::string reason;
    auto d = Date::parse(text, &reason);
    if (!d) throw UsageError(fmt::format(fmt::runtime(_("{} is not a date: {}")), text, reason));
    return *d;
}

}  // namespace ladder::cli
