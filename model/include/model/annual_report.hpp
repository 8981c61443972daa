#pragma once
// The annual tally with its projection, the chain revenue report and expiring titles, and the
// report layout built from them (tables and a chart as data). Renderers (XLSX, PDF, a GUI
// view) draw a Report; none of them decides what is in it.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/rules/evaluate.hpp"
#include "model/tally.hpp"

namespace ladder {

// Per firm, the tiers it counts for in each projection column.
struct ProjectionFacts {
    // Application submitted or approved but not yet a recognition (in review or publicity).
    std::unordered_map<std::string, std::set<std::string>> pending;
    // Eligible by the rules, not holding the tier at the start of the year, not added and
    // without an application this year: could still be added.
    std::unordered_map<std::string, std::set<std::string>> candidates;
    // A title ending in the year and not yet renewed.
    std::unordered_map<std::string, std::set<std::string>> expiring;
    // Of those, the firms that no longer meet the tier's criteria (ineligible or incomplete).
    std::unordered_map<std::string, std::set<std::string>> at_risk;
};

struct AnnualTallyRow : TallyRow {
    std::size_t pending = 0;
    std::size_t candidates = 0;
    std::size_t expiring = 0;
    std::size_t at_risk = 0;
    // Projection of the year's additions: added + pending + candidates.
    std::size_t projected() const { return added + pending + candidates; }
};

// compute_tally's rows with the projection columns (zero when `facts` is null).
std::vector<AnnualTallyRow> annual_tally_rows(const TallyInput& input,
                                              const ProjectionFacts* facts);

// A recognition ending in the year, and whether the firm still meets the tier's criteria.
struct ExpiringTitle {
    std::string credit_code;
    std::string firm_name;
    std::string region_code;
    std::string tier;
    Date valid_to;
    bool renewed = false;  // a later recognition of the tier continues it
    TierVerdict verdict = TierVerdict::incomplete;
    std::vector<std::string> failed, missing;  // criterion ids
};

// Revenue of the registry's firms per 2+6+N chain in a fiscal year against the plan's target.
struct ChainRevenueRow {
    std::string chain;
    std::string zh;
    std::size_t firms = 0;            // firms of the chain in the registry
    std::size_t firms_reporting = 0;  // of those, with a revenue figure for the year
    int64_t revenue_fen = 0;          // 万元 × 10^6
    std::optional<int> target_yi;     // 亿元
};

// --- Layout ---------------------------------------------------------------------------------

struct ReportColumn {
    std::string label;
    enum class Kind { text, integer, decimal, percent } kind = Kind::text;
};

struct ReportTable {
    std::string title;       // heading above the table
    std::string sheet_name;  // XLSX sheet
    std::vector<ReportColumn> columns;
    // Cells as text; integer/decimal cells are plain numbers ("12", "1234.56"), percent cells
    // fractions ("0.125"), empty when not applicable.
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> totals;  // empty: no totals row
    std::string note;
};

struct BarChart {
    std::string title;
    std::vector<std::string> categories;
    struct Series {
        std::string label;
        std::vector<double> values;
    };
    std::vector<Series> series;
};

struct Report {
    std::string title;
    std::string subtitle;
    // The audit trail's head the report was made at, "N:HASH" (empty: none named). Printed on
    // the report, it is an anchor kept outside the database: `ladder-cli audit verify --anchor`
    // later proves the trail still holds that entry.
    std::string audit_head;
    std::vector<BarChart> charts;
    std::vector<ReportTable> tables;
};

struct AnnualReportInput {
    const RuleSet* rules = nullptr;
    int year = 0;
    std::string province_name;  // "江西省"
    // One entry per grouping, in the order the report shows them.
    std::vector<std::pair<TallyGrouping, std::vector<AnnualTallyRow>>> tallies;
    std::vector<ChainRevenueRow> chain_revenue;
    int revenue_year = 0;
    std::vector<ExpiringTitle> expiring;
    std::string generated;   // date line
    std::string audit_head;  // "N:HASH", see Report::audit_head
};

// The line a report prints its audit head with (Chinese, as the rest of the report).
std::string audit_head_line(const std::string& audit_head);

// The annual report (an official Chinese document: its labels are Chinese whatever the UI
// language): title "江西省企业梯度培育 2020 年度统计", a chart of added vs quota per tier,
// one table per grouping with totals, the chain revenue table and the expiring titles.
Report build_annual_report(const AnnualReportInput& input);

// Display name of a tally group: region name or chain name.
std::string tally_group_label(const std::string& group, TallyGrouping grouping);

}  // namespace ladder
