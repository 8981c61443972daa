#pragma once
// The registry list as a screen shows it: a filtered, sorted window of firms read page by page,
// so a list over a million firms never loads them all. Counting and paging use the same filter.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/date.hpp"
#include "model/firm.hpp"
#include "model/firm_filter.hpp"

namespace ladder {

class FirmQuery {
  public:
    explicit FirmQuery(Database& db) : db_(db) {}

    static constexpr std::size_t kUncapped = static_cast<std::size_t>(-1);
    // The number of firms the filter selects, but at most `at_most`: a search matching half of
    // a million firms answers "at least 1,000" without reading them all.
    std::size_t count(const FirmFilter& filter, std::size_t at_most = kUncapped);
    // count(filter, at_most), given up (empty) as soon as `abandon` returns true — polled while
    // the query runs on SQLite, checked once before it on PostgreSQL. A list counts in the
    // background this way and drops the count when the user types on, and bounds the time a
    // capped count may take before the first page is shown (a rare one- or two-character text
    // has no index and is counted by reading every name).
    std::optional<std::size_t> count_unless(const FirmFilter& filter,
                                            const std::function<bool()>& abandon,
                                            std::size_t at_most = kUncapped);
    // Rows [offset, offset + limit) of the filtered list in `sort` order (credit code breaks ties).
    std::vector<Firm> page(const FirmFilter& filter, const FirmSort& sort, std::size_t offset,
                           std::size_t limit);
    // page(), given up (empty) as soon as `abandon` returns true, as count_unless: a one- or
    // two-character text whose matches lie late in the list walks most of it, and a list that
    // the user has typed on since need not wait for that walk.
    std::optional<std::vector<Firm>> page_unless(const FirmFilter& filter, const FirmSort& sort,
                                                 std::size_t offset, std::size_t limit,
                                                 const std::function<bool()>& abandon);
    // Every credit code of the filtered list, in order (bulk actions on "all matching").
    std::vector<std::string> codes(const FirmFilter& filter, const FirmSort& sort);
    // The recognitions of the given firms (any order), read in one query per 500 codes.
    std::vector<Recognition> recognitions_of(const std::vector<std::string>& credit_codes);
    // Sets the firm set that FirmFilter::restricted selects, on this connection.
    void restrict_to(const std::vector<std::string>& credit_codes);

  private:
    Database& db_;
};

}  // namespace ladder
