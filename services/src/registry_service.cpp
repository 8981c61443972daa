#include "services/registry_service.hpp"

#include <stdexcept>

#include <fmt/format.h>

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

}  // namespace

std::vector<Recognition> RegistryService::recognitions(const std::string& credit_code) {
    return RegistryRepository(db_).recognitions_of(credit_code);
}

ControlIndex RegistryService::control_index() {
    return RegistryRepository(db_).control_index();
}

std::optional<Versioned<Firm>> RegistryService::firm(const std::string& credit_code) {
    RegistryRepository repo(db_);
    auto f = repo.find_firm(credit_code);
    if (!f) return std::nullopt;
    return Versioned<Firm>{*f, repo.firm_version(credit_code).value_or(0)};
}

std::vector<Versioned<YearFigures>> RegistryService::figures(const std::string& credit_code) {
    std::vector<Versioned<YearFigures>> out;
    RegistryRepository repo(db_);
    for (auto& f : repo.figures_of(credit_code)) {
        int64_t v = repo.figures_version(credit_code, f.year).value_or(0);
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
    RegistryRepository repo(db_);
    auto before = repo.find_firm(firm.credit_code);
    if (!before)
        throw InputError({{firm.credit_code, 0, "credit_code", _("is not in the registry")}});
    if (!repo.update_firm_at_version(firm, expected_version)) throw_stale("firm", firm.credit_code);
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
    std::optional<int64_t> current = repo.figures_version(figures.credit_code, figures.year);
    const bool found = current.has_value();
    // A new year that someone else created meanwhile is as stale as an edited one.
    if (found != expected_version.has_value() || (found && *current != *expected_version))
        throw_stale("figures", key);
    if (found && !repo.claim_figures_version(figures.credit_code, figures.year, *expected_version))
        throw_stale("figures", key);
    std::vector<AuditEntry> audit;
    if (found) {
        repo.upsert_figures({figures}, &audit, /*all_new=*/false);
    } else if (!repo.insert_new_figures(figures, &audit)) {
        tx.rollback();  // PostgreSQL refuses further statements in the failed transaction
        throw_stale("figures", key);  // the same new year inserted concurrently
    }
    AuditRepository(db_).append(std::move(audit), by.name);
    return repo.figures_version(figures.credit_code, figures.year).value_or(0);
}

}  // namespace ladder
