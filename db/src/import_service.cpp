#include "db/import_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "db/maintenance.hpp"
#include "db/user_service.hpp"
#include "model/i18n.hpp"

namespace ladder {

namespace {

template <class Record>
Validated<Record> validate(const Table& table, const ValidationContext& ctx);
template <>
Validated<Firm> validate(const Table& t, const ValidationContext& c) {
    return validate_firms(t, c);
}
template <>
Validated<YearFigures> validate(const Table& t, const ValidationContext& c) {
    return validate_figures(t, c);
}
template <>
Validated<Recognition> validate(const Table& t, const ValidationContext& c) {
    return validate_recognitions(t, c);
}

// Who may write the registry is the service's decision, not the front end's: on a registry
// with accounts the importing name must be an active user whose role may edit the registry.
// A registry without accounts is single-user; its imports are recorded under the name given.
void require_registry_editor(Database& db, const std::string& actor) {
    UserService users(db);
    if (!users.has_users()) return;
    std::optional<User> user = users.find(actor);
    if (!user || !user->active)
        throw PermissionError(fmt::format(
            fmt::runtime(_("{} is not an active user of this registry and may not import into it")),
            actor));
    require_permission(user->name, user->role, Operation::edit_registry);
}

std::filesystem::path default_report_path(const std::string& file_name) {
    return std::filesystem::path(file_name).stem().string() + ".rejected.csv";
}

// The rejected rows as they were read, plus an `error` column with every reason for the row;
// importing the fixed report ignores that column (with a warning). The clerk fixes it in Excel
// or WPS, so it is written for them: in the input's GBK/GB18030 when it came so (GB18030 holds
// every character read from it), else UTF-8 with a BOM, and CR LF.
void write_reject_report(const Table& table, const std::vector<CellError>& errors,
                         const std::vector<int>& bad_rows, const std::filesystem::path& path) {
    std::vector<std::string> header = table.header;
    header.push_back("error");
    std::vector<std::vector<std::string>> rows;
    for (const TableRow& row : table.rows) {
        if (!std::binary_search(bad_rows.begin(), bad_rows.end(), row.row_number)) continue;
        std::vector<std::string> cells = row.cells.to_strings();
        cells.resize(table.header.size());
        std::string reasons;
        for (const CellError& e : errors) {
            if (e.row != row.row_number) continue;
            if (!reasons.empty()) reasons += "; ";
            reasons += e.column.empty() ? e.reason : e.column + ": " + e.reason;
        }
        cells.push_back(reasons);
        rows.push_back(std::move(cells));
    }
    bool chinese_code_page = table.encoding.starts_with("GB");
    write_csv_file(path, header, rows,
                   csv_for_excel(chinese_code_page ? CsvEncoding::Gb18030 : CsvEncoding::Utf8Bom));
}

template <class Record>
ImportResult run_import(Database& db, const Table& table, const ImportOptions& options,
                        const ValidationContext& ctx, Progress* progress) {
    ImportResult result;
    result.file_name = table.file_name;
    result.encoding = table.encoding;
    result.rows_read = table.rows.size();
    report(progress, 0, table.rows.size(), _("Validating"));
    Validated<Record> checked = validate<Record>(table, ctx);
    result.errors = checked.errors;
    result.warnings = checked.warnings;
    result.rows_rejected = checked.bad_rows.size();
    if (checked.file_rejected || (!checked.errors.empty() && options.on_error == OnError::Abort))
        throw InputError(checked.errors);
    if (!checked.bad_rows.empty() && !options.dry_run) {
        result.report_file = options.report_file.empty() ? default_report_path(table.file_name)
                                                         : options.report_file;
        write_reject_report(table, checked.errors, checked.bad_rows, result.report_file);
    }
    report(progress, table.rows.size(), table.rows.size(), _("Writing"));
    if (!options.dry_run) rotating_backup(db, "before-import");
    RegistryRepository repo(db);
    AuditRepository audit(db);
    Transaction tx(db);
    // Each chunk's entries are chained and written as they come: one entry per change, without
    // holding millions of them.
    result.summary = repo.upsert(checked.records, [&](std::vector<AuditEntry>&& entries) {
        audit.append(std::move(entries), options.actor);
    });
    report(progress, table.rows.size(), table.rows.size(), _("Recording the audit trail"));
    AuditEntry summary_entry;
    summary_entry.action = "import";
    summary_entry.entity = std::string(record_kind_name(options.kind));
    summary_entry.entity_key = table.file_name;
    summary_entry.after =
        fmt::format("rows={} inserted={} updated={} unchanged={} rejected={} encoding={}",
                    result.rows_read, result.summary.inserted, result.summary.updated,
                    result.summary.unchanged, result.rows_rejected, table.encoding);
    audit.append({std::move(summary_entry)}, options.actor);
    if (options.dry_run) return result;  // the transaction rolls back
    tx.commit();
    result.committed = true;
    return result;
}

}  // namespace

ImportResult import_table(Database& db, const Table& table, const ImportOptions& options,
                          const RegionTable& regions, const TierCatalog& tiers,
                          Progress* progress) {
    if (!options.dry_run) require_registry_editor(db, options.actor);
    ValidationContext ctx;
    ctx.regions = &regions;
    ctx.tiers = &tiers;
    ctx.today = Date::today();
    std::vector<std::string> codes;
    if (options.kind != RecordKind::Firms) {
        codes = RegistryRepository(db).credit_codes();
        ctx.firm_exists = [&codes](const std::string& code) {
            return std::binary_search(codes.begin(), codes.end(), code);
        };
    }
    switch (options.kind) {
        case RecordKind::Firms:
            return run_import<Firm>(db, table, options, ctx, progress);
        case RecordKind::Figures:
            return run_import<YearFigures>(db, table, options, ctx, progress);
        case RecordKind::Recognitions:
            return run_import<Recognition>(db, table, options, ctx, progress);
    }
    throw UsageError("unknown record kind");
}

ImportResult import_file(Database& db, const ImportOptions& options, const RegionTable& regions,
                         const TierCatalog& tiers, Progress* progress) {
    report(progress, 0, 0, _("Reading"));
    Table table = read_table(options.file, options.encoding);
    return import_table(db, table, options, regions, tiers, progress);
}

void export_records(Database& db, RecordKind kind, ExportFormat format,
                    const std::filesystem::path& output, const CsvOptions& csv) {
    RegistryRepository repo(db);
    std::vector<std::vector<std::string>> rows;
    switch (kind) {
        case RecordKind::Firms:
            for (const auto& r : repo.load_firms()) rows.push_back(to_cells(r));
            break;
        case RecordKind::Figures:
            for (const auto& r : repo.load_figures()) rows.push_back(to_cells(r));
            break;
        case RecordKind::Recognitions:
            for (const auto& r : repo.load_recognitions()) rows.push_back(to_cells(r));
            break;
    }
    std::vector<std::string> header = export_header(kind);
    if (format == ExportFormat::Csv) {
        write_csv_file(output, header, rows, csv);
        return;
    }
    if (output == "-") throw UsageError(_("XLSX export needs --output FILE"));
    Sheet sheet;
    sheet.name = std::string(record_kind_name(kind));
    sheet.header = header;
    sheet.rows = std::move(rows);
    sheet.column_types = export_cell_types(kind);
    write_xlsx_file(output, {sheet});
}

}  // namespace ladder
