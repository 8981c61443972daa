#pragma once
// The main window is wiring only: navigation on the left, one page per task on the right, the
// assessment year in the toolbar, database and user in the status bar.
#include <vector>

#include <wx/frame.h>

class wxListBox;
class wxSimplebook;
class wxChoice;
class wxInfoBarGeneric;

namespace ladder::gui {

struct Session;
class Page;
class RegistryPanel;

class MainFrame : public wxFrame {
public:
    enum PageIndex { Registry, Review, Quotas, Reports, Rules, Users, PageCount };
    explicit MainFrame(Session& session);
    void show_page(int index);
    int current_page() const;
    Page* page(int index) const { return pages_[static_cast<std::size_t>(index)]; }
    RegistryPanel* registry() const;
    void set_year(int year);
    // The warning shown above the pages (empty when none), for the self-test.
    wxString warning_text() const { return warning_; }

private:
    // Recomputes the audit trail's hash chain on the job worker; a broken chain is shown in red
    // above the pages and written to the log (standard error).
    void check_audit_trail();
    void build_menu();
    void build_toolbar();
    void preferences();

    Session& session_;
    wxListBox* nav_ = nullptr;
    wxSimplebook* book_ = nullptr;
    wxChoice* year_ = nullptr;
    wxInfoBarGeneric* warning_bar_ = nullptr;
    wxString warning_;
    std::vector<int> years_;
    std::vector<Page*> pages_;
};

}  // namespace ladder::gui
