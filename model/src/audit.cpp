#include "model/audit.hpp"

#include <sodium.h>

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
    static const bool sodium_ready = sodium_init() >= 0;  // idempotent, thread-safe
    (void)sodium_ready;
    std::string buf;
    for (const auto* f : {&e.prev_hash, &e.at, &e.actor, &e.action, &e.entity, &e.entity_key})
        append_field(buf, *f);
    append_field(buf, e.before);
    append_field(buf, e.after);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(buf.data()), buf.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
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
