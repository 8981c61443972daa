#pragma once
// Horizontal bars of "added vs quota" with their numbers, drawn by hand so the numbers sit next
// to the bars. A click (or Enter on the focused bar) reports the bar's index.
#include <functional>
#include <vector>

#include <wx/dc.h>
#include <wx/panel.h>

namespace ladder::gui {

struct QuotaBar {
    wxString label;
    long added = 0;
    long quota = 0;  // 0: none set
    long pending = 0;
    long candidates = 0;
    wxString detail;  // holders, exits ... shown under the bar
};

class QuotaChart : public wxPanel {
  public:
    QuotaChart(wxWindow* parent, const wxString& name);
    void set_bars(std::vector<QuotaBar> bars);
    const std::vector<QuotaBar>& bars() const { return bars_; }
    std::function<void(std::size_t)> on_activate;

  private:
    void paint(wxPaintEvent&);
    int bar_at(wxPoint p) const;
    int row_height() const;
    int top() const;  // where the first bar starts, below the legend
    int legend_height() const;
    void paint_legend(wxDC& dc, int x) const;

    std::vector<QuotaBar> bars_;
    int focused_ = 0;
};

}  // namespace ladder::gui
