// The workflow's pure rules: permissions for every operation × role, the application state
// machine, approval checks, snapshots and drift, the listing pipeline, password hashing.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <map>

#include "model/password.hpp"
#include "test_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

FirmRecord above_scale_firm(Money main_revenue) {
    FirmRecord r;
    r.firm.credit_code = "91360100MA35AAAA0X";
    r.firm.name = "甲";
    r.firm.industry_code = "C3985";
    r.firm.founded = Date(2010, 5, 1);
    r.figures.push_back(figures_2019(r.firm.credit_code, main_revenue));
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_operation_by_every_role) {
    using O = Operation;
    // The policy table, written out: which roles may do what.
    const std::map<O, std::vector<Role>> allowed = {
        {O::manage_users, {Role::admin}},
        {O::edit_quotas, {Role::admin}},
        {O::edit_rules, {Role::admin}},
        {O::edit_registry, {Role::clerk}},
        {O::submit_application, {Role::clerk}},
        {O::withdraw_application, {Role::clerk}},
        {O::decide_application, {Role::reviewer}},
        {O::record_objection, {Role::clerk, Role::reviewer}},
        {O::close_publicity, {Role::reviewer}},
        {O::propose_listing_stage, {Role::clerk}},
        {O::review_listing_stage, {Role::reviewer}},
        {O::read_audit, {Role::clerk, Role::reviewer, Role::admin}},
        {O::restore_registry, {Role::admin}},
    };
    BOOST_TEST(allowed.size() == std::size(kAllOperations));
    for (O op : kAllOperations) {
        for (Role role : {Role::clerk, Role::reviewer, Role::admin}) {
            const auto& roles = allowed.at(op);
            bool expected = std::find(roles.begin(), roles.end(), role) != roles.end();
            BOOST_TEST(permits(role, op) == expected, operation_id(op) << " by " << role_id(role));
            if (expected)
                BOOST_CHECK_NO_THROW(require_permission("u", role, op));
            else
                BOOST_CHECK_THROW(require_permission("u", role, op), PermissionError);
        }
    }
}

BOOST_AUTO_TEST_CASE(refusal_names_user_role_and_operation) {
    try {
        require_permission("clerk1", Role::clerk, Operation::decide_application);
        BOOST_FAIL("expected a refusal");
    } catch (const PermissionError& e) {
        BOOST_TEST(std::string(e.what()) == "user clerk1 (clerk) may not decide on applications");
    }
}

BOOST_AUTO_TEST_CASE(roles_parse_in_english_and_chinese) {
    BOOST_CHECK(parse_role("审核人") == Role::reviewer);
    BOOST_CHECK(parse_role("admin") == Role::admin);
    BOOST_CHECK(!parse_role("boss"));
}

BOOST_AUTO_TEST_CASE(state_machine_transitions) {
    using S = ApplicationState;
    using A = ApplicationAction;
    BOOST_TEST(transition(S::draft, A::submit) == S::submitted);
    BOOST_TEST(transition(S::draft, A::withdraw) == S::withdrawn);
    BOOST_CHECK(!transition(S::draft, A::approve_final));
    BOOST_TEST(transition(S::submitted, A::approve_level) == S::submitted);
    BOOST_TEST(transition(S::submitted, A::approve_final) == S::approved);
    BOOST_TEST(transition(S::submitted, A::reject) == S::rejected);
    BOOST_TEST(transition(S::submitted, A::withdraw) == S::withdrawn);
    BOOST_TEST(transition(S::approved, A::uphold_objection) == S::rejected);
    BOOST_CHECK(!transition(S::approved, A::withdraw));
    for (S end : {S::rejected, S::withdrawn})
        for (A a : {A::submit, A::approve_level, A::approve_final, A::reject, A::withdraw,
                    A::uphold_objection})
            BOOST_CHECK(!transition(end, a));
    try {
        require_transition(7, S::approved, A::withdraw);
        BOOST_FAIL("expected a refusal");
    } catch (const WorkflowError& e) {
        BOOST_TEST(std::string(e.what()) == "application 7 is approved; it cannot be withdrawn");
    }
}

BOOST_AUTO_TEST_CASE(snapshot_records_criteria_and_inputs_and_drift_shows_changes) {
    FirmRecord firm = above_scale_firm(Money::from_wan(2500));
    EligibilitySnapshot s = take_snapshot(jiangxi_2020(), "sha256:test", firm, 2020, "above_scale");
    BOOST_TEST(s.rule_set_id == "jiangxi-2020");
    BOOST_CHECK(s.verdict == TierVerdict::eligible);
    BOOST_TEST(s.criteria.size() == 2u);
    auto main = std::find_if(s.inputs.begin(), s.inputs.end(), [](const SnapshotInput& in) {
        return in.name == "main_revenue" && in.year == 2019;
    });
    BOOST_REQUIRE(main != s.inputs.end());
    BOOST_TEST(*main->value == "2500.00");
    BOOST_TEST(detect_drift(s, firm).empty());

    FirmRecord changed = above_scale_firm(Money::from_wan(2600));
    auto drift = detect_drift(s, changed);
    BOOST_REQUIRE(drift.size() == 1u);
    BOOST_TEST(describe_drift(drift[0]) == "main business revenue (2019): 2500.00 → 2600.00");
    changed.figures.clear();
    BOOST_TEST(describe_drift(detect_drift(s, changed).at(0)) ==
               "main business revenue (2019): 2500.00 → (absent)");

    // A change by one fen is a change.
    changed = above_scale_firm(Money::from_fen(Money::from_wan(2500).fen() + 1));
    BOOST_TEST(describe_drift(detect_drift(s, changed).at(0)) ==
               "main business revenue (2019): 2500.00 → 2500.000001");
    EligibilitySnapshot fine =
        take_snapshot(jiangxi_2020(), "sha256:test", changed, 2020, "above_scale");
    BOOST_TEST(detect_drift(fine, changed).empty());
}

// Snapshots stored while money was held in hundredths of 万元 hold the same 万元 text that a
// whole number of hundredths prints today: they compare with today's figures as they did.
BOOST_AUTO_TEST_CASE(snapshot_from_the_hundredths_era_still_compares) {
    EligibilitySnapshot old;
    old.inputs = {{"main_revenue", 2019, "2500.00"}, {"revenue", 2019, "2500.10"}};
    FirmRecord firm = above_scale_firm(Money::from_wan(2500));
    firm.figures[0].set(Measure::revenue, *parse_fen("2500.1"));
    BOOST_TEST(detect_drift(old, firm).empty());
    firm.figures[0].set(Measure::revenue, *parse_fen("2500.1005"));
    auto drift = detect_drift(old, firm);
    BOOST_REQUIRE(drift.size() == 1u);
    BOOST_TEST(describe_drift(drift[0]) == "revenue (2019): 2500.10 → 2500.1005");
}

BOOST_AUTO_TEST_CASE(approval_needs_ticks_and_justification) {
    EligibilitySnapshot s;
    s.tier = "little_giant";
    s.verdict = TierVerdict::eligible;
    s.criteria = {{"little_giant.revenue", Verdict::pass, "", "", "", false},
                  {"little_giant.market_rank", Verdict::pass, "", "", "", true}};
    Decision d;
    d.approve = true;
    BOOST_CHECK_THROW(check_approval(s, d), WorkflowError);
    d.confirmed = {"little_giant.revenue"};
    BOOST_CHECK_THROW(check_approval(s, d), WorkflowError);  // not a reviewer-confirmed criterion
    d.confirmed = {"little_giant.market_rank"};
    BOOST_CHECK_NO_THROW(check_approval(s, d));
    s.verdict = TierVerdict::ineligible;
    try {
        check_approval(s, d);
        BOOST_FAIL("expected a refusal");
    } catch (const WorkflowError& e) {
        BOOST_TEST(
            std::string(e.what()) ==
            "the firm is not eligible for Specialised little giant by the rules; approving it "
            "needs a "
            "written justification");
    }
    d.justification = "   ";
    BOOST_CHECK_THROW(check_approval(s, d), WorkflowError);
    d.justification = "市场排名经第三方报告核实";
    BOOST_CHECK_NO_THROW(check_approval(s, d));
}

BOOST_AUTO_TEST_CASE(review_levels_come_from_the_rule_set) {
    BOOST_TEST(review_levels_of(jiangxi_2020(), "high_tech") ==
               (std::vector<std::string>{"city", "province"}));
    BOOST_TEST(review_levels_of(jiangxi_2020(), "unicorn") ==
               (std::vector<std::string>{"province"}));
}

BOOST_AUTO_TEST_CASE(listing_stages_advance_one_at_a_time) {
    BOOST_CHECK(next_stage(std::nullopt) == ListingStage::reserve);
    BOOST_CHECK(next_stage(ListingStage::reserve) == ListingStage::share_reform);
    BOOST_CHECK(next_stage(ListingStage::approved) == ListingStage::listed);
    BOOST_CHECK(!next_stage(ListingStage::listed));
    BOOST_CHECK(parse_stage("辅导备案") == ListingStage::tutoring_filed);
    BOOST_CHECK(!parse_stage("ipo"));
}

BOOST_AUTO_TEST_CASE(passwords_hash_with_argon2id_and_verify) {
    setenv("LADDER_ARGON2_FAST", "1", 1);
    std::string h = hash_password("correct horse");
    BOOST_TEST(h.rfind("$argon2id$", 0) == 0u);
    BOOST_TEST(verify_password(h, "correct horse"));
    BOOST_TEST(!verify_password(h, "correct horsE"));
    BOOST_TEST(hash_password("correct horse") != h);  // salted
    BOOST_TEST(password_problem("short") == "a password needs at least 8 characters");
    BOOST_TEST(password_problem("八个汉字的密码啊").empty());
}

namespace {

Decision decided(const std::string& level, const Date& on, bool approve = true) {
    Decision d;
    d.level = level;
    d.decided_on = on;
    d.approve = approve;
    return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(decision_dates_follow_submission_and_earlier_levels) {
    const Date today(2020, 6, 1), submitted(2020, 5, 1);
    const std::vector<Decision> none,
        city_0512 = {decided("city", Date(2020, 5, 12))},
        county_then_city = {decided("county", Date(2020, 5, 3)), decided("city", Date(2020, 5, 9))};
    struct Case {
        Date on;
        std::optional<Date> submitted_on;
        const std::vector<Decision>* earlier;
        std::string refusal;
    };
    const Case cases[] = {
        {Date(2020, 5, 1), submitted, &none, ""},  // the day of submission
        {today, submitted, &none, ""},             // today
        {Date(2020, 6, 2), submitted, &none,
         "the decision date 2020-06-02 is in the future (today is 2020-06-01)"},
        {Date(2031, 1, 1), submitted, &none,
         "the decision date 2031-01-01 is in the future (today is 2020-06-01)"},
        {Date(2020, 4, 30), submitted, &none,
         "the decision date 2020-04-30 is before the submission on 2020-05-01"},
        {Date(2020, 4, 30), std::nullopt, &none, ""},  // nothing to compare with
        // The province after the city: not before the city's day (the same day is fine).
        {Date(2020, 5, 11), submitted, &city_0512,
         "the decision date 2020-05-11 is before the city level's decision on 2020-05-12"},
        {Date(2020, 5, 12), submitted, &city_0512, ""},
        {Date(2020, 5, 13), submitted, &city_0512, ""},
        // Named: the latest earlier level.
        {Date(2020, 5, 5), submitted, &county_then_city,
         "the decision date 2020-05-05 is before the city level's decision on 2020-05-09"},
        {Date(2020, 5, 9), submitted, &county_then_city, ""},
    };
    for (const Case& c : cases)
        BOOST_TEST(message_of([&] {
                       check_decision_date(c.on, c.submitted_on, *c.earlier, today);
                   }) == c.refusal,
                   c.on.to_string());
}

BOOST_AUTO_TEST_CASE(submission_withdrawal_objection_and_closing_dates) {
    const Date today(2020, 6, 1), start(2020, 5, 13), end(2020, 5, 19);
    struct Case {
        std::string what;
        std::function<void()> check;
        std::string refusal;
    };
    const Case cases[] = {
        {"submit today", [&] { check_submission_date(today, std::nullopt, today); }, ""},
        {"submit tomorrow", [&] { check_submission_date(Date(2020, 6, 2), std::nullopt, today); },
         "the submission date 2020-06-02 is in the future (today is 2020-06-01)"},
        {"submit before the draft",
         [&] { check_submission_date(Date(2020, 4, 1), Date(2020, 4, 2), today); },
         "the submission date 2020-04-01 is before the draft of 2020-04-02"},
        {"submit the draft's day",
         [&] { check_submission_date(Date(2020, 4, 2), Date(2020, 4, 2), today); }, ""},
        {"withdraw after submitting",
         [&] { check_withdrawal_date(Date(2020, 5, 2), Date(2020, 5, 1), today); }, ""},
        {"withdraw before submitting",
         [&] { check_withdrawal_date(Date(2020, 4, 30), Date(2020, 5, 1), today); },
         "the withdrawal date 2020-04-30 is before the submission on 2020-05-01"},
        {"withdraw in the future",
         [&] { check_withdrawal_date(Date(2021, 1, 1), Date(2020, 5, 1), today); },
         "the withdrawal date 2021-01-01 is in the future (today is 2020-06-01)"},
        {"object on the first day", [&] { check_objection_date(7, start, start, end, today); }, ""},
        {"object on the last day", [&] { check_objection_date(7, end, start, end, today); }, ""},
        {"object before publicity",
         [&] { check_objection_date(7, Date(2020, 5, 12), start, end, today); },
         "objections to application 7 are accepted from 2020-05-13 to 2020-05-19"},
        {"object after publicity",
         [&] { check_objection_date(7, Date(2020, 5, 20), start, end, today); },
         "objections to application 7 are accepted from 2020-05-13 to 2020-05-19"},
        {"object in the future",
         [&] { check_objection_date(7, Date(2020, 5, 15), start, end, Date(2020, 5, 14)); },
         "the objection date 2020-05-15 is in the future (today is 2020-05-14)"},
        {"close the day after",
         [&] { check_publicity_close_date(7, Date(2020, 5, 20), end, today); }, ""},
        {"close on the last day", [&] { check_publicity_close_date(7, end, end, today); },
         "publicity of application 7 runs until 2020-05-19; close it after that day"},
        {"close in the future",
         [&] { check_publicity_close_date(7, Date(2020, 6, 2), end, today); },
         "the closing date 2020-06-02 is in the future (today is 2020-06-01)"},
    };
    for (const Case& c : cases) BOOST_TEST(message_of(c.check) == c.refusal, c.what);
}

BOOST_AUTO_TEST_CASE(the_recognition_is_approved_on_the_last_levels_day) {
    struct Case {
        std::vector<Decision> decisions;
        std::optional<Date> approved_on;
    };
    const Case cases[] = {
        {{}, std::nullopt},
        {{decided("province", Date(2020, 5, 11))}, Date(2020, 5, 11)},
        {{decided("city", Date(2020, 5, 10)), decided("province", Date(2020, 5, 12))},
         Date(2020, 5, 12)},
        // A registry from before dates were ordered: the province (last) decided 05-11, before
        // the city's 05-12; the approval was complete on 05-12.
        {{decided("city", Date(2020, 5, 12)), decided("province", Date(2020, 5, 11))},
         Date(2020, 5, 12)},
        {{decided("city", Date(2020, 5, 12)), decided("province", Date(2020, 5, 20), false)},
         Date(2020, 5, 12)},  // a rejection is no approval
    };
    for (const Case& c : cases)
        BOOST_CHECK(recognition_approval_date(c.decisions) == c.approved_on);
}
