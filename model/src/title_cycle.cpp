#include "model/title_cycle.hpp"

#include <fmt/format.h>

#include "model/tally.hpp"

namespace ladder {

namespace {
struct CauseNames {
    ExitCause cause;
    std::string_view id, zh;
};
constexpr CauseNames kCauses[] = {
    {ExitCause::expired, "expired", "到期"},
    {ExitCause::failed_re_review, "failed_re_review", "复核未通过"},
    {ExitCause::revoked, "revoked", "撤销"},
    {ExitCause::surrendered, "surrendered", "主动放弃"},
};
}  // namespace

std::string_view exit_cause_id(ExitCause cause) {
    for (const auto& c : kCauses)
        if (c.cause == cause) return c.id;
    return "expired";
}

std::string_view exit_cause_zh(ExitCause cause) {
    for (const auto& c : kCauses)
        if (c.cause == cause) return c.zh;
    return "到期";
}

std::optional<ExitCause> parse_exit_cause(std::string_view text) {
    for (const auto& c : kCauses)
        if (text == c.id || text == c.zh) return c.cause;
    return std::nullopt;
}

std::string audit_text(const TitleExit& e) {
    return fmt::format("cause={};exit_on={};doc_no={};reason={}", exit_cause_id(e.cause),
                       e.exit_on.to_string(), e.doc_no, e.reason);
}

Date ban_ends(const Date& revoked_on) {
    return revoked_on.add_years(kRevocationBanYears).add_days(-1);
}

std::optional<std::string> revocation_ban(const std::vector<TitleExit>& exits, const Date& on) {
    const TitleExit* latest = nullptr;
    for (const auto& e : exits)
        if (e.cause == ExitCause::revoked && !(on < e.exit_on) && !(ban_ends(e.exit_on) < on) &&
            (!latest || latest->exit_on < e.exit_on))
            latest = &e;
    if (!latest) return std::nullopt;
    return fmt::format("企业 {} 的称号（{}）已于 {} 被撤销（{}），{} 年内不得申请，{} 前不予受理",
                       latest->credit_code, latest->tier, latest->exit_on.to_string(),
                       latest->doc_no, kRevocationBanYears,
                       ban_ends(latest->exit_on).add_days(1).to_string());
}

std::vector<std::string> titles_missing_update(const FirmRecord& record, const TierCatalog& tiers,
                                               const Date& deadline) {
    if (record.figures_for(deadline.year() - 1)) return {};
    std::vector<std::string> held;
    for (const Recognition& r : record.recognitions)
        if (recognition_covers(r, tiers, deadline)) held.push_back(r.tier);
    return held;
}

}  // namespace ladder
