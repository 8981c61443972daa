#pragma once
// The negative list's use cases (model/negative_list.hpp): clerks record each item's check
// one at a time or from a file, every change with its audit entry in the same transaction;
// holders of a title with an item found are listed for revocation. The rows are
// db/negative_list_repository.hpp's.
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/application.hpp"
#include "model/negative_list.hpp"
#include "model/rules/rule_set.hpp"
#include "model/table.hpp"
#include "model/tiers.hpp"

namespace ladder {

// A holder of a title valid on the day, with an item of the negative list found.
struct RevocationFlag {
    std::string credit_code;
    std::string tier;
    std::vector<NegativeCheck> found;
};

struct NegativeImportResult {
    std::size_t inserted = 0, updated = 0, unchanged = 0;
    std::vector<std::string> notes;  // columns passed over (translated)
};

class NegativeListService {
  public:
    explicit NegativeListService(Database& db) : db_(db) {}

    // Records one check (clerks and administrators). Throws WorkflowError for a firm not in
    // the registry or a check that cannot be stored (model's negative_check_problem). Returns
    // false when the check was already stored as it is (nothing written).
    bool record(const Actor& by, const NegativeCheck& check);
    // Imports a table of checks: 统一社会信用代码, 否决项 and, as the file has them, 核查结论,
    // 核查来源, 核查日期 (or the English ids credit_code, item, verdict, source, checked_on). A
    // column the file lacks, or a blank cell, keeps the stored value; a check new to the
    // registry needs its verdict. Any bad cell: InputError with every one, nothing changed.
    NegativeImportResult import_table(const Actor& by, const Table& table);

    std::vector<NegativeCheck> of_firm(const std::string& credit_code);
    std::vector<NegativeCheck> all();
    NegativeStatus status(const std::string& credit_code);
    // Holders of a title covering `on` whose list has an item found, by credit code and tier:
    // only titles of tiers `rules` applies the negative list to (a 高新 title or the 规上
    // status is not revoked for an item of this list).
    std::vector<RevocationFlag> revocation_flags(const RuleSet& rules, const Date& on);

  private:
    Database& db_;
};

}  // namespace ladder
