#include "main_frame.hpp"

#include <cstdio>
#include <set>

#include <wx/aboutdlg.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/datetime.h>
#include <wx/infobar.h>  // declares wxInfoBarGeneric as well as the native bar
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/persist/toplevel.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>
#include <wx/utils.h>
#include <wx/artprov.h>

#include "services/audit_service.hpp"
#include "listing_panel.hpp"
#include "model/workflow.hpp"
#include "preferences_dialog.hpp"
#include "pictures_panel.hpp"
#include "quota_panel.hpp"
#include "registry_panel.hpp"
#include "reports_panel.hpp"
#include "review_panel.hpp"
#include "rules_panel.hpp"
#include "session.hpp"
#include "today_panel.hpp"
#include "login_dialog.hpp"
#include "permissions.hpp"
#include "text.hpp"
#include "trace.hpp"
#include "users_panel.hpp"
#include "version_info.hpp"

namespace ladder::gui {

namespace {
// The navigation's order: the start page first, then the registry and the workflow.
constexpr int kNavigationOrder[] = {MainFrame::Today,  MainFrame::Registry, MainFrame::Review,
                                    MainFrame::Quotas, MainFrame::Pictures, MainFrame::Reports,
                                    MainFrame::Rules,  MainFrame::Users,    MainFrame::Listing};
static_assert(std::size(kNavigationOrder) == MainFrame::PageCount);
}  // namespace

MainFrame::MainFrame(Session& session)
    : wxFrame(nullptr, wxID_ANY, _("Ladder - Enterprise tier cultivation"), wxDefaultPosition,
              wxDefaultSize),
      session_(session) {
    SetName("main");
    build_menu();
    build_toolbar();

    auto* root = new wxPanel(this);
    auto* column = new wxBoxSizer(wxVERTICAL);
    // The generic bar, not GTK's: its colours can be set, and a broken audit trail is red.
    warning_bar_ = new wxInfoBarGeneric(root);
    warning_bar_->SetName("warning");
    warning_bar_->SetShowHideEffects(wxSHOW_EFFECT_NONE, wxSHOW_EFFECT_NONE);
    warning_bar_->SetBackgroundColour(wxColour(198, 40, 40));
    warning_bar_->SetForegroundColour(*wxWHITE);
    column->Add(warning_bar_, wxSizerFlags().Expand());
    auto* s = new wxBoxSizer(wxHORIZONTAL);
    nav_ = new wxListBox(root, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(150), -1));
    nav_->SetName("navigation");
    wxFont nav_font = nav_->GetFont();
    nav_font.SetPointSize(nav_font.GetPointSize() + 1);
    nav_->SetFont(nav_font);
    book_ = new wxSimplebook(root, wxID_ANY);
    pages_ = {
        new RegistryPanel(book_, session_),
        new ReviewPanel(book_, session_),
        new QuotaPanel(book_, session_),
        new ReportsPanel(book_, session_),
        new RulesPanel(book_, session_),
        new UsersPanel(book_, session_),
        new ListingPanel(book_, session_),
        new TodayPanel(book_, session_, [this](const DeskCount& count) { open_desk_count(count); }),
        new PicturesPanel(book_, session_)};
    const wxString names[] = {_("Registry"),         _("Review queue"),  _("Quota progress"),
                              _("Reports"),          _("Rule sets"),     _("Users"),
                              _("Listing pipeline"), _("My work today"), _("Pictures")};
    for (std::size_t i = 0; i < pages_.size(); ++i) book_->AddPage(pages_[i], names[i]);
    for (int page : kNavigationOrder) nav_->Append(names[page]);
    s->Add(nav_, wxSizerFlags().Expand());
    s->Add(book_, wxSizerFlags(1).Expand());
    column->Add(s, wxSizerFlags(1).Expand());
    root->SetSizer(column);

    CreateStatusBar(2);
    int widths[] = {-2, -1};
    GetStatusBar()->SetStatusWidths(2, widths);
    SetStatusText(wxString::Format(_("Database: %s"), wx(session_.db->description())), 0);

    nav_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
        show_page(kNavigationOrder[static_cast<std::size_t>(e.GetSelection())]);
    });
    SetSize(FromDIP(wxSize(1220, 760)));
    SetMinSize(FromDIP(wxSize(900, 560)));
    wxPersistentRegisterAndRestore(this, "MainFrame");
    set_actor(session_.actor);  // the status bar, what the role may do, and its start page
    check_audit_trail();
}

void MainFrame::check_audit_trail() {
    struct Outcome {
        AuditVerification verification;
        std::string error;
    };
    session_.job_worker->submit([g = guard(this)](Database& db) mutable {
        Outcome outcome;
        try {
            // The check every front end runs on open: whole trails up to a size, else the head
            // and the newest entries, so a huge trail never holds the job worker for a minute.
            outcome.verification = AuditService(db).check_on_open();
        } catch (...) {
            outcome.error = error_text(std::current_exception());
        }
        post(std::move(g), [outcome](MainFrame* frame) {
            const AuditVerification& v = outcome.verification;
            if (outcome.error.empty() && v.intact) {
                trace(wxString::Format("audit-intact %zu", v.entries_checked));
                return;
            }
            frame->warning_ =
                outcome.error.empty()
                    ? wxString::Format(
                          _("The audit trail is broken at entry %lld: %s. Records may have been "
                            "changed "
                            "outside Ladder; tell the administrator before making changes."),
                          static_cast<long long>(v.first_bad_id), wx(v.reason))
                    : wxString::Format(_("The audit trail could not be verified: %s"),
                                       wx(outcome.error));
            frame->warning_bar_->ShowMessage(frame->warning_, wxICON_ERROR);
            // The log: standard error, with the time, for whoever collects the desktop's logs.
            std::fprintf(stderr, "%s ladder: %s\n",
                         utf8(wxDateTime::Now().FormatISOCombined(' ')).c_str(),
                         utf8(frame->warning_).c_str());
            trace("audit-broken " + frame->warning_);
        });
    });
}

void MainFrame::set_actor(const Actor& actor) {
    session_.actor = actor;
    SetStatusText(wxString::Format(_("User: %s (%s)"), wx(session_.actor.name),
                                   wx(role_label(session_.actor.role))),
                  1);
    const bool may_import = permits(actor.role, Operation::edit_registry);
    if (GetMenuBar()) GetMenuBar()->Enable(wxID_OPEN, may_import);
    if (GetToolBar()) GetToolBar()->EnableTool(wxID_OPEN, may_import);
    for (Page* p : pages_) p->permissions_changed();
    // Whoever signs in starts at what waits for them.
    show_page(Today);
    trace("signed-in " + wx(actor.name));
}

namespace {
// Jobs started for the previous user (an evaluation, a report) finish before another signs in.
void wait_for_jobs(Session& session) {
    if (session.job_worker->idle() && session.list_worker->idle()) return;
    wxBusyCursor busy;
    while (!session.job_worker->idle() || !session.list_worker->idle()) {
        wxMilliSleep(20);
        wxYield();
    }
}
}  // namespace

wxString MainFrame::switch_user(const wxString* name, const wxString* password) {
    wait_for_jobs(session_);
    LoginDialog dlg(
        this, *session_.db,
        wxString::Format(_("Signed in now: %s. Cancel keeps this user."), wx(session_.actor.name)));
    if (name && password) {
        dlg.fill(*name, *password);
        if (!dlg.TransferDataFromWindow()) return dlg.error();
    } else if (dlg.ShowModal() != wxID_OK) {
        return _("Nobody else signed in; the user stays the same.");
    }
    if (!dlg.actor) return {};
    set_actor(*dlg.actor);
    return wxString::Format(_("Signed in as %s (%s)."), wx(dlg.actor->name),
                            wx(role_label(dlg.actor->role)));
}

void MainFrame::sign_out() {
    wait_for_jobs(session_);
    session_.actor = Actor{};
    SetStatusText(_("Signed out"), 1);
    LoginDialog dlg(this, *session_.db, _("Signed out. Sign in to go on, or cancel to quit."));
    if (dlg.ShowModal() == wxID_OK && dlg.actor) {
        set_actor(*dlg.actor);
        return;
    }
    Close(true);
}

void MainFrame::build_menu() {
    auto* bar = new wxMenuBar;
    auto* file = new wxMenu;
    file->Append(wxID_HIGHEST + 90, _("&Connect to database..."));
    file->Append(wxID_HIGHEST + 91, _("S&witch user...\tCtrl+Shift+U"));
    file->Append(wxID_HIGHEST + 92, _("Sign &out"));
    file->AppendSeparator();
    file->Append(wxID_OPEN, _("&Import spreadsheet...\tCtrl+I"));
    file->Append(wxID_SAVEAS, _("&Export selected firms...\tCtrl+E"));
    file->AppendSeparator();
    file->Append(wxID_PREFERENCES, _("&Preferences..."));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
    bar->Append(file, _("&File"));
    auto* view = new wxMenu;
    view->Append(wxID_HIGHEST + 100 + Today, _("&My work today\tCtrl+0"));
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { show_page(Today); }, wxID_HIGHEST + 100 + Today);
    const wxString names[] = {_("&Registry"),        _("Re&view queue"), _("&Quota progress"),
                              _("Re&ports"),         _("Rule &sets"),    _("&Users"),
                              _("&Listing pipeline")};
    for (int i = 0; i < Today; ++i) {
        view->Append(wxID_HIGHEST + 100 + i, wxString::Format("%s\tCtrl+%d", names[i], i + 1));
        Bind(
            wxEVT_MENU, [this, i](wxCommandEvent&) { show_page(i); }, wxID_HIGHEST + 100 + i);
    }
    view->Append(wxID_HIGHEST + 100 + Pictures, _("P&ictures\tCtrl+8"));
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { show_page(Pictures); },
        wxID_HIGHEST + 100 + Pictures);
    view->AppendSeparator();
    view->Append(wxID_FIND, _("&Find firm\tCtrl+F"));
    bar->Append(view, _("&View"));
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About Ladder"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            show_page(Registry);
            registry()->import_file();
        },
        wxID_OPEN);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            show_page(Registry);
            registry()->export_selection();
        },
        wxID_SAVEAS);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            show_page(Registry);
            registry()->focus_search();
        },
        wxID_FIND);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { reconnect(); }, wxID_HIGHEST + 90);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { switch_user(); }, wxID_HIGHEST + 91);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { sign_out(); }, wxID_HIGHEST + 92);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { preferences(); }, wxID_PREFERENCES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxAboutDialogInfo info;
            info.SetName("Ladder");
            info.SetVersion(wx(app::version()));
            info.SetDescription(about_text());
            wxAboutBox(info, this);
        },
        wxID_ABOUT);
}

wxString MainFrame::about_text() const {
    // The schema and rule sets tell a support call which registries and rules this copy
    // understands; the revision which source it was built from.
    return _("Enterprise tier cultivation registry for a provincial SME bureau.") + "\n\n" +
           wx(app::version_details(session_.rule_sets));
}

void MainFrame::build_toolbar() {
    wxToolBar* tb = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_NOICONS | wxTB_FLAT);
    tb->AddTool(wxID_OPEN, _("Import"), wxNullBitmap, _("Import a spreadsheet (Ctrl+I)"));
    tb->AddTool(wxID_SAVEAS, _("Export"), wxNullBitmap, _("Export the selected firms (Ctrl+E)"));
    tb->AddSeparator();
    tb->AddControl(new wxStaticText(tb, wxID_ANY, _("Assessment year: ")));
    year_ = new wxChoice(tb, wxID_ANY);
    year_->SetName("year");
    std::set<int> years;
    if (session_.rule_sets)
        for (const auto& r : session_.rule_sets->rule_sets())
            for (int y = r.first_year; y <= r.last_year.value_or(Date::today().year() + 1); ++y)
                years.insert(y);
    years_.assign(years.begin(), years.end());
    for (int y : years_) year_->Append(wxString::Format("%d", y));
    auto it = std::find(years_.begin(), years_.end(), session_.year);
    if (it != years_.end()) year_->SetSelection(static_cast<int>(it - years_.begin()));
    tb->AddControl(year_);
    tb->Realize();
    year_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        set_year(years_[static_cast<std::size_t>(e.GetSelection())]);
    });
}

void MainFrame::set_year(int year) {
    if (year == session_.year) return;
    session_.year = year;
    auto it = std::find(years_.begin(), years_.end(), year);
    if (it != years_.end()) year_->SetSelection(static_cast<int>(it - years_.begin()));
    for (Page* p : pages_) p->year_changed();
}

void MainFrame::show_page(int index) {
    if (index < 0 || index >= PageCount) index = Registry;
    book_->SetSelection(static_cast<std::size_t>(index));
    nav_->SetSelection(nav_position(index));
    pages_[static_cast<std::size_t>(index)]->activated();
}

int MainFrame::nav_position(int page) const {
    for (std::size_t i = 0; i < std::size(kNavigationOrder); ++i)
        if (kNavigationOrder[i] == page) return static_cast<int>(i);
    return 0;
}

void MainFrame::open_desk_count(const DeskCount& count) {
    switch (count.task) {
        case DeskTask::figures_to_collect:
        case DeskTask::titles_expiring:
        case DeskTask::annual_update_missing:
            show_page(Registry);
            registry()->show_only(count.firms, wx(desk_task_label(count.task)));
            break;
        case DeskTask::applications_to_decide:
        case DeskTask::publicity_to_close:
        case DeskTask::publicity_closing:
            show_page(Review);
            static_cast<ReviewPanel*>(pages_[Review])
                ->show_only(count.applications, wx(desk_task_label(count.task)));
            break;
    }
}

int MainFrame::current_page() const {
    return book_->GetSelection();
}

RegistryPanel* MainFrame::registry() const {
    return static_cast<RegistryPanel*>(pages_[Registry]);
}

void MainFrame::preferences() {
    PreferencesDialog dlg(this);
    dlg.ShowModal();
}

}  // namespace ladder::gui
