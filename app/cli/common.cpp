#include <algorithm>

#include <fmt/format.h>

#include "command.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/names.hpp"
#include "model/resources.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::cli {

const RuleSetLibrary& shipped_rule_sets() {
    return RuleSetLibrary::shipped();
}

const RuleSet& rule_set_for(int assessment_year, const std::string& id) {
    const RuleSet* rules =
        id.empty() ? shipped_rule_sets().for_year(assessment_year) : shipped_rule_sets().find(id);
    if (!rules) {
        throw UsageError(
            id.empty() ? fmt::format(fmt::runtime(_("no rule set applies to assessment year {}")),
                                     assessment_year)
                       : fmt::format(fmt::runtime(_("no rule set named {}")), id));
    }
    return *rules;
}

const RuleSet& rule_set_for(int assessment_year, const std::string& id, const Date& decided_on) {
    if (!id.empty()) return rule_set_for(assessment_year, id);
    if (const RuleSet* rules = shipped_rule_sets().in_force(assessment_year, decided_on))
        return *rules;
    throw UsageError(
        fmt::format(fmt::runtime(_("no rule set is in force on {} for assessment year {}")),
                    decided_on.to_string(), assessment_year));
}

}  // namespace ladder::cli

#include "db/database.hpp"
#include "services/user_service.hpp"
#include "model/workflow.hpp"
#include "session.hpp"

namespace ladder::cli {

Actor registry_editor(Database& db, const std::string& user) {
    if (!UserService(db).has_users()) return Actor{user.empty() ? "system" : user, Role::clerk};
    Actor actor = sign_in(db, user);
    require_permission(actor.name, actor.role, Operation::edit_registry);
    return actor;
}

CLI::Validator name_resolver(std::string (*resolve)(std::string_view)) {
    return CLI::Validator(
        [resolve](std::string& value) -> std::string {
            // An id the catalogue does not know (a tier of a rule set being written) goes on to
            // the command, which names it; only names and prefixes are resolved here.
            bool plain_id = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            });
            try {
                value = resolve(value);
            } catch (const AmbiguousName& e) {
                return e.what();
            } catch (const UsageError& e) {
                if (plain_id) return {};
                return e.what();
            }
            return {};
        },
        "", "");
}

}  // namespace ladder::cli
