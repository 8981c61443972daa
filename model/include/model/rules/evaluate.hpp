#pragma once
// Evaluates a firm against a rule set: a pure function of the rule set, the firm's record and
// the assessment year (docs/rules.md: as-of dates, missing vs fail).
#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include "model/registry.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

enum class Verdict { pass, fail, missing };
enum class TierVerdict { eligible, ineligible, incomplete };
std::string_view to_string(Verdict v);      // "pass" | "fail" | "missing"
std::string_view to_string(TierVerdict v);  // "eligible" | "ineligible" | "incomplete"
// The verdict in the user's language (符合条件 / 不符合 / 资料不全): what people read, never the
// id.
const char* verdict_label(TierVerdict v);

// An input a missing criterion waits for: a figure of a year, a firm field, or a parameter
// value the rule set does not set for that year.
struct MissingInput {
    enum class Kind { figure, firm_field, parameter };
    Kind kind = Kind::figure;
    std::string name;  // measure id ("rd_expense"), firm field ("niche_since"), parameter id
    int year = 0;      // fiscal year; 0 when not year-bound
    std::string to_string() const;  // "rd_expense@2019", "niche_since", "param:usd_cny@2020"
    friend auto operator<=>(const MissingInput&, const MissingInput&) = default;
};

struct CriterionResult {
    std::string id;  // "tier.name"
    Verdict verdict = Verdict::missing;
    // Explanations (empty with Detail::verdicts). `actual` lists the values read, with units;
    // `threshold` what they are compared with; `gap` on a fail says how much more or less is
    // needed, e.g. "研发费用(2019)/营业收入(2019) 2.40% < 3.00%: 31.20 万元 short".
    std::string actual;
    std::string threshold;
    std::string gap;
    std::string reason;  // e.g. a zero denominator
    // Relative shortfall for ranking near-misses (0 on pass, at most 1 per criterion). Only
    // for sorting: the verdict itself is decided exactly.
    double gap_size = 0;
    std::vector<MissingInput> missing;  // only when the verdict is missing; sorted
    bool assumed = false;
    bool reviewer_confirmed = false;
    std::string note;                      // with Detail::full (criterion->note always)
    const Criterion* criterion = nullptr;  // labels and source; points into the RuleSet
};

struct EligibilityReport {
    std::string tier;
    int assessment_year = 0;
    std::string rule_set;  // the rule set that decided (a round may name another standard)
    std::string round;     // the round that decided, when one did
    // Criteria a round waived: not evaluated, not in `criteria`.
    std::vector<std::string> waived;
    TierVerdict verdict = TierVerdict::incomplete;
    std::vector<CriterionResult> criteria;  // in rule-set order
    double gap_size = 0;                    // sum of the criteria's gap sizes: smaller is nearer

    std::vector<std::string> failed() const;           // criterion ids
    std::vector<std::string> missing() const;          // criterion ids
    std::vector<MissingInput> missing_inputs() const;  // union over criteria, sorted
};

// `verdicts` skips the explanation texts (bulk evaluation); verdicts, missing inputs and gap
// sizes are the same either way.
enum class Detail { verdicts, full };

// Evaluates one tier; throws UsageError for a tier id the rule set does not define.
EligibilityReport evaluate(const RuleSet& rules, const FirmRecord& firm, int assessment_year,
                           const std::string& tier, Detail detail = Detail::full);
// Every tier, in rule-set order.
std::vector<EligibilityReport> evaluate_all(const RuleSet& rules, const FirmRecord& firm,
                                            int assessment_year, Detail detail = Detail::full);
// The same into `reports`, reusing their storage from the previous firm: evaluating a whole
// registry then allocates almost nothing per firm.
void evaluate_all(const RuleSet& rules, const FirmRecord& firm, int assessment_year, Detail detail,
                  std::vector<EligibilityReport>& reports);

// The rule set and round deciding one tier for a kind of case: `chosen`'s round for
// (year, tier, kind) if it has one — whose `standard` may name another rule set of `library` —
// else `chosen` alone. Throws UsageError when a round names a standard the library lacks.
struct RuleChoice {
    const RuleSet* rules = nullptr;
    const Round* round = nullptr;
};
RuleChoice decide(const RuleSetLibrary& library, const RuleSet& chosen, int assessment_year,
                  std::string_view tier, CaseKind kind);

// Evaluates one tier as `round` decides it (nullptr: no round). Criteria the round waives are
// left out (EligibilityReport::waived), floors it adds are applied; the round must be one of
// `rules`' own, or of the rule set that named `rules` as its standard.
EligibilityReport evaluate(const RuleSet& rules, const FirmRecord& firm, int assessment_year,
                           const std::string& tier, Detail detail, const Round* round);
// Evaluates one tier for a kind of case: decide(), then evaluate().
EligibilityReport evaluate(const RuleSetLibrary& library, const RuleSet& chosen,
                           const FirmRecord& firm, int assessment_year, const std::string& tier,
                           CaseKind kind, Detail detail = Detail::full);

// holds(T, d): a recognition of T with valid_from ≤ d ≤ valid_to, valid_to defaulting from
// the tier's validity in `rules` (open-ended when it has none).
bool holds(const RuleSet& rules, const FirmRecord& firm, std::string_view tier, const Date& day);

}  // namespace ladder
