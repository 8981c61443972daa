#pragma once
// Money in 万元 (10,000 CNY), exact to 0.01 万元: an int64 count of hundredths. Never double.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/rational.hpp"

namespace ladder {

class Money {
  public:
    constexpr Money() = default;
    static constexpr Money from_hundredths(int64_t h) { return Money(h); }
    static constexpr Money from_wan(int64_t wan) { return Money(wan * 100); }

    // Parses "1234", "1,234.50", "-12.5", "+3". Thousands separators must group by three;
    // at most two decimals. On failure returns empty and sets *reason (English, translatable).
    static std::optional<Money> parse(std::string_view text, std::string* reason = nullptr);

    constexpr int64_t hundredths() const { return h_; }
    Rational to_rational() const { return Rational::from_hundredths(h_); }
    // "1234.50" — the export format (no separators, two decimals).
    std::string to_string() const;
    // "1,234.50" — for people.
    std::string to_display() const;

    friend constexpr auto operator<=>(Money, Money) = default;
    friend constexpr Money operator+(Money a, Money b) { return Money(a.h_ + b.h_); }
    friend constexpr Money operator-(Money a, Money b) { return Money(a.h_ - b.h_); }
    Money& operator+=(Money o) {
        h_ += o.h_;
        return *this;
    }

  private:
    constexpr explicit Money(int64_t h) : h_(h) {}
    int64_t h_ = 0;
};

// Parses a decimal with up to two places into hundredths (money and 0..100 scores share it).
std::optional<int64_t> parse_hundredths(std::string_view text, std::string* reason = nullptr);
// Parses a whole number, thousands separators allowed ("1,200").
std::optional<int64_t> parse_integer(std::string_view text, std::string* reason = nullptr);
// hundredths → "1234.50"
std::string format_hundredths(int64_t h);
// hundredths → "1,234.50"
std::string format_hundredths_grouped(int64_t h);

}  // namespace ladder
