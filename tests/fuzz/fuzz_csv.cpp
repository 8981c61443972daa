// The RFC 4180 reader and the spreadsheet view over it. Invariants: parsing never fails in
// any other way than a syntax error; writing the parsed records and parsing them again gives
// the same fields; a table read from UTF-8 written back as CSV reads back as the same cells.
#include <sstream>

#include "fuzz_support.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/table.hpp"

using namespace ladder;

namespace {

std::string write_records(const std::vector<std::vector<std::string>>& rows) {
    std::ostringstream out;
    for (const auto& row : rows) write_csv_record(out, row);
    return out.str();
}

void check_record_round_trip(std::string_view text) {
    CsvSyntaxError error;
    std::vector<CsvRecord> records = parse_csv(text, &error);
    FUZZ_CHECK(error.reason.empty() || error.line >= 1, "a syntax error names its line");
    int previous_line = 0;
    std::vector<std::vector<std::string>> fields;
    for (const CsvRecord& record : records) {
        FUZZ_CHECK(record.line > previous_line, "records start on ascending lines");
        FUZZ_CHECK(!record.fields.empty(), "a record has at least one field");
        previous_line = record.line;
        fields.push_back(record.fields);
    }
    CsvSyntaxError again_error;
    std::vector<CsvRecord> again = parse_csv(write_records(fields), &again_error);
    FUZZ_CHECK(again_error.reason.empty(), "written records parse without error");
    FUZZ_CHECK(again.size() == records.size(), "written records parse to as many records");
    for (std::size_t i = 0; i < again.size(); ++i) {
        FUZZ_CHECK(again[i].fields == records[i].fields, "written records keep their fields");
    }
}

void check_table_round_trip(std::string_view bytes) {
    Table table;
    try {
        table = read_csv_table(bytes, "fuzz.csv", Encoding::utf8);
    } catch (const InputError& e) {
        FUZZ_CHECK(!e.errors().empty(), "an input error says what is wrong");
        return;
    }
    FUZZ_CHECK(!table.header.empty(), "a table read without error has a header");
    std::vector<std::vector<std::string>> rows{table.header};
    int previous_row = 0;
    for (const TableRow& row : table.rows) {
        FUZZ_CHECK(row.row_number > previous_row, "data rows keep ascending row numbers");
        previous_row = row.row_number;
        rows.push_back(row.cells.to_strings());
    }
    Table again = read_csv_table(write_records(rows), "again.csv", Encoding::utf8);
    FUZZ_CHECK(again.header == table.header, "the header survives write and read");
    FUZZ_CHECK(again.rows.size() == table.rows.size(), "every row survives write and read");
    for (std::size_t i = 0; i < again.rows.size(); ++i) {
        FUZZ_CHECK(again.rows[i].cells == table.rows[i].cells, "cells survive write and read");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    check_record_round_trip(text);
    check_table_round_trip(text);
    return 0;
}
