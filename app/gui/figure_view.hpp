#pragma once
// One of the report's figures on screen (map, trend, flow), drawn by report/'s renderer at the
// window's size — the same drawing as the PDF's — and drawn again when the window is resized.
#include <functional>
#include <optional>

#include <wx/bitmap.h>
#include <wx/window.h>

#include "report/render.hpp"

namespace ladder::gui {

class FigureView : public wxWindow {
  public:
    FigureView(wxWindow* parent, const wxString& name);
    // Draws the figure at a size in pixels; nothing: the view is blank.
    void set_renderer(std::function<FigureImage(int width, int height)> render);
    const FigureImage& image() const { return image_; }
    // A click at a pixel of the image shown.
    std::function<void(double x, double y)> on_click;
    // The figures are pictures: their content is in lists elsewhere (the quota page's city
    // table) that the keyboard reaches.
    bool AcceptsFocus() const override { return false; }
    bool AcceptsFocusFromKeyboard() const override { return false; }

  private:
    void paint(wxPaintEvent&);
    std::function<FigureImage(int, int)> render_;
    FigureImage image_;
    wxBitmap bitmap_;
};

}  // namespace ladder::gui
