#pragma once
// Preferences: the interface language (Chinese by default, English available). The choice is
// kept in the user's configuration and applies at the next start.
#include <wx/dialog.h>

class wxChoice;

namespace ladder::gui {

// The configured language: "zh_CN" (default) or "en".
wxString configured_language();

class PreferencesDialog : public wxDialog {
  public:
    explicit PreferencesDialog(wxWindow* parent);
    bool TransferDataToWindow() override;
    bool TransferDataFromWindow() override;

  private:
    wxChoice* language_;
};

}  // namespace ladder::gui
