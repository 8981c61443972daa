#pragma once
// GB/T 4754-2017 industry codes and the 2+6+N industrial chains of the Jiangxi plan.
#include <array>
#include <optional>
#include <string_view>

namespace ladder {

// Division = the 2 digits after the optional section letter ("C3985" → 39). Empty when the
// code does not match [A-T]?\d{2,4}.
std::optional<int> industry_division(std::string_view code);
bool is_valid_industry_code(std::string_view code);
inline bool is_industrial_division(int d) {
    return d >= 6 && d <= 46;
}  // sections B, C, D
inline bool is_manufacturing_division(int d) {
    return d >= 13 && d <= 43;
}  // section C

struct Chain {
    std::string_view id;
    std::string_view zh;
    std::optional<int> revenue_target_2020;  // 亿元, from the seed plan's §二
};

inline constexpr std::array<Chain, 15> kChains = {{
    {"nonferrous", "有色金属", 7000},
    {"electronics", "电子信息", 5000},
    {"equipment", "装备制造", 4000},
    {"petrochemical", "石化", 3000},
    {"building_materials", "建材", 3300},
    {"textiles", "纺织", 2100},
    {"food", "食品", 2400},
    {"automotive", "汽车", 1500},
    {"aviation", "航空", 1200},
    {"led", "半导体照明", 630},
    {"tcm", "中医药", {}},
    {"energy_saving", "节能环保", {}},
    {"mobile_iot", "移动物联网", 1000},
    {"vr", "虚拟现实", 200},
    {"other", "其他", {}},
}};

// By id or Chinese name.
const Chain* find_chain(std::string_view id_or_name);

}  // namespace ladder
