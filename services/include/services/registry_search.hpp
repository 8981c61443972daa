#pragma once
// The registry list's search for the front ends: a filtered, sorted window of firms read page
// by page, counts that may stop at a cap, and the set the eligible filter restricts to. Each
// call may be given up when the user has typed on. The SQL (trigram index, pg_trgm, the
// restriction table of the connection) is db/firm_query.hpp's.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/firm.hpp"
#include "model/firm_filter.hpp"

namespace ladder {

class RegistrySearch {
  public:
    explicit RegistrySearch(Database& db) : db_(db) {}
    static constexpr std::size_t kUncapped = static_cast<std::size_t>(-1);

    // The number of firms the filter selects, at most `at_most`; empty when `abandon` returned
    // true while counting.
    std::optional<std::size_t> count_unless(const FirmFilter& filter,
                                            const std::function<bool()>& abandon,
                                            std::size_t at_most = kUncapped);
    // Rows [offset, offset + limit) in `sort` order (credit code breaks ties).
    std::vector<Firm> page(const FirmFilter& filter, const FirmSort& sort, std::size_t offset,
                           std::size_t limit);
    // page(), empty when `abandon` returned true first.
    std::optional<std::vector<Firm>> page_unless(const FirmFilter& filter, const FirmSort& sort,
                                                 std::size_t offset, std::size_t limit,
                                                 const std::function<bool()>& abandon);
    // The recognitions of the given firms (the list's tier columns).
    std::vector<Recognition> recognitions_of(const std::vector<std::string>& credit_codes);
    // The set FirmFilter::restricted selects, on this connection.
    void restrict_to(const std::vector<std::string>& credit_codes);

  private:
    Database& db_;
};

}  // namespace ladder
