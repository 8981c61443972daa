#pragma once
// The people and firms the workflow tests start from: an administrator, a clerk and two
// reviewers, each with the password "<name>-password"; firm A (main revenue 2500 万元 in 2019,
// eligible for above_scale, in 360102 Nanchang) and firm B (1500 万元, not; in 360702 Ganzhou).
#include <cstdlib>
#include <string>

#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "services/user_service.hpp"
#include "test_support.hpp"

namespace ladder::test {

struct WorkflowStaff {
    Actor admin, clerk, reviewer1, reviewer2;
};

// Creates the first administrator ("admin"), "clerk" and the two reviewers, and signs each in.
inline WorkflowStaff add_workflow_staff(UserService& users, const std::string& reviewer1 = "rev1",
                                        const std::string& reviewer2 = "rev2") {
    setenv("LADDER_ARGON2_FAST", "1", 1);  // test passwords need no costly hashing
    WorkflowStaff staff;
    users.create_first_admin("admin", "admin-password");
    staff.admin = users.login("admin", "admin-password");
    users.add_user(staff.admin, "clerk", Role::clerk, "clerk-password");
    users.add_user(staff.admin, reviewer1, Role::reviewer, reviewer1 + "-password");
    users.add_user(staff.admin, reviewer2, Role::reviewer, reviewer2 + "-password");
    staff.clerk = users.login("clerk", "clerk-password");
    staff.reviewer1 = users.login(reviewer1, reviewer1 + "-password");
    staff.reviewer2 = users.login(reviewer2, reviewer2 + "-password");
    return staff;
}

// A firm with its place, trade and founding date; every optional field empty.
inline Firm plain_firm(const std::string& code, const std::string& name, const std::string& region,
                       const std::string& industry, const std::string& chain, const Date& founded) {
    Firm f;
    f.credit_code = code;
    f.name = name;
    f.region_code = region;
    f.industry_code = industry;
    f.chain = chain;
    f.founded = founded;
    return f;
}

// Firms A and B with their 2019 figures, under the given credit codes.
inline void add_firms_a_and_b(Database& db, const std::string& a, const std::string& b) {
    RegistryRepository repo(db);
    Transaction tx(db);
    repo.upsert_firms({plain_firm(a, "甲", "360102", "C3985", "electronics", Date(2010, 5, 1)),
                       plain_firm(b, "乙", "360702", "C3240", "nonferrous", Date(2015, 3, 15))},
                      nullptr);
    repo.upsert_figures(
        {figures_2019(a, Money::from_wan(2500)), figures_2019(b, Money::from_wan(1500))}, nullptr);
    tx.commit();
}

}  // namespace ladder::test
