#pragma once
// A date typed as YYYY-MM-DD, the form the bureau writes and every other part of Ladder shows
// (the toolkit's date picker follows the C locale's 12/06/2026 instead).
#include <optional>
#include <string>

#include <wx/intl.h>
#include <wx/textctrl.h>

#include "model/date.hpp"
#include "text.hpp"

namespace ladder::gui {

class DateField : public wxTextCtrl {
  public:
    DateField(wxWindow* parent, const Date& initial)
        : wxTextCtrl(parent, wxID_ANY, wx(initial.to_string())) {
        SetHint("YYYY-MM-DD");
        SetToolTip(_("A date as YYYY-MM-DD, e.g. 2020-05-12."));
        // Wide enough for the date in any font, never more.
        SetMinSize(wxSize(GetTextExtent("0000-00-00").x + FromDIP(24), -1));
    }
    // The date typed, or empty with `reason` saying what is wrong with it.
    std::optional<Date> value(std::string* reason = nullptr) const {
        return Date::parse(utf8(GetValue()), reason);
    }
};

}  // namespace ladder::gui
