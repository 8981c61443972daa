// tally: new additions per tier against the annual quotas (spec/tiers.md "Counting against
// quotas"; CSV contract in spec/data.md).
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/i18n.hpp"
#include "model/regions.hpp"
#include "model/industry.hpp"
#include "model/rules/rule_set.hpp"
#include "model/tally.hpp"
#include "model/table.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct TallyArgs {
    int year = 0;
    std::string by = "province", format = "table", output = "-", rule_set;
};

std::string group_label(const std::string& group, TallyGrouping grouping) {
    if (grouping == TallyGrouping::Chain) {
        const Chain* c = find_chain(group);
        return c ? std::string(c->zh) : group;
    }
    return RegionTable::shipped().name(group);
}

LADDER_CLI_COMMAND(60, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<TallyArgs>();
    auto* cmd = app.add_subcommand("tally", _("new additions per tier against the year's quotas"));
    cmd->add_option("--year", args->year, _("assessment year"))->required()->check(CLI::Range(1990, 2100));
    cmd->add_option("--by", args->by, _("province (default), city, county or chain"))
        ->check(CLI::IsMember({"province", "city", "county", "chain"}));
    cmd->add_option("--format", args->format, _("table (default), csv or json"))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_option("--output,-o", args->output, _("output file (default: standard output)"));
    cmd->add_option("--rules", args->rule_set, _("rule set id (default: the one in force for the year)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        TierCatalog catalog = rules.tier_catalog();
        Database db = ctx.open_database();
        RegistryRepository repo(db);
        std::vector<Firm> firms = repo.load_firms();
        std::vector<Recognition> recognitions = repo.load_recognitions();
        TallyInput in;
        in.firms = &firms;
        in.recognitions = &recognitions;
        in.tiers = &catalog;
        for (const auto& t : rules.tiers) in.tier_order.push_back(t.id);
        in.year = args->year;
        in.grouping = *parse_tally_grouping(args->by);
        // The rule set's quotas are the province's (the plan's targets); finer groups have
        // none until a bureau sets them.
        if (in.grouping == TallyGrouping::Province) {
            in.quota = [&rules, year = args->year](const std::string&, const std::string& tier) {
                return rules.quota(year, tier);
            };
        }
        std::vector<TallyRow> rows = compute_tally(in);

        std::vector<std::string> header = {"group", "tier", "quota", "holders_start", "added", "exited",
                                           "holders_end"};
        auto cells = [](const TallyRow& r) {
            return std::vector<std::string>{r.group,
                                            r.tier,
                                            r.quota ? std::to_string(*r.quota) : std::string(),
                                            std::to_string(r.holders_start),
                                            std::to_string(r.added),
                                            std::to_string(r.exited),
                                            std::to_string(r.holders_end)};
        };
        std::ostringstream text;
        if (args->format == "csv") {
            std::vector<std::vector<std::string>> out;
            for (const auto& r : rows) out.push_back(cells(r));
            write_csv_file(args->output, header, out);
            return;
        }
        if (args->format == "json") {
            text << "[\n";
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const auto& r = rows[i];
                text << fmt::format(
                    "  {{\"group\": {}, \"group_name\": {}, \"tier\": {}, \"quota\": {}, \"holders_start\": {}, "
                    "\"added\": {}, \"exited\": {}, \"holders_end\": {}}}{}\n",
                    json_string(r.group), json_string(group_label(r.group, in.grouping)), json_string(r.tier),
                    r.quota ? std::to_string(*r.quota) : "null", r.holders_start, r.added, r.exited, r.holders_end,
                    i + 1 < rows.size() ? "," : "");
            }
            text << "]\n";
        } else {
            text << fmt::format(fmt::runtime(_("{} — {} assessment year {}, by {}")), rules.name, rules.id,
                                args->year, args->by)
                 << "\n\n";
            TextTable table({_("Group"), _("Tier"), _("Quota"), _("Holders at start"), _("Added"), _("Exited"),
                             _("Holders at end"), _("Progress")},
                            {false, false, true, true, true, true, true, true});
            for (const auto& r : rows) {
                const TierRules* tier = rules.find_tier(r.tier);
                std::string progress =
                    r.quota && *r.quota > 0 ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(r.added) /
                                                                      static_cast<double>(*r.quota))
                                            : std::string();
                table.add({group_label(r.group, in.grouping), tier ? tier->zh : r.tier,
                           r.quota ? std::to_string(*r.quota) : "", std::to_string(r.holders_start),
                           std::to_string(r.added), std::to_string(r.exited), std::to_string(r.holders_end),
                           progress});
            }
            table.print(text);
        }
        if (args->output == "-") {
            *ctx.out << text.str();
        } else {
            std::ofstream f(args->output, std::ios::binary);
            f << text.str();
            if (!f) throw std::runtime_error(fmt::format(fmt::runtime(_("cannot write {}")), args->output));
        }
    });
});

}  // namespace
}  // namespace ladder::cli
