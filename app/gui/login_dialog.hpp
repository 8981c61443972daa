#pragma once
// Signing in. On a database without users the first run creates the administrator; a demo
// registry (made by `ladder-cli demo`) gets demo accounts so it opens straight away.
#include <optional>

#include <wx/dialog.h>

#include "services/user_service.hpp"

class wxTextCtrl;
class wxStaticText;

namespace ladder::gui {

class LoginDialog : public wxDialog {
  public:
    LoginDialog(wxWindow* parent, Database& db, const wxString& hint);
    std::optional<Actor> actor;
    bool TransferDataFromWindow() override;
    // The self-test types into the dialog without showing it.
    void fill(const wxString& name, const wxString& password);
    wxString error() const;

  private:
    Database& db_;
    wxTextCtrl* name_;
    wxTextCtrl* password_;
    wxStaticText* error_;
};

// Creates the administrator on first run (asking for name and password) or, on a demo registry,
// the demo accounts; then signs in — with $LADDER_USER / $LADDER_PASSWORD when both are set
// (scripts and tests), else with the dialog. Empty when the user gives up.
std::optional<Actor> sign_in(Database& db);

}  // namespace ladder::gui
