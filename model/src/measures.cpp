#include "model/measures.hpp"

namespace ladder {

std::optional<Measure> find_measure(std::string_view id_or_alias) {
    for (const auto& m : kMeasures)
        if (m.id == id_or_alias || m.zh == id_or_alias) return m.measure;
    return std::nullopt;
}

}  // namespace ladder
