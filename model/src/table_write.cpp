// CSV and XLSX output. Both go through a temporary file in the target directory that is renamed
// into place, so a failed export never leaves half a file under the requested name.
#include <fmt/format.h>
#include <iconv.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "model/csv.hpp"
#include "model/date.hpp"
#include "model/errors.hpp"
#include "model/atomic_file.hpp"
#include "model/i18n.hpp"
#include "model/library_errors.hpp"
#include "model/table.hpp"
#include "table_internal.hpp"

namespace ladder {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_write_error(const fs::path& path, const std::string& reason) {
    throw std::runtime_error(
        fmt::format(fmt::runtime(_("cannot write {}: {}")), path.string(), reason));
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

// Runs `write` on a file in the temporary directory and copies it to standard output only when
// it succeeded: a failed export prints nothing.
void write_to_stdout_through_temporary(const std::string& suffix,
                                       const std::function<void(const fs::path&)>& write) {
    fs::path temporary = fs::temp_directory_path() /
                         fmt::format("ladder-export-{}{}", static_cast<long>(::getpid()), suffix);
    try {
        write(temporary);
        copy_to_stdout(temporary);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
    std::error_code ignored;
    fs::remove(temporary, ignored);
}

// --- CSV -----------------------------------------------------------------------------------

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The character starting at `offset` of UTF-8 `text` and its code point, for messages.
std::pair<std::string, char32_t> character_at(std::string_view text, std::size_t offset) {
    auto lead = static_cast<unsigned char>(text[offset]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    length = std::min(length, text.size() - offset);
    char32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[offset + k]) & 0x3Fu);
    return {std::string(text.substr(offset, length)), code};
}

// UTF-8 → a Chinese code page through iconv.
class Transcoder {
  public:
    explicit Transcoder(const char* target) : target_(target), cd_(iconv_open(target, "UTF-8")) {
        if (cd_ == reinterpret_cast<iconv_t>(-1)) {
            throw UsageError(fmt::format(
                fmt::runtime(_("the system cannot convert text to {} (iconv is missing it)")),
                target));
        }
    }
    ~Transcoder() { iconv_close(cd_); }
    Transcoder(const Transcoder&) = delete;
    Transcoder& operator=(const Transcoder&) = delete;

    const char* target() const { return target_; }

    // Appends `text` in the target encoding to *out. At a character the target cannot hold,
    // returns its offset in `text` (what came before it may have been appended).
    std::optional<std::size_t> convert(std::string_view text, std::string* out) {
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // a fresh start after a failure
        char* in = const_cast<char*>(text.data());       // iconv's signature is not const-correct
        std::size_t in_left = text.size();
        while (in_left > 0) {
            std::size_t start = out->size();
            out->resize(start + in_left * 2 + 16);  // room for most text; E2BIG asks for more
            char* dst = out->data() + start;
            std::size_t out_left = out->size() - start;
            std::size_t r = iconv(cd_, &in, &in_left, &dst, &out_left);
            out->resize(out->size() - out_left);
            if (r != static_cast<std::size_t>(-1)) break;
            if (errno != E2BIG) return static_cast<std::size_t>(in - text.data());
        }
        return std::nullopt;
    }

  private:
    const char* target_;
    iconv_t cd_;
};

// Writes CSV records in the options' encoding and line ends. A cell that the encoding cannot
// hold is collected as an error (all of them, so the user fixes them at once) and stops the
// output; finish() throws them.
class CsvWriter {
  public:
    CsvWriter(std::ostream& out, const CsvOptions& options, std::string file_name,
              const std::vector<std::string>& header)
        : out_(out),
          file_name_(std::move(file_name)),
          header_(header),
          line_end_(options.crlf ? "\r\n" : "\n") {
        if (options.encoding == CsvEncoding::gbk) transcoder_.emplace("GBK");
        if (options.encoding == CsvEncoding::gb18030) transcoder_.emplace("GB18030");
        if (options.encoding == CsvEncoding::utf8_bom) out_ << kUtf8Bom;
    }

    // `row_number` as a spreadsheet shows it: the header is row 1.
    void write(const std::vector<std::string>& fields, int row_number) {
        if (!transcoder_) {
            write_csv_record(out_, fields, line_end_);
            return;
        }
        record_.str(std::string());
        write_csv_record(record_, fields, line_end_);
        const std::string text = record_.str();
        bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (ascii) {
            if (errors_.empty()) out_ << text;
            return;
        }
        encoded_.clear();
        if (!transcoder_->convert(text, &encoded_)) {
            if (errors_.empty()) out_ << encoded_;
            return;
        }
        // Which cells: convert each alone to name the first character it cannot hold.
        for (std::size_t c = 0; c < fields.size(); ++c) {
            std::string ignored;
            std::optional<std::size_t> bad = transcoder_->convert(fields[c], &ignored);
            if (!bad) continue;
            auto [character, code] = character_at(fields[c], *bad);
            errors_.push_back(
                {file_name_, row_number, c < header_.size() ? header_[c] : std::string(),
                 fmt::format(fmt::runtime(_("\"{}\" (U+{:04X}) cannot be written in {}; write "
                                            "the file as UTF-8 instead")),
                             character, static_cast<std::uint32_t>(code), transcoder_->target())});
        }
    }

    void finish() {
        if (!errors_.empty()) throw InputError(std::move(errors_));
    }

  private:
    std::ostream& out_;
    std::string file_name_;
    const std::vector<std::string>& header_;
    std::string_view line_end_;
    std::optional<Transcoder> transcoder_;
    std::ostringstream record_;
    std::string encoded_;
    std::vector<CellError> errors_;
};

void write_csv_stream(std::ostream& out, const std::string& file_name,
                      const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows,
                      const CsvOptions& options) {
    CsvWriter writer(out, options, file_name, header);
    writer.write(header, 1);
    for (std::size_t r = 0; r < rows.size(); ++r) writer.write(rows[r], static_cast<int>(r) + 2);
    writer.finish();
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

// Whether `text` is a decimal as the export writes money: an optional '-', digits, and
// optionally a point and digits. Its value goes into a double: exact enough for a spreadsheet,
// which keeps 15 significant digits whatever it is given.
bool is_plain_decimal(std::string_view text) {
    std::size_t i = text.starts_with('-') ? 1 : 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i > start;
    };
    if (!digits()) return false;
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    return i == text.size();
}

// The text's value; the caller has checked its form. from_chars, unlike strtod, does not read
// a decimal comma under a locale that has one.
double number_value(std::string_view text) {
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// Excel's serial number for a YYYY-MM-DD date, or empty for other text and for dates before
// 1900, which a spreadsheet's calendar does not have. Serial 1 is 1900-01-01, and Excel counts
// a 29 February 1900 (serial 60) that never was, so from 1900-03-01 on day 0 is 1899-12-30.
std::optional<double> excel_date_serial(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    std::optional<Date> date = Date::parse(text);
    if (!date || date->year() < 1900) return std::nullopt;
    constexpr long k18991230 = -25569;  // days from 1970-01-01
    long serial = date->days() - k18991230;
    if (serial < 61) --serial;
    return static_cast<double>(serial);
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
        // 万元 to the fen has up to 6 decimals: show 2 always, and the rest when there.
        money_ = workbook_add_format(workbook_);
        format_set_num_format(money_, "0.00####");
        date_ = workbook_add_format(workbook_);
        format_set_num_format(date_, "yyyy-mm-dd");
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
                CellType type =
                    c < sheet.column_types.size() ? sheet.column_types[c] : CellType::text;
                check(write_cell(worksheet, row_index, col, type, cell));
            }
        }
    }

    void set_properties(const DocumentProperties& properties) {
        for (const auto& [name, value] : properties)
            check(workbook_set_custom_property_string(workbook_, name.c_str(), value.c_str()));
    }

    void close() {
        lxw_error error = workbook_close(workbook_);
        workbook_ = nullptr;
        // libxlsxwriter's English reason said again with what to do.
        if (error != LXW_NO_ERROR)
            throw std::runtime_error(xlsx_error_text(error, shown_path_.string()));
    }

  private:
    // The cell as its column's type when its text has that form, else as text.
    lxw_error write_cell(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col, CellType type,
                         const std::string& cell) {
        switch (type) {
            case CellType::number:
                if (int decimals = lossless_number_decimals(cell); decimals >= 0) {
                    return worksheet_write_number(worksheet, row, col, number_value(cell),
                                                  decimals_format(decimals));
                }
                break;
            case CellType::money:
                if (is_plain_decimal(cell)) {
                    return worksheet_write_number(worksheet, row, col, number_value(cell), money_);
                }
                break;
            case CellType::date:
                if (std::optional<double> serial = excel_date_serial(cell)) {
                    return worksheet_write_number(worksheet, row, col, *serial, date_);
                }
                break;
            case CellType::text:
                break;
        }
        return worksheet_write_string(worksheet, row, col, cell.c_str(), nullptr);
    }

    void check(lxw_error error) {
        // libxlsxwriter's English reason said again with what to do.
        if (error != LXW_NO_ERROR)
            throw std::runtime_error(xlsx_error_text(error, shown_path_.string()));
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
    lxw_format* money_ = nullptr;
    lxw_format* date_ = nullptr;
    std::array<lxw_format*, 16> decimal_formats_{};
};

void write_xlsx_to(const fs::path& path, const fs::path& shown, const std::vector<Sheet>& sheets,
                   const DocumentProperties& properties) {
    XlsxWriter writer(path, shown);
    writer.set_properties(properties);
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

CsvOptions csv_for_excel(CsvEncoding encoding) {
    return CsvOptions{encoding, true};
}

void write_csv_file(const fs::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows, const CsvOptions& options) {
    const std::string file_name = table_detail::base_name(path);
    auto write_file = [&](const fs::path& file, const fs::path& shown) {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        if (!out) throw_write_error(shown, std::generic_category().message(errno));
        write_csv_stream(out, file_name, header, rows, options);
        out.close();
        if (!out) throw_write_error(shown, std::generic_category().message(errno));
    };
    if (is_stdout(path)) {
        bool always_writable =
            options.encoding == CsvEncoding::utf8 || options.encoding == CsvEncoding::utf8_bom;
        if (!always_writable) {
            // A character the code page lacks must leave standard output empty too.
            write_to_stdout_through_temporary(
                ".csv", [&](const fs::path& temporary) { write_file(temporary, path); });
            return;
        }
        write_csv_stream(std::cout, file_name, header, rows, options);
        std::cout.flush();
        if (!std::cout) throw_write_error(path, _("standard output is not writable"));
        return;
    }
    write_through_temporary(path, [&](const fs::path& temporary) { write_file(temporary, path); });
}

void write_xlsx_file(const fs::path& path, const std::vector<Sheet>& sheets,
                     const DocumentProperties& properties) {
    auto write = [&](const fs::path& temporary) {
        write_xlsx_to(temporary, path, sheets, properties);
    };
    if (is_stdout(path)) {
        write_to_stdout_through_temporary(".xlsx", write);
        return;
    }
    write_through_temporary(path, write);
}

}  // namespace ladder
