#pragma once
// Renderers for model Reports. Both write through a temporary file renamed into place, so a
// failed render never leaves half a file under the requested name.
#include <filesystem>

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

}  // namespace ladder
