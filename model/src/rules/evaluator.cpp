// Walks compiled criteria for one firm (docs/rules.md: as-of dates, missing vs fail).
#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/money.hpp"
#include "model/names.hpp"
#include "model/rules/evaluate.hpp"
#include "rules/expression.hpp"
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

enum class State { ok, missing, bad_denominator };

// A missing input as recorded while walking a criterion: no strings, so reading an absent
// figure allocates nothing; turned into MissingInput only when the criterion ends missing.
enum class FirmField : uint8_t { niche_since, hnte_field, industry_code };
struct PendingInput {
    MissingInput::Kind kind = MissingInput::Kind::figure;
    std::size_t index = 0;  // measure index, parameter index or FirmField
    int year = 0;
};

std::string_view firm_field_name(std::size_t f) {
    switch (static_cast<FirmField>(f)) {
        case FirmField::niche_since:
            return "niche_since";
        case FirmField::hnte_field:
            return "hnte_field";
        case FirmField::industry_code:
            return "industry_code";
    }
    return {};
}

struct Num {
    Rational value;
    State state = State::ok;
};

struct Outcome {
    Verdict verdict = Verdict::pass;
    double gap = 0;  // relative shortfall, 0..1, on fail
};

// floor(a / b) for b > 0.
int128 floor_div(int128 a, int128 b) {
    int128 q = a / b;
    if ((a % b != 0) && (a < 0)) --q;
    return q;
}

class Evaluation {
  public:
    Evaluation(const RuleSet& rules, const FirmRecord& firm, int year, bool explain)
        : rules_(rules),
          firm_(firm),
          y_(year),
          l_(year - 1),
          as_of_(year, 1, 1),
          explain_(explain) {
        for (Measure m : rules.empty_means_no) empty_means_no_ |= 1u << index_of(m);
        // Every figure a rule reads goes through this table instead of a walk of the rows.
        rows_.fill(nullptr);
        for (const auto& row : firm.figures)
            if (row.year >= first_row_year() && row.year < first_row_year() + kRowYears)
                rows_[static_cast<std::size_t>(row.year - first_row_year())] = &row;
    }

    const FirmRecord& firm() const { return firm_; }
    bool explains() const { return explain_; }

    // Fills `r` completely, reusing its strings' and vectors' storage (bulk evaluation).
    void criterion(const Criterion& c, CriterionResult& r) {
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

  private:
    static std::string join(std::vector<std::string>& parts) {
        std::string s;
        for (const auto& p : parts) {
            if (p.empty() || s.find(p) != std::string::npos) continue;
            if (!s.empty()) s += "; ";
            s += p;
        }
        return s;
    }

    int year_of(const YearRef& y) const { return (y.per_year ? current_year_ : l_) + y.offset; }

    // The rules read a few years back from L (three-year windows, growth over two years); the
    // table covers those, other years fall back to the rows themselves.
    static constexpr int kRowYears = 12;
    int first_row_year() const { return l_ - kRowYears + 2; }
    const YearFigures* row_of(int year) const {
        const int i = year - first_row_year();
        return i >= 0 && i < kRowYears ? rows_[static_cast<std::size_t>(i)]
                                       : firm_.figures_for(year);
    }

    // A figure's raw value (fen for money, hundredths for scores), without recording it as
    // missing.
    std::optional<int64_t> peek(Measure m, int year) const {
        if (const YearFigures* row = row_of(year)) {
            if (auto v = row->get(m)) return v;
            // On an existing row an empty incident cell means none was recorded.
            if ((empty_means_no_ >> index_of(m)) & 1u) return 0;
        }
        return std::nullopt;
    }

    std::optional<int64_t> read(Measure m, int year) {
        auto v = peek(m, year);
        if (!v) missing_.push_back({MissingInput::Kind::figure, index_of(m), year});
        return v;
    }

    // Money is stored in fen (10^6 per 万元), scores in hundredths, the others as whole numbers.
    static int128 scale_of(Measure m) { return measure_scale(measure_info(m).kind); }

    static Rational as_rational(Measure m, int128 v) { return Rational(v, scale_of(m)); }

    MissingInput materialize(const PendingInput& p) const {
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

    // Years of the operating window: those of L−2..L not before the founding year.
    std::vector<int> window() const {
        std::vector<int> years;
        for (int y = l_ - 2; y <= l_; ++y)
            if (y >= firm_.firm.founded.year()) years.push_back(y);
        return years;
    }

    Num value(const Value& v) {
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
                if (a.state == State::missing || b.state == State::missing)
                    return {{}, State::missing};
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

    static int rank(State s) { return s == State::ok ? 0 : s == State::bad_denominator ? 1 : 2; }

    // ---- the quick path of bulk evaluation ----
    // Most comparisons pass. Deciding a pass needs no reduced Rationals (a gcd after every
    // operation): values as unreduced fractions, compared by cross-multiplying, decide it
    // exactly. Anything else — a missing input, a bad denominator, a fail (its gap size), a
    // product beyond 128 bits, a kind not handled here — goes the exact way, which decides and
    // records everything as before.
    struct Fraction {
        int128 n = 0, d = 1;  // d > 0
    };

    std::optional<int128> quick_sum(Measure m, int first, int last) const {
        int128 raw = 0;
        for (int y = first; y <= last; ++y) {
            auto x = peek(m, y);
            if (!x) return std::nullopt;
            raw += *x;
        }
        return raw;
    }

    static std::optional<int> quick_order(const Fraction& a, const Fraction& b) {
        int128 l = 0, r = 0;
        if (__builtin_mul_overflow(a.n, b.d, &l) || __builtin_mul_overflow(b.n, a.d, &r))
            return std::nullopt;
        return l < r ? -1 : l > r ? 1 : 0;
    }

    static bool order_holds(int order, CompareOp op) {
        switch (op) {
            case CompareOp::ge:
                return order >= 0;
            case CompareOp::gt:
                return order > 0;
            case CompareOp::le:
                return order <= 0;
            case CompareOp::lt:
                return order < 0;
            case CompareOp::eq:
                return order == 0;
            case CompareOp::ne:
                return order != 0;
        }
        return false;
    }

    std::optional<Fraction> quick(const Value& v) const {
        switch (v.kind) {
            case ValueKind::constant:
                return Fraction{v.constant.num(), v.constant.den()};
            case ValueKind::figure: {
                auto x = peek(v.measure, year_of(v.year));
                if (!x) return std::nullopt;
                return Fraction{*x, scale_of(v.measure)};
            }
            case ValueKind::sum: {
                int128 raw = 0;
                for (const auto& y : v.years) {
                    auto x = peek(v.measure, year_of(y));
                    if (!x) return std::nullopt;
                    raw += *x;
                }
                return Fraction{raw, scale_of(v.measure)};
            }
            case ValueKind::sum_window: {
                auto raw = quick_sum(v.measure, std::max(l_ - 2, firm_.firm.founded.year()), l_);
                if (!raw || firm_.firm.founded.year() > l_) return std::nullopt;
                return Fraction{*raw, scale_of(v.measure)};
            }
            case ValueKind::age:
                return Fraction{completed_years(firm_.firm.founded, as_of_), 1};
            case ValueKind::years_in_niche:
                if (!firm_.firm.niche_since) return std::nullopt;
                return Fraction{y_ - *firm_.firm.niche_since, 1};
            case ValueKind::ratio:
            case ValueKind::mul: {
                auto a = quick(*v.args[0]);
                if (!a) return std::nullopt;
                auto b = quick(*v.args[1]);
                if (!b || (v.kind == ValueKind::ratio && b->n <= 0)) return std::nullopt;
                Fraction r;
                const int128 rn = v.kind == ValueKind::ratio ? b->d : b->n;
                const int128 rd = v.kind == ValueKind::ratio ? b->n : b->d;
                if (__builtin_mul_overflow(a->n, rn, &r.n) ||
                    __builtin_mul_overflow(a->d, rd, &r.d))
                    return std::nullopt;
                return r;
            }
            case ValueKind::bands: {
                auto selector = quick(*v.args[0]);
                if (!selector) return std::nullopt;
                for (const auto& band : v.bands) {
                    if (band.otherwise) return quick(*band.value);
                    auto order = quick_order(*selector, {band.bound.num(), band.bound.den()});
                    if (!order) return std::nullopt;
                    if (order_holds(*order, band.op)) return quick(*band.value);
                }
                return quick(*v.bands.back().value);
            }
            default:
                return std::nullopt;
        }
    }

    // True when the comparison certainly holds; false means "take the exact path".
    bool quick_pass(const Test& t) const {
        std::optional<Fraction> left = quick(*t.values[0]);
        if (!left) return false;
        for (std::size_t i = 0; i < t.ops.size(); ++i) {
            std::optional<Fraction> right = quick(*t.values[i + 1]);
            if (!right) return false;
            auto order = quick_order(*left, *right);
            if (!order || !order_holds(*order, t.ops[i])) return false;
            left = right;
        }
        return true;
    }

    static bool holds_op(const Rational& a, CompareOp op, const Rational& b) {
        const std::strong_ordering order = a <=> b;
        return order_holds(order < 0 ? -1 : order > 0 ? 1 : 0, op);
    }

    static CompareOp flipped(CompareOp op) {
        switch (op) {
            case CompareOp::ge:
                return CompareOp::le;
            case CompareOp::gt:
                return CompareOp::lt;
            case CompareOp::le:
                return CompareOp::ge;
            case CompareOp::lt:
                return CompareOp::gt;
            default:
                return op;
        }
    }

    static CompareOp negated(CompareOp op) {
        switch (op) {
            case CompareOp::ge:
                return CompareOp::lt;
            case CompareOp::gt:
                return CompareOp::le;
            case CompareOp::le:
                return CompareOp::gt;
            case CompareOp::lt:
                return CompareOp::ge;
            case CompareOp::eq:
                return CompareOp::ne;
            case CompareOp::ne:
                return CompareOp::eq;
        }
        return op;
    }

    // ---- explanations ----
    std::string unit_text(ValueUnit u) const {
        switch (u) {
            case ValueUnit::money:
                return rules_.unit("money");
            case ValueUnit::score:
                return rules_.unit("score");
            case ValueUnit::count:
                return rules_.unit("count");
            case ValueUnit::rank:
                return rules_.unit("rank");
            case ValueUnit::years:
                return rules_.unit("years");
            default:
                return {};
        }
    }

    std::string show(const Rational& x, ValueUnit u) const {
        std::string s;
        switch (u) {
            case ValueUnit::money: {
                // Rounded half away from zero to the fen for display only, in 万元 with 2 to 6
                // decimals as the amount needs, grouped.
                s = x.to_decimal(6);
                if (auto fen = parse_fen(s)) s = format_fen_grouped(*fen);
                break;
            }
            case ValueUnit::score:
                s = x.to_decimal(2);
                break;
            case ValueUnit::count:
            case ValueUnit::rank:
            case ValueUnit::years:
                s = x.to_decimal(0);
                break;
            case ValueUnit::flag:
                return x.is_zero() ? _("no") : _("yes");
            case ValueUnit::ratio:
                return x.to_percent(2);
            case ValueUnit::number: {
                s = x.to_decimal(4);
                while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
                    bool dot = s.back() == '.';
                    s.pop_back();
                    if (dot) break;
                }
                return s;
            }
        }
        std::string unit = unit_text(u);
        return unit.empty() ? s : s + " " + unit;
    }

    std::string year_list(const std::vector<int>& years) const {
        std::string s;
        for (int y : years) s += (s.empty() ? "" : "+") + std::to_string(y);
        return s;
    }

    std::string label(const Value& v) const {
        if (!v.name.empty()) return v.name;
        switch (v.kind) {
            case ValueKind::constant:
                return v.percent ? v.constant.to_percent(2) : show(v.constant, ValueUnit::number);
            case ValueKind::figure:
                return names::measure(measure_info(v.measure).id, year_of(v.year));
            case ValueKind::sum: {
                std::vector<int> years;
                for (const auto& y : v.years) years.push_back(year_of(y));
                return names::measure(measure_info(v.measure).id, year_list(years));
            }
            case ValueKind::sum_window:
                return names::measure(measure_info(v.measure).id, year_list(window()));
            case ValueKind::sum_recorded:
                return fmt::format(fmt::runtime(_("{} (all years to {})")),
                                   names::measure(measure_info(v.measure).id), l_);
            case ValueKind::param: {
                const RuleParameter& p = rules_.parameters[v.param_index];
                return fmt::format("{}({})", p.zh.empty() ? p.id : p.zh, year_of(v.year));
            }
            case ValueKind::age:
                return _("age (years)");
            case ValueKind::years_in_niche:
                return _("years in the niche market");
            case ValueKind::hnte_field:
                return _("high-tech field");
            case ValueKind::neg:
                return "-" + label(*v.args[0]);
            case ValueKind::add:
                return label(*v.args[0]) + " + " + label(*v.args[1]);
            case ValueKind::sub:
                return label(*v.args[0]) + " - " + label(*v.args[1]);
            case ValueKind::mul: {
                auto part = [&](const Value& a) {
                    bool compound = a.kind == ValueKind::add || a.kind == ValueKind::sub;
                    return compound ? "(" + label(a) + ")" : label(a);
                };
                return part(*v.args[0]) + " × " + part(*v.args[1]);
            }
            case ValueKind::ratio:
                return label(*v.args[0]) + " / " + label(*v.args[1]);
            case ValueKind::max:
            case ValueKind::min:
            case ValueKind::bands:
                return {};
        }
        return {};
    }

    // True when a sum's plain label would hide what its terms are worth (bands, max, named
    // sub-totals): a score is then shown term by term.
    static bool has_hidden_terms(const Value& v) {
        if (!v.name.empty()) return true;
        switch (v.kind) {
            case ValueKind::bands:
            case ValueKind::max:
            case ValueKind::min:
                return true;
            case ValueKind::add:
            case ValueKind::sub:
                return has_hidden_terms(*v.args[0]) || has_hidden_terms(*v.args[1]);
            default:
                return false;
        }
    }

    static bool is_sum(const Value& v) {
        return v.kind == ValueKind::add || v.kind == ValueKind::sub;
    }

    // One term of a sum with its value: "研发费用占比得分 15"; a named sub-total also lists its
    // own terms: "创新能力得分 25 (知识产权得分 10 + 研发费用占比得分 15)".
    std::string term(const Value& v) {
        if (v.name.empty() && is_sum(v)) return sum_terms(v);
        Num n = value(v);
        std::string shown = n.state == State::ok ? show(n.value, v.unit) : "?";
        std::string l = label(v);
        std::string s = l.empty() ? shown : l + " " + shown;
        if (!v.name.empty() && is_sum(v)) s += " (" + sum_terms(v) + ")";
        return s;
    }

    std::string sum_terms(const Value& v) {
        return term(*v.args[0]) + (v.kind == ValueKind::add ? " + " : " - ") + term(*v.args[1]);
    }

    // "label = value", or just the value for constants; a score made of bands shows each term.
    std::string describe(const Value& v, const Rational& x) {
        if (v.kind == ValueKind::constant) return label(v);
        if (is_sum(v) && has_hidden_terms(v)) {
            if (v.name.empty()) return sum_terms(v) + " = " + show(x, v.unit);
            return v.name + " = " + show(x, v.unit) + " (" + sum_terms(v) + ")";
        }
        std::string l = label(v);
        return l.empty() ? show(x, v.unit) : l + " = " + show(x, v.unit);
    }

    // The step a value of this unit moves in: one for counts, ranks and years, the fen for
    // money, a hundredth for scores and the rest.
    static Rational resolution(ValueUnit unit, bool whole) {
        if (whole) return Rational(1);
        return unit == ValueUnit::money ? Rational(1, kFenPerWan) : Rational(1, 100);
    }

    // The smallest change of `subject` (in steps of `step`) that makes `subject op target`
    // hold; positive.
    static Rational needed(const Rational& subject, CompareOp op, const Rational& target,
                           const Rational& step) {
        // target / step as a fraction n/d.
        Rational q = target / step;
        int128 fl = floor_div(q.num(), q.den());
        int128 ce = q.den() == 1 ? q.num() : fl + 1;
        Rational reach;
        switch (op) {
            case CompareOp::ge:
                reach = Rational(ce, 1) * step;
                return reach - subject;
            case CompareOp::gt:
                reach = Rational(fl + 1, 1) * step;
                return reach - subject;
            case CompareOp::le:
                reach = Rational(fl, 1) * step;
                return subject - reach;
            case CompareOp::lt:
                reach = Rational(ce - 1, 1) * step;
                return subject - reach;
            default:
                return Rational(0);
        }
    }

    // Explains one failed pair and returns its relative shortfall.
    double explain_fail(const Value& left, CompareOp op, const Value& right, const Num& a,
                        const Num& b) {
        // The subject is the firm's side: a constant on the left is flipped to the right.
        const Value* subject = &left;
        const Value* other = &right;
        Rational s = a.value, t = b.value;
        if (left.kind == ValueKind::constant && right.kind != ValueKind::constant) {
            std::swap(subject, other);
            std::swap(s, t);
            op = flipped(op);
        }
        if (op == CompareOp::eq || op == CompareOp::ne) {
            if (explain_)
                gaps_.push_back(fmt::format(
                    "{} {} {}", describe(*subject, s), op_text(negated(op)),
                    show(t, other->unit == ValueUnit::number ? subject->unit : other->unit)));
            return 1.0;
        }
        // For a ratio n/d the gap is counted in the numerator: n must reach t·d.
        Rational amount, target_amount;
        ValueUnit amount_unit = subject->unit;
        bool whole = subject->resolution_whole;
        if (subject->kind == ValueKind::ratio) {
            Num n = value(*subject->args[0]);
            Num d = value(*subject->args[1]);
            amount_unit = subject->args[0]->unit;
            whole = subject->args[0]->resolution_whole;
            target_amount = t * d.value;
            amount = needed(n.value, op, target_amount, resolution(amount_unit, whole));
        } else {
            target_amount = t;
            amount = needed(s, op, t, resolution(amount_unit, whole));
        }
        double size = target_amount.is_zero()
                          ? 1.0
                          : std::min(1.0, std::abs(amount.to_double() / target_amount.to_double()));
        if (explain_) {
            ValueUnit shown = other->unit == ValueUnit::number && subject->unit != ValueUnit::ratio
                                  ? subject->unit
                                  : other->unit;
            std::string amount_text =
                show(amount, amount_unit == ValueUnit::ratio ? ValueUnit::number : amount_unit);
            bool more = op == CompareOp::ge || op == CompareOp::gt;
            std::string fact = fmt::format("{} {} {}", describe(*subject, s), op_text(negated(op)),
                                           show(t, shown));
            gaps_.push_back(fmt::format(
                fmt::runtime(more ? _("{}: {} short") : _("{}: {} too much")), fact, amount_text));
        }
        return size;
    }

    Outcome compare(const Test& t) {
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
                    threshold_.push_back(
                        fmt::format("{} {}", op_text(t.ops[i]),
                                    show(nums[i + 1].value,
                                         t.values[i]->unit == ValueUnit::ratio
                                             ? ValueUnit::ratio
                                             : (t.values[i + 1]->percent ? ValueUnit::ratio
                                                                         : t.values[i]->unit))));
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

    Outcome test(const Test& t) {
        std::size_t missing_mark = missing_.size();
        std::size_t gap_mark = gaps_.size();
        Outcome o = test_inner(t);
        // Only a missing verdict waits for inputs; a pass or fail needs nothing more.
        if (o.verdict != Verdict::missing) missing_.resize(missing_mark);
        if (o.verdict == Verdict::pass) gaps_.resize(gap_mark);
        return o;
    }

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

    Outcome test_inner(const Test& t) {
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
                int base = (t.date_from_l ? l_ : y_) + t.date_year_offset;
                Date day = Date::valid(base, t.date_month, t.date_day)
                               ? Date(base, t.date_month, t.date_day)
                               : Date(base, t.date_month, 1).add_days(t.date_day - 1);
                bool held = holds_tier(firm_, tier, day);
                bool pass = held != t.negated;
                if (explain_) {
                    std::string fact = fmt::format(
                        fmt::runtime(held ? _("holds {} on {}") : _("does not hold {} on {}")),
                        tier.zh, day.to_string());
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

    const RuleSet& rules_;
    const FirmRecord& firm_;
    int y_, l_;
    Date as_of_;
    bool explain_;
    uint32_t empty_means_no_ = 0;
    std::array<const YearFigures*, kRowYears> rows_{};
    int current_year_ = 0;
    std::vector<PendingInput> missing_;
    std::vector<std::string> actual_, threshold_, gaps_;
    std::string reason_;
};

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
    const bool negative_list = !tier.negative_list_check.id.empty();
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
