#pragma once
// A page of the main frame's navigation. Pages are told when they are shown and when the
// assessment year changes; everything else they do on their own.
#include <wx/panel.h>

namespace ladder::gui {

struct Session;

class Page : public wxPanel {
  public:
    Page(wxWindow* parent, Session& session) : wxPanel(parent, wxID_ANY), session_(session) {}
    virtual void activated() {}
    virtual void year_changed() {}
    // Another user signed in: controls follow the new role (see permissions.hpp).
    virtual void permissions_changed() {}
    // For the self-test: a plain-text account of what the page shows.
    virtual wxString describe() const { return {}; }

  protected:
    Session& session_;
};

}  // namespace ladder::gui
