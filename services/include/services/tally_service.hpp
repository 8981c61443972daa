#pragma once
// Everything the annual tally and report read, gathered once: firms and recognitions, the
// year's quotas (seeded from the rule set at first use), and — for the projection — pending
// applications and one rules evaluation per firm (eligible candidates, expiring titles and
// whether their holders still qualify).
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "model/annual_report.hpp"
#include "model/progress.hpp"

namespace ladder {

class AnnualTally {
  public:
    // Loads the registry; `projection` adds the applications and the evaluation of every firm.
    AnnualTally(Database& db, const RuleSet& rules, int year, bool projection,
                Progress* progress = nullptr);

    // Without the projection the counts are kept in the registry (tally_cache) and counted
    // again only after firms or recognitions have changed; the first call after a change
    // writes them.
    std::vector<AnnualTallyRow> rows(TallyGrouping grouping) const;
    const std::vector<ExpiringTitle>& expiring() const { return expiring_; }
    // Revenue per chain of fiscal year `fiscal_year` against the plan's targets.
    std::vector<ChainRevenueRow> chain_revenue(int fiscal_year) const;
    // All four groupings, the chain revenue of L = year − 1, the expiring titles, the year's
    // title ends with their cause and every recorded exit; with the projection also the trend
    // and the flows.
    AnnualReportInput report_input() const;
    bool has_projection() const { return projection_; }

  private:
    Database& db_;
    const RuleSet& rules_;
    int year_;
    bool projection_;
    TierCatalog catalog_;
    std::vector<Firm> firms_;
    std::vector<Recognition> recognitions_;
    std::map<std::pair<std::string, std::string>, int64_t> quotas_;
    ProjectionFacts facts_;
    std::vector<ExpiringTitle> expiring_;
};

// The firms one bar of the quota chart counts (group × tier × measure, model tally_firms over
// the registry read once), as (credit code, name) in credit-code order.
std::vector<std::pair<std::string, std::string>> tally_bar_firms(Database& db, const RuleSet& rules,
                                                                 int year, const std::string& group,
                                                                 const std::string& tier,
                                                                 TallyMeasure measure);

}  // namespace ladder
