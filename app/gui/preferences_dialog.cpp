#include "preferences_dialog.hpp"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace ladder::gui {

wxString configured_language() {
    return wxConfigBase::Get()->Read("/Preferences/Language", "zh_CN");
}

PreferencesDialog::PreferencesDialog(wxWindow* parent)
    : wxDialog(parent, wxID_ANY, _("Preferences")) {
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, _("Interface &language:")),
             wxSizerFlags().CenterVertical());
    language_ = new wxChoice(this, wxID_ANY);
    language_->Append(wxString::FromUTF8("中文（简体）"));
    language_->Append("English");
    row->Add(language_, wxSizerFlags().Border(wxLEFT));
    s->Add(row, wxSizerFlags().Border(wxALL, FromDIP(12)));
    s->Add(new wxStaticText(this, wxID_ANY, _("The language changes the next time Ladder starts.")),
           wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
           wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(s);
}

bool PreferencesDialog::TransferDataToWindow() {
    language_->SetSelection(configured_language() == "en" ? 1 : 0);
    return true;
}

bool PreferencesDialog::TransferDataFromWindow() {
    wxString lang = language_->GetSelection() == 1 ? "en" : "zh_CN";
    if (lang != configured_language()) {
        wxConfigBase::Get()->Write("/Preferences/Language", lang);
        wxConfigBase::Get()->Flush();
    }
    return true;
}

}  // namespace ladder::gui
