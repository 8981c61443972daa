// The shipped rule sets as the workflow pins them: the CLI, the GUI and the demo submit
// applications through the same source.
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "model/errors.hpp"
#include "model/resources.hpp"
#include "model/rules/rule_set.hpp"
#include "model/tr.hpp"
#include "model/workflow.hpp"
#include "services/workflow_service.hpp"

namespace ladder {

RuleSetSource shipped_rule_source() {
    return [](int year) {
        const Date today = Date::today();
        const RuleSet* rules = RuleSetLibrary::shipped().in_force(year, today);
        if (!rules)
            throw UsageError(tr("no rule set is in force on {} for assessment year {}",
                                today.to_string(), year));
        // Hashed once per rule set: the files do not change while Ladder runs.
        static std::mutex lock;
        static std::map<std::string, std::string> versions;
        std::lock_guard<std::mutex> guard(lock);
        auto it = versions.find(rules->id);
        if (it == versions.end()) {
            std::ifstream in(resource_dir() / "rules" / rules->file, std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            it = versions.emplace(rules->id, file_version(bytes.str())).first;
        }
        return PinnedRuleSet{rules, it->second};
    };
}

}  // namespace ladder
