#pragma once
// The audit trail: who changed what, when, before and after. Append-only, and each entry
// carries the SHA-256 of its content and of the entry before it, so editing or deleting a
// stored entry breaks the chain from that point on.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
    // Data stored beside the entry whose digest its `after` names (an import's chunk of new
    // rows); not read with the entry.
    std::optional<std::string> payload;
};

inline const std::string kAuditGenesisHash(64, '0');

// SHA-256 (hex) over prev_hash and every content field, each length-prefixed so that no two
// different entries hash alike by moving text between fields.
std::string audit_hash(const AuditEntry& entry);
// The same over fields read in place (a whole trail is verified without copying its entries).
struct AuditEntryView {
    std::string_view prev_hash, at, actor, action, entity, entity_key;
    std::optional<std::string_view> before, after;
};
std::string audit_hash(const AuditEntryView& entry);
// SHA-256 (hex) of any bytes: the digest an entry carries of data stored beside it (the rows
// of an import's chunk).
std::string audit_digest(std::string_view bytes);
// Links `entries` after `last_hash`: sets prev_hash and hash of each in order.
void chain_audit_entries(std::vector<AuditEntry>& entries, std::string last_hash);
std::string utc_timestamp_now();

// One entry of the trail named by its id and hash, "N:HASH" — the head a report, backup or
// export was made at. Kept outside the database (on paper, in a file name), it proves later
// that the trail still holds that entry, which deleting the newest entries and rewriting the
// audit head cannot fake: every hash commits to all the entries before it.
struct AuditAnchor {
    int64_t entry = 0;  // 0: the empty trail (with the genesis hash)
    std::string hash;   // 64 lower-case hex digits

    std::string text() const;  // "N:HASH"
    // "N:HASH" with N ≥ 0 and 64 hex digits (either case); nullopt otherwise.
    static std::optional<AuditAnchor> parse(std::string_view text);
    friend bool operator==(const AuditAnchor&, const AuditAnchor&) = default;
};

// Result of checking a stored chain from its first entry.
struct AuditVerification {
    bool intact = true;
    std::size_t entries_checked = 0;
    int64_t first_bad_id = 0;  // the entry whose hash or link does not match
    std::string reason;
};

}  // namespace ladder
