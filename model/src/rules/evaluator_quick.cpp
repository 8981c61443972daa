// The quick path of bulk evaluation.
// Most comparisons pass. Deciding a pass needs no reduced Rationals (a gcd after every
// operation): values as unreduced fractions, compared by cross-multiplying, decide it
// exactly. Anything else — a missing input, a bad denominator, a fail (its gap size), a
// product beyond 128 bits, a kind not handled here — goes the exact way, which decides and
// records everything as before.
#include <algorithm>
#include <optional>

#include "rules/evaluation.hpp"

namespace ladder::rules_detail {

std::optional<int128> Evaluation::quick_sum(Measure m, int first, int last) const {
    int128 raw = 0;
    for (int y = first; y <= last; ++y) {
        auto x = peek(m, y);
        if (!x) return std::nullopt;
        raw += *x;
    }
    return raw;
}

std::optional<int> Evaluation::quick_order(const Fraction& a, const Fraction& b) {
    int128 l = 0, r = 0;
    if (__builtin_mul_overflow(a.n, b.d, &l) || __builtin_mul_overflow(b.n, a.d, &r))
        return std::nullopt;
    return l < r ? -1 : l > r ? 1 : 0;
}

std::optional<Evaluation::Fraction> Evaluation::quick(const Value& v) const {
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
            if (__builtin_mul_overflow(a->n, rn, &r.n) || __builtin_mul_overflow(a->d, rd, &r.d))
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

bool Evaluation::quick_pass(const Test& t) const {
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

}  // namespace ladder::rules_detail
