// worklist: the inputs to collect to decide the incomplete verdicts, most useful first (model
// WorklistBuilder over the registry, services/analysis_service.hpp).
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/rules/analysis.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"
#include "rules_text.hpp"
#include "services/analysis_service.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

// ---- worklist -------------------------------------------------------------------------------

struct WorklistArgs {
    int year = 0;
    std::string tier, firm, format = "table", rule_set;
};

LADDER_CLI_COMMAND(54, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<WorklistArgs>();
    auto* cmd = app.add_subcommand(
        "worklist",
        _("the figures to collect to decide the incomplete verdicts, most useful first"));
    cmd->add_option("--year", args->year, _("assessment year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--tier", args->tier, _("only this tier"))
        ->transform(name_resolver(&resolve_tier));
    cmd->add_option("--firm", args->firm, _("only this firm (credit code)"));
    cmd->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    cmd->add_option("--rules", args->rule_set,
                    _("rule set id (default: the one in force for the year)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        std::vector<const TierRules*> tiers = select_tiers(rules, args->tier);
        Database db = ctx.open_database();
        Worklist worklist = build_worklist(db, rules, tiers, args->year, args->firm);
        const auto& rows = worklist.rows;
        std::ostream& out = *ctx.out;
        auto year_text = [](const MissingInput& in) {
            return in.year ? std::to_string(in.year) : std::string();
        };
        if (args->format == "csv") {
            if (args->firm.empty()) {
                write_csv_record(out, {"kind", "input", "year", "firms", "pairs", "sole"});
                for (const auto& [in, c] : rows)
                    write_csv_record(
                        out, {kind_text(in.kind), in.name, year_text(in), std::to_string(c.firms),
                              std::to_string(c.pairs), std::to_string(c.sole)});
            } else {
                write_csv_record(out, {"kind", "input", "year", "tiers", "criteria"});
                for (const auto& [in, c] : rows)
                    write_csv_record(out, {kind_text(in.kind), in.name, year_text(in),
                                           join(c.tiers, ";"), join(c.criteria, ";")});
            }
            return;
        }
        out << fmt::format(fmt::runtime(_("Figures to collect — rule set {}, assessment year {}")),
                           rule_set_label(rules), args->year)
            << "\n";
        if (args->firm.empty()) {
            TextTable table({_("Figure"), _("Year"), _("Firms"), _("Verdicts waiting"),
                             _("Only input missing")},
                            {false, true, true, true, true});
            for (const auto& [in, c] : rows)
                table.add({input_label(in, rules), year_text(in), std::to_string(c.firms),
                           std::to_string(c.pairs), std::to_string(c.sole)});
            table.print(out);
        } else {
            TextTable table({_("Figure"), _("Year"), _("Tiers"), _("Criteria")});
            for (const auto& [in, c] : rows) {
                std::vector<std::string> tier_names;
                for (const auto& id : c.tiers) {
                    const TierRules* t = rules.find_tier(id);
                    tier_names.push_back(t ? tier_label(*t) : id);
                }
                table.add({input_label(in, rules), year_text(in), join(tier_names, ", "),
                           join(c.criteria, ", ")});
            }
            table.print(out);
        }
        out << "\n"
            << fmt::format(
                   fmt::runtime(
                       _("{} incomplete verdicts (firm × tier) of {} firms. \"Verdicts waiting\": "
                         "incomplete verdicts that need the figure; \"only input missing\": those "
                         "it decides on its own.")),
                   worklist.incomplete_pairs, worklist.incomplete_firms)
            << "\n";
    });
});

}  // namespace
}  // namespace ladder::cli
