// rules list | check | diff: the rule sets as data — which ship, whether a draft file loads and
// what an editor should look at, and the impact of a policy change on the registry.
#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "model/rules/analysis.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"
#include "services/analysis_service.hpp"
#include "rules_text.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

// Tiers by the names people read, from the rule set that defines them.
std::vector<std::string> tier_names(const RuleSet& rules, const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) {
        out.push_back(tier_label(rules, id));
    }
    return out;
}

std::string criterion_label(const RuleSet& rules, const std::string& id) {
    const Criterion* c = rules.find_criterion(id);
    if (!c) return id;
    return chinese_ui() || c->en.empty() ? c->zh : c->en;
}

std::string years_text(const RuleSet& rules) {
    std::string years = rules.last_year ? fmt::format("{}–{}", rules.first_year, *rules.last_year)
                                        : fmt::format("{}–", rules.first_year);
    if (rules.in_force)
        years = fmt::format(fmt::runtime(_("{} (in force from {})")), years,
                            rules.in_force->to_string());
    return years;
}

std::size_t criteria_count(const RuleSet& rules) {
    std::size_t n = 0;
    for (const auto& t : rules.tiers) n += t.criteria.size();
    return n;
}

// ---- rules list / check ---------------------------------------------------------------------

void add_list(CLI::App& rules_cmd, Context& ctx) {
    auto* cmd = rules_cmd.add_subcommand(
        "list", _("the shipped rule sets and the assessment years they cover"));
    auto which = std::make_shared<std::pair<std::string, int>>();
    cmd->add_option("--rules", which->first,
                    _("also list this rule set's criteria, each rule in words"));
    cmd->add_option("--year", which->second,
                    _("also list the criteria of the rule set for this assessment year, with its "
                      "fiscal years"))
        ->check(CLI::Range(1990, 2100));
    cmd->callback([&ctx, which] {
        TextTable table(
            {_("Rule set"), _("Name"), _("Assessment years"), _("Tiers"), _("Criteria"), _("File")},
            {false, false, false, true, true, false});
        for (const auto& rs : shipped_rule_sets().rule_sets())
            table.add({rs.id, chinese_ui() || rs.name_en.empty() ? rs.name : rs.name_en,
                       years_text(rs), std::to_string(rs.tiers.size()),
                       std::to_string(criteria_count(rs)), rs.file});
        table.print(*ctx.out);
        if (which->first.empty() && which->second == 0) return;
        // The criteria read as sentences made from the compiled rules, not the rule language.
        const RuleSet& rules = rule_set_for(which->second, which->first);
        *ctx.out << '\n';
        TextTable criteria({_("Tier"), _("Criterion"), _("Rule")});
        for (const auto& t : rules.tiers)
            for (const auto& c : t.criteria)
                criteria.add({tier_label(t), names::criterion(c) + (c.assumed ? " *" : ""),
                              names::rule_sentence(rules, c, which->second)});
        criteria.print(*ctx.out);
    });
}

void add_check(CLI::App& rules_cmd, Context& ctx) {
    auto file = std::make_shared<std::string>();
    auto* cmd = rules_cmd.add_subcommand("check", _("load a rule-set file: errors as file:line: "
                                                    "reason (exit 1), else advice for its editor"));
    cmd->add_option("file", *file, _("rule-set file (TOML)"))->required();
    cmd->callback([&ctx, file] {
        // Load errors are thrown as InputError: main prints each `file:line: reason` and exits 1.
        RuleSet rules = load_rule_set(*file);
        std::vector<std::string> notes = lint_rule_set(rules);
        *ctx.out << fmt::format(
                        fmt::runtime(
                            _("{}: rule set {} ({}), assessment years {}, {} tiers, {} criteria")),
                        rules.file, rules.id, rules.name, years_text(rules), rules.tiers.size(),
                        criteria_count(rules))
                 << '\n';
        for (const auto& n : notes) *ctx.out << "  - " << n << '\n';
        *ctx.out << (notes.empty()
                         ? std::string(_("loads cleanly; no advice"))
                         : fmt::format(fmt::runtime(_("loads cleanly; {} notes to review")),
                                       notes.size()))
                 << '\n';
    });
}

// ---- rules diff -----------------------------------------------------------------------------

struct DiffArgs {
    int year = 0;
    std::string from, to, tier, format = "table";
    bool summary_only = false;
};

void add_diff(CLI::App& rules_cmd, Context& ctx) {
    auto args = std::make_shared<DiffArgs>();
    auto* cmd = rules_cmd.add_subcommand(
        "diff",
        _("evaluate every firm under two rule sets and list whose verdict changes, and why"));
    cmd->add_option("--year", args->year,
                    _("assessment year used with both rule sets (default: the first year of the "
                      "later one)"))
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--from", args->from, _("rule set id before the change"))->required();
    cmd->add_option("--to", args->to, _("rule set id after the change"))->required();
    cmd->add_option("--tier", args->tier, _("only this tier"))
        ->transform(name_resolver(&resolve_tier));
    cmd->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    cmd->add_flag("--summary", args->summary_only, _("table: only the counts per tier"));
    cmd->callback([&ctx, args] {
        const RuleSet& a = rule_set_for(args->year, args->from);
        const RuleSet& b = rule_set_for(args->year, args->to);
        // Without --year: the first year the later rule set decides (2026 for 2022 → 2026).
        if (args->year == 0) args->year = std::max(a.first_year, b.first_year);
        // Tiers both sets define, in the order of the new one.
        std::vector<std::string> common, only_a, only_b;
        for (const auto& t : b.tiers) (a.find_tier(t.id) ? common : only_b).push_back(t.id);
        for (const auto& t : a.tiers)
            if (!b.find_tier(t.id)) only_a.push_back(t.id);
        if (!args->tier.empty()) {
            if (std::find(common.begin(), common.end(), args->tier) == common.end())
                throw UsageError(fmt::format(
                    fmt::runtime(_("tier '{}' is not defined by both {} and {} (common: {})")),
                    args->tier, a.id, b.id, join(common, ", ")));
            common = {args->tier};
        }
        Database db = ctx.open_database();
        std::ostream& out = *ctx.out;
        const bool csv = args->format == "csv";
        if (csv) out << "credit_code,tier,from,to,criteria\n";
        std::vector<VerdictFlip> flips;
        RulesDiff diff(a, b, args->year, common, [&](VerdictFlip&& f) {
            if (csv)
                write_csv_record(out, {f.credit_code, f.tier, std::string(to_string(f.from)),
                                       std::string(to_string(f.to)), join(f.criteria, ";")});
            else if (!args->summary_only)
                flips.push_back(std::move(f));
        });
        diff_rule_sets(db, diff);
        const std::size_t firms = diff.firms();
        if (csv) return;

        out << fmt::format(fmt::runtime(_("Rule set {} → {}, assessment year {}: {} firms")), a.id,
                           b.id, args->year, firms)
            << "\n";
        if (!only_b.empty())
            out << fmt::format(fmt::runtime(_("tiers only in {}: {}")), b.id,
                               join(tier_names(b, only_b), ", "))
                << "\n";
        if (!only_a.empty())
            out << fmt::format(fmt::runtime(_("tiers only in {}: {}")), a.id,
                               join(tier_names(a, only_a), ", "))
                << "\n";
        if (!args->summary_only) {
            out << "\n";
            TextTable table({_("Credit code"), _("Firm"), _("Tier"), _("Verdict change"),
                             _("Criteria changed")});
            for (const auto& f : flips) {
                std::vector<std::string> why;
                for (const auto& c : f.criteria) {
                    // "id:old->new" shown as "label: old → new".
                    auto colon = c.find(':');
                    std::string id = c.substr(0, colon), change = c.substr(colon + 1);
                    auto arrow = change.find("->");
                    why.push_back(fmt::format("{}: {} → {}",
                                              criterion_label(b.find_criterion(id) ? b : a, id),
                                              names::verdict(change.substr(0, arrow)),
                                              names::verdict(change.substr(arrow + 2))));
                }
                table.add({f.credit_code, f.name, tier_label(*b.find_tier(f.tier)),
                           fmt::format("{} → {}", names::verdict(f.from), names::verdict(f.to)),
                           join(why, "; ")});
            }
            table.print(out);
        }
        out << "\n";
        TextTable counts(
            {_("Tier"), fmt::format(fmt::runtime(_("Eligible under {}")), a.id),
             fmt::format(fmt::runtime(_("Eligible under {}")), b.id), _("Changed"), _("Changes")},
            {false, true, true, true, false});
        for (const auto& tier : common) {
            auto found = diff.summary().find(tier);
            const TierFlipSummary s =
                found == diff.summary().end() ? TierFlipSummary{} : found->second;
            std::vector<std::string> changes;
            for (const auto& [t, n] : s.transitions)
                changes.push_back(fmt::format("{} → {}: {}", names::verdict(t.first),
                                              names::verdict(t.second), n));
            counts.add({tier_label(*b.find_tier(tier)), std::to_string(s.eligible_from),
                        std::to_string(s.eligible_to), std::to_string(s.flipped),
                        join(changes, "; ")});
        }
        counts.print(out);

        // Who loses or gains eligibility by which criterion: what a bureau plans the change by.
        TextTable causes({_("Tier"), _("Criterion"), _("Firms losing eligibility"),
                          _("Firms gaining eligibility")},
                         {false, false, true, true});
        bool any = false;
        for (const auto& tier : common) {
            auto found = diff.summary().find(tier);
            if (found == diff.summary().end()) continue;
            for (const auto& [id, n] : found->second.by_criterion) {
                any = true;
                causes.add({tier_label(*b.find_tier(tier)),
                            criterion_label(b.find_criterion(id) ? b : a, id),
                            std::to_string(n.first), std::to_string(n.second)});
            }
        }
        if (any) {
            out << "\n"
                << _("Criteria behind the changes (a firm counts under each of its causes):")
                << "\n";
            causes.print(out);
        }
    });
}

LADDER_CLI_COMMAND(80, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto* cmd = app.add_subcommand("rules",
                                   _("rule sets: list, check a file, compare two on the registry"));
    cmd->require_subcommand(1);
    add_list(*cmd, ctx);
    add_check(*cmd, ctx);
    add_diff(*cmd, ctx);
});

}  // namespace
}  // namespace ladder::cli
