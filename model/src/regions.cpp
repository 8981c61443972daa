#include "model/regions.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/resources.hpp"

namespace ladder {

RegionTable RegionTable::load(const std::filesystem::path& dir) {
    RegionTable t;
    for (const auto& r : read_resource_table(dir / "provinces.csv", 2))
        t.by_code_[r.fields[0]] = {r.fields[0], r.fields[1], ""};
    for (const auto& r : read_resource_table(dir / "cities.csv", 3))
        t.by_code_[r.fields[0]] = {r.fields[0], r.fields[1], r.fields[2]};
    for (const auto& r : read_resource_table(dir / "areas.csv", 4))
        t.by_code_[r.fields[0]] = {r.fields[0], r.fields[1], r.fields[2]};
    for (const auto& [code, region] : t.by_code_)
        if (!region.parent.empty()) t.children_[region.parent].push_back(code);
    for (auto& [_, list] : t.children_) std::sort(list.begin(), list.end());
    return t;
}

const RegionTable& RegionTable::shipped() {
    static const RegionTable table = load(resource_dir() / "regions");
    return table;
}

const Region* RegionTable::find(std::string_view code) const {
    auto it = by_code_.find(std::string(code));
    return it == by_code_.end() ? nullptr : &it->second;
}

bool RegionTable::is_county(std::string_view code) const {
    return code.size() == 6 && find(code);
}

std::string RegionTable::name(std::string_view code) const {
    const Region* r = find(code);
    return r ? r->name : std::string(code);
}

std::string RegionTable::full_name(std::string_view code) const {
    const Region* r = find(code);
    if (!r) return std::string(code);
    std::string result = r->name;
    for (const Region* p = find(r->parent); p; p = find(p->parent)) {
        // Municipalities list their districts under a "市辖区" city: skip that level.
        if (p->name != "市辖区") result = p->name + " " + result;
    }
    return result;
}

std::vector<const Region*> RegionTable::children(std::string_view code) const {
    std::vector<const Region*> out;
    auto it = children_.find(std::string(code));
    if (it != children_.end())
        for (const auto& c : it->second) out.push_back(find(c));
    return out;
}

}  // namespace ladder
