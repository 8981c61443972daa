// negative set / list / import / flags: the negative list (否决项) of each firm, recorded by
// clerks and audited. Thin: the rules are model/negative_list.hpp's, the use cases
// NegativeListService's.
#include <fmt/format.h>

#include "command.hpp"
#include "db/database.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/negative_list.hpp"
#include "model/rules/rule_set.hpp"
#include "model/table.hpp"
#include "model/tiers.hpp"
#include "rules_text.hpp"
#include "services/negative_list_service.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct NegativeArgs {
    std::string user, firm, item, verdict, source, date, file, format = "table";
};

std::string day(const std::optional<Date>& d) {
    return d ? d->to_string() : std::string();
}

void print_checks(std::ostream& out, const std::vector<NegativeCheck>& checks,
                  const std::string& format) {
    if (format == "csv") {
        // The import's own columns: the file imports again as it is.
        out << "credit_code,item,verdict,source,checked_on\n";
        for (const auto& c : checks) {
            std::string line;
            append_csv_field(line, c.credit_code);
            line += ',';
            line += negative_item_id(c.item);
            line += ',';
            line += negative_verdict_id(c.verdict);
            line += ',';
            append_csv_field(line, c.source);
            line += ',';
            line += day(c.checked_on);
            out << line << '\n';
        }
        return;
    }
    TextTable table({_("Credit code"), _("Item"), _("Verdict"), _("Source"), _("Checked on")});
    for (const auto& c : checks)
        table.add({c.credit_code, std::string(negative_item_zh(c.item)),
                   std::string(negative_verdict_zh(c.verdict)), c.source, day(c.checked_on)});
    table.print(out);
}

LADDER_CLI_COMMAND(27, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<NegativeArgs>();
    auto* negative = app.add_subcommand(
        "negative", _("the negative list (否决项) of each firm: set, list, import, flags"));
    negative->require_subcommand(1);

    auto* set = negative->add_subcommand(
        "set", _("record one item's check: --firm --item --verdict yes|no|not-checked "
                 "--source --date (clerks)"));
    set->add_option("--firm", args->firm, _("credit code"))->required();
    set->add_option("--item", args->item,
                    _("accident, security_incident, environment, quality, abnormal_operation, "
                      "dishonesty or fraud (or the Chinese name)"))
        ->required();
    set->add_option("--verdict", args->verdict, _("yes, no or not-checked (是/否/未核查)"))
        ->required();
    set->add_option("--source", args->source,
                    _("where it was checked, e.g. 信用中国, 国家企业信用信息公示系统"));
    set->add_option("--date", args->date, _("date of the check (default today)"));
    add_user_option(set, args->user);
    set->callback([&ctx, args] {
        NegativeCheck c;
        c.credit_code = args->firm;
        auto item = parse_negative_item(args->item);
        if (!item) throw UsageError(fmt::format(fmt::runtime(_("unknown item {}")), args->item));
        auto verdict = parse_negative_verdict(args->verdict);
        if (!verdict)
            throw UsageError(
                fmt::format(fmt::runtime(_("{} is not 是, 否 or 未核查")), args->verdict));
        c.item = *item;
        c.verdict = *verdict;
        c.source = args->source;
        if (c.verdict != NegativeVerdict::not_checked || !args->date.empty())
            c.checked_on = date_option(args->date);
        Database db = ctx.open_database();
        bool changed = NegativeListService(db).record(registry_editor(db, args->user), c);
        *ctx.out << fmt::format(
                        fmt::runtime(changed ? _("{} {}: {} recorded") : _("{} {}: {} unchanged")),
                        c.credit_code, negative_item_zh(c.item), negative_verdict_zh(c.verdict))
                 << '\n';
    });

    auto* list = negative->add_subcommand(
        "list", _("the checks recorded, of one firm (--firm, with the items not checked) or all"));
    list->add_option("--firm", args->firm, _("credit code"));
    list->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    list->callback([&ctx, args] {
        Database db = ctx.open_database();
        NegativeListService service(db);
        if (args->firm.empty()) {
            print_checks(*ctx.out, service.all(), args->format);
            return;
        }
        print_checks(*ctx.out, service.of_firm(args->firm), args->format);
        if (args->format == "csv") return;
        NegativeStatus s = service.status(args->firm);
        std::string unchecked;
        for (NegativeItem i : s.unchecked)
            unchecked += (unchecked.empty() ? "" : "、") + std::string(negative_item_zh(i));
        if (!unchecked.empty())
            *ctx.out << fmt::format(fmt::runtime(_("Not checked: {}")), unchecked) << '\n';
        if (!s.found.empty())
            *ctx.out << fmt::format(fmt::runtime(_("Items found: {} — new applications are "
                                                   "refused under national-2026")),
                                    s.found.size())
                     << '\n';
    });

    auto* import = negative->add_subcommand(
        "import", _("import checks from CSV or XLSX: 统一社会信用代码, 否决项, 核查结论, 核查来源, "
                    "核查日期 (a partial file changes only what it holds)"));
    import->add_option("file", args->file, _("CSV or XLSX file"))->required();
    add_user_option(import, args->user);
    import->callback([&ctx, args] {
        Table table = read_table(args->file);
    Database db = ctx.open_database();
    NegativeImportResult r =
        NegativeListService(db).import_table(registry_editor(db, args->user), table);
    for (const auto& note : r.notes) *ctx.err << table.file_name << ": " << note << '\n';
    *ctx.out << fmt::format(fmt::runtime(_("negative list: {} new, {} updated, {} unchanged")),
                            r.inserted, r.updated, r.unchanged)
             << '\n';
});

auto* flags = negative->add_subcommand(
    "flags", _("holders of a title with an item found: to be revoked (--date, default today)"));
flags->add_option("--date", args->date, _("the day the titles are held (default today)"));
flags->add_option("--format", args->format, _("table (default) or csv"))
    ->check(CLI::IsMember({"table", "csv"}));
flags->callback([&ctx, args] {
    Database db = ctx.open_database();
    Date on = date_option(args->date);
    const RuleSet& rules = rule_set_for(on.year());
    auto flagged = NegativeListService(db).revocation_flags(rules, on);
    if (args->format == "csv") *ctx.out << "credit_code,tier,items\n";
    TextTable table({_("Credit code"), _("Tier"), _("Items found")});
    for (const auto& f : flagged) {
        // The CSV keeps the ids (a machine format); the table names them.
        std::string items, names;
        for (const auto& c : f.found) {
            items += (items.empty() ? "" : ";") + std::string(negative_item_id(c.item));
            names += (names.empty() ? "" : "、") + std::string(negative_item_zh(c.item));
        }
        if (args->format == "csv")
            *ctx.out << f.credit_code << ',' << f.tier << ',' << items << '\n';
        else
            table.add({f.credit_code, tier_label(rules, f.tier), names});
    }
    if (args->format != "csv") table.print(*ctx.out);
});
});

}  // namespace
}  // namespace ladder::cli
