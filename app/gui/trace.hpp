#pragma once
// Plain-text trace lines on standard output when LADDER_TRACE is set (the GUI tests and the
// 1M-firm measurements read them): "registry-count 1000000 42ms".
#include <wx/string.h>

namespace ladder::gui {
bool tracing();
void trace(const wxString& line);
// Milliseconds since the process started.
long uptime_ms();
}  // namespace ladder::gui
