#pragma once
// Money in 万元 (10,000 CNY), exact to the fen (0.01 元 = 0.000001 万元): an int64 count of fen,
// so that amounts given in 元, 千元, 万元 or 亿元 convert without rounding. Never double.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/rational.hpp"

namespace ladder {

// Fen in one 万元.
inline constexpr int64_t kFenPerWan = 1'000'000;

// The units money is written in (元 千元 万元 亿元); Ladder holds 万元.
enum class MoneyUnit { yuan, qianyuan, wan, yi };

class Money {
  public:
    constexpr Money() = default;
    static constexpr Money from_fen(int64_t fen) { return Money(fen); }
    static constexpr Money from_wan(int64_t wan) { return Money(wan * kFenPerWan); }

    // parse_fen in 万元: "1234", "1,234.50", "-12.5", "+3", "0.000001".
    static std::optional<Money> parse(std::string_view text, std::string* reason = nullptr);

    constexpr int64_t fen() const { return fen_; }
    // The amount in 万元, exactly.
    Rational to_rational() const { return Rational(fen_, kFenPerWan); }
    // "1234.50", "1234.5678" — the export format (format_fen).
    std::string to_string() const;
    // "1,234.5678" — for people (format_fen_grouped).
    std::string to_display() const;

    friend constexpr auto operator<=>(Money, Money) = default;
    friend constexpr Money operator+(Money a, Money b) { return Money(a.fen_ + b.fen_); }
    friend constexpr Money operator-(Money a, Money b) { return Money(a.fen_ - b.fen_); }
    Money& operator+=(Money o) {
        fen_ += o.fen_;
        return *this;
    }

  private:
    constexpr explicit Money(int64_t fen) : fen_(fen) {}
    int64_t fen_ = 0;
};

// Parses an amount written in `unit` ("1,234.5", "-0.01", "+3") into fen, exactly: 元 ÷ 10000,
// 千元 ÷ 10, 万元 as is, 亿元 × 10000. Thousands separators must group by three. Trailing zeros
// of the decimals never matter ("12.3400000" 元); a digit finer than the fen does ("1.234" 元:
// "finer than the fen (0.01 元)"), and so does an amount beyond int64 fen ("number too large").
// On failure returns empty and sets *reason (English, translatable).
std::optional<int64_t> parse_fen(std::string_view text, MoneyUnit unit = MoneyUnit::wan,
                                 std::string* reason = nullptr);
// fen → 万元 with at least 2 and at most 6 decimals, as many as the value needs: "1234.50",
// "1234.5678", "0.000001", "-3.10". The export format.
std::string format_fen(int64_t fen);
// fen → "1,234.5678": format_fen with thousands separators, for people.
std::string format_fen_grouped(int64_t fen);

// Parses a decimal with up to two places (trailing zeros aside) into hundredths: 0..100 scores.
std::optional<int64_t> parse_hundredths(std::string_view text, std::string* reason = nullptr);
// Parses a whole number, thousands separators allowed ("1,200").
std::optional<int64_t> parse_integer(std::string_view text, std::string* reason = nullptr);
// hundredths → "1234.50"
std::string format_hundredths(int64_t h);
// hundredths → "1,234.50"
std::string format_hundredths_grouped(int64_t h);

}  // namespace ladder
