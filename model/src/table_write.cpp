// CSV and XLSX output. Both go through a temporary file in the target directory that is renamed
// into place, so a failed export never leaves half a file under the requested name.
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <stdexcept>
#include <system_error>

#include "model/csv.hpp"
#include "model/i18n.hpp"
#include "model/table.hpp"

namespace ladder {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_write_error(const fs::path& path, const std::string& reason) {
    throw std::runtime_error(
        fmt::format(fmt::runtime(_("cannot write {}: {}")), path.string(), reason));
}

// Runs `write` on "<path>.tmp-<pid>" and renames the result to `path`; on any failure the
// temporary file is removed and the error passed on.
void write_through_temporary(const fs::path& path,
                             const std::function<void(const fs::path&)>& write) {
    fs::path temporary = path;
    temporary += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
    try {
        write(temporary);
        std::error_code ec;
        fs::rename(temporary, path, ec);
        if (ec) throw_write_error(path, ec.message());
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

// Writes a file produced at a temporary path to standard output (exports default to stdout).
void copy_to_stdout(const fs::path& source) {
    std::ifstream in(source, std::ios::binary);
    std::cout << in.rdbuf();
    std::cout.flush();
    if (!in || !std::cout) throw_write_error("-", _("standard output is not writable"));
}

bool is_stdout(const fs::path& path) {
    return path == "-";
}

// --- CSV -----------------------------------------------------------------------------------

void write_csv_stream(std::ostream& out, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
    write_csv_record(out, header);
    for (const std::vector<std::string>& row : rows) write_csv_record(out, row);
}

// --- XLSX ----------------------------------------------------------------------------------

// Columns a character takes in a spreadsheet cell: East Asian wide characters take two.
int display_width(std::string_view text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        char32_t code = c;
        int length = 1;
        if (c >= 0xF0 && i + 3 < text.size()) {
            length = 4;
            code = ((c & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) |
                   ((text[i + 2] & 0x3Fu) << 6) | (text[i + 3] & 0x3Fu);
        } else if (c >= 0xE0 && i + 2 < text.size()) {
            length = 3;
            code = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
        } else if (c >= 0xC0 && i + 1 < text.size()) {
            length = 2;
            code = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
        }
        i += length;
        bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                    (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                    (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                    (code >= 0xFFE0 && code <= 0xFFE6) || code >= 0x20000;
        width += wide ? 2 : 1;
    }
    return width;
}

// Digits after the decimal point when `text` is a number whose value as a double prints back
// the same (no leading zeros or '+', at most 15 significant digits); otherwise -1.
int lossless_number_decimals(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    std::size_t int_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    std::size_t int_digits = i - int_start;
    if (int_digits == 0 || (int_digits > 1 && text[int_start] == '0')) return -1;
    int decimals = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
            ++decimals;
        }
        if (decimals == 0) return -1;
    }
    if (i != text.size()) return -1;
    std::size_t significant = int_digits + decimals;
    if (text[int_start] == '0') --significant;
    return significant <= 15 ? decimals : -1;
}

// Excel's rules: at most 31 characters, none of []:*?/\, unique ignoring ASCII case.
std::string sheet_name(const std::string& wanted, std::size_t index, std::set<std::string>& used) {
    auto truncate = [](const std::string& s, std::size_t max_chars) {
        std::size_t chars = 0, i = 0;
        while (i < s.size() && chars < max_chars) {
            ++i;
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
            ++chars;
        }
        return s.substr(0, i);
    };
    std::string name;
    for (char c : wanted) name += std::strchr("[]:*?/\\", c) && c ? '_' : c;
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    if (name.empty()) name = fmt::format("Sheet{}", index + 1);
    name = truncate(name, 31);
    auto key = [](std::string s) {
        for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
        return s;
    };
    std::string candidate = name;
    for (int n = 2; used.count(key(candidate)); ++n) {
        std::string suffix = fmt::format("~{}", n);
        candidate = truncate(name, 31 - suffix.size()) + suffix;
    }
    used.insert(key(candidate));
    return candidate;
}

class XlsxWriter {
  public:
    // Writes to `path`; messages name `shown` (the export's real name, not its temporary).
    XlsxWriter(const fs::path& path, const fs::path& shown) : shown_path_(shown) {
        // libxlsxwriter opens the file only when closing and then prints its own diagnostic;
        // creating it here first reports an unwritable place in our words, before any work.
        if (!std::ofstream(path, std::ios::binary | std::ios::trunc)) {
            throw_write_error(shown_path_, std::generic_category().message(errno));
        }
        lxw_workbook_options options;
        std::memset(&options, 0, sizeof options);
        // Rows are written in order, so the worksheet need not be held in memory: exports of
        // a million figures rows stay small. Strings are then stored inline in the sheet.
        options.constant_memory = LXW_TRUE;
        workbook_ = workbook_new_opt(path.c_str(), &options);
        if (!workbook_) throw_write_error(shown_path_, _("cannot create the workbook"));
        bold_ = workbook_add_format(workbook_);
        format_set_bold(bold_);
    }
    ~XlsxWriter() {
        if (workbook_) workbook_close(workbook_);
    }
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    void add(const Sheet& sheet, const std::string& name) {
        if (sheet.rows.size() + 1 > LXW_ROW_MAX) {
            throw_write_error(shown_path_,
                              fmt::format(fmt::runtime(_("sheet {} has more rows than a "
                                                         "spreadsheet can hold ({})")),
                                          name, LXW_ROW_MAX));
        }
        lxw_worksheet* worksheet = workbook_add_worksheet(workbook_, name.c_str());
        if (!worksheet) throw_write_error(shown_path_, _("cannot add a worksheet"));

        std::size_t columns = sheet.header.size();
        for (const auto& row : sheet.rows) columns = std::max(columns, row.size());
        if (columns > LXW_COL_MAX)
            throw_write_error(shown_path_, _("too many columns for a worksheet"));
        std::vector<int> widths(columns, 0);
        auto measure = [&](const std::vector<std::string>& cells) {
            for (std::size_t c = 0; c < cells.size(); ++c) {
                widths[c] = std::max(widths[c], display_width(cells[c]));
            }
        };
        measure(sheet.header);
        for (const auto& row : sheet.rows) measure(row);
        for (std::size_t c = 0; c < columns; ++c) {
            double width = std::clamp(widths[c] + 2, 8, 60);
            auto col = static_cast<lxw_col_t>(c);
            check(worksheet_set_column(worksheet, col, col, width, nullptr));
        }
        worksheet_freeze_panes(worksheet, 1, 0);

        for (std::size_t c = 0; c < sheet.header.size(); ++c) {
            check(worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(c),
                                         sheet.header[c].c_str(), bold_));
        }
        for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
            const auto& row = sheet.rows[r];
            auto row_index = static_cast<lxw_row_t>(r + 1);
            for (std::size_t c = 0; c < row.size(); ++c) {
                const std::string& cell = row[c];
                if (cell.empty()) continue;
                auto col = static_cast<lxw_col_t>(c);
                bool numeric = c < sheet.numeric_columns.size() && sheet.numeric_columns[c];
                int decimals = numeric ? lossless_number_decimals(cell) : -1;
                if (decimals >= 0) {
                    check(worksheet_write_number(worksheet, row_index, col, std::stod(cell),
                                                 decimals_format(decimals)));
                } else {
                    check(worksheet_write_string(worksheet, row_index, col, cell.c_str(), nullptr));
                }
            }
        }
    }

    void close() {
        lxw_error error = workbook_close(workbook_);
        workbook_ = nullptr;
        if (error != LXW_NO_ERROR) throw_write_error(shown_path_, lxw_strerror(error));
    }

  private:
    void check(lxw_error error) {
        if (error != LXW_NO_ERROR) throw_write_error(shown_path_, lxw_strerror(error));
    }

    // "0.00" for money written as "1234.50", so the sheet shows the decimals the text had.
    lxw_format* decimals_format(int decimals) {
        if (decimals == 0) return nullptr;
        lxw_format*& format = decimal_formats_[static_cast<std::size_t>(decimals)];
        if (!format) {
            format = workbook_add_format(workbook_);
            format_set_num_format(format, ("0." + std::string(decimals, '0')).c_str());
        }
        return format;
    }

    fs::path shown_path_;
    lxw_workbook* workbook_ = nullptr;
    lxw_format* bold_ = nullptr;
    std::array<lxw_format*, 16> decimal_formats_{};
};

void write_xlsx_to(const fs::path& path, const fs::path& shown, const std::vector<Sheet>& sheets) {
    XlsxWriter writer(path, shown);
    std::set<std::string> used;
    if (sheets.empty()) {
        writer.add(Sheet{}, sheet_name("", 0, used));  // a workbook needs one sheet
    }
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        writer.add(sheets[i], sheet_name(sheets[i].name, i, used));
    }
    writer.close();
}

}  // namespace

void write_csv_file(const fs::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows) {
    if (is_stdout(path)) {
        write_csv_stream(std::cout, header, rows);
        std::cout.flush();
        if (!std::cout) throw_write_error(path, _("standard output is not writable"));
        return;
    }
    write_through_temporary(path, [&](const fs::path& temporary) {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw_write_error(path, std::generic_category().message(errno));
        write_csv_stream(out, header, rows);
        out.close();
        if (!out) throw_write_error(path, std::generic_category().message(errno));
    });
}

void write_xlsx_file(const fs::path& path, const std::vector<Sheet>& sheets) {
    if (is_stdout(path)) {
        fs::path temporary = fs::temp_directory_path() /
                             fmt::format("ladder-export-{}.xlsx", static_cast<long>(::getpid()));
        try {
            write_xlsx_to(temporary, path, sheets);
            copy_to_stdout(temporary);
        } catch (...) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw;
        }
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return;
    }
    write_through_temporary(
        path, [&](const fs::path& temporary) { write_xlsx_to(temporary, path, sheets); });
}

}  // namespace ladder
