#include "model/password.hpp"

#include <sodium.h>

#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "model/i18n.hpp"

namespace ladder {

namespace {

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error(_("the cryptography library could not be initialised"));
}

bool fast_limits() {
    const char* v = std::getenv("LADDER_ARGON2_FAST");
    return v && std::string_view(v) == "1";
}

}  // namespace

std::string hash_password(const std::string& password) {
    ensure_sodium();
    unsigned long long ops =
        fast_limits() ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    std::size_t mem =
        fast_limits() ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error(_("not enough memory to hash the password"));
    return out;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(const std::string& password) {
    std::size_t chars = 0;
    for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
    if (chars < 8) return _("a password needs at least 8 characters");
    return {};
}

}  // namespace ladder
