#pragma once
// How a window asks its user. The windows that decide something (submit, save, import, review,
// quota) ask through a Prompter instead of showing dialogs themselves, so the self-test can
// answer from its script what the clerk would answer in a dialog.
#include <wx/string.h>

class wxWindow;

namespace ladder::gui {

class Prompter {
  public:
    virtual ~Prompter() = default;
    // True: the window asks for its input in its own dialog (tier and note, decision, quota...).
    // False: the values the caller passed are the answer, taken without a dialog.
    virtual bool asks_for_input() const = 0;
    // A message box, as wxMessageBox: `style` holds its buttons and icon; returns the button
    // chosen (wxOK, wxYES, wxNO, wxCANCEL).
    virtual int message(const wxString& text, const wxString& caption, long style,
                        wxWindow* parent) = 0;
};

// The user at the screen: wx dialogs.
Prompter& dialog_prompter();

}  // namespace ladder::gui
