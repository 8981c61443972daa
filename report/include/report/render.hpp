#pragma once
// Renderers for model Reports. Both write through a temporary file renamed into place, so a
// failed render never leaves half a file under the requested name.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "model/annual_report.hpp"

namespace ladder {

// One sheet per table (title, issuing unit, date and unit line, frozen header rows, number and
// percent formats, bold subtotals and totals, note; landscape A4 one page wide with the header
// repeated), plus a sheet per chart, trend (native charts) and flow.
void write_report_xlsx(const Report& report, const std::filesystem::path& path);
// A4 landscape PDF with a CJK font: the form's head (title, issuing unit, date, unit), charts,
// tables across the page (header repeated, a city's rows kept on one page), the trend and the
// flow diagram; every page "第 x 页 共 y 页".
void write_report_pdf(const Report& report, const std::filesystem::path& path);

// One figure of the report drawn for a screen, by the same code as the PDF's: `width` ×
// `height` pixels on white, the figure scaled to fit and centred. Pixels are cairo's ARGB32
// (premultiplied, native endian), row after row.
struct FigureImage {
    int width = 0, height = 0;
    std::vector<std::uint32_t> argb;
    // Page point → pixel: pixel = page × scale + offset (for finding what was clicked).
    double scale = 1, offset_x = 0, offset_y = 0;
};
FigureImage render_figure(const MapFigure& map, int width, int height);
FigureImage render_figure(const LineChart& chart, int width, int height);
FigureImage render_figure(const FlowDiagram& flow, int width, int height);
// The shape of `map` under pixel (x, y) of `image` (drawn by render_figure), if any.
std::optional<std::size_t> map_shape_at(const MapFigure& map, const FigureImage& image, double x,
                                        double y);

}  // namespace ladder
