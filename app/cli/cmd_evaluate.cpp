// evaluate: the rules engine over the whole registry (README "Command line" for the evaluate CSV
// contract, the rule-set files for the verdicts). Firms are streamed from the registry a chunk at
// a time (three queries per chunk, never one per firm) and rows are written as each chunk is
// evaluated, so memory stays flat however many firms there are.
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
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

// ---- evaluate -------------------------------------------------------------------------------

struct EvaluateArgs {
    int year = 0;
    std::string tier, firm, format = "csv", rule_set, output = "-", kind = "new", date;
};

// Which rule set and round decide each selected tier for the kind of case.
std::vector<RuleChoice> decisions_for(const RuleSet& rules, int year,
                                      const std::vector<const TierRules*>& tiers, CaseKind kind) {
    std::vector<RuleChoice> out;
    for (const auto* t : tiers)
        out.push_back(decide(shipped_rule_sets(), rules, year, t->id, kind));
    return out;
}

bool plain(const RuleSet& rules, const std::vector<RuleChoice>& decisions) {
    return std::all_of(decisions.begin(), decisions.end(),
                       [&](const RuleChoice& d) { return d.rules == &rules && !d.round; });
}

std::vector<EligibilityReport> evaluate_decided(const RuleSet& rules, const FirmRecord& firm,
                                                int year,
                                                const std::vector<const TierRules*>& tiers,
                                                const std::vector<RuleChoice>& decisions,
                                                Detail detail) {
    if (plain(rules, decisions)) return evaluate_tiers(rules, firm, year, tiers, detail);
    std::vector<EligibilityReport> out;
    for (std::size_t i = 0; i < tiers.size(); ++i)
        out.push_back(
            evaluate(*decisions[i].rules, firm, year, tiers[i]->id, detail, decisions[i].round));
    return out;
}

// "decided by national-2022, round 2026-little_giant-re_review (2026 年小巨人复核)", or empty
// when the rule set asked for decides alone.
std::string decided_by(const RuleSet& rules, const RuleChoice& d) {
    if (d.rules == &rules && !d.round) return {};
    if (!d.round)
        return fmt::format(fmt::runtime(_("decided by rule set {}")), rule_set_label(*d.rules));
    // In English the round's id stays beside its name: it is what a rule file names.
    if (chinese_ui())
        return fmt::format(fmt::runtime(_("decided by rule set {}, round {}")),
                           rule_set_label(*d.rules), d.round->zh);
    std::string name = d.round->en.empty() ? d.round->zh : d.round->en;
    return fmt::format(fmt::runtime(_("decided by rule set {}, round {} ({})")), d.rules->id,
                       d.round->id, name);
}

void write_json_criterion(std::ostream& out, const CriterionResult& c, const RuleSet& rules,
                          const TierRules* tier) {
    std::vector<std::string> inputs, labels;
    for (const auto& m : c.missing) {
        inputs.push_back(json_string(m.to_string()));
        labels.push_back(json_string(input_label(m, rules)));
    }
    const Criterion* k = c.criterion;
    out << fmt::format(
        "        {{\"id\": {}, \"zh\": {}, \"en\": {}, \"verdict\": \"{}\", \"actual\": {}, "
        "\"threshold\": {}, "
        "\"gap\": {}, \"reason\": {}, \"gap_size\": {}, \"missing_inputs\": [{}], "
        "\"missing_labels\": [{}], "
        "\"assumed\": {}, \"note\": {}, \"reviewer_confirmed\": {}, \"source\": {}}}",
        json_string(c.id), json_string(k ? k->zh : ""), json_string(k ? k->en : ""),
        to_string(c.verdict), json_string(c.actual), json_string(c.threshold), json_string(c.gap),
        json_string(c.reason), c.gap_size, join(inputs, ", "), join(labels, ", "),
        c.assumed ? "true" : "false", json_string(c.note), c.reviewer_confirmed ? "true" : "false",
        json_string(k && !k->source.empty() ? k->source
                    : tier                  ? tier->source
                                            : ""));
}

std::vector<std::string> quoted(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(json_string(id));
    return out;
}

void write_json_firm(std::ostream& out, const FirmRecord& rec,
                     const std::vector<EligibilityReport>& reports, const RuleSet& rules,
                     bool first) {
    out << (first ? "\n" : ",\n");
    out << fmt::format("    {{\"credit_code\": {}, \"name\": {}, \"tiers\": [",
                       json_string(rec.firm.credit_code), json_string(rec.firm.name));
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& r = reports[i];
        const TierRules* t = rules.find_tier(r.tier);
        std::vector<std::string> inputs;
        for (const auto& m : r.missing_inputs()) inputs.push_back(json_string(m.to_string()));
        out << (i ? ",\n" : "\n");
        out << fmt::format(
            "      {{\"tier\": {}, \"zh\": {}, \"en\": {}, \"verdict\": \"{}\", \"failed\": [{}], "
            "\"missing\": [{}], "
            "\"missing_inputs\": [{}], \"gap_size\": {}, \"rule_set\": {}, \"round\": {}, "
            "\"waived\": [{}], \"criteria\": [",
            json_string(r.tier), json_string(t ? t->zh : ""), json_string(t ? t->en : ""),
            to_string(r.verdict), join(quoted(r.failed()), ", "), join(quoted(r.missing()), ", "),
            join(inputs, ", "), r.gap_size, json_string(r.rule_set.empty() ? rules.id : r.rule_set),
            r.round.empty() ? std::string("null") : json_string(r.round),
            join(quoted(r.waived), ", "));
        for (std::size_t k = 0; k < r.criteria.size(); ++k) {
            out << (k ? ",\n" : "\n");
            write_json_criterion(out, r.criteria[k], rules, t);
        }
        out << "]}";
    }
    out << "]}";
}

std::vector<std::string> criterion_names(const RuleSet& rules,
                                         const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(names::criterion(rules, id));
    return out;
}

// The detailed table of one firm: every criterion with ✓ / ✗ / ?, values, threshold and gap.
void write_firm_detail(std::ostream& out, const FirmRecord& rec,
                       const std::vector<EligibilityReport>& reports, const RuleSet& rules,
                       int year, const std::vector<RuleChoice>& decisions = {}) {
    out << fmt::format(fmt::runtime(_("{} {} — rule set {}, assessment year {}")), rec.firm.name,
                       rec.firm.credit_code, rule_set_label(rules), year)
        << "\n";
    for (std::size_t ri = 0; ri < reports.size(); ++ri) {
        const auto& r = reports[ri];
        const TierRules* t = rules.find_tier(r.tier);
        out << "\n"
            << fmt::format("{} {}: {}", verdict_symbol(r.verdict),
                           t ? tier_label(*t) : names::tier(r.tier), verdict_label(r.verdict))
            << "\n";
        if (ri < decisions.size()) {
            std::string by = decided_by(rules, decisions[ri]);
            if (!by.empty()) out << "  " << by << "\n";
            if (!r.waived.empty())
                out << "  "
                    << fmt::format(fmt::runtime(_("waived by the round: {}")),
                                   join(criterion_names(rules, r.waived), ", "))
                    << "\n";
        }
        TextTable table(
            {"", _("Criterion"), _("Actual"), _("Threshold"), _("Gap, reason or missing figures")});
        std::vector<std::string> notes;
        for (const auto& c : r.criteria) {
            std::string label = c.criterion ? criterion_label(*c.criterion) : c.id;
            if (c.assumed) {
                label += " *";
                if (c.criterion && !c.criterion->note.empty())
                    notes.push_back(fmt::format("* {}: {}", label.substr(0, label.size() - 2),
                                                c.criterion->note));
            }
            std::string detail;
            if (c.verdict == Verdict::fail) {
                detail = c.gap.empty() ? c.reason : c.gap;
            } else if (c.verdict == Verdict::missing) {
                std::vector<std::string> labels;
                for (const auto& m : c.missing) labels.push_back(input_label(m, rules));
                detail = fmt::format(fmt::runtime(_("missing: {}")), join(labels, ", "));
            }
            table.add({verdict_symbol(c.verdict), label, c.actual, c.threshold, detail});
        }
        table.print(out);
        for (const auto& n : notes) out << n << "\n";
    }
}

LADDER_CLI_COMMAND(50, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<EvaluateArgs>();
    auto* cmd = app.add_subcommand(
        "evaluate", _("evaluate firms against the tier criteria of a year's rule set"));
    cmd->add_option("--year", args->year, _("assessment year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--tier", args->tier, _("only this tier (id, e.g. high_tech)"))
        ->transform(name_resolver(&resolve_tier));
    cmd->add_option("--firm", args->firm, _("only this firm (credit code)"));
    cmd->add_option(
           "--format", args->format,
           _("csv (default: one row per firm and tier), json (every criterion explained) or table"))
        ->check(CLI::IsMember({"csv", "json", "table"}));
    cmd->add_option("--rules", args->rule_set,
                    _("rule set id (default: the one in force for the year)"));
    cmd->add_option("--kind", args->kind,
                    _("kind of case: new (an application, default) or re-review (of a title held); "
                      "a round of the rule set may decide re-reviews under another standard"))
        ->check(CLI::IsMember({"new", "re-review", "re_review"}));
    cmd->add_option(
        "--date", args->date,
        _("the day the case is decided (YYYY-MM-DD): picks the rule set in force then"));
    cmd->add_option("--output,-o", args->output, _("output file (default: standard output)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules =
            args->date.empty() ? rule_set_for(args->year, args->rule_set)
                               : rule_set_for(args->year, args->rule_set, date_option(args->date));
        std::vector<const TierRules*> tiers = select_tiers(rules, args->tier);
        const CaseKind kind = *parse_case_kind(args->kind);
        const std::vector<RuleChoice> decisions = decisions_for(rules, args->year, tiers, kind);
        const bool plain_rules = plain(rules, decisions);
        Database db = ctx.open_database();
        Output output(ctx, args->output);
        std::ostream& out = output.stream();
        const int year = args->year;

        if (args->format == "csv") {
            // Rows are built into one buffer per chunk: one write per chunk, no per-row vectors.
            out << "credit_code,tier,verdict,failed,missing\n";
            // The reports and the id list are reused from firm to firm: nothing is allocated
            // per row once they have grown.
            std::string buf, ids;
            std::vector<EligibilityReport> reports;
            const bool all_tiers = tiers.size() == rules.tiers.size();
            for_each_record(db, args->firm, [&](std::vector<FirmRecord>& chunk) {
                buf.clear();
                for (const auto& rec : chunk) {
                    if (all_tiers && plain_rules)
                        evaluate_all(rules, rec, year, Detail::verdicts, reports);
                    else
                        reports =
                            evaluate_decided(rules, rec, year, tiers, decisions, Detail::verdicts);
                    for (const auto& r : reports) {
                        append_csv_field(buf, rec.firm.credit_code);
                        buf += ',';
                        append_csv_field(buf, r.tier);
                        buf += ',';
                        buf += to_string(r.verdict);
                        for (Verdict v : {Verdict::fail, Verdict::missing}) {
                            buf += ',';
                            ids.clear();
                            for (const auto& c : r.criteria)
                                if (c.verdict == v) {
                                    if (!ids.empty()) ids += ';';
                                    ids += c.id;
                                }
                            append_csv_field(buf, ids);
                        }
                        buf += '\n';
                    }
                }
                out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
                if (!out) throw std::runtime_error(_("cannot write the output"));
            });
        } else if (args->format == "json") {
            out << fmt::format(
                "{{\n  \"rule_set\": {}, \"assessment_year\": {}, \"kind\": \"{}\",\n  \"firms\": "
                "[",
                json_string(rules.id), year, to_string(kind));
            bool first = true;
            for_each_record(db, args->firm, [&](std::vector<FirmRecord>& chunk) {
                for (const auto& rec : chunk) {
                    write_json_firm(
                        out, rec,
                        evaluate_decided(rules, rec, year, tiers, decisions, Detail::full), rules,
                        first);
                    first = false;
                }
                if (!out) throw std::runtime_error(_("cannot write the output"));
            });
            out << "\n  ]\n}\n";
        } else if (!args->firm.empty()) {
            for_each_record(db, args->firm, [&](std::vector<FirmRecord>& chunk) {
                for (const auto& rec : chunk)
                    write_firm_detail(
                        out, rec,
                        evaluate_decided(rules, rec, year, tiers, decisions, Detail::full), rules,
                        year, decisions);
            });
        } else {
            // All firms: one compact line per firm, streamed with fixed column widths. With one
            // tier the line also names the failed criteria (with their gaps) and the missing ones.
            const bool single = tiers.size() == 1;
            constexpr std::size_t kNameWidth = 28;
            out << fmt::format(fmt::runtime(_("Rule set {}, assessment year {}")),
                               rule_set_label(rules), year)
                << "\n";
            for (std::size_t i = 0; i < tiers.size(); ++i)
                if (std::string by = decided_by(rules, decisions[i]); !by.empty())
                    out << fmt::format("  [{}] {}\n", tiers[i]->id, by);
            if (!single)
                for (std::size_t i = 0; i < tiers.size(); ++i)
                    out << fmt::format("  {} = {} [{}]\n", i + 1, tier_label(*tiers[i]),
                                       tiers[i]->id);
            out << _("✓ eligible   ✗ ineligible   ? incomplete (data missing)") << "\n\n";
            out << fit(_("Credit code"), 19) << fit(_("Firm"), kNameWidth + 1);
            if (single)
                out << fit(tier_label(*tiers[0]), display_width(tier_label(*tiers[0])) + 1) << "  "
                    << _("Failed (gap) / missing") << "\n";
            else
                for (std::size_t i = 0; i < tiers.size(); ++i) out << fit(std::to_string(i + 1), 3);
            if (!single) out << "\n";
            std::vector<std::array<std::size_t, 3>> counts(tiers.size(), {0, 0, 0});
            for_each_record(db, args->firm, [&](std::vector<FirmRecord>& chunk) {
                for (const auto& rec : chunk) {
                    auto reports = evaluate_decided(rules, rec, year, tiers, decisions,
                                                    single ? Detail::full : Detail::verdicts);
                    out << fit(rec.firm.credit_code, 19) << fit(rec.firm.name, kNameWidth) << " ";
                    for (std::size_t i = 0; i < reports.size(); ++i) {
                        ++counts[i][static_cast<std::size_t>(reports[i].verdict)];
                        if (!single) out << fit(verdict_symbol(reports[i].verdict), 3);
                    }
                    if (single) {
                        const auto& r = reports[0];
                        std::vector<std::string> why;
                        for (const auto& c : r.criteria) {
                            std::string label = c.criterion ? criterion_label(*c.criterion) : c.id;
                            if (c.verdict == Verdict::fail)
                                why.push_back(fmt::format("✗ {}（{}）", label,
                                                          c.gap.empty() ? c.reason : c.gap));
                            else if (c.verdict == Verdict::missing)
                                why.push_back(fmt::format("? {}", label));
                        }
                        out << fit(verdict_symbol(r.verdict),
                                   display_width(tier_label(*tiers[0])) + 1)
                            << "  " << join(why, "; ");
                    }
                    out << "\n";
                }
                if (!out) throw std::runtime_error(_("cannot write the output"));
            });
            out << "\n";
            TextTable summary({_("Tier"), _("Eligible"), _("Ineligible"), _("Incomplete")},
                              {false, true, true, true});
            for (std::size_t i = 0; i < tiers.size(); ++i)
                summary.add({tier_label(*tiers[i]), std::to_string(counts[i][0]),
                             std::to_string(counts[i][1]), std::to_string(counts[i][2])});
            summary.print(out);
        }
        output.finish();
    });
});
}  // namespace
}  // namespace ladder::cli
