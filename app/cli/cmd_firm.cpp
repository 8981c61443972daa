// firm show / firm edit / figures set: one record at a time, with optimistic concurrency —
// an edit names the version it was based on (--expect-version) and is refused if someone
// else saved in between.
#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "services/registry_service.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/import_schema.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct FirmArgs {
    std::string code, user, format = "table";
    std::vector<std::string> assignments;
    int64_t expect_version = -1;
    int year = 0;
};

// Applies `column=value` assignments to the export cells of a record and validates the
// result with the import rules (the same parser, the same messages).
template <class Record, class Validate>
Record apply_assignments(const Record& current, RecordKind kind,
                         const std::vector<std::string>& assignments, Validate validate) {
    std::vector<std::string> cells = to_cells(current);
    for (const auto& a : assignments) {
        auto eq = a.find('=');
        if (eq == std::string::npos)
            throw UsageError(fmt::format(fmt::runtime(_("expected COLUMN=VALUE, got {}")), a));
        std::string column = a.substr(0, eq);
        auto col = match_column(kind, column);
        if (!col) throw UsageError(fmt::format(fmt::runtime(_("unknown column {}")), column));
        std::string_view id = columns_of(kind)[*col].id;  // export columns follow the same order
        if (id == "credit_code" || id == "year")
            throw UsageError(_("the key of a record cannot be edited"));
        cells.resize(export_header(kind).size());
        cells[*col] = a.substr(eq + 1);
    }
    ValidationContext ctx;
    ctx.firm_exists = [](const std::string&) { return true; };
    auto checked = validate(std::move(cells), ctx, current.credit_code);
    if (!checked.errors.empty()) throw InputError(checked.errors);
    return checked.records.front();
}

LADDER_CLI_COMMAND(25, [](CLI::App& app, Context& ctx, int& status) {
    auto args = std::make_shared<FirmArgs>();
    auto* firm = app.add_subcommand("firm", _("show or edit one firm"));
    firm->require_subcommand(1);

    auto* show = firm->add_subcommand("show", _("a firm with its figures and their versions"));
    show->add_option("credit_code", args->code)->required();
    show->callback([&ctx, args] {
        Database db = ctx.open_database();
        RegistryService service(db);
        auto f = service.firm(args->code);
        if (!f) throw InputError({{args->code, 0, "credit_code", _("is not in the registry")}});
        TextTable t({_("Column"), _("Value")});
        auto header = export_header(RecordKind::firms);
        auto cells = to_cells(f->record);
        for (std::size_t i = 0; i < header.size(); ++i) t.add({header[i], cells[i]});
        t.add({"version", std::to_string(f->version)});
        t.print(*ctx.out);
        for (const auto& y : service.figures(args->code))
            *ctx.out << fmt::format(fmt::runtime(_("figures {}: version {}")), y.record.year,
                                    y.version)
                     << '\n';
    });

    auto* edit = firm->add_subcommand("edit", _("change columns of a firm: COLUMN=VALUE ..."));
    edit->add_option("credit_code", args->code)->required();
    edit->add_option("assignments", args->assignments,
                     _("e.g. name=南昌某某有限公司 chain=electronics"))
        ->required();
    edit->add_option(
        "--expect-version", args->expect_version,
        _("the version you based the edit on (from `firm show`); default: the current one"));
    edit->add_option("--user", args->user, _("user making the change"))->envname("LADDER_USER");
    edit->callback([&ctx, &status, args] {
        Database db = ctx.open_database();
        const Actor by = registry_editor(db, args->user);
        RegistryService service(db);
        auto f = service.firm(args->code);
        if (!f) throw InputError({{args->code, 0, "credit_code", _("is not in the registry")}});
        Firm edited =
            apply_assignments(f->record, RecordKind::firms, args->assignments, validate_firm_cells);
        try {
            int64_t v = service.save_firm(
                by, edited, args->expect_version >= 0 ? args->expect_version : f->version);
            *ctx.out << fmt::format(fmt::runtime(_("{} saved, version {}")), args->code, v) << '\n';
        } catch (const StaleEditError& e) {
            *ctx.err << "ladder-cli: " << e.what() << '\n';
            status = 1;
        }
    });

    auto* figures = app.add_subcommand("figures", _("show or edit one firm's figures of a year"));
    figures->require_subcommand(1);
    auto* set = figures->add_subcommand("set", _("set figures of a year: COLUMN=VALUE ..."));
    set->add_option("credit_code", args->code)->required();
    set->add_option("--year", args->year, _("fiscal year"))->required();
    set->add_option("assignments", args->assignments, _("e.g. revenue=2500 rd_expense=80.5"))
        ->required();
    set->add_option(
        "--expect-version", args->expect_version,
        _("the version you based the edit on; 0 for a new year; default: the current one"));
    set->add_option("--user", args->user, _("user making the change"))->envname("LADDER_USER");
    set->callback([&ctx, &status, args] {
        Database db = ctx.open_database();
        const Actor by = registry_editor(db, args->user);
        RegistryService service(db);
        YearFigures current;
        current.credit_code = args->code;
        current.year = args->year;
        std::optional<int64_t> version;
        for (auto& y : service.figures(args->code))
            if (y.record.year == args->year) current = y.record, version = y.version;
        if (args->expect_version == 0)
            version.reset();
        else if (args->expect_version > 0)
            version = args->expect_version;
        YearFigures edited = apply_assignments(current, RecordKind::figures, args->assignments,
                                               validate_figures_cells);
        try {
            int64_t v = service.save_figures(by, edited, version);
            *ctx.out << fmt::format(fmt::runtime(_("{} {} saved, version {}")), args->code,
                                    args->year, v)
                     << '\n';
        } catch (const StaleEditError& e) {
            *ctx.err << "ladder-cli: " << e.what() << '\n';
            status = 1;
        }
    });
});

}  // namespace
}  // namespace ladder::cli
