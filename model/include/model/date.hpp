#pragma once
// A proleptic Gregorian calendar date. Stored and exported as YYYY-MM-DD.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ladder {

class Date {
  public:
    constexpr Date() = default;
    constexpr Date(int y, int m, int d) : y_(y), m_(m), d_(d) {}

    // Accepts YYYY-MM-DD, YYYY/MM/DD and YYYY年M月D日 (month and day with 1 or 2 digits), and
    // YYYYMMDD (8 digits). Rejects impossible dates (2019-02-29). On failure sets *reason.
    static std::optional<Date> parse(std::string_view text, std::string* reason = nullptr);
    // A day of Excel's 1900 date system: 1 = 1900-01-01, 43831 = 2020-01-01, up to 2958465 =
    // 9999-12-31. Empty outside that range and for 60, the 29 February 1900 that Excel counts
    // (after Lotus 1-2-3) but the calendar does not have.
    static std::optional<Date> from_serial(long serial);
    static Date from_days(long days);  // days since 1970-01-01
    static Date today();               // local calendar date (or the scripted day below)
    // Makes today() return `day` in this process from now on (empty: the calendar again). For
    // scripted GUI tests (`ladder --self-test`), where the days of publicity have to pass.
    static void set_scripted_today(std::optional<Date> day);
    static bool valid(int y, int m, int d);

    constexpr int year() const { return y_; }
    constexpr int month() const { return m_; }
    constexpr int day() const { return d_; }
    long days() const;              // days since 1970-01-01
    std::string to_string() const;  // YYYY-MM-DD
    Date add_days(long n) const { return from_days(days() + n); }
    // Same month/day n years later; 29 February becomes 1 March in a non-leap year.
    Date add_years(int n) const;

    friend constexpr auto operator<=>(const Date&, const Date&) = default;

  private:
    int y_ = 1970, m_ = 1, d_ = 1;
};

// Completed years from `from` to `to` (founded 2019-01-01 → age 1 on 2020-01-01).
int completed_years(const Date& from, const Date& to);

}  // namespace ladder
