// The start page's rules (model/desk.hpp) as case tables over plain values: who may decide an
// application now, which publicity windows close soon or wait to be closed.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "model/desk.hpp"
#include "model/title_cycle.hpp"

using namespace ladder;

namespace {

Application submitted_by(const std::string& submitter, std::vector<std::string> deciders = {}) {
    Application a;
    a.id = 3;
    a.state = ApplicationState::submitted;
    a.submitter = submitter;
    a.review_levels = {"city", "province"};
    for (std::size_t i = 0; i < deciders.size(); ++i) {
        Decision d;
        d.level_index = static_cast<int>(i);
        d.level = a.review_levels[i];
        d.approve = true;
        d.reviewer = deciders[i];
        a.decisions.push_back(d);
    }
    a.next_level = static_cast<int>(deciders.size());
    return a;
}

Application in_publicity(const Date& start, const Date& end, std::optional<Date> closed = {}) {
    Application a = submitted_by("clerk", {"r1", "r2"});
    a.state = ApplicationState::approved;
    a.publicity_start = start;
    a.publicity_end = end;
    a.publicity_closed_on = closed;
    return a;
}

}  // namespace

BOOST_AUTO_TEST_CASE(may_decide_now_follows_role_state_and_four_eyes) {
    struct Case {
        const char* what;
        Actor by;
        Application app;
        bool expected;
    };
    Application approved = submitted_by("clerk", {"r1", "r2"});
    approved.state = ApplicationState::approved;
    Application draft = submitted_by("clerk");
    draft.state = ApplicationState::draft;
    const Case cases[] = {
        {"a reviewer, nobody decided yet", {"r1", Role::reviewer}, submitted_by("clerk"), true},
        {"the second level by another reviewer",
         {"r2", Role::reviewer},
         submitted_by("clerk", {"r1"}),
         true},
        {"the same reviewer at the next level",
         {"r1", Role::reviewer},
         submitted_by("clerk", {"r1"}),
         false},
        {"the submitter, even as reviewer",
         {"clerk", Role::reviewer},
         submitted_by("clerk"),
         false},
        {"a clerk", {"c2", Role::clerk}, submitted_by("clerk"), false},
        {"an administrator", {"admin", Role::admin}, submitted_by("clerk"), false},
        {"already approved", {"r3", Role::reviewer}, approved, false},
        {"a draft", {"r1", Role::reviewer}, draft, false},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            BOOST_TEST(may_decide_now(c.by, c.app) == c.expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(publicity_windows_by_their_last_day) {
    const Date today(2026, 12, 7);
    struct Case {
        const char* what;
        Application app;
        bool closing_soon, due_to_close;
    };
    const Case cases[] = {
        {"ends today", in_publicity(Date(2026, 12, 1), today), true, false},
        {"ends in 7 days", in_publicity(today, today.add_days(7)), true, false},
        {"ends in 8 days", in_publicity(today, today.add_days(8)), false, false},
        {"ended yesterday", in_publicity(Date(2026, 11, 29), today.add_days(-1)), false, true},
        {"ended, already closed", in_publicity(Date(2026, 11, 29), today.add_days(-1), today),
         false, false},
        {"no window (still in review)", submitted_by("clerk"), false, false},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            BOOST_TEST(publicity_closing_soon(c.app, today) == c.closing_soon);
            BOOST_TEST(publicity_due_to_close(c.app, today) == c.due_to_close);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_role_sees_its_own_tasks) {
    using T = DeskTask;
    BOOST_TEST(
        (desk_tasks(Role::clerk) ==
         std::vector<T>{T::figures_to_collect, T::titles_expiring, T::annual_update_missing}));
    BOOST_TEST(
        (desk_tasks(Role::reviewer) ==
         std::vector<T>{T::applications_to_decide, T::publicity_to_close, T::publicity_closing}));
    BOOST_TEST(
        (desk_tasks(Role::admin) == std::vector<T>{T::figures_to_collect, T::titles_expiring}));
    for (Role r : {Role::clerk, Role::reviewer, Role::admin})
        for (T t : desk_tasks(r)) BOOST_TEST(!desk_task_label(t).empty());
}

BOOST_AUTO_TEST_CASE(the_annual_update_is_missing_for_holders_without_last_years_figures) {
    const TierCatalog tiers({{"high_tech", "高新技术企业", 3}, {"above_scale", "规上", {}}});
    auto record = [](std::vector<int> figure_years, std::vector<Recognition> titles) {
        FirmRecord r;
        r.firm.credit_code = "91360100MA35AAAA0X";
        for (int y : figure_years) {
            YearFigures f;
            f.credit_code = r.firm.credit_code;
            f.year = y;
            r.figures.push_back(f);
        }
        r.recognitions = std::move(titles);
        return r;
    };
    auto title = [](const char* tier, Date from) {
        Recognition r;
        r.credit_code = "91360100MA35AAAA0X";
        r.tier = tier;
        r.approved_on = from;
        r.valid_from = from;
        return r;
    };
    const Date deadline = annual_update_deadline(2026);
    struct Case {
        const char* what;
        FirmRecord rec;
        std::vector<std::string> missing;
    };
    const Case cases[] = {
        {"a holder without 2025's figures",
         record({2024}, {title("high_tech", Date(2024, 1, 1))}),
         {"high_tech"}},
        {"a holder with 2025's figures",
         record({2024, 2025}, {title("high_tech", Date(2024, 1, 1))}),
         {}},
        {"a title that lapsed before 31 May",
         record({}, {title("high_tech", Date(2023, 1, 1))}),
         {}},
        {"a title that starts after 31 May",
         record({}, {title("high_tech", Date(2026, 6, 1))}),
         {}},
        {"no title at all", record({}, {}), {}},
        {"an open-ended title",
         record({2023}, {title("above_scale", Date(2016, 3, 5))}),
         {"above_scale"}},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            BOOST_TEST(titles_missing_update(c.rec, tiers, deadline) == c.missing);
        }
    }
}
