#include "db/firm_query.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include <soci/sqlite3/soci-sqlite3.h>

#include "database_impl.hpp"

namespace ladder {

namespace {

constexpr const char* kColumns =
    "credit_code, name, region_code, industry_code, chain, founded, niche_since, "
    "hnte_field, listed_on, controlling_shareholder, business_group";

// LIKE pattern text with % _ and the escape character escaped (ESCAPE '!').
std::string like_escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out;
}

std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// A credit code prefix uses only the GB 32100 characters (digits and capital letters).
bool looks_like_code(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

struct Where {
    std::string sql;  // "" or " WHERE ..."
    std::vector<std::string> params;

    void add(const std::string& condition) {
        sql += (sql.empty() ? " WHERE " : " AND ") + condition;
    }
    std::string param(std::string value) {
        params.push_back(std::move(value));
        names.push_back(fmt::format("p{}", params.size() - 1));
        return ":" + names.back();
    }
    // Binds by name: placeholders may appear in the text in any order.
    void bind(soci::statement& st) const {
        for (std::size_t i = 0; i < params.size(); ++i) st.exchange(soci::use(params[i], names[i]));
    }
    std::vector<std::string> names;
};

// Unicode characters in UTF-8 text.
std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// An FTS5 query for `text` as one phrase: with the trigram tokenizer, a substring.
std::string fts_phrase(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Matches of a name search above which walking the list in its own order and testing each
// name finds a page sooner than collecting and sorting every match from the index: at this
// density a page of 100 is among the first 20,000 rows.
constexpr std::size_t kDenseMatches = 5000;

// How many names contain `text` according to the trigram index (SQLite), counting at most
// kDenseMatches + 1. The index folds case at least as widely as LIKE, so 0 means no match.
std::size_t index_matches(soci::session& sql, const std::string& text) {
    long long n = 0;
    std::string phrase = fts_phrase(text);
    sql << fmt::format(
        "SELECT COUNT(*) FROM (SELECT rowid FROM firm_search WHERE firm_search MATCH :q LIMIT {})",
        kDenseMatches + 1),
        soci::use(phrase), soci::into(n);
    return static_cast<std::size_t>(n);
}

// How many credit codes lie in [from, to), counting at most kDenseMatches + 1 (a key range).
std::size_t codes_in_range(soci::session& sql, const std::string& from, const std::string& to) {
    long long n = 0;
    sql << fmt::format(
        "SELECT COUNT(*) FROM (SELECT 1 FROM firms WHERE credit_code >= :f AND credit_code < :t "
        "LIMIT {})",
        kDenseMatches + 1),
        soci::use(from), soci::use(to), soci::into(n);
    return static_cast<std::size_t>(n);
}

// The search text as a condition. On SQLite the plan is chosen from two cheap probes so that
// every page is either a small set found by index and sorted, or an early-stopping walk of
// the list in its own order:
//   - a name text of 3+ characters with few index matches: those firms (then LIKE, to keep
//     exactly LIKE's answer);
//   - a credit-code prefix: the key range, joined with the few name matches if any;
//   - otherwise (short or common text): LIKE on each row, in list order.
// PostgreSQL's planner does this itself with its trigram and pattern indexes.
void add_text_condition(Where& w, const std::string& text, soci::session& sql, Backend backend) {
    // Every parameter must appear in the statement (SOCI binds by name), so each is added
    // only with the text that uses it.
    std::string like_sql;
    auto like = [&]() -> std::string {
        if (like_sql.empty()) {
            std::string pattern = w.param("%" + like_escaped(text) + "%");
            like_sql = fmt::format("name LIKE {} ESCAPE '!'", pattern);
        }
        return like_sql;
    };
    bool code_like = looks_like_code(text);
    std::string upper = text;
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (backend != Backend::sqlite) {
        std::string name = like();
        w.add(code_like ? fmt::format("({} OR credit_code LIKE {})", name, w.param(upper + "%"))
                        : name);
        return;
    }
    // Credit codes are digits and capitals: a prefix is a key range in byte order.
    const std::string upper_end = upper + "\x7f";
    std::optional<std::size_t> named;  // index matches, when the index can answer
    if (characters(text) >= 3) named = index_matches(sql, text);
    bool few_named = named && *named <= kDenseMatches;
    auto indexed = [&] {
        std::string phrase = w.param(fts_phrase(text));
        std::string name = like();
        return fmt::format(
            "(credit_code IN (SELECT credit_code FROM firm_search_ids WHERE id IN "
            "(SELECT rowid FROM firm_search WHERE firm_search MATCH {})) AND {})",
            phrase, name);
    };
    auto range = [&] {
        std::string from = w.param(upper);
        std::string to = w.param(upper_end);
        return fmt::format("(credit_code >= {} AND credit_code < {})", from, to);
    };
    if (!code_like) {
        w.add(few_named ? indexed() : like());
        return;
    }
    if (named && *named == 0) {
        w.add(range());  // a code prefix no name contains: the key range alone
        return;
    }
    // Two small sets by index, or (LIKE being no index condition) a walk in list order.
    std::string name =
        few_named && codes_in_range(sql, upper, upper_end) <= kDenseMatches ? indexed() : like();
    std::string code = range();
    w.add(fmt::format("({} OR {})", name, code));
}

Where where_of(const FirmFilter& f, soci::session& sql, Backend backend) {
    Where w;
    std::string text = trimmed(f.text);
    if (!text.empty()) add_text_condition(w, text, sql, backend);
    if (!f.region_prefix.empty()) {
        // Region codes are digits: a key range of firms_by_region on SQLite, whose LIKE
        // ignores case and so cannot use a binary index.
        if (backend == Backend::sqlite) {
            std::string from = w.param(f.region_prefix);
            std::string to = w.param(f.region_prefix + "\x7f");
            w.add(fmt::format("region_code >= {} AND region_code < {}", from, to));
        } else {
            w.add(fmt::format("region_code LIKE {} ESCAPE '!'",
                              w.param(like_escaped(f.region_prefix) + "%")));
        }
    }
    if (!f.chain.empty()) w.add(fmt::format("chain = {}", w.param(f.chain)));
    if (!f.tier_held.empty()) {
        std::string day = f.held_on.to_string();
        std::string open_to;
        if (f.held_validity_years) {
            // Without valid_to a title runs to valid_from + n years − 1 day, so it covers `day`
            // when valid_from is after day − n years.
            open_to =
                fmt::format("r.valid_from > {}",
                            w.param(f.held_on.add_years(-*f.held_validity_years).to_string()));
        } else {
            open_to = "1 = 1";
        }
        std::string tier = w.param(f.tier_held);
        std::string from = w.param(day);
        std::string to = w.param(day);
        // IN rather than a correlated EXISTS: the planner may start from the recognitions index.
        w.add(fmt::format(
            "credit_code IN (SELECT r.credit_code FROM recognitions r WHERE r.tier = {} "
            "AND r.valid_from <= {} AND ((r.valid_to IS NULL AND {}) OR r.valid_to >= {}))",
            tier, from, open_to, to));
    }
    if (f.restricted) w.add("credit_code IN (SELECT credit_code FROM firm_query_codes)");
    return w;
}

std::string order_of(const FirmSort& s) {
    const char* dir = s.descending ? " DESC" : "";
    switch (s.key) {
        case FirmSortKey::name:
            return fmt::format(" ORDER BY name{0}, credit_code{0}", dir);
        case FirmSortKey::region:
            return fmt::format(" ORDER BY region_code{0}, credit_code{0}", dir);
        case FirmSortKey::chain:
            return fmt::format(" ORDER BY chain{0}, credit_code{0}", dir);
        case FirmSortKey::credit_code:
            break;
    }
    return fmt::format(" ORDER BY credit_code{}", dir);
}

using Ind = soci::indicator;

}  // namespace

std::size_t FirmQuery::count(const FirmFilter& filter, std::size_t at_most) {
    Where w = where_of(filter, db_.impl().sql, db_.backend());
    long long n = 0;
    soci::statement st(db_.impl().sql);
    st.alloc();
    st.exchange(soci::into(n));
    w.bind(st);
    if (at_most == kUncapped ||
        at_most >= static_cast<std::size_t>(std::numeric_limits<long long>::max()))
        st.prepare("SELECT COUNT(*) FROM firms" + w.sql);
    else  // stops reading at the cap
        st.prepare(fmt::format("SELECT COUNT(*) FROM (SELECT 1 FROM firms{} LIMIT {}) capped",
                               w.sql, at_most));
    st.define_and_bind();
    st.execute(true);
    return static_cast<std::size_t>(n);
}

namespace {
// While alive, SQLite calls `abandon` every few thousand virtual machine steps and stops the
// running statement (SQLITE_INTERRUPT) when it returns true.
class ProgressGuard {
  public:
    ProgressGuard(soci::session& sql, const std::function<bool()>& abandon) : abandon_(abandon) {
        conn_ = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
        sqlite_api::sqlite3_progress_handler(conn_, 4000, &ProgressGuard::check, this);
    }
    ~ProgressGuard() { sqlite_api::sqlite3_progress_handler(conn_, 0, nullptr, nullptr); }
    ProgressGuard(const ProgressGuard&) = delete;
    ProgressGuard& operator=(const ProgressGuard&) = delete;
    bool abandoned() const { return abandoned_; }

  private:
    static int check(void* self) {
        auto* guard = static_cast<ProgressGuard*>(self);
        guard->abandoned_ = guard->abandoned_ || guard->abandon_();
        return guard->abandoned_ ? 1 : 0;
    }
    const std::function<bool()>& abandon_;
    sqlite_api::sqlite3* conn_;
    bool abandoned_ = false;
};
}  // namespace

std::optional<std::size_t> FirmQuery::count_unless(const FirmFilter& filter,
                                                   const std::function<bool()>& abandon,
                                                   std::size_t at_most) {
    if (abandon()) return std::nullopt;
    if (db_.backend() != Backend::sqlite) return count(filter, at_most);
    ProgressGuard guard(db_.impl().sql, abandon);
    try {
        return count(filter, at_most);
    } catch (const soci::soci_error&) {
        if (guard.abandoned()) return std::nullopt;
        throw;
    }
}

std::optional<std::vector<Firm>> FirmQuery::page_unless(const FirmFilter& filter,
                                                        const FirmSort& sort, std::size_t offset,
                                                        std::size_t limit,
                                                        const std::function<bool()>& abandon) {
    if (abandon()) return std::nullopt;
    if (db_.backend() != Backend::sqlite) return page(filter, sort, offset, limit);
    ProgressGuard guard(db_.impl().sql, abandon);
    try {
        return page(filter, sort, offset, limit);
    } catch (const soci::soci_error&) {
        if (guard.abandoned()) return std::nullopt;
        throw;
    }
}

std::vector<Firm> FirmQuery::page(const FirmFilter& filter, const FirmSort& sort,
                                  std::size_t offset, std::size_t limit) {
    std::vector<Firm> out;
    if (limit == 0) return out;
    Where w = where_of(filter, db_.impl().sql, db_.backend());
    // With bound parameters SOCI fills one-element vectors with no row at all (SOCI 4, SQLite):
    // the vectors hold at least two rows and LIMIT keeps the page to `limit`.
    const std::size_t n = std::max<std::size_t>(limit, 2);
    std::vector<std::string> code(n), name(n), region(n), industry(n), chain(n), founded(n),
        listed(n), shareholder(n), group(n);
    std::vector<int> niche(n), hnte(n);
    std::vector<Ind> region_i(n), industry_i(n), chain_i(n), niche_i(n), hnte_i(n), listed_i(n),
        shareholder_i(n), group_i(n);
    soci::statement st(db_.impl().sql);
    st.alloc();
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(region, region_i));
    st.exchange(soci::into(industry, industry_i));
    st.exchange(soci::into(chain, chain_i));
    st.exchange(soci::into(founded));
    st.exchange(soci::into(niche, niche_i));
    st.exchange(soci::into(hnte, hnte_i));
    st.exchange(soci::into(listed, listed_i));
    st.exchange(soci::into(shareholder, shareholder_i));
    st.exchange(soci::into(group, group_i));
    w.bind(st);
    st.prepare(fmt::format("SELECT {} FROM firms{}{} LIMIT {} OFFSET {}", kColumns, w.sql,
                           order_of(sort), limit, offset));
    st.define_and_bind();
    st.execute(true);
    for (std::size_t k = 0; k < code.size(); ++k) {
        Firm f;
        f.credit_code = code[k];
        f.name = name[k];
        if (region_i[k] != soci::i_null) f.region_code = region[k];
        if (industry_i[k] != soci::i_null) f.industry_code = industry[k];
        if (chain_i[k] != soci::i_null) f.chain = chain[k];
        if (auto d = Date::parse(founded[k])) f.founded = *d;
        if (niche_i[k] != soci::i_null) f.niche_since = niche[k];
        if (hnte_i[k] != soci::i_null) f.hnte_field = hnte[k] != 0;
        if (listed_i[k] != soci::i_null) f.listed_on = Date::parse(listed[k]);
        if (shareholder_i[k] != soci::i_null) f.controlling_shareholder = shareholder[k];
        if (group_i[k] != soci::i_null) f.business_group = group[k];
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<std::string> FirmQuery::codes(const FirmFilter& filter, const FirmSort& sort) {
    Where w = where_of(filter, db_.impl().sql, db_.backend());
    std::vector<std::string> out;
    constexpr std::size_t kChunk = 10000;
    std::vector<std::string> chunk(kChunk);
    soci::statement st(db_.impl().sql);
    st.alloc();
    st.exchange(soci::into(chunk));
    w.bind(st);
    st.prepare("SELECT credit_code FROM firms" + w.sql + order_of(sort));
    st.define_and_bind();
    bool more = st.execute(true);
    for (;;) {
        out.insert(out.end(), chunk.begin(), chunk.end());
        if (!more) break;
        chunk.resize(kChunk);
        more = st.fetch();
        if (!more && chunk.empty()) break;
    }
    return out;
}

std::vector<Recognition> FirmQuery::recognitions_of(const std::vector<std::string>& credit_codes) {
    std::vector<Recognition> out;
    constexpr std::size_t kBatch = 500;
    for (std::size_t begin = 0; begin < credit_codes.size(); begin += kBatch) {
        std::size_t end = std::min(credit_codes.size(), begin + kBatch);
        std::string in;
        for (std::size_t i = begin; i < end; ++i)
            in += fmt::format("{}:p{}", i > begin ? ", " : "", i - begin);
        std::vector<std::string> code(kBatch * 8), tier(kBatch * 8), approved(kBatch * 8),
            from(kBatch * 8), to(kBatch * 8), doc(kBatch * 8);
        std::vector<Ind> to_i(kBatch * 8);
        soci::statement st(db_.impl().sql);
        st.alloc();
        st.exchange(soci::into(code));
        st.exchange(soci::into(tier));
        st.exchange(soci::into(approved));
        st.exchange(soci::into(from));
        st.exchange(soci::into(to, to_i));
        st.exchange(soci::into(doc));
        for (std::size_t i = begin; i < end; ++i) st.exchange(soci::use(credit_codes[i]));
        st.prepare(fmt::format(
            "SELECT credit_code, tier, approved_on, valid_from, valid_to, doc_no FROM recognitions "
            "WHERE credit_code IN ({})",
            in));
        st.define_and_bind();
        bool more = st.execute(true);
        for (;;) {
            for (std::size_t k = 0; k < code.size(); ++k) {
                Recognition r;
                r.credit_code = code[k];
                r.tier = tier[k];
                if (auto d = Date::parse(approved[k])) r.approved_on = *d;
                if (auto d = Date::parse(from[k])) r.valid_from = *d;
                if (to_i[k] != soci::i_null) r.valid_to = Date::parse(to[k]);
                r.doc_no = doc[k];
                out.push_back(std::move(r));
            }
            if (!more) break;
            for (auto* v : {&code, &tier, &approved, &from, &to, &doc}) v->resize(kBatch * 8);
            to_i.resize(kBatch * 8);
            more = st.fetch();
            if (!more && code.empty()) break;
        }
    }
    return out;
}

void FirmQuery::restrict_to(const std::vector<std::string>& codes_in) {
    std::vector<std::string> credit_codes = codes_in;
    std::sort(credit_codes.begin(), credit_codes.end());
    credit_codes.erase(std::unique(credit_codes.begin(), credit_codes.end()), credit_codes.end());
    soci::session& sql = db_.impl().sql;
    sql << "CREATE TEMP TABLE IF NOT EXISTS firm_query_codes (credit_code TEXT PRIMARY KEY)";
    soci::transaction tx(sql);
    sql << "DELETE FROM firm_query_codes";
    constexpr std::size_t kChunk = 10000;
    for (std::size_t begin = 0; begin < credit_codes.size(); begin += kChunk) {
        std::vector<std::string> chunk(
            credit_codes.begin() + static_cast<std::ptrdiff_t>(begin),
            credit_codes.begin() +
                static_cast<std::ptrdiff_t>(std::min(credit_codes.size(), begin + kChunk)));
        sql << "INSERT INTO firm_query_codes (credit_code) VALUES (:c)", soci::use(chunk);
    }
    tx.commit();
}

}  // namespace ladder
