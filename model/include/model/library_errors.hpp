#pragma once
// Errors of the libraries Ladder uses (libxlsxwriter, SQLite through SOCI) said again in the
// interface's language, with what the user can do about them.
#include <string>

namespace ladder {

// A libxlsxwriter error code (lxw_error) writing `path`: "cannot create …: check that …".
std::string xlsx_error_text(int lxw_error_code, const std::string& path);

// Why libzip could not read an XLSX file (a ZIP_ER_* code), in the user's words with what to
// do; the library's own text only for codes a damaged or odd file does not produce.
std::string zip_error_text(int zip_error_code);

// A database error's text as SQLite/SOCI gives it ("database is locked", "attempt to write a
// readonly database", "database or disk is full"), translated with advice; empty when the
// message is not one of those.
std::string storage_error_advice(const std::string& library_message);

}  // namespace ladder
