#include "model/resources.hpp"

#include <cstdlib>
#include <system_error>

namespace ladder {

namespace fs = std::filesystem;

namespace {
fs::path executable_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

fs::path first_existing(const char* env, const fs::path& relative_to_exe, const char* built_in,
                        const char* probe) {
    if (const char* v = std::getenv(env); v && *v) return v;
    if (fs::path dir = executable_dir(); !dir.empty()) {
        fs::path candidate = dir / relative_to_exe;
        if (fs::exists(candidate / probe)) return candidate;
    }
    return built_in;
}
}  // namespace

fs::path resource_dir() {
    return first_existing("LADDER_RESOURCES", "../share/ladder", LADDER_RESOURCE_DIR, "regions");
}

fs::path locale_dir() {
    return first_existing("LADDER_LOCALEDIR", "../share/locale", LADDER_LOCALE_DIR,
                          "zh_CN/LC_MESSAGES/ladder.mo");
}

}  // namespace ladder
