#pragma once
// 规则: the rule set in force for the year, tier by tier, criterion by criterion, with sources
// and the thresholds marked as assumed.
#include "page.hpp"

class wxListCtrl;
class wxStaticText;

namespace ladder::gui {

class RulesPanel : public Page {
  public:
    RulesPanel(wxWindow* parent, Session& session);
    void year_changed() override;

  private:
    wxStaticText* heading_;
    wxListCtrl* list_;
};

}  // namespace ladder::gui
