// The words of an explanation: values with their units, labels, thresholds and gaps
// (docs/rules.md). Only a full-detail evaluation comes here.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/money.hpp"
#include "model/names.hpp"
#include "rules/evaluation.hpp"

namespace ladder::rules_detail {

namespace {

// floor(a / b) for b > 0.
int128 floor_div(int128 a, int128 b) {
    int128 q = a / b;
    if ((a % b != 0) && (a < 0)) --q;
    return q;
}

}  // namespace

std::string Evaluation::join(std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) {
        if (p.empty() || s.find(p) != std::string::npos) continue;
        if (!s.empty()) s += "; ";
        s += p;
    }
    return s;
}

std::vector<int> Evaluation::window() const {
    std::vector<int> years;
    for (int y = l_ - 2; y <= l_; ++y)
        if (y >= firm_.firm.founded.year()) years.push_back(y);
    return years;
}

CompareOp Evaluation::flipped(CompareOp op) {
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

CompareOp Evaluation::negated(CompareOp op) {
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

std::string Evaluation::unit_text(ValueUnit u) const {
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

std::string Evaluation::show(const Rational& x, ValueUnit u) const {
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

std::string Evaluation::year_list(const std::vector<int>& years) const {
    std::string s;
    for (int y : years) s += (s.empty() ? "" : "+") + std::to_string(y);
    return s;
}

std::string Evaluation::label(const Value& v) const {
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
bool Evaluation::has_hidden_terms(const Value& v) {
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

bool Evaluation::is_sum(const Value& v) {
    return v.kind == ValueKind::add || v.kind == ValueKind::sub;
}

// One term of a sum with its value: "研发费用占比得分 15"; a named sub-total also lists its
// own terms: "创新能力得分 25 (知识产权得分 10 + 研发费用占比得分 15)".
std::string Evaluation::term(const Value& v) {
    if (v.name.empty() && is_sum(v)) return sum_terms(v);
    Num n = value(v);
    std::string shown = n.state == State::ok ? show(n.value, v.unit) : "?";
    std::string l = label(v);
    std::string s = l.empty() ? shown : l + " " + shown;
    if (!v.name.empty() && is_sum(v)) s += " (" + sum_terms(v) + ")";
    return s;
}

std::string Evaluation::sum_terms(const Value& v) {
    return term(*v.args[0]) + (v.kind == ValueKind::add ? " + " : " - ") + term(*v.args[1]);
}

// "label = value", or just the value for constants; a score made of bands shows each term.
std::string Evaluation::describe(const Value& v, const Rational& x) {
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
Rational Evaluation::resolution(ValueUnit unit, bool whole) {
    if (whole) return Rational(1);
    return unit == ValueUnit::money ? Rational(1, kFenPerWan) : Rational(1, 100);
}

// The smallest change of `subject` (in steps of `step`) that makes `subject op target`
// hold; positive.
Rational Evaluation::needed(const Rational& subject, CompareOp op, const Rational& target,
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
double Evaluation::explain_fail(const Value& left, CompareOp op, const Value& right, const Num& a,
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
        std::string fact =
            fmt::format("{} {} {}", describe(*subject, s), op_text(negated(op)), show(t, shown));
        gaps_.push_back(fmt::format(fmt::runtime(more ? _("{}: {} short") : _("{}: {} too much")),
                                    fact, amount_text));
    }
    return size;
}

}  // namespace ladder::rules_detail
