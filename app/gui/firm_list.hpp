#pragma once
// The registry list: a wxVListBox that paints its own rows and columns. Its scrollbar counts
// rows, not pixels, so GTK never sees a million-row scroll area (the stock list controls fail
// there: cairo's 2^23-pixel limit). Rows come from a page cache the owner fills on demand.
#include <functional>
#include <string>
#include <vector>

#include <wx/vlbox.h>

namespace ladder::gui {

struct ListColumn {
    wxString title;
    int width;
    bool sortable;
    bool right_aligned = false;
};

class FirmList : public wxVListBox {
  public:
    // `cells(row)` gives the texts of a row, or nullptr while its page is still loading
    // (the owner then fetches it and calls RefreshRows).
    using CellSource = std::function<const std::vector<wxString>*(std::size_t row)>;
    FirmList(wxWindow* parent, CellSource cells);
    // Column widths in pixels, as the header above shows them.
    void set_widths(std::vector<int> widths) {
        widths_ = std::move(widths);
        Refresh();
    }
    const std::vector<int>& widths() const { return widths_; }
    void set_right_aligned(std::vector<bool> right) { right_ = std::move(right); }
    // The item with the keyboard cursor, or wxNOT_FOUND.
    int current() const { return current_; }
    // A new list (another search, filter or order): no selection, no cursor, the first row at
    // the top. Rows are positions, so neither a selection nor a scroll position carries over.
    void restart();

  private:
    void OnDrawItem(wxDC& dc, const wxRect& rect, size_t n) const override;
    wxCoord OnMeasureItem(size_t n) const override;
    void OnDrawBackground(wxDC& dc, const wxRect& rect, size_t n) const override;

    CellSource cells_;
    std::vector<int> widths_;
    std::vector<bool> right_;
    int current_ = wxNOT_FOUND;
    wxCoord row_height_;
};

}  // namespace ladder::gui
