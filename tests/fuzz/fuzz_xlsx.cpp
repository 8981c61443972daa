// The XLSX reader (libzip + pugixml). Two kinds of input:
//  - bytes starting with "PK": a whole workbook file as it is (damaged archives);
//  - anything else: the XML parts of a workbook separated by lines "#PART#", in the order
//    sheet1, sharedStrings, styles, workbook, workbook.xml.rels, stored in a fresh archive,
//    so mutations reach the XML handling rather than break the ZIP checksums.
// Any input is read into a table or refused with InputError; what is read is UTF-8 text with
// a header.
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "model/errors.hpp"
#include "model/table.hpp"

using namespace ladder;

namespace {

constexpr std::string_view kSeparator = "\n#PART#\n";
constexpr const char* kPartNames[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                      "xl/styles.xml", "xl/workbook.xml",
                                      "xl/_rels/workbook.xml.rels"};

const std::filesystem::path& workbook_path() {
    static const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                              ("ladder-fuzz-" + std::to_string(getpid()) + ".xlsx");
    return path;
}

struct RemoveAtExit {
    ~RemoveAtExit() {
        std::error_code ec;
        std::filesystem::remove(workbook_path(), ec);
    }
};

void write_raw(std::string_view bytes) {
    std::ofstream out(workbook_path(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    FUZZ_CHECK(out.good(), "the workbook file is written");
}

void write_parts(std::string_view text) {
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < std::size(kPartNames)) {
        std::size_t at = text.find(kSeparator);
        if (at == std::string_view::npos) break;
        parts.push_back(text.substr(0, at));
        text.remove_prefix(at + kSeparator.size());
    }
    parts.push_back(text);
    int error = 0;
    zip_t* archive = zip_open(workbook_path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    FUZZ_CHECK(archive != nullptr, "the workbook archive is created");
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].empty()) continue;  // an absent part
        zip_source_t* source = zip_source_buffer(archive, parts[i].data(), parts[i].size(), 0);
        zip_int64_t index = zip_file_add(archive, kPartNames[i], source, ZIP_FL_OVERWRITE);
        FUZZ_CHECK(index >= 0, "a part is added");
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    FUZZ_CHECK(zip_close(archive) == 0, "the workbook archive is written");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    static RemoveAtExit cleanup;
    std::string_view input = fuzz::as_text(data, size);
    if (input.starts_with("PK")) {
        write_raw(input);
    } else {
        write_parts(input);
    }
    Table table;
    try {
        table = read_xlsx_table(workbook_path());
    } catch (const InputError& e) {
        FUZZ_CHECK(!e.errors().empty(), "a refused workbook says what is wrong");
        for (const CellError& error : e.errors())
            FUZZ_CHECK(!error.reason.empty(), "errors have a reason");
        return 0;
    }
    FUZZ_CHECK(table.encoding == "XLSX", "a workbook is named as XLSX");
    FUZZ_CHECK(!table.header.empty(), "a workbook read without error has a header");
    for (const std::string& cell : table.header)
        FUZZ_CHECK(fuzz::is_valid_utf8(cell), "header cells are UTF-8");
    for (const TableRow& row : table.rows)
        for (const std::string& cell : row.cells.to_strings())
            FUZZ_CHECK(fuzz::is_valid_utf8(cell), "data cells are UTF-8");
    return 0;
}
