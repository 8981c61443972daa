#include "model/industry.hpp"

namespace ladder {

std::optional<int> industry_division(std::string_view code) {
    if (!is_valid_industry_code(code)) return std::nullopt;
    std::size_t start = (code[0] >= 'A' && code[0] <= 'T') ? 1 : 0;
    return (code[start] - '0') * 10 + (code[start + 1] - '0');
}

bool is_valid_industry_code(std::string_view code) {
    std::size_t start = (!code.empty() && code[0] >= 'A' && code[0] <= 'T') ? 1 : 0;
    std::size_t digits = code.size() - start;
    if (code.empty() || digits < 2 || digits > 4) return false;
    for (std::size_t i = start; i < code.size(); ++i)
        if (code[i] < '0' || code[i] > '9') return false;
    return true;
}

const Chain* find_chain(std::string_view id_or_name) {
    for (const auto& c : kChains)
        if (c.id == id_or_name || c.zh == id_or_name) return &c;
    return nullptr;
}

}  // namespace ladder
