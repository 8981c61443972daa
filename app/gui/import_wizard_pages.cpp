// The import wizard's pages: built once (file, preview, mapping, validation, changes) and
// filled from the file as read. What the wizard does with them is import_wizard.cpp.
#include "import_wizard.hpp"
#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/filedlg.h>
#include <wx/textctrl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/radiobox.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/simplebook.h>
#include <wx/statline.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/spinctrl.h>
#include "services/import_service.hpp"
#include "model/measures.hpp"
#include "model/names.hpp"
#include "model/progress.hpp"
#include "model/rules/evaluate.hpp"
#include "labels.hpp"
#include "layout.hpp"
#include "column_widths.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

bool ImportWizard::is_money_column(RecordKind kind, std::size_t col) {
    if (kind != RecordKind::figures || col < figures_column::first_measure) return false;
    return is_money(kMeasures[col - figures_column::first_measure].kind);
}

wxPanel* ImportWizard::make_file_page() {
    auto* page = new wxPanel(book_);
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(new wxStaticText(
               page, wxID_ANY,
               _("Choose a CSV (UTF-8 or GBK) or XLSX file with firms, figures or recognitions.")),
           wxSizerFlags().Border(wxBOTTOM));
    // A text field and a button of our own: the file picker's button is GTK's "Browse" in
    // every language, and without a mnemonic.
    auto* file_row = new wxBoxSizer(wxHORIZONTAL);
    file_ = new wxTextCtrl(page, wxID_ANY);
    file_->SetName("import-file");
    file_row->Add(file_, wxSizerFlags(1).CenterVertical());
    auto* browse = new wxButton(page, wxID_ANY, _("B&rowse..."));
    browse->SetName("import-browse");
    file_row->Add(browse, wxSizerFlags().Border(wxLEFT, FromDIP(4)));
    browse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxFileDialog dlg(this, _("Choose a file to import"), wxString(), wxString(),
                         _("Spreadsheets (*.csv;*.xlsx)|*.csv;*.xlsx;*.CSV;*.XLSX|All files|*"),
                         wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (dlg.ShowModal() == wxID_OK) file_->SetValue(dlg.GetPath());
    });
    s->Add(file_row, wxSizerFlags().Expand().Border(wxBOTTOM));
    // Not _("Firms"): that msgid is a count's column heading (企业数) elsewhere.
    wxString kinds[] = {_("Detect from the header"), _("Firm records"), _("Figures"),
                        _("Recognitions")};
    kind_box_ = new wxRadioBox(page, wxID_ANY, _("Contents"), wxDefaultPosition, wxDefaultSize, 4,
                               kinds, 1);
    s->Add(kind_box_, wxSizerFlags().Expand().Border(wxBOTTOM));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(page, wxID_ANY, _("&Encoding:")), wxSizerFlags().CenterVertical());
    encoding_ = new wxChoice(page, wxID_ANY);
    encoding_->Append(_("Detect (UTF-8, then GBK)"));
    encoding_->Append("UTF-8");
    encoding_->Append("GBK / GB18030");
    encoding_->SetSelection(0);
    row->Add(encoding_, wxSizerFlags().Border(wxLEFT));
    s->Add(row);
    page->SetSizer(s);
    return page;
}

wxPanel* ImportWizard::make_preview_page() {
    auto* page = new wxPanel(book_);
    auto* s = new wxBoxSizer(wxVERTICAL);
    preview_label_ = new wxStaticText(page, wxID_ANY, wxString());
    s->Add(preview_label_, wxSizerFlags().Border(wxBOTTOM));
    preview_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
    preview_->SetMinSize(FromDIP(wxSize(320, 120)));  // it scrolls; the buttons stay
    s->Add(preview_, wxSizerFlags(1).Expand());
    page->SetSizer(s);
    return page;
}

wxPanel* ImportWizard::make_mapping_page() {
    auto* page = new wxPanel(book_);
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(new wxStaticText(
               page, wxID_ANY,
               _("Each column of the file and the field it fills. Columns were matched from their "
                 "English or Chinese headers; change any that is wrong.")),
           wxSizerFlags().Border(wxBOTTOM));
    // Where the table was found: the sheet and the header row, both correctable.
    layout_label_ = new wxStaticText(page, wxID_ANY, wxString());
    s->Add(layout_label_, wxSizerFlags().Border(wxBOTTOM));
    auto* where = new wxBoxSizer(wxHORIZONTAL);
    where->Add(new wxStaticText(page, wxID_ANY, _("&Sheet:")), wxSizerFlags().CenterVertical());
    sheet_ = new wxChoice(page, wxID_ANY);
    sheet_->SetName("sheet");
    where->Add(sheet_, wxSizerFlags().Border(wxLEFT | wxRIGHT));
    where->Add(new wxStaticText(page, wxID_ANY, _("&Header on row:")),
               wxSizerFlags().CenterVertical());
    header_row_ = new wxSpinCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 1, 1000000, 1);
    header_row_->SetName("header-row");
    where->Add(header_row_, wxSizerFlags().Border(wxLEFT | wxRIGHT));
    auto* reread = new wxButton(page, wxID_ANY, _("&Read again"));
    reread->SetName("read-again");
    reread->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { read_again(); });
    where->Add(reread);
    s->Add(where, wxSizerFlags().Border(wxBOTTOM));
    mapping_panel_ = new wxScrolledWindow(page, wxID_ANY);
    mapping_panel_->SetScrollRate(0, FromDIP(10));
    mapping_panel_->SetMinSize(FromDIP(wxSize(320, 100)));
    mapping_sizer_ = new wxFlexGridSizer(3, FromDIP(wxSize(12, 4)));
    mapping_panel_->SetSizer(mapping_sizer_);
    s->Add(mapping_panel_, wxSizerFlags(1).Expand());
    // Partial files: a blank cell keeps what the registry holds unless the clerk says otherwise.
    clear_blanks_ = new wxCheckBox(page, wxID_ANY,
                                   _("B&lank cells clear the stored value (otherwise it is kept)"));
    clear_blanks_->SetName("clear-blanks");
    clear_blanks_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { analysed_ = false; });
    s->Add(clear_blanks_, wxSizerFlags().Border(wxTOP));
    page->SetSizer(s);
    return page;
}

wxPanel* ImportWizard::make_validation_page() {
    auto* page = new wxPanel(book_);
    auto* s = new wxBoxSizer(wxVERTICAL);
    validation_label_ = new wxStaticText(page, wxID_ANY, wxString());
    s->Add(validation_label_, wxSizerFlags().Border(wxBOTTOM));
    errors_list_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
    errors_list_->SetMinSize(FromDIP(wxSize(320, 120)));  // it scrolls; the buttons stay
    errors_list_->AppendColumn(_("Row"), wxLIST_FORMAT_RIGHT, FromDIP(60));
    errors_list_->AppendColumn(_("Column"), wxLIST_FORMAT_LEFT, FromDIP(150));
    errors_list_->AppendColumn(_("Reason"), wxLIST_FORMAT_LEFT, FromDIP(500));
    remember_column_widths(errors_list_, "import-errors");
    s->Add(errors_list_, wxSizerFlags(1).Expand());
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    wxString modes[] = {_("Reject the whole file if any cell is bad"),
                        _("Import the good rows, skip the bad ones")};
    on_error_ = new wxRadioBox(page, wxID_ANY, _("When cells are bad"), wxDefaultPosition,
                               wxDefaultSize, 2, modes, 1);
    row->Add(on_error_, wxSizerFlags(1));
    auto* save = new wxButton(page, wxID_ANY, _("Save &report..."));
    row->Add(save, wxSizerFlags().Bottom().Border(wxLEFT));
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_report(); });
    s->Add(row, wxSizerFlags().Expand().Border(wxTOP));
    page->SetSizer(s);
    return page;
}

wxPanel* ImportWizard::make_changes_page() {
    auto* page = new wxPanel(book_);
    auto* s = new wxBoxSizer(wxVERTICAL);
    changes_label_ = new wxStaticText(page, wxID_ANY, wxString());
    s->Add(changes_label_, wxSizerFlags().Border(wxBOTTOM));
    changes_list_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
    changes_list_->SetMinSize(FromDIP(wxSize(320, 120)));  // it scrolls; the buttons stay
    changes_list_->AppendColumn(_("Record"), wxLIST_FORMAT_LEFT, FromDIP(200));
    changes_list_->AppendColumn(_("Field"), wxLIST_FORMAT_LEFT, FromDIP(140));
    changes_list_->AppendColumn(_("Old"), wxLIST_FORMAT_LEFT, FromDIP(180));
    changes_list_->AppendColumn(_("New"), wxLIST_FORMAT_LEFT, FromDIP(180));
    remember_column_widths(changes_list_, "import-changes");
    s->Add(changes_list_, wxSizerFlags(1).Expand());
    s->Add(new wxStaticText(page, wxID_ANY,
                            _("Import writes everything in one transaction; Cancel in the "
                              "progress window leaves the registry unchanged.")),
           wxSizerFlags().Border(wxTOP));
    page->SetSizer(s);
    return page;
}

void ImportWizard::fill_preview() {
    static const char* kinds[] = {N_("firms"), N_("figures"), N_("recognitions")};
    preview_label_->SetLabel(wxString::Format(
        _("%s: %zu data rows, encoding %s, read as %s."), wx(table_.file_name), table_.rows.size(),
        wx(table_.encoding), wxGetTranslation(kinds[static_cast<int>(kind_)])));
    preview_->ClearAll();
    for (const auto& h : table_.header)
        preview_->AppendColumn(wx(h), wxLIST_FORMAT_LEFT, FromDIP(110));
    for (std::size_t r = 0; r < table_.rows.size() && r < kPreviewRows; ++r) {
        const auto& cells = table_.rows[r].cells;
        long item =
            preview_->InsertItem(static_cast<long>(r), cells.empty() ? wxString() : wx(cells[0]));
        for (std::size_t c = 1; c < cells.size() && c < table_.header.size(); ++c)
            preview_->SetItem(item, static_cast<int>(c), wx(cells[c]));
    }
}

void ImportWizard::fill_layout() {
    wxString where = table_.sheet.empty()
                         ? wxString::Format(_("Header on row %d."), table_.header_row)
                         : wxString::Format(_("Sheet \"%s\", header on row %d."), wx(table_.sheet),
                                            table_.header_row);
    for (const auto& note : table_.notes) where += "\n" + wx(note);
    layout_label_->SetLabel(where);
    layout_label_->Wrap(FromDIP(720));
    sheet_->Clear();
    sheet_->Append(_("(the first visible sheet with a header)"));
    int selected = 0;
    for (std::size_t i = 0; i < sheets_.size(); ++i) {
        const auto& sheet = sheets_[i];
        sheet_->Append(sheet.hidden ? wxString::Format(_("%s (hidden)"), wx(sheet.name))
                                    : wx(sheet.name));
        if (!chosen_sheet_.empty() && sheet.name == chosen_sheet_)
            selected = static_cast<int>(i) + 1;
    }
    sheet_->SetSelection(selected);
    sheet_->Enable(!sheets_.empty());
    header_row_->SetValue(table_.header_row);
}

namespace {
// The money units a header may carry; the first entry means "none" (万元, the default).
const char* const kMoneyUnits[] = {"", "万元", "元", "千元", "亿元"};

}  // namespace

void ImportWizard::fill_mapping() {
    mapping_panel_->DestroyChildren();
    mapping_sizer_->Clear();
    mapping_.clear();
    units_.clear();
    const auto& cols = columns_of(kind_);
    for (const auto& h : table_.header) {
        mapping_sizer_->Add(new wxStaticText(mapping_panel_, wxID_ANY, wx(h)),
                            wxSizerFlags().CenterVertical());
        auto* choice = new wxChoice(mapping_panel_, wxID_ANY);
        choice->Append(_("(ignore)"));
        // The id is the English template's header: a Chinese reader gets the name alone.
        for (const auto& c : cols)
            choice->Append(ui_is_chinese() ? wx(c.zh) : wx(c.zh) + " (" + wx(c.id) + ")");
        auto m = match_column(kind_, h);
        choice->SetSelection(m ? static_cast<int>(*m) + 1 : 0);
        mapping_sizer_->Add(choice);
        mapping_.push_back(choice);
        // The unit of the values, from the header's note; money converts exactly into 万元.
        auto* unit = new wxChoice(mapping_panel_, wxID_ANY);
        for (const char* u : kMoneyUnits) unit->Append(*u ? wx(u) : _("(万元, no unit given)"));
        const std::string note = unit_note(h);
        int unit_index = 0;
        for (int i = 1; i < static_cast<int>(std::size(kMoneyUnits)); ++i)
            if (note == kMoneyUnits[i]) unit_index = i;
        if (!note.empty() && unit_index == 0) {  // kept as written: the check names it
            unit->Append(wx(note));
            unit_index = static_cast<int>(unit->GetCount()) - 1;
        }
        unit->SetSelection(unit_index);
        auto show_unit = [this, choice, unit] {
            const int sel = choice->GetSelection();
            unit->Show(sel > 0 && is_money_column(kind_, static_cast<std::size_t>(sel - 1)));
            mapping_panel_->Layout();
        };
        show_unit();
        // Checked again when the mapping page is left, not at every choice.
        choice->Bind(wxEVT_CHOICE, [this, show_unit](wxCommandEvent&) {
            analysed_ = false;
            show_unit();
        });
        unit->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { analysed_ = false; });
        mapping_sizer_->Add(unit);
        units_.push_back(unit);
    }
    mapping_panel_->FitInside();
    mapping_panel_->Layout();
}

}  // namespace ladder::gui
