#pragma once
// Import wizard: file → preview with the detected encoding → column mapping (auto-matched from
// English or Chinese headers, adjustable) → validation report (row, column, reason; savable) →
// change set (new / updated / unchanged, field-level old → new, verdicts that would flip) →
// import in one transaction with a progress dialog whose Cancel rolls back.
#include <memory>
#include <string>
#include <vector>

#include <wx/wizard.h>

#include "model/import_schema.hpp"
#include "model/table.hpp"

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxFilePickerCtrl;
class wxRadioBox;
class wxScrolledWindow;
class wxFlexGridSizer;

namespace ladder::gui {

struct Session;
struct ChangeSet;

class ImportWizard : public wxWizard {
public:
    ImportWizard(wxWindow* parent, Session& session);
    ~ImportWizard() override;
    // Runs the wizard; true when something was imported.
    bool run(const wxString& preset_file = {});
    // The self-test drives the wizard's steps directly.
    bool load_file(const wxString& path);
    wxString validation_text() const;
    wxString changes_text() const;
    // With the progress dialog; true when committed. `ask`: report failures in a message box.
    bool do_import(bool ask = true);
    wxString result_text() const { return result_; }

private:
    wxWizardPageSimple* make_file_page();
    wxWizardPageSimple* make_preview_page();
    wxWizardPageSimple* make_mapping_page();
    wxWizardPageSimple* make_validation_page();
    wxWizardPageSimple* make_changes_page();
    void fill_preview();
    void fill_mapping();
    Table mapped_table() const;
    void validate();
    void compute_changes();
    void save_report();
    void on_changing(wxWizardEvent& e);

    Session& session_;
    Table table_;
    RecordKind kind_ = RecordKind::Firms;
    std::vector<CellError> errors_;
    std::size_t good_rows_ = 0;
    std::shared_ptr<ChangeSet> changes_;
    wxString result_;
    bool imported_ = false;

    wxWizardPageSimple* file_page_ = nullptr;
    wxWizardPageSimple* preview_page_ = nullptr;
    wxWizardPageSimple* mapping_page_ = nullptr;
    wxWizardPageSimple* validation_page_ = nullptr;
    wxWizardPageSimple* changes_page_ = nullptr;
    wxFilePickerCtrl* file_ = nullptr;
    wxRadioBox* kind_box_ = nullptr;
    wxChoice* encoding_ = nullptr;
    wxStaticText* preview_label_ = nullptr;
    wxListCtrl* preview_ = nullptr;
    wxScrolledWindow* mapping_panel_ = nullptr;
    wxFlexGridSizer* mapping_sizer_ = nullptr;
    std::vector<wxChoice*> mapping_;
    wxStaticText* validation_label_ = nullptr;
    wxListCtrl* errors_list_ = nullptr;
    wxRadioBox* on_error_ = nullptr;
    wxStaticText* changes_label_ = nullptr;
    wxListCtrl* changes_list_ = nullptr;
};

}  // namespace ladder::gui
