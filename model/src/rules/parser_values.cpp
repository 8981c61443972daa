// The values of the criterion language: sums, products, measures of a year, ratios, growth
// and the functions over them, each with the unit it carries.
#include <fmt/format.h>

#include "model/date.hpp"
#include "model/i18n.hpp"
#include "rules/parser.hpp"

namespace ladder::rules_detail::parsing {

ValueUnit Parser::combined_unit(const std::vector<std::shared_ptr<const Value>>& args) {
    for (const auto& a : args)
        if (a->kind != ValueKind::constant && a->kind != ValueKind::param &&
            a->unit != ValueUnit::number)
            return a->unit;
    for (const auto& a : args)
        if (a->unit != ValueUnit::number) return a->unit;
    return ValueUnit::number;
}

std::shared_ptr<Value> Parser::finish(std::shared_ptr<Value> v) {
    v->resolution_whole = whole_unit(v->unit);
    return v;
}

std::shared_ptr<const Value> Parser::value() {
    auto left = term();
    while (at_symbol("+") || at_symbol("-")) {
        bool plus = at_symbol("+");
        ++pos_;
        auto v = std::make_shared<Value>();
        v->kind = plus ? ValueKind::add : ValueKind::sub;
        v->args = {left, term()};
        v->unit = combined_unit(v->args);
        left = finish(v);
    }
    return left;
}

std::shared_ptr<const Value> Parser::term() {
    auto left = unary();
    while (at_symbol("*")) {
        ++pos_;
        auto v = std::make_shared<Value>();
        v->kind = ValueKind::mul;
        v->args = {left, unary()};
        v->unit = combined_unit(v->args);
        if (v->unit == ValueUnit::ratio) v->unit = ValueUnit::number;  // 3% * 1.2
        for (const auto& a : v->args)
            if (a->kind != ValueKind::constant && a->kind != ValueKind::param &&
                a->unit != ValueUnit::number && a->unit != ValueUnit::ratio)
                v->unit = a->unit;
        left = finish(v);
    }
    return left;
}

std::shared_ptr<const Value> Parser::unary() {
    if (at_symbol("-")) {
        ++pos_;
        auto v = std::make_shared<Value>();
        v->kind = ValueKind::neg;
        v->args = {unary()};
        v->unit = v->args[0]->unit;
        return finish(v);
    }
    return primary();
}

YearRef Parser::year_ref() {
    const Token& t = peek();
    YearRef y;
    if (at_word("L")) {
        y.per_year = false;
    } else if (at_word("y")) {
        if (!in_every_) fail(t, _("the year variable y is only defined inside every(W, ...)"));
        y.per_year = true;
    } else if (at_word("Y")) {
        fail(t, _("figures exist for completed fiscal years only: use L (= Y - 1) or earlier"));
    } else {
        fail(t, fmt::format(fmt::runtime(_("expected a year such as L or L-1 but found {}")),
                            describe(t)));
    }
    ++pos_;
    if (at_symbol("-") || at_symbol("+")) {
        bool minus = at_symbol("-");
        ++pos_;
        int n = expect_integer();
        y.offset = minus ? -n : n;
    }
    if (!y.per_year && y.offset > 0)
        fail(t, _("figures exist for completed fiscal years only: use L (= Y - 1) or earlier"));
    return y;
}

Measure Parser::measure_argument() {
    const Token& t = peek();
    std::string name = expect_identifier(_("a measure"));
    auto m = find_measure(name);
    if (!m) fail(t, fmt::format(fmt::runtime(_("unknown measure '{}'")), name));
    return *m;
}

std::shared_ptr<const Value> Parser::primary() {
    const Token& t = peek();
    if (t.kind == TokenKind::number) {
        ++pos_;
        auto r = Rational::parse(t.text);
        if (!r) fail(t, fmt::format(fmt::runtime(_("malformed number '{}'")), t.text));
        auto v = std::make_shared<Value>();
        v->kind = ValueKind::constant;
        v->constant = *r;
        v->percent = t.text.back() == '%';
        v->unit = v->percent ? ValueUnit::ratio : ValueUnit::number;
        return finish(v);
    }
    if (at_symbol("(")) {
        ++pos_;
        auto v = value();
        expect_symbol(")");
        return v;
    }
    if (t.kind != TokenKind::identifier)
        fail(t, fmt::format(fmt::runtime(_("expected a value but found {}")), describe(t)));
    const std::string name = t.text;
    auto v = std::make_shared<Value>();
    bool call = at_symbol("(", 1);
    if (!call) {
        ++pos_;
        if (name == "age") {
            v->kind = ValueKind::age;
            v->unit = ValueUnit::years;
        } else if (name == "years_in_niche") {
            v->kind = ValueKind::years_in_niche;
            v->unit = ValueUnit::years;
        } else if (name == "hnte_field") {
            v->kind = ValueKind::hnte_field;
            v->unit = ValueUnit::flag;
        } else if (auto def = defs_.vocabulary.definitions.find(name);
                   def != defs_.vocabulary.definitions.end()) {
            return definition_value(t, def->first, def->second);
        } else if (find_measure(name)) {
            fail(t,
                 fmt::format(fmt::runtime(_("measure '{}' needs a year, e.g. {}(L)")), name, name));
        } else {
            fail(t, fmt::format(fmt::runtime(_("unknown name '{}'")), name));
        }
        return finish(v);
    }
    pos_ += 2;  // name (
    if (auto m = find_measure(name); m && measure_info(*m).id == name) {
        v->kind = ValueKind::figure;
        v->measure = *m;
        v->year = year_ref();
        v->unit = unit_of_measure(*m);
    } else if (name == "sum") {
        v->measure = measure_argument();
        v->unit = unit_of_measure(v->measure);
        if (v->unit == ValueUnit::flag) fail(t, _("a yes/no figure cannot be summed"));
        expect_symbol(",");
        if (at_word("W")) {
            ++pos_;
            v->kind = ValueKind::sum_window;
        } else {
            v->kind = ValueKind::sum;
            expect_symbol("[");
            v->years.push_back(year_ref());
            while (at_symbol(",")) {
                ++pos_;
                v->years.push_back(year_ref());
            }
            expect_symbol("]");
        }
    } else if (name == "sum_recorded") {
        v->kind = ValueKind::sum_recorded;
        v->measure = measure_argument();
        v->unit = unit_of_measure(v->measure);
        if (v->unit == ValueUnit::flag) fail(t, _("a yes/no figure cannot be summed"));
    } else if (name == "param") {
        v->kind = ValueKind::param;
        const Token& p = peek();
        std::string id = expect_identifier(_("a parameter id"));
        auto index = defs_.vocabulary.param_index(id);
        if (!index) fail(p, fmt::format(fmt::runtime(_("unknown parameter '{}'")), id));
        v->param_index = *index;
        if (at_symbol(",")) {
            ++pos_;
            v->year = year_ref();
        }
        v->unit = ValueUnit::number;
    } else if (name == "ratio") {
        v->kind = ValueKind::ratio;
        v->args.push_back(value());
        expect_symbol(",");
        v->args.push_back(value());
        v->unit = ValueUnit::ratio;
    } else if (name == "max" || name == "min") {
        v->kind = name == "max" ? ValueKind::max : ValueKind::min;
        v->args.push_back(value());
        while (at_symbol(",")) {
            ++pos_;
            v->args.push_back(value());
        }
        v->unit = combined_unit(v->args);
    } else if (name == "bands") {
        // bands(selector; <= 5000: 5%; <= 20000: 4%; else: 3%)
        v->kind = ValueKind::bands;
        v->args.push_back(value());
        bool has_else = false;
        while (at_symbol(";") || at_symbol(",")) {
            ++pos_;
            Band band;
            if (at_word("else")) {
                ++pos_;
                has_else = true;
                band.otherwise = true;
            } else {
                if (!is_compare_symbol(peek()) || at_symbol("=") || at_symbol("!="))
                    fail(peek(), _("a band starts with <=, <, >= or > and a bound"));
                const std::string& op = tokens_[pos_++].text;
                band.op = op == ">="   ? CompareOp::ge
                          : op == ">"  ? CompareOp::gt
                          : op == "<=" ? CompareOp::le
                                       : CompareOp::lt;
                const Token& b = peek();
                auto bound = b.kind == TokenKind::number ? Rational::parse(b.text) : std::nullopt;
                if (!bound)
                    fail(b, fmt::format(fmt::runtime(_("expected a number but found {}")),
                                        describe(b)));
                ++pos_;
                band.bound = *bound;
            }
            expect_symbol(":");
            band.value = value();
            v->bands.push_back(band);
            if (has_else) break;
        }
        if (!has_else) fail(peek(), _("bands(...) needs a final 'else:' band"));
        std::vector<std::shared_ptr<const Value>> band_values;
        for (const auto& b : v->bands) band_values.push_back(b.value);
        v->unit = combined_unit(band_values);
    } else if (name == "fig") {
        v->kind = ValueKind::figure;
        v->measure = measure_argument();
        expect_symbol(",");
        v->year = year_ref();
        v->unit = unit_of_measure(v->measure);
    } else {
        fail(t, fmt::format(fmt::runtime(_("unknown measure or function '{}'")), name));
    }
    expect_symbol(")");
    return finish(v);
}

}  // namespace ladder::rules_detail::parsing
