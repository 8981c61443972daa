#include "model/audit.hpp"

#include <ctime>

#include <fmt/format.h>

#include "sha256.hpp"

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
    return sha256_hex(buf);
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
