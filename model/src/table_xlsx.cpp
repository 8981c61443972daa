// XLSX input: the first worksheet of an Office Open XML workbook (ECMA-376), read with libzip
// and pugixml. Cells become the text a spreadsheet would display for the raw value.
#include <fmt/format.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <unordered_map>

#include "model/date.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/table.hpp"
#include "table_internal.hpp"
#include "utf8.hpp"

namespace ladder {

namespace {

[[noreturn]] void fail(const std::string& file_name, std::string reason) {
    throw InputError({CellError{file_name, 0, "", std::move(reason)}});
}

// A guard against a damaged or hostile archive announcing a huge part; a worksheet with a
// million rows of 30 columns is a few hundred megabytes of XML.
constexpr zip_uint64_t kMaxPartSize = zip_uint64_t{2} << 30;

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

class Workbook {
  public:
    Workbook(const std::filesystem::path& path, std::string file_name)
        : file_name_(std::move(file_name)) {
        int error_code = 0;
        archive_.reset(zip_open(path.c_str(), ZIP_RDONLY, &error_code));
        if (!archive_) {
            zip_error_t error;
            zip_error_init_with_code(&error, error_code);
            std::string reason = zip_error_strerror(&error);
            zip_error_fini(&error);
            fail(file_name_,
                 fmt::format(fmt::runtime(_("not a readable XLSX workbook: {}")), reason));
        }
    }

    bool has(const std::string& part) const {
        return zip_name_locate(archive_.get(), part.c_str(), ZIP_FL_NOCASE) >= 0;
    }

    // The bytes of one part; `required` parts that are absent are an error, others read empty.
    std::string read(const std::string& part, bool required) const {
        zip_int64_t index = zip_name_locate(archive_.get(), part.c_str(), ZIP_FL_NOCASE);
        if (index < 0) {
            if (!required) return {};
            fail(file_name_,
                 fmt::format(fmt::runtime(_("not a valid XLSX workbook: the part {} is missing")),
                             part));
        }
        zip_stat_t stat;
        zip_stat_init(&stat);
        zip_file_t* file = nullptr;
        std::string bytes;
        if (zip_stat_index(archive_.get(), index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
            stat.size <= kMaxPartSize &&
            (file = zip_fopen_index(archive_.get(), index, 0)) != nullptr) {
            bytes.resize(stat.size);
            zip_int64_t got = zip_fread(file, bytes.data(), bytes.size());
            zip_fclose(file);
            if (got == static_cast<zip_int64_t>(bytes.size())) return bytes;
        }
        fail(file_name_,
             fmt::format(fmt::runtime(_("not a valid XLSX workbook: the part {} is damaged ({})")),
                         part, zip_strerror(archive_.get())));
    }

    // Parses a part as XML; `buffer` must outlive the document (parsed in place).
    pugi::xml_document parse(const std::string& part, std::string& buffer) const {
        pugi::xml_document doc;
        // Whitespace-only text such as <t xml:space="preserve"> </t> is a real cell value.
        pugi::xml_parse_result result = doc.load_buffer_inplace(
            buffer.data(), buffer.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!result) {
            fail(file_name_,
                 fmt::format(fmt::runtime(_("not a valid XLSX workbook: {} is not valid XML ({})")),
                             part, result.description()));
        }
        return doc;
    }

    const std::string& file_name() const { return file_name_; }

  private:
    std::string file_name_;
    ZipArchive archive_;
};

// Element and attribute names without their namespace prefix: producers differ ("x:row").
std::string_view local_name(const char* name) {
    std::string_view s(name);
    std::size_t colon = s.rfind(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
    }
    return {};
}

pugi::xml_attribute attribute_named(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (local_name(a.name()) == name) return a;
    }
    return {};
}

// Undoes the _xHHHH_ escapes OOXML uses for characters XML cannot carry (ST_Xstring).
std::string decode_xstring(std::string_view text) {
    if (text.find("_x") == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned code = 0;
        // A surrogate code unit is no character on its own: such an escape is kept as written.
        if (text.substr(i, 2) == "_x" && i + 7 <= text.size() && text[i + 6] == '_' &&
            std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16).ptr ==
                text.data() + i + 6 &&
            (code < 0xD800 || code > 0xDFFF)) {
            // Code units below U+0800 are all that Excel escapes in practice.
            if (code < 0x80) {
                out += static_cast<char>(code);
            } else if (code < 0x800) {
                out += static_cast<char>(0xC0 | (code >> 6));
                out += static_cast<char>(0x80 | (code & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (code >> 12));
                out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (code & 0x3F));
            }
            i += 6;
            continue;
        }
        out += text[i];
    }
    return out;
}

// Text of a string item (<si> or <is>): plain <t>, or the <t> of each rich-text run <r>.
// Phonetic guides (<rPh>) are not part of the value.
std::string string_item_text(pugi::xml_node item) {
    std::string text;
    for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
        std::string_view name = local_name(c.name());
        if (name == "t") {
            text += c.text().get();
        } else if (name == "r") {
            if (pugi::xml_node t = child_named(c, "t")) text += t.text().get();
        }
    }
    return decode_xstring(text);
}

// Whether a number format code shows a date: y, m or d outside quoted text, [brackets] and
// escaped characters, except formats that are only a time ("h:mm", "mm:ss").
bool is_date_format_code(std::string_view code) {
    bool has_date_letter = false, has_month_or_minute = false, has_time_letter = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') {
            std::size_t close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '[') {
            std::size_t close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is literal (or padding)
        } else if (c == ';') {
            break;  // the first section decides for positive numbers
        } else {
            char lower = static_cast<char>(c | 0x20);
            bool exponent = lower == 'e' && i + 1 < code.size() &&
                            (code[i + 1] == '+' || code[i + 1] == '-');  // 0.00E+00
            if (lower == 'y' || lower == 'd' || (lower == 'e' && !exponent)) {
                has_date_letter = true;  // "e" alone is the era year of East Asian formats
            } else if (lower == 'm') {
                has_month_or_minute = true;
            } else if (lower == 'h' || lower == 's') {
                has_time_letter = true;
            }
        }
    }
    // "General" has an 'e' too, but no other format letters; treat it as not a date.
    if (code == "General" || code == "general") return false;
    return has_date_letter || (has_month_or_minute && !has_time_letter);
}

bool is_builtin_date_format(int id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

// For each cell style index (the s attribute): whether it displays a date.
std::vector<bool> date_styles(const Workbook& book) {
    std::vector<bool> result;
    std::string buffer = book.read("xl/styles.xml", false);
    if (buffer.empty()) return result;
    pugi::xml_document doc = book.parse("xl/styles.xml", buffer);
    pugi::xml_node root = doc.document_element();
    std::unordered_map<int, bool> custom;
    if (pugi::xml_node formats = child_named(root, "numFmts")) {
        for (pugi::xml_node f = formats.first_child(); f; f = f.next_sibling()) {
            if (local_name(f.name()) != "numFmt") continue;
            custom[attribute_named(f, "numFmtId").as_int(-1)] =
                is_date_format_code(attribute_named(f, "formatCode").value());
        }
    }
    if (pugi::xml_node xfs = child_named(root, "cellXfs")) {
        for (pugi::xml_node xf = xfs.first_child(); xf; xf = xf.next_sibling()) {
            if (local_name(xf.name()) != "xf") continue;
            int id = attribute_named(xf, "numFmtId").as_int(0);
            auto it = custom.find(id);
            result.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
        }
    }
    return result;
}

std::vector<std::string> shared_strings(const Workbook& book) {
    std::vector<std::string> strings;
    std::string buffer = book.read("xl/sharedStrings.xml", false);
    if (buffer.empty()) return strings;
    pugi::xml_document doc = book.parse("xl/sharedStrings.xml", buffer);
    pugi::xml_node root = doc.document_element();
    for (pugi::xml_node si = root.first_child(); si; si = si.next_sibling()) {
        if (local_name(si.name()) == "si") strings.push_back(string_item_text(si));
    }
    return strings;
}

// "xl/worksheets/sheet1.xml" for relationship targets "worksheets/sheet1.xml" (relative to
// xl/) or "/xl/worksheets/sheet1.xml" (absolute).
std::string resolve_target(std::string_view target) {
    std::vector<std::string_view> parts;
    std::string_view rest = target;
    if (rest.starts_with('/')) {
        rest.remove_prefix(1);
    } else {
        parts.push_back("xl");
    }
    while (!rest.empty()) {
        std::size_t slash = rest.find('/');
        std::string_view part = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
    }
    std::string path;
    for (std::string_view part : parts) {
        if (!path.empty()) path += '/';
        path += part;
    }
    return path;
}

struct WorkbookInfo {
    std::string first_sheet_part = "xl/worksheets/sheet1.xml";  // when workbook.xml is silent
    bool date1904 = false;  // the Mac 1904 date system (workbookPr date1904)
};

WorkbookInfo workbook_info(const Workbook& book) {
    WorkbookInfo info;
    std::string workbook_xml = book.read("xl/workbook.xml", false);
    if (workbook_xml.empty()) return info;
    pugi::xml_document workbook = book.parse("xl/workbook.xml", workbook_xml);
    pugi::xml_node root = workbook.document_element();
    std::string_view date1904 =
        attribute_named(child_named(root, "workbookPr"), "date1904").value();
    info.date1904 = date1904 == "1" || date1904 == "true";

    std::string_view id =
        attribute_named(child_named(child_named(root, "sheets"), "sheet"), "id").value();
    std::string rels_xml = book.read("xl/_rels/workbook.xml.rels", false);
    if (id.empty() || rels_xml.empty()) return info;
    pugi::xml_document rels = book.parse("xl/_rels/workbook.xml.rels", rels_xml);
    for (pugi::xml_node r = rels.document_element().first_child(); r; r = r.next_sibling()) {
        if (local_name(r.name()) == "Relationship" && attribute_named(r, "Id").value() == id) {
            std::string part = resolve_target(attribute_named(r, "Target").value());
            if (book.has(part)) info.first_sheet_part = part;
            break;
        }
    }
    return info;
}

// "C17" → column 3, row 17. Returns false on a malformed reference.
bool parse_cell_reference(std::string_view ref, int* column, int* row) {
    std::size_t i = 0;
    int col = 0;
    while (i < ref.size() &&
           ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
        col = col * 26 + ((ref[i] | 0x20) - 'a' + 1);
        if (col > 16384) return false;
        ++i;
    }
    int r = 0;
    auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
    if (col == 0 || ec != std::errc() || end != ref.data() + ref.size() || r < 1) return false;
    *column = col;
    *row = r;
    return true;
}

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// Whether `raw` is already how General shows its value: plain decimal notation with at most
// 15 significant digits, no leading zeros, no trailing fractional zeros, not "-0".
bool is_displayed_form(std::string_view raw) {
    std::size_t i = raw.starts_with('-') ? 1 : 0;
    std::size_t digits_start = i, significant = 0;
    bool nonzero = false;
    while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9') {
        nonzero |= raw[i] != '0';
        if (nonzero) ++significant;
        ++i;
    }
    std::size_t int_digits = i - digits_start;
    if (int_digits == 0 || (int_digits > 1 && raw[digits_start] == '0')) return false;
    if (i < raw.size() && raw[i] == '.') {
        ++i;
        std::size_t fraction_start = i;
        while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9') {
            nonzero |= raw[i] != '0';
            if (nonzero) ++significant;
            ++i;
        }
        if (i == fraction_start || raw.back() == '0') return false;
    }
    return i == raw.size() && significant <= 15 && (nonzero || digits_start == 0);
}

// The raw value as a spreadsheet's General format shows it: 15 significant digits (so that
// 0.1 + 0.2 stored as 0.30000000000000004 shows 0.3), integers without a decimal point,
// otherwise the shortest text that reads back as the same value.
std::string format_number(double value) {
    double shown = std::strtod(fmt::format("{:.15g}", value).c_str(), nullptr) + 0.0;
    if (shown == std::trunc(shown) && std::fabs(shown) < 1e15) return fmt::format("{:.0f}", shown);
    return fmt::format("{}", shown);
}

// Excel's 1900 date system: serial 1 = 1900-01-01, and serial 60 is the 29 February 1900 that
// Lotus 1-2-3 invented (kept by Excel for compatibility), so from serial 61 on the epoch is
// 1899-12-30. In the 1904 system serial 0 = 1904-01-01. Serials outside the calendar stay
// numbers.
std::string format_date_serial(double serial, bool date1904) {
    constexpr long k18991230 = -25569;  // days from 1970-01-01
    constexpr long k19040101 = -24107;
    constexpr double kYear10000 = 2958466;  // first serial past 9999-12-31 (1900 system)
    if (date1904) {
        if (serial < 0 || serial >= kYear10000 - 1462) return format_number(serial);
        return Date::from_days(k19040101 + static_cast<long>(std::floor(serial))).to_string();
    }
    if (serial < 1 || serial >= kYear10000) return format_number(serial);
    long day = static_cast<long>(std::floor(serial));
    if (day == 60) return "1900-02-29";  // what Excel shows; date validation rejects it
    if (day < 60) return Date::from_days(k18991230 + 1 + day).to_string();
    return Date::from_days(k18991230 + day).to_string();
}

struct SheetContext {
    const std::vector<std::string>& strings;
    const std::vector<bool>& date_style;
    bool date1904;
    const std::string& file_name;
};

std::string cell_text(pugi::xml_node cell, const SheetContext& ctx) {
    std::string_view type = attribute_named(cell, "t").value();
    if (type == "inlineStr") {
        pugi::xml_node is = child_named(cell, "is");
        return is ? string_item_text(is) : std::string();
    }
    pugi::xml_node v = child_named(cell, "v");
    std::string_view raw = v.text().get();
    if (type == "s") {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
        if (ec != std::errc() || end != raw.data() + raw.size() || index >= ctx.strings.size()) {
            fail(ctx.file_name,
                 fmt::format(fmt::runtime(_("not a valid XLSX workbook: cell {} refers to a "
                                            "shared string that does not exist")),
                             attribute_named(cell, "r").value()));
        }
        return ctx.strings[index];
    }
    if (type == "b") return raw == "1" || raw == "true" ? "TRUE" : "FALSE";
    if (type == "str" || type == "e") return decode_xstring(raw);
    if (type == "d") {
        // ISO 8601 date-time (strict OOXML); the date part is what Ladder uses.
        return std::string(raw.substr(0, std::min<std::size_t>(raw.size(), 10)));
    }
    if (raw.empty()) return {};
    std::optional<double> number = parse_number(raw);
    if (!number) return std::string(raw);
    std::size_t style = attribute_named(cell, "s").as_uint(0);
    if (style < ctx.date_style.size() && ctx.date_style[style]) {
        return format_date_serial(*number, ctx.date1904);
    }
    return is_displayed_form(raw) ? std::string(raw) : format_number(*number);
}

}  // namespace

Table read_xlsx_table(const std::filesystem::path& path) {
    Table table;
    table.file_name = table_detail::base_name(path);
    table.encoding = "XLSX";
    Workbook book(path, table.file_name);
    const std::vector<std::string> strings = shared_strings(book);
    const std::vector<bool> date_style = date_styles(book);
    const WorkbookInfo info = workbook_info(book);
    const std::string& part = info.first_sheet_part;
    if (!book.has(part)) fail(table.file_name, _("not a valid XLSX workbook: it has no worksheet"));
    std::string buffer = book.read(part, true);
    pugi::xml_document doc = book.parse(part, buffer);
    const SheetContext ctx{strings, date_style, info.date1904, table.file_name};

    pugi::xml_node sheet_data = child_named(doc.document_element(), "sheetData");
    int row_number = 0;
    for (pugi::xml_node row = sheet_data.first_child(); row; row = row.next_sibling()) {
        if (local_name(row.name()) != "row") continue;
        // r is optional: without it a row follows the previous one (likewise for cells).
        row_number = attribute_named(row, "r").as_int(row_number + 1);
        std::vector<std::string> cells;
        int column = 0;
        for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
            if (local_name(cell.name()) != "c") continue;
            int cell_row = row_number;
            if (pugi::xml_attribute ref = attribute_named(cell, "r")) {
                if (!parse_cell_reference(ref.value(), &column, &cell_row)) {
                    fail(table.file_name,
                         fmt::format(fmt::runtime(_("not a valid XLSX workbook: bad cell "
                                                    "reference \"{}\"")),
                                     ref.value()));
                }
            } else {
                ++column;
            }
            std::string text = cell_text(cell, ctx);
            if (text.empty()) continue;
            // pugixml passes the bytes of a UTF-8 part through unchecked; cells are UTF-8 text.
            if (text_detail::first_invalid_utf8(text) != std::string::npos) {
                fail(table.file_name,
                     fmt::format(fmt::runtime(_("not a valid XLSX workbook: the cell in row {}, "
                                                "column {} is not valid UTF-8 text")),
                                 cell_row, column));
            }
            if (cells.size() < static_cast<std::size_t>(column)) cells.resize(column);
            cells[column - 1] = std::move(text);
        }
        table_detail::append_row(table, row_number, std::move(cells));
    }
    if (table.header.empty()) fail(table.file_name, _("empty file"));
    return table;
}

}  // namespace ladder
