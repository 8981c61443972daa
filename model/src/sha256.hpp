#pragma once
// SHA-256 for the audit chain and the rule-set versions (internal to ladder_model).
#include <string>
#include <string_view>

namespace ladder {

// The digest of `bytes` as 64 lowercase hexadecimal characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace ladder
