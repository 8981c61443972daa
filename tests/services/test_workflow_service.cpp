// The workflow services on a real registry (a SQLite file; a PostgreSQL database in the _pg
// run): sign-in and lockout, role enforcement for every service operation, four eyes, review
// levels, publicity, recognitions, drift, quotas, the listing pipeline and the audit head.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "services/maintenance_service.hpp"
#include "services/quota_service.hpp"
#include "db/registry_repository.hpp"
#include "services/user_service.hpp"
#include "services/workflow_service.hpp"
#include "test_support.hpp"
#include "workflow_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

const std::string A = "91360100MA35AAAA0X", B = "91360700MA35BBBB0X";

// A registry (SQLite file, or a PostgreSQL database in the _pg run) with the administrator, a
// clerk, two reviewers, and firms A (main revenue 2500 万元, eligible for above_scale) and B
// (1500 万元, not).
struct Fixture {
    TestDatabase store;
    Database db = Database::open(store.url());
    std::time_t now = 1590000000;  // 2020-05-20
    UserService users{db, [this] { return now; }};
    WorkflowService workflow{db, [](int) { return PinnedRuleSet{&jiangxi_2020(), "sha256:test"}; }};
    Actor admin, clerk, reviewer1, reviewer2;

    Fixture() {
        WorkflowStaff staff = add_workflow_staff(users);
        admin = staff.admin;
        clerk = staff.clerk;
        reviewer1 = staff.reviewer1;
        reviewer2 = staff.reviewer2;
        add_firms_a_and_b(db, A, B);
    }
    static Decision approve(const Date& on, std::string justification = {}) {
        Decision d;
        d.approve = true;
        d.decided_on = on;
        d.justification = std::move(justification);
        return d;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(first_admin_only_once_and_lockout_after_five_failures, Fixture) {
    BOOST_TEST(message_of([&] { users.create_first_admin("other", "other-password"); }) ==
               "the administrator already exists; an administrator adds further users");
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(message_of([&] { users.login("clerk", "wrong"); }) ==
                   "wrong user name or password");
    BOOST_TEST(message_of([&] { users.login("clerk", "wrong"); }).find("is now locked until") !=
               std::string::npos);
    // Even the right password is refused while locked, and the lock is in the database.
    BOOST_TEST(message_of([&] {
                   users.login("clerk", "clerk-password");
               }).find("account clerk is locked") == 0u);
    BOOST_TEST(users.find("clerk")->locked_until.has_value());
    now += 301;
    BOOST_CHECK_NO_THROW(users.login("clerk", "clerk-password"));
    BOOST_TEST(users.find("clerk")->failed_logins == 0);
    BOOST_TEST(AuditRepository(db).history("user", "clerk").back().action == "lock");
}

BOOST_FIXTURE_TEST_CASE(every_service_operation_refused_for_the_wrong_roles, Fixture) {
    int64_t app = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 3, 1));
    // Each operation once per role: refused with PermissionError exactly when the policy says
    // so (an allowed call may still fail for another reason, which is not a refusal).
    std::vector<std::pair<Operation, std::function<void(const Actor&)>>> calls = {
        {Operation::manage_users,
         [&](const Actor& a) { users.add_user(a, "x" + a.name, Role::clerk, "x-password"); }},
        {Operation::edit_quotas,
         [&](const Actor& a) {
             QuotaService(db).set(a, jiangxi_2020(), 2020, "gazelle", "36", 60);
         }},
        {Operation::submit_application,
         [&](const Actor& a) { workflow.submit_new(a, B, "gazelle", 2020, Date(2020, 3, 1)); }},
        {Operation::withdraw_application,
         [&](const Actor& a) { workflow.withdraw(a, 999, Date(2020, 3, 2)); }},
        {Operation::decide_application,
         [&](const Actor& a) { workflow.decide(a, 999, approve(Date(2020, 4, 1))); }},
        {Operation::record_objection,
         [&](const Actor& a) { workflow.record_objection(a, app, "x", Date(2020, 4, 1)); }},
        {Operation::close_publicity,
         [&](const Actor& a) { workflow.close_publicity(a, app, Date(2020, 4, 1), std::nullopt); }},
        {Operation::propose_listing_stage,
         [&](const Actor& a) {
             workflow.propose_listing_stage(a, "none", ListingStage::reserve, Date(2020, 1, 1));
         }},
        {Operation::review_listing_stage,
         [&](const Actor& a) { workflow.review_listing_stage(a, 999, true); }},
        {Operation::restore_registry,
         [&](const Actor& a) { MaintenanceService(db).restore(a, "no-such-backup.db"); }},
    };
    for (const auto& [op, call] : calls) {
        for (const Actor* actor : {&admin, &clerk, &reviewer1}) {
            bool refused = false;
            try {
                call(*actor);
            } catch (const PermissionError&) {
                refused = true;
            } catch (const std::exception&) {
            }
            BOOST_TEST(refused == !permits(actor->role, op), operation_id(op)
                                                                 << " by " << actor->name);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(two_levels_four_eyes_publicity_and_recognition, Fixture) {
    int64_t id = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 3, 1));
    Application a = workflow.get(id);
    BOOST_TEST(a.review_levels == (std::vector<std::string>{"county", "city"}));
    BOOST_CHECK(a.snapshot.verdict == TierVerdict::eligible);
    BOOST_TEST(a.snapshot.rule_set_version == "sha256:test");
    BOOST_TEST(!a.snapshot.inputs.empty());

    BOOST_TEST(message_of([&] { workflow.decide(clerk, id, approve(Date(2020, 4, 1))); }) ==
               "user clerk (clerk) may not decide on applications");
    auto r1 = workflow.decide(reviewer1, id, approve(Date(2020, 4, 1)));
    BOOST_CHECK(r1.state == ApplicationState::submitted);
    BOOST_TEST(*r1.next_level == "city");
    BOOST_TEST(message_of([&] { workflow.decide(reviewer1, id, approve(Date(2020, 4, 2))); }) ==
               "four eyes: rev1 already decided application 1 at the county level; another "
               "reviewer decides the "
               "next level");
    // A clerk promoted to reviewer still may not decide what they submitted.
    users.set_role(admin, "clerk", Role::reviewer);
    Actor promoted = users.login("clerk", "clerk-password");
    BOOST_TEST(message_of([&] { workflow.decide(promoted, id, approve(Date(2020, 4, 2))); }) ==
               "four eyes: clerk submitted application 1 and may not decide on it");
    users.set_role(admin, "clerk", Role::clerk);

    auto r2 = workflow.decide(reviewer2, id, approve(Date(2020, 4, 2)), "赣工信〔2020〕1号");
    BOOST_CHECK(r2.state == ApplicationState::approved);
    a = workflow.get(id);
    BOOST_TEST(a.publicity_start->to_string() == "2020-04-03");
    BOOST_TEST(a.publicity_end->to_string() == "2020-04-09");
    BOOST_TEST(message_of([&] {
                   workflow.record_objection(clerk, id, "late", Date(2020, 4, 10));
               }) == "objections to application 1 are accepted from 2020-04-03 to 2020-04-09");
    BOOST_TEST(message_of([&] {
                   workflow.close_publicity(reviewer1, id, Date(2020, 4, 9), std::nullopt);
               }) == "publicity of application 1 runs until 2020-04-09; close it after that day");
    BOOST_TEST(
        RegistryRepository(db).recognitions_of(A).empty());  // not before publicity ends clean
    workflow.close_publicity(reviewer1, id, Date(2020, 4, 10), std::nullopt);
    auto recs = RegistryRepository(db).recognitions_of(A);
    BOOST_REQUIRE(recs.size() == 1u);
    BOOST_TEST(recs[0].approved_on.to_string() == "2020-04-02");
    BOOST_TEST(recs[0].valid_from.to_string() == "2020-04-10");
    BOOST_TEST(recs[0].valid_to->to_string() == "2021-04-09");  // above_scale: 1 year
    BOOST_TEST(recs[0].doc_no == "赣工信〔2020〕1号");

    // Figures change after the decision: the application shows the drift.
    Transaction tx(db);
    RegistryRepository(db).upsert_figures({figures_2019(A, Money::from_wan(1800))}, nullptr);
    tx.commit();
    auto drift = workflow.drift(id);
    BOOST_REQUIRE(drift.size() == 1u);  // main_revenue(2019): the only figure above_scale reads
    BOOST_TEST(describe_drift(drift[0]) == "main business revenue (2019): 2500.00 → 1800.00");
    BOOST_CHECK(workflow.get(id).snapshot.verdict ==
                TierVerdict::eligible);  // history is not rewritten
    BOOST_TEST(verify_audit_trail(db).intact);
}

BOOST_FIXTURE_TEST_CASE(ineligible_needs_justification_objection_upheld_rejects, Fixture) {
    int64_t id =
        workflow.submit_new(clerk, B, "above_scale", 2020, Date(2020, 3, 1));  // 1500 < 2000
    BOOST_CHECK(workflow.get(id).snapshot.verdict == TierVerdict::ineligible);
    BOOST_TEST(message_of([&] { workflow.decide(reviewer1, id, approve(Date(2020, 4, 1))); }) ==
               "the firm is not eligible for Above-scale industrial enterprise by the rules; "
               "approving it needs a written "
               "justification");
    workflow.decide(reviewer1, id, approve(Date(2020, 4, 1), "统计口径调整后达标"));
    workflow.decide(reviewer2, id, approve(Date(2020, 4, 2), "同意"));
    workflow.record_objection(clerk, id, "举报数据不实", Date(2020, 4, 5));
    BOOST_TEST(message_of([&] {
                   workflow.close_publicity(reviewer1, id, Date(2020, 4, 10), std::nullopt);
               }) == "application 1 received an objection; say whether it was dismissed or upheld");
    workflow.close_publicity(reviewer1, id, Date(2020, 4, 10), PublicityOutcome::upheld);
    BOOST_CHECK(workflow.get(id).state == ApplicationState::rejected);
    BOOST_TEST(RegistryRepository(db).recognitions_of(B).empty());
}

BOOST_FIXTURE_TEST_CASE(withdraw_only_by_submitter_and_no_duplicates, Fixture) {
    int64_t id = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 3, 1));
    BOOST_TEST(message_of([&] {
                   workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 3, 2));
               }).find("already has application 1") != std::string::npos);
    users.add_user(admin, "clerk2", Role::clerk, "clerk2-password");
    Actor other = users.login("clerk2", "clerk2-password");
    BOOST_TEST(message_of([&] { workflow.withdraw(other, id, Date(2020, 3, 5)); }) ==
               "only clerk, who submitted application 1, may withdraw it");
    workflow.withdraw(clerk, id, Date(2020, 3, 5));
    BOOST_CHECK(workflow.get(id).state == ApplicationState::withdrawn);
    BOOST_TEST(message_of([&] { workflow.decide(reviewer1, id, approve(Date(2020, 4, 1))); }) ==
               "application 1 is withdrawn; it cannot be approved");
}

BOOST_FIXTURE_TEST_CASE(quotas_seed_once_and_admin_edits_are_audited, Fixture) {
    QuotaService quotas(db);
    BOOST_TEST(quotas.seed(jiangxi_2020(), 2020) == 8u);
    BOOST_TEST(quotas.seed(jiangxi_2020(), 2020) == 0u);
    BOOST_TEST((quotas.quotas(2020).at({"36", "high_tech"})) == 500);
    quotas.set(admin, jiangxi_2020(), 2020, "high_tech", "36", 520);
    quotas.set(admin, jiangxi_2020(), 2020, "high_tech", "3601", 80);
    BOOST_TEST((quotas.quotas(2020).at({"36", "high_tech"})) == 520);
    BOOST_TEST(message_of([&] {
                   quotas.set(admin, jiangxi_2020(), 2020, "high_tech", "4401", 1);
               }).find("is not a quota group") != std::string::npos);
    auto history = AuditRepository(db).history("quota", "2020/high_tech/36");
    BOOST_REQUIRE(history.size() == 2u);
    BOOST_TEST(*history[1].before == "quota=500");
    BOOST_TEST(*history[1].after == "quota=520");
    BOOST_TEST(history[1].actor == "admin");
}

BOOST_FIXTURE_TEST_CASE(listing_pipeline_in_order_and_listed_sets_listed_on, Fixture) {
    BOOST_TEST(message_of([&] {
                   workflow.propose_listing_stage(clerk, A, ListingStage::filed, Date(2020, 1, 5));
               }) == "the next listing stage of " + A + " is reserve (后备库), not filed");
    Date day(2020, 1, 5);
    for (ListingStage s : kListingStages) {
        int64_t id = workflow.propose_listing_stage(clerk, A, s, day);
        BOOST_TEST(message_of([&] {
                       workflow.propose_listing_stage(clerk, A, s, day);
                   }).find("awaiting review") != std::string::npos);
        workflow.review_listing_stage(reviewer1, id, true);
        day = day.add_days(30);
    }
    BOOST_TEST(RegistryRepository(db).find_firm(A)->listed_on->to_string() == "2020-06-03");
    BOOST_TEST(message_of([&] {
                   workflow.propose_listing_stage(clerk, A, ListingStage::reserve, day);
               }) == A + " is already listed");
}

BOOST_FIXTURE_TEST_CASE(audit_head_detects_deleted_newest_entries, Fixture) {
    BOOST_TEST(verify_audit_trail(db).intact);
    std::size_t n = AuditRepository(db).count();
    store.raw_sql("DELETE FROM audit_log WHERE id >= " + std::to_string(n - 1));
    BOOST_TEST(AuditRepository(db).verify().intact);  // the chain alone cannot see it
    AuditVerification v = verify_audit_trail(db);
    BOOST_TEST(!v.intact);
    BOOST_TEST(v.first_bad_id == static_cast<int64_t>(n - 1));
    BOOST_TEST(v.reason.find("the newest entries were deleted") != std::string::npos, v.reason);
}

BOOST_FIXTURE_TEST_CASE(workflow_dates_are_checked_in_the_service, Fixture) {
    const Date tomorrow = Date::today().add_days(1);
    int64_t id = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 5, 1));
    // Each refused call changes nothing; the accepted ones move the application on.
    struct Step {
        std::string what;
        std::function<void()> call;
        std::string refusal;  // "" = accepted
    };
    const Step steps[] = {
        {"submission tomorrow",
         [&] { workflow.submit_new(clerk, B, "above_scale", 2020, tomorrow); },
         "the submission date " + tomorrow.to_string() + " is in the future (today is " +
             Date::today().to_string() + ")"},
        {"county decides tomorrow", [&] { workflow.decide(reviewer1, id, approve(tomorrow)); },
         "the decision date " + tomorrow.to_string() + " is in the future (today is " +
             Date::today().to_string() + ")"},
        {"county decides in 2031",
         [&] { workflow.decide(reviewer1, id, approve(Date(2031, 1, 1))); },
         "the decision date 2031-01-01 is in the future (today is " + Date::today().to_string() +
             ")"},
        {"county decides before the submission",
         [&] { workflow.decide(reviewer1, id, approve(Date(2020, 4, 30))); },
         "the decision date 2020-04-30 is before the submission on 2020-05-01"},
        {"county decides 05-12",
         [&] { workflow.decide(reviewer1, id, approve(Date(2020, 5, 12))); }, ""},
        {"city decides the day before the county",
         [&] { workflow.decide(reviewer2, id, approve(Date(2020, 5, 11))); },
         "the decision date 2020-05-11 is before the county level's decision on 2020-05-12"},
        {"city rejects the day before the county",
         [&] {
             Decision no;
             no.decided_on = Date(2020, 5, 11);
             workflow.decide(reviewer2, id, no);
         },
         "the decision date 2020-05-11 is before the county level's decision on 2020-05-12"},
        {"city decides 05-12 too",
         [&] { workflow.decide(reviewer2, id, approve(Date(2020, 5, 12))); }, ""},
        {"objection before publicity",
         [&] { workflow.record_objection(clerk, id, "早", Date(2020, 5, 12)); },
         "objections to application 1 are accepted from 2020-05-13 to 2020-05-19"},
        {"closing on the last day",
         [&] { workflow.close_publicity(reviewer1, id, Date(2020, 5, 19), std::nullopt); },
         "publicity of application 1 runs until 2020-05-19; close it after that day"},
        {"closing tomorrow",
         [&] { workflow.close_publicity(reviewer1, id, tomorrow, std::nullopt); },
         "the closing date " + tomorrow.to_string() + " is in the future (today is " +
             Date::today().to_string() + ")"},
        {"closing 05-20",
         [&] { workflow.close_publicity(reviewer1, id, Date(2020, 5, 20), std::nullopt); }, ""},
    };
    for (const Step& s : steps) BOOST_TEST(message_of(s.call) == s.refusal, s.what);
    BOOST_TEST(workflow.get(id).decisions.size() == 2u);
    auto recs = RegistryRepository(db).recognitions_of(A);
    BOOST_REQUIRE(recs.size() == 1u);
    BOOST_TEST(recs[0].approved_on.to_string() == "2020-05-12");
    BOOST_TEST(recs[0].valid_from.to_string() == "2020-05-20");
    BOOST_TEST(verify_audit_trail(db).intact);
}

BOOST_FIXTURE_TEST_CASE(recognition_takes_the_last_levels_day_from_an_older_registry, Fixture) {
    // A registry written before decision dates were ordered: the county level decided on 05-12
    // and the city, last, on 05-11. The title was approved once both had: on 05-12.
    int64_t id = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 5, 1));
    workflow.decide(reviewer1, id, approve(Date(2020, 5, 10)));
    workflow.decide(reviewer2, id, approve(Date(2020, 5, 11)));
    store.raw_sql(
        "UPDATE application_decisions SET decided_on = '2020-05-12' WHERE level_index = 0");
    workflow.close_publicity(reviewer1, id, Date(2020, 5, 19), std::nullopt);
    auto recs = RegistryRepository(db).recognitions_of(A);
    BOOST_REQUIRE(recs.size() == 1u);
    BOOST_TEST(recs[0].approved_on.to_string() == "2020-05-12");
}

BOOST_FIXTURE_TEST_CASE(approved_without_a_publicity_window_is_not_in_publicity, Fixture) {
    // Set to approved outside Ladder (the sqlite3 shell): no publicity days, no decision date.
    int64_t id = workflow.submit_new(clerk, A, "above_scale", 2020, Date(2020, 5, 1));
    store.raw_sql("UPDATE applications SET state = 'approved' WHERE id = " + std::to_string(id));
    Application a = workflow.get(id);
    BOOST_CHECK(a.state == ApplicationState::approved);
    BOOST_CHECK(!a.publicity_start && !a.publicity_end && !a.decided_on);
    BOOST_TEST(!a.publicity_open());
    BOOST_TEST(audit_text(a).find("publicity=") == std::string::npos);
    BOOST_TEST(message_of([&] {
                   workflow.close_publicity(reviewer1, id, Date(2020, 5, 20), std::nullopt);
               }) == "application 1 is not in publicity");
    BOOST_TEST(message_of([&] {
                   workflow.record_objection(clerk, id, "异议", Date(2020, 5, 20));
               }) == "application 1 is not in publicity");
    BOOST_TEST(RegistryRepository(db).recognitions_of(A).empty());
    // Only the start recorded (a half-written row): still no window.
    store.raw_sql("UPDATE applications SET publicity_start = '2020-05-13' WHERE id = " +
                  std::to_string(id));
    BOOST_TEST(!workflow.get(id).publicity_open());
    BOOST_TEST(workflow.list().size() == 1u);
}
