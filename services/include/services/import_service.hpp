#pragma once
// Import of a firms / figures / recognitions file: read → validate every cell → write in one
// transaction. Default all-or-nothing: any bad cell rejects the file and the database is
// unchanged. With OnError::skip the good rows are imported and the bad rows written to a
// report (the input's columns plus `error`) that can be fixed and imported again; it is CSV
// for Excel: GB18030 when the input was GBK/GB18030, else UTF-8 with a BOM, CR LF.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/application.hpp"
#include "model/audit.hpp"
#include "model/errors.hpp"
#include "model/import_merge.hpp"
#include "model/import_schema.hpp"
#include "model/progress.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"
#include "model/table.hpp"

namespace ladder {

enum class OnError { abort, skip };

struct ImportOptions {
    RecordKind kind = RecordKind::firms;
    std::filesystem::path file;
    OnError on_error = OnError::abort;
    Encoding encoding = Encoding::detect;
    std::string sheet;  // XLSX: a sheet's name or 1-based number; empty = the first with a header
    // Called with the table's notes (sheet read, rows skipped) as soon as the file is read, so
    // that they reach the clerk also when the import is then rejected.
    std::function<void(const std::vector<std::string>& notes)> on_notes;
    // Skip mode: where the rejected rows go; empty = "<input stem>.rejected.csv" in the
    // current directory.
    std::filesystem::path report_file;
    bool dry_run = false;  // validate and count, write nothing
    // A blank cell in a row that updates a stored record: keep the stored value (the default:
    // blank = not reported this time) or clear it.
    EmptyCells empty = EmptyCells::keep;
    // The change set: how many field changes to list, and (with rules) whose verdicts for
    // `year` would flip. Both front ends show the same preview.
    std::size_t listed_changes = 2000;
    const RuleSet* rules = nullptr;
    int year = 0;
};

// One field an import changes: the record's key, the column id, the value before and after
// (export form; before is empty for a new record).
struct FieldChange {
    std::string key;
    std::string column;  // the column id
    std::string label;   // its Chinese name, what people read
    std::string before;
    std::string after;
    bool new_record = false;
};

// A firm whose verdict for a tier would change with the import.
struct VerdictFlip {
    std::string credit_code;
    std::string firm_name;
    std::string tier;     // id
    std::string tier_zh;  // the rule set's Chinese name
    TierVerdict before = TierVerdict::incomplete;
    TierVerdict after = TierVerdict::incomplete;
};

struct ImportResult {
    std::string file_name;
    std::string encoding;
    std::size_t rows_read = 0;
    std::size_t rows_rejected = 0;
    UpsertSummary summary;
    MergeCounts merge;  // blank cells that kept a stored value, or cleared it
    std::size_t fields_changed = 0;
    std::vector<FieldChange> changes;  // the first options.listed_changes, key order
    std::vector<VerdictFlip> flips;    // with options.rules, for the firms that change
    std::vector<CellError> errors;
    std::vector<std::string> warnings;
    std::vector<std::string> notes;     // the table's: sheet read, title and footer rows skipped
    std::filesystem::path report_file;  // written in skip mode when rows were rejected
    bool committed = false;
};

// Throws InputError (all cell errors) in abort mode when any row is bad, with nothing written.
// A dry run computes the same validation, merge and change set and writes nothing; the
// preview of the GUI's wizard and `import --dry-run` are this one computation.
// `by` is the importing account (checked against the registry's users when it has any) and
// the name its audit entries carry; a dry run neither checks nor records it.
ImportResult import_file(Database& db, const Actor& by, const ImportOptions& options,
                         const RegionTable& regions, const TierCatalog& tiers,
                         Progress* progress = nullptr);
// The same for a table already read (the GUI's wizard reads and previews first).
ImportResult import_table(Database& db, const Actor& by, const Table& table,
                          const ImportOptions& options, const RegionTable& regions,
                          const TierCatalog& tiers, Progress* progress = nullptr);

enum class ExportFormat { csv, xlsx };
// Writes the table in the import format, sorted by key; "-" = standard output (CSV only).
// CSV is written as `csv` says: by default the byte-identical round-trip form (UTF-8 without
// BOM, LF), csv_for_excel() for people. XLSX cells are typed by export_cell_types(). Returns
// the audit head read before the rows (in a ReadSnapshot, the one they were read at); an XLSX
// names it in the custom document property "audit_head", never in its data.
AuditAnchor export_records(Database& db, RecordKind kind, ExportFormat format,
                           const std::filesystem::path& output, const CsvOptions& csv = {});

}  // namespace ladder
