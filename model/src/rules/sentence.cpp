// A criterion's rule in words, generated from the compiled expression (not the source text):
// 研发费用占营业收入比例（2019年） ≥ 3%. What people read on the 规则 page, in `rules list`
// and next to a verdict; the rule language stays for the files.
#include <fmt/format.h>

#include "model/i18n.hpp"
#include "model/names.hpp"
#include "model/rules/rule_set.hpp"
#include "rules/expression.hpp"

namespace ladder {

namespace {

using namespace rules_detail;

class Sentence {
  public:
    Sentence(const RuleSet& rules, int assessment_year)
        : rules_(rules), year_(assessment_year), zh_(ui_is_chinese()) {}

    std::string test(const Test& t) const {
        switch (t.kind) {
            case TestKind::compare: {
                // A bare number compared with an amount is an amount: ≥ 2000 万元.
                bool money = false;
                for (const auto& v : t.values) money = money || v->unit == ValueUnit::money;
                std::string s = value(*t.values[0], money);
                for (std::size_t i = 0; i < t.ops.size() && i + 1 < t.values.size(); ++i)
                    s += fmt::format(" {} {}", op(t.ops[i]), value(*t.values[i + 1], money));
                return s;
            }
            case TestKind::all:
                return join(t, zh_ ? "，且" : "; and ");
            case TestKind::any:
                return join(t, zh_ ? "，或" : "; or ");
            case TestKind::every: {
                std::string inner = t.parts.empty() ? std::string() : test(*t.parts.front());
                return fmt::format(fmt::runtime(_("in every operating year of the last three: {}")),
                                   inner);
            }
            case TestKind::flag_yes:
                return fmt::format(fmt::runtime(_("{} is yes")), value(*t.values[0]));
            case TestKind::flag_not_yes:
                return fmt::format(fmt::runtime(_("{} is not yes")), value(*t.values[0]));
            case TestKind::division_in:
                return fmt::format(fmt::runtime(_("industry division {:02}–{:02}")), t.lo, t.hi);
            case TestKind::holds: {
                std::string tier = t.tier_index < rules_.tiers.size()
                                       ? names::tier(rules_.tiers[t.tier_index].id)
                                       : std::string();
                return fmt::format(fmt::runtime(t.negated ? _("does not hold the title {}")
                                                          : _("holds the title {}")),
                                   tier);
            }
            case TestKind::controlled_holds: {
                std::string tier = t.tier_index < rules_.tiers.size()
                                       ? names::tier(rules_.tiers[t.tier_index].id)
                                       : std::string();
                return fmt::format(
                    fmt::runtime(t.negated ? _("no firm under the same control holds the title {}")
                                           : _("a firm under the same control holds the title {}")),
                    tier);
            }
            case TestKind::unlisted:
                return _("not listed on a stock exchange");
        }
        return t.text;
    }

  private:
    std::string join(const Test& t, const char* sep) const {
        std::string s;
        for (const auto& p : t.parts) {
            std::string part = test(*p);
            // A nested or/and reads as one clause.
            if (p->kind == TestKind::all || p->kind == TestKind::any)
                part = (zh_ ? "（" : "(") + part + (zh_ ? "）" : ")");
            s += (s.empty() ? "" : sep) + part;
        }
        return s;
    }

    static const char* op(CompareOp o) {
        switch (o) {
            case CompareOp::ge:
                return "≥";
            case CompareOp::gt:
                return ">";
            case CompareOp::le:
                return "≤";
            case CompareOp::lt:
                return "<";
            case CompareOp::eq:
                return "=";
            case CompareOp::ne:
                return "≠";
        }
        return "?";
    }

    // A year relative to L = Y − 1: the real year when the assessment year is known, else
    // 上年 / 前年 (last year / the year before).
    std::string year(const YearRef& y) const {
        if (y.per_year) return y.offset == 0 ? _("that year") : fmt::format("{:+}", y.offset);
        if (year_) return std::to_string(year_ - 1 + y.offset);
        if (y.offset == 0) return _("last year");
        if (y.offset == -1) return _("the year before last");
        return fmt::format(fmt::runtime(_("{} years before last year")), -y.offset);
    }

    std::string years(const std::vector<YearRef>& ys) const {
        std::string s;
        for (const auto& y : ys) s += (s.empty() ? "" : "+") + year(y);
        return s;
    }

    std::string measure_of_year(Measure m, const std::string& y) const {
        std::string id(measure_info(m).id);
        // names::measure writes the year the Chinese way only for numbers: 研发费用（2019年）.
        if (!y.empty() && (y.front() >= '0' && y.front() <= '9')) return names::measure(id, y);
        return zh_ ? fmt::format("{}（{}）", names::measure(id), y)
                   : fmt::format("{} ({})", names::measure(id), y);
    }

    std::string value(const Value& v, bool money = false) const {
        if (!v.name.empty() && v.kind != ValueKind::constant) return v.name;
        switch (v.kind) {
            case ValueKind::constant: {
                if (v.percent) return v.constant.to_percent(0);
                // Amounts are 万元, as every money figure of the registry.
                std::string n = v.constant.to_decimal(0);
                return money ? n + " 万元" : n;
            }
            case ValueKind::figure:
                return measure_of_year(v.measure, year(v.year));
            case ValueKind::sum:
                return measure_of_year(v.measure, years(v.years));
            case ValueKind::sum_window:
                return measure_of_year(v.measure, _("last three years, summed"));
            case ValueKind::sum_recorded:
                return measure_of_year(v.measure, _("all recorded years, summed"));
            case ValueKind::param: {
                const RuleParameter& p = rules_.parameters[v.param_index];
                std::string name = zh_ || p.en.empty() ? (p.zh.empty() ? p.id : p.zh) : p.en;
                std::string y = year(v.year);
                bool number = !y.empty() && y.front() >= '0' && y.front() <= '9';
                return zh_ ? fmt::format("{}（{}{}）", name, y, number ? "年" : "")
                           : fmt::format("{} ({})", name, y);
            }
            case ValueKind::age:
                return _("years since founding");
            case ValueKind::years_in_niche:
                return _("years in the niche market");
            case ValueKind::hnte_field:
                return names::firm_field("hnte_field");
            case ValueKind::add:
                return binary(v, " + ");
            case ValueKind::sub:
                return binary(v, " − ");
            case ValueKind::mul:
                return binary(v, " × ");
            case ValueKind::neg:
                return "−" + value(*v.args[0]);
            case ValueKind::ratio: {
                const Value& a = *v.args[0];
                const Value& b = *v.args[1];
                // Two figures of one year: 研发费用占营业收入比例（2019年）.
                if (a.kind == ValueKind::figure && b.kind == ValueKind::figure && a.name.empty() &&
                    b.name.empty() && a.year.per_year == b.year.per_year &&
                    a.year.offset == b.year.offset) {
                    std::string y = year(a.year);
                    std::string ma = names::measure(measure_info(a.measure).id);
                    std::string mb = names::measure(measure_info(b.measure).id);
                    std::string both = fmt::format(fmt::runtime(_("{} as a share of {}")), ma, mb);
                    return zh_ ? fmt::format("{}（{}{}）", both, y,
                                             (y.front() >= '0' && y.front() <= '9') ? "年" : "")
                               : fmt::format("{} ({})", both, y);
                }
                return binary(v, " / ");
            }
            case ValueKind::bands:
                return fmt::format(fmt::runtime(_("a threshold by bands of {}")),
                                   value(*v.args[0]));
            case ValueKind::max:
                return fmt::format(fmt::runtime(_("the larger of {}")), list(v));
            case ValueKind::min:
                return fmt::format(fmt::runtime(_("the smaller of {}")), list(v));
        }
        return {};
    }

    std::string binary(const Value& v, const char* op_text) const {
        std::string s;
        for (const auto& a : v.args) {
            std::string part = value(*a);
            bool compound =
                a->name.empty() && (a->kind == ValueKind::add || a->kind == ValueKind::sub);
            s += (s.empty() ? "" : op_text) + (compound ? "(" + part + ")" : part);
        }
        return s;
    }

    std::string list(const Value& v) const {
        std::string s;
        for (const auto& a : v.args) s += (s.empty() ? "" : (zh_ ? "、" : ", ")) + value(*a);
        return s;
    }

    const RuleSet& rules_;
    int year_;
    bool zh_;
};

}  // namespace

std::string names::rule_sentence(const RuleSet& rules, const Criterion& criterion,
                                 int assessment_year) {
    if (!criterion.test) return criterion.rule;
    return Sentence(rules, assessment_year).test(*criterion.test);
}

}  // namespace ladder
