// Role checks of every service operation that changes a registry (db/include/db/*_service.hpp:
// users, quotas, registry edits, imports, the workflow), called as a clerk, a reviewer and an
// administrator. The matrix below is the policy written out (README, model/workflow.hpp):
// clerks keep the registry and submit, reviewers decide, administrators manage users and
// quotas; everyone changes their own password. An allowed call must succeed and leave an audit
// entry; a refused one must throw PermissionError and change nothing.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "db/audit_repository.hpp"
#include "services/import_service.hpp"
#include "services/quota_service.hpp"
#include "db/registry_repository.hpp"
#include "services/registry_service.hpp"
#include "services/user_service.hpp"
#include "services/workflow_service.hpp"
#include "model/import_schema.hpp"
#include "model/regions.hpp"
#include "model/tiers.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"
#include "workflow_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

std::string credit_code(int n) {
    std::string stem = "91360100MA35" + std::to_string(10000 + n).substr(1);
    stem.resize(17, '0');
    return stem + *uscc_check_character(stem);
}

struct Registry {
    TestDatabase store;
    Database db = Database::open(store.url());
    UserService users{db};
    WorkflowService workflow{db, [](int) { return PinnedRuleSet{&jiangxi_2020(), "sha256:test"}; }};
    Actor admin, clerk, reviewer, reviewer2;
    int next_firm = 0;

    Registry() {
        WorkflowStaff staff = add_workflow_staff(users, "reviewer", "reviewer2");
        admin = staff.admin;
        clerk = staff.clerk;
        reviewer = staff.reviewer1;
        reviewer2 = staff.reviewer2;
    }
    // A new firm eligible for above_scale (main revenue 2500 万元 in 2019).
    std::string new_firm() {
        std::string code = credit_code(++next_firm);
        RegistryRepository repo(db);
        Transaction tx(db);
        repo.upsert_firms({plain_firm(code, "企业" + std::to_string(next_firm), "360102", "C3985",
                                      "electronics", Date(2010, 5, 1))},
                          nullptr);
        repo.upsert_figures({figures_2019(code, Money::from_wan(2500))}, nullptr);
        tx.commit();
        return code;
    }
    int64_t submitted() {
        return workflow.submit_new(clerk, new_firm(), "above_scale", 2020, Date(2020, 3, 2));
    }
    static Decision approve(const Date& on) {
        Decision d;
        d.approve = true;
        d.decided_on = on;
        return d;
    }
    // Approved at both levels: publicity open.
    int64_t in_publicity() {
        int64_t id = submitted();
        workflow.decide(reviewer, id, approve(Date(2020, 3, 20)));
        workflow.decide(reviewer2, id, approve(Date(2020, 3, 25)));
        return id;
    }
    std::size_t audit_entries() { return AuditRepository(db).count(); }
};

// Prepares what the operation needs (as the roles that may do that), then returns the
// operation itself, performed by `actor`.
using Prepare = std::function<std::function<void()>(Registry&, const Actor&)>;

struct Case {
    std::string name;
    std::set<Role> allowed;
    Prepare prepare;
};

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"user.add_user",
         {Role::admin},
         [](Registry& r, const Actor& a) {
             return [&r, a] { r.users.add_user(a, "new-" + a.name, Role::clerk, "new-password"); };
         }},
        {"user.set_password (another user's)",
         {Role::admin},
         [](Registry& r, const Actor& a) {
             std::string victim = "pw-" + a.name;
             r.users.add_user(r.admin, victim, Role::clerk, "victim-password");
             return [&r, a, victim] { r.users.set_password(a, victim, "changed-password"); };
         }},
        {"user.set_password (own)",
         {Role::clerk, Role::reviewer, Role::admin},
         [](Registry& r, const Actor& a) {
             return [&r, a] {
                 r.users.set_password(a, a.name, a.name + "-password", a.name + "-password");
             };
         }},
        {"user.set_role",
         {Role::admin},
         [](Registry& r, const Actor& a) {
             std::string victim = "role-" + a.name;
             r.users.add_user(r.admin, victim, Role::clerk, "victim-password");
             return [&r, a, victim] { r.users.set_role(a, victim, Role::reviewer); };
         }},
        {"user.set_active",
         {Role::admin},
         [](Registry& r, const Actor& a) {
             std::string victim = "active-" + a.name;
             r.users.add_user(r.admin, victim, Role::clerk, "victim-password");
             return [&r, a, victim] { r.users.set_active(a, victim, false); };
         }},
        {"quota.set",
         {Role::admin},
         [](Registry& r, const Actor& a) {
             return
                 [&r, a] { QuotaService(r.db).set(a, jiangxi_2020(), 2020, "gazelle", "36", 61); };
         }},
        {"registry.save_firm",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             std::string code = r.new_firm();
             return [&r, a, code] {
                 RegistryService service(r.db);
                 auto firm = service.firm(code);
                 firm->record.name += "（更名）";
                 service.save_firm(a, firm->record, firm->version);
             };
         }},
        {"registry.save_figures",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             std::string code = r.new_firm();
             return [&r, a, code] {
                 YearFigures f = figures_2019(code, Money::from_wan(2600));
                 f.year = 2018;
                 RegistryService(r.db).save_figures(a, f, std::nullopt);
             };
         }},
        {"import (firms file)",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             fs::path file = r.store.dir() / ("firms-" + a.name + ".csv");
             write_file(file, "credit_code,name,region_code,industry_code,chain,founded\n" +
                                  credit_code(900 + r.next_firm++) +
                                  ",导入企业,360102,C3985,electronics,2012-06-01\n");
             return [&r, a, file] {
                 ImportOptions options;
                 options.kind = RecordKind::firms;
                 options.file = file;
                 options.report_file = file.string() + ".rejected.csv";
                 import_file(r.db, a, options, RegionTable::shipped(), TierCatalog::builtin());
             };
         }},
        {"workflow.create_draft",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             std::string code = r.new_firm();
             return [&r, a, code] {
                 r.workflow.create_draft(a, code, "above_scale", 2020, Date(2020, 3, 1));
             };
         }},
        {"workflow.submit",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             int64_t id = r.workflow.create_draft(r.clerk, r.new_firm(), "above_scale", 2020,
                                                  Date(2020, 3, 1));
             return [&r, a, id] { r.workflow.submit(a, id, Date(2020, 3, 2)); };
         }},
        {"workflow.submit_new",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             std::string code = r.new_firm();
             return [&r, a, code] {
                 r.workflow.submit_new(a, code, "above_scale", 2020, Date(2020, 3, 2));
             };
         }},
        {"workflow.withdraw",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             int64_t id = r.submitted();
             return [&r, a, id] { r.workflow.withdraw(a, id, Date(2020, 3, 5)); };
         }},
        {"workflow.decide",
         {Role::reviewer},
         [](Registry& r, const Actor& a) {
             int64_t id = r.submitted();
             return [&r, a, id] { r.workflow.decide(a, id, Registry::approve(Date(2020, 3, 20))); };
         }},
        {"workflow.record_objection",
         {Role::clerk, Role::reviewer},
         [](Registry& r, const Actor& a) {
             int64_t id = r.in_publicity();
             Date on = *r.workflow.get(id).publicity_start;
             return [&r, a, id, on] { r.workflow.record_objection(a, id, "材料不实", on); };
         }},
        {"workflow.close_publicity",
         {Role::reviewer},
         [](Registry& r, const Actor& a) {
             int64_t id = r.in_publicity();
             Date after = r.workflow.get(id).publicity_end->add_days(1);
             return [&r, a, id, after] { r.workflow.close_publicity(a, id, after, std::nullopt); };
         }},
        {"workflow.propose_listing_stage",
         {Role::clerk},
         [](Registry& r, const Actor& a) {
             std::string code = r.new_firm();
             return [&r, a, code] {
                 r.workflow.propose_listing_stage(a, code, ListingStage::reserve, Date(2020, 2, 1));
             };
         }},
        {"workflow.review_listing_stage",
         {Role::reviewer},
         [](Registry& r, const Actor& a) {
             int64_t stage = r.workflow.propose_listing_stage(
                 r.clerk, r.new_firm(), ListingStage::reserve, Date(2020, 2, 1));
             return [&r, a, stage] { r.workflow.review_listing_stage(a, stage, true); };
         }},
    };
    return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_service_operation_as_every_role) {
    Registry r;
    const std::map<Role, const Actor*> actors = {
        {Role::clerk, &r.clerk}, {Role::reviewer, &r.reviewer}, {Role::admin, &r.admin}};
    int allowed = 0, refused = 0;
    for (const auto& c : cases()) {
        for (const auto& [role, actor] : actors) {
            const bool may = c.allowed.count(role) == 1;
            std::string who = c.name + " by " + std::string(role_id(role));
            std::function<void()> call = c.prepare(r, *actor);
            std::size_t audit_before = r.audit_entries();
            std::string error;
            bool permission_error = false;
            try {
                call();
            } catch (const PermissionError& e) {
                permission_error = true;
                error = e.what();
            } catch (const std::exception& e) {
                error = e.what();
            }
            if (may) {
                ++allowed;
                BOOST_TEST(error.empty(), who << " should succeed: " << error);
                BOOST_TEST(r.audit_entries() > audit_before, who << " left no audit entry");
            } else {
                ++refused;
                BOOST_TEST(permission_error, who << " should be refused: "
                                                 << (error.empty() ? "it succeeded" : error));
                BOOST_TEST(error.find(actor->name) != std::string::npos, who << ": " << error);
                BOOST_TEST(r.audit_entries() == audit_before, who << " changed the audit trail");
            }
        }
    }
    BOOST_TEST_MESSAGE(cases().size() << " operations × 3 roles: " << allowed << " allowed, "
                                      << refused << " refused");
    BOOST_TEST(allowed + refused == static_cast<int>(cases().size() * 3));
}

BOOST_AUTO_TEST_CASE(import_needs_an_active_user_who_may_edit_the_registry) {
    Registry r;
    r.users.add_user(r.admin, "former", Role::clerk, "former-password");
    r.users.set_active(r.admin, "former", false);
    fs::path file = r.store.dir() / "firms.csv";
    const std::string code = credit_code(777);
    write_file(file, "credit_code,name,region_code,industry_code,chain,founded\n" + code +
                         ",导入企业,360102,C3985,electronics,2012-06-01\n");
    auto import_as = [&](const std::string& name) {
        ImportOptions options;
        options.kind = RecordKind::firms;
        options.file = file;
        options.report_file = file.string() + ".rejected.csv";
        return message_of([&] {
            import_file(r.db, Actor{name, Role::clerk}, options, RegionTable::shipped(),
                        TierCatalog::builtin());
        });
    };
    // Names that are no account, or a disabled one, are refused like a wrong role.
    for (const std::string name : {"nobody", "former", "system"}) {
        std::string refusal = import_as(name);
        BOOST_TEST(refusal.find(name) != std::string::npos, name << ": " << refusal);
        BOOST_TEST(!RegistryRepository(r.db).find_firm(code).has_value(), name);
    }
    BOOST_TEST(import_as("clerk").empty());
    BOOST_TEST(RegistryRepository(r.db).find_firm(code).has_value());
}

BOOST_AUTO_TEST_CASE(a_registry_without_users_imports_as_the_name_given) {
    // Single-user registries (no accounts yet) keep working as before: the name is recorded.
    TestDatabase store;
    Database db = Database::open(store.url());
    fs::path file = store.dir() / "firms.csv";
    write_file(file, "credit_code,name,region_code,industry_code,chain,founded\n" +
                         credit_code(778) + ",导入企业,360102,C3985,electronics,2012-06-01\n");
    ImportOptions options;
    options.kind = RecordKind::firms;
    options.file = file;
    options.report_file = file.string() + ".rejected.csv";
    ImportResult result = import_file(db, Actor{"system", Role::clerk}, options,
                                      RegionTable::shipped(), TierCatalog::builtin());
    BOOST_TEST(result.committed);
    BOOST_TEST(AuditRepository(db).recent(1).front().actor == "system");
}
