// init, import, export: the registry's file interface (docs/import.md).
#include <iostream>

#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "services/import_service.hpp"
#include "services/maintenance_service.hpp"
#include "services/user_service.hpp"
#include "model/date.hpp"
#include "model/i18n.hpp"
#include "model/regions.hpp"
#include "model/rules/rule_set.hpp"
#include "model/resources.hpp"
#include "model/tiers.hpp"

namespace ladder::cli {
namespace {

RecordKind kind_from(const std::string& name) {
    auto kind = parse_record_kind(name);
    if (!kind)
        throw UsageError(fmt::format(
            fmt::runtime(_("unknown table {} (firms, figures or recognitions)")), name));
    return *kind;
}

const std::vector<std::string> kKinds = {"firms", "figures", "recognitions"};

// The dry run's change set, the same one the GUI's import wizard shows.
void print_change_set(std::ostream& out, const ImportResult& r, const ImportOptions& options) {
    if (r.fields_changed)
        out << fmt::format(fmt::runtime(_("field changes: {}")), r.fields_changed) << '\n';
    std::size_t listed = 0;
    for (const auto& c : r.changes) {
        if (c.new_record)
            out << "  " << c.key << ": " << _("new") << '\n';
        else
            out << "  " << c.key << " " << c.label << ": " << (c.before.empty() ? "-" : c.before)
                << " -> " << (c.after.empty() ? "-" : c.after) << '\n';
        ++listed;
    }
    const std::size_t total = r.fields_changed + r.summary.inserted;
    if (listed < total)
        out << fmt::format(fmt::runtime(_("  ... and {} more")), total - listed) << '\n';
    if (!options.rules) return;
    out << fmt::format(fmt::runtime(_("verdicts for {} that would change: {}")), options.year,
                       r.flips.size())
        << '\n';
    for (const auto& f : r.flips)
        out << "  " << f.credit_code << " " << f.firm_name << " " << f.tier_zh << ": "
            << verdict_label(f.before) << " -> " << verdict_label(f.after) << '\n';
}

LADDER_CLI_COMMAND(10, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto* cmd = app.add_subcommand(
        "init", _("create the registry database (or bring its schema up to date)"));
    auto app_roles = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--app-role", *app_roles,
                    _("PostgreSQL, run as the owner: the role clients connect as for daily work; "
                      "it gets only the rights daily work needs (repeatable)"));
    auto parents = std::make_shared<bool>(false);
    cmd->add_flag("--parents", *parents,
                  _("also create the missing directories of --db (default: they must exist)"));
    cmd->callback([&ctx, app_roles, parents] {
        // Refused before a SQLite file is created for nothing.
        if (!app_roles->empty() && ctx.db_url.rfind("postgresql://", 0) != 0)
            throw UsageError(
                _("application roles are for PostgreSQL registries; a SQLite "
                  "registry is kept private by its file's permissions"));
        Database db =
            ctx.open_database(*parents ? OpenMode::create_with_parents : OpenMode::create);
        *ctx.out << fmt::format(fmt::runtime(_("{}: schema version {}")), db.description(),
                                db.schema_version())
                 << '\n';
        for (const std::string& role : *app_roles) {
            MaintenanceService(db).grant_application_role(role);
            *ctx.out << fmt::format(
                            fmt::runtime(_("application role {}: reads the registry and appends "
                                           "to the audit trail; it cannot change or delete an "
                                           "entry, move the audit head or alter the schema")),
                            role)
                     << '\n';
        }
    });
});

struct ImportArgs {
    std::string kind, file, on_error = "abort", encoding = "auto", sheet, report, actor,
                            empty = "keep";
    bool dry_run = false;
    int year = 0;
    std::size_t changes = 20;
};

LADDER_CLI_COMMAND(20, [](CLI::App& app, Context& ctx, int& status) {
    auto args = std::make_shared<ImportArgs>();
    auto* cmd =
        app.add_subcommand("import", _("import firms, figures or recognitions from CSV or XLSX"));
    cmd->add_option("table", args->kind, _("firms | figures | recognitions"))
        ->required()
        ->check(CLI::IsMember(kKinds));
    cmd->add_option("file", args->file, _("CSV (UTF-8 or GBK) or XLSX file"))->required();
    cmd->add_option(
           "--on-error", args->on_error,
           _("abort: reject the whole file on any bad row (default); skip: import the good rows"))
        ->check(CLI::IsMember({"abort", "skip"}));
    cmd->add_option("--encoding", args->encoding, _("auto (default), utf-8 or gbk"))
        ->check(CLI::IsMember({"auto", "utf-8", "gbk"}));
    cmd->add_option("--sheet", args->sheet,
                    _("XLSX: the sheet to read, by name or number (default: the first visible "
                      "sheet with a header)"));
    cmd->add_option("--report", args->report, _("skip mode: file for the rejected rows"));
    cmd->add_flag("--dry-run", args->dry_run,
                  _("show what the import would change (new, updated, unchanged, blank cells, "
                    "field changes, verdicts that flip) and change nothing"));
    cmd->add_option("--empty", args->empty,
                    _("a blank cell in a row that updates a stored record: keep (default) the "
                      "stored value, or clear it"))
        ->check(CLI::IsMember({"keep", "clear"}));
    cmd->add_option("--changes", args->changes,
                    _("dry run: how many field changes to list (default 20)"));
    cmd->add_option("--year", args->year,
                    _("dry run: the assessment year whose verdicts are compared (default: last "
                      "year)"));
    cmd->add_option(
           "--user", args->actor,
           _("user making the import (signs in when the registry has users; default $LADDER_USER)"))
        ->envname("LADDER_USER");
    cmd->callback([&ctx, &status, args] {
        ImportOptions options;
        options.kind = kind_from(args->kind);
        options.file = args->file;
        options.on_error = args->on_error == "skip" ? OnError::skip : OnError::abort;
        options.encoding = args->encoding == "utf-8" ? Encoding::utf8
                           : args->encoding == "gbk" ? Encoding::gbk
                                                     : Encoding::detect;
        options.sheet = args->sheet;
        // Notes go out as soon as the file is read: the sheet and rows skipped explain a
        // rejection as much as a success.
        options.on_notes = [&ctx, file_name = options.file.filename().string()](
                               const std::vector<std::string>& notes) {
            for (const auto& note : notes)
                *ctx.err << file_name << ": " << _("note") << ": " << note << '\n';
        };
        options.report_file = args->report;
        options.dry_run = args->dry_run;
        options.empty = args->empty == "clear" ? EmptyCells::clear : EmptyCells::keep;
        options.listed_changes = args->changes;
        if (!std::filesystem::exists(options.file))
            throw InputError({{options.file.filename().string(), 0, "", _("file not found")}});
        Database db = ctx.open_database();
        const Actor by = registry_editor(db, args->actor);
        // The preview's verdicts: the rule set in force for the assessment year.
        if (options.dry_run) {
            options.year = args->year ? args->year : Date::today().year() - 1;
            options.rules = &rule_set_for(options.year);
        }
        ImportResult r =
            import_file(db, by, options, RegionTable::shipped(), TierCatalog::builtin());
        for (const auto& w : r.warnings)
            *ctx.err << r.file_name << ": " << _("warning") << ": " << w << '\n';
        for (const auto& e : r.errors) *ctx.err << e.to_string() << '\n';
        *ctx.out
            << fmt::format(
                   fmt::runtime(
                       _("{} ({}): {} rows read, {} new, {} updated, {} unchanged, {} rejected{}")),
                   r.file_name, r.encoding, r.rows_read, r.summary.inserted, r.summary.updated,
                   r.summary.unchanged, r.rows_rejected,
                   r.committed ? "" : _(" (dry run, nothing written)"))
            << '\n';
        if (r.merge.kept || r.merge.cleared)
            *ctx.out << fmt::format(fmt::runtime(_("blank cells: {} kept the stored value, {} "
                                                   "cleared it")),
                                    r.merge.kept, r.merge.cleared)
                     << '\n';
        if (options.dry_run) print_change_set(*ctx.out, r, options);
        if (!r.report_file.empty())
            *ctx.err << fmt::format(fmt::runtime(_("rejected rows written to {}")),
                                    r.report_file.string())
                     << '\n';
        // Skip mode with every row rejected imported nothing: bad input (the report is written).
        const std::size_t accepted = r.summary.inserted + r.summary.updated + r.summary.unchanged;
        status = options.on_error == OnError::skip && r.rows_rejected > 0 && accepted == 0 ? 1 : 0;
    });
});

struct ExportArgs {
    std::string kind, format = "csv", output = "-", encoding = "utf-8";
    bool excel = false;
};

LADDER_CLI_COMMAND(30, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd =
        app.add_subcommand("export", _("export a table in the import format, sorted by key"));
    cmd->add_option("table", args->kind, _("firms | figures | recognitions"))
        ->required()
        ->check(CLI::IsMember(kKinds));
    cmd->add_option("--format", args->format, _("csv (default) or xlsx"))
        ->check(CLI::IsMember({"csv", "xlsx"}));
    cmd->add_option("--output,-o", args->output, _("output file (default: standard output)"));
    auto* excel =
        cmd->add_flag("--excel", args->excel,
                      _("CSV for Excel and WPS: UTF-8 with a byte order mark and CR LF line ends"));
    auto* encoding =
        cmd->add_option("--encoding", args->encoding,
                        _("CSV text encoding: utf-8 (default) or gbk (for Excel and WPS, "
                          "CR LF line ends)"))
            ->check(CLI::IsMember({"utf-8", "gbk"}));
    cmd->callback([&ctx, args, excel, encoding] {
        bool xlsx = args->format == "xlsx";
        if (xlsx && (excel->count() > 0 || encoding->count() > 0))
            throw UsageError(_("--excel and --encoding apply to CSV; XLSX is always for Excel"));
        // Without --excel or --encoding gbk the CSV is the round-trip form, byte for byte.
        CsvOptions csv;
        if (args->encoding == "gbk")
            csv = csv_for_excel(CsvEncoding::gbk);
        else if (args->excel)
            csv = csv_for_excel(CsvEncoding::utf8_bom);
        Database db = ctx.open_database();
        if (args->output == "-") ctx.out->flush();
        // The rows and the head they are named with from one state, while others may write.
        ReadSnapshot snapshot(db);
        AuditAnchor head =
            export_records(db, kind_from(args->kind), xlsx ? ExportFormat::xlsx : ExportFormat::csv,
                           args->output, csv);
        // Never in the data (the export must import again as it is): on stderr, and in an
        // XLSX's document properties.
        *ctx.err << fmt::format(fmt::runtime(_("exported at audit head {}")), head.text()) << '\n';
    });
});

}  // namespace
}  // namespace ladder::cli
