// audit: verify the hash-chained trail (its head, anchors kept outside, and the registry it
// proves) and read it.
#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "services/audit_service.hpp"
#include "db/database.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct AuditArgs {
    std::string user, entity, key;
    std::vector<std::string> anchors;
    std::size_t limit = 50;
};

LADDER_CLI_COMMAND(90, [](CLI::App& app, Context& ctx, int& status) {
    auto args = std::make_shared<AuditArgs>();
    auto* audit = app.add_subcommand("audit", _("the tamper-evident audit trail"));
    audit->require_subcommand(1);
    auto* verify = audit->add_subcommand(
        "verify", _("recompute every hash and link, and prove every audited row from the trail; "
                    "exit 1 naming the first bad entry and every row the trail does not account "
                    "for"));
    verify->add_option("--anchor", args->anchors,
                       _("N:HASH printed by `audit head` (on a report, a backup, an export): the "
                         "trail must still hold entry N with that hash; may be repeated"));
    verify->callback([&ctx, &status, args] {
        std::vector<AuditAnchor> anchors;
        for (const auto& text : args->anchors) {
            auto anchor = AuditAnchor::parse(text);
            if (!anchor)
                throw UsageError(fmt::format(
                    fmt::runtime(_("--anchor {}: expected N:HASH, the entry number and its 64 "
                                   "hexadecimal digits as `ladder-cli audit head` prints them")),
                    text));
            anchors.push_back(*anchor);
        }
        Database db = ctx.open_database();
        // One consistent state of trail and registry while others may be writing.
        ReadSnapshot snapshot(db);
        AuditService audit(db);
        AuditVerification v = audit.verify();
        RegistryCheck rows = audit.check_registry();
        std::vector<std::pair<AuditAnchor, std::optional<std::string>>> anchored;
        for (const auto& a : anchors) anchored.emplace_back(a, audit.check_anchor(a));
        AuditAnchor head = audit.head();
        status = 0;
        if (v.intact) {
            *ctx.out << fmt::format(fmt::runtime(_("audit trail intact: {} entries checked")),
                                    v.entries_checked)
                     << '\n';
        } else {
            *ctx.err << "ladder-cli: "
                     << fmt::format(fmt::runtime(_("audit trail broken at entry {}: {}")),
                                    v.first_bad_id, v.reason)
                     << '\n';
            status = 1;
        }
        if (rows.matches()) {
            *ctx.out << fmt::format(
                            fmt::runtime(_("registry proved by the trail: {} rows checked")),
                            rows.rows_checked)
                     << '\n';
        } else {
            *ctx.err << "ladder-cli: "
                     << fmt::format(
                            fmt::runtime(_("the registry does not match its audit trail ({} rows "
                                           "checked; problems found: {}):")),
                            rows.rows_checked, rows.discrepancies)
                     << '\n';
            for (const auto& d : rows.reported)
                *ctx.err << fmt::format("  {} {}: {}", d.table, d.key, d.problem) << '\n';
            if (rows.discrepancies > rows.reported.size())
                *ctx.err << "  "
                         << fmt::format(fmt::runtime(_("… and {} more")),
                                        rows.discrepancies - rows.reported.size())
                         << '\n';
            status = 1;
        }
        for (const auto& [anchor, problem] : anchored) {
            if (!problem) {
                *ctx.out << fmt::format(fmt::runtime(_("anchor {}: entry {} is in the trail")),
                                        anchor.text(), anchor.entry)
                         << '\n';
            } else {
                *ctx.err << "ladder-cli: "
                         << fmt::format(fmt::runtime(_("anchor {} does not hold: {}")),
                                        anchor.text(), *problem)
                         << '\n';
                status = 1;
            }
        }
        if (status == 0)
            *ctx.out << fmt::format(fmt::runtime(_("audit head: {}")), head.text()) << '\n';
    });
    auto* head = audit->add_subcommand(
        "head", _("print the newest audit entry as N:HASH, an anchor to keep outside the "
                  "registry (see `audit verify --anchor`)"));
    head->callback([&ctx] {
        Database db = ctx.open_database();
        *ctx.out << AuditService(db).head().text() << '\n';
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
        AuditService repo(db);
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
            table.add({std::to_string(e.id), names::local_time(e.at), e.actor,
                       names::audit_action(e.action), names::audit_entity(e.entity),
                       names::audit_key(e.entity, e.entity_key),
                       names::audit_values(e.entity, e.before.value_or("")),
                       names::audit_values(e.entity, e.after.value_or(""))});
        table.print(*ctx.out);
    });
});

}  // namespace
}  // namespace ladder::cli
