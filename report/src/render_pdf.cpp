#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/atomic_file.hpp"
#include "pdf_canvas.hpp"
#include "report/render.hpp"

namespace ladder {

namespace {

using namespace pdf_canvas;
using Kind = ReportColumn::Kind;

std::string display_cell(const std::string& value, Kind kind) {
    if (value.empty() || kind != Kind::percent) return value;
    return fmt::format("{:.1f}%", std::strtod(value.c_str(), nullptr) * 100);
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
    draw_value_grid(cr, left, width, bottom, bottom - top - 12, max_value);
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
