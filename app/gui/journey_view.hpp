#pragma once
// The firm window's 历程 page: the firm's titles on a time axis (one row per title, held in
// blue, expired in grey, not yet valid in light blue, the re-review year marked), and under it
// the nearest tier the firm does not hold with what it lacks for the assessment year.
#include <vector>

#include <wx/panel.h>

#include "model/journey.hpp"
#include "model/rules/rule_set.hpp"

class wxStaticText;

namespace ladder::gui {

class JourneyTimeline : public wxPanel {
  public:
    explicit JourneyTimeline(wxWindow* parent);
    void set_steps(std::vector<JourneyStep> steps, const TierCatalog& catalog, const Date& today);

  private:
    void paint(wxPaintEvent&);
    int row_height() const;
    std::vector<JourneyStep> steps_;
    // One row per tier, in the order first granted: a tier renewed year after year (规上) is
    // one line of segments, not a line per year.
    struct Row {
        wxString name;
        std::vector<std::size_t> steps;
    };
    std::vector<Row> rows_;
    Date today_;
};

class JourneyView : public wxPanel {
  public:
    explicit JourneyView(wxWindow* parent);
    // Shows `firm`'s journey under `rules` (the rule set of the assessment year), on `today`.
    void show(const FirmRecord& firm, const RuleSet* rules, int assessment_year, const Date& today);
    // For the self-test: what the page shows, as text.
    wxString text() const { return text_; }

  private:
    JourneyTimeline* timeline_;
    wxStaticText* next_;
    wxString text_;
};

}  // namespace ladder::gui
