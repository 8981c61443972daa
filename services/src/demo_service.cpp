#include "services/demo_service.hpp"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "db/audit_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/import_schema.hpp"
#include "model/regions.hpp"

namespace ladder {

namespace {
// The audit entry that marks a demo registry (is_demo_registry looks for it).
constexpr const char* kDemoAction = "demo";
constexpr const char* kDemoEntity = "registry";
constexpr std::size_t kBatch = 50000;
}  // namespace

DemoCounts fill_demo_registry(Database& db, const DemoOptions& options) {
    DemoCounts n;
    RegistryRepository repo(db);
    // A demo fills an empty registry: every record is new (credit codes are unique by
    // construction), so no batch looks for stored rows.
    if (repo.count_firms() != 0)
        throw UsageError(
            _("the registry is not empty; the demo fills a new registry (use --db "
              "NEW_FILE)"));
    Transaction tx(db);
    // Every row is audited as an import would audit it, so that the trail proves the
    // demo registry as it proves a real one (`audit verify`).
    AuditRepository audit(db);
    AuditSink record = [&](std::vector<AuditEntry>&& entries) {
        audit.append(std::move(entries), "system");
    };
    generate_demo(options, RegionTable::shipped(), kBatch, [&](DemoBatch&& batch) {
        n.firms += repo.upsert(batch.firms, record, true).inserted;
        n.figures += repo.upsert(batch.figures, record, true).inserted;
        n.recognitions += repo.upsert(batch.recognitions, record, true).inserted;
    });
    AuditEntry entry;
    entry.action = kDemoAction;
    entry.entity = kDemoEntity;
    entry.entity_key = db.description();
    entry.after = fmt::format("firms={} figures={} recognitions={} seed={}", n.firms, n.figures,
                              n.recognitions, options.seed);
    audit.append({entry}, "system");
    tx.commit();
    return n;
}

DemoCounts write_demo_files(const std::filesystem::path& dir, const DemoOptions& options) {
    DemoCounts n;
    // The benchmark's input: the import format, exactly as a clerk's file would be.
    std::filesystem::create_directories(dir);
    // Streamed batch by batch: a million firms never sit in memory as text.
    std::ofstream f(dir / "firms.csv", std::ios::binary), y(dir / "figures.csv", std::ios::binary),
        r(dir / "recognitions.csv", std::ios::binary);
    write_csv_record(f, export_header(RecordKind::firms));
    write_csv_record(y, export_header(RecordKind::figures));
    write_csv_record(r, export_header(RecordKind::recognitions));
    generate_demo(options, RegionTable::shipped(), kBatch, [&](DemoBatch&& batch) {
        for (const auto& x : batch.firms) write_csv_record(f, to_cells(x));
        for (const auto& x : batch.figures) write_csv_record(y, to_cells(x));
        for (const auto& x : batch.recognitions) write_csv_record(r, to_cells(x));
        n.firms += batch.firms.size();
        n.figures += batch.figures.size();
        n.recognitions += batch.recognitions.size();
    });
    if (!f || !y || !r) throw std::runtime_error(_("cannot write the demo files"));
    return n;
}

bool is_demo_registry(Database& db) {
    return AuditRepository(db).contains(kDemoAction, kDemoEntity);
}

}  // namespace ladder
