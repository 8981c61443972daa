#include "sha256.hpp"

#include <openssl/sha.h>

namespace ladder {

// OpenSSL's SHA-256 uses the CPU's SHA instructions where present: every imported row's audit
// entry is hashed, and libsodium's portable version took a tenth of an import's CPU.
std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    static constexpr char kHexDigits[] = "0123456789abcdef";
    std::string hex(2 * SHA256_DIGEST_LENGTH, '0');
    for (std::size_t i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
        hex[2 * i] = kHexDigits[digest[i] >> 4];
        hex[2 * i + 1] = kHexDigits[digest[i] & 0x0f];
    }
    return hex;
}

}  // namespace ladder
