#include "prompter.hpp"

#include <wx/msgdlg.h>

namespace ladder::gui {

namespace {

class DialogPrompter final : public Prompter {
  public:
    bool asks_for_input() const override { return true; }
    int message(const wxString& text, const wxString& caption, long style,
                wxWindow* parent) override {
        return wxMessageBox(text, caption, style, parent);
    }
};

}  // namespace

Prompter& dialog_prompter() {
    static DialogPrompter prompter;
    return prompter;
}

}  // namespace ladder::gui
