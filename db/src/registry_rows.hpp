#pragma once
// What the registry repository's three parts share (registry_repository.cpp: point reads and
// whole tables; registry_reader.cpp: the streamed firm records; registry_upsert.cpp: the batch
// upserts): the bound column buffers of each table, chunked reads and the audit text of a change.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <tuple>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <soci/soci.h>

#include "database_impl.hpp"
#include "db/registry_repository.hpp"
#include "model/import_schema.hpp"
#include "model/money.hpp"

namespace ladder::registry_detail {

// Rows per bulk read, per stored-row lookup and per batch of writes: memory stays flat and a
// range query per chunk stays narrow.
constexpr std::size_t kChunk = 10000;

using Ind = soci::indicator;

inline std::string text_or_empty(const std::string& v, Ind i) {
    return i == soci::i_null ? std::string() : v;
}

// Bound column buffers for one chunk of firms.
struct FirmColumns {
    std::vector<std::string> code, name, region, industry, chain, founded, listed, shareholder,
        group;
    std::vector<int> niche, hnte;
    std::vector<Ind> region_i, industry_i, chain_i, niche_i, hnte_i, listed_i, shareholder_i,
        group_i;

    void resize(std::size_t n) {
        for (auto* v :
             {&code, &name, &region, &industry, &chain, &founded, &listed, &shareholder, &group})
            v->assign(n, {});
        niche.assign(n, 0);
        hnte.assign(n, 0);
        for (auto* v : {&region_i, &industry_i, &chain_i, &niche_i, &hnte_i, &listed_i,
                        &shareholder_i, &group_i})
            v->assign(n, soci::i_ok);
    }
    void set(std::size_t k, const Firm& f) {
        code[k] = f.credit_code;
        name[k] = f.name;
        region[k] = f.region_code;
        region_i[k] = f.region_code.empty() ? soci::i_null : soci::i_ok;
        industry[k] = f.industry_code;
        industry_i[k] = f.industry_code.empty() ? soci::i_null : soci::i_ok;
        chain[k] = f.chain;
        chain_i[k] = f.chain.empty() ? soci::i_null : soci::i_ok;
        founded[k] = f.founded.to_string();
        niche[k] = f.niche_since.value_or(0);
        niche_i[k] = f.niche_since ? soci::i_ok : soci::i_null;
        hnte[k] = f.hnte_field.value_or(false) ? 1 : 0;
        hnte_i[k] = f.hnte_field ? soci::i_ok : soci::i_null;
        listed[k] = f.listed_on ? f.listed_on->to_string() : std::string();
        listed_i[k] = f.listed_on ? soci::i_ok : soci::i_null;
        shareholder[k] = f.controlling_shareholder;
        shareholder_i[k] = f.controlling_shareholder.empty() ? soci::i_null : soci::i_ok;
        group[k] = f.business_group;
        group_i[k] = f.business_group.empty() ? soci::i_null : soci::i_ok;
    }
    Firm get(std::size_t k) const {
        Firm f;
        f.credit_code = code[k];
        f.name = name[k];
        f.region_code = text_or_empty(region[k], region_i[k]);
        f.industry_code = text_or_empty(industry[k], industry_i[k]);
        f.chain = text_or_empty(chain[k], chain_i[k]);
        f.founded = *Date::parse(founded[k]);
        if (niche_i[k] != soci::i_null) f.niche_since = niche[k];
        if (hnte_i[k] != soci::i_null) f.hnte_field = hnte[k] != 0;
        if (listed_i[k] != soci::i_null) f.listed_on = Date::parse(listed[k]);
        f.controlling_shareholder = text_or_empty(shareholder[k], shareholder_i[k]);
        f.business_group = text_or_empty(group[k], group_i[k]);
        return f;
    }
};

constexpr const char* kFirmColumns =
    "credit_code, name, region_code, industry_code, chain, founded, niche_since, hnte_field, "
    "listed_on, controlling_shareholder, business_group";

struct FigureColumns {
    std::vector<std::string> code;
    std::vector<int> year;
    std::vector<std::vector<long long>> values;
    std::vector<std::vector<Ind>> present;

    FigureColumns() : values(kMeasureCount), present(kMeasureCount) {}
    void resize(std::size_t n) {
        code.assign(n, {});
        year.assign(n, 0);
        for (auto& v : values) v.assign(n, 0);
        for (auto& p : present) p.assign(n, soci::i_null);
    }
    void set(std::size_t k, const YearFigures& f) {
        code[k] = f.credit_code;
        year[k] = f.year;
        for (const auto& m : kMeasures) {
            auto v = f.get(m.measure);
            values[index_of(m.measure)][k] = v.value_or(0);
            present[index_of(m.measure)][k] = v ? soci::i_ok : soci::i_null;
        }
    }
    YearFigures get(std::size_t k) const {
        YearFigures f;
        f.credit_code = code[k];
        f.year = year[k];
        for (const auto& m : kMeasures) {
            auto i = index_of(m.measure);
            if (present[i][k] != soci::i_null) f.set(m.measure, values[i][k]);
        }
        return f;
    }
};

inline std::string figure_columns() {
    std::string cols = "credit_code, year";
    for (const auto& m : kMeasures) cols += fmt::format(", {}", m.id);
    return cols;
}

struct RecognitionColumns {
    std::vector<std::string> code, tier, approved, from, to, doc;
    std::vector<Ind> to_i;
    void resize(std::size_t n) {
        for (auto* v : {&code, &tier, &approved, &from, &to, &doc}) v->assign(n, {});
        to_i.assign(n, soci::i_ok);
    }
    void set(std::size_t k, const Recognition& r) {
        code[k] = r.credit_code;
        tier[k] = r.tier;
        approved[k] = r.approved_on.to_string();
        from[k] = r.valid_from.to_string();
        to[k] = r.valid_to ? r.valid_to->to_string() : std::string();
        to_i[k] = r.valid_to ? soci::i_ok : soci::i_null;
        doc[k] = r.doc_no;
    }
    Recognition get(std::size_t k) const {
        Recognition r;
        r.credit_code = code[k];
        r.tier = tier[k];
        r.approved_on = *Date::parse(approved[k]);
        r.valid_from = *Date::parse(from[k]);
        if (to_i[k] != soci::i_null) r.valid_to = Date::parse(to[k]);
        r.doc_no = doc[k];
        return r;
    }
};

constexpr const char* kRecognitionColumns =
    "credit_code, tier, approved_on, valid_from, valid_to, doc_no";

// Runs a bulk SELECT into FirmColumns etc. chunk by chunk. `bind` adds the into() elements.
// `chunk`: rows per fetch (SOCI's buffers for it are allocated up front: small for a query
// that returns few rows).
template <class Columns, class Bind, class Visit>
void fetch_all(soci::session& sql, const std::string& query, Bind bind, Visit visit,
               const std::vector<std::string>& params = {}, std::size_t chunk = kChunk) {
    Columns cols;
    cols.resize(chunk);
    soci::statement st(sql);
    st.alloc();
    bind(st, cols);
    for (const auto& p : params) st.exchange(soci::use(p));
    st.prepare(query);
    st.define_and_bind();
    bool more = st.execute(true);
    while (more || !cols.code.empty()) {
        std::size_t n = cols.code.size();
        for (std::size_t k = 0; k < n; ++k) visit(cols, k);
        if (!more) break;
        cols.resize(chunk);
        more = st.fetch();
        if (!more && cols.code.empty()) break;
    }
}

inline void bind_firm_into(soci::statement& st, FirmColumns& c) {
    st.exchange(soci::into(c.code));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.region, c.region_i));
    st.exchange(soci::into(c.industry, c.industry_i));
    st.exchange(soci::into(c.chain, c.chain_i));
    st.exchange(soci::into(c.founded));
    st.exchange(soci::into(c.niche, c.niche_i));
    st.exchange(soci::into(c.hnte, c.hnte_i));
    st.exchange(soci::into(c.listed, c.listed_i));
    st.exchange(soci::into(c.shareholder, c.shareholder_i));
    st.exchange(soci::into(c.group, c.group_i));
}

inline void bind_figure_into(soci::statement& st, FigureColumns& c) {
    st.exchange(soci::into(c.code));
    st.exchange(soci::into(c.year));
    for (std::size_t i = 0; i < kMeasureCount; ++i)
        st.exchange(soci::into(c.values[i], c.present[i]));
}

inline void bind_recognition_into(soci::statement& st, RecognitionColumns& c) {
    st.exchange(soci::into(c.code));
    st.exchange(soci::into(c.tier));
    st.exchange(soci::into(c.approved));
    st.exchange(soci::into(c.from));
    st.exchange(soci::into(c.to, c.to_i));
    st.exchange(soci::into(c.doc));
}

// The stored rows for the credit codes of `codes` (sorted, unique), keyed by `key_of`: one
// range query when the batch is large, one query per firm when it is small (a few scattered
// keys must not scan a million-row table).
template <class Columns, class Record, class Bind, class KeyOf>
std::unordered_map<std::string, Record> stored_rows(soci::session& sql, const std::string& columns,
                                                    const std::string& table,
                                                    const std::vector<std::string>& codes,
                                                    Bind bind, KeyOf key_of) {
    std::unordered_map<std::string, Record> out;
    if (codes.empty()) return out;
    auto keep = [&](const Columns& c, std::size_t k) {
        Record r = c.get(k);
        out.emplace(key_of(r), std::move(r));
    };
    constexpr std::size_t kPointLookups = 256;
    if (codes.size() <= kPointLookups) {
        for (const auto& code : codes)
            fetch_all<Columns>(
                sql, fmt::format("SELECT {} FROM {} WHERE credit_code = :c", columns, table), bind,
                keep, {code});
    } else {
        fetch_all<Columns>(
            sql,
            fmt::format("SELECT {} FROM {} WHERE credit_code >= :lo AND credit_code <= :hi",
                        columns, table),
            bind, keep, {codes.front(), codes.back()});
    }
    return out;
}

// Indices of `rows` in credit-code order: chunks of sorted keys make narrow range queries.
template <class Record>
std::vector<std::size_t> by_credit_code(const std::vector<Record>& rows) {
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto by_code = [&](std::size_t a, std::size_t b) {
        return rows[a].credit_code < rows[b].credit_code;
    };
    // Exports and most files people import are already in credit-code order: checking costs
    // one pass, sorting half a million rows again about as much as the validation.
    if (std::is_sorted(order.begin(), order.end(), by_code)) return order;
    // Credit codes are 18 characters: sorted as integers (big-endian, so in byte order) with
    // the row index last (stable), not by string comparisons through the index.
    const bool all_codes = std::all_of(rows.begin(), rows.end(),
                                       [](const Record& r) { return r.credit_code.size() == 18; });
    if (!all_codes || rows.size() > std::numeric_limits<uint32_t>::max()) {
        std::stable_sort(order.begin(), order.end(), by_code);
        return order;
    }
    struct SortKey {
        uint64_t head, middle;
        uint32_t tail;
        uint32_t index;
        bool operator<(const SortKey& o) const {
            return std::tie(head, middle, tail, index) <
                   std::tie(o.head, o.middle, o.tail, o.index);
        }
    };
    auto big_endian = [](const char* p, int n) {
        uint64_t v = 0;
        for (int k = 0; k < n; ++k) v = v << 8 | static_cast<unsigned char>(p[k]);
        return v;
    };
    std::vector<SortKey> keys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const char* c = rows[i].credit_code.data();
        keys[i] = {big_endian(c, 8), big_endian(c + 8, 8),
                   static_cast<uint32_t>(big_endian(c + 16, 2)), static_cast<uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
    return order;
}

template <class Record>
std::vector<std::string> distinct_codes(const std::vector<Record>& rows,
                                        const std::vector<std::size_t>& order, std::size_t start,
                                        std::size_t n) {
    std::vector<std::string> codes;
    codes.reserve(n);
    for (std::size_t i = start; i < start + n; ++i) {
        const std::string& code = rows[order[i]].credit_code;
        if (codes.empty() || codes.back() != code) codes.push_back(code);
    }
    return codes;
}

inline AuditEntry change_entry(const char* entity, std::string key,
                               std::optional<std::string> before,
                               std::optional<std::string> after) {
    AuditEntry e;
    e.action = before ? "update" : "insert";
    e.entity = entity;
    e.entity_key = std::move(key);
    e.before = std::move(before);
    e.after = std::move(after);
    return e;
}

// format_hundredths and format_fen appended in place, without fmt's format-string parsing: the
// figures' audit text formats millions of values (an import writes it, `audit verify` rebuilds
// it for every stored row). Entries written while money was held in hundredths read the same way (2
// decimals).
inline void append_unsigned(std::string& s, uint64_t v) {
    char digits[24];
    s.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}
inline void append_signed(std::string& s, int64_t v) {
    char digits[24];
    s.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}
// `places` digits of `v`, with leading zeros.
inline void append_padded(std::string& s, uint64_t v, int places) {
    char digits[8];
    for (int k = places - 1; k >= 0; --k, v /= 10) digits[k] = static_cast<char>('0' + v % 10);
    s.append(digits, static_cast<std::size_t>(places));
}
inline void append_hundredths(std::string& s, int64_t h) {
    uint64_t a = h < 0 ? 0 - static_cast<uint64_t>(h) : static_cast<uint64_t>(h);
    if (h < 0) s += '-';
    append_unsigned(s, a / 100);
    s += '.';
    append_padded(s, a % 100, 2);
}
inline void append_fen(std::string& s, int64_t fen) {
    uint64_t a = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
    if (fen < 0) s += '-';
    append_unsigned(s, a / kFenPerWan);
    s += '.';
    append_padded(s, a % kFenPerWan, 6);
    // 2 to 6 decimals, as the amount needs.
    for (int dropped = 0; dropped < 4 && s.back() == '0'; ++dropped) s.pop_back();
}

inline std::string join_cells(const std::vector<std::string>& header,
                              const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
        if (cells[i].empty()) continue;
        if (!s.empty()) s += "; ";
        s += header[i] + "=" + cells[i];
    }
    return s;
}

}  // namespace ladder::registry_detail
