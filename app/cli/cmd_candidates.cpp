// candidates: firms eligible for a tier that do not hold it, then the near misses ranked by their
// gap (model CandidateSearch over the registry, services/analysis_service.hpp).
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

// ---- candidates -----------------------------------------------------------------------------

struct CandidatesArgs {
    int year = 0, near = 1;
    std::string tier, format = "table", rule_set;
};

// The label of a near miss's k-th failed criterion in the interface's language.
std::string label(const Candidate& c, std::size_t k) {
    return c.criteria[k] ? criterion_label(*c.criteria[k]) : c.failed[k];
}

LADDER_CLI_COMMAND(52, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<CandidatesArgs>();
    auto* cmd = app.add_subcommand("candidates", _("firms eligible for a tier that do not hold it, "
                                                   "then the near misses ranked by their gap"));
    cmd->add_option("--year", args->year, _("assessment year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--tier", args->tier, _("tier id, e.g. little_giant"))
        ->transform(name_resolver(&resolve_tier))
        ->required();
    cmd->add_option(
           "--near", args->near,
           _("near misses fail at most this many criteria and miss no data (default 1; 0: none)"))
        ->check(CLI::Range(0, 100));
    cmd->add_option("--format", args->format, _("table (default), csv or json"))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_option("--rules", args->rule_set,
                    _("rule set id (default: the one in force for the year)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        const TierRules& tier = *select_tiers(rules, args->tier).front();
        Database db = ctx.open_database();
        const int year = args->year;
        const Date as_of(year, 1, 1);
        CandidateRanking ranking = find_candidates(db, rules, tier, year, args->near);
        const std::vector<Candidate>& eligible = ranking.eligible;
        const std::vector<Candidate>& near = ranking.near;
        const std::size_t firms = ranking.firms, holders = ranking.holders,
                          incomplete = ranking.incomplete;

        std::ostream& out = *ctx.out;
        if (args->format == "csv") {
            write_csv_record(
                out, {"status", "rank", "credit_code", "name", "failed", "gap_size", "gap"});
            std::size_t rank = 0;
            for (const auto& c : eligible)
                write_csv_record(
                    out, {"eligible", std::to_string(++rank), c.credit_code, c.name, "", "", ""});
            for (const auto& c : near)
                write_csv_record(out, {"near_miss", std::to_string(++rank), c.credit_code, c.name,
                                       join(c.failed, ";"), fmt::format("{:.6f}", c.gap_size),
                                       join(c.gaps, " | ")});
            return;
        }
        if (args->format == "json") {
            out << fmt::format(
                "{{\n  \"rule_set\": {}, \"assessment_year\": {}, \"tier\": {}, \"near\": {}, "
                "\"firms\": {}, "
                "\"holders\": {}, \"incomplete\": {},\n  \"eligible\": [",
                json_string(rules.id), year, json_string(tier.id), args->near, firms, holders,
                incomplete);
            for (std::size_t i = 0; i < eligible.size(); ++i)
                out << (i ? ",\n" : "\n")
                    << fmt::format("    {{\"credit_code\": {}, \"name\": {}}}",
                                   json_string(eligible[i].credit_code),
                                   json_string(eligible[i].name));
            out << "\n  ],\n  \"near_misses\": [";
            for (std::size_t i = 0; i < near.size(); ++i) {
                const auto& c = near[i];
                std::vector<std::string> failed;
                for (std::size_t k = 0; k < c.failed.size(); ++k)
                    failed.push_back(fmt::format("{{\"id\": {}, \"label\": {}, \"gap\": {}}}",
                                                 json_string(c.failed[k]), json_string(label(c, k)),
                                                 json_string(c.gaps[k])));
                out << (i ? ",\n" : "\n")
                    << fmt::format(
                           "    {{\"rank\": {}, \"credit_code\": {}, \"name\": {}, \"gap_size\": "
                           "{}, "
                           "\"failed\": [{}]}}",
                           i + 1, json_string(c.credit_code), json_string(c.name), c.gap_size,
                           join(failed, ", "));
            }
            out << "\n  ]\n}\n";
            return;
        }
        out << fmt::format(fmt::runtime(_("{} — rule set {}, assessment year {}")),
                           tier_label(tier), rule_set_label(rules), year)
            << "\n\n";
        out << fmt::format(fmt::runtime(_("Eligible and not holding the title on {}: {}")),
                           as_of.to_string(), eligible.size())
            << "\n";
        if (!eligible.empty()) {
            TextTable table({"#", _("Credit code"), _("Firm")}, {true, false, false});
            std::size_t rank = 0;
            for (const auto& c : eligible)
                table.add({std::to_string(++rank), c.credit_code, c.name});
            table.print(out);
        }
        if (args->near > 0) {
            out << "\n"
                << fmt::format(
                       fmt::runtime(
                           _("Near misses (failing at most {} criteria, no data missing), nearest "
                             "first: {}")),
                       args->near, near.size())
                << "\n";
            if (!near.empty()) {
                TextTable table({"#", _("Credit code"), _("Firm"), _("Failed criterion"), _("Gap")},
                                {true, false, false, false, false});
                std::size_t rank = 0;
                for (const auto& c : near) {
                    ++rank;
                    for (std::size_t k = 0; k < c.failed.size(); ++k)
                        table.add({k ? "" : std::to_string(rank), k ? "" : c.credit_code,
                                   k ? "" : c.name, label(c, k), c.gaps[k]});
                }
                table.print(out);
            }
        }
        out << "\n"
            << fmt::format(
                   fmt::runtime(
                       _("{} firms: {} hold the title, {} incomplete (see `ladder-cli worklist`)")),
                   firms, holders, incomplete)
            << "\n";
    });
});
}  // namespace
}  // namespace ladder::cli
