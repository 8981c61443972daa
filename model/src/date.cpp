#include "model/date.hpp"

#include <atomic>
#include <ctime>
#include <limits>

#include <fmt/format.h>

#include "model/i18n.hpp"

namespace ladder {

namespace {
bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads 1..max_digits ASCII digits at s[*pos].
bool read_number(std::string_view s, std::size_t* pos, int min_digits, int max_digits, int* out) {
    int v = 0, n = 0;
    while (*pos < s.size() && n < max_digits && s[*pos] >= '0' && s[*pos] <= '9') {
        v = v * 10 + (s[*pos] - '0');
        ++*pos;
        ++n;
    }
    if (n < min_digits) return false;
    *out = v;
    return true;
}

bool read_literal(std::string_view s, std::size_t* pos, std::string_view lit) {
    if (s.substr(*pos, lit.size()) != lit) return false;
    *pos += lit.size();
    return true;
}
}  // namespace

bool Date::valid(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<Date> Date::parse(std::string_view text, std::string* reason) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::size_t pos = 0;
    int y = 0, m = 0, d = 0;
    bool ok = read_number(text, &pos, 4, 4, &y);
    if (ok && text.size() == 8 && text.find_first_not_of("0123456789") == text.npos) {
        // YYYYMMDD, as statistics and tax systems export dates.
        read_number(text, &pos, 2, 2, &m);
        read_number(text, &pos, 2, 2, &d);
    } else if (ok) {
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '/')) {
            char sep = text[pos++];
            ok = read_number(text, &pos, 1, 2, &m) && pos < text.size() && text[pos++] == sep &&
                 read_number(text, &pos, 1, 2, &d) && pos == text.size();
        } else {
            ok = read_literal(text, &pos, "年") && read_number(text, &pos, 1, 2, &m) &&
                 read_literal(text, &pos, "月") && read_number(text, &pos, 1, 2, &d) &&
                 read_literal(text, &pos, "日") && pos == text.size();
        }
    }
    if (!ok) {
        if (reason) *reason = _("not a date (expected YYYY-MM-DD)");
        return std::nullopt;
    }
    if (!valid(y, m, d)) {
        if (reason) *reason = _("no such date");
        return std::nullopt;
    }
    return Date(y, m, d);
}

std::optional<Date> Date::from_serial(long serial) {
    // From serial 61 on, the epoch is 1899-12-30; before the phantom leap day it is a day later.
    constexpr long k18991230 = -25569;  // days from 1970-01-01
    if (serial < 1 || serial > 2958465 || serial == 60) return std::nullopt;
    return from_days(k18991230 + serial + (serial < 60 ? 1 : 0));
}

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::days() const {
    int y = y_ - (m_ <= 2 ? 1 : 0);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m_ + (m_ > 2 ? -3 : 9)) + 2) / 5 + d_ - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Date(static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d);
}

namespace {
// Days since 1970-01-01 of the scripted day; the minimum when there is none. Atomic: worker
// threads ask for today while a script may set it.
constexpr long kNoScriptedDay = std::numeric_limits<long>::min();
std::atomic<long> scripted_today{kNoScriptedDay};
}  // namespace

void Date::set_scripted_today(std::optional<Date> day) {
    scripted_today = day ? day->days() : kNoScriptedDay;
}

Date Date::today() {
    if (long scripted = scripted_today; scripted != kNoScriptedDay) return from_days(scripted);
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

Date Date::add_years(int n) const {
    int y = y_ + n;
    if (m_ == 2 && d_ == 29 && !leap(y)) return Date(y, 3, 1);
    return Date(y, m_, d_);
}

std::string Date::to_string() const {
    return fmt::format("{:04d}-{:02d}-{:02d}", y_, m_, d_);
}

int completed_years(const Date& from, const Date& to) {
    int years = to.year() - from.year();
    if (std::pair(to.month(), to.day()) < std::pair(from.month(), from.day())) --years;
    return years;
}

}  // namespace ladder
