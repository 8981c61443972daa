#include "firm_list.hpp"

#include <algorithm>

#include <wx/control.h>
#include <wx/dc.h>
#include <wx/dcclient.h>
#include <wx/settings.h>

namespace ladder::gui {

FirmList::FirmList(wxWindow* parent, CellSource cells)
    : wxVListBox(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLB_MULTIPLE | wxWANTS_CHARS),
      cells_(std::move(cells)) {
    Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
        current_ = e.GetInt();
        e.Skip();
    });
    SetName("registry-list");
    wxClientDC dc(this);
    dc.SetFont(GetFont());
    row_height_ = dc.GetCharHeight() + FromDIP(8);
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX));
}

wxCoord FirmList::OnMeasureItem(size_t) const {
    return row_height_;
}

void FirmList::restart() {
    DeselectAll();
    DoSetCurrent(wxNOT_FOUND);
    current_ = wxNOT_FOUND;
    if (GetItemCount() > 0) ScrollToRow(0);
}

void FirmList::OnDrawBackground(wxDC& dc, const wxRect& rect, size_t n) const {
    if (IsSelected(n)) {
        dc.SetBrush(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT)));
    } else if (n % 2) {
        // Zebra rows help the eye follow a wide row.
        wxColour base = wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX);
        dc.SetBrush(wxBrush(base.ChangeLightness(96)));
    } else {
        dc.SetBrush(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX)));
    }
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.DrawRectangle(rect);
    if (IsCurrent(n) && HasFocus()) {
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.SetPen(
            wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHTTEXT), 1, wxPENSTYLE_DOT));
        dc.DrawRectangle(wxRect(rect).Deflate(1));
    }
}

void FirmList::OnDrawItem(wxDC& dc, const wxRect& rect, size_t n) const {
    const std::vector<wxString>* cells = cells_(n);
    dc.SetTextForeground(IsSelected(n) ? wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHTTEXT)
                                       : wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOXTEXT));
    const int pad = FromDIP(6);
    // Columns follow the header, which scrolls with the list's horizontal offset (none here).
    int x = rect.x;
    for (std::size_t c = 0; c < widths_.size(); ++c) {
        int w = widths_[c];
        // The last column takes the room left of the window: 已获梯度 is not cut while space is
        // free.
        if (c + 1 == widths_.size()) w = std::max(w, rect.GetRight() + 1 - x);
        bool right = c < right_.size() && right_[c];
        wxRect cell(x + pad, rect.y, w - 2 * pad, rect.height);
        if (cells && c < cells->size()) {
            wxDCClipper clip(dc, cell);
            // Shortened at a character boundary with "…", never cut through a character.
            dc.DrawLabel(wxControl::Ellipsize((*cells)[c], dc, wxELLIPSIZE_END, cell.width), cell,
                         (right ? wxALIGN_RIGHT : wxALIGN_LEFT) | wxALIGN_CENTER_VERTICAL);
        } else if (!cells && c == 1) {
            dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
            dc.DrawLabel(wxString::FromUTF8("…"), cell, wxALIGN_LEFT | wxALIGN_CENTER_VERTICAL);
        }
        x += w;
    }
}

}  // namespace ladder::gui
