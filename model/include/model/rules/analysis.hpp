#pragma once
// Analyses over the whole registry, one firm record at a time (the registry streams them in
// chunks, so a million firms never sit in memory): the candidates for a tier ranked by their
// gap, the worklist of inputs to collect, and the verdicts that change between two rule sets.
// Each is an accumulator: add() every record, then read the result.
#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/registry.hpp"
#include "model/rules/evaluate.hpp"
#include "model/rules/rule_set.hpp"

namespace ladder {

// The reports of `tiers` (all of the rule set's when it lists them all: one evaluation pass).
std::vector<EligibilityReport> evaluate_tiers(const RuleSet& rules, const FirmRecord& firm,
                                              int year, const std::vector<const TierRules*>& tiers,
                                              Detail detail);

// --- candidates --------------------------------------------------------------------------------

struct Candidate {
    std::string credit_code, name;
    double gap_size = 0;
    std::vector<std::string> failed;         // criterion ids
    std::vector<const Criterion*> criteria;  // the failed criteria (null when unknown)
    std::vector<std::string> gaps;           // gap text (or reason) of each failed criterion
};

struct CandidateRanking {
    std::vector<Candidate> eligible;  // registry order
    std::vector<Candidate> near;      // nearest first
    std::size_t firms = 0, holders = 0, incomplete = 0;
};

// Firms eligible for `tier` in `year` that do not hold it on Y-01-01, then the near misses:
// not holding it, failing at most `near` criteria with nothing missing.
class CandidateSearch {
  public:
    CandidateSearch(const RuleSet& rules, const TierRules& tier, int year, int near);
    void add(const FirmRecord& record);
    // Sorts the near misses (smallest relative shortfall, then fewest failed criteria).
    CandidateRanking finish();

  private:
    const RuleSet& rules_;
    const TierRules& tier_;
    int year_;
    std::size_t near_;
    CandidateRanking result_;
};

// --- worklist ----------------------------------------------------------------------------------

struct InputCount {
    std::size_t firms = 0;  // distinct firms with an incomplete tier waiting for the input
    std::size_t pairs = 0;  // incomplete (firm, tier) pairs waiting for it
    std::size_t sole = 0;   // of those, pairs where it is the only input missing
    std::vector<std::string> tiers, criteria;  // with detail: which tiers and criteria wait for it
};

struct Worklist {
    std::vector<std::pair<MissingInput, InputCount>> rows;  // most verdicts waiting first
    std::size_t incomplete_pairs = 0, incomplete_firms = 0;
};

// The inputs that would decide the incomplete verdicts of `tiers`. `detail` (one firm) also
// names the tiers and criteria waiting for each input.
class WorklistBuilder {
  public:
    WorklistBuilder(const RuleSet& rules, std::vector<const TierRules*> tiers, int year,
                    bool detail);
    void add(const FirmRecord& record);
    // Distinct firms so far with an incomplete verdict.
    std::size_t incomplete_firms() const { return incomplete_firms_.size(); }
    Worklist finish();

  private:
    const RuleSet& rules_;
    std::vector<const TierRules*> tiers_;
    int year_;
    bool detail_;
    std::map<MissingInput, InputCount> counts_;
    std::size_t incomplete_pairs_ = 0;
    std::set<std::string> incomplete_firms_;
};

// --- rules diff --------------------------------------------------------------------------------

struct VerdictFlip {
    std::string credit_code, name, tier;
    TierVerdict from = TierVerdict::incomplete, to = TierVerdict::incomplete;
    std::vector<std::string> criteria;  // "id:old->new", "none" where a set lacks the criterion
};

struct TierFlipSummary {
    std::size_t eligible_from = 0, eligible_to = 0, flipped = 0;
    std::map<std::pair<TierVerdict, TierVerdict>, std::size_t> transitions;
    // Per criterion: firms that lose eligibility with it among the causes (it no longer passes),
    // and firms that gain it (it passes now, or is gone, where it did not pass before).
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_criterion;
};

// The criteria behind a changed verdict: those whose verdict differs between the two rule sets,
// and those only one set has that do not pass.
std::vector<std::string> changed_criteria(const EligibilityReport& a, const EligibilityReport& b);

// Every firm under rule sets `from` and `to` for the same assessment year, tier by tier of
// `tiers` (ids both define): each changed verdict goes to `on_flip` as it is found.
class RulesDiff {
  public:
    RulesDiff(const RuleSet& from, const RuleSet& to, int year, std::vector<std::string> tiers,
              std::function<void(VerdictFlip&&)> on_flip);
    void add(const FirmRecord& record);
    std::size_t firms() const { return firms_; }
    const std::map<std::string, TierFlipSummary>& summary() const { return summary_; }

  private:
    const RuleSet& from_;
    const RuleSet& to_;
    int year_;
    std::vector<std::string> tiers_;
    std::function<void(VerdictFlip&&)> on_flip_;
    std::size_t firms_ = 0;
    std::map<std::string, TierFlipSummary> summary_;
};

}  // namespace ladder
