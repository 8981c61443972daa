// tally: new additions per tier against the annual quotas (README "Workflow": tally; counting
// against quotas and the CSV contract), with the projection of the year's end (pending
// applications, eligible candidates) and retention risk, and the annual report (XLSX, PDF).
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "services/tally_service.hpp"
#include "model/annual_report.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/rules/rule_set.hpp"
#include "model/table.hpp"
#include "model/title_cycle.hpp"
#include "report/render.hpp"
#include "services/title_service.hpp"
#include "rules_text.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct TallyArgs {
    int year = 0;
    std::string by = "province", format = "table", output = "-", rule_set, issuer;
};

// The grouping as the heading says it (the --by value is an id, not a word of the sentence).
std::string grouping_text(TallyGrouping g) {
    switch (g) {
        case TallyGrouping::province:
            return _("province-wide");
        case TallyGrouping::city:
            return _("by city");
        case TallyGrouping::county:
            return _("by county");
        case TallyGrouping::chain:
            return _("by industry chain");
    }
    return {};
}

std::string opt_number(const std::optional<int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
}

// {"expired": n, "failed_re_review": n, "revoked": n, "surrendered": n}: every cause named.
std::string exits_json(const std::map<ExitCause, std::size_t>& counts) {
    std::string out;
    for (ExitCause c : {ExitCause::expired, ExitCause::failed_re_review, ExitCause::revoked,
                        ExitCause::surrendered}) {
        auto it = counts.find(c);
        out += fmt::format("{}\"{}\": {}", out.empty() ? "{" : ", ", exit_cause_id(c),
                           it == counts.end() ? 0 : it->second);
    }
    return out + "}";
}

// The year's title ends by cause, per tier — only when a registry records causes other than
// expiry (a revocation, a surrender, a refused re-review), so a registry without them prints
// exactly what it printed before.
void print_exit_causes(std::ostream& out, Database& db, const RuleSet& rules, int year) {
    std::map<std::string, std::map<ExitCause, std::size_t>> by_tier;
    bool other_than_expiry = false;
    for (const auto& e : TitleService(db, rules.tier_catalog()).ends(year)) {
        ++by_tier[e.tier][e.cause];
        other_than_expiry |= e.cause != ExitCause::expired;
    }
    if (!other_than_expiry) return;
    out << fmt::format(fmt::runtime(_("Titles ended in {} by cause (title ends):")), year) << '\n';
    for (const auto& [tier, causes] : by_tier) {
        const TierRules* t = rules.find_tier(tier);
        std::string line;
        for (const auto& [cause, n] : causes)
            line += fmt::format("{}{} {}", line.empty() ? "" : ", ", exit_cause_zh(cause), n);
        out << "  " << (t ? t->zh : tier) << ": " << line << '\n';
    }
}

LADDER_CLI_COMMAND(60, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<TallyArgs>();
    auto* cmd = app.add_subcommand(
        "tally", _("new additions per tier against the year's quotas, and the annual report"));
    cmd->add_option("--year", args->year, _("assessment year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--by", args->by, _("province (default), city, county or chain"))
        ->check(CLI::IsMember({"province", "city", "county", "chain"}));
    cmd->add_option(
           "--format", args->format,
           _("table (default), csv, json, or the annual report as xlsx or pdf (every grouping)"))
        ->check(CLI::IsMember({"table", "csv", "json", "xlsx", "pdf"}));
    cmd->add_option("--output,-o", args->output, _("output file (default: standard output)"));
    cmd->add_option("--issuer", args->issuer,
                    _("issuing unit printed on the annual report (报送单位), e.g. "
                      "江西省工业和信息化厅"));
    cmd->add_option("--rules", args->rule_set,
                    _("rule set id (default: the one in force for the year)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        bool report_format = args->format == "xlsx" || args->format == "pdf";
        if (report_format && args->output == "-")
            throw UsageError(
                fmt::format(fmt::runtime(_("--format {} needs --output FILE")), args->format));
        Database db = ctx.open_database();
        // The CSV contract has no projection columns: skip evaluating every firm for it.
        AnnualTally tally(db, rules, args->year, args->format != "csv");
        if (report_format) {
            AnnualReportInput input = tally.report_input();
            input.issuer = args->issuer;
            Report report = build_annual_report(input);
            if (args->format == "xlsx")
                write_report_xlsx(report, args->output);
            else
                write_report_pdf(report, args->output);
            *ctx.out << fmt::format(fmt::runtime(_("{} written to {}")), report.title, args->output)
                     << '\n';
            return;
        }
        TallyGrouping grouping = *parse_tally_grouping(args->by);
        std::vector<AnnualTallyRow> rows = tally.rows(grouping);

        if (args->format == "csv") {
            std::vector<std::vector<std::string>> out;
            for (const auto& r : rows)
                out.push_back({r.group, r.tier, opt_number(r.quota),
                               std::to_string(r.holders_start), std::to_string(r.added),
                               std::to_string(r.exited), std::to_string(r.holders_end)});
            write_csv_file(
                args->output,
                {"group", "tier", "quota", "holders_start", "added", "exited", "holders_end"}, out);
            return;
        }
        std::ostringstream text;
        if (args->format == "json") {
            // Exits keep their cause: each row's titles ended in the year, counted by cause.
            auto causes =
                TitleService(db, rules.tier_catalog()).ends_by_group(args->year, grouping);
            text << "[\n";
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const auto& r = rows[i];
                text << fmt::format(
                    "  {{\"group\": {}, \"group_name\": {}, \"tier\": {}, \"quota\": {}, "
                    "\"holders_start\": {}, "
                    "\"added\": {}, \"exited\": {}, \"holders_end\": {}, \"pending\": {}, "
                    "\"candidates\": {}, "
                    "\"projected_added\": {}, \"expiring\": {}, \"at_risk\": {}, "
                    "\"exited_by_cause\": {}}}{}\n",
                    json_string(r.group), json_string(tally_group_label(r.group, grouping)),
                    json_string(r.tier), r.quota ? std::to_string(*r.quota) : "null",
                    r.holders_start, r.added, r.exited, r.holders_end, r.pending, r.candidates,
                    r.projected(), r.expiring, r.at_risk, exits_json(causes[{r.group, r.tier}]),
                    i + 1 < rows.size() ? "," : "");
            }
            text << "]\n";
        } else {
            text << fmt::format(fmt::runtime(_("{} — assessment year {}, {}")),
                                rule_set_label(rules), args->year, grouping_text(grouping))
                 << "\n\n";
            TextTable table(
                {_("Group"), _("Tier"), _("Quota"), _("Holders at start"), _("Added"), _("Exited"),
                 _("Holders at end"), _("Progress"), _("Pending"), _("Candidates"), _("Projected"),
                 _("Expiring"), _("At risk")},
                {false, false, true, true, true, true, true, true, true, true, true, true, true});
            for (const auto& r : rows) {
                const TierRules* tier = rules.find_tier(r.tier);
                std::string progress =
                    r.quota && *r.quota > 0
                        ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(r.added) /
                                                     static_cast<double>(*r.quota))
                        : std::string();
                table.add({tally_group_label(r.group, grouping), tier ? tier->zh : r.tier,
                           opt_number(r.quota), std::to_string(r.holders_start),
                           std::to_string(r.added), std::to_string(r.exited),
                           std::to_string(r.holders_end), progress, std::to_string(r.pending),
                           std::to_string(r.candidates), std::to_string(r.projected()),
                           std::to_string(r.expiring), std::to_string(r.at_risk)});
            }
            table.print(text);
            text << '\n'
                 << _("Projected = added + pending (in review or publicity) + candidates "
                      "(eligible, not applied). "
                      "At risk = expiring, not renewed and no longer eligible.")
                 << '\n';
            print_exit_causes(text, db, rules, args->year);
        }
        if (args->output == "-") {
            *ctx.out << text.str();
        } else {
            std::ofstream f(args->output, std::ios::binary);
            f << text.str();
            if (!f)
                throw std::runtime_error(
                    fmt::format(fmt::runtime(_("cannot write {}")), args->output));
        }
    });
});

}  // namespace
}  // namespace ladder::cli
