#include "db/firm_query.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "database_impl.hpp"

namespace ladder {

namespace {

constexpr const char* kColumns = "credit_code, name, region_code, industry_code, chain, founded, niche_since, "
                                 "hnte_field, listed_on";

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

    void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
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

Where where_of(const FirmFilter& f) {
    Where w;
    std::string text = trimmed(f.text);
    if (!text.empty()) {
        std::string name = w.param("%" + like_escaped(text) + "%");
        if (looks_like_code(text)) {
            std::string upper = text;
            for (char& c : upper)
                if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            std::string code = w.param(like_escaped(upper) + "%");
            w.add(fmt::format("(name LIKE {} ESCAPE '!' OR credit_code LIKE {} ESCAPE '!')", name, code));
        } else {
            w.add(fmt::format("name LIKE {} ESCAPE '!'", name));
        }
    }
    if (!f.region_prefix.empty()) w.add(fmt::format("region_code LIKE {} ESCAPE '!'", w.param(like_escaped(f.region_prefix) + "%")));
    if (!f.chain.empty()) w.add(fmt::format("chain = {}", w.param(f.chain)));
    if (!f.tier_held.empty()) {
        std::string day = f.held_on.to_string();
        std::string open_to;
        if (f.held_validity_years) {
            // Without valid_to a title runs to valid_from + n years − 1 day, so it covers `day`
            // when valid_from is after day − n years.
            open_to = fmt::format("r.valid_from > {}", w.param(f.held_on.add_years(-*f.held_validity_years).to_string()));
        } else {
            open_to = "1 = 1";
        }
        std::string tier = w.param(f.tier_held);
        std::string from = w.param(day);
        std::string to = w.param(day);
        w.add(fmt::format("EXISTS (SELECT 1 FROM recognitions r WHERE r.credit_code = firms.credit_code AND r.tier = {} "
                          "AND r.valid_from <= {} AND ((r.valid_to IS NULL AND {}) OR r.valid_to >= {}))",
                          tier, from, open_to, to));
    }
    if (f.restricted) w.add("credit_code IN (SELECT credit_code FROM firm_query_codes)");
    return w;
}

std::string order_of(const FirmSort& s) {
    const char* dir = s.descending ? " DESC" : "";
    switch (s.key) {
        case FirmSortKey::Name: return fmt::format(" ORDER BY name{0}, credit_code{0}", dir);
        case FirmSortKey::Region: return fmt::format(" ORDER BY region_code{0}, credit_code{0}", dir);
        case FirmSortKey::Chain: return fmt::format(" ORDER BY chain{0}, credit_code{0}", dir);
        case FirmSortKey::CreditCode: break;
    }
    return fmt::format(" ORDER BY credit_code{}", dir);
}

using Ind = soci::indicator;

}  // namespace

std::size_t FirmQuery::count(const FirmFilter& filter) {
    Where w = where_of(filter);
    long long n = 0;
    soci::statement st(db_.impl().sql);
    st.alloc();
    st.exchange(soci::into(n));
    w.bind(st);
    st.prepare("SELECT COUNT(*) FROM firms" + w.sql);
    st.define_and_bind();
    st.execute(true);
    return static_cast<std::size_t>(n);
}

std::vector<Firm> FirmQuery::page(const FirmFilter& filter, const FirmSort& sort, std::size_t offset,
                                  std::size_t limit) {
    std::vector<Firm> out;
    if (limit == 0) return out;
    Where w = where_of(filter);
    std::vector<std::string> code(limit), name(limit), region(limit), industry(limit), chain(limit), founded(limit),
        listed(limit);
    std::vector<int> niche(limit), hnte(limit);
    std::vector<Ind> region_i(limit), industry_i(limit), chain_i(limit), niche_i(limit), hnte_i(limit),
        listed_i(limit);
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
    w.bind(st);
    st.prepare(fmt::format("SELECT {} FROM firms{}{} LIMIT {} OFFSET {}", kColumns, w.sql, order_of(sort), limit,
                           offset));
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
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<std::string> FirmQuery::codes(const FirmFilter& filter, const FirmSort& sort) {
    Where w = where_of(filter);
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
        for (std::size_t i = begin; i < end; ++i) in += fmt::format("{}:p{}", i > begin ? ", " : "", i - begin);
        std::vector<std::string> code(kBatch * 8), tier(kBatch * 8), approved(kBatch * 8), from(kBatch * 8),
            to(kBatch * 8), doc(kBatch * 8);
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
        st.prepare(fmt::format("SELECT credit_code, tier, approved_on, valid_from, valid_to, doc_no FROM recognitions "
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
        std::vector<std::string> chunk(credit_codes.begin() + static_cast<std::ptrdiff_t>(begin),
                                       credit_codes.begin() +
                                           static_cast<std::ptrdiff_t>(std::min(credit_codes.size(), begin + kChunk)));
        sql << "INSERT INTO firm_query_codes (credit_code) VALUES (:c)", soci::use(chunk);
    }
    tx.commit();
}

}  // namespace ladder
