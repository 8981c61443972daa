#pragma once
// 图表: the annual report's pictures on screen, drawn by the report's own renderers — the cities
// coloured by completion of a tier's target (a click on a city lists the firms it added that
// year), the holders and the additions of every tier over the years, and the flow of firms
// between the rungs of the ladder in the year.
#include <memory>
#include <string>
#include <vector>

#include "model/annual_report.hpp"
#include "page.hpp"

class wxButton;
class wxChoice;
class wxStaticText;

namespace ladder::gui {

class FigureView;

class PicturesPanel : public Page {
  public:
    PicturesPanel(wxWindow* parent, Session& session);
    void activated() override;
    void year_changed() override;
    wxString describe() const override;
    void refresh();
    bool loading() const { return loading_; }
    // The firms the place (a city's or a county's GB/T 2260 code) added this year in the tier
    // the map shows: what a click on a county of a drilled-down city opens.
    void show_city(const std::string& city);
    // The map of the counties of `city` (a click on the city); empty: the province's cities.
    void drill_down(const std::string& city);

  private:
    void show_map();
    void show_flow();

    wxStaticText* status_;
    wxChoice* tier_;
    wxChoice* flow_span_;  // the year's flow or that of the trend's years
    wxButton* province_;   // back from a city's counties to the province's cities
    FigureView* map_;
    FigureView* flow_;
    FigureView* holders_;
    FigureView* added_;
    std::vector<std::string> tier_ids_;
    std::vector<MapFigure> maps_;                     // one per tier of tier_ids_
    std::shared_ptr<const AnnualReportInput> input_;  // for the counties' maps
    std::string city_;                                // the city drilled down to, empty: none
    MapFigure shown_map_;
    std::vector<LineChart> trends_;
    std::vector<FlowDiagram> flows_;
    wxString last_city_;  // "3601 高新技术企业 firms=N": what the last click on a city listed
    int loaded_year_ = 0;
    bool loading_ = false;
};

}  // namespace ladder::gui
