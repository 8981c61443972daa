#pragma once
// The yearly cycle of a title (model/title_cycle.hpp): revocation and surrender with cause,
// date and document; the re-review cohort of a year; the exits of a year with their cause;
// the 31 May annual-update check; the bureau's multi-year targets (目标任务) and the progress
// towards them. Every change is written with its audit entries in one transaction; the rows
// are db/title_repository.hpp's and the registry repository's.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/title_repository.hpp"
#include "model/application.hpp"
#include "model/tally.hpp"
#include "model/tiers.hpp"
#include "model/title_cycle.hpp"

namespace ladder {

// A title in its last valid year: re-reviewed (复核) that year.
struct CohortTitle {
    std::string credit_code, firm_name, tier;
    Date valid_from, valid_to;
    bool renewed = false;            // a later title of the tier is recorded
    std::string re_review;           // the state of its re-review application, empty: none
    bool figures_updated = false;    // figures of the year before are recorded
    std::optional<ExitCause> ended;  // revoked or surrendered before its end
};

// A title that ended in a year, and why.
// A holder that has not updated its figures for the year before.
struct MissingUpdate {
    std::string credit_code, firm_name;
    std::vector<std::string> tiers;  // titles held on the day
};

struct TargetProgress {
    Target target;
    std::size_t held = 0;  // titles of the tier held on the day
    Date on;
};

class TitleService {
  public:
    // `tiers`: the rule set's catalogue, for titles whose end date is derived from validity.
    TitleService(Database& db, TierCatalog tiers) : db_(db), tiers_(std::move(tiers)) {}

    // Ends the title of `exit.tier` the firm holds on `exit.exit_on` (valid_from is found):
    // revocation by a reviewer, surrender recorded by a clerk. The recognition is then valid
    // to the day before (the day itself when the title began that day). Refused for a future
    // day, a firm without such a title, a cause that is not revoked or surrendered, or a
    // revocation without document number.
    TitleExit end_title(const Actor& by, TitleExit exit);

    std::vector<CohortTitle> cohort(int year);
    std::vector<TitleEnd> ends(int year);
    // Every recorded revocation and surrender (and failed re-review recorded as an exit).
    std::vector<TitleExit> recorded_exits();
    // The year's ends counted by cause for each (tally group, tier) of `grouping`.
    std::map<std::pair<std::string, std::string>, std::map<ExitCause, std::size_t>> ends_by_group(
        int year, TallyGrouping grouping);
    // Holders of a title on `on` without figures for fiscal year on.year() - 1.
    std::vector<MissingUpdate> missing_updates(const Date& on);

    void set_target(const Actor& by, const Target& target);  // administrators
    std::vector<TargetProgress> target_progress(const Date& on);

  private:
    Database& db_;
    TierCatalog tiers_;
};

}  // namespace ladder
