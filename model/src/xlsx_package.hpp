#pragma once
// The package of an XLSX workbook (model/src/table_xlsx.cpp reads its cells): parts read from
// the zip with a bound on memory, XML parsed in place, shared strings, which styles show a
// date, and the sheets in tab order.
#include <zip.h>

#include <filesystem>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ladder::xlsx_package {

// Refuses the file: a damaged or unreadable workbook (row 0, no column).
[[noreturn]] void fail(const std::string& file_name, std::string reason);

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

class Workbook {
  public:
    Workbook(const std::filesystem::path& path, std::string file_name);
    bool has(const std::string& part) const;
    // The bytes of one part; `required` parts that are absent are an error, others read empty.
    std::string read(const std::string& part, bool required) const;
    // Parses a part as XML; `buffer` must outlive the document (parsed in place).
    pugi::xml_document parse(const std::string& part, std::string& buffer) const;
    const std::string& file_name() const { return file_name_; }

  private:
    std::string file_name_;
    ZipArchive archive_;
    zip_uint64_t most_inflated_size_ = 0;  // set from the file's size when it is opened
};

// Element and attribute names without their namespace prefix: producers differ ("x:row").
std::string_view local_name(const char* name);
pugi::xml_node child_named(pugi::xml_node node, std::string_view name);
pugi::xml_attribute attribute_named(pugi::xml_node node, std::string_view name);
// Undoes the _xHHHH_ escapes OOXML uses for characters XML cannot carry (ST_Xstring).
std::string decode_xstring(std::string_view text);
// Text of a string item (<si> or <is>): plain <t>, or the <t> of each rich-text run <r>.
std::string string_item_text(pugi::xml_node item);
// For each cell style index (the s attribute): whether it displays a date.
std::vector<bool> date_styles(const Workbook& book);
std::vector<std::string> shared_strings(const Workbook& book);

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
WorkbookInfo workbook_info(const Workbook& book);

}  // namespace ladder::xlsx_package
