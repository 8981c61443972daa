#pragma once
#include <cstddef>
#include <filesystem>
#include <vector>

#include "model/csv.hpp"

namespace ladder {
// resources/ (regions, rules, quotas): $LADDER_RESOURCES, else <exe>/../share/ladder,
// else the source tree's resources/ the binary was built from.
std::filesystem::path resource_dir();
// Compiled catalogs (<lang>/LC_MESSAGES/ladder.mo): $LADDER_LOCALEDIR, else
// <exe>/../share/locale, else the build tree's locale/.
std::filesystem::path locale_dir();
// The records of a shipped CSV table after its header line, each with at least `min_fields`
// fields; an InputError names the file and line of a malformed one.
std::vector<CsvRecord> read_resource_table(const std::filesystem::path& file,
                                           std::size_t min_fields);
}  // namespace ladder
