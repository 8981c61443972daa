// user: the administrator on first run, adding users, roles, passwords (Argon2id, libsodium).
#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "services/user_service.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

Role role_from(const std::string& text) {
    auto role = parse_role(text);
    if (!role)
        throw UsageError(
            fmt::format(fmt::runtime(_("unknown role {} (clerk, reviewer or admin)")), text));
    return *role;
}

struct UserArgs {
    std::string user, name, role;
};

LADDER_CLI_COMMAND(70, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto* user_cmd = app.add_subcommand(
        "user", _("users and roles: clerk 经办人, reviewer 审核人, admin 管理员"));
    user_cmd->require_subcommand(1);
    auto args = std::make_shared<UserArgs>();

    auto* init = user_cmd->add_subcommand(
        "init-admin", _("first run: create the administrator of a new database"));
    add_user_option(init, args->user);
    init->callback([&ctx, args] {
        if (args->user.empty())
            throw UsageError(_("this command needs --user NAME (or LADDER_USER)"));
        Database db = ctx.open_database();
        UserService users(db);
        std::string password =
            read_password(fmt::format(fmt::runtime(_("New password for {}: ")), args->user),
                          "LADDER_PASSWORD", true);
        User u = users.create_first_admin(args->user, password);
        *ctx.out << fmt::format(fmt::runtime(_("administrator {} created")), u.name) << '\n';
    });

    auto* add = user_cmd->add_subcommand("add", _("add a user (administrators only)"));
    add->add_option("name", args->name, _("the new user's name"))->required();
    add->add_option("--role", args->role, _("clerk, reviewer or admin"))
        ->transform(name_resolver(&resolve_role))
        ->required();
    add_user_option(add, args->user);
    add->callback([&ctx, args] {
        Role role = role_from(args->role);
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        std::string password =
            read_password(fmt::format(fmt::runtime(_("New password for {}: ")), args->name),
                          "LADDER_NEW_PASSWORD", true);
        User u = UserService(db).add_user(by, args->name, role, password);
        *ctx.out << fmt::format(fmt::runtime(_("user {} added as {}")), u.name, role_label(u.role))
                 << '\n';
    });

    auto* list = user_cmd->add_subcommand("list", _("list the users"));
    add_user_option(list, args->user);
    list->callback([&ctx, args] {
        Database db = ctx.open_database();
        sign_in(db, args->user);
        TextTable table({_("User"), _("Role"), _("Active"), _("Created"), _("Last sign-in"),
                         _("Locked until")});
        for (const User& u : UserService(db).list())
            table.add({u.name, role_label(u.role), u.active ? _("yes") : _("no"), u.created_at,
                       u.last_login.value_or(""), u.locked_until.value_or("")});
        table.print(*ctx.out);
    });

    auto* passwd = user_cmd->add_subcommand(
        "passwd", _("change your password, or (administrators) reset another user's; new one from "
                    "$LADDER_NEW_PASSWORD or a prompt"));
    passwd->add_option("name", args->name, _("whose password (default: your own)"));
    add_user_option(passwd, args->user);
    passwd->callback([&ctx, args] {
        Database db = ctx.open_database();
        if (args->user.empty())
            throw UsageError(_("this command needs --user NAME (or LADDER_USER)"));
        std::string current =
            read_password(fmt::format(fmt::runtime(_("Password for {}: ")), args->user));
        Actor by = UserService(db).login(args->user, current);
        std::string target = args->name.empty() ? by.name : args->name;
        std::string password =
            read_password(fmt::format(fmt::runtime(_("New password for {}: ")), target),
                          "LADDER_NEW_PASSWORD", true);
        UserService(db).set_password(by, target, password, current);
        *ctx.out << fmt::format(fmt::runtime(_("password of {} changed")), target) << '\n';
    });

    auto* role = user_cmd->add_subcommand("role", _("change a user's role (administrators only)"));
    role->add_option("name", args->name, _("user"))->required();
    role->add_option("role", args->role, _("clerk, reviewer or admin"))
        ->transform(name_resolver(&resolve_role))
        ->required();
    add_user_option(role, args->user);
    role->callback([&ctx, args] {
        Role r = role_from(args->role);
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        UserService(db).set_role(by, args->name, r);
        *ctx.out << fmt::format(fmt::runtime(_("{} is now {}")), args->name, role_label(r)) << '\n';
    });

    for (bool enable : {false, true}) {
        auto* cmd = user_cmd->add_subcommand(
            enable ? "enable" : "disable",
            enable ? _("allow a user to sign in again (administrators only)")
                   : _("stop a user from signing in (administrators only)"));
        cmd->add_option("name", args->name, _("user"))->required();
        add_user_option(cmd, args->user);
        cmd->callback([&ctx, args, enable] {
            Database db = ctx.open_database();
            Actor by = sign_in(db, args->user);
            UserService(db).set_active(by, args->name, enable);
            *ctx.out << fmt::format(
                            fmt::runtime(enable ? _("{} may sign in again") : _("{} is disabled")),
                            args->name)
                     << '\n';
        });
    }
});

}  // namespace
}  // namespace ladder::cli
