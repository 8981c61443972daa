#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "model/library_errors.hpp"
#include "model/i18n.hpp"
#include "model/atomic_file.hpp"
#include "report/render.hpp"

namespace ladder {

namespace {

using Kind = ReportColumn::Kind;

// Columns a text takes in a cell: CJK characters count two.
double text_width(const std::string& text) {
    double width = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        width += length >= 3 ? 2 : 1;
        i += length;
    }
    return width;
}

// Excel sheet names: at most 31 characters, none of []:*?/\, unique.
std::string sheet_name(std::string wanted, std::set<std::string>& used) {
    for (char& c : wanted)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    if (wanted.empty()) wanted = "Sheet";
    std::string name = wanted;
    for (int n = 2; used.count(name); ++n) name = fmt::format("{}{}", wanted, n);
    used.insert(name);
    return name;
}

struct Formats {
    lxw_format *title, *header, *text, *integer, *decimal, *percent, *total_text, *total_integer,
        *total_decimal, *total_percent, *note;
};

Formats make_formats(lxw_workbook* wb) {
    auto base = [wb](bool bold) {
        lxw_format* f = workbook_add_format(wb);
        format_set_font_name(f, "等线");
        format_set_font_size(f, 10);
        format_set_border(f, LXW_BORDER_THIN);
        if (bold) format_set_bold(f);
        return f;
    };
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.header = base(true);
    format_set_bg_color(f.header, 0xDDEBF7);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_text_wrap(f.header);
    f.text = base(false);
    f.integer = base(false);
    format_set_num_format(f.integer, "#,##0");
    f.decimal = base(false);
    format_set_num_format(f.decimal, "#,##0.00");
    f.percent = base(false);
    format_set_num_format(f.percent, "0.0%");
    f.total_text = base(true);
    format_set_bg_color(f.total_text, 0xF2F2F2);
    f.total_integer = base(true);
    format_set_bg_color(f.total_integer, 0xF2F2F2);
    format_set_num_format(f.total_integer, "#,##0");
    f.total_decimal = base(true);
    format_set_bg_color(f.total_decimal, 0xF2F2F2);
    format_set_num_format(f.total_decimal, "#,##0.00");
    f.total_percent = base(true);
    format_set_bg_color(f.total_percent, 0xF2F2F2);
    format_set_num_format(f.total_percent, "0.0%");
    f.note = workbook_add_format(wb);
    format_set_italic(f.note);
    format_set_font_size(f.note, 9);
    return f;
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& value,
                Kind kind, const Formats& f, bool total) {
    lxw_format* text = total ? f.total_text : f.text;
    lxw_format* number = kind == Kind::percent   ? (total ? f.total_percent : f.percent)
                         : kind == Kind::decimal ? (total ? f.total_decimal : f.decimal)
                                                 : (total ? f.total_integer : f.integer);
    if (value.empty()) {
        worksheet_write_blank(ws, row, col, kind == Kind::text ? text : number);
        return;
    }
    if (kind != Kind::text) {
        char* end = nullptr;
        double v = std::strtod(value.c_str(), &end);
        if (end && *end == '\0') {
            worksheet_write_number(ws, row, col, v, number);
            return;
        }
    }
    worksheet_write_string(ws, row, col, value.c_str(), text);
}

// Landscape A4, one page wide, the header rows on every printed page, "第 x 页 共 y 页".
void print_setup(lxw_worksheet* ws, lxw_row_t first_header, lxw_row_t last_header) {
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, first_header, last_header);
    worksheet_set_footer(ws, "&C第 &P 页 共 &N 页");
}

void write_table(lxw_workbook* wb, const ReportTable& t, const std::string& name, const Formats& f,
                 const Report& report) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) throw std::runtime_error(fmt::format("cannot add sheet {}", name));
    auto last_col = static_cast<lxw_col_t>(t.columns.empty() ? 0 : t.columns.size() - 1);
    worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title);
    // The form's head: issuing unit and date, and the unit at the right.
    std::string head = report.issuer;
    if (!report.date.empty()) head += (head.empty() ? "" : "    ") + report.date;
    if (!head.empty()) worksheet_write_string(ws, 1, 0, head.c_str(), nullptr);
    if (!t.unit.empty()) worksheet_write_string(ws, 1, last_col, t.unit.c_str(), nullptr);
    lxw_row_t header_row = 2;
    if (!t.header_groups.empty()) {
        lxw_col_t c = 0;
        for (const auto& [label, span] : t.header_groups) {
            auto last = static_cast<lxw_col_t>(c + span - 1);
            if (span > 1)
                worksheet_merge_range(ws, header_row, c, header_row, last, label.c_str(), f.header);
            else
                worksheet_write_string(ws, header_row, c, label.c_str(), f.header);
            c = static_cast<lxw_col_t>(last + 1);
        }
        ++header_row;
    }
    std::vector<double> widths(t.columns.size(), 6);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(c),
                               t.columns[c].label.c_str(), f.header);
        widths[c] = std::max(widths[c], text_width(t.columns[c].label) + 2);
    }
    // Header rows stay in view; with a group row the place names too.
    worksheet_freeze_panes(ws, header_row + 1, t.header_groups.empty() ? 0 : 1);
    print_setup(ws, 2, header_row);
    lxw_row_t row = header_row + 1;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& cells = t.rows[i];
        bool sub = i < t.subtotal.size() && t.subtotal[i];
        for (std::size_t c = 0; c < t.columns.size() && c < cells.size(); ++c) {
            write_cell(ws, row, static_cast<lxw_col_t>(c), cells[c], t.columns[c].kind, f, sub);
            widths[c] = std::max(widths[c], std::min(60.0, text_width(cells[c]) + 2));
        }
        ++row;
    }
    if (!t.totals.empty()) {
        for (std::size_t c = 0; c < t.columns.size() && c < t.totals.size(); ++c)
            write_cell(ws, row, static_cast<lxw_col_t>(c), t.totals[c], t.columns[c].kind, f, true);
        ++row;
    }
    if (!t.note.empty()) worksheet_write_string(ws, row + 1, 0, t.note.c_str(), f.note);
    // Under every table, where a printed sheet ends: the anchor a bureau keeps.
    if (!report.audit_head.empty())
        worksheet_write_string(ws, row + (t.note.empty() ? 1 : 2), 0,
                               audit_head_line(report.audit_head).c_str(), f.note);
    for (std::size_t c = 0; c < widths.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                             nullptr);
    // A filter only on plain lists: one over subtotals would mix counties and cities.
    if (!t.rows.empty() && t.subtotal.empty())
        worksheet_autofilter(ws, header_row, 0, static_cast<lxw_row_t>(header_row + t.rows.size()),
                             last_col);
}

// The trend: years down, a column per tier, and a native line chart.
void write_trend(lxw_workbook* wb, const LineChart& chart, const std::string& name,
                 const Formats& f) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_write_string(ws, 0, 0, chart.title.c_str(), f.title);
    worksheet_write_string(ws, 1, 0, "年度", f.header);
    for (std::size_t s = 0; s < chart.series.size(); ++s)
        worksheet_write_string(ws, 1, static_cast<lxw_col_t>(s + 1), chart.series[s].label.c_str(),
                               f.header);
    worksheet_freeze_panes(ws, 2, 1);
    print_setup(ws, 1, 1);
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
        auto row = static_cast<lxw_row_t>(i + 2);
        worksheet_write_number(ws, row, 0, std::strtod(chart.categories[i].c_str(), nullptr),
                               nullptr);
        for (std::size_t s = 0; s < chart.series.size(); ++s)
            worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1),
                                   chart.series[s].values.at(i), f.integer);
    }
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(chart.series.size()), 14, nullptr);
    if (chart.categories.empty()) return;
    lxw_chart* c = workbook_add_chart(wb, LXW_CHART_LINE);
    chart_title_set_name(c, chart.title.c_str());
    auto last = static_cast<lxw_row_t>(chart.categories.size() + 1);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        lxw_chart_series* series = chart_add_series(c, nullptr, nullptr);
        chart_series_set_categories(series, name.c_str(), 2, 0, last, 0);
        chart_series_set_values(series, name.c_str(), 2, static_cast<lxw_col_t>(s + 1), last,
                                static_cast<lxw_col_t>(s + 1));
        chart_series_set_name(series, chart.series[s].label.c_str());
    }
    lxw_chart_options options{};
    options.x_scale = 2;
    options.y_scale = 1.5;
    worksheet_insert_chart_opt(ws, last + 2, 0, c, &options);
}

// The flow as a table: from, to, kind of move, firms; then the summary.
void write_flow(lxw_workbook* wb, const FlowDiagram& flow, const std::string& name,
                const Formats& f) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_write_string(ws, 0, 0, flow.title.c_str(), f.title);
    const char* labels[] = {"年初", "年末", "企业数"};
    for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_string(ws, 1, c, labels[c], f.header);
    worksheet_freeze_panes(ws, 2, 0);
    print_setup(ws, 1, 1);
    lxw_row_t row = 2;
    for (const auto& l : flow.links) {
        worksheet_write_string(ws, row, 0, flow.states.at(l.from).c_str(), f.text);
        worksheet_write_string(ws, row, 1, flow.states.at(l.to).c_str(), f.text);
        worksheet_write_number(ws, row, 2, static_cast<double>(l.firms), f.integer);
        ++row;
    }
    ++row;
    for (const auto& [label, n] : flow.summary) {
        worksheet_write_string(ws, row, 0, label.c_str(), f.total_text);
        worksheet_write_number(ws, row, 2, static_cast<double>(n), f.total_integer);
        ++row;
    }
    worksheet_set_column(ws, 0, 1, 20, nullptr);
}

void write_chart(lxw_workbook* wb, const BarChart& chart, const std::string& name,
                 const Formats& f) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_write_string(ws, 0, 0, chart.title.c_str(), f.title);
    worksheet_write_string(ws, 1, 0, "", f.header);
    for (std::size_t s = 0; s < chart.series.size(); ++s)
        worksheet_write_string(ws, 1, static_cast<lxw_col_t>(s + 1), chart.series[s].label.c_str(),
                               f.header);
    worksheet_freeze_panes(ws, 2, 0);
    print_setup(ws, 1, 1);
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
        auto row = static_cast<lxw_row_t>(i + 2);
        worksheet_write_string(ws, row, 0, chart.categories[i].c_str(), f.text);
        for (std::size_t s = 0; s < chart.series.size(); ++s)
            worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1),
                                   chart.series[s].values.at(i), f.integer);
    }
    worksheet_set_column(ws, 0, 0, 20, nullptr);
    if (chart.categories.empty()) return;
    lxw_chart* c = workbook_add_chart(wb, LXW_CHART_COLUMN);
    chart_title_set_name(c, chart.title.c_str());
    auto last = static_cast<lxw_row_t>(chart.categories.size() + 1);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        lxw_chart_series* series = chart_add_series(c, nullptr, nullptr);
        chart_series_set_categories(series, name.c_str(), 2, 0, last, 0);
        chart_series_set_values(series, name.c_str(), 2, static_cast<lxw_col_t>(s + 1), last,
                                static_cast<lxw_col_t>(s + 1));
        chart_series_set_name(series, chart.series[s].label.c_str());
    }
    lxw_chart_options options{};
    options.x_scale = 2;
    options.y_scale = 1.5;
    worksheet_insert_chart_opt(ws, 1, static_cast<lxw_col_t>(chart.series.size() + 2), c, &options);
}

}  // namespace

void write_report_xlsx(const Report& report, const std::filesystem::path& path) {
    write_through_temporary(path, [&](const std::filesystem::path& tmp) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &options);
        if (!wb)
            throw std::runtime_error(
                fmt::format(fmt::runtime(_("cannot write {}")), path.string()));
        Formats f = make_formats(wb);
        std::set<std::string> used;
        for (const ReportTable& t : report.tables)
            write_table(wb, t, sheet_name(t.sheet_name, used), f, report);
        // Also document properties, for a program that checks the file (kept alive until the
        // workbook is closed).
        std::string title = report.title, comments;
        if (!report.audit_head.empty()) {
            workbook_set_custom_property_string(wb, "audit_head", report.audit_head.c_str());
            comments = audit_head_line(report.audit_head);
            lxw_doc_properties properties{};
            properties.title = title.data();
            properties.comments = comments.data();
            workbook_set_properties(wb, &properties);
        }
        for (const BarChart& c : report.charts) write_chart(wb, c, sheet_name("图表", used), f);
        for (const LineChart& c : report.trends) write_trend(wb, c, sheet_name("趋势", used), f);
        for (const FlowDiagram& d : report.flows) write_flow(wb, d, sheet_name("流动", used), f);
        if (lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
            throw std::runtime_error(xlsx_error_text(err, path.string()));
    });
}

}  // namespace ladder
