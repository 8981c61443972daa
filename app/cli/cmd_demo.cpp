// demo: a synthetic Jiangxi registry for trying Ladder out and for benchmarks.
#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "model/i18n.hpp"
#include "services/demo_service.hpp"

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
        DemoCounts n;
        if (!args->csv_dir.empty()) {
            n = write_demo_files(args->csv_dir, options);
        } else {
            Database db = ctx.open_database(OpenMode::create);
            n = fill_demo_registry(db, options);
        }
        *ctx.out << fmt::format(fmt::runtime(
                                    _("demo registry: {} firms, {} figures rows, {} recognitions")),
                                n.firms, n.figures, n.recognitions)
                 << '\n';
        if (n.applications)
            *ctx.out << fmt::format(fmt::runtime(_("{} applications wait in review, submitted by "
                                                   "the demo's clerk")),
                                    n.applications)
                     << '\n';
    });
});

}  // namespace
}  // namespace ladder::cli
