// The criterion expression language (documented at the top of resources/rules/*.toml).
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "model/date.hpp"
#include "model/i18n.hpp"
#include "rules/expression.hpp"

namespace ladder::rules_detail {

namespace {

enum class TokenKind { identifier, number, symbol, end };

struct Token {
    TokenKind kind = TokenKind::end;
    std::string text;  // symbols are canonical ASCII (≥ becomes >=)
    std::size_t pos = 0;
};

struct SyntaxError {
    std::size_t pos;
    std::string reason;
};

bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::vector<Token> tokenize(std::string_view s) {
    static const std::pair<std::string_view, std::string_view> kSymbols[] = {
        {"≥", ">="},  {"≤", "<="}, {"≠", "!="},  {"·", "*"},   {"×", "*"}, {">=", ">="},
        {"<=", "<="}, {"==", "="}, {"!=", "!="}, {"..", ".."}, {">", ">"}, {"<", "<"},
        {"=", "="},   {"(", "("},  {")", ")"},   {",", ","},   {"+", "+"}, {"-", "-"},
        {"*", "*"},   {":", ":"},  {";", ";"},   {"[", "["},   {"]", "]"},
    };
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (is_ident_start(c)) {
            std::size_t start = i;
            while (i < s.size() && (is_ident_start(s[i]) || is_digit(s[i]))) ++i;
            tokens.push_back(
                {TokenKind::identifier, std::string(s.substr(start, i - start)), start});
            continue;
        }
        if (is_digit(c)) {
            std::size_t start = i;
            while (i < s.size() && is_digit(s[i])) ++i;
            if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
                ++i;
                while (i < s.size() && is_digit(s[i])) ++i;
            }
            if (i < s.size() && s[i] == '%') ++i;
            tokens.push_back({TokenKind::number, std::string(s.substr(start, i - start)), start});
            continue;
        }
        bool matched = false;
        for (const auto& [spelling, canonical] : kSymbols) {
            if (s.substr(i, spelling.size()) == spelling) {
                tokens.push_back({TokenKind::symbol, std::string(canonical), i});
                i += spelling.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            // Report the whole UTF-8 character.
            std::size_t len = 1;
            while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80)
                ++len;
            throw SyntaxError{
                i, fmt::format(fmt::runtime(_("unexpected character '{}'")), s.substr(i, len))};
        }
    }
    tokens.push_back({TokenKind::end, "", s.size()});
    return tokens;
}

ValueUnit unit_of_measure(Measure m) {
    switch (measure_info(m).kind) {
        case MeasureKind::Money:
        case MeasureKind::SignedMoney:
            return ValueUnit::money;
        case MeasureKind::Score:
            return ValueUnit::score;
        case MeasureKind::Count:
            return ValueUnit::count;
        case MeasureKind::Rank:
            return ValueUnit::rank;
        case MeasureKind::Flag:
            return ValueUnit::flag;
    }
    return ValueUnit::number;
}

bool whole_unit(ValueUnit u) {
    return u == ValueUnit::count || u == ValueUnit::rank || u == ValueUnit::years ||
           u == ValueUnit::flag;
}

// Shared by the parser of a rule and the parsers of the definitions it uses.
struct Definitions {
    const Vocabulary& vocabulary;
    std::map<std::string, std::shared_ptr<const Test>, std::less<>> tests;
    std::map<std::string, std::shared_ptr<const Value>, std::less<>> values;
    std::set<std::string, std::less<>> active;  // definitions being expanded (cycle check)
};

// An error inside a definition, reported at the definition's own line.
struct DefinitionError {
    ParseError error;
};

class Parser {
  public:
    Parser(std::string_view text, Definitions& defs)
        : text_(text), tokens_(tokenize(text)), defs_(defs) {}

    std::shared_ptr<const Test> whole_test() {
        auto t = or_test();
        expect_end();
        return t;
    }
    void check_definition(const std::string& name, const std::pair<std::string, int>& def) {
        if (!defs_.tests.count(name) && !defs_.values.count(name)) expand_definition(name, def);
    }
    std::shared_ptr<const Value> whole_value() {
        auto v = value();
        expect_end();
        return v;
    }

  private:
    const Token& peek(std::size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    bool at_symbol(std::string_view s, std::size_t ahead = 0) const {
        return peek(ahead).kind == TokenKind::symbol && peek(ahead).text == s;
    }
    bool at_word(std::string_view w, std::size_t ahead = 0) const {
        return peek(ahead).kind == TokenKind::identifier && peek(ahead).text == w;
    }
    [[noreturn]] void fail(const Token& at, std::string reason) const {
        throw SyntaxError{at.pos, std::move(reason)};
    }
    std::string describe(const Token& t) const {
        return t.kind == TokenKind::end ? std::string(_("end of rule")) : "'" + t.text + "'";
    }
    void expect_symbol(std::string_view s) {
        if (!at_symbol(s))
            fail(peek(),
                 fmt::format(fmt::runtime(_("expected '{}' but found {}")), s, describe(peek())));
        ++pos_;
    }
    void expect_end() {
        if (peek().kind != TokenKind::end)
            fail(peek(), fmt::format(fmt::runtime(_("unexpected {}")), describe(peek())));
    }
    std::string expect_identifier(const char* what) {
        if (peek().kind != TokenKind::identifier)
            fail(peek(),
                 fmt::format(fmt::runtime(_("expected {} but found {}")), what, describe(peek())));
        return tokens_[pos_++].text;
    }
    int expect_integer() {
        const Token& t = peek();
        if (t.kind != TokenKind::number ||
            t.text.find_first_not_of("0123456789") != std::string::npos || t.text.size() > 6)
            fail(t,
                 fmt::format(fmt::runtime(_("expected a whole number but found {}")), describe(t)));
        ++pos_;
        return std::stoi(t.text);
    }
    std::string source_text(std::size_t from_token) const {
        std::size_t a = tokens_[from_token].pos;
        std::size_t b =
            pos_ > from_token ? tokens_[pos_ - 1].pos + tokens_[pos_ - 1].text.size() : a;
        // Symbols are canonicalised, so cut at the next token's start instead where possible.
        if (pos_ < tokens_.size() && pos_ > from_token) b = tokens_[pos_].pos;
        std::string s(text_.substr(a, b - a));
        while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
        return s;
    }

    // ---- tests ----
    std::shared_ptr<const Test> or_test() {
        std::size_t start = pos_;
        auto first = and_test();
        if (!at_word("or")) return first;
        auto t = std::make_shared<Test>();
        t->kind = TestKind::any;
        t->parts.push_back(first);
        while (at_word("or")) {
            ++pos_;
            t->parts.push_back(and_test());
        }
        t->text = source_text(start);
        return t;
    }

    std::shared_ptr<const Test> and_test() {
        std::size_t start = pos_;
        auto first = atom_test();
        if (!at_word("and")) return first;
        auto t = std::make_shared<Test>();
        t->kind = TestKind::all;
        t->parts.push_back(first);
        while (at_word("and")) {
            ++pos_;
            t->parts.push_back(atom_test());
        }
        t->text = source_text(start);
        return t;
    }

    // Index of the token after the parenthesis group opening at `open`.
    std::size_t after_group(std::size_t open) const {
        int depth = 0;
        for (std::size_t i = open; i < tokens_.size(); ++i) {
            const Token& t = tokens_[i];
            if (t.kind != TokenKind::symbol) continue;
            if (t.text == "(" || t.text == "[") ++depth;
            if (t.text == ")" || t.text == "]") {
                if (--depth == 0) return i + 1;
            }
        }
        return tokens_.size() - 1;
    }

    static bool is_compare_symbol(const Token& t) {
        return t.kind == TokenKind::symbol && (t.text == ">=" || t.text == ">" || t.text == "<=" ||
                                               t.text == "<" || t.text == "=" || t.text == "!=");
    }

    std::shared_ptr<const Test> atom_test() {
        std::size_t start = pos_;
        if (at_symbol("(")) {
            // A parenthesised test, unless the group is followed by arithmetic or a comparison:
            // "(1 + g) * revenue(L-1) < revenue(L)" is a value.
            const Token& next = tokens_[after_group(pos_)];
            bool value_follows = is_compare_symbol(next) ||
                                 (next.kind == TokenKind::symbol &&
                                  (next.text == "+" || next.text == "-" || next.text == "*")) ||
                                 (next.kind == TokenKind::identifier && next.text == "is");
            if (!value_follows) {
                ++pos_;
                auto t = or_test();
                expect_symbol(")");
                return t;
            }
            return comparison(start);
        }
        if (peek().kind == TokenKind::identifier) {
            const std::string& w = peek().text;
            if ((w == "any_of" || w == "all_of") && at_symbol("(", 1)) {
                pos_ += 2;
                auto t = std::make_shared<Test>();
                t->kind = w == "any_of" ? TestKind::any : TestKind::all;
                t->parts.push_back(or_test());
                while (at_symbol(",") || at_symbol(";")) {
                    ++pos_;
                    t->parts.push_back(or_test());
                }
                expect_symbol(")");
                t->text = source_text(start);
                return t;
            }
            if (w == "every" && at_symbol("(", 1)) return every(start);
            if (w == "holds" && at_symbol("(", 1)) return holds(start);
            // `not holds(tier, date)`: e.g. a title that rules an application out.
            if (w == "not" && at_word("holds", 1) && at_symbol("(", 2)) {
                ++pos_;
                auto held = holds(start);
                auto t = std::make_shared<Test>(*held);
                t->negated = true;
                t->text = source_text(start);
                return t;
            }
            if (w == "unlisted") {
                ++pos_;
                auto t = std::make_shared<Test>();
                t->kind = TestKind::unlisted;
                t->text = "unlisted";
                return t;
            }
            if (w == "division") return division(start);
            if (auto def = defs_.vocabulary.definitions.find(w);
                def != defs_.vocabulary.definitions.end()) {
                if (auto t = definition_test(def->first, def->second)) {
                    ++pos_;
                    return t;
                }
            }
        }
        return comparison(start);
    }

    std::shared_ptr<const Test> every(std::size_t start) {
        pos_ += 2;
        const Token& w = peek();
        if (!at_word("W")) fail(w, _("every() takes the operating window W as its first argument"));
        ++pos_;
        expect_symbol(",");
        in_every_ = true;
        auto body = or_test();
        in_every_ = false;
        expect_symbol(")");
        auto t = std::make_shared<Test>();
        t->kind = TestKind::every;
        t->parts.push_back(body);
        t->text = source_text(start);
        return t;
    }

    std::shared_ptr<const Test> holds(std::size_t start) {
        pos_ += 2;
        const Token& tier_token = peek();
        std::string tier = expect_identifier(_("a tier id"));
        auto index = defs_.vocabulary.tier_index(tier);
        if (!index) fail(tier_token, fmt::format(fmt::runtime(_("unknown tier '{}'")), tier));
        auto t = std::make_shared<Test>();
        t->kind = TestKind::holds;
        t->tier_index = *index;
        if (at_symbol(",")) {
            ++pos_;
            // Y-MM-DD, L-MM-DD, or with a year offset: Y-1-12-31.
            const Token& base = peek();
            if (!at_word("Y") && !at_word("L")) fail(base, _("expected a date such as Y-01-01"));
            t->date_from_l = base.text == "L";
            ++pos_;
            std::vector<std::pair<bool, int>> numbers;  // (preceded by '-', value)
            while (at_symbol("-") || at_symbol("+")) {
                bool minus = at_symbol("-");
                ++pos_;
                numbers.push_back({minus, expect_integer()});
            }
            if (numbers.size() == 3) {
                t->date_year_offset = numbers[0].first ? -numbers[0].second : numbers[0].second;
                numbers.erase(numbers.begin());
            }
            if (numbers.size() != 2 || !numbers[0].first || !numbers[1].first ||
                numbers[0].second < 1 || numbers[0].second > 12 || numbers[1].second < 1 ||
                numbers[1].second > 31)
                fail(base, _("expected a date such as Y-01-01"));
            if (!Date::valid(2000, numbers[0].second, numbers[1].second))  // 2000: a leap year
                fail(base, _("no such date"));
            t->date_month = numbers[0].second;
            t->date_day = numbers[1].second;
        }
        expect_symbol(")");
        t->text = source_text(start);
        return t;
    }

    std::shared_ptr<const Test> division(std::size_t start) {
        ++pos_;
        if (!at_word("in"))
            fail(peek(), fmt::format(fmt::runtime(_("expected '{}' but found {}")), "in",
                                     describe(peek())));
        ++pos_;
        auto t = std::make_shared<Test>();
        t->kind = TestKind::division_in;
        const Token& lo_token = peek();
        t->lo = expect_integer();
        expect_symbol("..");
        t->hi = expect_integer();
        if (t->lo > t->hi || t->hi > 99)
            fail(lo_token, _("expected a division range such as 06..46"));
        t->text = source_text(start);
        return t;
    }

    std::shared_ptr<const Test> comparison(std::size_t start) {
        auto first = value();
        auto t = std::make_shared<Test>();
        if (at_word("is")) {
            const Token& is_token = peek();
            ++pos_;
            bool negated = false;
            if (at_word("not")) {
                negated = true;
                ++pos_;
            }
            if (!at_word("yes"))
                fail(peek(), fmt::format(fmt::runtime(_("expected '{}' but found {}")), "yes",
                                         describe(peek())));
            ++pos_;
            if (first->unit != ValueUnit::flag)
                fail(is_token, _("'is yes' applies to a yes/no figure or hnte_field"));
            t->kind = negated ? TestKind::flag_not_yes : TestKind::flag_yes;
            t->values.push_back(first);
            t->text = source_text(start);
            return t;
        }
        if (!is_compare_symbol(peek()))
            fail(
                peek(),
                fmt::format(fmt::runtime(_("expected a comparison (>=, >, <=, <, =) but found {}")),
                            describe(peek())));
        t->kind = TestKind::compare;
        t->values.push_back(first);
        const Token& compare_start = peek();
        while (is_compare_symbol(peek())) {
            const std::string& op = tokens_[pos_++].text;
            t->ops.push_back(op == ">="   ? CompareOp::ge
                             : op == ">"  ? CompareOp::gt
                             : op == "<=" ? CompareOp::le
                             : op == "<"  ? CompareOp::lt
                             : op == "="  ? CompareOp::eq
                                          : CompareOp::ne);
            t->values.push_back(value());
            if (t->values.size() > 4)
                fail(compare_start, _("at most three comparisons can be chained"));
        }
        for (const auto& v : t->values)
            if (v->unit == ValueUnit::flag)
                fail(tokens_[start],
                     _("a yes/no figure can only be tested with 'is yes' or 'is not yes'"));
        t->text = source_text(start);
        return t;
    }

    std::shared_ptr<const Test> definition_test(const std::string& name,
                                                const std::pair<std::string, int>& def) {
        if (auto it = defs_.tests.find(name); it != defs_.tests.end()) return it->second;
        if (defs_.values.count(name)) return nullptr;
        expand_definition(name, def);
        auto it = defs_.tests.find(name);
        return it == defs_.tests.end() ? nullptr : it->second;
    }

    std::shared_ptr<const Value> definition_value(const Token& at, const std::string& name,
                                                  const std::pair<std::string, int>& def) {
        if (!defs_.values.count(name) && !defs_.tests.count(name)) expand_definition(name, def);
        if (auto it = defs_.values.find(name); it != defs_.values.end()) return it->second;
        fail(at, fmt::format(fmt::runtime(_("'{}' is a condition, not a value")), name));
    }

    // Compiles a definition as a condition, or else as a value; errors point at its own line.
    void expand_definition(const std::string& name, const std::pair<std::string, int>& def) {
        if (defs_.active.count(name))
            fail(peek(), fmt::format(fmt::runtime(_("definition '{}' refers to itself")), name));
        defs_.active.insert(name);
        auto report = [&](const SyntaxError& e) {
            ParseError pe;
            pe.definition_line = def.second;
            pe.reason = fmt::format(fmt::runtime(_("in definition '{}': {}")), name, e.reason);
            for (std::size_t i = 0; i < e.pos && i < def.first.size(); ++i)
                if (def.first[i] == '\n') ++pe.line_offset;
            throw DefinitionError{pe};
        };
        try {
            Parser p(def.first, defs_);
            defs_.tests[name] = p.whole_test();
        } catch (const SyntaxError& as_test) {
            try {
                Parser p(def.first, defs_);
                // A named value keeps its name, so a score's explanation can show each term.
                auto named = std::make_shared<Value>(*p.whole_value());
                auto label = defs_.vocabulary.labels.find(name);
                named->name = label != defs_.vocabulary.labels.end() ? label->second : name;
                defs_.values[name] = std::move(named);
            } catch (const SyntaxError&) {
                defs_.active.erase(name);
                report(as_test);
            }
        }
        defs_.active.erase(name);
    }

    // ---- values ----
    static ValueUnit combined_unit(const std::vector<std::shared_ptr<const Value>>& args) {
        for (const auto& a : args)
            if (a->kind != ValueKind::constant && a->kind != ValueKind::param &&
                a->unit != ValueUnit::number)
                return a->unit;
        for (const auto& a : args)
            if (a->unit != ValueUnit::number) return a->unit;
        return ValueUnit::number;
    }

    static std::shared_ptr<Value> finish(std::shared_ptr<Value> v) {
        v->resolution_whole = whole_unit(v->unit);
        return v;
    }

    std::shared_ptr<const Value> value() {
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

    std::shared_ptr<const Value> term() {
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

    std::shared_ptr<const Value> unary() {
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

    YearRef year_ref() {
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

    Measure measure_argument() {
        const Token& t = peek();
        std::string name = expect_identifier(_("a measure"));
        auto m = find_measure(name);
        if (!m) fail(t, fmt::format(fmt::runtime(_("unknown measure '{}'")), name));
        return *m;
    }

    std::shared_ptr<const Value> primary() {
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
                fail(t, fmt::format(fmt::runtime(_("measure '{}' needs a year, e.g. {}(L)")), name,
                                    name));
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
                    auto bound =
                        b.kind == TokenKind::number ? Rational::parse(b.text) : std::nullopt;
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

    std::string_view text_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    Definitions& defs_;
    bool in_every_ = false;
};

}  // namespace

std::string_view op_text(CompareOp op) {
    switch (op) {
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

bool check_definition(const std::string& name, const Vocabulary& vocabulary, ParseError* error) {
    auto def = vocabulary.definitions.find(name);
    if (def == vocabulary.definitions.end()) return false;
    Definitions defs{vocabulary, {}, {}, {}};
    try {
        Parser parser("", defs);
        parser.check_definition(def->first, def->second);
        return true;
    } catch (const DefinitionError& e) {
        *error = e.error;
    } catch (const SyntaxError& e) {
        error->definition_line = def->second.second;
        error->reason = e.reason;
    }
    return false;
}

std::shared_ptr<const Test> parse_test(std::string_view text, const Vocabulary& vocabulary,
                                       ParseError* error) {
    Definitions defs{vocabulary, {}, {}, {}};
    try {
        Parser parser(text, defs);
        return parser.whole_test();
    } catch (const SyntaxError& e) {
        // Line and column of the byte offset (columns count characters, not bytes).
        error->line_offset = 0;
        error->column = 1;
        for (std::size_t i = 0; i < e.pos && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++error->line_offset;
                error->column = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++error->column;
            }
        }
        error->reason = e.reason;
        error->definition_line = 0;
    } catch (const DefinitionError& e) {
        *error = e.error;
    }
    return nullptr;
}

}  // namespace ladder::rules_detail
