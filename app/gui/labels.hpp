#pragma once
// Translated names of the model's ids that pages show in lists (the model keeps ids such as
// "incomplete" or "city" so that files and the audit trail stay language-neutral).
#include <string_view>

#include <wx/intl.h>
#include <wx/string.h>

#include "model/names.hpp"
#include "model/rules/evaluate.hpp"
#include "text.hpp"

namespace ladder::gui {

inline wxString verdict_text(TierVerdict v) {
    return wxString::FromUTF8(ladder::verdict_label(v));
}

// A review level of a tier's rules ("county", "city", "province", "national").
inline wxString review_level_label(std::string_view level) {
    return wxString::FromUTF8(names::review_level(level));
}

}  // namespace ladder::gui
