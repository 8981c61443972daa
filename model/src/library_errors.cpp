#include "model/library_errors.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "model/i18n.hpp"

namespace ladder {

std::string xlsx_error_text(int code, const std::string& path) {
    switch (static_cast<lxw_error>(code)) {
        case LXW_ERROR_CREATING_XLSX_FILE:
            return fmt::format(
                fmt::runtime(_("cannot create {}: check that its folder exists and may be "
                               "written, and close the file if Excel or WPS has it open")),
                path);
        case LXW_ERROR_CREATING_TMPFILE:
            return fmt::format(
                fmt::runtime(_("cannot write {}: no temporary file could be made; check the "
                               "free space and the temporary folder (TMPDIR)")),
                path);
        case LXW_ERROR_ZIP_FILE_OPERATION:
        case LXW_ERROR_ZIP_FILE_ADD:
        case LXW_ERROR_ZIP_CLOSE:
            return fmt::format(
                fmt::runtime(_("writing {} failed: the disk may be full; free some space and "
                               "try again")),
                path);
        case LXW_ERROR_MEMORY_MALLOC_FAILED:
            return fmt::format(
                fmt::runtime(_("writing {} failed: not enough memory; close other programs and "
                               "try again")),
                path);
        default:
            break;
    }
    return fmt::format(fmt::runtime(_("writing {} failed: {}")), path,
                       lxw_strerror(static_cast<lxw_error>(code)));
}

std::string storage_error_advice(const std::string& message) {
    auto has = [&](const char* s) { return message.find(s) != std::string::npos; };
    if (has("database is locked") || has("database table is locked"))
        return _(
            "the registry is busy: another program or user is writing to it; wait a "
            "moment and try again");
    if (has("readonly database") || has("read-only"))
        return _(
            "the registry cannot be written: the file or its folder is read-only; check "
            "the permissions or copy the registry to a writable folder");
    if (has("database or disk is full") || has("disk I/O error"))
        return _(
            "the registry could not be written: the disk is full or failing; free some "
            "space and try again (nothing was changed)");
    if (has("file is not a database") || has("file is encrypted"))
        return _(
            "this file is not a Ladder registry (or it is damaged); check the path or "
            "restore a backup");
    return {};
}

}  // namespace ladder
