#include "model/audit.hpp"

#include <cctype>
#include <charconv>
#include <ctime>

#include <fmt/format.h>

#include "sha256.hpp"

namespace ladder {

namespace {
void append_field(std::string& buf, std::optional<std::string_view> field) {
    if (!field) {
        buf += "-;";
        return;
    }
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, field->size()).ptr;
    buf.append(digits, end);
    buf += ':';
    buf += *field;
    buf += ';';
}
}  // namespace

std::string audit_hash(const AuditEntryView& e) {
    // One buffer per thread, grown to the longest entry once: verifying millions of entries
    // allocates nothing here.
    thread_local std::string buf;
    buf.clear();
    for (std::string_view f : {e.prev_hash, e.at, e.actor, e.action, e.entity, e.entity_key})
        append_field(buf, f);
    append_field(buf, e.before);
    append_field(buf, e.after);
    return sha256_hex(buf);
}

std::string audit_hash(const AuditEntry& e) {
    auto view = [](const std::optional<std::string>& f) {
        return f ? std::optional<std::string_view>(*f) : std::nullopt;
    };
    return audit_hash(AuditEntryView{e.prev_hash, e.at, e.actor, e.action, e.entity, e.entity_key,
                                     view(e.before), view(e.after)});
}

std::string audit_digest(std::string_view bytes) {
    return sha256_hex(bytes);
}

void chain_audit_entries(std::vector<AuditEntry>& entries, std::string last_hash) {
    for (auto& e : entries) {
        e.prev_hash = std::move(last_hash);
        e.hash = audit_hash(e);
        last_hash = e.hash;
    }
}

std::string AuditAnchor::text() const {
    return fmt::format("{}:{}", entry, hash);
}

std::optional<AuditAnchor> AuditAnchor::parse(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    AuditAnchor a;
    const char* first = text.data();
    const char* last = text.data() + colon;
    auto [end, err] = std::from_chars(first, last, a.entry);
    if (err != std::errc() || end != last || a.entry < 0) return std::nullopt;
    std::string_view hash = text.substr(colon + 1);
    if (hash.size() != 64) return std::nullopt;
    for (char c : hash) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
        a.hash += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return a;
}

std::string utc_timestamp_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace ladder
