#pragma once
// Compiled criterion expressions: a small tree built once at load time and walked per firm.
// Internal to ladder_model.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/measures.hpp"
#include "model/rational.hpp"

namespace ladder::rules_detail {

// A fiscal year relative to L = Y − 1, or to the year variable `y` inside every(W, ...).
struct YearRef {
    bool per_year = false;
    int offset = 0;
};

enum class CompareOp { ge, gt, le, lt, eq, ne };

// How a value is shown and what its smallest step is (a gap is rounded to that step).
enum class ValueUnit { money, score, count, rank, years, flag, ratio, number };

enum class ValueKind {
    constant,
    figure,          // measure(year)
    sum,             // sum(measure, [years])
    sum_window,      // sum(measure, W): operating years among L−2..L; L must be one of them
    sum_recorded,    // sum_recorded(measure): recorded values of years ≤ L
    param,           // param(id, year)
    age,             // completed years from founded to Y-01-01
    years_in_niche,  // Y − niche_since
    hnte_field,      // firm flag, 1/0
    add,
    sub,
    mul,
    neg,
    ratio,  // args[0] / args[1]; a denominator ≤ 0 fails the comparison
    bands,  // first band whose `selector op bound` holds, else the last value
    max,
    min,
};

struct Value;
struct Band {
    bool otherwise = false;  // the final "else:" band
    CompareOp op = CompareOp::le;
    Rational bound;
    std::shared_ptr<const Value> value;
};

struct Value {
    ValueKind kind = ValueKind::constant;
    Rational constant;
    bool percent = false;  // constant written with %
    Measure measure = Measure::revenue;
    YearRef year;
    std::vector<YearRef> years;
    std::size_t param_index = 0;
    std::vector<std::shared_ptr<const Value>> args;  // operands; bands: args[0] = selector
    std::vector<Band> bands;                         // the last one has no bound (else)
    ValueUnit unit = ValueUnit::number;
    bool resolution_whole = false;  // counts, ranks, years: steps of 1; money 1 fen; else 0.01
    std::string name;  // a named definition's label (or id): explanations show its value by name
};

enum class TestKind {
    compare,       // values[0] ops[0] values[1] ops[1] values[2] ...
    all,           // and
    any,           // or
    every,         // per-year and over the operating years among L−2..L
    flag_yes,      // values[0] is yes
    flag_not_yes,  // values[0] is not yes
    division_in,   // industry division in [lo, hi]
    holds,         // holds(tier, date)
    // controlled_holds(tier, date): a firm under the same control holds the tier that day
    controlled_holds,
    unlisted,
};

struct Test {
    TestKind kind = TestKind::all;
    std::vector<std::shared_ptr<const Value>> values;
    std::vector<CompareOp> ops;
    std::vector<std::shared_ptr<const Test>> parts;
    int lo = 0, hi = 0;          // division_in
    bool negated = false;        // holds: written `not holds(...)`, passes when not held
    std::size_t tier_index = 0;  // holds, controlled_holds
    bool date_from_l = false;    // holds: the date's year is L + offset, else Y + offset
    int date_year_offset = 0, date_month = 1, date_day = 1;
    std::string text;  // source text, for explanations
};

// What the parser needs to know about the rule set being loaded.
struct Vocabulary {
    std::function<std::optional<std::size_t>(std::string_view)> tier_index;
    std::function<std::optional<std::size_t>(std::string_view)> param_index;
    // Named definitions ([definitions] in the file): text and its line.
    std::map<std::string, std::pair<std::string, int>, std::less<>> definitions;
    // Labels of definitions given as { rule = "...", zh = "..." }: shown in explanations.
    std::map<std::string, std::string, std::less<>> labels;
};

// A parse problem: `line_offset` counts lines into the text (multi-line strings), `column` is
// 1-based within that line.
struct ParseError {
    int line_offset = 0;
    int column = 0;
    std::string reason;
    int definition_line = 0;  // set when the error is inside a definition
};

// Compiles a criterion expression; on error returns nullptr and sets *error.
std::shared_ptr<const Test> parse_test(std::string_view text, const Vocabulary& vocabulary,
                                       ParseError* error);

// Compiles a definition on its own, so an unused but broken one is still reported.
bool check_definition(const std::string& name, const Vocabulary& vocabulary, ParseError* error);

std::string_view op_text(CompareOp op);

}  // namespace ladder::rules_detail
