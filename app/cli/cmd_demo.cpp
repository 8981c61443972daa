// demo: a synthetic Jiangxi registry for trying Ladder out and for benchmarks.
#include <fmt/format.h>

#include "command.hpp"
#include "db/audit_repository.hpp"
#include "db/database.hpp"
#include "db/registry_repository.hpp"
#include "model/demo.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/import_schema.hpp"
#include "model/csv.hpp"

#include <fstream>

namespace ladder::cli {
namespace {

struct DemoArgs {
    std::size_t firms = 2000;
    uint64_t seed = 2020;
    std::string csv_dir;
};

LADDER_CLI_COMMAND(40, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<DemoArgs>();
    auto* cmd = app.add_subcommand(
        "demo", _("fill the registry with a synthetic Jiangxi registry (firms, figures "
                  "2015–2019, recognitions)"));
    cmd->add_option("--firms", args->firms, _("number of firms (default 2000)"))
        ->check(CLI::Range(1, 5000000));
    cmd->add_option("--seed", args->seed, _("random seed; the same seed gives the same registry"));
    cmd->add_option(
        "--csv-dir", args->csv_dir,
        _("write firms.csv, figures.csv and recognitions.csv there instead of the database"));
    cmd->callback([&ctx, args] {
        DemoOptions options;
        options.firms = args->firms;
        options.seed = args->seed;
        const RegionTable& regions = RegionTable::shipped();
        std::size_t firms = 0, figures = 0, recognitions = 0;
        if (!args->csv_dir.empty()) {
            // The benchmark's input: the import format, exactly as a clerk's file would be.
            std::filesystem::path dir = args->csv_dir;
            std::filesystem::create_directories(dir);
            // Streamed batch by batch: a million firms never sit in memory as text.
            std::ofstream f(dir / "firms.csv", std::ios::binary),
                y(dir / "figures.csv", std::ios::binary),
                r(dir / "recognitions.csv", std::ios::binary);
            write_csv_record(f, export_header(RecordKind::Firms));
            write_csv_record(y, export_header(RecordKind::Figures));
            write_csv_record(r, export_header(RecordKind::Recognitions));
            generate_demo(options, regions, 50000, [&](DemoBatch&& batch) {
                for (const auto& x : batch.firms) write_csv_record(f, to_cells(x));
                for (const auto& x : batch.figures) write_csv_record(y, to_cells(x));
                for (const auto& x : batch.recognitions) write_csv_record(r, to_cells(x));
                firms += batch.firms.size();
                figures += batch.figures.size();
                recognitions += batch.recognitions.size();
            });
            if (!f || !y || !r) throw std::runtime_error(_("cannot write the demo files"));
        } else {
            Database db = ctx.open_database(OpenMode::create);
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
            generate_demo(options, regions, 50000, [&](DemoBatch&& batch) {
                firms += repo.upsert(batch.firms, record, true).inserted;
                figures += repo.upsert(batch.figures, record, true).inserted;
                recognitions += repo.upsert(batch.recognitions, record, true).inserted;
            });
            AuditEntry entry;
            entry.action = "demo";
            entry.entity = "registry";
            entry.entity_key = db.description();
            entry.after = fmt::format("firms={} figures={} recognitions={} seed={}", firms, figures,
                                      recognitions, options.seed);
            audit.append({entry}, "system");
            tx.commit();
        }
        *ctx.out << fmt::format(fmt::runtime(
                                    _("demo registry: {} firms, {} figures rows, {} recognitions")),
                                firms, figures, recognitions)
                 << '\n';
    });
});

}  // namespace
}  // namespace ladder::cli
