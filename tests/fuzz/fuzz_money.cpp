// Money (fen, from 元 千元 万元 亿元), scores (hundredths) and whole-number parsing. Invariants: a
// parsed amount formats to text that parses to the same amount (plain and grouped); the value
// equals that of an independent reading of the digits; whatever is refused has a reason.
#include <optional>
#include <string>

#include "fuzz_support.hpp"
#include "model/money.hpp"

using namespace ladder;

namespace {

__extension__ typedef __int128 wide;

// Reads [+-]digits[,ddd]*[.d...] with blanks/tabs around, ignoring where the commas sit (the
// parser checks grouping; this only recomputes the value) as value × 10^places. Empty when
// not of that shape or when a nonzero digit lies beyond `places`.
std::optional<wide> reference_scaled(std::string_view s, int places) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    wide value = 0;
    int decimals = -1;
    for (char c : s) {
        if (c == ',' && decimals < 0) continue;
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (decimals >= places) {
            if (c != '0') return std::nullopt;
            continue;
        }
        if (value > wide(1) << 100) return std::nullopt;
        value = value * 10 + (c - '0');
        if (decimals >= 0) ++decimals;
    }
    for (int k = decimals < 0 ? 0 : decimals; k < places; ++k) value *= 10;
    return negative ? -value : value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);

    std::string reason;
    std::optional<int64_t> h = parse_hundredths(text, &reason);
    if (!h) {
        FUZZ_CHECK(!reason.empty(), "a refused score has a reason");
    } else {
        auto expected = reference_scaled(text, 2);
        FUZZ_CHECK(expected && *expected == *h, "the score is the value of its digits");
        FUZZ_CHECK(parse_hundredths(format_hundredths(*h)) == h, "plain text reads back");
        FUZZ_CHECK(parse_hundredths(format_hundredths_grouped(*h)) == h, "grouped text reads back");
    }

    const std::pair<MoneyUnit, int> units[] = {
        {MoneyUnit::yuan, 2}, {MoneyUnit::qianyuan, 5}, {MoneyUnit::wan, 6}, {MoneyUnit::yi, 10}};
    for (auto [unit, places] : units) {
        reason.clear();
        std::optional<int64_t> fen = parse_fen(text, unit, &reason);
        if (!fen) {
            FUZZ_CHECK(!reason.empty(), "a refused amount has a reason");
            continue;
        }
        auto expected = reference_scaled(text, places);
        FUZZ_CHECK(expected && *expected == *fen, "the amount is the value of its digits");
        FUZZ_CHECK(parse_fen(format_fen(*fen)) == fen, "plain text reads back");
        FUZZ_CHECK(parse_fen(format_fen_grouped(*fen)) == fen, "grouped text reads back");
        if (unit != MoneyUnit::wan) continue;
        auto money = Money::parse(text);
        FUZZ_CHECK(money && money->fen() == *fen, "Money::parse is parse_fen in 万元");
        FUZZ_CHECK(Money::parse(money->to_string()) == money, "Money text reads back");
        FUZZ_CHECK(Money::parse(money->to_display()) == money, "Money display reads back");
    }

    reason.clear();
    std::optional<int64_t> n = parse_integer(text, &reason);
    if (!n) {
        FUZZ_CHECK(!reason.empty(), "a refused whole number has a reason");
    } else {
        auto expected = reference_scaled(text, 2);
        // "12.00" is a whole number; the reference reads it as 1200 hundredths, so compare
        // only when it could read the text at all.
        if (expected)
            FUZZ_CHECK(*expected == wide(*n) * 100, "the number is the value of its digits");
        FUZZ_CHECK(parse_integer(std::to_string(*n)) == n, "the number's text reads back");
    }
    return 0;
}
