#include "trace.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace ladder::gui {

namespace {
const auto kStart = std::chrono::steady_clock::now();
}

bool tracing() {
    static const bool on = std::getenv("LADDER_TRACE") != nullptr;
    return on;
}

void trace(const wxString& line) {
    if (!tracing()) return;
    std::fputs(line.utf8_str().data(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

long uptime_ms() {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - kStart)
                                 .count());
}

}  // namespace ladder::gui
