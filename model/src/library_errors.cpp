#include "model/library_errors.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>
#include <zip.h>

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

std::string zip_error_text(int code) {
    switch (code) {
        case ZIP_ER_NOZIP:
            return _(
                "it is not a ZIP archive as an XLSX file is (an old .xls or a renamed CSV "
                "perhaps): open it in Excel or WPS and save it as .xlsx");
        case ZIP_ER_OPEN:
        case ZIP_ER_NOENT:
            return _("the file cannot be opened: check that it exists and may be read");
        case ZIP_ER_READ:
        case ZIP_ER_SEEK:
        case ZIP_ER_TELL:
            return _("the file could not be read: check the disk or network drive and try again");
        case ZIP_ER_INCONS:
        case ZIP_ER_CRC:
        case ZIP_ER_EOF:
        case ZIP_ER_ZLIB:
        case ZIP_ER_COMPRESSED_DATA:
        case ZIP_ER_OK:
            return _("the file is damaged (cut short or altered): ask the sender for it again");
        case ZIP_ER_COMPNOTSUPP:
            return _(
                "it is compressed in a way Ladder cannot read: open it in Excel or WPS and "
                "save it again");
        case ZIP_ER_ENCRNOTSUPP:
        case ZIP_ER_NOPASSWD:
        case ZIP_ER_WRONGPASSWD:
            return _("it is protected by a password: save a copy without one");
        case ZIP_ER_MULTIDISK:
            return _("it is split over several files: save it again as one file");
        case ZIP_ER_MEMORY:
            return _("not enough memory: close other programs and try again");
        default:
            break;
    }
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
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
