#include "model/rules/analysis.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ladder {

std::vector<EligibilityReport> evaluate_tiers(const RuleSet& rules, const FirmRecord& firm,
                                              int year, const std::vector<const TierRules*>& tiers,
                                              Detail detail) {
    if (tiers.size() == rules.tiers.size()) return evaluate_all(rules, firm, year, detail);
    std::vector<EligibilityReport> out;
    for (const auto* t : tiers) out.push_back(evaluate(rules, firm, year, t->id, detail));
    return out;
}

// --- candidates --------------------------------------------------------------------------------

CandidateSearch::CandidateSearch(const RuleSet& rules, const TierRules& tier, int year, int near)
    : rules_(rules), tier_(tier), year_(year), near_(static_cast<std::size_t>(near)) {}

void CandidateSearch::add(const FirmRecord& rec) {
    ++result_.firms;
    if (holds(rules_, rec, tier_.id, Date(year_, 1, 1))) {
        ++result_.holders;
        return;
    }
    EligibilityReport r = evaluate(rules_, rec, year_, tier_.id, Detail::verdicts);
    if (r.verdict == TierVerdict::eligible) {
        result_.eligible.push_back({rec.firm.credit_code, rec.firm.name, 0, {}, {}, {}});
    } else if (r.verdict == TierVerdict::incomplete) {
        ++result_.incomplete;
    } else {
        std::size_t failed = 0, missing = 0;
        for (const auto& c : r.criteria) {
            failed += c.verdict == Verdict::fail;
            missing += c.verdict == Verdict::missing;
        }
        if (failed > near_ || missing > 0) return;
        // Few firms are this near: explain only them.
        EligibilityReport full = evaluate(rules_, rec, year_, tier_.id, Detail::full);
        Candidate c{rec.firm.credit_code, rec.firm.name, full.gap_size, {}, {}, {}};
        for (const auto& cr : full.criteria) {
            if (cr.verdict != Verdict::fail) continue;
            c.failed.push_back(cr.id);
            c.criteria.push_back(cr.criterion);
            c.gaps.push_back(cr.gap.empty() ? cr.reason : cr.gap);
        }
        result_.near.push_back(std::move(c));
    }
}

CandidateRanking CandidateSearch::finish() {
    // Nearest first: the smallest relative shortfall, then the fewest failed criteria.
    std::stable_sort(result_.near.begin(), result_.near.end(),
                     [](const Candidate& a, const Candidate& b) {
                         if (a.gap_size != b.gap_size) return a.gap_size < b.gap_size;
                         return a.failed.size() < b.failed.size();
                     });
    return std::move(result_);
}

// --- worklist ----------------------------------------------------------------------------------

WorklistBuilder::WorklistBuilder(const RuleSet& rules, std::vector<const TierRules*> tiers,
                                 int year, bool detail)
    : rules_(rules), tiers_(std::move(tiers)), year_(year), detail_(detail) {}

void WorklistBuilder::add(const FirmRecord& rec) {
    std::set<MissingInput> of_firm;
    for (const auto& r : evaluate_tiers(rules_, rec, year_, tiers_, Detail::verdicts)) {
        if (r.verdict != TierVerdict::incomplete) continue;
        ++incomplete_pairs_;
        std::vector<MissingInput> inputs = r.missing_inputs();
        for (const auto& in : inputs) {
            InputCount& c = counts_[in];
            ++c.pairs;
            if (inputs.size() == 1) ++c.sole;
            if (of_firm.insert(in).second) ++c.firms;
            if (detail_) {
                c.tiers.push_back(r.tier);
                for (const auto& cr : r.criteria)
                    if (std::find(cr.missing.begin(), cr.missing.end(), in) != cr.missing.end())
                        c.criteria.push_back(cr.id);
            }
        }
    }
    if (!of_firm.empty()) incomplete_firms_.insert(rec.firm.credit_code);
}

Worklist WorklistBuilder::finish() {
    Worklist w;
    w.rows.assign(counts_.begin(), counts_.end());
    std::stable_sort(w.rows.begin(), w.rows.end(), [](const auto& a, const auto& b) {
        if (a.second.pairs != b.second.pairs) return a.second.pairs > b.second.pairs;
        return a.second.sole > b.second.sole;
    });
    w.incomplete_pairs = incomplete_pairs_;
    w.incomplete_firms = incomplete_firms_.size();
    return w;
}

// --- rules diff --------------------------------------------------------------------------------

std::vector<std::string> changed_criteria(const EligibilityReport& a, const EligibilityReport& b) {
    std::vector<std::string> out;
    for (const auto& cb : b.criteria) {
        auto ca = std::find_if(a.criteria.begin(), a.criteria.end(),
                               [&](const CriterionResult& c) { return c.id == cb.id; });
        if (ca == a.criteria.end()) {
            if (cb.verdict != Verdict::pass)
                out.push_back(fmt::format("{}:none->{}", cb.id, to_string(cb.verdict)));
        } else if (ca->verdict != cb.verdict) {
            out.push_back(
                fmt::format("{}:{}->{}", cb.id, to_string(ca->verdict), to_string(cb.verdict)));
        }
    }
    for (const auto& ca : a.criteria) {
        bool in_b = std::any_of(b.criteria.begin(), b.criteria.end(),
                                [&](const CriterionResult& c) { return c.id == ca.id; });
        if (!in_b && ca.verdict != Verdict::pass)
            out.push_back(fmt::format("{}:{}->none", ca.id, to_string(ca.verdict)));
    }
    return out;
}

RulesDiff::RulesDiff(const RuleSet& from, const RuleSet& to, int year,
                     std::vector<std::string> tiers, std::function<void(VerdictFlip&&)> on_flip)
    : from_(from), to_(to), year_(year), tiers_(std::move(tiers)), on_flip_(std::move(on_flip)) {}

namespace {
// Counts a flip against the criteria behind it ("id:old->new").
void count_causes(TierFlipSummary& s, const VerdictFlip& f) {
    const bool lost = f.from == TierVerdict::eligible;
    const bool gained = f.to == TierVerdict::eligible;
    for (const auto& c : f.criteria) {
        auto colon = c.find(':');
        auto arrow = c.find("->", colon);
        std::string id = c.substr(0, colon), before = c.substr(colon + 1, arrow - colon - 1),
                    after = c.substr(arrow + 2);
        if (lost && after != "pass" && after != "none") ++s.by_criterion[id].first;
        if (gained && before != "pass" && before != "none") ++s.by_criterion[id].second;
    }
}
}  // namespace

void RulesDiff::add(const FirmRecord& rec) {
    ++firms_;
    for (const auto& tier : tiers_) {
        EligibilityReport ra = evaluate(from_, rec, year_, tier, Detail::verdicts);
        EligibilityReport rb = evaluate(to_, rec, year_, tier, Detail::verdicts);
        TierFlipSummary& s = summary_[tier];
        s.eligible_from += ra.verdict == TierVerdict::eligible;
        s.eligible_to += rb.verdict == TierVerdict::eligible;
        if (ra.verdict == rb.verdict) continue;
        ++s.flipped;
        ++s.transitions[{ra.verdict, rb.verdict}];
        VerdictFlip flip{rec.firm.credit_code, rec.firm.name, tier,
                         ra.verdict,           rb.verdict,    changed_criteria(ra, rb)};
        count_causes(s, flip);
        on_flip_(std::move(flip));
    }
}

}  // namespace ladder
