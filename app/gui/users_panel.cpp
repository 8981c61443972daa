#include "users_panel.hpp"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include "column_widths.hpp"
#include "services/user_service.hpp"
#include "session.hpp"
#include "permissions.hpp"
#include "text.hpp"

namespace ladder::gui {

UsersPanel::UsersPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("users");
    auto* s = new wxBoxSizer(wxVERTICAL);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->AppendColumn(_("User"), wxLIST_FORMAT_LEFT, FromDIP(160));
    list_->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, FromDIP(160));
    list_->AppendColumn(_("Active"), wxLIST_FORMAT_LEFT, FromDIP(80));
    list_->AppendColumn(_("Last sign-in"), wxLIST_FORMAT_LEFT, FromDIP(200));
    list_->AppendColumn(_("Locked until"), wxLIST_FORMAT_LEFT, FromDIP(200));
    remember_column_widths(list_, "users-list");
    s->Add(list_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = add_ = new wxButton(this, wxID_ADD, _("&Add user..."));
    add->SetName("add-user");
    auto* reset = new wxButton(this, wxID_ANY, _("Set &password..."));
    auto* active = active_ = new wxButton(this, wxID_ANY, _("&Enable / disable"));
    active->SetName("toggle-user");
    buttons->Add(add);
    buttons->Add(reset, wxSizerFlags().Border(wxLEFT));
    buttons->Add(active, wxSizerFlags().Border(wxLEFT));
    s->Add(buttons, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    s->Add(new wxStaticText(this, wxID_ANY,
                            _("Clerks keep the registry and submit applications; reviewers decide; "
                              "administrators manage users, quotas and rule sets.")),
           wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(s);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_user(); });
    reset->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reset_password(); });
    active->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggle_active(); });
    permissions_changed();
}

void UsersPanel::permissions_changed() {
    // Everyone may set their own password; the rest is the administrators'.
    enable_for(add_, session_.actor, Operation::manage_users);
    enable_for(active_, session_.actor, Operation::manage_users);
}

void UsersPanel::activated() {
    reload();
}

void UsersPanel::reload() {
    list_->DeleteAllItems();
    try {
        long i = 0;
        for (const auto& u : UserService(*session_.db).list()) {
            list_->InsertItem(i, wx(u.name));
            list_->SetItem(i, 1, wx(role_label(u.role)));
            list_->SetItem(i, 2, u.active ? _("yes") : _("no"));
            list_->SetItem(i, 3, wx(u.last_login.value_or("")));
            list_->SetItem(i, 4, wx(u.locked_until.value_or("")));
            ++i;
        }
    } catch (...) {
        wxMessageBox(wx(error_text(std::current_exception())), _("Users"), wxOK | wxICON_WARNING,
                     this);
    }
}

void UsersPanel::add_user() {
    wxString name = wxGetTextFromUser(_("Name of the new user:"), _("Add user"), wxString(), this);
    if (name.empty()) return;
    wxArrayString roles;
    for (Role r : {Role::clerk, Role::reviewer, Role::admin}) roles.Add(wx(role_label(r)));
    int role = wxGetSingleChoiceIndex(_("Role:"), _("Add user"), roles, this);
    if (role < 0) return;
    wxString password =
        wxGetPasswordFromUser(_("Initial password:"), _("Add user"), wxString(), this);
    if (password.empty()) return;
    try {
        UserService(*session_.db)
            .add_user(session_.actor, utf8(name), static_cast<Role>(role), utf8(password));
    } catch (...) {
        wxMessageBox(wx(error_text(std::current_exception())), _("Add user"), wxOK | wxICON_WARNING,
                     this);
    }
    reload();
}

void UsersPanel::reset_password() {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (sel < 0) return;
    std::string name = utf8(list_->GetItemText(sel));
    wxString old_password;
    if (name == session_.actor.name && session_.actor.role != Role::admin)
        old_password =
            wxGetPasswordFromUser(_("Current password:"), _("Set password"), wxString(), this);
    wxString password =
        wxGetPasswordFromUser(_("New password:"), _("Set password"), wxString(), this);
    if (password.empty()) return;
    try {
        UserService(*session_.db)
            .set_password(session_.actor, name, utf8(password), utf8(old_password));
    } catch (...) {
        wxMessageBox(wx(error_text(std::current_exception())), _("Set password"),
                     wxOK | wxICON_WARNING, this);
    }
    reload();
}

void UsersPanel::toggle_active() {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (sel < 0) return;
    std::string name = utf8(list_->GetItemText(sel));
    try {
        UserService users(*session_.db);
        auto u = users.find(name);
        if (u) users.set_active(session_.actor, name, !u->active);
    } catch (...) {
        wxMessageBox(wx(error_text(std::current_exception())), _("Users"), wxOK | wxICON_WARNING,
                     this);
    }
    reload();
}

}  // namespace ladder::gui
