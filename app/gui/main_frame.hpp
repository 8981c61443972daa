#pragma once
// The main window is wiring only: navigation on the left, one page per task on the right, the
// assessment year in the toolbar, database and user in the status bar.
#include <functional>

#include "services/user_service.hpp"
#include <vector>

#include <wx/frame.h>

class wxListBox;
class wxSimplebook;
class wxChoice;
class wxInfoBarGeneric;

namespace ladder {
struct DeskCount;
}

namespace ladder::gui {

struct Session;
class Page;
class RegistryPanel;
struct ConnectionSettings;

// Set by the application: asks for a connection (or uses `preset`, for the self-test), signs in
// and rebuilds the main frame on it. Returns what happened, for the self-test.
using ReconnectHandler = std::function<wxString(const ConnectionSettings* preset)>;

class MainFrame : public wxFrame {
  public:
    // Today (我的工作), the start page, comes first in the navigation; its index is last so
    // that the other pages keep theirs (Ctrl+1 … Ctrl+7, the self-test's `page N`).
    enum PageIndex {
        Registry,
        Review,
        Quotas,
        Reports,
        Rules,
        Users,
        Listing,
        Today,
        Pictures,
        PageCount
    };
    explicit MainFrame(Session& session);
    void show_page(int index);
    int current_page() const;
    Page* page(int index) const { return pages_[static_cast<std::size_t>(index)]; }
    RegistryPanel* registry() const;
    void set_year(int year);
    // The warning shown above the pages (empty when none), for the self-test.
    wxString warning_text() const { return warning_; }
    // 帮助 → 关于's description: purpose, schema version, rule sets shipped, git revision.
    wxString about_text() const;
    // Another user at the same desk: `switch_user` asks who (the self-test passes the name and
    // password instead) and keeps the current user when nobody signs in; `sign_out` closes
    // Ladder when nobody signs in. Jobs the previous user started finish first. Returns what
    // happened, for the self-test.
    wxString switch_user(const wxString* name = nullptr, const wxString* password = nullptr);
    void sign_out();
    // The signed-in user changed: the status bar, the menus and every page follow the role.
    void set_actor(const Actor& actor);
    void set_reconnect_handler(ReconnectHandler handler) { reconnect_ = std::move(handler); }
    wxString reconnect(const ConnectionSettings* preset = nullptr) {
        return reconnect_ ? reconnect_(preset) : wxString();
    }

  private:
    // Checks the audit trail's hash chain on the job worker (check_audit_trail_on_open); a
    // broken chain is shown in red above the pages and written to the log (standard error).
    void check_audit_trail();
    void build_menu();
    void build_toolbar();
    void preferences();
    // 我的工作's button: the page that shows what a count stands for.
    void open_desk_count(const DeskCount& count);
    int nav_position(int page) const;

    Session& session_;
    wxListBox* nav_ = nullptr;
    wxSimplebook* book_ = nullptr;
    wxChoice* year_ = nullptr;
    wxInfoBarGeneric* warning_bar_ = nullptr;
    wxString warning_;
    ReconnectHandler reconnect_;
    std::vector<int> years_;
    std::vector<Page*> pages_;
};

}  // namespace ladder::gui
