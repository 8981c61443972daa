// backup, restore, migrate: keeping a registry safe and moving it to PostgreSQL.
#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "services/maintenance_service.hpp"
#include "model/i18n.hpp"
#include "session.hpp"

namespace ladder::cli {
namespace {

struct MaintenanceArgs {
    std::string file, to, user;
    bool force = false;
};

LADDER_CLI_COMMAND(90, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<MaintenanceArgs>();
    auto* backup = app.add_subcommand(
        "backup", _("write a consistent copy of the registry (safe while Ladder runs)"));
    backup->add_option("file", args->file, _("backup file to write"))->required();
    backup->add_flag("--force", args->force,
                     _("replace an existing file (never the registry itself)"));
    backup->callback([&ctx, args] {
        Database db = ctx.open_database();
        AuditAnchor head = MaintenanceService(db).backup(args->file, args->force);
        *ctx.out << fmt::format(
                        fmt::runtime(_("backup written to {} at audit head {} (also in {}); "
                                       "keep the head apart from the backup")),
                        args->file, head.text(), MaintenanceService::head_file(args->file).string())
                 << '\n';
    });

    auto* restore = app.add_subcommand("restore", _("replace the registry with a backup"));
    restore->add_option("file", args->file, _("backup file to read"))->required();
    restore->add_flag("--force", args->force,
                      _("administrators: restore even a backup whose audit trail is broken "
                        "(recorded in the audit trail)"));
    add_user_option(restore, args->user);
    restore->callback([&ctx, args] {
        Database db = ctx.open_database();
        // A registry without users is a single-user one: whoever runs Ladder administers it.
        Actor actor = UserService(db).has_users()
                          ? sign_in(db, args->user)
                          : Actor{args->user.empty() ? "system" : args->user, Role::admin};
        require_permission(actor.name, actor.role, Operation::restore_registry);
        RestoreOptions options;
        options.force = args->force;
        RestoreResult r = MaintenanceService(db).restore(actor, args->file, options);
        if (!r.forced_over.empty())
            *ctx.err << "ladder-cli: "
                     << fmt::format(fmt::runtime(_("restored by force although {}")), r.forced_over)
                     << '\n';
        *ctx.out << fmt::format(fmt::runtime(_("registry restored from {}")), args->file) << '\n';
        if (!r.previous.empty())
            *ctx.out << fmt::format(fmt::runtime(_("the previous registry was kept in {}")),
                                    r.previous.string())
                     << '\n';
    });

    auto* migrate =
        app.add_subcommand("migrate", _("copy this SQLite registry (with users and audit trail) "
                                        "into an empty PostgreSQL database"));
    migrate
        ->add_option("--to", args->to,
                     _("target connection string, e.g. postgresql://host=... dbname=ladder"))
        ->required();
    migrate->callback([&ctx, args] {
        Database db = ctx.open_database();
        MigrationReport report = MaintenanceService(db).migrate_to(args->to);
        for (const auto& [table, rows] : report.rows)
            *ctx.out << fmt::format(fmt::runtime(_("{}: {} rows copied and verified")), table, rows)
                     << '\n';
        *ctx.out << fmt::format(fmt::runtime(_("audit trail: {} entries verified on the target")),
                                report.audit_entries_verified)
                 << '\n';
    });
});

}  // namespace
}  // namespace ladder::cli
