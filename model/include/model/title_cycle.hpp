#pragma once
// The yearly cycle of a title (national-2026's dynamic management): a title ends by expiry, by
// a failed re-review, by revocation (撤销: a negative-list item, fraud) or by voluntary
// surrender (主动放弃); a revocation bars the firm from applying for 3 years. Pure rules; the
// rows are db/title_repository.hpp's, the use cases services/title_service.hpp's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/registry.hpp"
#include "model/tiers.hpp"

namespace ladder {

enum class ExitCause { expired, failed_re_review, revoked, surrendered };
std::string_view exit_cause_id(ExitCause cause);  // expired | failed_re_review | revoked | ...
std::string_view exit_cause_zh(ExitCause cause);  // 到期 | 复核未通过 | 撤销 | 主动放弃
std::optional<ExitCause> parse_exit_cause(std::string_view text);  // id or Chinese

// A title that ended in a year, with its cause: an expiry (no exit recorded, no renewal), a
// failed re-review, a revocation or a surrender (title ends, the annual report).
struct TitleEnd {
    std::string credit_code, tier;
    Date valid_from, ended_on;
    ExitCause cause = ExitCause::expired;
    std::string doc_no, reason;
};

// A title's end recorded by the bureau (an expiry is never recorded: it is the title's end).
struct TitleExit {
    std::string credit_code;
    std::string tier;
    Date valid_from;  // the recognition it ends
    ExitCause cause = ExitCause::revoked;
    Date exit_on;
    std::string doc_no;
    std::string reason;  // the cause in words (which negative-list item, what was found)
    friend bool operator==(const TitleExit&, const TitleExit&) = default;
};

// A multi-year target of the bureau (目标任务): the titles of `tier` held at the end of `year`.
// A number to track progress against, never a cap.
struct Target {
    int year = 0;
    std::string tier;
    int64_t target = 0;
    friend bool operator==(const Target&, const Target&) = default;
};

// The audit trail's text of a stored exit; db/src/registry_check.cpp compares rows with it.
std::string audit_text(const TitleExit& e);

// Years a revocation bars the firm from applying (national-2026; assumed: the secondary
// summaries say "3 年内不得再次申请").
inline constexpr int kRevocationBanYears = 3;
// The refusal (Chinese, for the file) of an application submitted `on` by a firm with these
// exits: a revocation less than kRevocationBanYears before `on` bars every tier. Nothing when
// the firm may apply.
std::optional<std::string> revocation_ban(const std::vector<TitleExit>& exits, const Date& on);

// The last day of the ban of a revocation on `revoked_on` (the day before its third
// anniversary; 29 February revocations end on 28 February).
Date ban_ends(const Date& revoked_on);

// The annual update (每年 5 月 31 日前): holders update their figures for the year before by
// 31 May of the year.
inline Date annual_update_deadline(int year) {
    return Date(year, 5, 31);
}
// The titles `record` holds on `deadline` when it has no figures for the year before: its
// annual update is missing. Empty when it holds none or has updated.
std::vector<std::string> titles_missing_update(const FirmRecord& record, const TierCatalog& tiers,
                                               const Date& deadline);

}  // namespace ladder
