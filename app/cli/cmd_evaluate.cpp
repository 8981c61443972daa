// evaluate, candidates, worklist: the rules engine over the whole registry (README "Command line"
// for the evaluate CSV contract, the rule-set files for the verdicts). Firms are streamed from the
// registry a chunk at a time (three queries per chunk, never one per firm) and rows are written as
// each chunk is evaluated, so memory stays flat however many firms there are.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

constexpr std::size_t kChunk = 2000;  // firms per registry read

// The interface speaks Chinese unless English was asked for (--lang en, LANG=en_*).
bool chinese_ui() {
    const char* lang = std::getenv("LANGUAGE");
    return !lang || std::string_view(lang).rfind("zh", 0) == 0;
}

std::string tier_label(const TierRules& t) {
    return chinese_ui() || t.en.empty() ? t.zh : t.en;
}
std::string criterion_label(const Criterion& c) {
    return chinese_ui() || c.en.empty() ? c.zh : c.en;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string verdict_symbol(Verdict v) {
    return v == Verdict::pass ? "✓" : v == Verdict::fail ? "✗" : "?";
}
std::string verdict_symbol(TierVerdict v) {
    return v == TierVerdict::eligible ? "✓" : v == TierVerdict::ineligible ? "✗" : "?";
}

std::string verdict_text(TierVerdict v) {
    switch (v) {
        case TierVerdict::eligible:
            return _("eligible");
        case TierVerdict::ineligible:
            return _("ineligible");
        case TierVerdict::incomplete:
            return _("incomplete (data missing)");
    }
    return {};
}

// Firm fields the rules read, with their column labels (docs/import.md, README "Import rules").
std::string firm_field_label(const std::string& field) {
    static const std::map<std::string, std::string> zh = {{"niche_since", "细分领域起始年份"},
                                                          {"hnte_field", "高新技术领域"},
                                                          {"industry_code", "行业代码"},
                                                          {"founded", "成立日期"},
                                                          {"listed_on", "上市日期"}};
    auto it = zh.find(field);
    return chinese_ui() && it != zh.end() ? it->second : field;
}

// "研发费用(2019)", "rd_expense (2019)", "细分领域起始年份", "美元兑人民币汇率(2020)".
std::string input_label(const MissingInput& in, const RuleSet& rules) {
    switch (in.kind) {
        case MissingInput::Kind::figure: {
            auto m = find_measure(in.name);
            if (m && chinese_ui()) return fmt::format("{}({})", measure_info(*m).zh, in.year);
            return fmt::format("{} ({})", in.name, in.year);
        }
        case MissingInput::Kind::firm_field:
            return firm_field_label(in.name);
        case MissingInput::Kind::parameter: {
            const RuleParameter* p = rules.find_parameter(in.name);
            std::string name = p && chinese_ui() && !p->zh.empty() ? p->zh : in.name;
            return fmt::format(fmt::runtime(_("parameter {} ({})")), name, in.year);
        }
    }
    return in.to_string();
}

std::string kind_text(MissingInput::Kind k) {
    return k == MissingInput::Kind::figure       ? "figure"
           : k == MissingInput::Kind::firm_field ? "firm_field"
                                                 : "parameter";
}

// Cuts `text` to `width` display columns (ending in … when cut) and pads it with spaces.
std::string fit(const std::string& text, std::size_t width) {
    std::size_t total = display_width(text);
    if (total <= width) return text + std::string(width - total, ' ');
    std::string out;
    std::size_t w = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        std::string ch = text.substr(i, len);
        std::size_t cw = display_width(ch);
        if (w + cw + 1 > width) break;  // keep one column for the ellipsis
        out += ch;
        w += cw;
        i += len;
    }
    out += "…";
    return out + std::string(width > w + 1 ? width - w - 1 : 0, ' ');
}

// Appends one CSV field, quoted only when it holds a comma, quote or line break (RFC 4180).
void append_csv_field(std::string& buf, const std::string& field) {
    if (std::none_of(field.begin(), field.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
        buf += field;
        return;
    }
    buf += '"';
    for (char c : field) {
        if (c == '"') buf += '"';
        buf += c;
    }
    buf += '"';
}

// The tiers asked for: all of the rule set's, or the one --tier names (a usage error when the
// rule set has no such tier).
std::vector<const TierRules*> select_tiers(const RuleSet& rules, const std::string& tier) {
    std::vector<const TierRules*> out;
    if (tier.empty()) {
        for (const auto& t : rules.tiers) out.push_back(&t);
        return out;
    }
    const TierRules* t = rules.find_tier(tier);
    if (!t) {
        std::vector<std::string> ids;
        for (const auto& x : rules.tiers) ids.push_back(x.id);
        throw UsageError(fmt::format(fmt::runtime(_("rule set {} has no tier '{}' (tiers: {})")),
                                     rules.id, tier, join(ids, ", ")));
    }
    out.push_back(t);
    return out;
}

std::vector<EligibilityReport> evaluate_tiers(const RuleSet& rules, const FirmRecord& firm,
                                              int year, const std::vector<const TierRules*>& tiers,
                                              Detail detail) {
    if (tiers.size() == rules.tiers.size()) return evaluate_all(rules, firm, year, detail);
    std::vector<EligibilityReport> out;
    for (const auto* t : tiers) out.push_back(evaluate(rules, firm, year, t->id, detail));
    return out;
}

// One firm (--firm) or every firm of the registry, in credit-code order, a chunk at a time.
void for_each_record(Database& db, const std::string& firm_code,
                     const std::function<void(std::vector<FirmRecord>&)>& visit) {
    RegistryRepository repo(db);
    if (firm_code.empty()) {
        repo.for_each_firm_record(kChunk, visit);
        return;
    }
    auto firm = repo.find_firm(firm_code);
    if (!firm)
        throw std::runtime_error(
            fmt::format(fmt::runtime(_("firm {} is not in the registry")), firm_code));
    std::vector<FirmRecord> one(1);
    one[0].firm = std::move(*firm);
    one[0].figures = repo.figures_of(firm_code);
    one[0].recognitions = repo.recognitions_of(firm_code);
    visit(one);
}

// Standard output, or a file written under a temporary name and renamed into place when complete.
class Output {
  public:
    Output(Context& ctx, std::string path) : ctx_(ctx), path_(std::move(path)) {
        if (path_ == "-") return;
        tmp_ = path_ + ".part";
        file_.open(tmp_, std::ios::binary | std::ios::trunc);
        if (!file_)
            throw std::runtime_error(fmt::format(fmt::runtime(_("cannot write {}")), path_));
    }
    ~Output() {
        if (!tmp_.empty() && !done_) {
            file_.close();
            std::remove(tmp_.c_str());
        }
    }
    std::ostream& stream() { return path_ == "-" ? *ctx_.out : file_; }
    void finish() {
        if (path_ == "-") {
            ctx_.out->flush();
            return;
        }
        file_.close();
        if (!file_ || std::rename(tmp_.c_str(), path_.c_str()) != 0)
            throw std::runtime_error(fmt::format(fmt::runtime(_("cannot write {}")), path_));
        done_ = true;
    }

  private:
    Context& ctx_;
    std::string path_, tmp_;
    std::ofstream file_;
    bool done_ = false;
};

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
    if (!d.round) return fmt::format(fmt::runtime(_("decided by rule set {}")), d.rules->id);
    std::string name = chinese_ui() || d.round->en.empty() ? d.round->zh : d.round->en;
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

// The detailed table of one firm: every criterion with ✓ / ✗ / ?, values, threshold and gap.
void write_firm_detail(std::ostream& out, const FirmRecord& rec,
                       const std::vector<EligibilityReport>& reports, const RuleSet& rules,
                       int year, const std::vector<RuleChoice>& decisions = {}) {
    out << fmt::format(fmt::runtime(_("{} {} — rule set {}, assessment year {}")), rec.firm.name,
                       rec.firm.credit_code, rules.id, year)
        << "\n";
    for (std::size_t ri = 0; ri < reports.size(); ++ri) {
        const auto& r = reports[ri];
        const TierRules* t = rules.find_tier(r.tier);
        out << "\n"
            << fmt::format("{} {} [{}]: {}", verdict_symbol(r.verdict), t ? tier_label(*t) : r.tier,
                           r.tier, verdict_text(r.verdict))
            << "\n";
        if (ri < decisions.size()) {
            std::string by = decided_by(rules, decisions[ri]);
            if (!by.empty()) out << "  " << by << "\n";
            if (!r.waived.empty())
                out << "  "
                    << fmt::format(fmt::runtime(_("waived by the round: {}")), join(r.waived, ", "))
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
    cmd->add_option("--tier", args->tier, _("only this tier (id, e.g. high_tech)"));
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
            out << fmt::format(fmt::runtime(_("Rule set {}, assessment year {}")), rules.id, year)
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

// ---- candidates -----------------------------------------------------------------------------

struct CandidatesArgs {
    int year = 0, near = 1;
    std::string tier, format = "table", rule_set;
};

struct Candidate {
    std::string credit_code, name;
    double gap_size = 0;
    std::vector<std::string> failed;  // criterion ids
    std::vector<std::string> labels;  // criterion labels
    std::vector<std::string> gaps;    // gap text of each failed criterion
};

LADDER_CLI_COMMAND(52, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<CandidatesArgs>();
    auto* cmd = app.add_subcommand("candidates", _("firms eligible for a tier that do not hold it, "
                                                   "then the near misses ranked by their gap"));
    cmd->add_option("--year", args->year, _("assessment year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--tier", args->tier, _("tier id, e.g. little_giant"))->required();
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
        std::vector<Candidate> eligible, near;
        std::size_t holders = 0, incomplete = 0, firms = 0;
        for_each_record(db, {}, [&](std::vector<FirmRecord>& chunk) {
            for (const auto& rec : chunk) {
                ++firms;
                if (holds(rules, rec, tier.id, as_of)) {
                    ++holders;
                    continue;
                }
                EligibilityReport r = evaluate(rules, rec, year, tier.id, Detail::verdicts);
                if (r.verdict == TierVerdict::eligible) {
                    eligible.push_back({rec.firm.credit_code, rec.firm.name, 0, {}, {}, {}});
                } else if (r.verdict == TierVerdict::incomplete) {
                    ++incomplete;
                } else {
                    std::size_t failed = 0, missing = 0;
                    for (const auto& c : r.criteria) {
                        failed += c.verdict == Verdict::fail;
                        missing += c.verdict == Verdict::missing;
                    }
                    if (failed > static_cast<std::size_t>(args->near) || missing > 0) continue;
                    // Few firms are this near: explain only them.
                    EligibilityReport full = evaluate(rules, rec, year, tier.id, Detail::full);
                    Candidate c{rec.firm.credit_code, rec.firm.name, full.gap_size, {}, {}, {}};
                    for (const auto& cr : full.criteria) {
                        if (cr.verdict != Verdict::fail) continue;
                        c.failed.push_back(cr.id);
                        c.labels.push_back(cr.criterion ? criterion_label(*cr.criterion) : cr.id);
                        c.gaps.push_back(cr.gap.empty() ? cr.reason : cr.gap);
                    }
                    near.push_back(std::move(c));
                }
            }
        });
        // Nearest first: the smallest relative shortfall, then the fewest failed criteria.
        std::stable_sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) {
            if (a.gap_size != b.gap_size) return a.gap_size < b.gap_size;
            return a.failed.size() < b.failed.size();
        });

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
                                                 json_string(c.failed[k]), json_string(c.labels[k]),
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
        out << fmt::format(fmt::runtime(_("{} [{}] — rule set {}, assessment year {}")),
                           tier_label(tier), tier.id, rules.id, year)
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
                                   k ? "" : c.name, c.labels[k], c.gaps[k]});
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

// ---- worklist -------------------------------------------------------------------------------

struct WorklistArgs {
    int year = 0;
    std::string tier, firm, format = "table", rule_set;
};

struct InputCount {
    std::size_t firms = 0;  // distinct firms with an incomplete tier waiting for the input
    std::size_t pairs = 0;  // incomplete (firm, tier) pairs waiting for it
    std::size_t sole = 0;   // of those, pairs where it is the only input missing
    std::vector<std::string> tiers, criteria;  // --firm: which tiers and criteria wait for it
};

LADDER_CLI_COMMAND(54, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<WorklistArgs>();
    auto* cmd = app.add_subcommand(
        "worklist",
        _("the figures to collect to decide the incomplete verdicts, most useful first"));
    cmd->add_option("--year", args->year, _("assessment year"))
        ->required()
        ->check(CLI::Range(1990, 2100));
    cmd->add_option("--tier", args->tier, _("only this tier"));
    cmd->add_option("--firm", args->firm, _("only this firm (credit code)"));
    cmd->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    cmd->add_option("--rules", args->rule_set,
                    _("rule set id (default: the one in force for the year)"));
    cmd->callback([&ctx, args] {
        const RuleSet& rules = rule_set_for(args->year, args->rule_set);
        std::vector<const TierRules*> tiers = select_tiers(rules, args->tier);
        Database db = ctx.open_database();
        std::map<MissingInput, InputCount> counts;
        std::size_t incomplete_pairs = 0;
        std::set<std::string> incomplete_firms;
        for_each_record(db, args->firm, [&](std::vector<FirmRecord>& chunk) {
            for (const auto& rec : chunk) {
                std::set<MissingInput> of_firm;
                for (const auto& r :
                     evaluate_tiers(rules, rec, args->year, tiers, Detail::verdicts)) {
                    if (r.verdict != TierVerdict::incomplete) continue;
                    ++incomplete_pairs;
                    std::vector<MissingInput> inputs = r.missing_inputs();
                    for (const auto& in : inputs) {
                        InputCount& c = counts[in];
                        ++c.pairs;
                        if (inputs.size() == 1) ++c.sole;
                        if (of_firm.insert(in).second) ++c.firms;
                        if (!args->firm.empty()) {
                            c.tiers.push_back(r.tier);
                            for (const auto& cr : r.criteria)
                                if (std::find(cr.missing.begin(), cr.missing.end(), in) !=
                                    cr.missing.end())
                                    c.criteria.push_back(cr.id);
                        }
                    }
                }
                if (!of_firm.empty()) incomplete_firms.insert(rec.firm.credit_code);
            }
        });
        std::vector<std::pair<MissingInput, InputCount>> rows(counts.begin(), counts.end());
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            if (a.second.pairs != b.second.pairs) return a.second.pairs > b.second.pairs;
            return a.second.sole > b.second.sole;
        });
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
                           rules.id, args->year)
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
                   incomplete_pairs, incomplete_firms.size())
            << "\n";
    });
});

}  // namespace
}  // namespace ladder::cli
