#pragma once
// The parser of the criterion language (parser.cpp: tokens, conditions and the entry points;
// parser_values.cpp: values and their units). Internal to the rules module.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/i18n.hpp"
#include "rules/expression.hpp"

namespace ladder::rules_detail::parsing {

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

std::vector<Token> tokenize(std::string_view s);
// The unit a measure's values carry, and whether a unit counts in whole steps.
ValueUnit unit_of_measure(Measure m);
bool whole_unit(ValueUnit u);

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

    // ---- tests (parser.cpp) ----
    std::shared_ptr<const Test> or_test();
    std::shared_ptr<const Test> and_test();
    // Index of the token after the parenthesis group opening at `open`.
    std::size_t after_group(std::size_t open) const;
    static bool is_compare_symbol(const Token& t);
    std::shared_ptr<const Test> atom_test();
    std::shared_ptr<const Test> every(std::size_t start);
    std::shared_ptr<const Test> holds(std::size_t start);
    // holds() read as controlled_holds(tier, date).
    std::shared_ptr<const Test> controlled(std::shared_ptr<const Test> held, std::size_t start) {
        auto t = std::make_shared<Test>(*held);
        t->kind = TestKind::controlled_holds;
        t->text = source_text(start);
        return t;
    }
    std::shared_ptr<const Test> division(std::size_t start);
    std::shared_ptr<const Test> comparison(std::size_t start);
    std::shared_ptr<const Test> definition_test(const std::string& name,
                                                const std::pair<std::string, int>& def);
    std::shared_ptr<const Value> definition_value(const Token& at, const std::string& name,
                                                  const std::pair<std::string, int>& def);
    // Compiles a definition as a condition, or else as a value; errors point at its own line.
    void expand_definition(const std::string& name, const std::pair<std::string, int>& def);

    // ---- values (parser_values.cpp) ----
    static ValueUnit combined_unit(const std::vector<std::shared_ptr<const Value>>& args);
    static std::shared_ptr<Value> finish(std::shared_ptr<Value> v);
    std::shared_ptr<const Value> value();
    std::shared_ptr<const Value> term();
    std::shared_ptr<const Value> unary();
    YearRef year_ref();
    Measure measure_argument();
    std::shared_ptr<const Value> primary();

    std::string_view text_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    Definitions& defs_;
    bool in_every_ = false;
};

}  // namespace ladder::rules_detail::parsing
