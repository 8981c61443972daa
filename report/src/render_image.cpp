// The report's figures drawn for a screen: the PDF's drawing code on a recording surface, then
// scaled onto an image of the size asked for.
#include <cairo.h>

#include <algorithm>
#include <cstring>

#include "pdf_canvas.hpp"
#include "report/render.hpp"

namespace ladder {

using namespace pdf_canvas;

namespace {

template <typename Figure, typename Draw>
FigureImage render(const Figure& figure, int width, int height, Draw draw) {
    FigureImage image;
    image.width = std::max(width, 1);
    image.height = std::max(height, 1);
    // Drawn once at page scale; the page's extent below the figure is where it ended.
    cairo_rectangle_t page{0, 0, kPageWidth, kPageHeight};
    Pdf pdf;
    pdf.surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
    pdf.cr = cairo_create(pdf.surface);
    draw(pdf, figure);
    const double top = kMargin - 6, bottom = std::min(pdf.y, kPageHeight), left = kMargin - 6,
                 right = kPageWidth - kMargin + 6;
    cairo_surface_flush(pdf.surface);

    cairo_surface_t* target =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height);
    cairo_t* cr = cairo_create(target);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    image.scale = std::min(image.width / (right - left), image.height / (bottom - top));
    image.offset_x = (image.width - (right - left) * image.scale) / 2 - left * image.scale;
    image.offset_y = (image.height - (bottom - top) * image.scale) / 2 - top * image.scale;
    cairo_translate(cr, image.offset_x, image.offset_y);
    cairo_scale(cr, image.scale, image.scale);
    cairo_set_source_surface(cr, pdf.surface, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(target);

    const unsigned char* data = cairo_image_surface_get_data(target);
    const int stride = cairo_image_surface_get_stride(target);
    image.argb.resize(static_cast<std::size_t>(image.width) * image.height);
    for (int row = 0; row < image.height; ++row)
        std::memcpy(&image.argb[static_cast<std::size_t>(row) * image.width], data + row * stride,
                    static_cast<std::size_t>(image.width) * 4);
    cairo_surface_destroy(target);
    return image;
}

}  // namespace

FigureImage render_figure(const MapFigure& map, int width, int height) {
    return render(map, width, height, [](Pdf& pdf, const MapFigure& m) { draw_map(pdf, m, {}); });
}

FigureImage render_figure(const LineChart& chart, int width, int height) {
    return render(chart, width, height,
                  [](Pdf& pdf, const LineChart& c) { draw_line_chart(pdf, c, {}); });
}

FigureImage render_figure(const FlowDiagram& flow, int width, int height) {
    return render(flow, width, height,
                  [](Pdf& pdf, const FlowDiagram& f) { draw_flow(pdf, f, {}); });
}

std::optional<std::size_t> map_shape_at(const MapFigure& map, const FigureImage& image, double x,
                                        double y) {
    if (image.scale <= 0) return std::nullopt;
    return map_shape_at_point(map, kMargin + kMapTitleHeight, (x - image.offset_x) / image.scale,
                              (y - image.offset_y) / image.scale);
}

}  // namespace ladder
