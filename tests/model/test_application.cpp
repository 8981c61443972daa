// The rules of who may act on an application or a listing stage change (model/application.hpp),
// as case tables over plain values: no database.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "model/application.hpp"

using namespace ladder;

namespace {

Application application(const std::string& submitter, std::vector<std::string> reviewers = {}) {
    Application a;
    a.id = 7;
    a.credit_code = "91360100MA35AAAA0X";
    a.tier = "specialized";
    a.assessment_year = 2020;
    a.state = ApplicationState::submitted;
    a.submitter = submitter;
    a.review_levels = {"city", "province"};
    for (std::size_t i = 0; i < reviewers.size(); ++i) {
        Decision d;
        d.level_index = static_cast<int>(i);
        d.level = a.review_levels[i];
        d.approve = true;
        d.reviewer = reviewers[i];
        a.decisions.push_back(d);
    }
    return a;
}

// The message of the WorkflowError `f` throws, or empty when it does not throw.
template <class F>
std::optional<std::string> refusal(F f) {
    try {
        f();
    } catch (const WorkflowError& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_CASE(four_eyes_on_decisions) {
    struct Case {
        const char* what;
        Actor by;
        Application a;
        const char* refused;  // a word of the refusal, or nullptr when allowed
    };
    const Case cases[] = {
        {"the submitter decides", {"clerk1", Role::reviewer}, application("clerk1"), "submitted"},
        {"a first reviewer", {"rev1", Role::reviewer}, application("clerk1"), nullptr},
        {"the same reviewer at the next level",
         {"rev1", Role::reviewer},
         application("clerk1", {"rev1"}),
         "already decided"},
        {"another reviewer at the next level",
         {"rev2", Role::reviewer},
         application("clerk1", {"rev1"}),
         nullptr},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            auto message = refusal([&] { check_four_eyes(c.by, c.a); });
            BOOST_TEST(message.has_value() == (c.refused != nullptr));
            if (message && c.refused) {
                BOOST_TEST(message->find(c.refused) != std::string::npos, *message);
                BOOST_TEST(message->find("four eyes") != std::string::npos, *message);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(only_the_submitter_submits_and_withdraws) {
    Application a = application("clerk1");
    BOOST_TEST(!refusal([&] { check_submitter({"clerk1", Role::clerk}, a); }));
    BOOST_TEST(!refusal([&] { check_withdrawer({"clerk1", Role::clerk}, a); }));
    auto submit = refusal([&] { check_submitter({"clerk2", Role::clerk}, a); });
    auto withdraw = refusal([&] { check_withdrawer({"clerk2", Role::clerk}, a); });
    BOOST_REQUIRE(submit);
    BOOST_REQUIRE(withdraw);
    BOOST_TEST(submit->find("clerk1") != std::string::npos);
    BOOST_TEST(withdraw->find("clerk1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(roles_through_the_actor) {
    BOOST_CHECK_THROW(require_permission(Actor{"c", Role::clerk}, Operation::decide_application),
                      PermissionError);
    BOOST_CHECK_NO_THROW(
        require_permission(Actor{"r", Role::reviewer}, Operation::decide_application));
    BOOST_CHECK_THROW(require_permission(Actor{"r", Role::reviewer}, Operation::manage_users),
                      PermissionError);
}

BOOST_AUTO_TEST_CASE(one_open_application_per_firm_tier_and_year) {
    struct Case {
        const char* what;
        ApplicationState state;
        bool publicity_closed;
        bool refused;
    };
    const Case cases[] = {
        {"a draft", ApplicationState::draft, false, true},
        {"a submitted one", ApplicationState::submitted, false, true},
        {"one in publicity", ApplicationState::approved, false, true},
        {"one whose publicity closed", ApplicationState::approved, true, false},
        {"a rejected one", ApplicationState::rejected, false, false},
        {"a withdrawn one", ApplicationState::withdrawn, false, false},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            Application other = application("clerk1");
            other.state = c.state;
            if (c.state == ApplicationState::approved) {
                other.publicity_start = Date(2020, 6, 2);
                other.publicity_end = Date(2020, 6, 8);
                if (c.publicity_closed) other.publicity_closed_on = Date(2020, 6, 9);
            }
            bool refused =
                refusal([&] {
                    check_no_open_application(other.credit_code, other.tier, 2020, {other});
                }).has_value();
            BOOST_TEST(refused == c.refused);
        }
    }
    BOOST_TEST(!refusal([] { check_no_open_application("x", "specialized", 2020, {}); }));
}

BOOST_AUTO_TEST_CASE(the_decision_document_number) {
    BOOST_TEST(default_doc_no(Date(2020, 6, 1), 42) == "赣梯度认定〔2020〕42号");
}

BOOST_AUTO_TEST_CASE(audit_text_names_what_changed) {
    Application a = application("clerk1");
    BOOST_TEST(audit_text(a) ==
               "credit_code=91360100MA35AAAA0X;tier=specialized;year=2020;"
               "state=submitted;submitter=clerk1;next_level=0");
    a.doc_no = "D1";
    a.objection = "late";
    BOOST_TEST(audit_text(a).ends_with(";objection=late;doc_no=D1"));
}

namespace {

ListingStageRecord stage(ListingStage s, const char* status, Date on, const char* by = "clerk1") {
    ListingStageRecord r;
    r.id = 3;
    r.credit_code = "91360100MA35AAAA0X";
    r.stage = s;
    r.stage_date = on;
    r.status = status;
    r.proposed_by = by;
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(listing_stages_advance_in_order) {
    using S = ListingStage;
    const Date jan(2020, 1, 10), feb(2020, 2, 10);
    struct Case {
        const char* what;
        std::vector<ListingStageRecord> history;
        S proposed;
        Date on;
        bool refused;
    };
    const std::vector<Case> cases = {
        {"the first stage is the reserve", {}, S::reserve, jan, false},
        {"a stage cannot be skipped", {}, S::share_reform, jan, true},
        {"the next one after a confirmed stage",
         {stage(S::reserve, "confirmed", jan)},
         S::share_reform,
         feb,
         false},
        {"not dated before the previous stage",
         {stage(S::reserve, "confirmed", feb)},
         S::share_reform,
         jan,
         true},
        {"nothing while one awaits review",
         {stage(S::reserve, "pending", jan)},
         S::reserve,
         feb,
         true},
        {"a rejected change does not count",
         {stage(S::reserve, "rejected", jan)},
         S::reserve,
         feb,
         false},
        {"nothing after listed",
         {stage(S::reserve, "confirmed", jan), stage(S::share_reform, "confirmed", jan),
          stage(S::tutoring_filed, "confirmed", jan), stage(S::filed, "confirmed", jan),
          stage(S::approved, "confirmed", jan), stage(S::listed, "confirmed", jan)},
         S::listed,
         feb,
         true},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            bool refused =
                refusal([&] {
                    check_listing_proposal("91360100MA35AAAA0X", c.history, c.proposed, c.on);
                }).has_value();
            BOOST_TEST(refused == c.refused);
        }
    }
}

BOOST_AUTO_TEST_CASE(listing_review_under_four_eyes) {
    const Date jan(2020, 1, 10);
    BOOST_TEST(!refusal([&] {
        check_listing_review({"rev1", Role::reviewer},
                             stage(ListingStage::reserve, "pending", jan));
    }));
    BOOST_TEST(refusal([&] {
                   check_listing_review({"clerk1", Role::reviewer},
                                        stage(ListingStage::reserve, "pending", jan));
               }).has_value());
    BOOST_TEST(refusal([&] {
                   check_listing_review({"rev1", Role::reviewer},
                                        stage(ListingStage::reserve, "confirmed", jan));
               }).has_value());
}
