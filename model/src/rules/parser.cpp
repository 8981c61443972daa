// The criterion expression language (documented at the top of resources/rules/*.toml).
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "model/date.hpp"
#include "model/i18n.hpp"
#include "rules/expression.hpp"
#include "rules/parser.hpp"

namespace ladder::rules_detail {

namespace parsing {

namespace {

bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

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
        case MeasureKind::money:
        case MeasureKind::signed_money:
            return ValueUnit::money;
        case MeasureKind::score:
            return ValueUnit::score;
        case MeasureKind::count:
            return ValueUnit::count;
        case MeasureKind::rank:
            return ValueUnit::rank;
        case MeasureKind::flag:
            return ValueUnit::flag;
    }
    return ValueUnit::number;
}

bool whole_unit(ValueUnit u) {
    return u == ValueUnit::count || u == ValueUnit::rank || u == ValueUnit::years ||
           u == ValueUnit::flag;
}

std::shared_ptr<const Test> Parser::or_test() {
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

std::shared_ptr<const Test> Parser::and_test() {
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
std::size_t Parser::after_group(std::size_t open) const {
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

bool Parser::is_compare_symbol(const Token& t) {
    return t.kind == TokenKind::symbol && (t.text == ">=" || t.text == ">" || t.text == "<=" ||
                                           t.text == "<" || t.text == "=" || t.text == "!=");
}

std::shared_ptr<const Test> Parser::atom_test() {
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
        if (w == "controlled_holds" && at_symbol("(", 1)) return controlled(holds(start), start);
        // `not holds(tier, date)`: e.g. a title that rules an application out.
        if (w == "not" && (at_word("holds", 1) || at_word("controlled_holds", 1)) &&
            at_symbol("(", 2)) {
            ++pos_;
            const bool by_control = peek().text == "controlled_holds";
            auto held = holds(start);
            if (by_control) held = controlled(held, start);
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

std::shared_ptr<const Test> Parser::every(std::size_t start) {
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

std::shared_ptr<const Test> Parser::holds(std::size_t start) {
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

std::shared_ptr<const Test> Parser::division(std::size_t start) {
    ++pos_;
    if (!at_word("in"))
        fail(peek(),
             fmt::format(fmt::runtime(_("expected '{}' but found {}")), "in", describe(peek())));
    ++pos_;
    auto t = std::make_shared<Test>();
    t->kind = TestKind::division_in;
    const Token& lo_token = peek();
    t->lo = expect_integer();
    expect_symbol("..");
    t->hi = expect_integer();
    if (t->lo > t->hi || t->hi > 99) fail(lo_token, _("expected a division range such as 06..46"));
    t->text = source_text(start);
    return t;
}

std::shared_ptr<const Test> Parser::comparison(std::size_t start) {
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
        fail(peek(),
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

std::shared_ptr<const Test> Parser::definition_test(const std::string& name,
                                                    const std::pair<std::string, int>& def) {
    if (auto it = defs_.tests.find(name); it != defs_.tests.end()) return it->second;
    if (defs_.values.count(name)) return nullptr;
    expand_definition(name, def);
    auto it = defs_.tests.find(name);
    return it == defs_.tests.end() ? nullptr : it->second;
}

std::shared_ptr<const Value> Parser::definition_value(const Token& at, const std::string& name,
                                                      const std::pair<std::string, int>& def) {
    if (!defs_.values.count(name) && !defs_.tests.count(name)) expand_definition(name, def);
    if (auto it = defs_.values.find(name); it != defs_.values.end()) return it->second;
    fail(at, fmt::format(fmt::runtime(_("'{}' is a condition, not a value")), name));
}

// Compiles a definition as a condition, or else as a value; errors point at its own line.
void Parser::expand_definition(const std::string& name, const std::pair<std::string, int>& def) {
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

}  // namespace parsing

using namespace parsing;

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
