#pragma once
// A rule set is data (resources/rules/*.toml): tiers, their criteria as expressions over a fixed
// vocabulary of measures, yearly parameters and quotas. Expressions are compiled once when the
// file is loaded, so evaluating a firm never parses text.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/measures.hpp"
#include "model/rational.hpp"
#include "model/tiers.hpp"

namespace ladder {

namespace rules_detail {
struct Test;  // a compiled criterion expression (model/src/rules/expression.hpp)
}

// One year's value of a parameter such as province_revenue_growth(2019) = 8.5%.
struct ParameterValue {
    Rational value;
    std::string text;  // as written in the file, e.g. "8.5%"
    bool assumed = false;
    std::string note;  // shown to users next to assumed values
    int line = 0;
};

struct RuleParameter {
    std::string id;  // e.g. "province_revenue_growth"
    std::string zh;
    std::string en;
    std::map<int, ParameterValue> values;  // by fiscal year
    const ParameterValue* value_for(int fiscal_year) const;
};

// The kind of case an assessment is for: a new application (申报) or the re-review (复核) of a
// title held.
enum class CaseKind { new_application, re_review };
std::string_view to_string(CaseKind kind);  // "new" | "re_review"
// "new", "re_review" or "re-review"; empty when neither.
std::optional<CaseKind> parse_case_kind(std::string_view text);

struct Criterion {
    std::string id;    // stable "tier.name", e.g. "high_tech.rd_intensity"
    std::string zh;    // 中文 label
    std::string en;    // English label
    std::string rule;  // the expression as written
    std::string source;
    std::string unit;  // unit of the gap ("万元", "人"); empty: the compared value's own unit
    bool reviewer_confirmed = false;  // the figure is confirmed by a reviewer, not self-declared
    bool assumed = false;             // threshold not found in official text
    std::string note;                 // why it is assumed, shown to users
    int line = 0;                     // line of `rule` in the file
    // Not empty: a floor a round adds (e.g. no applicants below 5000万 in 2025); the criterion
    // applies only when one of these rounds decides.
    std::vector<std::string> rounds;
    std::shared_ptr<const rules_detail::Test> test;
};

// A year's round of one tier, as its notice sets it: which standard decides a kind of case,
// which criteria it waives, and (through Criterion::rounds) which floors it adds. Data, not code.
struct Round {
    std::string id;  // e.g. "2026-little_giant-re_review"
    std::string zh;
    std::string en;
    int year = 0;                  // assessment year
    std::string tier;              // tier id
    std::optional<CaseKind> kind;  // empty: new applications and re-reviews alike
    // Not empty: the id of the rule set whose criteria for `tier` decide (a re-review kept under
    // the old standard); its floors are then not added.
    std::string standard;
    std::vector<std::string> waive;  // criterion ids not applied in this round
    std::string source;
    std::string note;
    int line = 0;
};

struct TierRules {
    std::string id;  // e.g. "high_tech"
    std::string zh;
    std::string en;
    std::optional<int> validity_years;       // empty: open-ended
    std::vector<std::string> review_levels;  // e.g. {"city", "province"}; workflow only
    std::string source;
    bool assumed = false;
    std::string note;
    std::vector<Criterion> criteria;
    // The tier's own `negative_list = true|false`, over the rule set's: a statistical status
    // (规上) or a title under other rules (高新, 瞪羚) is not refused by the 2026 negative list.
    std::optional<bool> negative_list;
    // The negative-list criterion ("<tier>.negative_list", 否决项核查) the loader adds after
    // `criteria` where the negative list applies; its id is empty otherwise. It has no test:
    // the evaluator reads the firm's checks (model/src/rules/negative_criterion.cpp).
    Criterion negative_list_check;
    bool applies_negative_list() const { return !negative_list_check.id.empty(); }
};

// A figure a rule set reads: measure of a fiscal year (for to-do lists and imports).
struct FigureNeed {
    Measure measure;
    int year = 0;
    friend auto operator<=>(const FigureNeed&, const FigureNeed&) = default;
};

struct RuleSet {
    std::string id;    // e.g. "jiangxi-2020"
    std::string name;  // 中文 name
    std::string name_en;
    std::string file;              // file name it was loaded from (for messages)
    int first_year = 0;            // first assessment year it applies to
    std::optional<int> last_year;  // empty: open-ended
    // The day it came into force (national-2026: 2026-04-01): an assessment of one of its years
    // decided before that day falls to the rule set before it (RuleSetLibrary::in_force).
    std::optional<Date> in_force;
    // Applies the negative list (model/negative_list.hpp) to new applications: a finding
    // refuses them, an item not checked leaves them incomplete (national-2026).
    bool negative_list = false;
    std::vector<TierRules> tiers;  // in rule-set order
    std::vector<RuleParameter> parameters;
    std::map<int, std::map<std::string, int64_t>> quotas;  // year → tier → quota
    std::vector<Measure> empty_means_no;  // flags whose empty cell on an existing row means "no"
    std::map<std::string, std::string> units;  // display unit per value kind (money, score, ...)
    std::vector<Round> rounds;

    bool applies_to(int assessment_year) const {
        return assessment_year >= first_year && (!last_year || assessment_year <= *last_year);
    }
    const TierRules* find_tier(std::string_view id) const;
    const RuleParameter* find_parameter(std::string_view id) const;
    const Criterion* find_criterion(std::string_view id) const;
    std::optional<int64_t> quota(int year, std::string_view tier) const;
    std::string unit(std::string_view kind) const;
    // The round deciding `kind` cases of `tier` in `assessment_year`; nullptr when none.
    const Round* find_round(int assessment_year, std::string_view tier, CaseKind kind) const;
    // The tiers with their validity, for holds() and default valid_to dates.
    TierCatalog tier_catalog() const;
};

// Loads and validates one rule set. Any problem — a TOML syntax error, an unknown key, measure,
// tier or parameter, a malformed expression — throws InputError with `file:line: reason`.
RuleSet load_rule_set(const std::filesystem::path& path);
// Same, from text (tests, `rules check` on a draft); `file_name` is used in messages.
RuleSet parse_rule_set(const std::string& text, const std::string& file_name);

// Every figure (measure, fiscal year) the criteria of `tier` (all tiers when empty) read for
// assessment year Y; window criteria list all of L−2..L. Sorted, without duplicates.
std::vector<FigureNeed> figures_read(const RuleSet& rules, int assessment_year,
                                     std::string_view tier = {});

// Advice for whoever edits a rule set: prerequisite cycles, criteria without a source, assumed
// values, parameters not set for a year the rule set covers. Empty when nothing to say.
std::vector<std::string> lint_rule_set(const RuleSet& rules);

// All rule sets of a directory; picks the one in force for an assessment year.
class RuleSetLibrary {
  public:
    RuleSetLibrary() = default;
    // Loads every *.toml file; errors of all files are reported together (InputError).
    static RuleSetLibrary load_directory(const std::filesystem::path& dir);
    // The rule sets shipped with the program (resource_dir()/rules), loaded on first use.
    static const RuleSetLibrary& shipped();
    // Adds a rule set; overlapping years or a duplicate id throw InputError.
    void add(RuleSet rules);

    const std::vector<RuleSet>& rule_sets() const { return rule_sets_; }
    const RuleSet* for_year(int assessment_year) const;  // nullptr when none applies
    // The rule set in force for an assessment of `assessment_year` decided on `decided_on`:
    // for_year's, or — while that one is not yet in force — the one before it.
    const RuleSet* in_force(int assessment_year, const Date& decided_on) const;
    const RuleSet* find(std::string_view id) const;

  private:
    std::vector<RuleSet> rule_sets_;  // ascending first_year
};

}  // namespace ladder
