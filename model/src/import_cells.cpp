#include "import_cells.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/text.hpp"
#include "model/uscc.hpp"

namespace ladder::import_cells {

// ---- text ------------------------------------------------------------------------------

// One idea of a blank (model/text.hpp) for headers and cells.
std::string_view trim_blanks(std::string_view s) {
    return trim(s);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
std::string column_letter(std::size_t index) {
    std::string letters;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

// A value quoted in a message: at most 40 characters, cut on a character boundary.
std::string shorten(std::string_view value) {
    constexpr std::size_t kMaxChars = 40;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;
        if (chars++ == kMaxChars) return std::string(value.substr(0, i)) + "…";
    }
    return std::string(value);
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- errors ----------------------------------------------------------------------------

// "<label> "<value>" <predicate>": every cell message starts with the Chinese label and the
// offending value, so a clerk can find it without knowing the English ids.
std::string value_message(std::string_view label, std::string_view value,
                          std::string_view predicate) {
    return fmt::format(fmt::runtime(_("{} \"{}\" {}")), label, shorten(value), predicate);
}

// Turns a parse_fen / parse_hundredths / parse_integer reason into a predicate about the value.
std::string number_predicate(const std::string& reason) {
    if (reason == _("more than two decimals")) return _("has more than two decimals");
    if (reason == _("finer than the fen (0.01 元)")) return _("is finer than the fen (0.01 元)");
    if (reason == _("misplaced thousands separator"))
        return _("has a misplaced thousands separator");
    if (reason == _("number too large")) return _("is too large");
    if (reason == _("not a whole number")) return _("is not a whole number");
    return _("is not a number");
}

void RowReader::fail_required(std::size_t col) {
    fail(col, fmt::format(fmt::runtime(_("{} is required")), label(col)));
}

// ---- cell readers: empty result when the cell is absent or bad (bad ones are reported) ----

std::optional<std::string> read_credit_code(RowReader& r, std::size_t col,
                                            const ValidationContext& ctx, bool check_registry) {
    auto text = r.cell(col);
    if (text.empty()) {
        r.fail_required(col);
        return std::nullopt;
    }
    // Lower-case letters are an obvious typing variant of the same code: accept them.
    std::string code = ascii_upper(text);
    if (auto defect = uscc_defect(code)) {
        r.fail_value(col, *defect);
        return std::nullopt;
    }
    if (check_registry && ctx.firm_exists && !ctx.firm_exists(code))
        r.fail_value(col, _("is not in the registry"));
    return code;
}

std::optional<Date> read_date(RowReader& r, std::size_t col, bool required) {
    auto text = r.cell(col);
    if (text.empty()) {
        if (required) r.fail_required(col);
        return std::nullopt;
    }
    // A date cell that lost its date format reaches the file as Excel's serial number
    // ("43831" or "43831.0" for 2020-01-01). Eight digits are YYYYMMDD (Date::parse); four
    // or fewer are a year or a slip rather than a day before 1927, and are not a date.
    const std::string_view whole = text.substr(0, text.find('.'));
    const bool zero_fraction =
        whole.size() == text.size() || text.find_first_not_of('0', whole.size() + 1) == text.npos;
    if (all_digits(whole) && zero_fraction && whole.size() > 4 && whole.size() != 8) {
        long serial = 0;
        for (char c : whole.substr(0, 8)) serial = serial * 10 + (c - '0');
        std::optional<Date> date = whole.size() <= 7 ? Date::from_serial(serial) : std::nullopt;
        if (!date) r.fail_value(col, _("is not a date (expected YYYY-MM-DD)"));
        return date;
    }
    std::string why;
    auto date = Date::parse(text, &why);
    if (!date)
        r.fail_value(col, why == _("no such date") ? _("is not a calendar date")
                                                   : _("is not a date (expected YYYY-MM-DD)"));
    return date;
}

std::optional<int64_t> read_integer(RowReader& r, std::size_t col) {
    auto text = r.cell(col);
    if (text.empty()) return std::nullopt;
    std::string why;
    auto value = parse_integer(text, &why);
    if (!value) r.fail_value(col, number_predicate(why));
    return value;
}

std::optional<int> read_year(RowReader& r, std::size_t col, int min, int max, bool required) {
    if (r.cell(col).empty()) {
        if (required) r.fail_required(col);
        return std::nullopt;
    }
    auto value = read_integer(r, col);
    if (!value) return std::nullopt;
    if (*value < min || *value > max) {
        r.fail_value(col,
                     fmt::format(fmt::runtime(_("is not a year between {} and {}")), min, max));
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

std::optional<bool> read_yes_no(RowReader& r, std::size_t col) {
    auto text = r.cell(col);
    if (text.empty()) return std::nullopt;
    auto value = parse_yes_no(text);
    if (!value) r.fail_value(col, _("is not yes or no (是/否)"));
    return value;
}

// A figure in its stored unit (fen of 万元, hundredths of a score, whole number or 1/0),
// range-checked by kind.
std::optional<int64_t> read_measure(RowReader& r, std::size_t col, MeasureKind kind) {
    auto text = r.cell(col);
    if (text.empty()) return std::nullopt;
    std::string why;
    std::optional<int64_t> value;
    switch (kind) {
        case MeasureKind::money:
        case MeasureKind::signed_money:
            value = parse_fen(text, r.money_unit(col), &why);
            break;
        case MeasureKind::score:
            value = parse_hundredths(text, &why);
            break;
        case MeasureKind::count:
        case MeasureKind::rank:
            value = parse_integer(text, &why);
            break;
        case MeasureKind::flag: {
            auto flag = read_yes_no(r, col);
            return flag ? std::optional<int64_t>(*flag ? 1 : 0) : std::nullopt;
        }
    }
    if (!value) {
        r.fail_value(col, number_predicate(why));
        return std::nullopt;
    }
    const char* problem = nullptr;
    if ((kind == MeasureKind::money || kind == MeasureKind::count) && *value < 0)
        problem = _("must not be negative");
    else if (kind == MeasureKind::score && (*value < 0 || *value > 100 * 100))
        problem = _("is not between 0 and 100");
    else if (kind == MeasureKind::rank && *value < 1)
        problem = _("must be 1 or more");
    if (problem) {
        r.fail_value(col, problem);
        return std::nullopt;
    }
    return value;
}

std::string format_measure(MeasureKind kind, int64_t value) {
    if (is_money(kind)) return format_fen(value);
    if (kind == MeasureKind::score) return format_hundredths(value);
    if (kind == MeasureKind::flag) return value ? "yes" : "no";
    return std::to_string(value);
}
}  // namespace ladder::import_cells
