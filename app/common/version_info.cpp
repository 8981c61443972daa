#include "version_info.hpp"

#include <exception>
#include <fmt/format.h>

#include "build_info.hpp"
#include "services/maintenance_service.hpp"
#include "model/i18n.hpp"
#include "model/resources.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder::app {

std::string version() {
    return LADDER_VERSION;
}

std::string git_revision() {
    std::string rev = LADDER_GIT_REVISION;
    return rev.empty() ? std::string(_("unknown (not built from a git checkout)")) : rev;
}

std::string version_details(const RuleSetLibrary* rules, const std::string& rules_problem) {
    std::string shipped;
    if (rules) {
        for (const auto& rs : rules->rule_sets()) {
            if (!shipped.empty()) shipped += ", ";
            shipped += rs.last_year ? fmt::format("{} ({}–{})", rs.id, rs.first_year, *rs.last_year)
                                    : fmt::format("{} ({}–)", rs.id, rs.first_year);
        }
        if (shipped.empty()) shipped = _("none shipped");
    } else {
        shipped = fmt::format(fmt::runtime(_("none loaded: {}")), rules_problem);
    }
    return fmt::format(fmt::runtime(_("Schema version: {}")),
                       MaintenanceService::latest_schema_version()) +
           "\n" + fmt::format(fmt::runtime(_("Rule sets: {}")), shipped) + "\n" +
           fmt::format(fmt::runtime(_("Git revision: {}")), git_revision());
}

std::string version_text(const std::string& program) {
    std::string head = program + " " + version() + "\n";
    try {
        return head + version_details(&RuleSetLibrary::shipped());
    } catch (const std::exception& e) {
        return head + version_details(nullptr, e.what());
    }
}

}  // namespace ladder::app
