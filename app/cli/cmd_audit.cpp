// audit: verify the hash-chained trail (and its head) and read it.
#include <fmt/format.h>

#include "command.hpp"
#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/database.hpp"
#include "model/i18n.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct AuditArgs {
    std::string user, entity, key;
    std::size_t limit = 50;
};

LADDER_CLI_COMMAND(90, [](CLI::App& app, Context& ctx, int& status) {
    auto args = std::make_shared<AuditArgs>();
    auto* audit = app.add_subcommand("audit", _("the tamper-evident audit trail"));
    audit->require_subcommand(1);
    auto* verify = audit->add_subcommand(
        "verify", _("recompute every hash and link; exit 1 naming the first bad entry"));
    verify->callback([&ctx, &status] {
        Database db = ctx.open_database();
        AuditVerification v = [&] {
            ReadSnapshot snapshot(db);  // a consistent trail while others may be appending
            return verify_audit_trail(db);
        }();
        if (v.intact) {
            *ctx.out << fmt::format(fmt::runtime(_("audit trail intact: {} entries checked")),
                                    v.entries_checked)
                     << '\n';
            status = 0;
        } else {
            *ctx.err << "ladder-cli: "
                     << fmt::format(fmt::runtime(_("audit trail broken at entry {}: {}")),
                                    v.first_bad_id, v.reason)
                     << '\n';
            status = 1;
        }
    });
    auto* log = audit->add_subcommand(
        "log", _("audit entries, newest first (or one entity's history, oldest first)"));
    log->add_option("--entity", args->entity,
                    _("firm, figures, recognition, application, user, quota, listing_stage"));
    log->add_option("--key", args->key, _("entity key, e.g. a credit code or an application id"));
    log->add_option("--limit", args->limit, _("newest entries to show (default 50)"));
    add_user_option(log, args->user);
    log->callback([&ctx, args] {
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        require_permission(by.name, by.role, Operation::read_audit);
        AuditRepository repo(db);
        std::vector<AuditEntry> entries;
        if (!args->entity.empty() && !args->key.empty()) {
            entries = repo.history(args->entity, args->key);
        } else {
            // Filter the newest entries by entity when only that is given.
            for (auto& e : repo.recent(args->entity.empty() ? args->limit : args->limit * 20))
                if (args->entity.empty() || e.entity == args->entity)
                    entries.push_back(std::move(e));
            if (entries.size() > args->limit) entries.resize(args->limit);
        }
        TextTable table({_("Id"), _("At"), _("User"), _("Action"), _("Entity"), _("Key"),
                         _("Before"), _("After")});
        for (const auto& e : entries)
            table.add({std::to_string(e.id), e.at, e.actor, e.action, e.entity, e.entity_key,
                       e.before.value_or(""), e.after.value_or("")});
        table.print(*ctx.out);
    });
});

}  // namespace
}  // namespace ladder::cli
