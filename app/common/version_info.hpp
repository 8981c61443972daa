#pragma once
// What `ladder --version`, `ladder-cli --version` and 帮助 → 关于 say about the build.
#include <string>

namespace ladder {
class RuleSetLibrary;
}

namespace ladder::app {

// The program version, e.g. "0.1.0".
std::string version();
// The git revision the build was configured from, or "unknown" outside a git checkout.
std::string git_revision();
// Translated lines (without the program name): the schema version, the rule sets shipped
// (id and assessment years) and the git revision, one per line, no final newline. `rules` is null
// when the shipped rule sets could not be loaded; `rules_problem` then says why.
std::string version_details(const RuleSetLibrary* rules, const std::string& rules_problem = {});
// "PROGRAM VERSION" then version_details() for the rule sets in resource_dir()/rules.
std::string version_text(const std::string& program);

}  // namespace ladder::app
