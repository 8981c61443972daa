// Tampering with a registry behind Ladder's back — raw SQL on the SQLite file or the PostgreSQL
// database, as someone with the file or the password in hand would — and `ladder-cli audit
// verify` naming what was done. One case per row of the table in docs/security.md; each starts
// from a registry built through Ladder's own services (imports, edits, the whole workflow) that
// verifies clean, so every detection below is the tampering's and nothing else's.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "db/audit_repository.hpp"
#include "db/audit_trail.hpp"
#include "db/database.hpp"
#include "services/import_service.hpp"
#include "services/maintenance_service.hpp"
#include "services/quota_service.hpp"
#include "services/registry_service.hpp"
#include "services/user_service.hpp"
#include "services/workflow_service.hpp"
#include "model/regions.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"
#include "workflow_support.hpp"

using namespace ladder;
using namespace ladder::test;

namespace {

std::string code(const std::string& stem17) {
    return stem17 + *uscc_check_character(stem17);
}

const std::string A = code("91360100MA35AAAA0");
const std::string B = code("91360700MA35BBBB0");
const std::string C = code("91360400MA35CCCC0");
const std::string D = code("91360500MA35DDDD0");  // never in the registry

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A registry as a bureau has it after some work, every row written by Ladder:
//   users admin, clerk, rev1, rev2 (a password reset, a failed sign-in);
//   firms A, B, C imported, A renamed in the firm window; figures A/2018 (an amount to the fen),
//   A/2019 (re-imported: the application's drift), B/2018 (a year added in the firm window),
//   B/2019; recognition B/above_scale/2019-03-01 imported;
//   application 1 (A, above_scale): county and city approvals, an objection dismissed, the
//   recognition A/above_scale/2020-04-10; application 2 (B, gazelle) a draft; application 3
//   (B, above_scale) rejected; quotas of 2020 seeded, above_scale/36 set to 1200;
//   listing stages of A: 1 reserve confirmed, 2 share_reform rejected, 3 share_reform pending.
struct Registry {
    TestDatabase store;
    Database db = Database::open(store.url());
    UserService users{db, [] { return std::time_t(1590000000); }};  // 2020-05-20
    WorkflowService workflow{db, [](int) { return PinnedRuleSet{&jiangxi_2020(), "sha256:test"}; }};
    WorkflowStaff staff = add_workflow_staff(users);

    Registry() {
        import("firms", "credit_code,name,region_code,industry_code,chain,founded\n" + A +
                            ",甲,360102,C3985,electronics,2010-05-01\n" + B +
                            ",乙,360702,C3240,nonferrous,2015-03-15\n" + C +
                            ",丙,360402,C3985,electronics,2012-01-01\n");
        import("figures", "credit_code,year,revenue,main_revenue,employees,innovation_score\n" + A +
                              ",2018,1234.567891,1200,80,71.5\n" + A + ",2019,2500,2500,90,\n" + B +
                              ",2019,1500,1500,,\n");
        import("recognitions", "credit_code,tier,approved_on,valid_from,doc_no\n" + B +
                                   ",above_scale,2019-03-01,2019-03-01,赣统〔2019〕3号\n");
        RegistryService edits(db);
        Firm a = edits.firm(A)->record;
        a.name = "甲科技";
        edits.save_firm(staff.clerk, a, edits.firm(A)->version);
        YearFigures b2018;
        b2018.credit_code = B;
        b2018.year = 2018;
        b2018.set(Measure::revenue, Money::from_wan(1400).fen());
        edits.save_figures(staff.clerk, b2018, std::nullopt);
        users.set_password(staff.admin, "clerk", "clerk-password-2");
        try {
            users.login("rev2", "wrong");
        } catch (const AuthenticationError&) {
        }

        int64_t app = workflow.submit_new(staff.clerk, A, "above_scale", 2020, Date(2020, 3, 1));
        Decision county;
        county.approve = true;
        county.decided_on = Date(2020, 4, 1);
        county.comment = "材料齐全; 同意";
        workflow.decide(staff.reviewer1, app, county);
        import("figures", "credit_code,year,revenue,main_revenue\n" + A + ",2019,2600,2600\n");
        Decision city = county;
        city.decided_on = Date(2020, 4, 2);
        city.comment.clear();
        workflow.decide(staff.reviewer2, app, city, "赣工信〔2020〕1号");
        workflow.record_objection(staff.clerk, app, "数据待核", Date(2020, 4, 5));
        workflow.close_publicity(staff.reviewer1, app, Date(2020, 4, 10),
                                 PublicityOutcome::dismissed);
        workflow.create_draft(staff.clerk, B, "gazelle", 2020, Date(2020, 3, 2));
        int64_t rejected =
            workflow.submit_new(staff.clerk, B, "above_scale", 2020, Date(2020, 3, 3));
        Decision no;
        no.decided_on = Date(2020, 4, 3);
        no.comment = "营收不足";
        workflow.decide(staff.reviewer2, rejected, no);

        QuotaService(db).set(staff.admin, jiangxi_2020(), 2020, "above_scale", "36", 1200);

        int64_t reserve = workflow.propose_listing_stage(staff.clerk, A, ListingStage::reserve,
                                                         Date(2020, 1, 10));
        workflow.review_listing_stage(staff.reviewer1, reserve, true);
        int64_t reform = workflow.propose_listing_stage(staff.clerk, A, ListingStage::share_reform,
                                                        Date(2020, 6, 1));
        workflow.review_listing_stage(staff.reviewer2, reform, false, "缺少董事会决议");
        workflow.propose_listing_stage(staff.clerk, A, ListingStage::share_reform,
                                       Date(2020, 7, 1));
    }

    void import(const std::string& kind, const std::string& csv) {
        const fs::path file = store.dir() / (kind + ".csv");
        write_file(file, csv);
        import_path(kind, file);
    }
    void import_path(const std::string& kind, const fs::path& file) {
        ImportOptions options;
        options.kind = kind == "firms"     ? RecordKind::firms
                       : kind == "figures" ? RecordKind::figures
                                           : RecordKind::recognitions;
        options.file = file;
        options.report_file = store.dir() / "rejected.csv";
        import_file(db, Actor{"clerk", Role::clerk}, options, RegionTable::shipped(),
                    jiangxi_2020().tier_catalog());
    }

    CliResult cli(const std::string& args) const {
        return run_cli(store.dir().path(), store.cli_args() + " " + args);
    }
    CliResult verify(const std::string& args = "") const { return cli("audit verify" + args); }
    std::string value(const std::string& select) const { return query_value(store, select); }
    // `audit head` without its line end.
    std::string head() const {
        std::string out = cli("audit head").out;
        return out.substr(0, out.find('\n'));
    }
    // The newest audit entry's id, and the last one of `entity` `key`.
    long long newest_entry() const { return std::stoll(value("SELECT MAX(id) FROM audit_log")); }
    // (Of a user, the last that sets the row: not a password change or a failed sign-in.)
    // An imported row's insert is found inside its chunk's entry, as `audit log` finds it.
    std::string last_entry(const std::string& entity, const std::string& key) {
        int64_t last = 0;
        for (const AuditEntry& e : AuditRepository(db).history(entity, key))
            if (e.action != "password" && e.action != "login_failed" && e.action != "lock")
                last = e.id;
        return std::to_string(last);
    }
    // Moves the audit head back to what the trail holds after truncating it: what someone who
    // deleted the newest entries does to hide it.
    void rewrite_head() const {
        store.raw_sql(
            "UPDATE audit_head SET entries = (SELECT COUNT(*) FROM audit_log), last_id = "
            "(SELECT MAX(id) FROM audit_log), last_hash = (SELECT hash FROM audit_log "
            "WHERE id = (SELECT MAX(id) FROM audit_log)) WHERE id = 1");
    }
};

// The registry verifies clean before it is tampered with, so that the detection that follows
// is the tampering's.
void require_proved(const Registry& r) {
    auto clean = r.verify();
    BOOST_TEST_REQUIRE(clean.status == 0, clean.out + clean.err);
    BOOST_TEST_REQUIRE(contains(clean.out, "registry proved by the trail: "), clean.out);
}

// `audit verify` fails, and a line of its report names `table_key` with `problem` (a part of
// the message).
void require_detected(const Registry& r, const std::string& table_key, const std::string& problem,
                      const std::string& args = "") {
    auto v = r.verify(args);
    BOOST_TEST(v.status == 1, v.out + v.err);
    const std::string start = "\n  " + table_key + ": ";
    auto line = v.err.find(start);
    BOOST_TEST_REQUIRE(line != std::string::npos, v.err);
    std::string text = v.err.substr(line + start.size());
    text = text.substr(0, text.find('\n'));
    BOOST_TEST(contains(text, problem), text);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_registry_built_by_ladder_is_proved_by_its_trail) {
    Registry r;
    auto v = r.verify();
    BOOST_TEST(v.status == 0, v.out + v.err);
    BOOST_TEST(contains(v.out, "audit trail intact: "), v.out);
    // 3 firms, 4 figures rows, 2 recognitions, 3 applications with 3 decisions, 4 users, the
    // quotas of 2020 and 3 listing stages.
    long long quotas = std::stoll(r.value("SELECT COUNT(*) FROM quotas"));
    BOOST_TEST(quotas > 1);
    BOOST_TEST(contains(v.out, "registry proved by the trail: " + std::to_string(22 + quotas) +
                                   " rows checked"),
               v.out);
    BOOST_TEST(contains(v.out, "audit head: " + r.head()), v.out);
    // The same proof in-process, outside any transaction (as a restore may call it).
    RegistryCheck direct = check_registry(r.db);
    BOOST_TEST(direct.matches());
    BOOST_TEST(direct.rows_checked == static_cast<std::size_t>(22 + quotas));
    BOOST_TEST(!check_anchor(r.db, current_audit_head(r.db)).has_value());
}

// --- firms ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(firm_edited) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("UPDATE firms SET name = '篡改' WHERE credit_code = '" + A + "'");
    require_detected(r, "firms " + A,
                     "changed outside Ladder after audit entry " + r.last_entry("firm", A) +
                         ": name: 甲科技 → 篡改");
}

BOOST_AUTO_TEST_CASE(firm_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("INSERT INTO firms (credit_code, name, founded) VALUES ('" + D +
                    "', '丁', '2011-01-01')");
    require_detected(r, "firms " + D, "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(firm_deleted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("DELETE FROM firms WHERE credit_code = '" + C + "'");
    require_detected(r, "firms " + C,
                     "audit entry " + r.last_entry("firm", C) +
                         " records this row but the registry does not hold it: deleted outside "
                         "Ladder");
}

// --- figures -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(figures_edited) {
    Registry r;
    require_proved(r);
    // One fen more: 0.000001 万元.
    r.store.raw_sql("UPDATE figures SET revenue = revenue + 1 WHERE credit_code = '" + A +
                    "' AND year = 2018");
    require_detected(r, "figures " + A + "/2018",
                     "changed outside Ladder after audit entry " +
                         r.last_entry("figures", A + "/2018") +
                         ": revenue: 1234.567891 → 1234.567892");
}

BOOST_AUTO_TEST_CASE(figures_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("INSERT INTO figures (credit_code, year, revenue) VALUES ('" + B +
                    "', 2017, 10000000)");
    require_detected(r, "figures " + B + "/2017",
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(figures_deleted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("DELETE FROM figures WHERE credit_code = '" + B + "' AND year = 2018");
    require_detected(r, "figures " + B + "/2018",
                     "audit entry " + r.last_entry("figures", B + "/2018") +
                         " records this row but the registry does not hold it");
}

// An import of more new rows than one audit entry holds: its new rows are audited one entry
// per 50,000 (their values compressed into it), each row's insert is still found by its key,
// the registry is proved from those entries, and tampering with a row or an entry is found.
BOOST_AUTO_TEST_CASE(an_import_audits_its_new_rows_one_entry_per_chunk) {
    Registry r;
    auto demo = run_cli(r.store.dir().path(), "--db demo.db demo --firms 12000 --csv-dir csv");
    BOOST_TEST_REQUIRE(demo.status == 0, demo.err);
    const long long before = r.newest_entry();
    for (const std::string kind : {"firms", "figures"})
        r.import_path(kind, r.store.dir() / "csv" / (kind + ".csv"));
    const long long rows = std::stoll(r.value("SELECT COUNT(*) FROM figures")) - 4;
    BOOST_TEST_REQUIRE(rows > 50000);
    // Firms: one chunk and the import's summary; figures: two chunks and the summary (and
    // the fixture's first figures import, three rows, was a chunk of its own).
    BOOST_TEST(r.newest_entry() - before == 5);
    BOOST_TEST(r.value("SELECT COUNT(*) FROM audit_log WHERE action = 'insert_rows' AND entity = "
                       "'figures'") == "3");
    BOOST_TEST(r.value("SELECT SUM(LENGTH(payload)) FROM audit_log WHERE action = "
                       "'insert_rows' AND entity = 'figures'")
                   .size() <= 7);  // under 10 MB for 50,000+ rows of 27 measures
    require_proved(r);
    // The check on open links the large chunk and hashes the small ones whole.
    BOOST_TEST(check_audit_trail_on_open(r.db).intact);

    // A row of the second chunk: its insert, with its values, by key.
    const std::string last = r.value("SELECT MAX(credit_code) FROM figures");
    const std::string year =
        r.value("SELECT MAX(year) FROM figures WHERE credit_code = '" + last + "'");
    const std::string key = last + "/" + year;
    auto log = run_cli_as(r.store, "rev1", "audit log --entity figures --key " + key);
    BOOST_TEST_REQUIRE(log.status == 0, log.err);
    BOOST_TEST(contains(log.out, "added"), log.out);
    BOOST_TEST(contains(log.out, "revenue="), log.out);
    const std::string chunk = r.last_entry("figures", key);
    BOOST_TEST(chunk == r.value("SELECT MAX(id) FROM audit_log WHERE action = 'insert_rows' AND "
                                "entity = 'figures'"));
    BOOST_TEST(contains(log.out, chunk), log.out);
    // The list of entries shows a chunk by its count, not its data.
    auto recent = run_cli_as(r.store, "rev1", "audit log --limit 5");
    BOOST_TEST(contains(recent.out, " rows, the last "), recent.out);
    BOOST_TEST(recent.out.size() < 5000, recent.out.size());

    r.store.raw_sql("UPDATE figures SET employees = 7 WHERE credit_code = '" + last +
                    "' AND year = " + year);
    require_detected(r, "figures " + key, "changed outside Ladder after audit entry " + chunk);
    r.store.raw_sql("DELETE FROM figures WHERE credit_code = '" + last + "' AND year = " + year);
    require_detected(
        r, "figures " + key,
        "audit entry " + chunk + " records this row but the registry does not hold it");
    // Replacing the chunk's rows (with the other chunk's) is found by their digest...
    const std::string other = r.value(
        "SELECT MIN(id) FROM audit_log WHERE action = 'insert_rows' AND entity = 'figures' AND "
        "id > " +
        std::to_string(before));
    r.store.raw_sql("UPDATE audit_log SET payload = (SELECT payload FROM audit_log WHERE id = " +
                    other + ") WHERE id = " + chunk);
    auto replaced = r.verify();
    BOOST_TEST(replaced.status != 0);
    BOOST_TEST(contains(replaced.out + replaced.err,
                        "the rows of entry " + chunk + " were changed after they were written"),
               replaced.out + replaced.err);
    // ... and rewriting its value (the digest, the count) breaks the chain at it.
    r.store.raw_sql(
        "UPDATE audit_log SET after_value = REPLACE(after_value, 'rows=', 'rows=1') "
        "WHERE id = " +
        chunk);
    auto v = r.verify();
    BOOST_TEST(v.status != 0);
    BOOST_TEST(contains(v.out + v.err, "entry " + chunk + " was changed after it was written"),
               v.out + v.err);
}

BOOST_AUTO_TEST_CASE(figures_entries_compare_amounts_as_values) {
    // Entries written before money was held to the fen printed two decimals, and any spelling
    // of the same amount proves the row: the comparison is of values, not of text.
    Registry r;
    {
        Transaction tx(r.db);
        YearFigures y;
        y.credit_code = C;
        y.year = 2019;
        y.set(Measure::revenue, Money::from_wan(1234).fen() + 500000);  // 1234.50
        y.set(Measure::total_profit, -100000);                          // -0.10
        RegistryRepository(r.db).upsert_figures({y}, nullptr);
        AuditEntry legacy;
        legacy.action = "insert";
        legacy.entity = "figures";
        legacy.entity_key = C + "/2019";
        legacy.after = "credit_code=" + C + "; year=2019; revenue=1234.5; total_profit=-0.100000";
        AuditRepository(r.db).append({legacy}, "clerk");
        tx.commit();
    }
    require_proved(r);
    r.store.raw_sql("UPDATE figures SET revenue = revenue + 10000 WHERE credit_code = '" + C + "'");
    require_detected(r, "figures " + C + "/2019", ": revenue: 1234.50 → 1234.51");
}

// --- recognitions --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(recognition_edited) {
    Registry r;
    require_proved(r);
    const std::string key = B + "/above_scale/2019-03-01";
    r.store.raw_sql("UPDATE recognitions SET valid_to = '2030-12-31' WHERE credit_code = '" + B +
                    "'");
    require_detected(r, "recognitions " + key,
                     "changed outside Ladder after audit entry " +
                         r.last_entry("recognition", key) + ": valid_to: (absent) → 2030-12-31");
}

BOOST_AUTO_TEST_CASE(recognition_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "INSERT INTO recognitions (credit_code, tier, approved_on, valid_from, doc_no) "
        "VALUES ('" +
        C + "', 'high_tech', '2019-05-01', '2019-05-01', '')");
    require_detected(r, "recognitions " + C + "/high_tech/2019-05-01",
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(recognition_deleted) {
    Registry r;
    require_proved(r);
    // The recognition the workflow created when publicity closed.
    const std::string key = A + "/above_scale/2020-04-10";
    BOOST_TEST_REQUIRE(!r.last_entry("recognition", key).empty());
    r.store.raw_sql("DELETE FROM recognitions WHERE credit_code = '" + A + "'");
    require_detected(r, "recognitions " + key, "deleted outside Ladder");
}

// --- applications and their decisions -------------------------------------------------------

BOOST_AUTO_TEST_CASE(application_edited) {
    Registry r;
    require_proved(r);
    // The draft approved directly, as the issue found.
    r.store.raw_sql("UPDATE applications SET state = 'approved' WHERE id = 2");
    require_detected(r, "applications 2",
                     "changed outside Ladder after audit entry " +
                         r.last_entry("application", "2") + ": state: draft → approved");
}

BOOST_AUTO_TEST_CASE(application_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "INSERT INTO applications (credit_code, tier, assessment_year, state, "
        "submitter, created_on) VALUES ('" +
        C + "', 'above_scale', 2020, 'approved', 'clerk', '2020-03-01')");
    const std::string id = r.value("SELECT MAX(id) FROM applications");
    require_detected(r, "applications " + id,
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(application_deleted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("DELETE FROM applications WHERE id = 2");  // the draft: nothing refers to it
    require_detected(r, "applications 2",
                     "audit entry " + r.last_entry("application", "2") +
                         " records this row but the registry does not hold it");
}

BOOST_AUTO_TEST_CASE(decision_edited) {
    Registry r;
    require_proved(r);
    // Four eyes forged after the fact: the city approval credited to the county's reviewer.
    r.store.raw_sql(
        "UPDATE application_decisions SET reviewer = 'rev1' WHERE application_id = 1 "
        "AND level = 'city'");
    require_detected(r, "application_decisions 1/city", "changed outside Ladder: audit entry ");
    auto v = r.verify();
    BOOST_TEST(contains(v.err, "records approve by rev2, the row approve by rev1"), v.err);
}

BOOST_AUTO_TEST_CASE(decision_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "INSERT INTO application_decisions (application_id, level_index, level, "
        "decision, reviewer, decided_on, at, comment, justification, confirmed) "
        "VALUES (2, 0, 'city', 'approve', 'rev1', '2020-04-01', "
        "'2020-04-01T00:00:00Z', '', '', '')");
    require_detected(r, "application_decisions 2/city",
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(decision_deleted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "DELETE FROM application_decisions WHERE application_id = 1 AND level = 'city'");
    require_detected(r, "application_decisions 1/city", "deleted outside Ladder");
}

// --- users ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(user_edited) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("UPDATE users SET role = 'admin' WHERE name = 'clerk'");
    require_detected(r, "users clerk",
                     "changed outside Ladder after audit entry " + r.last_entry("user", "clerk") +
                         ": role: clerk → admin");
}

BOOST_AUTO_TEST_CASE(user_inserted) {
    Registry r;
    require_proved(r);
    // An administrator with a password someone knows (copied from an account they hold).
    r.store.raw_sql(
        "INSERT INTO users (name, role, password_hash, active, created_at) SELECT "
        "'mallory', 'admin', password_hash, 1, created_at FROM users WHERE name = "
        "'clerk'");
    require_detected(r, "users mallory",
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(user_deleted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("DELETE FROM users WHERE name = 'rev2'");
    require_detected(r, "users rev2", "deleted outside Ladder");
}

// --- quotas --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(quota_edited) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "UPDATE quotas SET quota = 5000 WHERE year = 2020 AND tier = 'above_scale' "
        "AND group_code = '36'");
    require_detected(r, "quotas 2020/above_scale/36",
                     "changed outside Ladder after audit entry " +
                         r.last_entry("quota", "2020/above_scale/36") + ": quota: 1200 → 5000");
}

BOOST_AUTO_TEST_CASE(quota_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "INSERT INTO quotas (year, tier, group_code, quota) VALUES (2020, 'above_scale', '3601', "
        "99)");
    require_detected(r, "quotas 2020/above_scale/3601",
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(quota_deleted) {
    Registry r;
    require_proved(r);
    // A quota seeded from the rule set, never edited.
    r.store.raw_sql(
        "DELETE FROM quotas WHERE year = 2020 AND tier = 'gazelle' AND group_code = "
        "'36'");
    require_detected(r, "quotas 2020/gazelle/36", "deleted outside Ladder");
}

// --- listing stages --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(listing_stage_edited) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "UPDATE listing_stages SET status = 'confirmed', reviewed_by = 'rev1' WHERE "
        "id = 3");
    require_detected(r, "listing_stages 3 (" + A + "/share_reform)",
                     "changed outside Ladder after audit entry ");
    auto v = r.verify();
    BOOST_TEST(contains(v.err, "status: pending → confirmed"), v.err);
}

BOOST_AUTO_TEST_CASE(listing_stage_inserted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql(
        "INSERT INTO listing_stages (credit_code, stage, stage_date, status, "
        "proposed_by, proposed_at) VALUES ('" +
        B + "', 'reserve', '2020-02-01', 'confirmed', 'clerk', '2020-02-01T00:00:00Z')");
    const std::string id = r.value("SELECT MAX(id) FROM listing_stages");
    require_detected(r, "listing_stages " + id + " (" + B + "/reserve)",
                     "no audit entry records this row: inserted outside Ladder");
}

BOOST_AUTO_TEST_CASE(listing_stage_deleted) {
    Registry r;
    require_proved(r);
    r.store.raw_sql("DELETE FROM listing_stages WHERE id = 2");  // the rejected share reform
    require_detected(r, "listing_stages 2 (" + A + "/share_reform)", "deleted outside Ladder");
}

// --- the trail itself ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(trail_entry_edited) {
    Registry r;
    require_proved(r);
    // The entry and the row changed together, so that the row matches its entry again (A's
    // rename in the firm window: an entry of its own, not a chunk of an import).
    const std::string entry = r.last_entry("firm", A);
    r.store.raw_sql(
        "UPDATE audit_log SET after_value = REPLACE(after_value, '甲科技', '篡改') WHERE "
        "id = " +
        entry);
    r.store.raw_sql("UPDATE firms SET name = '篡改' WHERE credit_code = '" + A + "'");
    auto v = r.verify();
    BOOST_TEST(v.status == 1);
    BOOST_TEST(contains(v.err, "audit trail broken at entry " + entry + ": entry " + entry +
                                   " was changed after it was written"),
               v.err);
}

BOOST_AUTO_TEST_CASE(trail_truncated_head_left) {
    Registry r;
    require_proved(r);
    const long long last = r.newest_entry();
    r.store.raw_sql("DELETE FROM audit_log WHERE id > " + std::to_string(last - 3));
    auto v = r.verify();
    BOOST_TEST(v.status == 1);
    BOOST_TEST(contains(v.err, "the newest entries were deleted"), v.err);
}

BOOST_AUTO_TEST_CASE(trail_truncated_head_rewritten) {
    Registry r;
    require_proved(r);
    const std::string anchor = r.head();
    // The newest entries are the last listing proposal and the review before it: rows they
    // account for lose their entries.
    const long long last = r.newest_entry();
    r.store.raw_sql("DELETE FROM audit_log WHERE id > " + std::to_string(last - 2));
    r.rewrite_head();
    require_detected(r, "listing_stages 3 (" + A + "/share_reform)",
                     "no audit entry records this row: inserted outside Ladder");
    // And the head printed on an earlier report says what is missing.
    auto anchored = r.verify(" --anchor " + anchor);
    BOOST_TEST(anchored.status == 1);
    BOOST_TEST(
        contains(anchored.err, "anchor " + anchor + " does not hold: the trail has no entry " +
                                   std::to_string(last) + " (its newest is entry " +
                                   std::to_string(last - 2) + ")"),
        anchored.err);
}

BOOST_AUTO_TEST_CASE(trail_truncated_head_rewritten_no_row_affected) {
    Registry r;
    // Failed sign-ins are the newest entries: no row depends on them.
    for (int i = 0; i < 2; ++i)
        BOOST_CHECK_THROW(r.users.login("rev1", "wrong"), AuthenticationError);
    require_proved(r);
    const std::string anchor = r.head();
    const long long last = r.newest_entry();
    r.store.raw_sql("DELETE FROM audit_log WHERE id > " + std::to_string(last - 2));
    r.rewrite_head();
    // The trail alone cannot tell it ends early...
    BOOST_TEST(r.verify().status == 0);
    // ...the anchor kept outside the database can.
    auto anchored = r.verify(" --anchor " + anchor);
    BOOST_TEST(anchored.status == 1);
    BOOST_TEST(contains(anchored.err, "the trail has no entry " + std::to_string(last)),
               anchored.err);
    // An anchor the trail still holds passes.
    const std::string earlier =
        std::to_string(last - 2) + ":" +
        r.value("SELECT hash FROM audit_log WHERE id = " + std::to_string(last - 2));
    auto held = r.verify(" --anchor " + earlier);
    BOOST_TEST(held.status == 0, held.err);
    BOOST_TEST(contains(held.out, "anchor " + earlier + ": entry " + std::to_string(last - 2) +
                                      " is in the trail"),
               held.out);
}

BOOST_AUTO_TEST_CASE(trail_tail_rewritten_with_a_valid_chain) {
    Registry r;
    BOOST_CHECK_THROW(r.users.login("rev1", "wrong"), AuthenticationError);
    require_proved(r);
    const std::string anchor = r.head();
    const long long last = r.newest_entry();
    // The newest entry replaced by another that links and hashes correctly (anyone can compute
    // SHA-256): the chain and the head verify, the anchor does not.
    r.store.raw_sql("DELETE FROM audit_log WHERE id = " + std::to_string(last));
    r.rewrite_head();
    AuditEntry forged;
    forged.action = "login_failed";
    forged.entity = "user";
    forged.entity_key = "rev2";
    forged.after = "failures=1";
    {
        Transaction tx(r.db);
        AuditRepository(r.db).append({forged}, "rev2");
        tx.commit();
    }
    // (On SQLite the id of a deleted newest row may be reused; on PostgreSQL the sequence
    // moves on. Either way entry `last` no longer has the anchored hash.)
    BOOST_TEST(r.verify().status == 0);
    auto anchored = r.verify(" --anchor " + anchor);
    BOOST_TEST(anchored.status == 1);
    BOOST_TEST(contains(anchored.err, "anchor " + anchor + " does not hold: "), anchored.err);
}

BOOST_AUTO_TEST_CASE(trail_entries_reordered) {
    Registry r;
    require_proved(r);
    // Two entries swapped by their ids.
    r.store.raw_sql("UPDATE audit_log SET id = -1 WHERE id = 10");
    r.store.raw_sql("UPDATE audit_log SET id = 10 WHERE id = 11");
    r.store.raw_sql("UPDATE audit_log SET id = 11 WHERE id = -1");
    auto v = r.verify();
    BOOST_TEST(v.status == 1);
    BOOST_TEST(contains(v.err,
                        "audit trail broken at entry 10: entry 10 does not link to the "
                        "entry before it"),
               v.err);
}

BOOST_AUTO_TEST_CASE(anchor_not_of_this_trail) {
    // A registry put in place of another (a swapped PostgreSQL dump restored, another file):
    // the head printed when the original was made is not in it.
    Registry original;
    const std::string anchor = original.head();
    TestDatabase other_store;
    {
        Database other = Database::open(other_store.url());
        UserService users(other);
        add_workflow_staff(users);
    }
    auto v = run_cli(other_store.dir().path(),
                     other_store.cli_args() + " audit verify --anchor " + anchor);
    BOOST_TEST(v.status == 1);
    BOOST_TEST(contains(v.err, "anchor " + anchor + " does not hold: "), v.err);
    // A malformed anchor is a usage error.
    auto malformed =
        run_cli(other_store.dir().path(), other_store.cli_args() + " audit verify --anchor 12:abc");
    BOOST_TEST(malformed.status == 2);
    BOOST_TEST(contains(malformed.err, "--anchor 12:abc: expected N:HASH"), malformed.err);
}

BOOST_AUTO_TEST_CASE(swapped_backup) {
    // Backups are SQLite files (PostgreSQL's are pg_dump's, checked as anchor_not_of_this_trail
    // shows); this runs the same under both suites.
    TempDir dir;
    auto cli = [&](const std::string& args) { return run_cli(dir.path(), args); };
    BOOST_TEST_REQUIRE(cli("--db reg.db demo --firms 20").status == 0);
    BOOST_TEST_REQUIRE(cli("--db other.db demo --firms 25 --seed 7").status == 0);
    auto made = cli("--db reg.db backup reg-backup.db");
    BOOST_TEST_REQUIRE(made.status == 0, made.err);
    const std::string head = cli("--db reg.db audit head").out;
    const std::string anchor = head.substr(0, head.size() - 1);
    BOOST_TEST(contains(made.out, "at audit head " + anchor), made.out);
    BOOST_TEST(read_file(dir / "reg-backup.db.head") == anchor + "\n");
    BOOST_TEST(cli("--db reg-backup.db audit verify --anchor " + anchor).status == 0);

    // Another registry's backup put under the backup's name.
    BOOST_TEST_REQUIRE(cli("--db other.db backup other-backup.db").status == 0);
    fs::copy_file(dir / "other-backup.db", dir / "reg-backup.db",
                  fs::copy_options::overwrite_existing);
    auto swapped = cli("--db reg-backup.db audit verify --anchor " + anchor);
    BOOST_TEST(swapped.status == 1);
    BOOST_TEST(contains(swapped.err, "anchor " + anchor + " does not hold: "), swapped.err);
    // Restore refuses it: the side file names an entry the file does not hold.
    auto restored = cli("--db reg.db restore reg-backup.db");
    BOOST_TEST(restored.status == 1);
    BOOST_TEST(contains(restored.err, "reg-backup.db: does not hold audit entry " + anchor +
                                          " that reg-backup.db.head names: it is not the backup "
                                          "that was made (swapped or altered)"),
               restored.err);
    BOOST_TEST(cli("--db reg.db audit verify").status == 0);
}
