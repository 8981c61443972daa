#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/atomic_file.hpp"
#include "report/render.hpp"

namespace ladder {

namespace {

using Kind = ReportColumn::Kind;

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

    ~Pdf() {
        if (cr) cairo_destroy(cr);
        if (surface) cairo_surface_destroy(surface);
    }
};

std::string display_cell(const std::string& value, Kind kind) {
    if (value.empty() || kind != Kind::percent) return value;
    return fmt::format("{:.1f}%", std::strtod(value.c_str(), nullptr) * 100);
}

// Lays out `text` at `size` points; width > 0 ellipsizes to it. Returns the logical extent.
struct Text {
    PangoLayout* layout;
    double width, height;
};

Text layout_text(cairo_t* cr, const std::string& text, double size, bool bold,
                 double max_width = 0) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string(kFamily);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, text.c_str(), -1);
    if (max_width > 0) {
        pango_layout_set_width(layout, static_cast<int>(max_width * PANGO_SCALE));
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return {layout, static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
}

void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size,
               bool bold = false, double max_width = 0, bool right = false) {
    Text t = layout_text(cr, text, size, bold, max_width);
    double dx = right && max_width > 0 ? max_width - std::min(t.width, max_width) : 0;
    cairo_move_to(cr, x + dx, y);
    pango_cairo_show_layout(cr, t.layout);
    g_object_unref(t.layout);
}

double measure(cairo_t* cr, const std::string& text, double size, bool bold = false) {
    Text t = layout_text(cr, text, size, bold);
    g_object_unref(t.layout);
    return t.width;
}

void new_page(Pdf& pdf) {
    cairo_show_page(pdf.cr);
    ++pdf.page;
    pdf.y = kMargin;
}

void footer(Pdf& pdf, const std::string& title) {
    cairo_set_source_rgb(pdf.cr, 0.4, 0.4, 0.4);
    draw_text(pdf.cr, fmt::format("{}  第 {} 页", title, pdf.page), kMargin,
              kPageHeight - kMargin + 10, 7);
    cairo_set_source_rgb(pdf.cr, 0, 0, 0);
}

void ensure_room(Pdf& pdf, double height, const std::string& title) {
    if (pdf.y + height <= kPageHeight - kMargin) return;
    footer(pdf, title);
    new_page(pdf);
}

void draw_chart(Pdf& pdf, const BarChart& chart, const std::string& title) {
    const double height = 210, label_h = 24, left = kMargin + 30,
                 width = kPageWidth - 2 * kMargin - 40;
    ensure_room(pdf, height + 40, title);
    cairo_t* cr = pdf.cr;
    draw_text(cr, chart.title, kMargin, pdf.y, 11, true);
    pdf.y += 20;
    double top = pdf.y, bottom = top + height - label_h;
    double max_value = 1;
    for (const auto& s : chart.series)
        for (double v : s.values) max_value = std::max(max_value, v);
    // Axis and grid lines at quarters of the largest value.
    cairo_set_line_width(cr, 0.5);
    for (int q = 0; q <= 4; ++q) {
        double yy = bottom - (bottom - top - 12) * q / 4.0;
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, left, yy);
        cairo_line_to(cr, left + width, yy);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        draw_text(cr, fmt::format("{:.0f}", max_value * q / 4.0), kMargin - 4, yy - 5, 6.5, false,
                  30, true);
    }
    const double colours[][3] = {{0.16, 0.44, 0.75}, {0.93, 0.49, 0.19}, {0.44, 0.68, 0.28}};
    std::size_t n = chart.categories.size(), series = std::max<std::size_t>(1, chart.series.size());
    double slot = n ? width / static_cast<double>(n) : width,
           bar = slot * 0.7 / static_cast<double>(series);
    for (std::size_t i = 0; i < n; ++i) {
        double x0 = left + slot * static_cast<double>(i) + slot * 0.15;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            double v = chart.series[s].values.at(i);
            double h = (bottom - top - 12) * v / max_value;
            const double* c = colours[s % 3];
            cairo_set_source_rgb(cr, c[0], c[1], c[2]);
            cairo_rectangle(cr, x0 + bar * static_cast<double>(s), bottom - h, bar - 1, h);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            draw_text(cr, fmt::format("{:.0f}", v), x0 + bar * static_cast<double>(s),
                      bottom - h - 9, 6, false, bar, false);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_text(cr, chart.categories[i], left + slot * static_cast<double>(i), bottom + 3, 7,
                  false, slot);
    }
    // Legend.
    double lx = left;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const double* c = colours[s % 3];
        cairo_set_source_rgb(cr, c[0], c[1], c[2]);
        cairo_rectangle(cr, lx, bottom + label_h - 2, 8, 8);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_text(cr, chart.series[s].label, lx + 11, bottom + label_h - 4, 7.5);
        lx += 24 + measure(cr, chart.series[s].label, 7.5);
    }
    pdf.y = bottom + label_h + 20;
}

void draw_table(Pdf& pdf, const ReportTable& t, const std::string& title) {
    cairo_t* cr = pdf.cr;
    const double size = 7.5, row_h = 12, pad = 3, available = kPageWidth - 2 * kMargin;
    std::vector<double> widths(t.columns.size(), 20);
    // Header labels are drawn as they are; data cells through display_cell (percentages).
    auto cell_text = [&](const std::vector<std::string>& cells, std::size_t c, bool header) {
        if (c >= cells.size()) return std::string();
        return header ? cells[c] : display_cell(cells[c], t.columns[c].kind);
    };
    auto fit = [&](const std::vector<std::string>& cells, bool bold, bool header = false) {
        for (std::size_t c = 0; c < widths.size() && c < cells.size(); ++c)
            widths[c] = std::max(
                widths[c],
                std::min(180.0, measure(cr, cell_text(cells, c, header), size, bold) + 2 * pad));
    };
    std::vector<std::string> labels;
    for (const auto& c : t.columns) labels.push_back(c.label);
    fit(labels, true, true);
    for (const auto& row : t.rows) fit(row, false);
    fit(t.totals, true);
    double total = 0;
    for (double w : widths) total += w;
    if (total > available)  // shrink the widest text columns proportionally
        for (double& w : widths) w *= available / total;

    auto draw_row = [&](const std::vector<std::string>& cells, bool bold, bool shaded,
                        bool header = false) {
        double x = kMargin, row_width = 0;
        for (double w : widths) row_width += w;
        if (shaded) {
            cairo_set_source_rgb(cr, bold ? 0.87 : 0.95, bold ? 0.92 : 0.95, bold ? 0.97 : 0.95);
            cairo_rectangle(cr, kMargin, pdf.y, row_width, row_h);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (std::size_t c = 0; c < widths.size(); ++c) {
            std::string text = cell_text(cells, c, header);
            bool right = t.columns[c].kind != Kind::text;
            draw_text(cr, text, x + pad, pdf.y + 1.5, size, bold, widths[c] - 2 * pad, right);
            x += widths[c];
        }
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, kMargin, pdf.y + row_h);
        cairo_line_to(cr, kMargin + row_width, pdf.y + row_h);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pdf.y += row_h;
    };

    ensure_room(pdf, 20 + 3 * row_h, title);
    draw_text(cr, t.title, kMargin, pdf.y, 10, true);
    pdf.y += 17;
    draw_row(labels, true, true, true);
    for (const auto& row : t.rows) {
        if (pdf.y + row_h > kPageHeight - kMargin) {
            footer(pdf, title);
            new_page(pdf);
            draw_row(labels, true, true, true);  // the header repeats on every page
        }
        draw_row(row, false, false);
    }
    if (t.rows.empty()) {
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        draw_text(cr, "（无）", kMargin + pad, pdf.y + 1.5, size);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pdf.y += row_h;
    }
    if (!t.totals.empty()) {
        ensure_room(pdf, row_h, title);
        draw_row(t.totals, true, true);
    }
    if (!t.note.empty()) {
        ensure_room(pdf, 14, title);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        draw_text(cr, t.note, kMargin, pdf.y + 3, 6.5, false, available);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pdf.y += 12;
    }
    pdf.y += 16;
}

}  // namespace

void write_report_pdf(const Report& report, const std::filesystem::path& path) {
    write_through_temporary(path, [&](const std::filesystem::path& tmp) {
        Pdf pdf;
        pdf.surface = cairo_pdf_surface_create(tmp.c_str(), kPageWidth, kPageHeight);
        if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(
                fmt::format(fmt::runtime(_("cannot write {}")), path.string()));
        cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
        cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_CREATOR, "Ladder");
        if (!report.audit_head.empty())
            cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_SUBJECT,
                                           audit_head_line(report.audit_head).c_str());
        pdf.cr = cairo_create(pdf.surface);
        cairo_set_source_rgb(pdf.cr, 0, 0, 0);
        draw_text(pdf.cr, report.title, kMargin, pdf.y, 18, true);
        pdf.y += 28;
        if (!report.subtitle.empty()) {
            cairo_set_source_rgb(pdf.cr, 0.3, 0.3, 0.3);
            draw_text(pdf.cr, report.subtitle, kMargin, pdf.y, 8);
            cairo_set_source_rgb(pdf.cr, 0, 0, 0);
            pdf.y += report.audit_head.empty() ? 18 : 12;
        }
        if (!report.audit_head.empty()) {
            // In the title block of the page that is signed: the anchor a bureau keeps.
            cairo_set_source_rgb(pdf.cr, 0.3, 0.3, 0.3);
            draw_text(pdf.cr, audit_head_line(report.audit_head), kMargin, pdf.y, 8);
            cairo_set_source_rgb(pdf.cr, 0, 0, 0);
            pdf.y += 18;
        }
        for (const BarChart& c : report.charts) draw_chart(pdf, c, report.title);
        for (const ReportTable& t : report.tables) draw_table(pdf, t, report.title);
        footer(pdf, report.title);
        cairo_show_page(pdf.cr);
        cairo_destroy(pdf.cr);
        pdf.cr = nullptr;
        cairo_surface_finish(pdf.surface);
        if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(
                fmt::format(fmt::runtime(_("cannot write {}: {}")), path.string(),
                            cairo_status_to_string(cairo_surface_status(pdf.surface))));
    });
}

}  // namespace ladder
