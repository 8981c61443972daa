// XLSX input: a worksheet of an Office Open XML workbook (ECMA-376); the package (parts, shared
// strings, styles, sheets) is read by xlsx_package.cpp. Cells become the text a spreadsheet
// would display for the raw value.
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
#include "xlsx_package.hpp"
#include "utf8.hpp"

namespace ladder {

namespace {

using namespace xlsx_package;

// "C17" → column 3, row 17. Returns false on a malformed reference.
// A worksheet's last row and column (ECMA-376 Part 1, 18.3.1.73 and 18.3.1.4).
constexpr int kMaxRows = 1048576;
constexpr int kMaxColumns = 16384;

bool parse_cell_reference(std::string_view ref, int* column, int* row) {
    std::size_t i = 0;
    int col = 0;
    while (i < ref.size() &&
           ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
        col = col * 26 + ((ref[i] | 0x20) - 'a' + 1);
        if (col > kMaxColumns) return false;
        ++i;
    }
    int r = 0;
    auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
    if (col == 0 || ec != std::errc() || end != ref.data() + ref.size() || r < 1 || r > kMaxRows)
        return false;
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
        // r is optional: without it a row follows the previous one (likewise for cells). A
        // number outside the sheet's rows is a damaged file, not a row to count on from.
        if (pugi::xml_attribute r = attribute_named(row, "r")) {
            const std::string_view text = r.value();
            int n = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > kMaxRows)
                fail(table.file_name,
                     fmt::format(fmt::runtime(_("not a valid XLSX workbook: bad row number "
                                                "\"{}\"")),
                                 text));
            row_number = n;
        } else if (row_number < kMaxRows) {
            ++row_number;
        } else {
            fail(table.file_name,
                 _("not a valid XLSX workbook: more rows than a worksheet can have"));
        }
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
