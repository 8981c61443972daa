#include "model/tiers.hpp"

namespace ladder {

const TierCatalog& TierCatalog::builtin() {
    static const TierCatalog catalog({
        {"above_scale", "规模以上工业企业", 1},
        {"high_tech", "高新技术企业", 3},
        {"specialized", "专精特新中小企业", 3},
        {"little_giant", "专业化小巨人企业", 3},
        {"single_champion", "制造业单项冠军企业", 3},
        {"gazelle", "瞪羚企业", 1},
        {"unicorn", "独角兽企业", 1},
        {"listing", "上市企业", std::nullopt},
        {"innovative", "创新型中小企业", 3},
    });
    return catalog;
}

const TierInfo* TierCatalog::find(std::string_view id_or_name) const {
    for (const auto& t : tiers_)
        if (t.id == id_or_name || t.zh == id_or_name) return &t;
    return nullptr;
}

std::optional<Date> TierCatalog::default_valid_to(std::string_view tier,
                                                  const Date& valid_from) const {
    const TierInfo* t = find(tier);
    if (!t || !t->validity_years) return std::nullopt;
    return valid_from.add_years(*t->validity_years).add_days(-1);
}

}  // namespace ladder
