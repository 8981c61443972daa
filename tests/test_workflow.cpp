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
        BOOST_TEST(std::string(e.what()) ==
                   "user clerk1 (clerk (经办人)) may not decide on applications");
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
    BOOST_TEST(describe_drift(drift[0]) == "main_revenue(2019): 2500.00 → 2600.00");
    changed.figures.clear();
    BOOST_TEST(describe_drift(detect_drift(s, changed).at(0)) ==
               "main_revenue(2019): 2500.00 → (absent)");

    // A change by one fen is a change.
    changed = above_scale_firm(Money::from_fen(Money::from_wan(2500).fen() + 1));
    BOOST_TEST(describe_drift(detect_drift(s, changed).at(0)) ==
               "main_revenue(2019): 2500.00 → 2500.000001");
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
    BOOST_TEST(describe_drift(drift[0]) == "revenue(2019): 2500.10 → 2500.1005");
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
        BOOST_TEST(std::string(e.what()) ==
                   "the firm is ineligible for little_giant by the rules; approving it needs a "
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
