#include "model/atomic_file.hpp"

#include <unistd.h>

#include <stdexcept>

#include <fmt/format.h>

#include "model/i18n.hpp"

namespace ladder {

namespace fs = std::filesystem;

fs::path temporary_path_for(const fs::path& path) {
    fs::path temporary = path;
    temporary += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
    return temporary;
}

void replace_file(const fs::path& temporary, const fs::path& path) {
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec)
        throw std::runtime_error(
            fmt::format(fmt::runtime(_("cannot write {}: {}")), path.string(), ec.message()));
}

void write_through_temporary(const fs::path& path,
                             const std::function<void(const fs::path&)>& write) {
    fs::path temporary = temporary_path_for(path);
    try {
        write(temporary);
        replace_file(temporary, path);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

}  // namespace ladder
