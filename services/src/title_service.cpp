#include "services/title_service.hpp"

#include <map>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "db/application_repository.hpp"
#include "db/audit_repository.hpp"
#include "db/registry_repository.hpp"
#include "model/tally.hpp"
#include "model/tr.hpp"

namespace ladder {

namespace {

AuditEntry entry(const std::string& action, const std::string& entity, const std::string& key,
                 std::optional<std::string> before, std::string after) {
    AuditEntry e;
    e.action = action;
    e.entity = entity;
    e.entity_key = key;
    e.before = std::move(before);
    e.after = std::move(after);
    return e;
}

std::string exit_key(const TitleExit& e) {
    return fmt::format("{}/{}/{}", e.credit_code, e.tier, e.valid_from.to_string());
}

std::string title_key(const std::string& credit_code, const std::string& tier) {
    return credit_code + "/" + tier;
}

// The start days of every title of a firm and tier, built once: asking each ending title
// whether a later one follows must not walk the whole registry (a million firms' titles).
class TitleStarts {
  public:
    explicit TitleStarts(const std::vector<Recognition>& all) {
        for (const auto& r : all) starts_[title_key(r.credit_code, r.tier)].push_back(r.valid_from);
    }
    // A title of the same firm and tier starts after `r` does (and, with `by`, no later than
    // the day after `by`: without a gap).
    bool followed(const Recognition& r, std::optional<Date> by = std::nullopt) const {
        auto it = starts_.find(title_key(r.credit_code, r.tier));
        if (it == starts_.end()) return false;
        for (const Date& later : it->second)
            if (r.valid_from < later && (!by || !(by->add_days(1) < later))) return true;
        return false;
    }

  private:
    std::unordered_map<std::string, std::vector<Date>> starts_;
};

// The year's re-review applications (in `state`, if given) by firm and tier, read once; of
// several for a title the last one counts.
std::unordered_map<std::string, Application> re_reviews_of_year(
    ApplicationRepository& apps, int year, std::optional<ApplicationState> state = std::nullopt) {
    std::unordered_map<std::string, Application> out;
    for (int64_t id : apps.ids({year, std::nullopt, state, std::nullopt}))
        if (auto a = apps.find(id); a && a->re_review)
            out.insert_or_assign(title_key(a->credit_code, a->tier), std::move(*a));
    return out;
}

}  // namespace

TitleExit TitleService::end_title(const Actor& by, TitleExit exit) {
    if (exit.cause == ExitCause::revoked)
        require_permission(by, Operation::decide_application);
    else if (exit.cause == ExitCause::surrendered)
        require_permission(by, Operation::edit_registry);
    else
        throw WorkflowError(
            tr("a title is ended here by revocation or surrender; {} is recorded "
               "by the re-review or the title's end",
               exit_cause_id(exit.cause)));
    if (Date::today() < exit.exit_on)
        throw WorkflowError(tr("the date {} is in the future", exit.exit_on.to_string()));
    if (exit.cause == ExitCause::revoked && exit.doc_no.empty())
        throw WorkflowError(tr("a revocation names its document (--doc-no)"));
    Transaction tx(db_);
    RegistryRepository registry(db_);
    if (!registry.firm_exists(exit.credit_code))
        throw WorkflowError(tr("no firm with credit code {} in the registry", exit.credit_code));
    std::optional<Recognition> held;
    for (const auto& r : registry.recognitions_of(exit.credit_code))
        if (r.tier == exit.tier && recognition_covers(r, tiers_, exit.exit_on)) held = r;
    if (!held)
        throw WorkflowError(tr("{} holds no {} title on {}", exit.credit_code, exit.tier,
                               exit.exit_on.to_string()));
    exit.valid_from = held->valid_from;
    TitleRepository titles(db_);
    if (titles.find_exit(exit.credit_code, exit.tier, exit.valid_from))
        throw WorkflowError(tr("the {} title of {} from {} has already ended", exit.tier,
                               exit.credit_code, exit.valid_from.to_string()));
    titles.insert_exit(exit);
    std::vector<AuditEntry> audit;
    audit.push_back(entry("insert", "title_exit", exit_key(exit), std::nullopt, audit_text(exit)));
    Recognition ended = *held;
    ended.valid_to = held->valid_from < exit.exit_on ? exit.exit_on.add_days(-1) : exit.exit_on;
    registry.upsert_recognitions({ended}, &audit);
    AuditRepository(db_).append(std::move(audit), by.name);
    tx.commit();
    return exit;
}

std::vector<CohortTitle> TitleService::cohort(int year) {
    RegistryRepository registry(db_);
    std::vector<Recognition> all = registry.load_recognitions();
    std::map<std::string, ExitCause> exits;
    for (const auto& e : TitleRepository(db_).all_exits()) exits[exit_key(e)] = e.cause;
    ApplicationRepository apps(db_);
    const TitleStarts starts(all);
    const auto re_reviews = re_reviews_of_year(apps, year);

    std::vector<CohortTitle> out;
    for (const auto& r : all) {
        auto to = effective_valid_to(r, tiers_);
        if (!to || to->year() != year) continue;
        CohortTitle c;
        c.credit_code = r.credit_code;
        // Only the cohort's firms are read (a key lookup each), never every firm's figures.
        if (auto firm = registry.find_firm(r.credit_code)) c.firm_name = firm->name;
        c.tier = r.tier;
        c.valid_from = r.valid_from;
        c.valid_to = *to;
        c.renewed = starts.followed(r);
        if (auto it = re_reviews.find(title_key(r.credit_code, r.tier)); it != re_reviews.end())
            c.re_review = state_id(it->second.state);
        c.figures_updated = registry.figures_version(r.credit_code, year - 1).has_value();
        TitleExit key{r.credit_code, r.tier, r.valid_from, ExitCause::revoked, {}, {}, {}};
        if (auto it = exits.find(exit_key(key)); it != exits.end()) c.ended = it->second;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<TitleExit> TitleService::recorded_exits() {
    return TitleRepository(db_).all_exits();
}

std::vector<TitleEnd> TitleService::ends(int year) {
    RegistryRepository registry(db_);
    std::vector<Recognition> all = registry.load_recognitions();
    std::map<std::string, TitleExit> exits;
    for (const auto& e : TitleRepository(db_).all_exits()) exits[exit_key(e)] = e;
    ApplicationRepository apps(db_);
    const TitleStarts starts(all);
    const auto rejected = re_reviews_of_year(apps, year, ApplicationState::rejected);
    std::vector<TitleEnd> out;
    for (const auto& r : all) {
        auto to = effective_valid_to(r, tiers_);
        if (!to || to->year() != year) continue;
        // A title followed without a gap by the next one of its tier was renewed, not ended.
        if (starts.followed(r, *to)) continue;
        TitleEnd e{r.credit_code, r.tier, r.valid_from, *to, ExitCause::expired, {}, {}};
        TitleExit key{r.credit_code, r.tier, r.valid_from, ExitCause::revoked, {}, {}, {}};
        if (auto it = exits.find(exit_key(key)); it != exits.end()) {
            e.cause = it->second.cause;
            e.ended_on = it->second.exit_on;
            e.doc_no = it->second.doc_no;
            e.reason = it->second.reason;
        } else {
            // A re-review refused (or whose publicity upheld an objection) ends the title at
            // its end date for that cause.
            if (auto it = rejected.find(title_key(r.credit_code, r.tier)); it != rejected.end()) {
                e.cause = ExitCause::failed_re_review;
                e.doc_no = it->second.doc_no;
            }
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::map<std::pair<std::string, std::string>, std::map<ExitCause, std::size_t>>
TitleService::ends_by_group(int year, TallyGrouping grouping) {
    std::map<std::pair<std::string, std::string>, std::map<ExitCause, std::size_t>> out;
    RegistryRepository registry(db_);
    for (const TitleEnd& e : ends(year))
        if (auto firm = registry.find_firm(e.credit_code))
            ++out[{tally_group_of(*firm, grouping), e.tier}][e.cause];
    return out;
}

std::vector<MissingUpdate> TitleService::missing_updates(const Date& on) {
    // One pass, a chunk of firms at a time: a million firms' figures never sit in memory.
    std::vector<MissingUpdate> out;
    RegistryRepository(db_).for_each_firm_record(2000, [&](std::vector<FirmRecord>& chunk) {
        for (const FirmRecord& record : chunk) {
            auto tiers = titles_missing_update(record, tiers_, on);
            if (!tiers.empty())
                out.push_back({record.firm.credit_code, record.firm.name, std::move(tiers)});
        }
    });
    return out;
}

void TitleService::set_target(const Actor& by, const Target& target) {
    require_permission(by, Operation::edit_quotas);
    if (target.target < 0) throw WorkflowError(tr("a target is a number of firms, 0 or more"));
    if (!tiers_.find(target.tier)) throw WorkflowError(tr("unknown tier {}", target.tier));
    Transaction tx(db_);
    TitleRepository titles(db_);
    auto stored = titles.find_target(target.year, target.tier);
    if (stored && *stored == target) return;
    titles.store_target(target);
    std::optional<std::string> before;
    if (stored) before = fmt::format("target={}", stored->target);
    AuditRepository(db_).append({entry(stored ? "update" : "insert", "target",
                                       fmt::format("{}/{}", target.year, target.tier), before,
                                       fmt::format("target={}", target.target))},
                                by.name);
    tx.commit();
}

std::vector<TargetProgress> TitleService::target_progress(const Date& on) {
    std::vector<TargetProgress> out;
    auto targets = TitleRepository(db_).targets();
    if (targets.empty()) return out;
    std::vector<Recognition> all = RegistryRepository(db_).load_recognitions();
    for (const auto& t : targets) {
        // Firms holding the tier on the day (a firm with two overlapping titles counts once).
        std::map<std::string, bool> holders;
        for (const auto& r : all)
            if (r.tier == t.tier && recognition_covers(r, tiers_, on))
                holders[r.credit_code] = true;
        out.push_back({t, holders.size(), on});
    }
    return out;
}

}  // namespace ladder
