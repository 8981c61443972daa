#pragma once
// Argon2id password hashes (libsodium crypto_pwhash_str): the stored string carries its salt
// and cost parameters, so a verify needs nothing else and costs can rise over time.
#include <string>

namespace ladder {

// Interactive limits (64 MiB, ops 2) by default. With the environment variable
// LADDER_ARGON2_FAST=1 the minimum limits are used instead: for test suites only, where
// hundreds of logins would otherwise take minutes.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& stored_hash, const std::string& password);
// Empty when acceptable, else the translated reason (at least 8 characters).
std::string password_problem(const std::string& password);

}  // namespace ladder
