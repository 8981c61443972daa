#pragma once
// Drawing a report page with cairo and pango (render_pdf.cpp lays the report out): the page,
// text that fits, the running footer, and the figures — trend lines, the flow, the map.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstddef>
#include <optional>
#include <string>

#include "report/render.hpp"

namespace ladder::pdf_canvas {

// A4 landscape in points.
constexpr double kPageWidth = 842, kPageHeight = 595, kMargin = 36;
// WenQuanYi Micro Hei (fonts-wqy-microhei) carries the CJK glyphs; fontconfig falls back to
// any other CJK font when it is missing.
constexpr const char* kFamily = "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";

struct Pdf {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    double y = kMargin;
    int page = 1;
    int pages = 0;  // known after the first pass; 0: not printed
    std::string footer_text;

    ~Pdf() {
        if (cr) cairo_destroy(cr);
        if (surface) cairo_surface_destroy(surface);
    }
};

// A laid-out text with its logical extent; the caller unrefs the layout.
struct Text {
    PangoLayout* layout;
    double width, height;
};

// Lays out `text` at `size` points; width > 0 ellipsizes to it (or wraps). Returns the logical
// extent.
Text layout_text(cairo_t* cr, const std::string& text, double size, bool bold, double max_width = 0,
                 bool wrap = false);
void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size,
               bool bold = false, double max_width = 0, bool right = false, bool wrap = false);
double measure(cairo_t* cr, const std::string& text, double size, bool bold = false);
void new_page(Pdf& pdf);
double wrapped_height(cairo_t* cr, const std::string& text, double size, bool bold, double width);
// "第 x 页 共 y 页", centred, with the title on the left.
void footer(Pdf& pdf, const std::string& title);
// Starts a new page unless `height` fits on this one.
void ensure_room(Pdf& pdf, double height, const std::string& title);

// Four grey grid lines over `width` from `left`, `scale_height` above `bottom`, each with its
// value (0 … max_value) at the left margin: the value axis the charts share.
void draw_value_grid(cairo_t* cr, double left, double width, double bottom, double scale_height,
                     double max_value);

// ---- figures (pdf_figures.cpp) ----
// The i-th colour of the palette the figures share.
void set_colour(cairo_t* cr, std::size_t i, double alpha = 1);
// Lines per series over the categories (years), with the value at each point and a legend.
void draw_line_chart(Pdf& pdf, const LineChart& chart, const std::string& title);
// Firms moving between tiers from the start to the end of the year.
void draw_flow(Pdf& pdf, const FlowDiagram& flow, const std::string& title);
// The cities coloured by their share of the target, each named.
void draw_map(Pdf& pdf, const MapFigure& map, const std::string& title);
// The map's outlines start this far below its title's top.
constexpr double kMapTitleHeight = 18;
// The shape under page point (x, y) of a map whose outlines start at `top` (draw_map's layout).
std::optional<std::size_t> map_shape_at_point(const MapFigure& map, double top, double x, double y);

}  // namespace ladder::pdf_canvas
