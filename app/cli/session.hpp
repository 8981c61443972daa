#pragma once
// Signing in from the command line and the workflow services' inputs, shared by the workflow
// commands. Scripts run without a terminal: the password comes from LADDER_PASSWORD (or one line
// on standard input); people get a prompt without echo.
#include <string>

#include "command.hpp"
#include "services/user_service.hpp"
#include "services/workflow_service.hpp"

namespace ladder::cli {

// Adds `--user NAME` (default $LADDER_USER) to a subcommand.
void add_user_option(CLI::App* cmd, std::string& user);
// The password: $LADDER_PASSWORD when set and not empty, else a prompt on a terminal, else one
// line of standard input. `env` names the variable ("LADDER_NEW_PASSWORD" for a new password).
std::string read_password(const std::string& prompt, const char* env = "LADDER_PASSWORD",
                          bool confirm = false);
// Signs `user` in (UsageError when no user is named).
Actor sign_in(Database& db, const std::string& user);
// YYYY-MM-DD (also YYYY/MM/DD, YYYY年M月D日); empty = today. UsageError when malformed.
Date date_option(const std::string& text);

}  // namespace ladder::cli
