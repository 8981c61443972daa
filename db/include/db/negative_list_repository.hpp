#pragma once
// Storage of the negative list (model/negative_list.hpp): one row per firm and item. The
// rules, roles and audit entries are the service's (services/negative_list_service.hpp).
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/negative_list.hpp"

namespace ladder {

class NegativeListRepository {
  public:
    explicit NegativeListRepository(Database& db) : db_(db) {}
    // One firm's stored checks, in item order of the id text.
    std::vector<NegativeCheck> of_firm(const std::string& credit_code);
    // Every stored check, by credit code then item.
    std::vector<NegativeCheck> all();
    // The checks of the firms with after < credit code <= last, by credit code then item (the
    // chunks of RegistryRepository::for_each_firm_record).
    std::vector<NegativeCheck> in_range(const std::string& after, const std::string& last);
    // The firms with at least one item found (verdict yes), by credit code.
    std::vector<std::string> firms_with_findings();
    std::optional<NegativeCheck> find(const std::string& credit_code, NegativeItem item);
    // Inserts or replaces the check of its firm and item.
    void store(const NegativeCheck& check);

  private:
    std::vector<NegativeCheck> read(const std::string& one_firm, const std::string& code);
    Database& db_;
};

}  // namespace ladder
