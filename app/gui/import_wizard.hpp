#pragma once
// Import wizard: file → preview with the detected encoding → column mapping (auto-matched from
// English or Chinese headers, adjustable) → validation report (row, column, reason; savable) →
// change set (new / updated / unchanged, field-level old → new, verdicts that would flip) →
// import in one transaction with a progress dialog whose Cancel rolls back.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "db/database.hpp"
#include "model/import_merge.hpp"
#include "model/import_schema.hpp"
#include "model/progress.hpp"
#include "model/table.hpp"
#include "prompter.hpp"

class wxCheckBox;
class wxSpinCtrl;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;
class wxRadioBox;
class wxScrolledWindow;
class wxFlexGridSizer;
class wxPanel;
class wxSimplebook;
class wxButton;

namespace ladder::gui {

struct Session;
struct ChangeSet;
struct SharedProgress;

// A dialog of its own rather than wxWizard: its pages and buttons are laid out by sizers, so the
// buttons stay visible at any size and with or without a window manager, and their labels come
// from Ladder's catalogue, not the toolkit's stock labels.
class ImportWizard : public wxDialog {
  public:
    ImportWizard(wxWindow* parent, Session& session);
    ~ImportWizard() override;
    // Runs the wizard; true when something was imported.
    bool run(const wxString& preset_file = {});
    // The self-test drives the wizard's steps directly.
    bool load_file(const wxString& path);
    // The validation pass and change set for the file loaded, without dialogs.
    bool check_file(Prompter& prompter) { return analyse(prompter); }
    wxString validation_text() const;
    wxString changes_text() const;
    // The pages, in order; the self-test shows each and checks its layout.
    static constexpr int kPages = 5;
    void show_page(int index);
    int current_page() const;
    // With the progress dialog; true when committed; failures are told through `prompter`.
    bool do_import(Prompter& prompter = dialog_prompter());
    wxString result_text() const { return result_; }
    // The self-test's Cancel: the next validation and change-set pass is cancelled as it starts.
    void cancel_next_check() { cancel_next_check_ = true; }

  private:
    static constexpr std::size_t kPreviewRows = 50;  // rows the preview page shows
    // Whether a column of the kind holds money (its header may name a unit).
    static bool is_money_column(RecordKind kind, std::size_t col);
    wxPanel* make_file_page();
    wxPanel* make_preview_page();
    wxPanel* make_mapping_page();
    wxPanel* make_validation_page();
    wxPanel* make_changes_page();
    void fill_preview();
    void fill_mapping();
    void fill_layout();  // the sheet and header row found, and the reader's notes
    // Reads the file again with the sheet and header row the clerk chose on the mapping page.
    void read_again();
    bool read_and_analyse();
    Table mapped_table() const;
    EmptyCells empty_cells() const;
    // Runs `job` on the job worker behind a progress dialog whose Cancel stops it; false when
    // cancelled or failed (the failure told through `prompter`).
    bool run_job(const wxString& title, std::function<void(Database&, Progress&)> job,
                 Prompter& prompter = dialog_prompter(), bool cancelled = false);
    void wait_for(SharedProgress& progress, const wxString& title);
    // The validation pass and the change set, on the worker; false when cancelled or failed.
    bool analyse(Prompter& prompter = dialog_prompter());
    void show_validation(const std::vector<std::string>& warnings);
    void show_changes();
    void save_report();
    // Leaves the current page forward when what it holds allows it (false: stays, says why).
    bool leave_forward();
    void on_next();

    Session& session_;
    Table table_;
    RecordKind kind_ = RecordKind::firms;
    std::vector<CellError> errors_;
    std::size_t good_rows_ = 0;
    std::shared_ptr<ChangeSet> changes_;
    wxString result_;
    bool imported_ = false;
    bool analysed_ = false;
    bool cancel_next_check_ = false;  // the validation and change set match the current mapping

    wxSimplebook* book_ = nullptr;
    wxStaticText* step_label_ = nullptr;
    wxButton* back_ = nullptr;
    wxButton* next_ = nullptr;
    wxPanel* file_page_ = nullptr;
    wxPanel* preview_page_ = nullptr;
    wxPanel* mapping_page_ = nullptr;
    wxPanel* validation_page_ = nullptr;
    wxPanel* changes_page_ = nullptr;
    wxTextCtrl* file_ = nullptr;  // the file's path, typed or chosen with 浏览
    wxRadioBox* kind_box_ = nullptr;
    wxChoice* encoding_ = nullptr;
    wxStaticText* preview_label_ = nullptr;
    wxListCtrl* preview_ = nullptr;
    wxScrolledWindow* mapping_panel_ = nullptr;
    wxFlexGridSizer* mapping_sizer_ = nullptr;
    std::vector<wxChoice*> mapping_;
    std::vector<wxChoice*> units_;  // per file column: the unit of money values
    wxStaticText* layout_label_ = nullptr;
    wxChoice* sheet_ = nullptr;
    wxSpinCtrl* header_row_ = nullptr;
    wxString loaded_path_;
    std::string chosen_sheet_;   // empty: the first visible sheet with a header
    int chosen_header_row_ = 0;  // 0: searched
    std::vector<SheetName> sheets_;
    wxStaticText* validation_label_ = nullptr;
    wxListCtrl* errors_list_ = nullptr;
    wxRadioBox* on_error_ = nullptr;
    wxCheckBox* clear_blanks_ = nullptr;
    wxStaticText* changes_label_ = nullptr;
    wxListCtrl* changes_list_ = nullptr;
};

}  // namespace ladder::gui
