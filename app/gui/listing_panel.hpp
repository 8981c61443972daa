#pragma once
// 上市培育: a firm's listing pipeline (reserve → share reform → tutoring filed → filed →
// approved → listed). A clerk records the next stage with its date; a reviewer other than that
// clerk confirms or rejects it. WorkflowService checks roles, order and four eyes; its refusal
// is shown as its message.
#include <string>
#include <vector>

#include "services/workflow_service.hpp"
#include "page.hpp"

class wxButton;
class wxChoice;

class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace ladder::gui {

class DateField;

class ListingPanel : public Page {
  public:
    ListingPanel(wxWindow* parent, Session& session);
    void activated() override;
    wxString describe() const override;
    // Shows the stages of the firm with this credit code.
    void show_firm(const std::string& credit_code);
    // Records `stage` reached on `on` for the firm shown. Returns the outcome.
    wxString propose(ListingStage stage, const Date& on, const wxString& comment);
    // Confirms or rejects the newest pending stage change. Returns the outcome.
    wxString review(bool confirm, const wxString& comment);

  private:
    void reload();
    void update_controls();
    void permissions_changed() override { update_controls(); }

    wxTextCtrl* firm_;
    wxStaticText* firm_name_;
    wxListCtrl* stages_;
    wxChoice* stage_;
    DateField* date_;
    wxTextCtrl* comment_;
    wxButton* propose_;
    wxButton* confirm_;
    wxButton* reject_;
    wxStaticText* message_;
    std::string credit_code_;
    bool firm_found_ = false;
    std::vector<ListingStageRecord> records_;
};

}  // namespace ladder::gui
