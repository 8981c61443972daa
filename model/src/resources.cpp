#include "model/resources.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "model/errors.hpp"
#include "model/i18n.hpp"

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

std::vector<CsvRecord> read_resource_table(const std::filesystem::path& file,
                                           std::size_t min_fields) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({{file.filename().string(), 0, "", _("cannot open file")}});
    std::stringstream buf;
    buf << in.rdbuf();
    CsvSyntaxError err;
    auto records = parse_csv(buf.str(), &err);
    if (!err.reason.empty())
        throw InputError({{file.filename().string(), err.line, "", err.reason}});
    if (!records.empty()) records.erase(records.begin());  // header
    for (const auto& r : records)
        if (r.fields.size() < min_fields)
            throw InputError({{file.filename().string(), r.line, "", _("too few columns")}});
    return records;
}

}  // namespace ladder
