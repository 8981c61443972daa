// The titles of firms under the same control, looked up by controlling shareholder and group.
#include "model/registry.hpp"

namespace ladder {

void ControlIndex::add(const Firm& holder, const Recognition& title) {
    Entry entry{holder.credit_code, holder.controlling_shareholder, {holder.name, title}};
    if (!holder.controlling_shareholder.empty())
        by_shareholder[holder.controlling_shareholder].push_back(entry);
    if (!holder.business_group.empty()) by_group[holder.business_group].push_back(entry);
}

void ControlIndex::attach(FirmRecord& record) const {
    record.controlled_titles.clear();
    const Firm& firm = record.firm;
    auto take = [&](const auto& map, const std::string& name, bool by_group) {
        if (name.empty()) return;
        auto it = map.find(name);
        if (it == map.end()) return;
        for (const Entry& e : it->second) {
            if (e.credit_code == firm.credit_code) continue;
            // A firm sharing both the shareholder and the group came with the shareholder.
            if (by_group && !firm.controlling_shareholder.empty() &&
                e.shareholder == firm.controlling_shareholder)
                continue;
            record.controlled_titles.push_back(e.title);
        }
    };
    take(by_shareholder, firm.controlling_shareholder, false);
    take(by_group, firm.business_group, true);
}

}  // namespace ladder
