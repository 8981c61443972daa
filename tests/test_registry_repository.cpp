// Repositories on a real temporary SQLite file.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "db/audit_repository.hpp"
#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/import_schema.hpp"
#include "model/uscc.hpp"
#include "test_support.hpp"

using namespace ladder;
using ladder::test::TempDir;
using ladder::test::TestDatabase;

namespace {
std::string code_for(int i) {
    char stem[32];  // room for any int; the codes used stay at 17 characters
    std::snprintf(stem, sizeof stem, "91360100MA%07d", i % 10000000);
    return std::string(stem) + *uscc_check_character(stem);
}

Firm firm(int i) {
    Firm f;
    f.credit_code = code_for(i);
    f.name = "企业" + std::to_string(i);
    f.region_code = "360102";
    f.founded = Date(2000 + i % 20, 1 + i % 12, 1 + i % 28);
    if (i % 3 == 0) f.niche_since = 2010;
    if (i % 2 == 0) f.hnte_field = i % 4 == 0;
    return f;
}

YearFigures figures(int i, int year) {
    YearFigures y;
    y.credit_code = code_for(i);
    y.year = year;
    y.set(Measure::revenue, 100000 + i);
    if (i % 5) y.set(Measure::net_profit, -i);
    y.set(Measure::employees, i % 700);
    return y;
}

}  // namespace

BOOST_AUTO_TEST_CASE(new_database_is_private_and_migrated) {
    if (TestDatabase::on_postgresql()) return;  // a file-mode property of the SQLite backend
    TempDir dir;
    auto path = dir / "sub" / "ladder.db";
    Database db = Database::open_file(path);
    BOOST_TEST(db.schema_version() >= 1);
    struct stat st {};
    BOOST_TEST(::stat(path.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600);
}

BOOST_AUTO_TEST_CASE(newer_schema_is_refused) {
    TestDatabase t;
    { Database db = Database::open(t.url()); }
    t.raw_sql("INSERT INTO schema_version (version, applied_at, description) VALUES (999, '2030-01-01', 'x')");
    BOOST_CHECK_THROW(Database::open(t.url()), SchemaError);
}

BOOST_AUTO_TEST_CASE(bulk_upsert_and_stream_many_firms) {
    TestDatabase t;
    Database db = Database::open(t.url());
    RegistryRepository repo(db);
    std::vector<Firm> firms;
    std::vector<YearFigures> figs;
    for (int i = 0; i < 25000; ++i) {
        firms.push_back(firm(i));
        for (int y = 2017; y <= 2019; ++y) figs.push_back(figures(i, y));
    }
    {
        Transaction tx(db);
        auto s1 = repo.upsert_firms(firms, nullptr);
        auto s2 = repo.upsert_figures(figs, nullptr);
        tx.commit();
        BOOST_TEST(s1.inserted == 25000u);
        BOOST_TEST(s2.inserted == 75000u);
    }
    BOOST_TEST(repo.count_firms() == 25000u);
    BOOST_TEST(repo.count_figures() == 75000u);
    BOOST_TEST((*repo.find_firm(code_for(17)) == firm(17)));

    std::size_t seen = 0, batches = 0;
    std::string last;
    repo.for_each_firm_record(4000, [&](std::vector<FirmRecord>& batch) {
        ++batches;
        for (auto& rec : batch) {
            BOOST_REQUIRE(rec.firm.credit_code > last);
            last = rec.firm.credit_code;
            BOOST_REQUIRE(rec.figures.size() == 3u);
            BOOST_REQUIRE(rec.figures[0].year == 2017);
            ++seen;
        }
    });
    BOOST_TEST(seen == 25000u);
    BOOST_TEST(batches == 7u);

    // Re-upsert: unchanged rows are left alone, changed ones updated with before/after audit.
    figs[4].set(Measure::revenue, 1);
    std::vector<YearFigures> again(figs.begin(), figs.begin() + 10);
    std::vector<AuditEntry> audit;
    Transaction tx(db);
    auto s = repo.upsert_figures(again, &audit);
    tx.commit();
    BOOST_TEST(s.updated == 1u);
    BOOST_TEST(s.unchanged == 9u);
    BOOST_REQUIRE(audit.size() == 1u);
    BOOST_TEST(audit[0].action == "update");
    BOOST_TEST(audit[0].before->find("revenue=1000.01") != std::string::npos, *audit[0].before);
    BOOST_TEST(audit[0].after->find("revenue=0.01") != std::string::npos, *audit[0].after);
}

BOOST_AUTO_TEST_CASE(rollback_leaves_nothing) {
    TestDatabase t;
    Database db = Database::open(t.url());
    RegistryRepository repo(db);
    try {
        Transaction tx(db);
        repo.upsert_firms({firm(1), firm(2)}, nullptr);
        throw std::runtime_error("crash mid-way");
    } catch (const std::runtime_error&) {
    }
    BOOST_TEST(repo.count_firms() == 0u);
}

BOOST_AUTO_TEST_CASE(audit_chain_detects_edits_and_deletions) {
    TestDatabase t;
    {
        Database db = Database::open(t.url());
        std::vector<AuditEntry> entries(5);
        for (int i = 0; i < 5; ++i) {
            entries[i].action = "insert";
            entries[i].entity = "firm";
            entries[i].entity_key = code_for(i);
            entries[i].after = "name=企业" + std::to_string(i);
        }
        Transaction tx(db);
        AuditRepository(db).append(entries, "clerk");
        tx.commit();
        auto v = AuditRepository(db).verify();
        BOOST_TEST(v.intact);
        BOOST_TEST(v.entries_checked == 5u);
    }
    t.raw_sql("UPDATE audit_log SET after_value = 'name=篡改' WHERE id = 3");
    {
        Database db = Database::open(t.url());
        auto v = AuditRepository(db).verify();
        BOOST_TEST(!v.intact);
        BOOST_TEST(v.first_bad_id == 3);
    }
    t.raw_sql("DELETE FROM audit_log WHERE id = 3");
    {
        Database db = Database::open(t.url());
        auto v = AuditRepository(db).verify();
        BOOST_TEST(!v.intact);
        BOOST_TEST(v.first_bad_id == 4);
    }
}

BOOST_AUTO_TEST_CASE(figures_audit_text_is_the_export_cells) {
    YearFigures y = figures(3, 2019);
    y.set(Measure::net_profit, -1205);     // signed money
    y.set(Measure::innovation_score, 8550);  // score
    y.set(Measure::rank_global, 7);        // rank
    y.set(Measure::quality_cert, 1);       // flags
    y.set(Measure::major_incident, 0);
    std::vector<std::string> header = export_header(RecordKind::Figures), cells = to_cells(y);
    std::string expected;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (cells[i].empty()) continue;
        expected += (expected.empty() ? "" : "; ") + header[i] + "=" + cells[i];
    }
    BOOST_TEST(audit_text(y) == expected);
    BOOST_TEST(audit_text(y).find("net_profit=-12.05; ") != std::string::npos, audit_text(y));
    BOOST_TEST(audit_text(y).find("quality_cert=yes") != std::string::npos, audit_text(y));
}

BOOST_AUTO_TEST_CASE(upsert_streams_one_audit_entry_per_change_across_chunks) {
    TestDatabase t;
    Database db = Database::open(t.url());
    RegistryRepository repo(db);
    std::vector<Firm> firms;
    for (int i = 0; i < 12000; ++i) firms.push_back(firm(i));
    // Text the bulk writers must carry unchanged (COPY escapes tabs, newlines and backslashes).
    firms[5].name = "制\t造\\n业\n\"有限\"公司\r";
    firms[6].industry_code.clear();
    {
        Transaction tx(db);
        std::vector<AuditEntry> audit;
        BOOST_TEST(repo.upsert_firms(firms, &audit).inserted == 12000u);
        tx.commit();
        BOOST_TEST(audit.size() == 12000u);
        BOOST_TEST(audit.front().action == "insert");
        BOOST_TEST(audit.front().entity == "firm");
    }
    BOOST_TEST((*repo.find_firm(code_for(5)) == firms[5]));
    BOOST_TEST((*repo.find_firm(code_for(6)) == firms[6]));

    // Changes on both sides of a 10,000-row chunk, plus new firms.
    firms[2].name = "改名一";
    firms[11999].name = "改名二";
    for (int i = 12000; i < 12003; ++i) firms.push_back(firm(i));
    std::vector<std::size_t> batch_sizes;
    std::vector<AuditEntry> entries;
    Transaction tx(db);
    auto s = repo.upsert(firms, [&](std::vector<AuditEntry>&& batch) {
        batch_sizes.push_back(batch.size());
        for (auto& e : batch) entries.push_back(std::move(e));
    });
    tx.commit();
    BOOST_TEST(s.inserted == 3u);
    BOOST_TEST(s.updated == 2u);
    BOOST_TEST(s.unchanged == 11998u);
    BOOST_TEST(entries.size() == 5u);
    BOOST_TEST(batch_sizes.size() == 2u);  // one call per chunk that had changes
    for (std::size_t i = 1; i < entries.size(); ++i) BOOST_TEST(entries[i - 1].entity_key < entries[i].entity_key);
    std::size_t updates = 0;
    for (const auto& e : entries) {
        if (e.action != "update") continue;
        ++updates;
        BOOST_TEST(e.before.has_value());
        BOOST_TEST(e.after->find("name=改名") != std::string::npos, *e.after);
    }
    BOOST_TEST(updates == 2u);
    BOOST_TEST(repo.find_firm(code_for(11999))->name == "改名二");
    BOOST_TEST(repo.count_firms() == 12003u);
}
