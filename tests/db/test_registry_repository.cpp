// Repositories on a real temporary SQLite file.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <map>

#include "db/audit_repository.hpp"
#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/demo.hpp"
#include "model/import_schema.hpp"
#include "model/regions.hpp"
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
    y.set(Measure::revenue, (100000 + i) * 10000);  // 1000.00 万元 and up, in fen
    if (i % 5) y.set(Measure::net_profit, -i * 10000);
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
    t.raw_sql(
        "INSERT INTO schema_version (version, applied_at, description) VALUES (999, '2030-01-01', "
        "'x')");
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
    figs[4].set(Measure::revenue, 10000);
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
    y.set(Measure::net_profit, -12050000);   // signed money
    y.set(Measure::rd_expense, 1234567);     // to the fen
    y.set(Measure::innovation_score, 8550);  // score
    y.set(Measure::rank_global, 7);          // rank
    y.set(Measure::quality_cert, 1);         // flags
    y.set(Measure::major_incident, 0);
    std::vector<std::string> header = export_header(RecordKind::figures), cells = to_cells(y);
    std::string expected;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (cells[i].empty()) continue;
        expected += (expected.empty() ? "" : "; ") + header[i] + "=" + cells[i];
    }
    BOOST_TEST(audit_text(y) == expected);
    BOOST_TEST(audit_text(y).find("net_profit=-12.05; ") != std::string::npos, audit_text(y));
    BOOST_TEST(audit_text(y).find("rd_expense=1.234567; ") != std::string::npos, audit_text(y));
    BOOST_TEST(audit_text(y).find("innovation_score=85.50; ") != std::string::npos, audit_text(y));
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
    for (std::size_t i = 1; i < entries.size(); ++i)
        BOOST_TEST(entries[i - 1].entity_key < entries[i].entity_key);
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

namespace {

// The registry as the whole-table loads read it (an independent read path): one record per
// firm, in the loads' key order.
std::vector<FirmRecord> loaded_records(RegistryRepository& repo) {
    std::vector<FirmRecord> out;
    std::map<std::string, std::size_t> at;
    for (Firm& f : repo.load_firms()) {
        at.emplace(f.credit_code, out.size());
        out.push_back({std::move(f), {}, {}, {}, {}});
    }
    for (YearFigures& y : repo.load_figures())
        out.at(at.at(y.credit_code)).figures.push_back(std::move(y));
    for (Recognition& r : repo.load_recognitions())
        out.at(at.at(r.credit_code)).recognitions.push_back(std::move(r));
    return out;
}

bool same_records(const std::vector<FirmRecord>& a, const std::vector<FirmRecord>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        BOOST_TEST_CONTEXT("firm " << b[i].firm.credit_code) {
            BOOST_TEST((a[i].firm == b[i].firm));
            BOOST_TEST((a[i].figures == b[i].figures));
            BOOST_TEST((a[i].recognitions == b[i].recognitions));
        }
        if (!(a[i].firm == b[i].firm && a[i].figures == b[i].figures &&
              a[i].recognitions == b[i].recognitions))
            return false;
    }
    return true;
}

}  // namespace

// for_each_firm_record (on SQLite the native read path, which reuses the records from chunk to
// chunk) returns exactly what the whole-table loads return, whatever the chunk size: absent
// figure values, absent optional firm fields, firms without figures or recognitions included.
BOOST_AUTO_TEST_CASE(streamed_records_equal_the_loaded_tables) {
    TestDatabase t;
    Database db = Database::open(t.url());
    RegistryRepository repo(db);
    DemoOptions options;
    options.firms = 600;
    options.seed = 11;
    options.today = Date(2021, 6, 30);
    {
        Transaction tx(db);
        generate_demo(options, RegionTable::shipped(), 250, [&](DemoBatch&& batch) {
            repo.upsert_firms(batch.firms, nullptr, true);
            repo.upsert_figures(batch.figures, nullptr, true);
            repo.upsert_recognitions(batch.recognitions, nullptr, true);
        });
        // Hand-made extremes beside the demo firms: every optional field absent and no rows
        // at all; every field present with a figures row holding one value and a bare one.
        Firm bare = firm(3);
        bare.credit_code = code_for(9000003);
        bare.region_code.clear();
        bare.niche_since.reset();
        bare.hnte_field.reset();
        Firm full = firm(6);
        full.credit_code = code_for(9000006);
        full.industry_code = "C3985";
        full.chain = "other";
        full.name = "制\t造\n\"有限\"公司";
        full.listed_on = Date(2019, 11, 5);
        full.hnte_field = false;
        repo.upsert_firms({bare, full}, nullptr);
        YearFigures one, none;
        one.credit_code = none.credit_code = full.credit_code;
        one.year = 2018;
        one.set(Measure::major_incident, 0);
        none.year = 2019;
        repo.upsert_figures({one, none}, nullptr);
        Recognition open, closed;
        open.credit_code = closed.credit_code = full.credit_code;
        open.tier = closed.tier = "high_tech";
        open.approved_on = open.valid_from = Date(2020, 1, 2);
        closed.approved_on = closed.valid_from = Date(2017, 1, 2);
        closed.valid_to = Date(2019, 12, 31);
        closed.doc_no = "赣科发〔2017〕1号";
        repo.upsert_recognitions({open, closed}, nullptr);
        tx.commit();
    }
    const std::vector<FirmRecord> expected = loaded_records(repo);
    BOOST_REQUIRE(expected.size() == 602u);
    // The data holds what the comparison is about.
    std::size_t absent_values = 0, absent_fields = 0, no_figures = 0, open_ended = 0, listed = 0;
    for (const auto& r : expected) {
        for (const auto& y : r.figures)
            for (const auto& m : kMeasures) absent_values += !y.get(m.measure).has_value();
        absent_fields += r.firm.region_code.empty() + !r.firm.niche_since + !r.firm.hnte_field;
        no_figures += r.figures.empty();
        listed += r.firm.listed_on.has_value();
        for (const auto& x : r.recognitions) open_ended += !x.valid_to;
    }
    BOOST_TEST(absent_values > 0u);
    BOOST_TEST(absent_fields > 0u);
    BOOST_TEST(no_figures > 0u);
    BOOST_TEST(open_ended > 0u);
    BOOST_TEST(listed > 0u);

    auto streamed = [&](std::size_t chunk, std::size_t* chunks = nullptr) {
        std::vector<FirmRecord> out;
        repo.for_each_firm_record(chunk, [&](std::vector<FirmRecord>& batch) {
            if (chunks) ++*chunks;
            out.insert(out.end(), batch.begin(), batch.end());  // copies: the vector is reused
        });
        return out;
    };
    for (std::size_t chunk : {1u, 7u, 250u, 602u, 5000u}) {
        BOOST_TEST_CONTEXT("chunk " << chunk) {
            std::size_t chunks = 0;
            BOOST_TEST(same_records(streamed(chunk, &chunks), expected));
            BOOST_TEST(chunks == (602u + chunk - 1) / chunk);
        }
    }
    // Inside a caller's transaction (no snapshot of its own) the walk reads the same.
    ReadSnapshot snapshot(db);
    BOOST_TEST(same_records(streamed(64), expected));
}

// The common-control test reads the titles of the other firms with the same controlling
// shareholder or group: point reads and the streamed walk find them, and nobody else's.
BOOST_AUTO_TEST_CASE(firms_under_the_same_control_see_each_others_titles) {
    TestDatabase t;
    Database db = Database::open(t.url());
    RegistryRepository repo(db);
    Firm holder = firm(1), sister = firm(2), cousin = firm(3), stranger = firm(4);
    holder.controlling_shareholder = "赣江控股有限公司";
    holder.business_group = "赣江集团";
    sister.controlling_shareholder = "赣江控股有限公司";
    cousin.business_group = "赣江集团";
    stranger.controlling_shareholder = "庐山投资";
    Recognition giant{holder.credit_code, "little_giant", Date(2024, 7, 1),
                      Date(2024, 7, 1),   std::nullopt,   "工信部企业函〔2024〕1号"};
    {
        Transaction tx(db);
        repo.upsert_firms({holder, sister, cousin, stranger}, nullptr);
        repo.upsert_recognitions({giant}, nullptr);
        tx.commit();
    }
    // Stored and read back (the new columns round-trip).
    BOOST_TEST(repo.find_firm(sister.credit_code)->controlling_shareholder == "赣江控股有限公司");
    BOOST_TEST(repo.find_firm(cousin.credit_code)->business_group == "赣江集团");

    auto titles_of = [&](const Firm& f) {
        return repo.firm_record(f.credit_code)->controlled_titles;
    };
    BOOST_TEST_REQUIRE(titles_of(sister).size() == 1u);
    BOOST_TEST((titles_of(sister)[0].title == giant));
    BOOST_TEST(titles_of(sister)[0].firm_name == holder.name);
    BOOST_TEST(titles_of(cousin).size() == 1u);  // by the group
    BOOST_TEST(titles_of(holder).empty());       // its own title is not "another firm's"
    BOOST_TEST(titles_of(stranger).empty());

    std::map<std::string, std::size_t> streamed;
    repo.for_each_firm_record(2, [&](std::vector<FirmRecord>& chunk) {
        for (const auto& r : chunk) streamed[r.firm.credit_code] = r.controlled_titles.size();
    });
    BOOST_TEST(streamed[sister.credit_code] == 1u);
    BOOST_TEST(streamed[cousin.credit_code] == 1u);
    BOOST_TEST(streamed[holder.credit_code] == 0u);
    BOOST_TEST(streamed[stranger.credit_code] == 0u);
}
