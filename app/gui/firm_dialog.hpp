#pragma once
// One firm: its fields, its figures by year, its recognitions and, per tier, why it is or is
// not eligible — criterion by criterion. Edits are validated with the import rules (a field or
// cell is accepted exactly when the same value would import) and saved through RegistryService
// in one transaction, naming the row versions they were based on: when someone else saved the
// firm meanwhile, the service's "changed by … at …" message is shown and the firm reloaded.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "model/registry.hpp"
#include "prompter.hpp"

class wxTextCtrl;
class wxStaticText;
class wxGrid;
class wxListCtrl;
class wxChoice;
class wxNotebook;
class wxButton;

namespace ladder::gui {

class JourneyView;

struct Session;

class FirmDialog : public wxDialog {
  public:
    FirmDialog(wxWindow* parent, Session& session, const std::string& credit_code);
    bool changed() const { return changed_; }
    // For the self-test: the eligibility panel's rows as text.
    wxString eligibility_text() const;
    // For the self-test: the journey page as text.
    wxString journey_text() const;
    void show_tier(const std::string& tier);
    void select_page(int page);
    // Submits an application for the shown tier (WorkflowService checks role and snapshot).
    bool submit_application(Prompter& prompter = dialog_prompter());
    // Saves the edits; returns what the user is told (empty when saved). Messages and the question
    // whether to reload a stale firm go through `prompter`.
    wxString save_edits(Prompter& prompter = dialog_prompter());
    // For the self-test: sets a firm field as if typed; reads one back.
    void set_field(const std::string& column, const wxString& value);
    wxString field(const std::string& column) const;
    const std::string& credit_code() const { return record_.firm.credit_code; }
    // The 否决项 page: records one item's check through NegativeListService (clerks); returns
    // what the user is told (empty when recorded). `date` as YYYY-MM-DD, may be empty for a
    // verdict of not checked.
    wxString record_negative_check(const std::string& item, const std::string& verdict,
                                   const wxString& source, const wxString& date);
    // Ends the title of the recognitions page's row `row` through TitleService: revoked (撤销,
    // reviewers, with a document number) or surrendered (主动放弃, clerks) on `date`. Returns
    // what the user is told (empty when ended); the recognitions are read again.
    wxString end_title(bool revoke, long row, const wxString& date, const wxString& doc_no,
                       const wxString& reason);
    // For the self-test: the recognitions page's rows as text, one a line.
    wxString recognitions_text() const;
    // For the self-test: the 否决项 page's rows as text, one item a line.
    wxString negative_list_text() const;

    bool TransferDataToWindow() override;
    bool TransferDataFromWindow() override;

  private:
    wxWindow* build_fields(wxNotebook* book);
    wxWindow* build_figures(wxNotebook* book);
    wxWindow* build_recognitions(wxNotebook* book);
    wxWindow* build_eligibility(wxNotebook* book);
    wxWindow* build_negative_list(wxNotebook* book);
    void refresh_negative_list();
    void refresh_recognitions();
    // The 31 May annual update missed or due (title updates), or empty.
    wxString annual_update_warning() const;
    // The dialog of 撤销称号 / 主动放弃: asks date, document number and reason, then ends it.
    void ask_end_title(bool revoke);
    void refresh_journey();
    // Validates the edits with the import rules; marks bad fields/cells; true when all good.
    bool validate(FirmRecord* out);
    void refresh_eligibility();
    void add_year();
    // (Re)reads the firm, its figures and their row versions.
    void load(std::string credit_code);  // by value: callers pass record_'s own code

    Session& session_;
    FirmRecord record_;
    FirmRecord saved_;      // as last read from or written to the database
    ControlIndex control_;  // the titles of the firms whose control is recorded
    int64_t firm_version_ = 0;
    std::map<int, int64_t> figures_versions_;  // by year
    bool changed_ = false;
    std::vector<int> years_;
    std::map<std::string, wxTextCtrl*> fields_;  // by firm column id
    std::map<std::string, wxStaticText*> field_errors_;
    wxGrid* grid_ = nullptr;
    wxStaticText* grid_errors_ = nullptr;
    wxListCtrl* recognitions_ = nullptr;
    wxChoice* tier_ = nullptr;
    JourneyView* journey_ = nullptr;
    wxStaticText* verdict_ = nullptr;
    wxListCtrl* criteria_ = nullptr;
    wxButton* submit_ = nullptr;
    wxNotebook* book_ = nullptr;
    std::vector<std::string> tier_ids_;
    wxListCtrl* negative_ = nullptr;  // the 7 items of the negative list
    wxChoice* negative_verdict_ = nullptr;
    wxTextCtrl* negative_source_ = nullptr;
    wxTextCtrl* negative_date_ = nullptr;  // a DateField
};

}  // namespace ladder::gui
