// XLSX input: the first worksheet of an Office Open XML workbook (ECMA-376), read with libzip
// and pugixml. Cells become the text a spreadsheet would display for the raw value.
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
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
constexpr std::size_t kReadChunk = 64 * 1024;
// Deflate inflates at most about 1032 times; no honest part is bigger than that times the file.
constexpr zip_uint64_t kMostInflation = 1032;

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

class Workbook {
  public:
    Workbook(const std::filesystem::path& path, std::string file_name)
        : file_name_(std::move(file_name)) {
        std::error_code size_error;
        std::uintmax_t file_size = std::filesystem::file_size(path, size_error);
        most_inflated_size_ = size_error ? kReadChunk : file_size * kMostInflation + kReadChunk;
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
        if (zip_stat_index(archive_.get(), index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
            stat.size <= kMaxPartSize &&
            (file = zip_fopen_index(archive_.get(), index, 0)) != nullptr) {
            // The announced size is the archive's word only: memory is reserved up to what the
            // file could hold inflated and otherwise grows with the bytes that really arrive,
            // so a damaged directory claiming gigabytes costs nothing.
            std::string bytes;
            bytes.reserve(std::min<zip_uint64_t>(stat.size, most_inflated_size_));
            std::vector<char> chunk(kReadChunk);
            while (bytes.size() < stat.size) {
                zip_int64_t got = zip_fread(file, chunk.data(), chunk.size());
                if (got <= 0) break;
                bytes.append(chunk.data(), static_cast<std::size_t>(got));
            }
            zip_fclose(file);
            if (bytes.size() == stat.size) return bytes;
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
    zip_uint64_t most_inflated_size_ = kReadChunk;
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

struct SheetEntry {
    std::string name;     // empty when workbook.xml does not name it
    std::string part;     // "xl/worksheets/sheet1.xml"
    bool hidden = false;  // state="hidden" or "veryHidden": not shown in the sheet tabs
};

struct WorkbookInfo {
    std::vector<SheetEntry> sheets;  // in the order of the sheet tabs
    bool date1904 = false;           // the Mac 1904 date system (workbookPr date1904)
};

// The sheets in tab order, each with its part (through the workbook's relationships, else the
// conventional "xl/worksheets/sheetN.xml"). A workbook without workbook.xml has only sheet1.
WorkbookInfo workbook_info(const Workbook& book) {
    WorkbookInfo info;
    std::string workbook_xml = book.read("xl/workbook.xml", false);
    pugi::xml_document workbook;
    pugi::xml_node root;
    if (!workbook_xml.empty()) {
        workbook = book.parse("xl/workbook.xml", workbook_xml);
        root = workbook.document_element();
    }
    std::string_view date1904 =
        attribute_named(child_named(root, "workbookPr"), "date1904").value();
    info.date1904 = date1904 == "1" || date1904 == "true";

    std::unordered_map<std::string, std::string> targets;  // relationship id → part
    std::string rels_xml = book.read("xl/_rels/workbook.xml.rels", false);
    pugi::xml_document rels;
    if (!rels_xml.empty()) {
        rels = book.parse("xl/_rels/workbook.xml.rels", rels_xml);
        for (pugi::xml_node r = rels.document_element().first_child(); r; r = r.next_sibling()) {
            if (local_name(r.name()) != "Relationship") continue;
            targets[attribute_named(r, "Id").value()] =
                resolve_target(attribute_named(r, "Target").value());
        }
    }
    for (pugi::xml_node sheet = child_named(root, "sheets").first_child(); sheet;
         sheet = sheet.next_sibling()) {
        if (sheet.type() != pugi::node_element || local_name(sheet.name()) != "sheet") continue;
        SheetEntry entry;
        entry.name = attribute_named(sheet, "name").value();
        std::string_view state = attribute_named(sheet, "state").value();
        entry.hidden = state == "hidden" || state == "veryHidden";
        auto target = targets.find(attribute_named(sheet, "id").value());
        if (target != targets.end() && book.has(target->second)) {
            entry.part = target->second;
        } else {
            entry.part = fmt::format("xl/worksheets/sheet{}.xml", info.sheets.size() + 1);
        }
        info.sheets.push_back(std::move(entry));
    }
    if (info.sheets.empty()) info.sheets.push_back({"", "xl/worksheets/sheet1.xml", false});
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

// The raw value as a spreadsheet's General format shows it: rounded to 15 significant digits,
// so that binary noise (0.1 + 0.2 stored as 0.30000000000000004, 950.5649000000001) shows as
// the decimal that was typed, then the shortest text that reads back as that value: integers
// without a decimal point, and no exponent except for magnitudes no figure has.
std::string format_number(double value) {
    double shown = std::strtod(fmt::format("{:.15g}", value).c_str(), nullptr) + 0.0;
    double magnitude = std::fabs(shown);
    bool ordinary = shown == 0 || (magnitude >= 1e-9 && magnitude < 1e15);
    char buffer[64];
    auto [end, ec] =
        ordinary ? std::to_chars(buffer, buffer + sizeof buffer, shown, std::chars_format::fixed)
                 : std::to_chars(buffer, buffer + sizeof buffer, shown);
    if (ec != std::errc()) return fmt::format("{}", shown);
    return std::string(buffer, end);
}

// Excel's 1900 date system (Date::from_serial), with Lotus's phantom 29 February 1900 shown as
// Excel shows it (date validation rejects it). In the 1904 system serial 0 = 1904-01-01.
// Serials outside the calendar stay numbers; a time of day is dropped.
std::string format_date_serial(double serial, bool date1904) {
    constexpr long k19040101 = -24107;      // days from 1970-01-01
    constexpr double kYear10000 = 2958466;  // first serial past 9999-12-31 (1900 system)
    if (date1904) {
        if (serial < 0 || serial >= kYear10000 - 1462) return format_number(serial);
        return Date::from_days(k19040101 + static_cast<long>(std::floor(serial))).to_string();
    }
    if (serial < 1 || serial >= kYear10000) return format_number(serial);
    if (auto date = Date::from_serial(static_cast<long>(std::floor(serial))))
        return date->to_string();
    return "1900-02-29";
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

// "E7" for column 5 (one-based), row 7.
std::string cell_reference(int column, int row) {
    std::string letters;
    for (int n = column; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters + std::to_string(row);
}

// Reads one worksheet into `table`. With `give_up`, stops and returns false as soon as the
// header search fails (the caller tries the next sheet); otherwise reads the whole sheet.
bool read_sheet(const Workbook& book, const SheetEntry& entry, const SheetContext& ctx,
                const ReadOptions& options, bool give_up, Table& table) {
    if (!book.has(entry.part))
        fail(table.file_name, _("not a valid XLSX workbook: it has no worksheet"));
    std::string buffer = book.read(entry.part, true);
    pugi::xml_document doc = book.parse(entry.part, buffer);
    table_detail::TableBuilder builder(table, options.header_key, options.header_row);

    pugi::xml_node sheet_data = child_named(doc.document_element(), "sheetData");
    int row_number = 0;
    std::vector<std::string> cells;
    for (pugi::xml_node row = sheet_data.first_child(); row; row = row.next_sibling()) {
        if (local_name(row.name()) != "row") continue;
        // r is optional: without it a row follows the previous one (likewise for cells).
        row_number = attribute_named(row, "r").as_int(row_number + 1);
        cells.clear();
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
            // A formula whose result was never computed (a file written by a program, not
            // saved by a spreadsheet) has no value to read; an empty <v/> is an empty result.
            if (child_named(cell, "f") && !child_named(cell, "v") &&
                local_name(attribute_named(cell, "t").value()) != "inlineStr") {
                builder.add_unsaved_formula(row_number, static_cast<std::size_t>(column - 1),
                                            cell_reference(column, cell_row));
                continue;
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
        builder.add(row_number, cells);
        if (give_up && builder.search_failed()) return false;
    }
    // Fewer than 10 non-empty rows and none of them a header: not this sheet either (and its
    // unsaved formulas are no concern of this import).
    if (give_up && options.header_key && !builder.header_matched()) return false;
    builder.finish();
    return true;
}

std::string sheet_list(const std::vector<const SheetEntry*>& sheets) {
    std::string list;
    for (const SheetEntry* sheet : sheets) {
        if (!list.empty()) list += ", ";
        list += "\"" + sheet->name + "\"";
    }
    return list;
}

// The sheet asked for by name or, failing that, by its 1-based number among all sheets.
const SheetEntry& requested_sheet(const WorkbookInfo& info, const std::string& wanted,
                                  const std::string& file_name) {
    for (const SheetEntry& entry : info.sheets)
        if (entry.name == wanted) return entry;
    std::size_t number = 0;
    auto [end, ec] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), number);
    if (ec == std::errc() && end == wanted.data() + wanted.size() && number >= 1 &&
        number <= info.sheets.size()) {
        return info.sheets[number - 1];
    }
    std::vector<const SheetEntry*> all;
    for (const SheetEntry& entry : info.sheets) all.push_back(&entry);
    throw UsageError(fmt::format(fmt::runtime(_("{} has no sheet \"{}\" (its sheets: {})")),
                                 file_name, wanted, sheet_list(all)));
}

void note_sheet_read(Table& table, std::vector<std::string> notes_before) {
    if (!table.sheet.empty()) {
        notes_before.push_back(fmt::format(fmt::runtime(_("sheet \"{}\" was read")), table.sheet));
    }
    table.notes.insert(table.notes.begin(), std::make_move_iterator(notes_before.begin()),
                       std::make_move_iterator(notes_before.end()));
}

}  // namespace

Table read_xlsx_table(const std::filesystem::path& path) {
    return read_xlsx_table(path, ReadOptions{});
}

std::vector<SheetName> xlsx_sheets(const std::filesystem::path& path) {
    Workbook book(path, table_detail::base_name(path));
    std::vector<SheetName> out;
    for (const auto& entry : workbook_info(book).sheets) out.push_back({entry.name, entry.hidden});
    return out;
}

Table read_xlsx_table(const std::filesystem::path& path, const ReadOptions& options) {
    const std::string file_name = table_detail::base_name(path);
    Workbook book(path, file_name);
    const std::vector<std::string> strings = shared_strings(book);
    const std::vector<bool> date_style = date_styles(book);
    const WorkbookInfo info = workbook_info(book);
    const SheetContext ctx{strings, date_style, info.date1904, file_name};
    auto fresh_table = [&file_name](const SheetEntry& entry) {
        Table table;
        table.file_name = file_name;
        table.encoding = "XLSX";
        table.sheet = entry.name;
        return table;
    };
    auto checked = [&file_name](Table&& table) {
        if (table.header.empty()) fail(file_name, _("empty file"));
        return std::move(table);
    };

    // A sheet asked for is read whatever its state: the clerk named it.
    if (!options.sheet.empty()) {
        const SheetEntry& entry = requested_sheet(info, options.sheet, file_name);
        Table table = fresh_table(entry);
        read_sheet(book, entry, ctx, options, false, table);
        note_sheet_read(table, {});
        return checked(std::move(table));
    }

    // Otherwise the first visible sheet with a header; hidden sheets hold old or helper data.
    std::vector<std::string> notes, hidden_notes;
    std::vector<const SheetEntry*> looked_at;
    for (const SheetEntry& entry : info.sheets) {
        if (entry.hidden) {
            std::string note = fmt::format(
                fmt::runtime(_("sheet \"{}\" is hidden and was passed over")), entry.name);
            notes.push_back(note);
            hidden_notes.push_back(std::move(note));
            continue;
        }
        looked_at.push_back(&entry);
        Table table = fresh_table(entry);
        if (read_sheet(book, entry, ctx, options, true, table)) {
            note_sheet_read(table, std::move(notes));
            return checked(std::move(table));
        }
        notes.push_back(fmt::format(fmt::runtime(_("sheet \"{}\" has no row naming the required "
                                                   "columns among its first 10 non-empty rows "
                                                   "and was passed over")),
                                    entry.name));
    }
    if (looked_at.empty())
        fail(file_name, _("every sheet of the workbook is hidden; choose the sheet to read"));
    // No sheet has a header: the first visible one is read so that the validation names the
    // columns it lacks.
    hidden_notes.push_back(
        fmt::format(fmt::runtime(_("no sheet has a row naming the required columns among its "
                                   "first 10 non-empty rows (sheets looked at: {})")),
                    sheet_list(looked_at)));
    Table table = fresh_table(*looked_at.front());
    read_sheet(book, *looked_at.front(), ctx, options, false, table);
    note_sheet_read(table, std::move(hidden_notes));
    return checked(std::move(table));
}

}  // namespace ladder
