// Validation of an imported table (docs/import.md) after the CSV reader: the input is read as
// CSV and validated as firms, figures and recognitions. Invariants: every good row is counted
// once and never also bad; errors name rows of the table; good records exported in the import
// format validate again to the same records (export → import is the identity).
#include <algorithm>
#include <set>

#include "fuzz_support.hpp"
#include "model/errors.hpp"
#include "model/import_schema.hpp"
#include "model/table.hpp"

using namespace ladder;

namespace {

const ValidationContext& context() {
    static const ValidationContext ctx = [] {
        ValidationContext c;
        c.today = Date::from_days(18627);  // 2021-01-01: the same verdicts on every run
        return c;
    }();
    return ctx;
}

template <class Record>
void check(const Table& table, RecordKind kind,
           Validated<Record> (*validate)(const Table&, const ValidationContext&)) {
    Validated<Record> result = validate(table, context());
    FUZZ_CHECK(result.records.size() == result.record_rows.size(), "one row number per record");
    FUZZ_CHECK(std::is_sorted(result.bad_rows.begin(), result.bad_rows.end()), "bad rows ascend");
    FUZZ_CHECK(
        std::adjacent_find(result.bad_rows.begin(), result.bad_rows.end()) == result.bad_rows.end(),
        "bad rows are unique");
    if (result.file_rejected) {
        FUZZ_CHECK(result.records.empty(), "a rejected file yields no records");
        FUZZ_CHECK(!result.errors.empty(), "a rejected file says why");
        return;
    }
    std::set<int> table_rows;
    for (const TableRow& row : table.rows) table_rows.insert(row.row_number);
    for (int row : result.record_rows) {
        FUZZ_CHECK(table_rows.count(row), "a record comes from a row of the table");
        FUZZ_CHECK(!std::binary_search(result.bad_rows.begin(), result.bad_rows.end(), row),
                   "a good row is not also bad");
    }
    for (const CellError& error : result.errors) {
        FUZZ_CHECK(!error.reason.empty(), "a cell error has a reason");
        FUZZ_CHECK(error.row <= 1 || table_rows.count(error.row), "errors name rows of the table");
    }
    if (result.records.empty()) return;

    Table exported;
    exported.file_name = "export.csv";
    exported.header = export_header(kind);
    int row_number = 1;
    for (const Record& record : result.records)
        exported.rows.push_back(TableRow{++row_number, RowCells(to_cells(record))});
    Validated<Record> again = validate(exported, context());
    FUZZ_CHECK(again.errors.empty(), "exported records validate without errors");
    FUZZ_CHECK(again.records == result.records, "exported records read back the same");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    Table table;
    try {
        table = read_csv_table(fuzz::as_text(data, size), "fuzz.csv", Encoding::detect);
    } catch (const InputError&) {
        return 0;
    }
    check(table, RecordKind::firms, &validate_firms);
    check(table, RecordKind::figures, &validate_figures);
    check(table, RecordKind::recognitions, &validate_recognitions);
    return 0;
}
