// CSV input: byte-level encoding detection (UTF-8 with or without BOM, else GB18030), then the
// RFC 4180 parser, then the spreadsheet view (header + numbered non-blank rows).
#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/table.hpp"
#include "table_internal.hpp"
#include "utf8.hpp"

namespace ladder {

RowCells::RowCells(std::initializer_list<std::string_view> cells) {
    for (std::string_view cell : cells) push_back(cell);
}

RowCells::RowCells(const std::vector<std::string>& cells) {
    for (const std::string& cell : cells) push_back(cell);
}

void RowCells::push_back(std::string_view cell) {
    if (text_.size() + cell.size() > UINT32_MAX) throw std::length_error("row longer than 4 GiB");
    text_ += cell;
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
}

std::string_view RowCells::at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("RowCells::at");
    return (*this)[i];
}

std::vector<std::string> RowCells::to_strings() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
    return out;
}

namespace {

using text_detail::first_invalid_utf8;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Physical line (1-based) holding byte `offset`: GBK/GB18030 trail bytes are never 0x0A, so
// counting raw newlines is right for either encoding.
int line_of_offset(std::string_view bytes, std::size_t offset) {
    offset = std::min(offset, bytes.size());
    return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

[[noreturn]] void throw_at(const std::string& file_name, int line, std::string reason) {
    throw InputError({CellError{file_name, line, "", std::move(reason)}});
}

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8. On an undecodable sequence returns
// false and sets *bad_offset to its position in `bytes`.
bool gb18030_to_utf8(std::string_view bytes, std::string* out, std::size_t* bad_offset) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        throw UsageError(_("the system cannot convert GB18030 text (iconv is missing it)"));
    }
    out->assign(bytes.size() * 3 / 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());  // iconv's signature is not const-correct
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    bool ok = true;
    while (in_left > 0) {
        char* dst = out->data() + written;
        std::size_t out_left = out->size() - written;
        std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
        written = out->size() - out_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out->resize(out->size() * 2);
            continue;
        }
        // EILSEQ (invalid sequence) or EINVAL (truncated sequence at the end).
        ok = false;
        *bad_offset = static_cast<std::size_t>(in - bytes.data());
        break;
    }
    iconv_close(cd);
    out->resize(written);
    return ok;
}

}  // namespace

namespace table_detail {

std::string base_name(const std::filesystem::path& path) {
    std::string name = path.filename().string();
    return name.empty() ? path.string() : name;
}

}  // namespace table_detail

Table read_csv_table(std::string_view bytes, const std::string& file_name, Encoding encoding) {
    ReadOptions options;
    options.encoding = encoding;
    return read_csv_table(bytes, file_name, options);
}

Table read_csv_table(std::string_view bytes, const std::string& file_name,
                     const ReadOptions& options) {
    const Encoding encoding = options.encoding;
    Table table;
    table.file_name = file_name;
    std::string converted;
    std::string_view text;

    // Excel's "Unicode text" is UTF-16; name it rather than call it undecodable GBK.
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        throw_at(file_name, 0,
                 _("the file is UTF-16 text; save it as CSV (UTF-8) or CSV (GBK) instead"));
    }
    const bool has_bom = bytes.starts_with(kUtf8Bom);
    if (encoding == Encoding::gbk) {
        std::size_t bad = 0;
        if (!gb18030_to_utf8(bytes, &converted, &bad)) {
            throw_at(file_name, line_of_offset(bytes, bad),
                     _("the text is not valid GBK/GB18030 (an undecodable byte sequence)"));
        }
        text = converted;
        table.encoding = "GB18030";
    } else {
        std::string_view body = has_bom ? bytes.substr(kUtf8Bom.size()) : bytes;
        std::size_t bad = first_invalid_utf8(body);
        if (bad == std::string_view::npos) {
            text = body;
            table.encoding = has_bom ? "UTF-8 (BOM)" : "UTF-8";
        } else if (encoding == Encoding::utf8 || has_bom) {
            // A byte order mark says UTF-8 as clearly as the user forcing it would.
            std::size_t offset = bad + (has_bom ? kUtf8Bom.size() : 0);
            throw_at(file_name, line_of_offset(bytes, offset),
                     _("the text is not valid UTF-8 (an invalid byte sequence); if the file "
                       "was saved as GBK, import it with the GBK encoding"));
        } else {
            std::size_t gb_bad = 0;
            if (!gb18030_to_utf8(bytes, &converted, &gb_bad)) {
                throw_at(file_name, line_of_offset(bytes, gb_bad),
                         _("the text is neither valid UTF-8 nor valid GBK/GB18030"));
            }
            text = converted;
            table.encoding = "GB18030";
        }
    }

    CsvSyntaxError syntax;
    // Rows go into the table as they are parsed: a whole file of parsed records beside the
    // table would double the peak memory of a large import.
    // At most one row per line: one allocation instead of doubling (and copying) the rows.
    table.rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    table_detail::TableBuilder builder(table, options.header_key, options.header_row);
    scan_csv(text, &syntax,
             [&builder](const CsvRecord& record) { builder.add(record.line, record.fields); });
    if (!syntax.reason.empty()) throw_at(file_name, syntax.line, syntax.reason);
    builder.finish();
    if (table.header.empty()) throw_at(file_name, 0, _("empty file"));
    if (!options.sheet.empty()) {
        table.notes.push_back(fmt::format(
            fmt::runtime(_("a CSV file has no sheets; the sheet asked for ({}) was ignored")),
            options.sheet));
    }
    return table;
}

Table read_table(const std::filesystem::path& path, Encoding encoding) {
    ReadOptions options;
    options.encoding = encoding;
    return read_table(path, options);
}

Table read_table(const std::filesystem::path& path, const ReadOptions& options) {
    const std::string file_name = table_detail::base_name(path);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw_at(file_name, 0, _("cannot open the file: it is a directory"));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw_at(file_name, 0,
                 fmt::format(fmt::runtime(_("cannot open the file: {}")),
                             std::generic_category().message(errno)));
    }
    char signature[4] = {};
    in.read(signature, sizeof signature);
    if (in.gcount() == 4 && std::string_view(signature, 4) == std::string_view("PK\x03\x04", 4)) {
        in.close();
        return read_xlsx_table(path, options);
    }
    in.clear();
    // Read in one piece (a character at a time through istreambuf_iterator cost a tenth of a
    // large import).
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0);
    std::string bytes;
    if (size > 0) {
        bytes.resize(static_cast<std::size_t>(size));
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(in.gcount()));
    } else {  // not a regular file (a pipe): no size to ask for
        in.clear();
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (in.bad()) {
        throw_at(file_name, 0,
                 fmt::format(fmt::runtime(_("cannot read the file: {}")),
                             std::generic_category().message(errno)));
    }
    return read_csv_table(bytes, file_name, options);
}

}  // namespace ladder
