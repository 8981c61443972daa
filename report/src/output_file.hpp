#pragma once
// Writes through "<path>.tmp-<pid>" renamed into place on success; removed on failure.
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "model/i18n.hpp"

namespace ladder::report_detail {

inline void write_through_temporary(
    const std::filesystem::path& path,
    const std::function<void(const std::filesystem::path&)>& write) {
    std::filesystem::path temporary = path;
    temporary += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
    try {
        write(temporary);
        std::error_code ec;
        std::filesystem::rename(temporary, path, ec);
        if (ec)
            throw std::runtime_error(
                fmt::format(fmt::runtime(_("cannot write {}: {}")), path.string(), ec.message()));
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

}  // namespace ladder::report_detail
