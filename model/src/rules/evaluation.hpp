#pragma once
// The walk of compiled criteria for one firm, shared by the evaluator (evaluator.cpp), its quick
// path (evaluator_quick.cpp) and the explanation text (explanation.cpp). Internal to
// ladder_model. The small readers every comparison goes through stay inline here so that
// splitting the files costs no speed.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/measures.hpp"
#include "model/rational.hpp"
#include "model/registry.hpp"
#include "model/rules/evaluate.hpp"
#include "rules/expression.hpp"

namespace ladder::rules_detail {

enum class State { ok, missing, bad_denominator };

// A missing input as recorded while walking a criterion: no strings, so reading an absent
// figure allocates nothing; turned into MissingInput only when the criterion ends missing.
enum class FirmField : uint8_t { niche_since, hnte_field, industry_code, control };
struct PendingInput {
    MissingInput::Kind kind = MissingInput::Kind::figure;
    std::size_t index = 0;  // measure index, parameter index or FirmField
    int year = 0;
};

struct Num {
    Rational value;
    State state = State::ok;
};

struct Outcome {
    Verdict verdict = Verdict::pass;
    double gap = 0;  // relative shortfall, 0..1, on fail
};

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
    void criterion(const Criterion& c, CriterionResult& r);

  private:
    static std::string join(std::vector<std::string>& parts);

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

    MissingInput materialize(const PendingInput& p) const;

    // Years of the operating window: those of L−2..L not before the founding year.
    std::vector<int> window() const;

    Num value(const Value& v);
    // The day a holds() or controlled_holds() test asks about (Y-01-01, L-12-31, …).
    Date day_of(const Test& t) const;

    static int rank(State s) { return s == State::ok ? 0 : s == State::bad_denominator ? 1 : 2; }

    // ---- the quick path of bulk evaluation (evaluator_quick.cpp) ----
    struct Fraction {
        int128 n = 0, d = 1;  // d > 0
    };

    std::optional<int128> quick_sum(Measure m, int first, int last) const;
    static std::optional<int> quick_order(const Fraction& a, const Fraction& b);

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

    std::optional<Fraction> quick(const Value& v) const;

    // True when the comparison certainly holds; false means "take the exact path".
    bool quick_pass(const Test& t) const;

    static bool holds_op(const Rational& a, CompareOp op, const Rational& b) {
        const std::strong_ordering order = a <=> b;
        return order_holds(order < 0 ? -1 : order > 0 ? 1 : 0, op);
    }

    static CompareOp flipped(CompareOp op);
    static CompareOp negated(CompareOp op);

    // ---- explanations (explanation.cpp) ----
    std::string unit_text(ValueUnit u) const;
    std::string show(const Rational& x, ValueUnit u) const;
    std::string year_list(const std::vector<int>& years) const;
    std::string label(const Value& v) const;
    static bool has_hidden_terms(const Value& v);
    static bool is_sum(const Value& v);
    std::string term(const Value& v);
    std::string sum_terms(const Value& v);
    std::string describe(const Value& v, const Rational& x);
    static Rational resolution(ValueUnit unit, bool whole);
    static Rational needed(const Rational& subject, CompareOp op, const Rational& target,
                           const Rational& step);
    double explain_fail(const Value& left, CompareOp op, const Value& right, const Num& a,
                        const Num& b);

    // ---- the walk (evaluator.cpp) ----
    Outcome compare(const Test& t);
    Outcome test(const Test& t);
    Outcome test_inner(const Test& t);

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

}  // namespace ladder::rules_detail
