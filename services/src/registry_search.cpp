#include "services/registry_search.hpp"

#include "db/firm_query.hpp"

namespace ladder {

std::optional<std::size_t> RegistrySearch::count_unless(const FirmFilter& filter,
                                                        const std::function<bool()>& abandon,
                                                        std::size_t at_most) {
    return FirmQuery(db_).count_unless(filter, abandon, at_most);
}

std::vector<Firm> RegistrySearch::page(const FirmFilter& filter, const FirmSort& sort,
                                       std::size_t offset, std::size_t limit) {
    return FirmQuery(db_).page(filter, sort, offset, limit);
}

std::optional<std::vector<Firm>> RegistrySearch::page_unless(const FirmFilter& filter,
                                                             const FirmSort& sort,
                                                             std::size_t offset, std::size_t limit,
                                                             const std::function<bool()>& abandon) {
    return FirmQuery(db_).page_unless(filter, sort, offset, limit, abandon);
}

std::vector<Recognition> RegistrySearch::recognitions_of(
    const std::vector<std::string>& credit_codes) {
    return FirmQuery(db_).recognitions_of(credit_codes);
}

void RegistrySearch::restrict_to(const std::vector<std::string>& credit_codes) {
    FirmQuery(db_).restrict_to(credit_codes);
}

}  // namespace ladder
