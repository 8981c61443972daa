#include "quota_chart.hpp"

#include <algorithm>
#include <utility>

#include <wx/dcbuffer.h>
#include <wx/intl.h>
#include <wx/settings.h>

namespace ladder::gui {

QuotaChart::QuotaChart(wxWindow* parent, const wxString& name)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
              wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE) {
    SetName(name);
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &QuotaChart::paint, this);
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
        SetFocus();
        int i = bar_at(e.GetPosition());
        if (i >= 0) {
            focused_ = i;
            Refresh();
            if (on_activate) on_activate(static_cast<std::size_t>(i));
        }
    });
    Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        int n = static_cast<int>(bars_.size());
        if (e.GetKeyCode() == WXK_DOWN && focused_ + 1 < n)
            ++focused_;
        else if (e.GetKeyCode() == WXK_UP && focused_ > 0)
            --focused_;
        else if ((e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_SPACE) && focused_ < n &&
                 on_activate)
            on_activate(static_cast<std::size_t>(focused_));
        else {
            e.Skip();
            return;
        }
        Refresh();
    });
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
}

int QuotaChart::row_height() const {
    return GetCharHeight() * 2 + FromDIP(14);
}

int QuotaChart::top() const {
    return legend_height() + FromDIP(4);
}

int QuotaChart::legend_height() const {
    return GetCharHeight() + FromDIP(10);
}

namespace {
const wxColour kAdded(38, 110, 200), kPending(120, 170, 230), kCandidates(190, 215, 245);
const wxColour kTarget(200, 40, 40);

// What the right-hand column says: against a target its completion, else each part by name
// (a bare count beside a bar full of pending and candidate firms read as "nothing").
wxString bar_numbers(const QuotaBar& b) {
    return b.quota > 0 ? wxString::Format(
                             "%ld / %ld  (%.1f%%)", b.added, b.quota,
                             100.0 * static_cast<double>(b.added) / static_cast<double>(b.quota))
                       : wxString::Format(_("%ld added, %ld pending, %ld candidates"), b.added,
                                          b.pending, b.candidates);
}
}  // namespace

// The key above the bars: what each shade and the red line stand for.
void QuotaChart::paint_legend(wxDC& dc, int x) const {
    const int h = GetCharHeight();
    const int y = FromDIP(4);
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    dc.SetTextForeground(text);
    const std::pair<wxColour, wxString> keys[] = {{kAdded, _("added")},
                                                  {kPending, _("pending review")},
                                                  {kCandidates, _("eligible candidates")}};
    for (const auto& [colour, label] : keys) {
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(colour));
        dc.DrawRectangle(x, y + h / 4, h, h / 2 + 1);
        x += h + FromDIP(4);
        dc.DrawText(label, x, y);
        x += dc.GetTextExtent(label).x + FromDIP(16);
    }
    dc.SetPen(wxPen(kTarget, FromDIP(2)));
    dc.DrawLine(x + h / 2, y, x + h / 2, y + h);
    x += h + FromDIP(4);
    dc.DrawText(_("target"), x, y);
}

void QuotaChart::set_bars(std::vector<QuotaBar> bars) {
    bars_ = std::move(bars);
    focused_ = std::min(focused_, std::max(0, static_cast<int>(bars_.size()) - 1));
    SetMinSize(wxSize(-1, top() + static_cast<int>(bars_.size()) * row_height() + FromDIP(4)));
    GetParent()->Layout();
    Refresh();
}

int QuotaChart::bar_at(wxPoint p) const {
    if (p.y < top()) return -1;
    int i = (p.y - top()) / row_height();
    return i >= 0 && i < static_cast<int>(bars_.size()) ? i : -1;
}

void QuotaChart::paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
    dc.Clear();
    dc.SetFont(GetFont());
    const wxSize size = GetClientSize();
    std::vector<wxString> numbers_of;
    int right_w = FromDIP(150);
    for (const auto& b : bars_) {
        numbers_of.push_back(bar_numbers(b));
        right_w = std::max(right_w, dc.GetTextExtent(numbers_of.back()).x + FromDIP(12));
    }
    const int label_w = FromDIP(170), pad = FromDIP(8);
    const int bar_w = std::max(FromDIP(80), size.x - label_w - right_w - 2 * pad);
    long scale = 1;
    for (const auto& b : bars_)
        scale = std::max({scale, b.quota, b.added + b.pending + b.candidates});
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    const wxColour grey = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
    const wxColour &added = kAdded, &pending = kPending, &candidates = kCandidates;
    paint_legend(dc, label_w);
    for (std::size_t i = 0; i < bars_.size(); ++i) {
        const auto& b = bars_[i];
        int y = top() + static_cast<int>(i) * row_height();
        int bh = GetCharHeight() + FromDIP(4);
        if (static_cast<int>(i) == focused_ && HasFocus()) {
            dc.SetPen(wxPen(grey, 1, wxPENSTYLE_DOT));
            dc.SetBrush(*wxTRANSPARENT_BRUSH);
            dc.DrawRectangle(1, y - 2, size.x - 2, row_height() - 2);
        }
        dc.SetTextForeground(text);
        dc.DrawLabel(b.label, wxRect(pad, y, label_w - pad, bh),
                     wxALIGN_LEFT | wxALIGN_CENTER_VERTICAL);
        auto px = [&](long v) {
            return static_cast<int>(static_cast<double>(v) * bar_w / static_cast<double>(scale));
        };
        int x = label_w;
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(wxColour(236, 236, 236)));
        dc.DrawRectangle(x, y, bar_w, bh);
        dc.SetBrush(wxBrush(candidates));
        dc.DrawRectangle(x, y, px(b.added + b.pending + b.candidates), bh);
        dc.SetBrush(wxBrush(pending));
        dc.DrawRectangle(x, y, px(b.added + b.pending), bh);
        dc.SetBrush(wxBrush(added));
        dc.DrawRectangle(x, y, px(b.added), bh);
        if (b.quota > 0) {
            dc.SetPen(wxPen(kTarget, FromDIP(2)));
            dc.DrawLine(x + px(b.quota), y - FromDIP(3), x + px(b.quota), y + bh + FromDIP(3));
        }
        const wxString& numbers = numbers_of[i];
        dc.SetTextForeground(text);
        dc.DrawLabel(numbers, wxRect(x + bar_w + pad, y, right_w, bh),
                     wxALIGN_LEFT | wxALIGN_CENTER_VERTICAL);
        dc.SetTextForeground(grey);
        dc.DrawText(b.detail, x, y + bh + FromDIP(2));
    }
}

}  // namespace ladder::gui
