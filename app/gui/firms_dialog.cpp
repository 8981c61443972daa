#include "firms_dialog.hpp"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "column_widths.hpp"
#include "firm_dialog.hpp"
#include "session.hpp"
#include "text.hpp"

namespace ladder::gui {

FirmsDialog::FirmsDialog(wxWindow* parent, Session& session, const wxString& title,
                         const std::vector<std::pair<std::string, std::string>>& firms)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session) {
    SetName("firms-dialog");
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(new wxStaticText(this, wxID_ANY, wxString::Format(_("%zu firms"), firms.size())),
           wxSizerFlags().Border(wxALL, FromDIP(8)));
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->AppendColumn(_("Credit code"), wxLIST_FORMAT_LEFT, FromDIP(200));
    list_->AppendColumn(_("Firm name"), wxLIST_FORMAT_LEFT, FromDIP(320));
    remember_column_widths(list_, "quota-list");
    long i = 0;
    for (const auto& [code, name] : firms) {
        list_->InsertItem(i, wx(code));
        list_->SetItem(i++, 1, wx(name));
    }
    s->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    s->Add(CreateStdDialogButtonSizer(wxCLOSE), wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    SetEscapeId(wxID_CLOSE);
    SetSizer(s);
    SetSize(FromDIP(wxSize(600, 480)));
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        FirmDialog dlg(this, session_, utf8(list_->GetItemText(e.GetIndex())));
        dlg.ShowModal();
    });
}

}  // namespace ladder::gui
