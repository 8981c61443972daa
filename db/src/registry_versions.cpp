// Row versions for the firm window's optimistic concurrency (services/registry_service.hpp):
// every edit raises a row's version, and a save names the version it was based on.
#include <optional>
#include <string>

#include "database_impl.hpp"
#include "db/registry_repository.hpp"

namespace ladder {

namespace {

std::optional<int64_t> version_of(soci::session& sql, const std::string& query,
                                  const std::vector<std::string>& keys) {
    long long version = 0;
    soci::statement st(sql);
    st.alloc();
    st.exchange(soci::into(version));
    for (const auto& k : keys) st.exchange(soci::use(k));
    st.prepare(query);
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return version;
}

}  // namespace

std::optional<int64_t> RegistryRepository::firm_version(const std::string& credit_code) {
    return version_of(db_.impl().sql, "SELECT row_version FROM firms WHERE credit_code = :c",
                      {credit_code});
}

std::optional<int64_t> RegistryRepository::figures_version(const std::string& credit_code,
                                                           int year) {
    return version_of(
        db_.impl().sql,
        "SELECT row_version FROM figures WHERE credit_code = :c AND year = CAST(:y AS INTEGER)",
        {credit_code, std::to_string(year)});
}

bool RegistryRepository::update_firm_at_version(const Firm& firm, int64_t expected_version) {
    soci::session& sql = db_.impl().sql;
    long long expected = expected_version;
    std::string founded = firm.founded.to_string();
    std::string listed = firm.listed_on ? firm.listed_on->to_string() : std::string();
    int niche = firm.niche_since.value_or(0), hnte = firm.hnte_field.value_or(false) ? 1 : 0;
    soci::indicator region_i = firm.region_code.empty() ? soci::i_null : soci::i_ok;
    soci::indicator industry_i = firm.industry_code.empty() ? soci::i_null : soci::i_ok;
    soci::indicator chain_i = firm.chain.empty() ? soci::i_null : soci::i_ok;
    soci::indicator niche_i = firm.niche_since ? soci::i_ok : soci::i_null;
    soci::indicator hnte_i = firm.hnte_field ? soci::i_ok : soci::i_null;
    soci::indicator listed_i = firm.listed_on ? soci::i_ok : soci::i_null;
    soci::indicator shareholder_i =
        firm.controlling_shareholder.empty() ? soci::i_null : soci::i_ok;
    soci::indicator group_i = firm.business_group.empty() ? soci::i_null : soci::i_ok;
    soci::statement st =
        (sql.prepare
             << "UPDATE firms SET name = :n, region_code = :r, industry_code = :i, chain = :ch, "
                "founded = :f, "
                "niche_since = :ns, hnte_field = :h, listed_on = :l, "
                "controlling_shareholder = :cs, business_group = :bg, "
                "row_version = row_version + 1 WHERE credit_code = :c AND row_version = :v",
         soci::use(firm.name), soci::use(firm.region_code, region_i),
         soci::use(firm.industry_code, industry_i), soci::use(firm.chain, chain_i),
         soci::use(founded), soci::use(niche, niche_i), soci::use(hnte, hnte_i),
         soci::use(listed, listed_i), soci::use(firm.controlling_shareholder, shareholder_i),
         soci::use(firm.business_group, group_i), soci::use(firm.credit_code), soci::use(expected));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool RegistryRepository::claim_figures_version(const std::string& credit_code, int year,
                                               int64_t expected_version) {
    long long expected = expected_version;
    soci::statement claim =
        (db_.impl().sql.prepare << "UPDATE figures SET row_version = row_version + 1 "
                                   "WHERE credit_code = :c AND year = :y AND row_version = :v",
         soci::use(credit_code), soci::use(year), soci::use(expected));
    claim.execute(true);
    return claim.get_affected_rows() == 1;
}

bool RegistryRepository::insert_new_figures(const YearFigures& figures,
                                            std::vector<AuditEntry>* audit) {
    try {
        upsert_figures({figures}, audit, /*all_new=*/true);
        return true;
    } catch (const soci::soci_error&) {
        return false;  // the key is taken: the same year inserted concurrently
    }
}

}  // namespace ladder
