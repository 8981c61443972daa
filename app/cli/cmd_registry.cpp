// init, import, export: the registry's file interface (spec/data.md).
#include <iostream>

#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "db/import_service.hpp"
#include "db/user_service.hpp"
#include "model/i18n.hpp"
#include "model/regions.hpp"
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

LADDER_CLI_COMMAND(10, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto* cmd = app.add_subcommand(
        "init", _("create the registry database (or bring its schema up to date)"));
    cmd->callback([&ctx] {
        Database db = ctx.open_database();
        *ctx.out << fmt::format(fmt::runtime(_("{}: schema version {}")), db.description(),
                                db.schema_version())
                 << '\n';
    });
});

struct ImportArgs {
    std::string kind, file, on_error = "abort", encoding = "auto", report, actor;
    bool dry_run = false;
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
    cmd->add_option("--report", args->report, _("skip mode: file for the rejected rows"));
    cmd->add_flag("--dry-run", args->dry_run, _("validate and count only; change nothing"));
    cmd->add_option(
           "--user", args->actor,
           _("user making the import (signs in when the registry has users; default $LADDER_USER)"))
        ->envname("LADDER_USER");
    cmd->callback([&ctx, &status, args] {
        ImportOptions options;
        options.kind = kind_from(args->kind);
        options.file = args->file;
        options.on_error = args->on_error == "skip" ? OnError::Skip : OnError::Abort;
        options.encoding = args->encoding == "utf-8" ? Encoding::Utf8
                           : args->encoding == "gbk" ? Encoding::Gbk
                                                     : Encoding::Auto;
        options.report_file = args->report;
        options.dry_run = args->dry_run;
        if (!std::filesystem::exists(options.file))
            throw InputError({{options.file.filename().string(), 0, "", _("file not found")}});
        Database db = ctx.open_database();
        options.actor = registry_editor(db, args->actor).name;
        ImportResult r = import_file(db, options, RegionTable::shipped(), TierCatalog::builtin());
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
        if (!r.report_file.empty())
            *ctx.err << fmt::format(fmt::runtime(_("rejected rows written to {}")),
                                    r.report_file.string())
                     << '\n';
        status = 0;
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
            csv = csv_for_excel(CsvEncoding::Gbk);
        else if (args->excel)
            csv = csv_for_excel(CsvEncoding::Utf8Bom);
        Database db = ctx.open_database();
        if (args->output == "-") ctx.out->flush();
        export_records(db, kind_from(args->kind), xlsx ? ExportFormat::Xlsx : ExportFormat::Csv,
                       args->output, csv);
    });
});

}  // namespace
}  // namespace ladder::cli
