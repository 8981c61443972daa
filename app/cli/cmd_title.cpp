// title cohort / revoke / surrender / ends / updates, and target set / progress: the yearly
// cycle of a title (re-review cohorts, revocation and surrender with cause, date and document,
// the exits of a year with their cause, the 31 May annual-update check) and the bureau's
// multi-year targets (目标任务). Thin: the rules are model/title_cycle.hpp's, the use cases
// TitleService's.
#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/rules/rule_set.hpp"
#include "model/title_cycle.hpp"
#include "services/title_service.hpp"
#include "rules_text.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct TitleArgs {
    std::string user, firm, tier, date, doc_no, reason, format = "table";
    int year = 0;
    int64_t value = 0;
};

LADDER_CLI_COMMAND(66, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<TitleArgs>();
    auto* title = app.add_subcommand(
        "title", _("the yearly cycle of a title: re-review cohort, revocation, surrender, ends "
                   "with their cause, the 31 May annual-update check"));
    title->require_subcommand(1);

    auto* cohort = title->add_subcommand(
        "cohort", _("titles in their last valid year: the year's re-review cohort"));
    auto* ends = title->add_subcommand(
        "ends", _("titles that ended in a year, each with its cause (expired, failed re-review, "
                  "revoked, surrendered)"));
    for (auto* cmd : {cohort, ends}) {
        cmd->add_option("--year", args->year, _("the year"))
            ->required()
            ->check(CLI::Range(1990, 2100));
        cmd->add_option("--tier", args->tier, _("only this tier"))
            ->transform(name_resolver(&resolve_tier));
        cmd->add_option("--format", args->format, _("table (default) or csv"))
            ->check(CLI::IsMember({"table", "csv"}));
    }
    cohort->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year);
        Database db = ctx.open_database();
        auto rows = TitleService(db, rules.tier_catalog()).cohort(args->year);
        if (args->format == "csv")
            write_csv_record(*ctx.out, {"credit_code", "tier", "valid_from", "valid_to", "renewed",
                                        "re_review", "figures_updated", "ended"});
        TextTable table({_("Credit code"), _("Firm"), _("Tier"), _("Valid to"), _("Renewed"),
                         _("Re-review"), _("Figures updated"), _("Ended")});
        for (const auto& c : rows) {
            if (!args->tier.empty() && c.tier != args->tier) continue;
            std::string ended = c.ended ? std::string(exit_cause_id(*c.ended)) : "";
            if (args->format == "csv") {
                write_csv_record(*ctx.out, {c.credit_code, c.tier, c.valid_from.to_string(),
                                            c.valid_to.to_string(), c.renewed ? "yes" : "no",
                                            c.re_review, c.figures_updated ? "yes" : "no", ended});
                continue;
            }
            table.add({c.credit_code, c.firm_name, tier_label(rules, c.tier),
                       c.valid_to.to_string(), c.renewed ? _("yes") : _("no"),
                       c.re_review.empty() ? _("none") : c.re_review,
                       c.figures_updated ? _("yes") : _("no"),
                       c.ended ? std::string(exit_cause_zh(*c.ended)) : ""});
        }
        if (args->format != "csv") table.print(*ctx.out);
    });
    ends->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year);
        Database db = ctx.open_database();
        auto rows = TitleService(db, rules.tier_catalog()).ends(args->year);
        if (args->format == "csv")
            write_csv_record(*ctx.out, {"credit_code", "tier", "valid_from", "ended_on", "cause",
                                        "doc_no", "reason"});
        TextTable table(
            {_("Credit code"), _("Tier"), _("Ended on"), _("Cause"), _("Document"), _("Reason")});
        for (const auto& e : rows) {
            if (!args->tier.empty() && e.tier != args->tier) continue;
            if (args->format == "csv")
                write_csv_record(
                    *ctx.out,
                    {e.credit_code, e.tier, e.valid_from.to_string(), e.ended_on.to_string(),
                     std::string(exit_cause_id(e.cause)), e.doc_no, e.reason});
            else
                table.add({e.credit_code, tier_label(rules, e.tier), e.ended_on.to_string(),
                           std::string(exit_cause_zh(e.cause)), e.doc_no, e.reason});
        }
        if (args->format != "csv") table.print(*ctx.out);
    });

    auto* revoke = title->add_subcommand(
        "revoke", _("revoke a title (reviewers): --firm --tier --date --doc-no --reason; the "
                    "firm may not apply for 3 years"));
    auto* surrender = title->add_subcommand(
        "surrender", _("record a title given up by its holder (clerks): --firm --tier --date "
                       "[--doc-no] --reason"));
    for (auto* cmd : {revoke, surrender}) {
        cmd->add_option("--firm", args->firm, _("credit code"))->required();
        cmd->add_option("--tier", args->tier, _("tier id"))
            ->transform(name_resolver(&resolve_tier))
            ->required();
        cmd->add_option("--date", args->date, _("date (default today)"));
        cmd->add_option("--doc-no", args->doc_no, _("document number"));
        cmd->add_option("--reason", args->reason, _("the cause in words"))->required();
        add_user_option(cmd, args->user);
    }
    auto end_title = [&ctx, args](ExitCause cause) {
        TitleExit exit;
        exit.credit_code = args->firm;
        exit.tier = args->tier;
        exit.cause = cause;
        exit.exit_on = date_option(args->date);
        exit.doc_no = args->doc_no;
        exit.reason = args->reason;
        const RuleSet& rules = rule_set_for(exit.exit_on.year());
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        TitleExit done = TitleService(db, rules.tier_catalog()).end_title(by, exit);
        *ctx.out << fmt::format(fmt::runtime(_("{} {} (from {}): {} on {}")), done.credit_code,
                                done.tier, done.valid_from.to_string(), exit_cause_zh(done.cause),
                                done.exit_on.to_string());
        if (cause == ExitCause::revoked)
            *ctx.out << fmt::format(fmt::runtime(_("; no application until {}")),
                                    ban_ends(done.exit_on).add_days(1).to_string());
        *ctx.out << '\n';
    };
    revoke->callback([end_title] { end_title(ExitCause::revoked); });
    surrender->callback([end_title] { end_title(ExitCause::surrendered); });

    auto* updates = title->add_subcommand(
        "updates", _("the annual update (by 31 May): holders without figures for the year "
                     "before (--date, default 31 May of --year)"));
    updates->add_option("--year", args->year, _("the year of the update"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    updates->add_option("--date", args->date, _("the day the titles are held"));
    updates->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    updates->callback([&ctx, args] {
        Date on = args->date.empty() ? annual_update_deadline(args->year) : date_option(args->date);
        const RuleSet& rules = rule_set_for(args->year);
        Database db = ctx.open_database();
        auto rows = TitleService(db, rules.tier_catalog()).missing_updates(on);
        if (args->format == "csv") {
            write_csv_record(*ctx.out, {"credit_code", "name", "tiers"});
            for (const auto& m : rows) {
                std::string tiers;
                for (const auto& t : m.tiers) tiers += (tiers.empty() ? "" : ";") + t;
                write_csv_record(*ctx.out, {m.credit_code, m.firm_name, tiers});
            }
            return;
        }
        TextTable table({_("Credit code"), _("Firm"), _("Titles held")});
        for (const auto& m : rows) {
            std::string tiers;
            for (const auto& t : m.tiers)
                tiers += (tiers.empty() ? "" : "、") + tier_label(rules, t);
            table.add({m.credit_code, m.firm_name, tiers});
        }
        table.print(*ctx.out);
        *ctx.out << fmt::format(fmt::runtime(_("{} holders have no figures for {} (due {})")),
                                rows.size(), args->year - 1,
                                annual_update_deadline(args->year).to_string())
                 << '\n';
    });
});

LADDER_CLI_COMMAND(86, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<TitleArgs>();
    auto* target = app.add_subcommand(
        "target", _("the bureau's multi-year targets (目标任务), e.g. Jiangxi's 2028 targets: "
                    "progress, never a cap"));
    target->require_subcommand(1);
    auto* set = target->add_subcommand(
        "set", _("set the target of a tier for a year: titles held at its end (administrators)"));
    set->add_option("--year", args->year, _("the target's year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    set->add_option("--tier", args->tier, _("tier id"))
        ->transform(name_resolver(&resolve_tier))
        ->required();
    set->add_option("--value", args->value, _("the number of firms"))->required();
    add_user_option(set, args->user);
    set->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year);
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        TitleService(db, rules.tier_catalog())
            .set_target(by, Target{args->year, args->tier, args->value});
        *ctx.out << fmt::format(fmt::runtime(_("target {} {} set to {}")), args->year,
                                tier_label(rules, args->tier), args->value)
                 << '\n';
    });
    auto* progress = target->add_subcommand(
        "progress", _("each target with the titles held on the day (default today)"));
    progress->add_option("--date", args->date, _("the day (default today)"));
    progress->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    progress->callback([&ctx, args] {
        Date on = date_option(args->date);
        const RuleSet& rules = rule_set_for(on.year());
        Database db = ctx.open_database();
        auto rows = TitleService(db, rules.tier_catalog()).target_progress(on);
        if (args->format == "csv") {
            write_csv_record(*ctx.out, {"year", "tier", "target", "held", "on"});
            for (const auto& p : rows)
                write_csv_record(*ctx.out, {std::to_string(p.target.year), p.target.tier,
                                            std::to_string(p.target.target), std::to_string(p.held),
                                            p.on.to_string()});
            return;
        }
        TextTable table({_("Year"), _("Tier"), _("Target (目标任务)"), _("Held"), _("Progress"),
                         _("Still to reach")},
                        {false, false, true, true, true, true});
        for (const auto& p : rows) {
            const int64_t held = static_cast<int64_t>(p.held);
            table.add({std::to_string(p.target.year), tier_label(rules, p.target.tier),
                       std::to_string(p.target.target), std::to_string(p.held),
                       p.target.target > 0
                           ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(held) /
                                                        static_cast<double>(p.target.target))
                           : "",
                       std::to_string(std::max<int64_t>(0, p.target.target - held))});
        }
        table.print(*ctx.out);
    });
});

}  // namespace
}  // namespace ladder::cli
