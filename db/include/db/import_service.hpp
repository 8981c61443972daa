#pragma once
// Import of a firms / figures / recognitions file: read → validate every cell → write in one
// transaction. Default all-or-nothing: any bad cell rejects the file and the database is
// unchanged. With OnError::Skip the good rows are imported and the bad rows written to a
// report (the input's columns plus `error`) that can be fixed and imported again; it is CSV
// for Excel: GB18030 when the input was GBK/GB18030, else UTF-8 with a BOM, CR LF.
#include <filesystem>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/errors.hpp"
#include "model/import_schema.hpp"
#include "model/progress.hpp"
#include "model/table.hpp"

namespace ladder {

enum class OnError { Abort, Skip };

struct ImportOptions {
    RecordKind kind = RecordKind::Firms;
    std::filesystem::path file;
    OnError on_error = OnError::Abort;
    Encoding encoding = Encoding::Auto;
    std::string actor = "system";
    // Skip mode: where the rejected rows go; empty = "<input stem>.rejected.csv" in the
    // current directory.
    std::filesystem::path report_file;
    bool dry_run = false;  // validate and count, write nothing
};

struct ImportResult {
    std::string file_name;
    std::string encoding;
    std::size_t rows_read = 0;
    std::size_t rows_rejected = 0;
    UpsertSummary summary;
    std::vector<CellError> errors;
    std::vector<std::string> warnings;
    std::filesystem::path report_file;  // written in skip mode when rows were rejected
    bool committed = false;
};

// Throws InputError (all cell errors) in abort mode when any row is bad, with nothing written.
ImportResult import_file(Database& db, const ImportOptions& options, const RegionTable& regions,
                         const TierCatalog& tiers, Progress* progress = nullptr);
// The same for a table already read (the GUI's wizard reads and previews first).
ImportResult import_table(Database& db, const Table& table, const ImportOptions& options,
                          const RegionTable& regions, const TierCatalog& tiers,
                          Progress* progress = nullptr);

enum class ExportFormat { Csv, Xlsx };
// Writes the table in the import format, sorted by key; "-" = standard output (CSV only).
// CSV is written as `csv` says: by default the byte-identical round-trip form (UTF-8 without
// BOM, LF), csv_for_excel() for people. XLSX cells are typed by export_cell_types().
void export_records(Database& db, RecordKind kind, ExportFormat format,
                    const std::filesystem::path& output, const CsvOptions& csv = {});

}  // namespace ladder
