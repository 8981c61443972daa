#pragma once
// 报表: the annual tally as XLSX, PDF (the report renderers the CLI uses) or CSV (the CLI's
// `tally --format csv` contract), written on the job worker.
#include "page.hpp"

class wxRadioBox;
class wxStaticText;
class wxTextCtrl;
class wxGauge;

namespace ladder::gui {

class ReportsPanel : public Page {
  public:
    ReportsPanel(wxWindow* parent, Session& session);
    void year_changed() override;
    // Writes the report to `path` in the chosen format without asking (the self-test).
    void export_to(const wxString& path, int format);
    bool busy() const { return busy_; }
    wxString describe() const override;

  private:
    void save();
    wxStaticText* heading_;
    wxRadioBox* format_;
    wxStaticText* status_;
    wxTextCtrl* issuer_;  // 报送单位, remembered in the user's config
    bool busy_ = false;
};

}  // namespace ladder::gui
