#include "login_dialog.hpp"

#include <cstdlib>

#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "services/demo_service.hpp"
#include "text.hpp"
#include "background.hpp"

namespace ladder::gui {

namespace {
// Accounts of a demo registry: one known password for each role (the demo is public data).
constexpr const char* kDemoPassword = "ladder-demo";
}  // namespace

LoginDialog::LoginDialog(wxWindow* parent, Database& db, const wxString& hint)
    : wxDialog(parent, wxID_ANY, _("Sign in to Ladder")), db_(db) {
    SetName("login");
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, wxString::FromUTF8("Ladder 企业梯度培育管理"));
    title->SetFont(title->GetFont().Bold().Larger());
    s->Add(title, wxSizerFlags().Border(wxALL, FromDIP(12)));
    s->Add(new wxStaticText(this, wxID_ANY, wx(db.description())),
           wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&User:")), wxSizerFlags().CenterVertical());
    name_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(220, -1)));
    grid->Add(name_, wxSizerFlags().Expand());
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Password:")), wxSizerFlags().CenterVertical());
    password_ =
        new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
    grid->Add(password_, wxSizerFlags().Expand());
    s->Add(grid, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    if (!hint.empty()) {
        auto* h = new wxStaticText(this, wxID_ANY, hint);
        h->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        s->Add(h, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    }
    error_ = new wxStaticText(this, wxID_ANY, wxString());
    error_->SetForegroundColour(wxColour(192, 0, 0));
    s->Add(error_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
           wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(s);
    name_->SetFocus();
}

void LoginDialog::fill(const wxString& name, const wxString& password) {
    name_->SetValue(name);
    password_->SetValue(password);
}

wxString LoginDialog::error() const {
    return error_->GetLabel();
}

bool LoginDialog::TransferDataFromWindow() {
    try {
        actor = UserService(db_).login(utf8(name_->GetValue()), utf8(password_->GetValue()));
        return true;
    } catch (...) {
        error_->SetLabel(wx(error_text(std::current_exception())));
        password_->Clear();
        password_->SetFocus();
        Layout();
        Fit();
        return false;
    }
}

std::optional<Actor> sign_in(Database& db) {
    UserService users(db);
    wxString hint;
    if (!users.has_users()) {
        if (is_demo_registry(db)) {
            users.create_first_admin("admin", kDemoPassword);
            Actor admin = users.login("admin", kDemoPassword);
            users.add_user(admin, "clerk", Role::clerk, kDemoPassword);
            users.add_user(admin, "reviewer", Role::reviewer, kDemoPassword);
            users.add_user(admin, "reviewer2", Role::reviewer, kDemoPassword);
        } else {
            wxMessageBox(_("This registry has no users yet. Create the administrator account."),
                         _("First run"), wxOK | wxICON_INFORMATION);
            wxString name = wxGetTextFromUser(_("Administrator name:"), _("First run"), "admin");
            if (name.empty()) return std::nullopt;
            for (;;) {
                wxString p1 = wxGetPasswordFromUser(_("Password:"), _("First run"));
                if (p1.empty()) return std::nullopt;
                wxString p2 = wxGetPasswordFromUser(_("Repeat the password:"), _("First run"));
                if (p1 != p2) {
                    wxMessageBox(_("The passwords differ."), _("First run"), wxOK | wxICON_WARNING);
                    continue;
                }
                try {
                    users.create_first_admin(utf8(name), utf8(p1));
                    break;
                } catch (...) {
                    wxMessageBox(wx(error_text(std::current_exception())), _("First run"),
                                 wxOK | wxICON_WARNING);
                }
            }
        }
    }
    if (is_demo_registry(db))
        hint = _(
            "Demo registry: users clerk, reviewer, reviewer2 and admin, password \"ladder-demo\".");
    const char* env_user = std::getenv("LADDER_USER");
    const char* env_password = std::getenv("LADDER_PASSWORD");
    if (env_user && *env_user && env_password && *env_password)
        return users.login(env_user, env_password);
    LoginDialog dlg(nullptr, db, hint);
    if (dlg.ShowModal() != wxID_OK) return std::nullopt;
    return dlg.actor;
}

}  // namespace ladder::gui
