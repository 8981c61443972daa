// Walks compiled criteria for one firm (docs/rules.md: as-of dates, missing vs fail).
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/rules/evaluate.hpp"
#include "rules/evaluation.hpp"
#include "rules/negative_criterion.hpp"

namespace ladder {

using namespace rules_detail;

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::pass:
            return "pass";
        case Verdict::fail:
            return "fail";
        case Verdict::missing:
            return "missing";
    }
    return "?";
}

std::string_view to_string(TierVerdict v) {
    switch (v) {
        case TierVerdict::eligible:
            return "eligible";
        case TierVerdict::ineligible:
            return "ineligible";
        case TierVerdict::incomplete:
            return "incomplete";
    }
    return "?";
}

const char* verdict_label(TierVerdict v) {
    switch (v) {
        case TierVerdict::eligible:
            return _("eligible");
        case TierVerdict::ineligible:
            return _("not eligible");
        case TierVerdict::incomplete:
            return _("incomplete");
    }
    return "?";
}

std::string MissingInput::to_string() const {
    switch (kind) {
        case Kind::figure:
            return fmt::format("{}@{}", name, year);
        case Kind::firm_field:
            return name;
        case Kind::parameter:
            return fmt::format("param:{}@{}", name, year);
    }
    return name;
}

std::vector<std::string> EligibilityReport::failed() const {
    std::vector<std::string> ids;
    for (const auto& c : criteria)
        if (c.verdict == Verdict::fail) ids.push_back(c.id);
    return ids;
}

std::vector<std::string> EligibilityReport::missing() const {
    std::vector<std::string> ids;
    for (const auto& c : criteria)
        if (c.verdict == Verdict::missing) ids.push_back(c.id);
    return ids;
}

std::vector<MissingInput> EligibilityReport::missing_inputs() const {
    std::vector<MissingInput> all;
    for (const auto& c : criteria) all.insert(all.end(), c.missing.begin(), c.missing.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

namespace {

// valid_to defaults to valid_from + validity − 1 day (Date::add_years moves 29 February to
// 1 March, so such a title ends on 28 February); no validity means open-ended.
Date valid_to_of(const Recognition& r, const TierRules& tier) {
    if (r.valid_to) return *r.valid_to;
    if (!tier.validity_years) return Date(9999, 12, 31);
    return r.valid_from.add_years(*tier.validity_years).add_days(-1);
}

bool holds_tier(const FirmRecord& firm, const TierRules& tier, const Date& day) {
    for (const auto& r : firm.recognitions)
        if (r.tier == tier.id && r.valid_from <= day && day <= valid_to_of(r, tier)) return true;
    return false;
}

std::string_view firm_field_name(std::size_t f) {
    switch (static_cast<FirmField>(f)) {
        case FirmField::niche_since:
            return "niche_since";
        case FirmField::hnte_field:
            return "hnte_field";
        case FirmField::industry_code:
            return "industry_code";
        case FirmField::control:
            return "control";
    }
    return {};
}

}  // namespace

namespace rules_detail {

Date Evaluation::day_of(const Test& t) const {
    int base = (t.date_from_l ? l_ : y_) + t.date_year_offset;
    return Date::valid(base, t.date_month, t.date_day)
               ? Date(base, t.date_month, t.date_day)
               : Date(base, t.date_month, 1).add_days(t.date_day - 1);
}

void Evaluation::criterion(const Criterion& c, CriterionResult& r) {
    missing_.clear();
    actual_.clear();
    threshold_.clear();
    gaps_.clear();
    reason_.clear();
    Outcome o = test(*c.test);
    r.id = c.id;
    r.verdict = o.verdict;
    r.gap_size = o.verdict == Verdict::fail ? std::clamp(o.gap, 1e-9, 1.0) : 0.0;
    r.missing.clear();
    if (o.verdict == Verdict::missing) {
        r.missing.reserve(missing_.size());
        for (const PendingInput& p : missing_) r.missing.push_back(materialize(p));
        std::sort(r.missing.begin(), r.missing.end());
        r.missing.erase(std::unique(r.missing.begin(), r.missing.end()), r.missing.end());
    }
    r.actual.clear();
    r.threshold.clear();
    r.gap.clear();
    r.reason.clear();
    r.note.clear();
    if (explain_) {
        r.actual = join(actual_);
        r.threshold = join(threshold_);
        if (o.verdict == Verdict::fail) {
            r.gap = join(gaps_);
            r.reason = reason_;
        }
        r.note = c.note;
    }
    r.assumed = c.assumed;
    r.reviewer_confirmed = c.reviewer_confirmed;
    r.criterion = &c;
}

MissingInput Evaluation::materialize(const PendingInput& p) const {
    switch (p.kind) {
        case MissingInput::Kind::figure:
            return {p.kind, std::string(kMeasures[p.index].id), p.year};
        case MissingInput::Kind::parameter:
            return {p.kind, rules_.parameters[p.index].id, p.year};
        case MissingInput::Kind::firm_field:
            return {p.kind, std::string(firm_field_name(p.index)), p.year};
    }
    return {};
}

Num Evaluation::value(const Value& v) {
    switch (v.kind) {
        case ValueKind::constant:
            return {v.constant};
        case ValueKind::figure: {
            auto x = read(v.measure, year_of(v.year));
            return x ? Num{as_rational(v.measure, *x)} : Num{{}, State::missing};
        }
        case ValueKind::sum: {
            // Values of one measure share a unit: add the raw integers, normalise once.
            Num total;
            int128 raw = 0;
            for (const auto& y : v.years) {
                auto x = read(v.measure, year_of(y));
                if (!x)
                    total.state = State::missing;
                else
                    raw += *x;
            }
            if (total.state == State::ok) total.value = as_rational(v.measure, raw);
            return total;
        }
        case ValueKind::sum_window: {
            int first = std::max(l_ - 2, firm_.firm.founded.year());
            if (first > l_) {
                // Founded after L: the window criteria wait for L's figures.
                missing_.push_back({MissingInput::Kind::figure, index_of(v.measure), l_});
                return {{}, State::missing};
            }
            Num total;
            int128 raw = 0;
            for (int y = first; y <= l_; ++y) {
                auto x = read(v.measure, y);
                if (!x)
                    total.state = State::missing;
                else
                    raw += *x;
            }
            if (total.state == State::ok) total.value = as_rational(v.measure, raw);
            return total;
        }
        case ValueKind::sum_recorded: {
            Num total{{}, State::missing};
            int128 raw = 0;
            for (const auto& row : firm_.figures) {
                if (row.year > l_) continue;
                if (auto x = row.get(v.measure)) {
                    total.state = State::ok;
                    raw += *x;
                }
            }
            if (total.state == State::missing)
                missing_.push_back({MissingInput::Kind::figure, index_of(v.measure), l_});
            else
                total.value = as_rational(v.measure, raw);
            return total;
        }
        case ValueKind::param: {
            const RuleParameter& p = rules_.parameters[v.param_index];
            int year = year_of(v.year);
            if (const ParameterValue* pv = p.value_for(year)) return {pv->value};
            missing_.push_back({MissingInput::Kind::parameter, v.param_index, year});
            return {{}, State::missing};
        }
        case ValueKind::age:
            return {Rational(completed_years(firm_.firm.founded, as_of_))};
        case ValueKind::years_in_niche:
            if (firm_.firm.niche_since) return {Rational(y_ - *firm_.firm.niche_since)};
            missing_.push_back({MissingInput::Kind::firm_field,
                                static_cast<std::size_t>(FirmField::niche_since), 0});
            return {{}, State::missing};
        case ValueKind::hnte_field:
            if (firm_.firm.hnte_field) return {Rational(*firm_.firm.hnte_field ? 1 : 0)};
            missing_.push_back({MissingInput::Kind::firm_field,
                                static_cast<std::size_t>(FirmField::hnte_field), 0});
            return {{}, State::missing};
        case ValueKind::neg: {
            Num a = value(*v.args[0]);
            a.value = Rational(0) - a.value;
            return a;
        }
        case ValueKind::add:
        case ValueKind::sub:
        case ValueKind::mul: {
            // Both operands are read even when one is missing: every absent figure is listed.
            Num a = value(*v.args[0]);
            Num b = value(*v.args[1]);
            Num r{v.kind == ValueKind::add   ? a.value + b.value
                  : v.kind == ValueKind::sub ? a.value - b.value
                                             : a.value * b.value};
            r.state =
                std::max(a.state, b.state, [](State x, State y) { return rank(x) < rank(y); });
            return r;
        }
        case ValueKind::ratio: {
            Num a = value(*v.args[0]);
            Num b = value(*v.args[1]);
            if (a.state == State::missing || b.state == State::missing) return {{}, State::missing};
            if (a.state == State::bad_denominator || b.state == State::bad_denominator ||
                b.value.is_zero() || b.value.is_negative())
                return {{}, State::bad_denominator};
            return {a.value / b.value};
        }
        case ValueKind::max:
        case ValueKind::min: {
            Num r;
            bool first = true;
            for (const auto& arg : v.args) {
                Num a = value(*arg);
                if (rank(a.state) > rank(r.state)) r.state = a.state;
                if (first || (v.kind == ValueKind::max ? a.value > r.value : a.value < r.value))
                    r.value = a.value;
                first = false;
            }
            return r;
        }
        case ValueKind::bands: {
            Num selector = value(*v.args[0]);
            if (selector.state != State::ok) return selector;
            for (const auto& band : v.bands)
                if (band.otherwise || holds_op(selector.value, band.op, band.bound))
                    return value(*band.value);
            return value(*v.bands.back().value);
        }
    }
    return {{}, State::missing};
}

Outcome Evaluation::compare(const Test& t) {
    if (!explain_ && quick_pass(t)) return {Verdict::pass, 0};
    // Chains are short (a op b, or lo <= x <= hi): no heap allocation per comparison.
    std::array<Num, 4> nums{};
    if (t.values.size() > nums.size()) throw std::logic_error("comparison chain too long");
    State state = State::ok;
    for (std::size_t i = 0; i < t.values.size(); ++i) {
        nums[i] = value(*t.values[i]);
        if (rank(nums[i].state) > rank(state)) state = nums[i].state;
    }
    if (explain_ && state == State::ok) {
        for (std::size_t i = 0; i < t.values.size(); ++i) {
            if (t.values[i]->kind == ValueKind::constant) continue;
            if (i == 0 || t.values[0]->kind == ValueKind::constant)
                actual_.push_back(describe(*t.values[i], nums[i].value));
            else
                threshold_.push_back(fmt::format("{} {}", op_text(t.ops[i - 1]),
                                                 describe(*t.values[i], nums[i].value)));
        }
        for (std::size_t i = 0; i < t.ops.size(); ++i) {
            if (t.values[i]->kind == ValueKind::constant)
                threshold_.push_back(
                    fmt::format("{} {}", op_text(flipped(t.ops[i])), label(*t.values[i])));
            else if (t.values[i + 1]->kind == ValueKind::constant)
                threshold_.push_back(fmt::format(
                    "{} {}", op_text(t.ops[i]),
                    show(nums[i + 1].value,
                         t.values[i]->unit == ValueUnit::ratio
                             ? ValueUnit::ratio
                             : (t.values[i + 1]->percent ? ValueUnit::ratio : t.values[i]->unit))));
        }
    }
    if (state == State::missing) return {Verdict::missing, 0};
    if (state == State::bad_denominator) {
        if (explain_) {
            reason_ = _("the denominator of a ratio is zero or negative");
            gaps_.push_back(reason_);
        }
        return {Verdict::fail, 1.0};
    }
    double gap = 0;
    bool ok = true;
    for (std::size_t i = 0; i < t.ops.size(); ++i) {
        if (holds_op(nums[i].value, t.ops[i], nums[i + 1].value)) continue;
        ok = false;
        gap += explain_fail(*t.values[i], t.ops[i], *t.values[i + 1], nums[i], nums[i + 1]);
    }
    return ok ? Outcome{Verdict::pass, 0} : Outcome{Verdict::fail, std::min(gap, 1.0)};
}

Outcome Evaluation::test(const Test& t) {
    std::size_t missing_mark = missing_.size();
    std::size_t gap_mark = gaps_.size();
    Outcome o = test_inner(t);
    // Only a missing verdict waits for inputs; a pass or fail needs nothing more.
    if (o.verdict != Verdict::missing) missing_.resize(missing_mark);
    if (o.verdict == Verdict::pass) gaps_.resize(gap_mark);
    return o;
}

namespace {

// "and": fails if any part fails, else missing if any part is missing, else passes.
struct Combined {
    bool failed = false, missing = false;
    double gap = 0;
    void add(const Outcome& p) {
        if (p.verdict == Verdict::fail) {
            failed = true;
            gap += p.gap;
        }
        if (p.verdict == Verdict::missing) missing = true;
    }
    Outcome result() const {
        if (failed) return {Verdict::fail, std::min(gap, 1.0)};
        return {missing ? Verdict::missing : Verdict::pass, 0};
    }
};

}  // namespace

Outcome Evaluation::test_inner(const Test& t) {
    switch (t.kind) {
        case TestKind::compare:
            try {
                return compare(t);
            } catch (const RationalOverflow&) {
                // Only absurd figures get here (products beyond 128 bits); a verdict computed
                // from a wrapped number would be wrong, so the criterion fails with the reason.
                if (explain_) {
                    reason_ = _("a figure is too large to compare exactly");
                    gaps_.push_back(reason_);
                }
                return {Verdict::fail, 1.0};
            }
        case TestKind::all: {
            Combined all;
            for (const auto& p : t.parts) all.add(test(*p));
            return all.result();
        }
        case TestKind::any: {
            bool missing = false;
            double best = 1.0;
            std::size_t gap_mark = gaps_.size();
            for (const auto& p : t.parts) {
                Outcome o = test(*p);
                if (o.verdict == Verdict::pass) {
                    gaps_.resize(gap_mark);
                    return {Verdict::pass, 0};
                }
                if (o.verdict == Verdict::missing)
                    missing = true;
                else
                    best = std::min(best, o.gap);
            }
            return missing ? Outcome{Verdict::missing, 0} : Outcome{Verdict::fail, best};
        }
        case TestKind::every: {
            Combined all;
            int saved = current_year_;
            int first = std::max(l_ - 2, firm_.firm.founded.year());
            for (int y = first; y <= l_; ++y) {
                current_year_ = y;
                all.add(test(*t.parts[0]));
            }
            current_year_ = saved;
            return all.result();
        }
        case TestKind::flag_yes:
        case TestKind::flag_not_yes: {
            Num x = value(*t.values[0]);
            if (x.state != State::ok) return {Verdict::missing, 0};
            bool yes = x.value == Rational(1);
            bool pass = t.kind == TestKind::flag_yes ? yes : !yes;
            if (explain_) {
                actual_.push_back(describe(*t.values[0], x.value));
                threshold_.push_back(t.kind == TestKind::flag_yes ? _("must be yes")
                                                                  : _("must not be yes"));
                if (!pass) gaps_.push_back(describe(*t.values[0], x.value));
            }
            return {pass ? Verdict::pass : Verdict::fail, 1.0};
        }
        case TestKind::division_in: {
            auto division = industry_division(firm_.firm.industry_code);
            if (!division) {
                missing_.push_back({MissingInput::Kind::firm_field,
                                    static_cast<std::size_t>(FirmField::industry_code), 0});
                return {Verdict::missing, 0};
            }
            bool pass = *division >= t.lo && *division <= t.hi;
            if (explain_) {
                actual_.push_back(
                    fmt::format(fmt::runtime(_("industry division {:02d}")), *division));
                threshold_.push_back(fmt::format("{:02d}–{:02d}", t.lo, t.hi));
                if (!pass)
                    gaps_.push_back(fmt::format(
                        fmt::runtime(_("industry division {:02d} is outside {:02d}–{:02d}")),
                        *division, t.lo, t.hi));
            }
            return {pass ? Verdict::pass : Verdict::fail, 1.0};
        }
        case TestKind::holds: {
            const TierRules& tier = rules_.tiers[t.tier_index];
            const Date day = day_of(t);
            bool held = holds_tier(firm_, tier, day);
            bool pass = held != t.negated;
            if (explain_) {
                std::string fact = fmt::format(
                    fmt::runtime(held ? _("holds {} on {}") : _("does not hold {} on {}")), tier.zh,
                    day.to_string());
                actual_.push_back(fact);
                if (!pass) gaps_.push_back(fact);
            }
            return {pass ? Verdict::pass : Verdict::fail, 1.0};
        }
        case TestKind::controlled_holds: {
            // Under the same control as a holder: a firm of the registry sharing the controlling
            // shareholder or the group holds the title, or the clerk recorded that one does
            // (common_control: a holder outside the registry). Known not to be when the control
            // is recorded, or the clerk recorded no; missing otherwise.
            const TierRules& tier = rules_.tiers[t.tier_index];
            const Date day = day_of(t);
            const ControlledTitle* by = nullptr;
            for (const auto& c : firm_.controlled_titles)
                if (c.title.tier == tier.id && c.title.valid_from <= day &&
                    day <= valid_to_of(c.title, tier)) {
                    by = &c;
                    break;
                }
            const YearFigures* last = firm_.figures_for(l_);
            const auto recorded = last ? last->get(Measure::common_control) : std::nullopt;
            const bool control_known =
                !firm_.firm.controlling_shareholder.empty() || !firm_.firm.business_group.empty();
            if (!by && !(recorded && *recorded) && !control_known && !recorded) {
                missing_.push_back({MissingInput::Kind::firm_field,
                                    static_cast<std::size_t>(FirmField::control), 0});
                return {Verdict::missing, 0};
            }
            const bool under = by || (recorded && *recorded);
            const bool pass = under != t.negated;
            if (explain_) {
                std::string fact;
                if (by)
                    fact = fmt::format(
                        fmt::runtime(_("{} ({}), under the same control, holds {} on {}")),
                        by->firm_name, by->title.credit_code, tier.zh, day.to_string());
                else if (under)
                    fact = fmt::format(
                        fmt::runtime(_("recorded for {}: a firm under the same control holds "
                                       "the title")),
                        l_);
                else
                    fact = fmt::format(
                        fmt::runtime(_("no firm under the same control holds {} on {}")), tier.zh,
                        day.to_string());
                actual_.push_back(fact);
                if (!pass) gaps_.push_back(fact);
            }
            return {pass ? Verdict::pass : Verdict::fail, 1.0};
        }
        case TestKind::unlisted: {
            const auto& listed = firm_.firm.listed_on;
            bool pass = !listed || *listed > as_of_;
            if (explain_) {
                std::string fact =
                    listed ? fmt::format(fmt::runtime(_("listed on {}")), listed->to_string())
                           : std::string(_("not listed"));
                actual_.push_back(fact);
                if (!pass) gaps_.push_back(fact);
            }
            return {pass ? Verdict::pass : Verdict::fail, 1.0};
        }
    }
    return {Verdict::missing, 0};
}

}  // namespace rules_detail

namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Whether `round` (nullptr: none) applies criterion `c`: a floor only in its rounds, a waived
// criterion never.
bool applies(const Criterion& c, const Round* round) {
    if (!c.rounds.empty() && (!round || !contains(c.rounds, round->id))) return false;
    return !round || !contains(round->waive, c.id);
}

// Fills `report` completely, reusing the storage of its criteria.
void evaluate_tier(Evaluation& evaluation, const RuleSet& rules, const TierRules& tier, int year,
                   EligibilityReport& report, const Round* round = nullptr) {
    report.tier = tier.id;
    report.assessment_year = year;
    if (report.rule_set != rules.id) report.rule_set = rules.id;
    report.round.clear();
    report.waived.clear();
    if (round) {
        report.round = round->id;
        for (const auto& c : tier.criteria)
            if (contains(round->waive, c.id)) report.waived.push_back(c.id);
    }
    std::size_t count = 0;
    for (const auto& c : tier.criteria) count += applies(c, round);
    const bool negative_list = tier.applies_negative_list();
    report.criteria.resize(count + negative_list);
    report.gap_size = 0;
    bool failed = false, missing = false;
    std::size_t i = 0;
    for (const auto& c : tier.criteria) {
        if (!applies(c, round)) continue;
        CriterionResult& r = report.criteria[i++];
        evaluation.criterion(c, r);
        failed = failed || r.verdict == Verdict::fail;
        missing = missing || r.verdict == Verdict::missing;
        report.gap_size += r.gap_size;
    }
    if (negative_list) {
        CriterionResult& r = report.criteria[i];
        evaluate_negative_list(tier.negative_list_check, evaluation.firm().negative_checks,
                               evaluation.explains(), r);
        failed = failed || r.verdict == Verdict::fail;
        missing = missing || r.verdict == Verdict::missing;
        report.gap_size += r.gap_size;
    }
    report.verdict = failed    ? TierVerdict::ineligible
                     : missing ? TierVerdict::incomplete
                               : TierVerdict::eligible;
}

}  // namespace

EligibilityReport evaluate(const RuleSet& rules, const FirmRecord& firm, int assessment_year,
                           const std::string& tier, Detail detail) {
    return evaluate(rules, firm, assessment_year, tier, detail, nullptr);
}

EligibilityReport evaluate(const RuleSet& rules, const FirmRecord& firm, int assessment_year,
                           const std::string& tier, Detail detail, const Round* round) {
    const TierRules* t = rules.find_tier(tier);
    if (!t)
        throw UsageError(
            fmt::format(fmt::runtime(_("rule set {} has no tier '{}'")), rules.id, tier));
    Evaluation evaluation(rules, firm, assessment_year, detail == Detail::full);
    EligibilityReport report;
    evaluate_tier(evaluation, rules, *t, assessment_year, report, round);
    return report;
}

RuleChoice decide(const RuleSetLibrary& library, const RuleSet& chosen, int assessment_year,
                  std::string_view tier, CaseKind kind) {
    const Round* round = chosen.find_round(assessment_year, tier, kind);
    if (!round || round->standard.empty()) return {&chosen, round};
    const RuleSet* standard = library.find(round->standard);
    if (!standard)
        throw UsageError(fmt::format(fmt::runtime(_("round {} of rule set {} names rule set {}, "
                                                    "which is not installed")),
                                     round->id, chosen.id, round->standard));
    return {standard, round};
}

EligibilityReport evaluate(const RuleSetLibrary& library, const RuleSet& chosen,
                           const FirmRecord& firm, int assessment_year, const std::string& tier,
                           CaseKind kind, Detail detail) {
    RuleChoice d = decide(library, chosen, assessment_year, tier, kind);
    return evaluate(*d.rules, firm, assessment_year, tier, detail, d.round);
}

std::vector<EligibilityReport> evaluate_all(const RuleSet& rules, const FirmRecord& firm,
                                            int assessment_year, Detail detail) {
    std::vector<EligibilityReport> reports;
    evaluate_all(rules, firm, assessment_year, detail, reports);
    return reports;
}

void evaluate_all(const RuleSet& rules, const FirmRecord& firm, int assessment_year, Detail detail,
                  std::vector<EligibilityReport>& reports) {
    Evaluation evaluation(rules, firm, assessment_year, detail == Detail::full);
    reports.resize(rules.tiers.size());
    for (std::size_t i = 0; i < rules.tiers.size(); ++i)
        evaluate_tier(evaluation, rules, rules.tiers[i], assessment_year, reports[i]);
}

bool holds(const RuleSet& rules, const FirmRecord& firm, std::string_view tier, const Date& day) {
    const TierRules* t = rules.find_tier(tier);
    return t && holds_tier(firm, *t, day);
}

}  // namespace ladder
