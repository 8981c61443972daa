#pragma once
#include <filesystem>

namespace ladder {
// resources/ (regions, rules, quotas): $LADDER_RESOURCES, else <exe>/../share/ladder,
// else the source tree's resources/ the binary was built from.
std::filesystem::path resource_dir();
// Compiled catalogs (<lang>/LC_MESSAGES/ladder.mo): $LADDER_LOCALEDIR, else
// <exe>/../share/locale, else the build tree's locale/.
std::filesystem::path locale_dir();
}  // namespace ladder
