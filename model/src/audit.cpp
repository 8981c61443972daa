#include "model/audit.hpp"

#include <openssl/sha.h>

#include <ctime>

#include <fmt/format.h>

namespace ladder {

namespace {
void append_field(std::string& buf, const std::optional<std::string>& field) {
    if (!field) {
        buf += "-;";
        return;
    }
    buf += std::to_string(field->size());
    buf += ':';
    buf += *field;
    buf += ';';
}
}  // namespace

std::string audit_hash(const AuditEntry& e) {
    std::string buf;
    for (const auto* f : {&e.prev_hash, &e.at, &e.actor, &e.action, &e.entity, &e.entity_key})
        append_field(buf, *f);
    append_field(buf, e.before);
    append_field(buf, e.after);
    // Every imported row is hashed once: OpenSSL's SHA-256 (the CPU's SHA instructions where
    // present) took a tenth of an import's CPU away from libsodium's portable one.
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(buf.data()), buf.size(), digest);
    static constexpr char kHexDigits[] = "0123456789abcdef";
    std::string hex(2 * SHA256_DIGEST_LENGTH, '0');
    for (std::size_t i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
        hex[2 * i] = kHexDigits[digest[i] >> 4];
        hex[2 * i + 1] = kHexDigits[digest[i] & 0x0f];
    }
    return hex;
}

void chain_audit_entries(std::vector<AuditEntry>& entries, std::string last_hash) {
    for (auto& e : entries) {
        e.prev_hash = std::move(last_hash);
        e.hash = audit_hash(e);
        last_hash = e.hash;
    }
}

std::string utc_timestamp_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace ladder
