#pragma once
// Editing one firm or one year's figures, as a clerk does in the firm view: validated by the
// import rules, role-checked, audited, and protected against lost updates by optimistic
// concurrency — each row carries a version, and a save names the version it was based on.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/application.hpp"
#include "model/firm.hpp"

namespace ladder {

template <class Record>
struct Versioned {
    Record record;
    int64_t version = 0;
};

// Someone else saved the row since it was loaded. The message names who and when and asks
// the user to reload; nothing was written.
class StaleEditError : public WorkflowError {
  public:
    StaleEditError(const std::string& message, std::string changed_by, std::string changed_at)
        : WorkflowError(message),
          changed_by_(std::move(changed_by)),
          changed_at_(std::move(changed_at)) {}
    const std::string& changed_by() const { return changed_by_; }
    const std::string& changed_at() const { return changed_at_; }

  private:
    std::string changed_by_, changed_at_;
};

class RegistryService {
  public:
    explicit RegistryService(Database& db) : db_(db) {}

    std::optional<Versioned<Firm>> firm(const std::string& credit_code);
    std::vector<Versioned<YearFigures>> figures(const std::string& credit_code);
    // The firm's recognitions, by tier and date.
    std::vector<Recognition> recognitions(const std::string& credit_code);
    // The titles of firms whose controlling shareholder or group is recorded: what the
    // common-control test reads (ControlIndex::attach gives one firm its share).
    ControlIndex control_index();

    // Saves an edited firm; `expected_version` is the version it was loaded at. Throws
    // InputError for a value the import would reject, PermissionError for a role that may not
    // edit the registry, StaleEditError when the row changed meanwhile. Returns the new version.
    int64_t save_firm(const Actor& by, const Firm& firm, int64_t expected_version);
    // Saves one year's figures; `expected_version` empty = a new year for this firm.
    int64_t save_figures(const Actor& by, const YearFigures& figures,
                         std::optional<int64_t> expected_version);

    struct FiguresEdit {
        YearFigures figures;
        std::optional<int64_t> expected_version;  // empty: a new year
    };
    struct SavedVersions {
        std::optional<int64_t> firm;   // empty when the firm was not saved
        std::vector<int64_t> figures;  // per edited year, in order
    };
    // The firm window's Save: the firm (when `firm_version` is given) and the edited years in
    // one transaction, all or nothing, with the same checks as save_firm and save_figures.
    SavedVersions save_all(const Actor& by, const Firm& firm, std::optional<int64_t> firm_version,
                           const std::vector<FiguresEdit>& years);

  private:
    [[noreturn]] void throw_stale(const std::string& entity, const std::string& key);
    int64_t write_firm(const Actor& by, const Firm& firm, int64_t expected_version);
    int64_t write_figures(const Actor& by, const YearFigures& figures,
                          std::optional<int64_t> expected_version, Transaction& tx);
    Database& db_;
};

}  // namespace ladder
