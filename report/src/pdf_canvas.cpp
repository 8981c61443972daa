#include <algorithm>

#include <fmt/format.h>

#include "pdf_canvas.hpp"

namespace ladder::pdf_canvas {

Text layout_text(cairo_t* cr, const std::string& text, double size, bool bold, double max_width,
                 bool wrap) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string(kFamily);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, text.c_str(), -1);
    if (max_width > 0) {
        pango_layout_set_width(layout, static_cast<int>(max_width * PANGO_SCALE));
        if (wrap)
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        else
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return {layout, static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
}

void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold,
               double max_width, bool right, bool wrap) {
    Text t = layout_text(cr, text, size, bold, max_width, wrap);
    double dx = right && max_width > 0 ? max_width - std::min(t.width, max_width) : 0;
    cairo_move_to(cr, x + dx, y);
    pango_cairo_show_layout(cr, t.layout);
    g_object_unref(t.layout);
}

double measure(cairo_t* cr, const std::string& text, double size, bool bold) {
    Text t = layout_text(cr, text, size, bold);
    g_object_unref(t.layout);
    return t.width;
}

void new_page(Pdf& pdf) {
    cairo_show_page(pdf.cr);
    ++pdf.page;
    pdf.y = kMargin;
}

double wrapped_height(cairo_t* cr, const std::string& text, double size, bool bold, double width) {
    Text t = layout_text(cr, text, size, bold, width, true);
    g_object_unref(t.layout);
    return t.height;
}

// "第 x 页 共 y 页", centred, with the title on the left.
void footer(Pdf& pdf, const std::string& title) {
    cairo_set_source_rgb(pdf.cr, 0.4, 0.4, 0.4);
    draw_text(pdf.cr, title, kMargin, kPageHeight - kMargin + 10, 7);
    std::string page = pdf.pages ? fmt::format("第 {} 页 共 {} 页", pdf.page, pdf.pages)
                                 : fmt::format("第 {} 页", pdf.page);
    double w = measure(pdf.cr, page, 7);
    draw_text(pdf.cr, page, (kPageWidth - w) / 2, kPageHeight - kMargin + 10, 7);
    cairo_set_source_rgb(pdf.cr, 0, 0, 0);
}

void ensure_room(Pdf& pdf, double height, const std::string& title) {
    if (pdf.y + height <= kPageHeight - kMargin) return;
    footer(pdf, title);
    new_page(pdf);
}

void draw_value_grid(cairo_t* cr, double left, double width, double bottom, double scale_height,
                     double max_value) {
    for (int q = 0; q <= 4; ++q) {
        double yy = bottom - scale_height * q / 4.0;
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, left, yy);
        cairo_line_to(cr, left + width, yy);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        draw_text(cr, fmt::format("{:.0f}", max_value * q / 4.0), kMargin - 4, yy - 5, 6.5, false,
                  30, true);
    }
}

}  // namespace ladder::pdf_canvas
