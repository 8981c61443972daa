#pragma once
// The annual tally with its projection, the chain revenue report and expiring titles, and the
// report layout built from them (tables and a chart as data). Renderers (XLSX, PDF, a GUI
// view) draw a Report; none of them decides what is in it.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/rules/evaluate.hpp"
#include "model/tally.hpp"
#include "model/title_cycle.hpp"

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
    std::string unit;        // "单位：家", printed right of the title; empty: none
    // A header row above the column labels: (label, columns it spans), in column order; empty:
    // none. The spans add up to the number of columns.
    std::vector<std::pair<std::string, std::size_t>> header_groups;
    std::vector<ReportColumn> columns;
    // Cells as text; integer/decimal cells are plain numbers ("12", "1234.56"), percent cells
    // fractions ("0.125"), empty when not applicable.
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> totals;  // empty: no totals row
    // Per row (empty: all false): a subtotal, drawn bold and shaded.
    std::vector<bool> subtotal;
    // Per row (empty: none): rows with the same block number are one place (a city and its
    // counties) and are not split across pages when they fit on one.
    std::vector<int> blocks;
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

// Lines over categories (years): the trend of holders or additions per tier.
struct LineChart {
    std::string title;
    std::vector<std::string> categories;
    std::vector<BarChart::Series> series;
};

// How firms moved between the rungs of the ladder from the start to the end of a year:
// a Sankey-style diagram, left the state at the start, right the state at the end.
struct FlowDiagram {
    std::string title;
    std::vector<std::string> states;  // state labels, bottom rung first; index 0 is "none"
    struct Link {
        std::size_t from = 0, to = 0;  // indices into states
        std::size_t firms = 0;
    };
    std::vector<Link> links;
    // The kinds of move with their counts, in display order (entered, climbed, held, ...).
    std::vector<std::pair<std::string, std::size_t>> summary;
};

// A region's outline: rings of (longitude, latitude) in degrees.
struct RegionShape {
    std::string code;  // GB/T 2260
    std::string name;
    std::vector<std::vector<std::pair<double, double>>> rings;
};
// Reads resources/maps/*.txt ("C code name", then "R x,y x,y ..." rings in thousandths of a
// degree). Throws InputError naming the file and line of a malformed line.
std::vector<RegionShape> load_region_shapes(const std::filesystem::path& file);

// The cities coloured by a share (completion of a target, or additions against the largest).
struct MapFigure {
    std::string title;
    std::string legend;  // what the colour means
    std::vector<RegionShape> shapes;
    std::vector<std::optional<double>> shares;  // per shape, 0..1+; empty: no data
    std::vector<std::string> labels;            // per shape, under the name
};

struct Report {
    std::string title;
    std::string subtitle;
    std::string issuer;  // 报送单位 line, empty: none
    std::string date;    // 报送日期 line
    std::string unit;    // the document's unit line, "单位：家"
    // The audit trail's head the report was made at, "N:HASH" (empty: none named). Printed on
    // the report, it is an anchor kept outside the database: `ladder-cli audit verify --anchor`
    // later proves the trail still holds that entry.
    std::string audit_head;
    std::vector<BarChart> charts;
    std::vector<ReportTable> tables;
    std::vector<LineChart> trends;  // after the tables
    std::vector<FlowDiagram> flows;
    std::vector<MapFigure> maps;  // after the matrix of cities
};

// Holders at the end of each year and additions in it, per tier (compute_tally over years).
struct TrendPoint {
    int year = 0;
    std::string tier;
    std::size_t holders_end = 0;
    std::size_t added = 0;
};
// The province's tally for every year from first_year to last_year; `base` gives the firms,
// recognitions, catalog and tier order (its year and grouping are ignored).
std::vector<TrendPoint> tier_trend(const TallyInput& base, int first_year, int last_year);
// The earliest year a recognition starts in, or `fallback` when there is none.
int first_recognition_year(const std::vector<Recognition>& recognitions, int fallback);

// A firm's rung on `ladder` (tiers in ascending order) on a day: 1 + the index of the highest
// ladder tier it holds, 0 for none.
enum class FlowMove { entered, climbed, held, stepped_down, lapsed };
struct TierFlow {
    int first_year = 0, last_year = 0;  // from the end of first_year − 1 to the end of last_year
    // counts[{from, to}]: firms whose rung was `from` at the start and `to` at the end, for
    // every firm on a rung at either date.
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> counts;
    // The firms that went down (stepped down or lapsed): credit code → (from, to).
    std::map<std::string, std::pair<std::size_t, std::size_t>> dropped;
    std::size_t count(FlowMove move) const;
};
FlowMove flow_move(std::size_t from, std::size_t to);
// The flow of one year (from the end of year − 1 to the end of year) or of several.
TierFlow tier_flow(const std::vector<Recognition>& recognitions, const TierCatalog& tiers,
                   const std::vector<std::string>& ladder, int year);
TierFlow tier_flow(const std::vector<Recognition>& recognitions, const TierCatalog& tiers,
                   const std::vector<std::string>& ladder, int first_year, int last_year);
// Of the firms that went down, those whose title at their starting rung was revoked or
// surrendered (a recorded exit dated within the flow's span), by the move they made.
std::map<FlowMove, std::size_t> revoked_drops(const TierFlow& flow,
                                              const std::vector<TitleExit>& exits,
                                              const std::vector<std::string>& ladder);

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
    std::string issuer;  // 报送单位, e.g. 江西省工业和信息化厅; empty: not printed
    std::vector<TrendPoint> trend;      // empty: no trend charts
    std::optional<TierFlow> flow;       // with flow_ladder: the flow diagram of the year
    std::optional<TierFlow> flow_span;  // and of the years of the trend, when more than one
    std::vector<std::string> flow_ladder;
    std::vector<RegionShape> city_shapes;    // empty: no map
    std::vector<RegionShape> county_shapes;  // for county_map (the GUI's drill-down)
    // The year's title ends with their cause (services' TitleService::ends); empty: no table.
    std::vector<TitleEnd> ends;
    // Every recorded revocation and surrender: the flow names the firms that went down by them.
    std::vector<TitleExit> exits;
};

// The rungs of the cultivation ladder the flow diagram follows, in ascending order, of those
// the rule set has: 规上 → 高新 → 专精特新 → 小巨人 → 单项冠军.
std::vector<std::string> cultivation_ladder(const RuleSet& rules);

// The line a report prints its audit head with (Chinese, as the rest of the report).
std::string audit_head_line(const std::string& audit_head);

// The annual report (an official Chinese document: its labels are Chinese whatever the UI
// language): title "江西省企业梯度培育 2020 年度统计", a chart of added vs quota per tier,
// one table per grouping with totals, the chain revenue table and the expiring titles.
Report build_annual_report(const AnnualReportInput& input);
// A tier by city (the report shows the first, 规上): completion of each city's target where
// targets are set, else the additions against the city with the most.
MapFigure city_map(const AnnualReportInput& input, const std::string& tier);
// The same for the counties of `city` (a 4-digit code), drilled down from the city map.
MapFigure county_map(const AnnualReportInput& input, const std::string& city,
                     const std::string& tier);

// Display name of a tally group: region name or chain name.
std::string tally_group_label(const std::string& group, TallyGrouping grouping);

}  // namespace ladder
