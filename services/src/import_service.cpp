#include "services/import_service.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/backup_store.hpp"
#include "db/negative_list_repository.hpp"
#include "services/user_service.hpp"
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
                   csv_for_excel(chinese_code_page ? CsvEncoding::gb18030 : CsvEncoding::utf8_bom));
}

// The key of a record as the change set and messages show it.
std::string display_key(const Firm& f) {
    return f.credit_code;
}
std::string display_key(const YearFigures& f) {
    return fmt::format("{}/{}", f.credit_code, f.year);
}
std::string display_key(const Recognition& r) {
    return fmt::format("{}/{}/{}", r.credit_code, r.tier, r.valid_from.to_string());
}

// A firm's record after the import, for the verdicts that would flip.
void apply(FirmRecord& record, const Firm& firm) {
    record.firm = firm;
}
void apply(FirmRecord& record, const YearFigures& figures) {
    auto& all = record.figures;
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const YearFigures& f) { return f.year >= figures.year; });
    if (it != all.end() && it->year == figures.year)
        *it = figures;
    else
        all.insert(it, figures);
}
void apply(FirmRecord& record, const Recognition& recognition) {
    auto& all = record.recognitions;
    auto it = std::find_if(all.begin(), all.end(), [&](const Recognition& r) {
        return r.tier == recognition.tier && r.valid_from == recognition.valid_from;
    });
    if (it != all.end())
        *it = recognition;
    else
        all.push_back(recognition);
}

// Firms whose verdicts the preview evaluates before and after: enough to show what an import
// does to the tiers without evaluating a whole registry for a preview.
constexpr std::size_t kFlipFirms = 300;

// The rows of a validated file merged over the stored records (partial files update only what
// they hold), with the merge's errors among the validation's and the change set. Runs inside
// the import's transaction, so what it read is what the upsert writes over.
template <class Record>
void merge_with_registry(Database& db, const Table& table, const ImportOptions& options,
                         Validated<Record>& checked, ImportResult& result) {
    RegistryRepository repo(db);
    const auto& columns = columns_of(options.kind);
    const std::vector<std::string> header = export_header(options.kind);
    std::vector<CellError> merge_errors;
    std::vector<bool> bad(checked.records.size(), false);
    std::map<std::string, FirmRecord> after;  // firms whose verdicts may flip
    std::vector<FieldChange> changes;
    repo.visit_stored(checked.records, [&](std::size_t i, const Record* stored) {
        const int row = checked.record_rows[i];
        auto fail = [&](std::size_t col, std::string why) {
            bad[i] = true;
            merge_errors.push_back(
                {table.file_name, row, std::string(columns[col].id), std::move(why)});
        };
        Record merged = merge_row(checked.records[i], checked.record_columns[i], stored,
                                  options.empty, result.merge, fail);
        if (bad[i]) return;
        if (!stored) {
            ++result.summary.inserted;
            if (changes.size() < options.listed_changes)
                changes.push_back({display_key(merged), "", "", "", "", true});
        } else if (merged == *stored) {
            ++result.summary.unchanged;
        } else {
            ++result.summary.updated;
            auto old_cells = to_cells(*stored);
            auto new_cells = to_cells(merged);
            for (std::size_t c = 0; c < header.size(); ++c) {
                if (old_cells[c] == new_cells[c]) continue;
                ++result.fields_changed;
                if (changes.size() < options.listed_changes)
                    changes.push_back({display_key(merged), header[c], std::string(columns[c].zh),
                                       old_cells[c], new_cells[c], false});
            }
        }
        // A firm new to the registry has no verdicts to flip; a changed record's firm may.
        const bool changes_firm = !stored || !(merged == *stored);
        if (options.rules && changes_firm && (stored || options.kind != RecordKind::firms) &&
            (after.size() < kFlipFirms || after.count(merged.credit_code)))
            after.try_emplace(merged.credit_code);  // read from the registry below
        checked.records[i] = std::move(merged);
    });
    // The change set in key order (the merge visits in credit-code order, by chunks).
    std::stable_sort(changes.begin(), changes.end(),
                     [](const FieldChange& a, const FieldChange& b) { return a.key < b.key; });
    result.changes = std::move(changes);

    if (options.rules && !after.empty()) {
        for (auto& [code, record] : after)
            if (auto stored = repo.firm_record(code)) record = std::move(*stored);
        std::map<std::string, FirmRecord> before = after;
        for (std::size_t i = 0; i < checked.records.size(); ++i) {
            if (bad[i]) continue;
            auto it = after.find(checked.records[i].credit_code);
            if (it != after.end()) apply(it->second, checked.records[i]);
        }
        // A file that names another controlling shareholder or group changes whose titles
        // count as under the same control.
        if (options.kind == RecordKind::firms) {
            const ControlIndex control = repo.control_index();
            for (auto& [code, record] : after) control.attach(record);
        }
        for (const auto& [code, record] : before) {
            auto was = evaluate_all(*options.rules, record, options.year, Detail::verdicts);
            auto now = evaluate_all(*options.rules, after[code], options.year, Detail::verdicts);
            for (std::size_t t = 0; t < was.size() && t < now.size(); ++t) {
                if (was[t].verdict == now[t].verdict) continue;
                const TierRules* tier = options.rules->find_tier(was[t].tier);
                result.flips.push_back({code, after[code].firm.name, was[t].tier,
                                        tier ? tier->zh : was[t].tier, was[t].verdict,
                                        now[t].verdict});
            }
        }
    }

    if (merge_errors.empty()) return;
    // Each row's merge errors after its cell errors; rows in file order.
    checked.errors.insert(checked.errors.end(), std::make_move_iterator(merge_errors.begin()),
                          std::make_move_iterator(merge_errors.end()));
    std::stable_sort(checked.errors.begin(), checked.errors.end(),
                     [](const CellError& a, const CellError& b) { return a.row < b.row; });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < checked.records.size(); ++i) {
        if (bad[i]) {
            checked.bad_rows.push_back(checked.record_rows[i]);
            continue;
        }
        if (kept != i) {
            checked.records[kept] = std::move(checked.records[i]);
            checked.record_rows[kept] = checked.record_rows[i];
            checked.record_columns[kept] = checked.record_columns[i];
        }
        ++kept;
    }
    checked.records.resize(kept);
    checked.record_rows.resize(kept);
    checked.record_columns.resize(kept);
    std::sort(checked.bad_rows.begin(), checked.bad_rows.end());
}

template <class Record>
ImportResult run_import(Database& db, const Actor& by, const Table& table,
                        const ImportOptions& options, const ValidationContext& ctx,
                        Progress* progress) {
    ImportResult result;
    result.file_name = table.file_name;
    result.encoding = table.encoding;
    result.rows_read = table.rows.size();
    result.notes = table.notes;
    report(progress, 0, table.rows.size(), _("Validating"));
    Validated<Record> checked = validate<Record>(table, ctx);
    result.warnings = checked.warnings;
    result.notes.insert(result.notes.end(), checked.notes.begin(), checked.notes.end());
    if (options.on_notes && !checked.notes.empty()) options.on_notes(checked.notes);
    if (checked.file_rejected || (!checked.errors.empty() && options.on_error == OnError::abort))
        throw InputError(checked.errors);

    AuditRepository audit(db);
    Transaction tx(db);
    report(progress, 0, table.rows.size(), _("Comparing with the registry"));
    merge_with_registry(db, table, options, checked, result);
    result.errors = checked.errors;
    result.rows_rejected = checked.bad_rows.size();
    if (!result.errors.empty() && options.on_error == OnError::abort)
        throw InputError(result.errors);  // the transaction rolls back
    if (!checked.bad_rows.empty() && !options.dry_run) {
        result.report_file = options.report_file.empty() ? default_report_path(table.file_name)
                                                         : options.report_file;
        write_reject_report(table, checked.errors, checked.bad_rows, result.report_file);
    }
    if (options.dry_run) return result;  // the change set is the merge's; nothing is written

    // A backup only when the import changes something; taken inside the transaction before its
    // first write, so it holds exactly the registry the import starts from.
    if (result.summary.inserted + result.summary.updated > 0) rotating_backup(db, "before-import");
    report(progress, table.rows.size(), table.rows.size(), _("Writing"));
    RegistryRepository repo(db);
    // Each chunk's entries are chained and written as they come: one entry per changed row,
    // one per 50,000 new rows (their values compressed), without holding millions of them.
    AuditWriter trail(db, by.name);
    result.summary = repo.upsert(
        checked.records, [&](std::vector<AuditEntry>&& entries) { trail.add(std::move(entries)); });
    trail.finish();
    report(progress, table.rows.size(), table.rows.size(), _("Recording the audit trail"));
    AuditEntry summary_entry;
    summary_entry.action = "import";
    summary_entry.entity = std::string(record_kind_name(options.kind));
    summary_entry.entity_key = table.file_name;
    summary_entry.after = fmt::format(
        "rows={} inserted={} updated={} unchanged={} rejected={} kept_blank={} cleared={} "
        "encoding={}",
        result.rows_read, result.summary.inserted, result.summary.updated, result.summary.unchanged,
        result.rows_rejected, result.merge.kept, result.merge.cleared, table.encoding);
    audit.append({std::move(summary_entry)}, by.name);
    tx.commit();
    result.committed = true;
    return result;
}

}  // namespace

ImportResult import_table(Database& db, const Actor& by, const Table& table,
                          const ImportOptions& options, const RegionTable& regions,
                          const TierCatalog& tiers, Progress* progress) {
    if (!options.dry_run) require_registry_editor(db, by.name);
    ValidationContext ctx;
    ctx.regions = &regions;
    ctx.tiers = &tiers;
    ctx.today = Date::today();
    ctx.rows_may_update = true;
    std::vector<std::pair<std::string, Date>> founded;
    // A file's rows of one firm usually come together: the last firm found is asked first.
    auto find = [&founded, last = static_cast<const std::pair<std::string, Date>*>(nullptr)](
                    const std::string& code) mutable {
        if (last && last->first == code) return last;
        auto it = std::lower_bound(
            founded.begin(), founded.end(), code,
            [](const auto& entry, const std::string& c) { return entry.first < c; });
        last = it != founded.end() && it->first == code ? &*it : nullptr;
        return last;
    };
    std::vector<std::string> codes;
    if (options.kind == RecordKind::firms) {
        codes = RegistryRepository(db).credit_codes();
        ctx.is_stored = [&codes](const std::string& code) {
            return std::binary_search(codes.begin(), codes.end(), code);
        };
    } else {
        founded = RegistryRepository(db).founding_dates();
        ctx.firm_exists = [find](const std::string& code) mutable { return find(code) != nullptr; };
        ctx.founded_of = [find](const std::string& code) mutable -> std::optional<Date> {
            auto entry = find(code);
            return entry ? std::optional<Date>(entry->second) : std::nullopt;
        };
    }
    switch (options.kind) {
        case RecordKind::firms:
            return run_import<Firm>(db, by, table, options, ctx, progress);
        case RecordKind::figures:
            return run_import<YearFigures>(db, by, table, options, ctx, progress);
        case RecordKind::recognitions:
            return run_import<Recognition>(db, by, table, options, ctx, progress);
    }
    throw UsageError("unknown record kind");
}

ImportResult import_file(Database& db, const Actor& by, const ImportOptions& options,
                         const RegionTable& regions, const TierCatalog& tiers, Progress* progress) {
    report(progress, 0, 0, _("Reading"));
    ReadOptions read;
    read.encoding = options.encoding;
    read.sheet = options.sheet;
    read.header_key = [kind = options.kind](const std::vector<std::string>& cells) {
        return header_key_column(kind, cells);
    };
    Table table = read_table(options.file, read);
    if (options.on_notes) options.on_notes(table.notes);
    return import_table(db, by, table, options, regions, tiers, progress);
}

AuditAnchor export_records(Database& db, RecordKind kind, ExportFormat format,
                           const std::filesystem::path& output, const CsvOptions& csv) {
    const AuditAnchor head = current_audit_head(db);
    RegistryRepository repo(db);
    std::vector<std::vector<std::string>> rows;
    switch (kind) {
        case RecordKind::firms:
            for (const auto& r : repo.load_firms()) rows.push_back(to_cells(r));
            break;
        case RecordKind::figures:
            for (const auto& r : repo.load_figures()) rows.push_back(to_cells(r));
            break;
        case RecordKind::recognitions:
            for (const auto& r : repo.load_recognitions()) rows.push_back(to_cells(r));
            break;
    }
    std::vector<std::string> header = export_header(kind);
    if (format == ExportFormat::csv) {
        write_csv_file(output, header, rows, csv);
        return head;
    }
    if (output == "-") throw UsageError(_("XLSX export needs --output FILE"));
    Sheet sheet;
    sheet.name = std::string(record_kind_name(kind));
    sheet.header = header;
    sheet.rows = std::move(rows);
    sheet.column_types = export_cell_types(kind);
    write_xlsx_file(output, {sheet}, {{"audit_head", head.text()}});
    return head;
}

}  // namespace ladder
