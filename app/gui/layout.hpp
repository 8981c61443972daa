#pragma once
// Window sizes that hold on any screen: as large as the work wants, never larger than the
// screen the window opens on (a 1366x768 laptop's included), never smaller than its sizer's
// minimum, so buttons laid out by sizers stay in view with or without a window manager.
#include <algorithm>

#include <wx/display.h>
#include <wx/toplevel.h>

namespace ladder::gui {

// Sizes `window` to `wanted` (device-independent pixels) within the client area of the display
// under `near` (or the window itself), keeps the sizer's minimum, and centres it there.
inline void fit_to_display(wxTopLevelWindow* window, wxSize wanted, wxWindow* near = nullptr) {
    int index = wxDisplay::GetFromWindow(near ? near : window);
    const wxRect area =
        wxDisplay(index == wxNOT_FOUND ? 0u : static_cast<unsigned>(index)).GetClientArea();
    wxSize size = window->FromDIP(wanted);
    // Room for a window manager's frame around it.
    size.x = std::min(size.x, area.width - window->FromDIP(16));
    size.y = std::min(size.y, area.height - window->FromDIP(48));
    wxSize minimum = window->GetMinSize();
    minimum.x = std::min(minimum.x, area.width);
    minimum.y = std::min(minimum.y, area.height);
    window->SetMinSize(minimum);
    size.IncTo(minimum);
    window->SetSize(size);
    window->CentreOnParent();
    // Without a window manager nothing keeps a window on the screen: do it here.
    wxRect r = window->GetScreenRect();
    r.x = std::clamp(r.x, area.x, std::max(area.x, area.GetRight() - r.width + 1));
    r.y = std::clamp(r.y, area.y, std::max(area.y, area.GetBottom() - r.height + 1));
    window->Move(r.GetPosition());
}

}  // namespace ladder::gui
