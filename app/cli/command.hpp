#pragma once
// ladder-cli subcommands register themselves: each cmd_*.cpp defines a registrar that adds its
// subcommand to the CLI11 app, so adding a command touches no other file.
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace ladder {
class Database;
}

namespace ladder::cli {

// Whether opening the registry may create it: only `init` and `demo` make a new one, so a
// mistyped --db is an error instead of a new empty registry.
enum class OpenMode {
    existing,             // the SQLite file must exist (every other command)
    create,               // create the file; its directory must exist unless it is the default
    create_with_parents,  // create the file and any missing directories (`init --parents`)
};

// Global options and the process' streams, shared by every subcommand.
struct Context {
    std::string db_path;  // --db
    std::string db_url;   // --db-url
    std::string lang;     // --lang (zh_CN | en); empty: from the environment
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    // Opens (and migrates if needed) the database the global options name; creates a SQLite
    // file only as `mode` allows (StorageError naming the path otherwise).
    Database open_database(OpenMode mode = OpenMode::existing) const;
};

// A subcommand's callback returns the process exit status (0 ok, 1 bad input, 2 usage).
using Registrar = std::function<void(CLI::App& app, Context& ctx, int& exit_status)>;

struct Registration {
    Registration(int order, Registrar registrar);
};
std::vector<std::pair<int, Registrar>>& registrars();

}  // namespace ladder::cli

// In a cmd_*.cpp: LADDER_CLI_COMMAND(20, [](CLI::App& app, Context& ctx, int& status) { ... });
// `order` sorts the subcommands in --help.
#define LADDER_CLI_CONCAT2(a, b) a##b
#define LADDER_CLI_CONCAT(a, b) LADDER_CLI_CONCAT2(a, b)
#define LADDER_CLI_COMMAND(order, ...)                                                        \
    static ::ladder::cli::Registration LADDER_CLI_CONCAT(ladder_cli_registration_, __LINE__)( \
        order, __VA_ARGS__)

namespace ladder {
class Date;
class RuleSetLibrary;
struct RuleSet;
}  // namespace ladder

namespace ladder::cli {
// The rule sets shipped in resources/rules, loaded once.
const RuleSetLibrary& shipped_rule_sets();
// The rule set named `id`, or the one in force for `assessment_year` when `id` is empty.
// Throws UsageError when there is none.
const RuleSet& rule_set_for(int assessment_year, const std::string& id = {});
// The same, the default being the rule set in force on `decided_on` (RuleSetLibrary::in_force).
const RuleSet& rule_set_for(int assessment_year, const std::string& id, const Date& decided_on);
}  // namespace ladder::cli

namespace ladder {
struct Actor;
}
namespace ladder::cli {
// Who edits the registry: on a database that has users, `user` must sign in (password from
// LADDER_PASSWORD or a prompt) and hold a role that may edit the registry; a database without
// users is single-user and its edits are recorded as `user` (default "system").
Actor registry_editor(Database& db, const std::string& user);
}  // namespace ladder::cli

namespace ladder::cli {
// A transform for --tier, --state, --chain, --role, --level: accepts the id, the Chinese or
// English name, a short form (专精特新, 高新, 已提交) or an unambiguous prefix, and leaves the
// id in the option; anything else is a usage error listing the candidates.
CLI::Validator name_resolver(std::string (*resolve)(std::string_view));
}  // namespace ladder::cli
