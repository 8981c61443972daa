// Encoding detection of CSV input: UTF-8 with or without BOM, else GB18030. Compared with an
// independent UTF-8 decoder: valid UTF-8 is always read as UTF-8, invalid UTF-8 never is, and
// whatever was read is valid UTF-8 afterwards. Forced GBK and forced UTF-8 are checked too.
#include "fuzz_support.hpp"
#include "model/errors.hpp"
#include "model/table.hpp"

using namespace ladder;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool mentions(const InputError& e, std::string_view words) {
    for (const CellError& error : e.errors())
        if (error.reason.find(words) != std::string::npos) return true;
    return false;
}

void check_cells_are_utf8(const Table& table) {
    for (const std::string& cell : table.header)
        FUZZ_CHECK(fuzz::is_valid_utf8(cell), "header cells are UTF-8");
    for (const TableRow& row : table.rows)
        for (const std::string& cell : row.cells.to_strings())
            FUZZ_CHECK(fuzz::is_valid_utf8(cell), "data cells are UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view bytes = fuzz::as_text(data, size);
    const bool utf16 = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
    const bool bom = bytes.starts_with(kBom);
    const bool utf8 = fuzz::is_valid_utf8(bom ? bytes.substr(kBom.size()) : bytes);

    try {
        Table table = read_csv_table(bytes, "fuzz.csv", Encoding::detect);
        FUZZ_CHECK(!utf16, "UTF-16 text is refused");
        if (utf8) {
            FUZZ_CHECK(table.encoding == (bom ? "UTF-8 (BOM)" : "UTF-8"), "valid UTF-8 is UTF-8");
        } else {
            FUZZ_CHECK(!bom, "a BOM followed by invalid UTF-8 is refused");
            FUZZ_CHECK(table.encoding == "GB18030", "invalid UTF-8 is read as GB18030");
        }
        check_cells_are_utf8(table);
    } catch (const InputError& e) {
        FUZZ_CHECK(!e.errors().empty(), "an input error says what is wrong");
        if (utf8 && !utf16)
            FUZZ_CHECK(!mentions(e, "UTF-8") && !mentions(e, "GBK"),
                       "valid UTF-8 is never refused for its encoding");
    }

    try {
        Table table = read_csv_table(bytes, "fuzz.csv", Encoding::utf8);
        FUZZ_CHECK(utf8 && !utf16, "forced UTF-8 reads only valid UTF-8");
        check_cells_are_utf8(table);
    } catch (const InputError& e) {
        if (!utf8 && !utf16) FUZZ_CHECK(mentions(e, "UTF-8"), "invalid UTF-8 is named as such");
    }

    try {
        Table table = read_csv_table(bytes, "fuzz.csv", Encoding::gbk);
        FUZZ_CHECK(table.encoding == "GB18030", "forced GBK reads GB18030");
        check_cells_are_utf8(table);
    } catch (const InputError& e) {
        FUZZ_CHECK(!e.errors().empty(), "an input error says what is wrong");
        for (const CellError& error : e.errors())
            FUZZ_CHECK(error.row >= 0, "error rows are never negative");
    }
    return 0;
}
