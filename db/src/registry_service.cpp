#include "db/registry_service.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "database_impl.hpp"
#include "db/audit_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/import_schema.hpp"
#include "model/workflow.hpp"

namespace ladder {

namespace {

// The same rules as the import, so an edit can never store what an import would reject.
template <class Record>
void throw_if_invalid(const Validated<Record>& checked) {
    if (!checked.errors.empty()) throw InputError(checked.errors);
}

ValidationContext edit_context() {
    ValidationContext ctx;
    ctx.firm_exists = [](const std::string&) { return true; };  // checked in the transaction
    return ctx;
}

int64_t version_of(soci::session& sql, const std::string& query,
                   const std::vector<std::string>& keys, bool* found) {
    long long version = 0;
    soci::statement st(sql);
    st.alloc();
    st.exchange(soci::into(version));
    for (const auto& k : keys) st.exchange(soci::use(k));
    st.prepare(query);
    st.define_and_bind();
    *found = st.execute(true);
    return version;
}

}  // namespace

std::optional<Versioned<Firm>> RegistryService::firm(const std::string& credit_code) {
    RegistryRepository repo(db_);
    auto f = repo.find_firm(credit_code);
    if (!f) return std::nullopt;
    bool found = false;
    int64_t v = version_of(db_.impl().sql, "SELECT row_version FROM firms WHERE credit_code = :c",
                           {credit_code}, &found);
    return Versioned<Firm>{*f, v};
}

std::vector<Versioned<YearFigures>> RegistryService::figures(const std::string& credit_code) {
    std::vector<Versioned<YearFigures>> out;
    for (auto& f : RegistryRepository(db_).figures_of(credit_code)) {
        bool found = false;
        std::string year = std::to_string(f.year);
        int64_t v = version_of(
            db_.impl().sql,
            "SELECT row_version FROM figures WHERE credit_code = :c AND year = CAST(:y AS INTEGER)",
            {credit_code, year}, &found);
        out.push_back({std::move(f), v});
    }
    return out;
}

void RegistryService::throw_stale(const std::string& entity, const std::string& key) {
    std::string by = "?", at = "?";
    auto history = AuditRepository(db_).history(entity, key);
    if (!history.empty()) {
        by = history.back().actor;
        at = history.back().at;
    }
    throw StaleEditError(
        fmt::format(fmt::runtime(
                        _("{} was changed by {} at {} after you opened it; reload and edit again")),
                    key, by, at),
        by, at);
}

int64_t RegistryService::save_firm(const Actor& by, const Firm& firm, int64_t expected_version) {
    require_permission(by.name, by.role, Operation::edit_registry);
    throw_if_invalid(validate_firm_cells(to_cells(firm), edit_context(), firm.credit_code));
    Transaction tx(db_);
    int64_t version = write_firm(by, firm, expected_version);
    tx.commit();
    return version;
}

int64_t RegistryService::save_figures(const Actor& by, const YearFigures& figures,
                                      std::optional<int64_t> expected_version) {
    require_permission(by.name, by.role, Operation::edit_registry);
    throw_if_invalid(
        validate_figures_cells(to_cells(figures), edit_context(), figures.credit_code));
    Transaction tx(db_);
    int64_t version = write_figures(by, figures, expected_version, tx);
    tx.commit();
    return version;
}

RegistryService::SavedVersions RegistryService::save_all(const Actor& by, const Firm& firm,
                                                         std::optional<int64_t> firm_version,
                                                         const std::vector<FiguresEdit>& years) {
    require_permission(by.name, by.role, Operation::edit_registry);
    if (firm_version)
        throw_if_invalid(validate_firm_cells(to_cells(firm), edit_context(), firm.credit_code));
    for (const auto& y : years) {
        if (y.figures.credit_code != firm.credit_code)
            throw std::invalid_argument("save_all: figures of another firm");
        throw_if_invalid(
            validate_figures_cells(to_cells(y.figures), edit_context(), firm.credit_code));
    }
    SavedVersions saved;
    Transaction tx(db_);
    if (firm_version) saved.firm = write_firm(by, firm, *firm_version);
    for (const auto& y : years)
        saved.figures.push_back(write_figures(by, y.figures, y.expected_version, tx));
    tx.commit();
    return saved;
}

int64_t RegistryService::write_firm(const Actor& by, const Firm& firm, int64_t expected_version) {
    soci::session& sql = db_.impl().sql;
    auto before = RegistryRepository(db_).find_firm(firm.credit_code);
    if (!before)
        throw InputError({{firm.credit_code, 0, "credit_code", _("is not in the registry")}});
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
    soci::statement st =
        (sql.prepare
             << "UPDATE firms SET name = :n, region_code = :r, industry_code = :i, chain = :ch, "
                "founded = :f, "
                "niche_since = :ns, hnte_field = :h, listed_on = :l, row_version = row_version + 1 "
                "WHERE credit_code = :c AND row_version = :v",
         soci::use(firm.name), soci::use(firm.region_code, region_i),
         soci::use(firm.industry_code, industry_i), soci::use(firm.chain, chain_i),
         soci::use(founded), soci::use(niche, niche_i), soci::use(hnte, hnte_i),
         soci::use(listed, listed_i), soci::use(firm.credit_code), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() != 1) throw_stale("firm", firm.credit_code);
    AuditEntry e;
    e.action = "update";
    e.entity = "firm";
    e.entity_key = firm.credit_code;
    e.before = audit_text(*before);
    e.after = audit_text(firm);
    AuditRepository(db_).append({e}, by.name);
    return expected_version + 1;
}

int64_t RegistryService::write_figures(const Actor& by, const YearFigures& figures,
                                       std::optional<int64_t> expected_version, Transaction& tx) {
    RegistryRepository repo(db_);
    if (!repo.firm_exists(figures.credit_code))
        throw InputError({{figures.credit_code, 0, "credit_code", _("is not in the registry")}});
    std::string key = fmt::format("{}/{}", figures.credit_code, figures.year);
    bool found = false;
    std::string year = std::to_string(figures.year);
    int64_t current = version_of(
        db_.impl().sql,
        "SELECT row_version FROM figures WHERE credit_code = :c AND year = CAST(:y AS INTEGER)",
        {figures.credit_code, year}, &found);
    // A new year that someone else created meanwhile is as stale as an edited one.
    if (found != expected_version.has_value() || (found && current != *expected_version))
        throw_stale("figures", key);
    if (found) {
        // Claim the row atomically: on PostgreSQL a concurrent saver blocks here and then finds
        // the version moved; on SQLite the write lock is already ours (BEGIN IMMEDIATE).
        long long expected = *expected_version;
        soci::statement claim =
            (db_.impl().sql.prepare << "UPDATE figures SET row_version = row_version + 1 "
                                       "WHERE credit_code = :c AND year = :y AND row_version = :v",
             soci::use(figures.credit_code), soci::use(figures.year), soci::use(expected));
        claim.execute(true);
        if (claim.get_affected_rows() != 1) throw_stale("figures", key);
    }
    std::vector<AuditEntry> audit;
    try {
        repo.upsert_figures({figures}, &audit, /*all_new=*/!found);
    } catch (const soci::soci_error&) {
        if (found) throw;
        tx.rollback();  // PostgreSQL refuses further statements in the failed transaction
        throw_stale("figures", key);  // the same new year inserted concurrently
    }
    AuditRepository(db_).append(std::move(audit), by.name);
    bool still = false;
    return version_of(
        db_.impl().sql,
        "SELECT row_version FROM figures WHERE credit_code = :c AND year = CAST(:y AS INTEGER)",
        {figures.credit_code, year}, &still);
}

}  // namespace ladder
