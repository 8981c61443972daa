// expiring: titles that lapse in a year and whether the holder still meets the criteria
// (retention risk).
#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "services/tally_service.hpp"
#include "model/csv.hpp"
#include "model/i18n.hpp"
#include "model/rules/rule_set.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct ExpiringArgs {
    int year = 0;
    std::string tier, format = "table", rule_set;
};

std::string join_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ";") + id;
    return out;
}

LADDER_CLI_COMMAND(65, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<ExpiringArgs>();
    auto* cmd = app.add_subcommand(
        "expiring", _("recognitions lapsing in a year, and whether the firm still qualifies"));
    cmd->add_option("--year", args->year,
                    _("the year the titles lapse (also the assessment year of a renewal)"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--tier", args->tier, _("only this tier"))
        ->transform(name_resolver(&resolve_tier));
    cmd->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    cmd->add_option("--rules", args->rule_set,
                    _("rule set id (default: the one in force for the year)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        Database db = ctx.open_database();
        AnnualTally tally(db, rules, args->year, true);
        std::vector<const ExpiringTitle*> rows;
        for (const auto& e : tally.expiring())
            if (args->tier.empty() || e.tier == args->tier) rows.push_back(&e);
        if (args->format == "csv") {
            write_csv_record(*ctx.out, {"credit_code", "tier", "valid_to", "renewed", "verdict",
                                        "failed", "missing"});
            for (const auto* e : rows)
                write_csv_record(*ctx.out,
                                 {e->credit_code, e->tier, e->valid_to.to_string(),
                                  e->renewed ? "yes" : "no", std::string(to_string(e->verdict)),
                                  join_ids(e->failed), join_ids(e->missing)});
            return;
        }
        TextTable table({_("Credit code"), _("Firm"), _("Tier"), _("Valid to"), _("Renewed"),
                         _("Still qualifies"), _("Failed or missing")});
        std::size_t at_risk = 0;
        for (const auto* e : rows) {
            const TierRules* tier = rules.find_tier(e->tier);
            std::string qualifies = e->verdict == TierVerdict::eligible ? _("yes")
                                    : e->verdict == TierVerdict::ineligible
                                        ? _("no — at risk")
                                        : _("unknown — data missing");
            if (!e->renewed && e->verdict != TierVerdict::eligible) ++at_risk;
            // The criteria by name (the CSV above keeps their ids).
            std::string reasons;
            for (const auto& id : e->failed)
                reasons += (reasons.empty() ? "" : _("; ")) + names::criterion(rules, id);
            for (const auto& id : e->missing)
                reasons +=
                    (reasons.empty() ? "" : _("; ")) +
                    fmt::format(fmt::runtime(_("{} (data missing)")), names::criterion(rules, id));
            table.add({e->credit_code, e->firm_name,
                       tier ? (ui_is_chinese() || tier->en.empty() ? tier->zh : tier->en)
                            : names::tier(e->tier),
                       e->valid_to.to_string(), names::yes_no(e->renewed), qualifies, reasons});
        }
        table.print(*ctx.out);
        *ctx.out << fmt::format(
                        fmt::runtime(
                            _("{} titles lapse in {}; {} not renewed and no longer qualifying")),
                        rows.size(), args->year, at_risk)
                 << '\n';
    });
});

}  // namespace
}  // namespace ladder::cli
