#include "audit_batch.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <stdexcept>
#include <utility>

#include <zstd.h>

#include "model/audit.hpp"

namespace ladder::audit_batch {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Appends the base64 of `in` to `out`.
void base64_append(std::string& out, std::string_view in) {
    const std::size_t at = out.size();
    out.resize(at + (in.size() + 2) / 3 * 4);
    char* o = out.data() + at;
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(in[k]); };
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        const unsigned v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        *o++ = kBase64[v >> 18 & 63];
        *o++ = kBase64[v >> 12 & 63];
        *o++ = kBase64[v >> 6 & 63];
        *o++ = kBase64[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = byte(i) << 16;
        *o++ = kBase64[v >> 18 & 63];
        *o++ = kBase64[v >> 12 & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (i + 2 == in.size()) {
        const unsigned v = byte(i) << 16 | byte(i + 1) << 8;
        *o++ = kBase64[v >> 18 & 63];
        *o++ = kBase64[v >> 12 & 63];
        *o++ = kBase64[v >> 6 & 63];
        *o++ = '=';
    }
}

std::optional<std::string> base64_decode(std::string_view in) {
    static const std::array<signed char, 256> table = [] {
        std::array<signed char, 256> t{};
        t.fill(-1);
        for (int k = 0; k < 64; ++k)
            t[static_cast<unsigned char>(kBase64[k])] = static_cast<signed char>(k);
        return t;
    }();
    if (in.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(in.size() / 4 * 3);
    for (std::size_t i = 0; i < in.size(); i += 4) {
        int pad = 0;
        unsigned v = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = in[i + k];
            int d = 0;
            if (c == '=' && i + 4 == in.size() && k >= 2) {
                ++pad;
            } else {
                if (pad) return std::nullopt;
                d = table[static_cast<unsigned char>(c)];
                if (d < 0) return std::nullopt;
            }
            v = v << 6 | static_cast<unsigned>(d);
        }
        out += static_cast<char>(v >> 16 & 255);
        if (pad < 2) out += static_cast<char>(v >> 8 & 255);
        if (pad < 1) out += static_cast<char>(v & 255);
    }
    return out;
}

void append_field(std::string& out, std::string_view field) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, field.size()).ptr;
    out.append(digits, end);
    out += ':';
    out += field;
    out += ';';
}

}  // namespace

Encoded encode(std::vector<Row>& rows) {
    auto by_key = [](const Row& a, const Row& b) { return a.first < b.first; };
    if (!std::is_sorted(rows.begin(), rows.end(), by_key))
        std::sort(rows.begin(), rows.end(), by_key);
    // The buffers and the compressor are kept from chunk to chunk: a million-row import
    // writes tens of chunks, and fresh 20 MB buffers cost page faults every time.
    thread_local std::string plain, packed;
    thread_local std::unique_ptr<ZSTD_CCtx, std::size_t (*)(ZSTD_CCtx*)> cctx(nullptr,
                                                                              ZSTD_freeCCtx);
    plain.clear();
    for (const Row& r : rows) {
        append_field(plain, r.first);
        append_field(plain, r.second);
    }
    // Level 1 with a 256 KiB window: rows repeat their field names, so the fastest level
    // already shrinks them about fivefold, and a reader needs only the window to stream them.
    if (!cctx) {
        cctx.reset(ZSTD_createCCtx());
        if (!cctx) throw std::bad_alloc();
    }
    ZSTD_CCtx_reset(cctx.get(), ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, 1);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_windowLog, 18);
    const std::size_t bound = ZSTD_compressBound(plain.size());
    if (packed.size() < bound) packed.resize(bound);
    const std::size_t n =
        ZSTD_compress2(cctx.get(), packed.data(), bound, plain.data(), plain.size());
    if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
    Encoded out;
    out.key.assign(1, kKeyMark);
    if (!rows.empty()) out.key += rows.front().first;
    out.payload.reserve((n + 2) / 3 * 4);
    base64_append(out.payload, std::string_view(packed.data(), n));
    out.value = "rows=" + std::to_string(rows.size()) + "; last=";
    if (!rows.empty()) out.value += rows.back().first;
    out.value += "; sha256=";
    out.value += audit_digest(out.payload);
    return out;
}

std::optional<Header> parse_header(std::string_view value) {
    Header h;
    constexpr std::string_view kRows = "rows=", kLast = "; last=", kDigest = "; sha256=";
    if (value.substr(0, kRows.size()) != kRows) return std::nullopt;
    value.remove_prefix(kRows.size());
    auto [end, err] = std::from_chars(value.data(), value.data() + value.size(), h.rows);
    if (err != std::errc()) return std::nullopt;
    value.remove_prefix(static_cast<std::size_t>(end - value.data()));
    if (value.substr(0, kLast.size()) != kLast) return std::nullopt;
    value.remove_prefix(kLast.size());
    const std::size_t digest = value.rfind(kDigest);
    if (digest == std::string_view::npos) return std::nullopt;
    h.last = value.substr(0, digest);
    h.digest = value.substr(digest + kDigest.size());
    return h;
}

struct RowReader::Stream {
    ZSTD_DStream* d = ZSTD_createDStream();
    ~Stream() { ZSTD_freeDStream(d); }
};

RowReader::RowReader(std::string_view payload) {
    std::optional<std::string> packed = base64_decode(payload);
    if (!packed) {
        failed_ = true;
        return;
    }
    compressed_ = std::move(*packed);
    stream_ = new Stream;
    ZSTD_DCtx_setParameter(stream_->d, ZSTD_d_windowLogMax, 18);
}

RowReader::~RowReader() {
    delete stream_;
}

RowReader::RowReader(RowReader&& o) noexcept
    : stream_(std::exchange(o.stream_, nullptr)),
      compressed_(std::move(o.compressed_)),
      in_pos_(o.in_pos_),
      out_(std::move(o.out_)),
      pos_(o.pos_),
      row_start_(o.row_start_),
      failed_(o.failed_),
      finished_(o.finished_) {
    // key_ and text_ point into out_, whose buffer moved with it; the next next() sets them.
}

bool RowReader::fill() {
    if (failed_ || finished_) return false;
    // Drop the rows before the current one; the current one moves to the front.
    out_.erase(0, row_start_);
    pos_ -= row_start_;
    row_start_ = 0;
    const std::size_t have = out_.size();
    out_.resize(have + ZSTD_DStreamOutSize());
    ZSTD_outBuffer out{out_.data() + have, out_.size() - have, 0};
    ZSTD_inBuffer in{compressed_.data(), compressed_.size(), in_pos_};
    std::size_t r = 0;
    while (out.pos == 0) {
        r = ZSTD_decompressStream(stream_->d, &out, &in);
        if (ZSTD_isError(r)) {
            failed_ = true;
            break;
        }
        if (r == 0 || (in.pos == in.size && out.pos < out.size)) {
            finished_ = true;
            if (r != 0) failed_ = true;  // truncated
            break;
        }
    }
    in_pos_ = in.pos;
    out_.resize(have + out.pos);
    return out.pos > 0;
}

bool RowReader::read_field(std::string_view& field) {
    // "<length>:<bytes>;", possibly across pieces: fill() keeps the unread rest.
    while (true) {
        const std::size_t colon = out_.find(':', pos_);
        if (colon != std::string::npos) {
            std::size_t length = 0;
            auto [end, err] = std::from_chars(out_.data() + pos_, out_.data() + colon, length);
            if (err != std::errc() || end != out_.data() + colon) {
                failed_ = true;
                return false;
            }
            if (colon + 1 + length < out_.size()) {
                if (out_[colon + 1 + length] != ';') {
                    failed_ = true;
                    return false;
                }
                field = std::string_view(out_).substr(colon + 1, length);
                pos_ = colon + 2 + length;
                return true;
            }
        } else if (out_.size() - pos_ > 24) {
            failed_ = true;
            return false;
        }
        if (!fill()) {
            if (pos_ != out_.size()) failed_ = true;
            return false;
        }
    }
}

bool RowReader::next() {
    if (failed_) return false;
    row_start_ = pos_;
    std::string_view key, text;
    if (!read_field(key)) return false;
    const std::size_t key_offset = static_cast<std::size_t>(key.data() - out_.data()) - row_start_;
    const std::size_t key_size = key.size();
    if (!read_field(text)) {
        failed_ = true;  // a key without its text
        return false;
    }
    // Reading the text may have refilled the buffer, which keeps the row from its start.
    key_ = std::string_view(out_).substr(row_start_ + key_offset, key_size);
    text_ = text;
    return true;
}

std::optional<std::string> find_row(std::string_view payload, std::string_view key) {
    RowReader rows(payload);
    while (rows.next()) {
        if (rows.key() == key) return std::string(rows.text());
        if (rows.key() > key) break;
    }
    return std::nullopt;
}

}  // namespace ladder::audit_batch
