#pragma once
// Renderers for model Reports. Both write through a temporary file renamed into place, so a
// failed render never leaves half a file under the requested name.
#include <filesystem>

#include "model/annual_report.hpp"

namespace ladder {

// One sheet per table (title row, bold frozen header, number and percent formats, bold totals,
// note), plus a sheet per chart with its data and a native column chart.
void write_report_xlsx(const Report& report, const std::filesystem::path& path);
// A4 landscape PDF: title, charts, tables (paginated, header repeated), with a CJK font.
void write_report_pdf(const Report& report, const std::filesystem::path& path);

}  // namespace ladder
