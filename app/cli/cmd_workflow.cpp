// apply, review, publicity, listing: the promotion workflow (issue: clerks propose, reviewers
// decide under four eyes, publicity, recognition; the listing pipeline). Thin: every rule is in
// WorkflowService.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.hpp"
#include "model/names.hpp"
#include "db/database.hpp"
#include "services/workflow_service.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "rules_text.hpp"
#include "session.hpp"
#include "text_table.hpp"

namespace ladder::cli {
namespace {

struct WorkflowArgs {
    std::string user, firm, tier, date, note, comment, justification, doc_no, text, outcome, stage,
        state, format = "table", kind = "new";
    int year = 0;
    int64_t id = 0;
    std::vector<std::string> confirm;
};

// A stored day, or nothing: optional dates are never read unless present (an application
// changed outside Ladder may lack any of them).
std::string day(const std::optional<Date>& d) {
    return d ? d->to_string() : std::string();
}

// The review levels in words: 市级 → 省级.
std::vector<std::string> level_names(const std::vector<std::string>& levels) {
    std::vector<std::string> out;
    for (const auto& l : levels) out.push_back(names::review_level(l));
    return out;
}

// A snapshot's criterion in words, from the rule set it was taken with (the id if that rule set
// is no longer shipped).
std::string criterion_name(const std::string& rule_set_id, const std::string& id) {
    if (const RuleSet* rules = shipped_rule_sets().find(rule_set_id))
        return names::criterion(*rules, id);
    return id;
}

void print_drift(std::ostream& out, const std::vector<Drift>& drift) {
    if (drift.empty()) return;
    out << _("Approved on data that has since changed:") << '\n';
    for (const Drift& d : drift) out << "  " << describe_drift(d) << '\n';
}

void show_application(std::ostream& out, WorkflowService& service, int64_t id) {
    Application a = service.get(id);
    out << fmt::format(fmt::runtime(_("Application {}: {} {} — {} for {}")), a.id, a.credit_code,
                       a.firm_name, names::tier(a.tier), a.assessment_year)
        << '\n';
    if (a.re_review) out << _("Kind: re-review of a title in its last valid year") << '\n';
    out << fmt::format(fmt::runtime(_("State: {}; submitted by {} on {}")), state_label(a.state),
                       a.submitter, a.submitted_on.value_or(a.created_on).to_string())
        << '\n';
    if (!a.review_levels.empty())
        out << fmt::format(fmt::runtime(_("Review levels: {}")),
                           fmt::join(level_names(a.review_levels), " → "))
            << '\n';
    if (!a.snapshot.rule_set_id.empty()) {
        out << fmt::format(fmt::runtime(_("Snapshot: rule set {} ({}), verdict {}")),
                           rule_set_label(a.snapshot.rule_set_id), a.snapshot.rule_set_version,
                           names::verdict(a.snapshot.verdict))
            << '\n';
        TextTable table(
            {_("Criterion"), _("Verdict"), _("Actual"), _("Threshold"), _("Gap"), _("Reviewer")});
        for (const auto& c : a.snapshot.criteria)
            table.add({criterion_name(a.snapshot.rule_set_id, c.id), names::verdict(c.verdict),
                       c.actual, c.threshold, c.gap, c.reviewer_confirmed ? _("confirm") : ""});
        table.print(out);
    }
    for (const Decision& d : a.decisions)
        out << fmt::format(
                   fmt::runtime(_("{} level: {} by {} on {}{}{}")), names::review_level(d.level),
                   d.approve ? _("approved") : _("rejected"), d.reviewer, d.decided_on.to_string(),
                   d.justification.empty()
                       ? ""
                       : fmt::format(fmt::runtime(_("; justification: {}")), d.justification),
                   d.comment.empty() ? ""
                                     : fmt::format(fmt::runtime(_("; comment: {}")), d.comment))
            << '\n';
    if (a.publicity_start || a.publicity_end)
        out << fmt::format(fmt::runtime(_("Publicity: {} to {}{}")), day(a.publicity_start),
                           day(a.publicity_end),
                           a.publicity_outcome
                               ? fmt::format(fmt::runtime(_(", closed {} ({})")),
                                             day(a.publicity_closed_on),
                                             names::publicity_outcome(*a.publicity_outcome))
                               : std::string(_(", open")))
            << '\n';
    if (a.objection) out << fmt::format(fmt::runtime(_("Objection: {}")), *a.objection) << '\n';
    if (a.recognition_from)
        out << fmt::format(fmt::runtime(_("Recognition {} in force from {}")), a.doc_no,
                           day(a.recognition_from))
            << '\n';
    print_drift(out, service.drift(id));
}

LADDER_CLI_COMMAND(80, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<WorkflowArgs>();
    auto* apply =
        app.add_subcommand("apply", _("tier applications: draft, submit, withdraw, list, show"));
    apply->require_subcommand(1);

    auto* draft =
        apply->add_subcommand("draft", _("start an application without submitting it (clerks)"));
    auto* submit =
        apply->add_subcommand("submit", _("submit a draft (--id) or a new application (--firm "
                                          "--tier --year), taking the eligibility snapshot"));
    for (auto* cmd : {draft, submit}) {
        cmd->add_option("--firm", args->firm, _("credit code"));
        cmd->add_option("--tier", args->tier, _("tier id"))
            ->transform(name_resolver(&resolve_tier));
        cmd->add_option("--year", args->year, _("assessment year"))->check(CLI::Range(1990, 2100));
        cmd->add_option("--date", args->date, _("date (default today)"));
        cmd->add_option("--note", args->note, _("note"));
        cmd->add_option("--kind", args->kind,
                        _("new (default) or re-review: the re-review of a title in its last "
                          "valid year, which renews it when approved"))
            ->check(CLI::IsMember({"new", "re-review", "re_review"}));
        add_user_option(cmd, args->user);
    }
    submit->add_option("--id", args->id, _("the draft to submit"));
    auto need_new = [args] {
        if (args->firm.empty() || args->tier.empty() || args->year == 0)
            throw UsageError(_("give --firm, --tier and --year (or --id of a draft)"));
    };
    draft->callback([&ctx, args, need_new] {
        need_new();
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        WorkflowService service(db, shipped_rule_source());
        int64_t id = service.create_draft(by, args->firm, args->tier, args->year,
                                          date_option(args->date), args->note, args->kind != "new");
        *ctx.out << fmt::format(fmt::runtime(_("application {} drafted")), id) << '\n';
    });
    submit->callback([&ctx, args, need_new] {
        if (args->id == 0) need_new();
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        WorkflowService service(db, shipped_rule_source());
        Date on = date_option(args->date);
        int64_t id = args->id;
        if (id)
            service.submit(by, id, on);
        else
            id = service.submit_new(by, args->firm, args->tier, args->year, on, args->note,
                                    args->kind != "new");
        Application a = service.get(id);
        *ctx.out << fmt::format(
                        fmt::runtime(_("application {} submitted: {} is {} for {} by rule set {}")),
                        id, a.credit_code, names::verdict(a.snapshot.verdict), names::tier(a.tier),
                        rule_set_label(a.snapshot.rule_set_id))
                 << '\n';
    });

    auto* withdraw =
        apply->add_subcommand("withdraw", _("withdraw an application (its submitter)"));
    withdraw->add_option("--id", args->id, _("application id"))->required();
    withdraw->add_option("--date", args->date, _("date (default today)"));
    withdraw->add_option("--comment", args->comment, _("why"));
    add_user_option(withdraw, args->user);
    withdraw->callback([&ctx, args] {
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        WorkflowService(db, shipped_rule_source())
            .withdraw(by, args->id, date_option(args->date), args->comment);
        *ctx.out << fmt::format(fmt::runtime(_("application {} withdrawn")), args->id) << '\n';
    });

    auto* list = apply->add_subcommand("list", _("list applications"));
    list->add_option("--year", args->year, _("assessment year"));
    list->add_option("--tier", args->tier, _("tier id"))->transform(name_resolver(&resolve_tier));
    list->add_option("--state", args->state, _("draft, submitted, approved, rejected or withdrawn"))
        ->transform(name_resolver(&resolve_state))
        ->check(CLI::IsMember({"draft", "submitted", "approved", "rejected", "withdrawn"}));
    list->add_option("--firm", args->firm, _("credit code"));
    list->add_option("--format", args->format, _("table (default) or csv"))
        ->check(CLI::IsMember({"table", "csv"}));
    list->callback([&ctx, args] {
        Database db = ctx.open_database();
        ApplicationFilter filter;
        if (args->year) filter.year = args->year;
        if (!args->tier.empty()) filter.tier = args->tier;
        if (!args->state.empty()) filter.state = parse_state(args->state);
        if (!args->firm.empty()) filter.credit_code = args->firm;
        auto apps = WorkflowService(db, shipped_rule_source()).list(filter);
        if (args->format == "csv") {
            *ctx.out << "id,credit_code,tier,year,state,submitter,submitted_on,next_level,"
                        "publicity_end,outcome\n";
            for (const auto& a : apps)
                *ctx.out << fmt::format(
                    "{},{},{},{},{},{},{},{},{},{}\n", a.id, a.credit_code, a.tier,
                    a.assessment_year, state_id(a.state), a.submitter, day(a.submitted_on),
                    a.state == ApplicationState::submitted && !a.review_levels.empty()
                        ? a.review_levels[static_cast<std::size_t>(a.next_level)]
                        : "",
                    day(a.publicity_end), a.publicity_outcome.value_or(""));
            return;
        }
        TextTable table({_("Id"), _("Credit code"), _("Firm"), _("Tier"), _("Year"), _("State"),
                         _("Submitter"), _("Awaiting"), _("Publicity until")});
        for (const auto& a : apps)
            table.add(
                {std::to_string(a.id), a.credit_code, a.firm_name, names::tier(a.tier),
                 std::to_string(a.assessment_year), state_label(a.state), a.submitter,
                 a.state == ApplicationState::submitted && !a.review_levels.empty()
                     ? names::review_level(a.review_levels[static_cast<std::size_t>(a.next_level)])
                     : "",
                 a.publicity_open() ? day(a.publicity_end) : ""});
        table.print(*ctx.out);
    });

    auto* show =
        apply->add_subcommand("show", _("an application with its snapshot, decisions and drift"));
    show->add_option("--id", args->id, _("application id"))->required();
    show->callback([&ctx, args] {
        Database db = ctx.open_database();
        WorkflowService service(db, shipped_rule_source());
        show_application(*ctx.out, service, args->id);
    });
});

LADDER_CLI_COMMAND(81, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<WorkflowArgs>();
    auto* review = app.add_subcommand(
        "review", _("decide on an application at its next review level (reviewers)"));
    review->require_subcommand(1);
    for (bool approve : {true, false}) {
        auto* cmd = review->add_subcommand(
            approve ? "approve" : "reject",
            approve ? _("approve at the next level; the last level opens publicity")
                    : _("reject the application"));
        cmd->add_option("--id", args->id, _("application id"))->required();
        cmd->add_option("--date", args->date, _("decision date (default today)"));
        cmd->add_option("--comment", args->comment, _("comment"));
        if (approve) {
            cmd->add_option(
                "--justification", args->justification,
                _("why a firm the rules find not eligible is approved (required then)"));
            cmd->add_option("--confirm", args->confirm,
                            _("reviewer-confirmed criteria checked (names or ids)"));
            cmd->add_option("--doc-no", args->doc_no,
                            _("decision document number (default generated)"));
        }
        add_user_option(cmd, args->user);
        cmd->callback([&ctx, args, approve] {
            Database db = ctx.open_database();
            Actor by = sign_in(db, args->user);
            WorkflowService service(db, shipped_rule_source());
            Decision d;
            d.approve = approve;
            d.decided_on = date_option(args->date);
            d.comment = args->comment;
            d.justification = args->justification;
            d.confirmed = args->confirm;
            DecisionResult r = service.decide(by, args->id, d, args->doc_no);
            if (!approve) {
                *ctx.out << fmt::format(fmt::runtime(_("application {} rejected")), args->id)
                         << '\n';
            } else if (r.next_level) {
                *ctx.out
                    << fmt::format(
                           fmt::runtime(_(
                               "application {} approved at this level; the {} level decides next")),
                           args->id, names::review_level(*r.next_level))
                    << '\n';
            } else {
                Application a = service.get(args->id);
                *ctx.out << fmt::format(
                                fmt::runtime(_("application {} approved ({}); publicity {} to {}")),
                                args->id, a.doc_no, day(a.publicity_start), day(a.publicity_end))
                         << '\n';
            }
            print_drift(*ctx.out, r.drift);
        });
    }
});

LADDER_CLI_COMMAND(82, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<WorkflowArgs>();
    auto* publicity =
        app.add_subcommand("publicity", _("公示: objections and closing the publicity window"));
    publicity->require_subcommand(1);
    auto* object =
        publicity->add_subcommand("object", _("record an objection received during publicity"));
    object->add_option("--id", args->id, _("application id"))->required();
    object->add_option("--text", args->text, _("the objection"))->required();
    object->add_option("--date", args->date, _("date received (default today)"));
    add_user_option(object, args->user);
    object->callback([&ctx, args] {
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        WorkflowService(db, shipped_rule_source())
            .record_objection(by, args->id, args->text, date_option(args->date));
        *ctx.out << fmt::format(fmt::runtime(_("objection to application {} recorded")), args->id)
                 << '\n';
    });
    auto* close = publicity->add_subcommand(
        "close",
        _("end publicity: clean (or objection dismissed) creates the recognition; upheld rejects"));
    close->add_option("--id", args->id, _("application id"))->required();
    close->add_option("--date", args->date, _("date (default today)"));
    close->add_option("--outcome", args->outcome, _("clean (default), dismissed or upheld"))
        ->check(CLI::IsMember({"clean", "dismissed", "upheld"}));
    close->add_option("--comment", args->comment, _("comment"));
    add_user_option(close, args->user);
    close->callback([&ctx, args] {
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        WorkflowService service(db, shipped_rule_source());
        service.close_publicity(by, args->id, date_option(args->date),
                                args->outcome.empty() ? std::nullopt : parse_outcome(args->outcome),
                                args->comment);
        Application a = service.get(args->id);
        if (a.recognition_from)
            *ctx.out << fmt::format(fmt::runtime(_(
                                        "publicity closed; recognition {} of {} in force from {}")),
                                    a.doc_no, names::tier(a.tier), day(a.recognition_from))
                     << '\n';
        else
            *ctx.out << fmt::format(
                            fmt::runtime(
                                _("publicity closed; objection upheld, application {} rejected")),
                            args->id)
                     << '\n';
    });
});

LADDER_CLI_COMMAND(83, [](CLI::App& app, Context& ctx, int& /*status*/) {
    auto args = std::make_shared<WorkflowArgs>();
    auto* listing = app.add_subcommand(
        "listing",
        _("上市 pipeline: reserve → share_reform → tutoring_filed → filed → approved → listed"));
    listing->require_subcommand(1);
    auto* stage =
        listing->add_subcommand("stage", _("record a firm's next stage with its date (clerks)"));
    stage->add_option("--firm", args->firm, _("credit code"))->required();
    stage->add_option("--stage", args->stage, _("stage id or Chinese name"))->required();
    stage->add_option("--date", args->date, _("date reached (default today)"));
    stage->add_option("--comment", args->comment, _("comment"));
    add_user_option(stage, args->user);
    stage->callback([&ctx, args] {
        auto s = parse_stage(args->stage);
        if (!s)
            throw UsageError(
                fmt::format(fmt::runtime(_("unknown stage {} (reserve, share_reform, "
                                           "tutoring_filed, filed, approved, listed)")),
                            args->stage));
        Database db = ctx.open_database();
        Actor by = sign_in(db, args->user);
        int64_t id =
            WorkflowService(db, shipped_rule_source())
                .propose_listing_stage(by, args->firm, *s, date_option(args->date), args->comment);
        *ctx.out << fmt::format(fmt::runtime(_("stage change {} recorded; a reviewer confirms it")),
                                id)
                 << '\n';
    });
    for (bool confirm : {true, false}) {
        auto* cmd =
            listing->add_subcommand(confirm ? "confirm" : "reject",
                                    confirm ? _("confirm a recorded stage change (reviewers)")
                                            : _("reject a recorded stage change (reviewers)"));
        cmd->add_option("--id", args->id, _("stage change id"))->required();
        cmd->add_option("--comment", args->comment, _("comment"));
        add_user_option(cmd, args->user);
        cmd->callback([&ctx, args, confirm] {
            Database db = ctx.open_database();
            Actor by = sign_in(db, args->user);
            WorkflowService(db, shipped_rule_source())
                .review_listing_stage(by, args->id, confirm, args->comment);
            *ctx.out << fmt::format(fmt::runtime(confirm ? _("stage change {} confirmed")
                                                         : _("stage change {} rejected")),
                                    args->id)
                     << '\n';
        });
    }
    auto* show = listing->add_subcommand("show", _("a firm's listing stages"));
    show->add_option("--firm", args->firm, _("credit code"))->required();
    show->callback([&ctx, args] {
        Database db = ctx.open_database();
        TextTable table(
            {_("Id"), _("Stage"), _("Date"), _("Status"), _("Recorded by"), _("Reviewed by")});
        for (const auto& r : WorkflowService(db, shipped_rule_source()).listing_stages(args->firm))
            table.add({std::to_string(r.id), names::listing_stage(r.stage),
                       r.stage_date.to_string(), names::listing_status(r.status), r.proposed_by,
                       r.reviewed_by.value_or("")});
        table.print(*ctx.out);
    });
});

}  // namespace
}  // namespace ladder::cli
