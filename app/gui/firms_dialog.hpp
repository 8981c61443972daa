#pragma once
// The firms behind a figure — a bar of the quota chart, a city of the map — by credit code and
// name; Enter or a double click opens the firm.
#include <string>
#include <utility>
#include <vector>

#include <wx/dialog.h>

class wxListCtrl;

namespace ladder::gui {

struct Session;

class FirmsDialog : public wxDialog {
  public:
    FirmsDialog(wxWindow* parent, Session& session, const wxString& title,
                const std::vector<std::pair<std::string, std::string>>& firms);

  private:
    Session& session_;
    wxListCtrl* list_;
};

}  // namespace ladder::gui
