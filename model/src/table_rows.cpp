// From the rows of a file to a Table: where the header is, which rows are data, and which
// title, total and signature rows around the data a clerk's file carries are skipped
// (docs/import.md, "From file to records").
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "table_internal.hpp"

namespace ladder::table_detail {

namespace {

// The header is looked for among this many non-blank rows (titles, issuing units, dates).
constexpr std::size_t kHeaderSearchRows = 10;

// Words that mark a total or a signature line under a table.
constexpr std::array<std::string_view, 8> kFooterWords = {
    "合计", "总计", "小计", "填表人", "制表人", "审核人", "单位负责人", "填报日期"};

bool has_footer_word(std::string_view text) {
    return std::any_of(kFooterWords.begin(), kFooterWords.end(),
                       [text](std::string_view word) { return text.find(word) != text.npos; });
}

// Cell text quoted in a note: at most 30 characters, cut on a character boundary.
std::string quote_cell(std::string_view text) {
    constexpr std::size_t kMaxChars = 30;
    text = trim_blanks(text);
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars++ == kMaxChars) return "\"" + std::string(text.substr(0, i)) + "…\"";
    }
    return "\"" + std::string(text) + "\"";
}

std::string first_text(const std::vector<std::string>& cells) {
    for (const std::string& cell : cells)
        if (!is_blank(cell)) return quote_cell(cell);
    return {};
}

// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
std::string column_letter(std::size_t index) {
    std::string letters;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

// Cells up to the last non-empty one: "a,b,," from a spreadsheet whose formatting reaches
// further right than its data says nothing a shorter row does not.
std::size_t used_width(const std::vector<std::string>& cells) {
    std::size_t width = cells.size();
    while (width > 0 && cells[width - 1].empty()) --width;
    return width;
}

}  // namespace

TableBuilder::TableBuilder(Table& table, HeaderKey header_key, int header_row)
    : table_(table),
      header_key_(std::move(header_key)),
      header_row_(header_row),
      state_(header_key_ || header_row > 0 ? State::searching : State::plain) {}

void TableBuilder::add(int row_number, const std::vector<std::string>& cells) {
    const std::size_t width = used_width(cells);
    bool blank = true;
    for (std::size_t k = 0; k < width && blank; ++k) blank = is_blank(cells[k]);
    if (blank) return;
    switch (state_) {
        case State::plain:
            if (table_.header.empty()) {
                buffered_.push_back({row_number, {cells.begin(), cells.begin() + width}});
                take_header(0);
                return;
            }
            break;
        case State::searching: {
            std::vector<std::string> used(cells.begin(), cells.begin() + width);
            if (header_row_ > 0) {  // the clerk's choice, not a search
                if (row_number < header_row_) {
                    buffered_.push_back({row_number, std::move(used)});
                    return;
                }
                if (header_key_) key_column_ = header_key_(used);
                buffered_.push_back({row_number, std::move(used)});
                state_ = State::matched;
                take_header(buffered_.size() - 1);
                return;
            }
            key_column_ = header_key_(used);
            buffered_.push_back({row_number, std::move(used)});
            if (key_column_) {
                state_ = State::matched;
                take_header(buffered_.size() - 1);
            } else if (buffered_.size() == kHeaderSearchRows) {
                // The validation names the missing columns against the first row.
                state_ = State::failed;
                take_header(0);
            }
            return;
        }
        case State::matched:
        case State::failed:
            break;
    }
    append_data(row_number, cells, width);
}

void TableBuilder::take_header(std::size_t index) {
    for (std::size_t i = 0; i < index; ++i) above_header_.push_back(std::move(buffered_[i]));
    table_.header_row = buffered_[index].row_number;
    table_.header.clear();
    for (const std::string& cell : buffered_[index].cells)
        table_.header.emplace_back(trim_blanks(cell));
    while (!table_.header.empty() && table_.header.back().empty()) table_.header.pop_back();
    for (std::size_t i = index + 1; i < buffered_.size(); ++i) {
        const Buffered& row = buffered_[i];
        append_data(row.row_number, row.cells, row.cells.size());
    }
    buffered_.clear();
    buffered_.shrink_to_fit();
}

void TableBuilder::append_data(int row_number, const std::vector<std::string>& cells,
                               std::size_t width) {
    TableRow row;
    row.row_number = row_number;
    std::size_t text_bytes = 0;
    for (std::size_t k = 0; k < width; ++k) text_bytes += cells[k].size();
    row.cells.reserve(width, text_bytes);  // exactly: no growth slack in millions of rows
    for (std::size_t k = 0; k < width; ++k) row.cells.push_back(cells[k]);
    table_.rows.push_back(std::move(row));
}

void TableBuilder::add_unsaved_formula(int row_number, std::size_t column, std::string reference) {
    unsaved_formulas_.push_back({row_number, column, std::move(reference)});
}

// Total and signature rows under the data: among the rows after the last one with a key, those
// whose text has a total or signature word. A key cell holding such a word ("合计" written in
// the credit code column) is no key either: a credit code has no Chinese characters.
void TableBuilder::skip_footer() {
    const std::size_t key = *key_column_;
    auto is_keyless = [key](const TableRow& row) {
        return key >= row.cells.size() || is_blank(row.cells[key]) ||
               has_footer_word(row.cells[key]);
    };
    std::size_t tail = table_.rows.size();
    while (tail > 0 && is_keyless(table_.rows[tail - 1])) --tail;
    std::size_t kept = tail;
    for (std::size_t i = tail; i < table_.rows.size(); ++i) {
        TableRow& row = table_.rows[i];
        std::optional<std::size_t> word_cell;
        for (std::size_t k = 0; k < row.cells.size() && !word_cell; ++k)
            if (has_footer_word(row.cells[k])) word_cell = k;
        if (!word_cell) {
            if (kept != i) table_.rows[kept] = std::move(row);
            ++kept;
            continue;
        }
        skipped_rows_.insert(row.row_number);
        table_.notes.push_back(
            fmt::format(fmt::runtime(_("row {} is a total or signature row and was skipped ({})")),
                        row.row_number, quote_cell(row.cells[*word_cell])));
    }
    table_.rows.erase(table_.rows.begin() + static_cast<std::ptrdiff_t>(kept), table_.rows.end());
}

void TableBuilder::finish() {
    if (state_ == State::searching) {
        if (buffered_.empty()) return;  // no non-blank row: the reader reports an empty file
        state_ = State::failed;
        take_header(0);
    }
    if (!above_header_.empty()) {
        // The first two rows' text says what was skipped: a title, an issuing unit.
        std::string texts;
        for (std::size_t i = 0; i < above_header_.size() && i < 2; ++i) {
            if (!texts.empty()) texts += ", ";
            texts += first_text(above_header_[i].cells);
        }
        if (above_header_.size() > 2) texts += "…";
        const int first = above_header_.front().row_number;
        const int last = above_header_.back().row_number;
        table_.notes.push_back(
            first == last
                ? fmt::format(fmt::runtime(_("row {} is above the header and was skipped ({})")),
                              first, texts)
                : fmt::format(
                      fmt::runtime(_("rows {}–{} are above the header and were skipped ({})")),
                      first, last, texts));
    }
    if (state_ == State::failed) {
        table_.notes.push_back(
            fmt::format(fmt::runtime(_("no row among the first {} non-empty rows names the "
                                       "required columns; row {} is taken as the header")),
                        kHeaderSearchRows, table_.header_row));
    }
    if (state_ == State::matched) skip_footer();

    for (const UnsavedFormula& formula : unsaved_formulas_) {
        if (formula.row_number < table_.header_row || skipped_rows_.count(formula.row_number))
            continue;
        std::string column = formula.row_number > table_.header_row &&
                                     formula.column < table_.header.size() &&
                                     !table_.header[formula.column].empty()
                                 ? table_.header[formula.column]
                                 : column_letter(formula.column);
        throw InputError({CellError{
            table_.file_name, formula.row_number, std::move(column),
            fmt::format(fmt::runtime(_("cell {} holds a formula without a saved result; open the "
                                       "file in Excel or WPS, save it, and import it again")),
                        formula.reference)}});
    }
}

}  // namespace ladder::table_detail
