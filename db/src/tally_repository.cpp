#include "db/tally_repository.hpp"

#include <fmt/format.h>

#include "database_impl.hpp"
#include "native_sqlite.hpp"

namespace ladder {

namespace {

const char* group_column(TallyGrouping grouping) {
    return grouping == TallyGrouping::chain ? "chain" : "region_code";
}

}  // namespace

ApplicationKeys TallyRepository::application_keys(int year) {
    ApplicationKeys keys;
    std::string code, tier, state;
    soci::indicator closed_i = soci::i_null;
    std::string closed;
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT credit_code, tier, state, publicity_closed_on FROM "
                                   "applications WHERE assessment_year = :y",
         soci::into(code), soci::into(tier), soci::into(state), soci::into(closed, closed_i),
         soci::use(year));
    st.execute();
    while (st.fetch()) {
        keys.any.insert({code, tier});
        if (state == "submitted" || (state == "approved" && closed_i == soci::i_null))
            keys.pending.insert({code, tier});
    }
    return keys;
}

std::vector<std::string> TallyRepository::group_fields(TallyGrouping grouping) {
    const char* column = group_column(grouping);
    std::vector<std::string> fields;
    std::string value;
    soci::indicator value_i = soci::i_null;
    soci::statement groups =
        (db_.impl().sql.prepare << fmt::format(
             "WITH RECURSIVE v(x) AS (SELECT MIN({0}) FROM firms UNION ALL "
             "SELECT (SELECT MIN({0}) FROM firms WHERE {0} > v.x) FROM v WHERE v.x IS NOT NULL) "
             "SELECT x FROM v WHERE x IS NOT NULL",
             column),
         soci::into(value, value_i));
    groups.execute();
    while (groups.fetch())
        if (value_i != soci::i_null) fields.push_back(value);
    return fields;
}

void TallyRepository::for_each_recognition_with_group(
    TallyGrouping grouping, const std::function<void(const Recognition&, std::string_view)>& f) {
    soci::session& sql = db_.impl().sql;
    const std::string query = fmt::format(
        "SELECT r.credit_code, r.tier, r.approved_on, r.valid_from, r.valid_to, f.{} "
        "FROM recognitions r JOIN firms f ON f.credit_code = r.credit_code "
        "ORDER BY r.credit_code, r.tier",
        group_column(grouping));
    Recognition r;
    if (db_.backend() == Backend::sqlite) {
        // Natively: SOCI's sqlite3 backend spent half of a million-firm count copying cells.
        NativeQuery rows(native_sqlite(sql), query);
        ConnectionLock lock(native_sqlite(sql));
        while (rows.step()) {
            r.credit_code.assign(rows.text(0));
            r.tier.assign(rows.text(1));
            r.approved_on = rows.date(2);
            r.valid_from = rows.date(3);
            r.valid_to = rows.optional_date(4);
            f(r, rows.text(5));
        }
        return;
    }
    constexpr std::size_t kRows = 5000;
    std::vector<std::string> code(kRows), tier(kRows), approved(kRows), from(kRows), to(kRows),
        field(kRows);
    std::vector<soci::indicator> to_i(kRows), field_i(kRows);
    soci::statement st =
        (sql.prepare << query, soci::into(code), soci::into(tier), soci::into(approved),
         soci::into(from), soci::into(to, to_i), soci::into(field, field_i));
    bool more = st.execute(true);
    while (!code.empty()) {
        for (std::size_t k = 0; k < code.size(); ++k) {
            r.credit_code = code[k];
            r.tier = tier[k];
            r.approved_on = *Date::parse(approved[k]);
            r.valid_from = *Date::parse(from[k]);
            r.valid_to = to_i[k] == soci::i_null ? std::nullopt : Date::parse(to[k]);
            f(r, field_i[k] == soci::i_null ? std::string_view() : std::string_view(field[k]));
        }
        if (!more) break;
        for (auto* v : {&code, &tier, &approved, &from, &to, &field}) v->resize(kRows);
        to_i.resize(kRows);
        field_i.resize(kRows);
        more = st.fetch();
    }
}

long long TallyRepository::generation() {
    long long n = 0;
    db_.impl().sql << "SELECT n + (SELECT COUNT(*) FROM registry_changes) FROM "
                      "registry_generation WHERE id = 1",
        soci::into(n);
    return n;
}

std::optional<std::string> TallyRepository::cached_counts(int year, std::string_view grouping,
                                                          const std::string& rules_key,
                                                          long long generation) {
    soci::session& sql = db_.impl().sql;
    const std::string by(grouping);
    long long stored = -1;
    std::string text;
    soci::indicator text_i = soci::i_null;
    sql << "SELECT generation, counts FROM tally_cache WHERE assessment_year = :y AND "
           "grouped_by = :g AND rules_key = :k",
        soci::into(stored), soci::into(text, text_i), soci::use(year), soci::use(by),
        soci::use(rules_key);
    if (!sql.got_data() || stored != generation || text_i == soci::i_null) return std::nullopt;
    return text;
}

void TallyRepository::store_counts(int year, std::string_view grouping,
                                   const std::string& rules_key, long long generation,
                                   const std::string& counts) {
    soci::session& sql = db_.impl().sql;
    const std::string by(grouping);
    try {
        Transaction tx(db_);
        sql << "INSERT INTO tally_cache (assessment_year, grouped_by, rules_key, generation, "
               "counts) VALUES (:y, :g, :k, :n, :c) ON CONFLICT (assessment_year, grouped_by, "
               "rules_key) DO UPDATE SET generation = excluded.generation, counts = "
               "excluded.counts",
            soci::use(year), soci::use(by), soci::use(rules_key), soci::use(generation),
            soci::use(counts);
        // PostgreSQL's writers add a row per statement; fold them into the counter here, on
        // the rare path that counts anyway. Only readers ever update the counter's row, so
        // writers never wait on it. The sum, and so every cached generation, stays the same.
        if (db_.backend() == Backend::postgresql)
            sql << "WITH folded AS (DELETE FROM registry_changes RETURNING id) "
                   "UPDATE registry_generation SET n = n + (SELECT COUNT(*) FROM folded) "
                   "WHERE id = 1";
        tx.commit();
    } catch (const soci::soci_error&) {
        // Another process holds the write lock: the next tally counts again.
    }
}

std::vector<ChainRevenueFacts> TallyRepository::chain_revenue(int fiscal_year) {
    std::vector<ChainRevenueFacts> rows;
    std::string chain;
    long long firms = 0, reporting = 0, revenue = 0;
    soci::indicator chain_i = soci::i_null, revenue_i = soci::i_null;
    soci::statement st =
        (db_.impl().sql.prepare
             << "SELECT f.chain, COUNT(*), COUNT(g.revenue), SUM(g.revenue) FROM firms f "
                "LEFT JOIN figures g ON g.credit_code = f.credit_code AND g.year = :y "
                "GROUP BY f.chain",
         soci::into(chain, chain_i), soci::into(firms), soci::into(reporting),
         soci::into(revenue, revenue_i), soci::use(fiscal_year));
    st.execute();
    while (st.fetch()) {
        if (chain_i == soci::i_null) continue;
        ChainRevenueFacts row;
        row.chain = chain;
        row.firms = static_cast<std::size_t>(firms);
        row.reporting = static_cast<std::size_t>(reporting);
        row.revenue_fen = revenue_i == soci::i_null ? 0 : revenue;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace ladder
