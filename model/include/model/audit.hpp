#pragma once
// The audit trail: who changed what, when, before and after. Append-only, and each entry
// carries the SHA-256 of its content and of the entry before it, so editing or deleting a
// stored entry breaks the chain from that point on.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

struct AuditEntry {
    int64_t id = 0;          // assigned by storage, ascending
    std::string at;          // UTC, YYYY-MM-DDTHH:MM:SSZ
    std::string actor;       // user name
    std::string action;      // insert | update | delete | import | approve | ...
    std::string entity;      // firm | figures | recognition | application | user | quota | ruleset
    std::string entity_key;  // e.g. "91360100MA35XXXXXX" or "91360100MA35XXXXXX/2019"
    std::optional<std::string> before;  // the record before the change, as text
    std::optional<std::string> after;   // after it
    std::string prev_hash;
    std::string hash;
};

inline const std::string kAuditGenesisHash(64, '0');

// SHA-256 (hex) over prev_hash and every content field, each length-prefixed so that no two
// different entries hash alike by moving text between fields.
std::string audit_hash(const AuditEntry& entry);
// Links `entries` after `last_hash`: sets prev_hash and hash of each in order.
void chain_audit_entries(std::vector<AuditEntry>& entries, std::string last_hash);
std::string utc_timestamp_now();

// Result of checking a stored chain from its first entry.
struct AuditVerification {
    bool intact = true;
    std::size_t entries_checked = 0;
    int64_t first_bad_id = 0;  // the entry whose hash or link does not match
    std::string reason;
};

}  // namespace ladder
