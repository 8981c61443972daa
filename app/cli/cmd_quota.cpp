// quota: the annual quotas per tier and group (seeded from the rule set, edited by admins).
#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "services/quota_service.hpp"
#include "model/i18n.hpp"
#include "model/rules/rule_set.hpp"
#include "model/annual_report.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct QuotaArgs {
    std::string user, tier, group = "36", rule_set;
    int year = 0;
    int64_t value = 0;
};

LADDER_CLI_COMMAND(85, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<QuotaArgs>();
    auto* quota = app.add_subcommand(
        "quota", _("annual quotas per tier and group (province 36, city, county, chain)"));
    quota->require_subcommand(1);
    auto* list = quota->add_subcommand(
        "list", _("the year's quotas (seeded from the rule set on first use)"));
    auto* set = quota->add_subcommand("set", _("set a quota (administrators only)"));
    for (auto* cmd : {list, set}) {
        cmd->add_option("--year", args->year, _("assessment year"))
            ->required()
            ->check(CLI::Range(1990, 2100));
        cmd->add_option("--rules", args->rule_set,
                        _("rule set id (default: the one in force for the year)"));
    }
    set->add_option("--tier", args->tier, _("tier id"))
        ->transform(name_resolver(&resolve_tier))
        ->required();
    set->add_option("--group", args->group,
                    _("36 (province, default), a city or county code, or a chain id"));
    set->add_option("--value", args->value, _("the quota"))->required();
    add_user_option(set, args->user);
    list->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        Database db = ctx.open_database();
        QuotaService service(db);
        service.seed(rules, args->year);
        TextTable table({_("Year"), _("Tier"), _("Group"), _("Name"), _("Quota")},
                        {false, false, false, false, true});
        for (const Quota& q : service.list(args->year)) {
            const TierRules* tier = rules.find_tier(q.tier);
            bool chain = q.group.find_first_not_of("0123456789") != std::string::npos;
            table.add(
                {std::to_string(q.year), tier ? tier->zh : q.tier, q.group,
                 tally_group_label(q.group, chain ? TallyGrouping::chain : TallyGrouping::county),
                 std::to_string(q.value)});
        }
        table.print(*ctx.out);
    });
    set->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        QuotaService(db).set(by, rules, args->year, args->tier, args->group, args->value);
        *ctx.out << fmt::format(fmt::runtime(_("quota {} {} {} set to {}")), args->year, args->tier,
                                args->group, args->value)
                 << '\n';
    });
});

}  // namespace
}  // namespace ladder::cli
