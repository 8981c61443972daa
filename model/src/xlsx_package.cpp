#include "xlsx_package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/library_errors.hpp"
#include "utf8.hpp"

namespace ladder::xlsx_package {

namespace {

// A guard against a damaged or hostile archive announcing a huge part; a worksheet with a
// million rows of 30 columns is a few hundred megabytes of XML.
constexpr zip_uint64_t kMaxPartSize = zip_uint64_t{2} << 30;
constexpr std::size_t kReadChunk = 64 * 1024;
// Deflate inflates at most about 1032 times; no honest part is bigger than that times the file.
constexpr zip_uint64_t kMostInflation = 1032;

}  // namespace

[[noreturn]] void fail(const std::string& file_name, std::string reason) {
    throw InputError({CellError{file_name, 0, "", std::move(reason)}});
}

Workbook::Workbook(const std::filesystem::path& path, std::string file_name)
    : file_name_(std::move(file_name)) {
    std::error_code size_error;
    std::uintmax_t file_size = std::filesystem::file_size(path, size_error);
    most_inflated_size_ = size_error ? kReadChunk : file_size * kMostInflation + kReadChunk;
    int error_code = 0;
    archive_.reset(zip_open(path.c_str(), ZIP_RDONLY, &error_code));
    if (!archive_) {
        fail(file_name_, fmt::format(fmt::runtime(_("not a readable XLSX workbook: {}")),
                                     zip_error_text(error_code)));
    }
}

bool Workbook::has(const std::string& part) const {
    return zip_name_locate(archive_.get(), part.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::string Workbook::read(const std::string& part, bool required) const {
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
                     part, zip_error_text(zip_error_code_zip(zip_get_error(archive_.get())))));
}

pugi::xml_document Workbook::parse(const std::string& part, std::string& buffer) const {
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

namespace {

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

}  // namespace

namespace {

bool is_builtin_date_format(int id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

}  // namespace

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

namespace {

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

}  // namespace

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

}  // namespace ladder::xlsx_package
