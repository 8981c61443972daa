#pragma once
// What the registry list asks for: which firms (a text, a region, a chain, a tier held on a
// day, or the set the rules found eligible) and in which order. Counting and paging use the
// same filter (db/firm_query.hpp, services/registry_search.hpp).
#include <optional>
#include <string>

#include "model/date.hpp"

namespace ladder {

struct FirmFilter {
    // Name substring, or (when it looks like one) a credit-code prefix; blanks around ignored.
    // On SQLite names are found through a trigram index (migration 3) for three or more
    // characters; on PostgreSQL through pg_trgm where the extension could be created.
    std::string text;
    // A city ("3601") or county ("360102") code; the firm's region code starts with it.
    std::string region_prefix;
    std::string chain;  // chain id
    // Firms holding `tier_held` on `held_on`: a recognition with valid_from ≤ day ≤ valid_to,
    // where a missing valid_to counts `held_validity_years` from valid_from (empty: open-ended).
    std::string tier_held;
    Date held_on;
    std::optional<int> held_validity_years;
    // Only the firms of the last restrict_to() call (e.g. those the rules found eligible).
    bool restricted = false;

    friend bool operator==(const FirmFilter&, const FirmFilter&) = default;
};

enum class FirmSortKey { credit_code, name, region, chain };

struct FirmSort {
    FirmSortKey key = FirmSortKey::credit_code;
    bool descending = false;
    friend bool operator==(const FirmSort&, const FirmSort&) = default;
};

}  // namespace ladder
