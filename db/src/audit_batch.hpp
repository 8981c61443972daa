#pragma once
// Internal to db/: the audit entry of a chunk of inserted rows. An import (or the demo) that
// adds many rows records them as one entry per chunk instead of one entry per row: the rows'
// keys and audit texts, compressed (zstd), go into the entry's payload column, and the entry's
// value names the SHA-256 of that payload, so the hash chain covers the rows as it covers any
// value. Reading an entry's value never reads its payload (a list, the check on open).
//
//   action       insert_rows
//   entity       firm | figures | recognition
//   entity_key   "*" + the chunk's first key (no key Ladder writes starts with "*")
//   after_value  "rows=N; last=KEY; sha256=DIGEST" — DIGEST of the payload text
//   payload      base64 of the zstd-compressed rows, key order, each as
//                "<length>:<key>;<length>:<text>;"
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ladder::audit_batch {

inline constexpr std::string_view kAction = "insert_rows";
inline constexpr char kKeyMark = '*';
// Rows per entry: a chunk's text is about 20 MB before compression.
inline constexpr std::size_t kRowsPerEntry = 50000;

using Row = std::pair<std::string, std::string>;  // key, audit text

// The entry's key, value and payload for `rows` (sorted by key here if they are not already).
struct Encoded {
    std::string key, value, payload;
};
Encoded encode(std::vector<Row>& rows);

struct Header {
    std::size_t rows = 0;
    std::string_view last;    // the last key
    std::string_view digest;  // SHA-256 (hex) of the payload
};
// nullopt when `value` is not such a value.
std::optional<Header> parse_header(std::string_view value);

// The rows of one entry in key order, decompressed a piece at a time (a chunk never sits
// whole in memory: a check walks every chunk of the trail side by side).
class RowReader {
  public:
    explicit RowReader(std::string_view payload);
    ~RowReader();
    RowReader(const RowReader&) = delete;
    RowReader& operator=(const RowReader&) = delete;
    RowReader(RowReader&&) noexcept;

    // Moves to the next row; false at the end or when the data does not decode (failed()).
    bool next();
    std::string_view key() const { return key_; }
    std::string_view text() const { return text_; }
    bool failed() const { return failed_; }

  private:
    bool fill();  // decompresses more into out_; false when nothing more comes
    bool read_field(std::string_view& field);

    struct Stream;
    Stream* stream_ = nullptr;
    std::string compressed_;
    std::size_t in_pos_ = 0;
    std::string out_;
    std::size_t pos_ = 0;
    std::size_t row_start_ = 0;  // where the current row begins in out_
    std::string_view key_, text_;
    bool failed_ = false, finished_ = false;
};

// The text the payload records for `key`, if it holds that key.
std::optional<std::string> find_row(std::string_view payload, std::string_view key);

}  // namespace ladder::audit_batch
