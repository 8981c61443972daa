#pragma once
// 配额进度: per tier, added vs quota as bars with holders, exits, pending applications and
// eligible candidates; the same by city as a table and a chart; a bar opens the firms behind it;
// the bureau's multi-year targets (目标任务, e.g. 2028) with the titles held today.
#include <cstdint>
#include <string>
#include <vector>

#include "model/annual_report.hpp"
#include "model/title_cycle.hpp"
#include "page.hpp"
#include "prompter.hpp"

class wxButton;
class wxChoice;
class wxListCtrl;
class wxStaticText;

namespace ladder::gui {

class QuotaChart;

class QuotaPanel : public Page {
  public:
    QuotaPanel(wxWindow* parent, Session& session);
    void activated() override;
    void permissions_changed() override;
    void year_changed() override;
    wxString describe() const override;
    void refresh();
    bool loading() const { return loading_; }
    // Lists the firms behind a cell of the tally (group "36" = province).
    void show_firms(const std::string& group, const std::string& tier, TallyMeasure measure);
    // Administrators: the quota of a tier for a group ("36", a city or county code, a chain id)
    // this year, through QuotaService (which checks the role and the values and writes the
    // audit entry). When `prompter` asks for input, a dialog picks group, tier and value. Returns
    // the outcome.
    wxString set_quota(const std::string& group, const std::string& tier, int64_t value,
                       Prompter& prompter = dialog_prompter());
    // Administrators: the multi-year target of a tier (titles held at the end of `year`),
    // through TitleService. When `prompter` asks for input, a dialog picks year, tier and value.
    wxString set_target(int year, const std::string& tier, int64_t value,
                        Prompter& prompter = dialog_prompter());

  private:
    void show();
    void show_cities();
    void show_targets();

    wxStaticText* status_;
    wxButton* edit_;
    wxButton* edit_targets_;
    wxListCtrl* targets_;
    QuotaChart* chart_;
    wxChoice* city_tier_;
    wxListCtrl* cities_;
    QuotaChart* city_chart_;
    std::vector<AnnualTallyRow> province_, city_;
    struct TargetRow {
        Target target;
        std::size_t held = 0;
    };
    std::vector<TargetRow> target_rows_;
    std::vector<std::string> tier_ids_;
    int loaded_year_ = 0;
    bool loading_ = false;
};

}  // namespace ladder::gui
