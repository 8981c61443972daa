#include "figure_view.hpp"

#include <wx/dcbuffer.h>
#include <wx/image.h>

namespace ladder::gui {

FigureView::FigureView(wxWindow* parent, const wxString& name)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE) {
    SetName(name);
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(320, 220)));
    Bind(wxEVT_PAINT, &FigureView::paint, this);
    Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& e) {
        if (on_click) on_click(e.GetX(), e.GetY());
    });
}

void FigureView::set_renderer(std::function<FigureImage(int, int)> render) {
    render_ = std::move(render);
    image_ = {};
    bitmap_ = wxBitmap();
    Refresh();
}

void FigureView::paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    const wxSize size = GetClientSize();
    if (!render_ || size.x < 8 || size.y < 8) return;
    if (!bitmap_.IsOk() || image_.width != size.x || image_.height != size.y) {
        image_ = render_(size.x, size.y);
        wxImage rgb(image_.width, image_.height, false);
        unsigned char* out = rgb.GetData();
        // Opaque (drawn on white): premultiplied ARGB is plain RGB.
        for (std::uint32_t pixel : image_.argb) {
            *out++ = static_cast<unsigned char>(pixel >> 16);
            *out++ = static_cast<unsigned char>(pixel >> 8);
            *out++ = static_cast<unsigned char>(pixel);
        }
        bitmap_ = wxBitmap(rgb);
    }
    dc.DrawBitmap(bitmap_, 0, 0);
}

}  // namespace ladder::gui
