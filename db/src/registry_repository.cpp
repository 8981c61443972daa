#include "db/registry_repository.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "bulk_insert.hpp"
#include "database_impl.hpp"
#include "native_sqlite.hpp"
#include "model/import_schema.hpp"
#include "model/money.hpp"

namespace ladder {

namespace {

// Rows per bulk read, per stored-row lookup and per batch of writes: memory stays flat and a
// range query per chunk stays narrow.
constexpr std::size_t kChunk = 10000;

using Ind = soci::indicator;

std::string text_or_empty(const std::string& v, Ind i) {
    return i == soci::i_null ? std::string() : v;
}

// Bound column buffers for one chunk of firms.
struct FirmColumns {
    std::vector<std::string> code, name, region, industry, chain, founded, listed;
    std::vector<int> niche, hnte;
    std::vector<Ind> region_i, industry_i, chain_i, niche_i, hnte_i, listed_i;

    void resize(std::size_t n) {
        for (auto* v : {&code, &name, &region, &industry, &chain, &founded, &listed})
            v->assign(n, {});
        niche.assign(n, 0);
        hnte.assign(n, 0);
        for (auto* v : {&region_i, &industry_i, &chain_i, &niche_i, &hnte_i, &listed_i})
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
        return f;
    }
};

constexpr const char* kFirmColumns =
    "credit_code, name, region_code, industry_code, chain, founded, niche_since, hnte_field, "
    "listed_on";

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

std::string figure_columns() {
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
template <class Columns, class Bind, class Visit>
void fetch_all(soci::session& sql, const std::string& query, Bind bind, Visit visit,
               const std::vector<std::string>& params = {}) {
    Columns cols;
    cols.resize(kChunk);
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
        cols.resize(kChunk);
        more = st.fetch();
        if (!more && cols.code.empty()) break;
    }
}

void bind_firm_into(soci::statement& st, FirmColumns& c) {
    st.exchange(soci::into(c.code));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.region, c.region_i));
    st.exchange(soci::into(c.industry, c.industry_i));
    st.exchange(soci::into(c.chain, c.chain_i));
    st.exchange(soci::into(c.founded));
    st.exchange(soci::into(c.niche, c.niche_i));
    st.exchange(soci::into(c.hnte, c.hnte_i));
    st.exchange(soci::into(c.listed, c.listed_i));
}

void bind_figure_into(soci::statement& st, FigureColumns& c) {
    st.exchange(soci::into(c.code));
    st.exchange(soci::into(c.year));
    for (std::size_t i = 0; i < kMeasureCount; ++i)
        st.exchange(soci::into(c.values[i], c.present[i]));
}

void bind_recognition_into(soci::statement& st, RecognitionColumns& c) {
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
    if (!std::is_sorted(order.begin(), order.end(), by_code))
        std::stable_sort(order.begin(), order.end(), by_code);
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

AuditEntry change_entry(const char* entity, std::string key, std::optional<std::string> before,
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
void append_unsigned(std::string& s, uint64_t v) {
    char digits[24];
    s.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}
void append_signed(std::string& s, int64_t v) {
    char digits[24];
    s.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}
// `places` digits of `v`, with leading zeros.
void append_padded(std::string& s, uint64_t v, int places) {
    char digits[8];
    for (int k = places - 1; k >= 0; --k, v /= 10) digits[k] = static_cast<char>('0' + v % 10);
    s.append(digits, static_cast<std::size_t>(places));
}
void append_hundredths(std::string& s, int64_t h) {
    uint64_t a = h < 0 ? 0 - static_cast<uint64_t>(h) : static_cast<uint64_t>(h);
    if (h < 0) s += '-';
    append_unsigned(s, a / 100);
    s += '.';
    append_padded(s, a % 100, 2);
}
void append_fen(std::string& s, int64_t fen) {
    uint64_t a = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
    if (fen < 0) s += '-';
    append_unsigned(s, a / kFenPerWan);
    s += '.';
    append_padded(s, a % kFenPerWan, 6);
    // 2 to 6 decimals, as the amount needs.
    for (int dropped = 0; dropped < 4 && s.back() == '0'; ++dropped) s.pop_back();
}

std::string join_cells(const std::vector<std::string>& header,
                       const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
        if (cells[i].empty()) continue;
        if (!s.empty()) s += "; ";
        s += header[i] + "=" + cells[i];
    }
    return s;
}

}  // namespace

std::string audit_text(const Firm& f) {
    return join_cells(export_header(RecordKind::Firms), to_cells(f));
}
// Written directly rather than through to_cells: an import of millions of rows audits each
// one, and the same `column=value; ...` text comes out (a unit test compares the two).
std::string audit_text(const YearFigures& f) {
    std::string s;
    s.reserve(512);  // a full row's text: grown once, not five times
    if (!f.credit_code.empty()) s.append("credit_code=").append(f.credit_code).append("; ");
    s += "year=";
    append_signed(s, f.year);
    for (const auto& m : kMeasures) {
        auto v = f.get(m.measure);
        if (!v) continue;
        s += "; ";
        s += m.id;
        s += '=';
        if (is_money(m.kind))
            append_fen(s, *v);
        else if (m.kind == MeasureKind::Score)
            append_hundredths(s, *v);
        else if (m.kind == MeasureKind::Flag)
            s += *v ? "yes" : "no";
        else
            append_signed(s, *v);
    }
    return s;
}
std::string audit_text(const Recognition& r) {
    return join_cells(export_header(RecordKind::Recognitions), to_cells(r));
}

std::size_t RegistryRepository::count_firms() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM firms", soci::into(n);
    return static_cast<std::size_t>(n);
}
std::size_t RegistryRepository::count_figures() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM figures", soci::into(n);
    return static_cast<std::size_t>(n);
}
std::size_t RegistryRepository::count_recognitions() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM recognitions", soci::into(n);
    return static_cast<std::size_t>(n);
}

bool RegistryRepository::firm_exists(const std::string& credit_code) {
    int n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM firms WHERE credit_code = :c", soci::use(credit_code),
        soci::into(n);
    return n > 0;
}

std::vector<std::string> RegistryRepository::credit_codes() {
    std::vector<std::string> out;
    std::vector<std::string> chunk(kChunk);
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT credit_code FROM firms ORDER BY credit_code",
         soci::into(chunk));
    st.execute();
    while (st.fetch()) {
        out.insert(out.end(), chunk.begin(), chunk.end());
        chunk.resize(kChunk);
    }
    return out;
}

std::optional<Firm> RegistryRepository::find_firm(const std::string& credit_code) {
    std::optional<Firm> found;
    fetch_all<FirmColumns>(
        db_.impl().sql, fmt::format("SELECT {} FROM firms WHERE credit_code = :c", kFirmColumns),
        bind_firm_into, [&](const FirmColumns& c, std::size_t k) { found = c.get(k); },
        {credit_code});
    return found;
}

std::vector<YearFigures> RegistryRepository::figures_of(const std::string& credit_code) {
    std::vector<YearFigures> out;
    fetch_all<FigureColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM figures WHERE credit_code = :c ORDER BY year",
                    figure_columns()),
        bind_figure_into, [&](const FigureColumns& c, std::size_t k) { out.push_back(c.get(k)); },
        {credit_code});
    return out;
}

std::vector<Recognition> RegistryRepository::recognitions_of(const std::string& credit_code) {
    std::vector<Recognition> out;
    fetch_all<RecognitionColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM recognitions WHERE credit_code = :c ORDER BY tier, valid_from",
                    kRecognitionColumns),
        bind_recognition_into,
        [&](const RecognitionColumns& c, std::size_t k) { out.push_back(c.get(k)); },
        {credit_code});
    return out;
}

std::vector<Firm> RegistryRepository::load_firms() {
    std::vector<Firm> out;
    fetch_all<FirmColumns>(
        db_.impl().sql, fmt::format("SELECT {} FROM firms ORDER BY credit_code", kFirmColumns),
        bind_firm_into, [&](const FirmColumns& c, std::size_t k) { out.push_back(c.get(k)); });
    return out;
}

std::vector<YearFigures> RegistryRepository::load_figures() {
    std::vector<YearFigures> out;
    fetch_all<FigureColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM figures ORDER BY credit_code, year", figure_columns()),
        bind_figure_into, [&](const FigureColumns& c, std::size_t k) { out.push_back(c.get(k)); });
    return out;
}

std::vector<Recognition> RegistryRepository::load_recognitions() {
    std::vector<Recognition> out;
    fetch_all<RecognitionColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM recognitions ORDER BY credit_code, tier, valid_from",
                    kRecognitionColumns),
        bind_recognition_into,
        [&](const RecognitionColumns& c, std::size_t k) { out.push_back(c.get(k)); });
    return out;
}

namespace {

// ---- SQLite: the firm records straight from the native connection ---------------------------

// SOCI's header declares the SQLite C API inside this namespace.
using namespace sqlite_api;

// Appends an element to `v`, reusing a slot beyond `used` or one from `spare` (its strings keep
// their capacity), so that once warm no row allocates.
template <class T>
T& next_slot(std::vector<T>& v, std::size_t& used, std::vector<T>& spare) {
    if (used == v.size()) {
        if (spare.empty()) {
            v.emplace_back();
        } else {
            v.push_back(std::move(spare.back()));
            spare.pop_back();
        }
    }
    return v[used++];
}

// Cuts `v` to `used` elements, keeping the rest in `spare` for other firms.
template <class T>
void trim(std::vector<T>& v, std::size_t used, std::vector<T>& spare) {
    while (v.size() > used) {
        spare.push_back(std::move(v.back()));
        v.pop_back();
    }
}

// Reads the firm records a chunk at a time through the native SQLite connection SOCI holds:
// three prepared range queries reused for every chunk, each cell copied straight into records
// that keep their strings' and vectors' capacity from chunk to chunk. SOCI's sqlite3 backend
// costs several times as much: it converts every cell through its own buffers and allocates a
// string per text cell and row.
class SqliteRecordReader {
  public:
    explicit SqliteRecordReader(soci::session& sql)
        : conn_(native_sqlite(sql)),
          firms_(conn_,
                 fmt::format(
                     "SELECT {} FROM firms WHERE credit_code > ?1 ORDER BY credit_code LIMIT ?2",
                     kFirmColumns)),
          figures_(conn_, fmt::format(
                              "SELECT {} FROM figures WHERE credit_code > ?1 AND credit_code <= ?2 "
                              "ORDER BY credit_code, year",
                              figure_columns())),
          recognitions_(conn_,
                        fmt::format("SELECT {} FROM recognitions WHERE credit_code > ?1 AND "
                                    "credit_code <= ?2 ORDER BY credit_code, tier, valid_from",
                                    kRecognitionColumns)) {}

    bool in_transaction() const { return sqlite3_get_autocommit(conn_) == 0; }

    // The next `limit` firms (credit-code order) with their figures and recognitions, into
    // `records` (resized to the number read); false when no firm is left.
    bool next(std::vector<FirmRecord>& records, std::size_t limit) {
        std::size_t n = read_firms(records, limit);
        if (n == 0) return false;
        read_figures(records);
        read_recognitions(records);
        after_ = records[n - 1].firm.credit_code;
        return true;
    }

  private:
    std::size_t read_firms(std::vector<FirmRecord>& records, std::size_t limit) {
        firms_.bind(1, after_);
        firms_.bind(2, static_cast<int64_t>(limit));
        std::size_t n = 0;
        {
            ConnectionLock lock(conn_);
            while (firms_.step()) {
                if (n == records.size()) records.emplace_back();
                Firm& f = records[n++].firm;
                f.credit_code.assign(firms_.text(0));
                f.name.assign(firms_.text(1));
                firms_.text_into(2, f.region_code);
                firms_.text_into(3, f.industry_code);
                firms_.text_into(4, f.chain);
                f.founded = firms_.date(5);
                sqlite3_value* niche = firms_.cell(6);
                f.niche_since = NativeQuery::null(niche)
                                    ? std::nullopt
                                    : std::optional<int>(sqlite3_value_int(niche));
                sqlite3_value* hnte = firms_.cell(7);
                f.hnte_field = NativeQuery::null(hnte)
                                   ? std::nullopt
                                   : std::optional<bool>(sqlite3_value_int64(hnte) != 0);
                f.listed_on = firms_.optional_date(8);
            }
        }
        firms_.reset();
        records.resize(n);  // smaller only for the last chunk
        return n;
    }

    // Rows come in credit-code order, as do the records: one merge walk finds each row's firm.
    template <class Fill>
    void merge_rows(NativeQuery& q, std::vector<FirmRecord>& records, Fill fill) {
        q.bind(1, after_);
        q.bind(2, records.back().firm.credit_code);
        used_.assign(records.size(), 0);
        std::size_t k = 0;
        {
            ConnectionLock lock(conn_);
            while (q.step()) {
                std::string_view code = q.text(0);
                while (k < records.size() && std::string_view(records[k].firm.credit_code) < code)
                    ++k;
                if (k == records.size()) break;
                if (records[k].firm.credit_code == code) fill(records[k], used_[k], code);
            }
        }
        q.reset();
    }

    void read_figures(std::vector<FirmRecord>& records) {
        merge_rows(figures_, records, [&](FirmRecord& r, std::size_t& used, std::string_view code) {
            YearFigures& y = next_slot(r.figures, used, spare_figures_);
            y.credit_code.assign(code);
            y.year = sqlite3_value_int(figures_.cell(1));
            for (std::size_t i = 0; i < kMeasureCount; ++i) {
                sqlite3_value* v = figures_.cell(static_cast<int>(i) + 2);
                y.set(kMeasures[i].measure, NativeQuery::null(v)
                                                ? std::nullopt
                                                : std::optional<int64_t>(sqlite3_value_int64(v)));
            }
        });
        for (std::size_t k = 0; k < records.size(); ++k)
            trim(records[k].figures, used_[k], spare_figures_);
    }

    void read_recognitions(std::vector<FirmRecord>& records) {
        merge_rows(recognitions_, records,
                   [&](FirmRecord& r, std::size_t& used, std::string_view code) {
                       Recognition& x = next_slot(r.recognitions, used, spare_recognitions_);
                       x.credit_code.assign(code);
                       x.tier.assign(recognitions_.text(1));
                       x.approved_on = recognitions_.date(2);
                       x.valid_from = recognitions_.date(3);
                       x.valid_to = recognitions_.optional_date(4);
                       x.doc_no.assign(recognitions_.text(5));
                   });
        for (std::size_t k = 0; k < records.size(); ++k)
            trim(records[k].recognitions, used_[k], spare_recognitions_);
    }

    sqlite3* conn_;
    NativeQuery firms_, figures_, recognitions_;
    std::string after_;              // last credit code of the previous chunk
    std::vector<std::size_t> used_;  // rows given to each record of the chunk so far
    std::vector<YearFigures> spare_figures_;
    std::vector<Recognition> spare_recognitions_;
};

}  // namespace

void RegistryRepository::for_each_firm_record(
    std::size_t chunk, const std::function<void(std::vector<FirmRecord>&)>& visit) {
    soci::session& sql = db_.impl().sql;
    if (db_.backend() == Backend::Sqlite) {
        SqliteRecordReader reader(sql);
        // One snapshot for the whole walk: a writer committing between two chunks (or between
        // the three queries of one) must not pair firms with figures of another state.
        std::optional<ReadSnapshot> snapshot;
        if (!reader.in_transaction()) snapshot.emplace(db_);
        std::vector<FirmRecord> records;
        while (reader.next(records, std::max<std::size_t>(chunk, 1))) visit(records);
        return;
    }
    std::string after;  // last credit code of the previous chunk
    const std::string limit = std::to_string(std::max<std::size_t>(chunk, 1));
    for (;;) {
        std::vector<FirmRecord> records;
        fetch_all<FirmColumns>(
            sql,
            fmt::format("SELECT {} FROM firms WHERE credit_code > :a ORDER BY credit_code LIMIT {}",
                        kFirmColumns, limit),
            bind_firm_into,
            [&](const FirmColumns& c, std::size_t k) {
                records.push_back({c.get(k), {}, {}});
            },
            {after});
        if (records.empty()) return;
        const std::string& last = records.back().firm.credit_code;
        std::unordered_map<std::string, std::size_t> index;
        index.reserve(records.size());
        for (std::size_t i = 0; i < records.size(); ++i)
            index.emplace(records[i].firm.credit_code, i);
        fetch_all<FigureColumns>(sql,
                                 fmt::format("SELECT {} FROM figures WHERE credit_code > :a AND "
                                             "credit_code <= :b ORDER BY credit_code, year",
                                             figure_columns()),
                                 bind_figure_into,
                                 [&](const FigureColumns& c, std::size_t k) {
                                     if (auto it = index.find(c.code[k]); it != index.end())
                                         records[it->second].figures.push_back(c.get(k));
                                 },
                                 {after, last});
        fetch_all<RecognitionColumns>(
            sql,
            fmt::format("SELECT {} FROM recognitions WHERE credit_code > :a AND credit_code <= :b "
                        "ORDER BY credit_code, tier, valid_from",
                        kRecognitionColumns),
            bind_recognition_into,
            [&](const RecognitionColumns& c, std::size_t k) {
                if (auto it = index.find(c.code[k]); it != index.end())
                    records[it->second].recognitions.push_back(c.get(k));
            },
            {after, last});
        after = last;
        visit(records);
    }
}

namespace {

// What the generic upsert needs to know about a record type: its table, key, how to read stored
// rows, insert new ones and update changed ones.
template <class Record>
struct RecordTraits;

template <>
struct RecordTraits<Firm> {
    using Columns = FirmColumns;
    static constexpr const char* entity = "firm";
    static constexpr const char* table = "firms";
    static std::string select_columns() { return kFirmColumns; }
    static void bind_into(soci::statement& st, Columns& c) { bind_firm_into(st, c); }
    static std::string key(const Firm& f) { return f.credit_code; }
    static std::vector<std::string> insert_columns() {
        return {"credit_code", "name",        "region_code", "industry_code", "chain",
                "founded",     "niche_since", "hnte_field",  "listed_on"};
    }
    static void insert(BulkInsert& out, const Firm& f) {
        auto optional_text = [&](const std::string& v) { v.empty() ? out.null() : out.text(v); };
        out.text(f.credit_code);
        out.text(f.name);
        optional_text(f.region_code);
        optional_text(f.industry_code);
        optional_text(f.chain);
        std::string founded = f.founded.to_string();
        out.text(founded);
        f.niche_since ? out.integer(*f.niche_since) : out.null();
        f.hnte_field ? out.integer(*f.hnte_field ? 1 : 0) : out.null();
        std::string listed = f.listed_on ? f.listed_on->to_string() : std::string();
        f.listed_on ? out.text(listed) : out.null();
        out.end_row();
    }
    static void update(soci::session& sql, Columns& c) {
        sql << "UPDATE firms SET name = :p1, region_code = :p2, industry_code = :p3, chain = :p4, "
               "founded = :p5, "
               "niche_since = :p6, hnte_field = :p7, listed_on = :p8, row_version = row_version + "
               "1 "
               "WHERE credit_code = :p0",
            soci::use(c.name), soci::use(c.region, c.region_i), soci::use(c.industry, c.industry_i),
            soci::use(c.chain, c.chain_i), soci::use(c.founded), soci::use(c.niche, c.niche_i),
            soci::use(c.hnte, c.hnte_i), soci::use(c.listed, c.listed_i), soci::use(c.code);
    }
};

template <>
struct RecordTraits<YearFigures> {
    using Columns = FigureColumns;
    static constexpr const char* entity = "figures";
    static constexpr const char* table = "figures";
    static std::string select_columns() { return figure_columns(); }
    static void bind_into(soci::statement& st, Columns& c) { bind_figure_into(st, c); }
    static std::string key(const YearFigures& f) {
        return fmt::format("{}/{}", f.credit_code, f.year);
    }
    static std::vector<std::string> insert_columns() {
        std::vector<std::string> columns = {"credit_code", "year"};
        for (const auto& m : kMeasures) columns.emplace_back(m.id);
        return columns;
    }
    static void insert(BulkInsert& out, const YearFigures& f) {
        out.text(f.credit_code);
        out.integer(f.year);
        for (const auto& m : kMeasures) {
            auto v = f.get(m.measure);
            v ? out.integer(*v) : out.null();
        }
        out.end_row();
    }
    static void update(soci::session& sql, Columns& c) {
        static const std::string query = [] {
            std::string set_list;
            for (std::size_t i = 0; i < kMeasureCount; ++i)
                set_list += fmt::format("{} = :v{}, ", kMeasures[i].id, i);
            return fmt::format(
                "UPDATE figures SET {}row_version = row_version + 1 WHERE credit_code = :c AND "
                "year = :y",
                set_list);
        }();
        soci::statement st(sql);
        st.alloc();
        for (std::size_t i = 0; i < kMeasureCount; ++i)
            st.exchange(soci::use(c.values[i], c.present[i]));
        st.exchange(soci::use(c.code));
        st.exchange(soci::use(c.year));
        st.prepare(query);
        st.define_and_bind();
        st.execute(true);
    }
};

template <>
struct RecordTraits<Recognition> {
    using Columns = RecognitionColumns;
    static constexpr const char* entity = "recognition";
    static constexpr const char* table = "recognitions";
    static std::string select_columns() { return kRecognitionColumns; }
    static void bind_into(soci::statement& st, Columns& c) { bind_recognition_into(st, c); }
    static std::string key(const Recognition& r) {
        return fmt::format("{}/{}/{}", r.credit_code, r.tier, r.valid_from.to_string());
    }
    static std::vector<std::string> insert_columns() {
        return {"credit_code", "tier", "approved_on", "valid_from", "valid_to", "doc_no"};
    }
    static void insert(BulkInsert& out, const Recognition& r) {
        std::string approved = r.approved_on.to_string(), from = r.valid_from.to_string();
        std::string to = r.valid_to ? r.valid_to->to_string() : std::string();
        out.text(r.credit_code);
        out.text(r.tier);
        out.text(approved);
        out.text(from);
        r.valid_to ? out.text(to) : out.null();
        out.text(r.doc_no);
        out.end_row();
    }
    static void update(soci::session& sql, Columns& c) {
        sql << "UPDATE recognitions SET approved_on = :a, valid_to = :t, doc_no = :d, row_version "
               "= row_version + 1 "
               "WHERE credit_code = :c AND tier = :r AND valid_from = :f",
            soci::use(c.approved), soci::use(c.to, c.to_i), soci::use(c.doc), soci::use(c.code),
            soci::use(c.tier), soci::use(c.from);
    }
};

bool table_is_empty(soci::session& sql, const char* table) {
    int any = 0;
    sql << fmt::format("SELECT 1 FROM {} LIMIT 1", table), soci::into(any);
    return !sql.got_data();
}

// Classifies `rows` against the stored ones a chunk of keys at a time (credit-code order):
// new rows are inserted through BulkInsert, changed ones updated, equal ones left alone, and
// the chunk's audit entries (one per change, key order) handed to `audit`.
template <class Record>
UpsertSummary upsert_records(Database& db, const std::vector<Record>& rows, const AuditSink& audit,
                             bool all_new) {
    using Traits = RecordTraits<Record>;
    using Columns = typename Traits::Columns;
    soci::session& sql = db.impl().sql;
    UpsertSummary summary;
    if (rows.empty()) return summary;
    const bool empty_table = all_new || table_is_empty(sql, Traits::table);
    const std::vector<std::size_t> order = by_credit_code(rows);
    BulkInsert inserts(db, Traits::table, Traits::insert_columns());
    Columns changed;
    std::vector<AuditEntry> entries;
    for (std::size_t start = 0; start < rows.size(); start += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - start);
        std::unordered_map<std::string, Record> stored;
        if (!empty_table)
            stored = stored_rows<Columns, Record>(sql, Traits::select_columns(), Traits::table,
                                                  distinct_codes(rows, order, start, n),
                                                  Traits::bind_into, Traits::key);
        std::vector<const Record*> updates;
        entries.clear();
        for (std::size_t i = start; i < start + n; ++i) {
            const Record& r = rows[order[i]];
            auto old = stored.end();
            std::string key;
            if (!stored.empty() || audit) key = Traits::key(r);
            if (!stored.empty()) old = stored.find(key);
            if (old == stored.end()) {
                Traits::insert(inserts, r);
                ++summary.inserted;
                if (audit)
                    entries.push_back(
                        change_entry(Traits::entity, std::move(key), std::nullopt, audit_text(r)));
            } else if (old->second == r) {
                ++summary.unchanged;
            } else {
                updates.push_back(&r);
                if (audit)
                    entries.push_back(change_entry(Traits::entity, std::move(key),
                                                   audit_text(old->second), audit_text(r)));
            }
        }
        inserts.end_batch();  // PostgreSQL's COPY holds the connection until then
        if (!updates.empty()) {
            changed.resize(updates.size());
            for (std::size_t k = 0; k < updates.size(); ++k) changed.set(k, *updates[k]);
            Traits::update(sql, changed);
            summary.updated += updates.size();
        }
        if (audit && !entries.empty()) audit(std::move(entries));
    }
    return summary;
}

// Hands each of `rows` its stored counterpart (or null), a chunk of credit codes at a time in
// credit-code order: the same narrow range reads as the upsert's, and nothing read at all when
// the table is empty (the first import of a registry).
template <class Record>
void visit_stored_records(Database& db, const std::vector<Record>& rows,
                          const std::function<void(std::size_t, const Record*)>& visit) {
    using Traits = RecordTraits<Record>;
    using Columns = typename Traits::Columns;
    soci::session& sql = db.impl().sql;
    if (rows.empty()) return;
    if (table_is_empty(sql, Traits::table)) {
        for (std::size_t i = 0; i < rows.size(); ++i) visit(i, nullptr);
        return;
    }
    const std::vector<std::size_t> order = by_credit_code(rows);
    for (std::size_t start = 0; start < rows.size(); start += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - start);
        auto stored = stored_rows<Columns, Record>(sql, Traits::select_columns(), Traits::table,
                                                   distinct_codes(rows, order, start, n),
                                                   Traits::bind_into, Traits::key);
        for (std::size_t i = start; i < start + n; ++i) {
            auto it = stored.find(Traits::key(rows[order[i]]));
            visit(order[i], it == stored.end() ? nullptr : &it->second);
        }
    }
}

AuditSink collect_into(std::vector<AuditEntry>* audit) {
    if (!audit) return {};
    return [audit](std::vector<AuditEntry>&& entries) {
        audit->insert(audit->end(), std::make_move_iterator(entries.begin()),
                      std::make_move_iterator(entries.end()));
    };
}

}  // namespace

void RegistryRepository::visit_stored(const std::vector<Firm>& firms,
                                      const std::function<void(std::size_t, const Firm*)>& visit) {
    visit_stored_records(db_, firms, visit);
}
void RegistryRepository::visit_stored(
    const std::vector<YearFigures>& figures,
    const std::function<void(std::size_t, const YearFigures*)>& visit) {
    visit_stored_records(db_, figures, visit);
}
void RegistryRepository::visit_stored(
    const std::vector<Recognition>& recognitions,
    const std::function<void(std::size_t, const Recognition*)>& visit) {
    visit_stored_records(db_, recognitions, visit);
}

std::vector<std::pair<std::string, Date>> RegistryRepository::founding_dates() {
    std::vector<std::pair<std::string, Date>> out;
    std::vector<std::string> codes(kChunk), founded(kChunk);
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT credit_code, founded FROM firms ORDER BY credit_code",
         soci::into(codes), soci::into(founded));
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < codes.size(); ++i)
            if (auto d = Date::parse(founded[i])) out.emplace_back(std::move(codes[i]), *d);
        codes.resize(kChunk);
        founded.resize(kChunk);
    }
    return out;
}

UpsertSummary RegistryRepository::upsert(const std::vector<Firm>& firms, const AuditSink& audit,
                                         bool all_new) {
    return upsert_records(db_, firms, audit, all_new);
}
UpsertSummary RegistryRepository::upsert(const std::vector<YearFigures>& figures,
                                         const AuditSink& audit, bool all_new) {
    return upsert_records(db_, figures, audit, all_new);
}
UpsertSummary RegistryRepository::upsert(const std::vector<Recognition>& recognitions,
                                         const AuditSink& audit, bool all_new) {
    return upsert_records(db_, recognitions, audit, all_new);
}

UpsertSummary RegistryRepository::upsert_firms(const std::vector<Firm>& firms,
                                               std::vector<AuditEntry>* audit, bool all_new) {
    return upsert_records(db_, firms, collect_into(audit), all_new);
}
UpsertSummary RegistryRepository::upsert_figures(const std::vector<YearFigures>& figures,
                                                 std::vector<AuditEntry>* audit, bool all_new) {
    return upsert_records(db_, figures, collect_into(audit), all_new);
}
UpsertSummary RegistryRepository::upsert_recognitions(const std::vector<Recognition>& recognitions,
                                                      std::vector<AuditEntry>* audit,
                                                      bool all_new) {
    return upsert_records(db_, recognitions, collect_into(audit), all_new);
}

}  // namespace ladder
