#pragma once
// 配额进度: per tier, added vs quota as bars with holders, exits, pending applications and
// eligible candidates; the same by city as a table and a chart; a bar opens the firms behind it.
#include <vector>

#include "model/annual_report.hpp"
#include "page.hpp"

class wxChoice;
class wxListCtrl;
class wxStaticText;

namespace ladder::gui {

class QuotaChart;

class QuotaPanel : public Page {
public:
    QuotaPanel(wxWindow* parent, Session& session);
    void activated() override;
    void year_changed() override;
    wxString describe() const override;
    void refresh();
    bool loading() const { return loading_; }
    // Lists the firms behind a cell of the tally (group "36" = province).
    void show_firms(const std::string& group, const std::string& tier, TallyMeasure measure);

private:
    void show();
    void show_cities();

    wxStaticText* status_;
    QuotaChart* chart_;
    wxChoice* city_tier_;
    wxListCtrl* cities_;
    QuotaChart* city_chart_;
    std::vector<AnnualTallyRow> province_, city_;
    std::vector<std::string> tier_ids_;
    int loaded_year_ = 0;
    bool loading_ = false;
};

}  // namespace ladder::gui
