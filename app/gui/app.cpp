// ladder: the desktop application. Wiring only: options, language, database, sign-in, the
// main frame; every window is its own class and file.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string_view>

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/image.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/translation.h>

#include "background.hpp"
#include "connection_dialog.hpp"
#include "login_dialog.hpp"
#include "main_frame.hpp"
#include "model/errors.hpp"
// wx defines N_ too; the model header's definition is the same no-op.
#undef N_
#include "model/i18n.hpp"
#include "model/resources.hpp"
#include "model/workflow.hpp"
#include "preferences_dialog.hpp"
#include "self_test.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"
#include "version_info.hpp"

namespace ladder::gui {

namespace {

const RuleSetLibrary& shipped_rule_sets() {
    return RuleSetLibrary::shipped();
}

}  // namespace

class LadderApp : public wxApp {
  public:
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    int OnRun() override;

  private:
    bool setup_language();
    // The registry to open at start: --db-url, --db, else the last connection chosen in the
    // connection dialog, else the default file; when that one fails, the connection dialog.
    std::unique_ptr<Database> open_at_start(std::string& url);
    MainFrame* create_frame();
    wxString reconnect(const ConnectionSettings* preset);
    void replace_registry(std::unique_ptr<Database> db, const std::string& url, const Actor& actor);
    wxString db_path_, db_url_, lang_, self_test_;
    MainFrame* frame_ = nullptr;
    long year_ = 0;
    std::unique_ptr<Session> session_;
    std::unique_ptr<wxLocale> locale_;
    std::unique_ptr<SelfTest> self_test_runner_;
};

void LadderApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "db", "SQLite registry file (default: the user's data directory)");
    parser.AddOption("", "db-url", "SOCI connection string: sqlite3://db=PATH or postgresql://...");
    parser.AddOption("", "lang", "interface language: zh_CN or en");
    parser.AddOption("", "year", "assessment year", wxCMD_LINE_VAL_NUMBER);
    parser.AddOption("", "self-test",
                     "run the scripted steps of FILE against the window (GUI tests)");
    // Answered in main() before GTK starts; listed here for --help.
    parser.AddSwitch("", "version",
                     "print the version, schema version, rule sets shipped and git revision");
}

bool LadderApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    parser.Found("db", &db_path_);
    parser.Found("db-url", &db_url_);
    parser.Found("lang", &lang_);
    parser.Found("year", &year_);
    parser.Found("self-test", &self_test_);
    return wxApp::OnCmdLineParsed(parser);
}

bool LadderApp::setup_language() {
    // Chinese by default; English when chosen in the preferences or with --lang en. The model's
    // messages (gettext) and the window's (wxTranslations) use the same "ladder" catalog.
    wxString lang = lang_.empty() ? configured_language() : lang_;
    bool english = lang.StartsWith("en");
    init_i18n();
    set_ui_language(english ? "en" : "zh_CN");
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wx(locale_dir().string()));
    translations->SetLanguage(english ? wxLANGUAGE_ENGLISH_US : wxLANGUAGE_CHINESE_SIMPLIFIED);
    translations->AddStdCatalog();
    translations->AddCatalog(kTextDomain);
    return english;
}

bool LadderApp::OnInit() {
    SetAppName("ladder");
    SetVendorName("ladder");
    if (!wxApp::OnInit()) return false;
    wxInitAllImageHandlers();
    bool english = setup_language();

    session_ = std::make_unique<Session>();
    session_->english = english;
    try {
        std::string url;
        session_->db = open_at_start(url);
        if (!session_->db) return false;
        session_->db_url = url;
        session_->rule_sets = &shipped_rule_sets();
        session_->regions = &RegionTable::shipped();
        session_->rule_source = shipped_rule_source();
        std::optional<Actor> actor = sign_in(*session_->db);
        if (!actor) return false;
        session_->actor = *actor;
    } catch (...) {
        wxMessageBox(wx(error_text(std::current_exception())), _("Ladder cannot start"),
                     wxOK | wxICON_ERROR);
        return false;
    }
    session_->year =
        static_cast<int>(year_ ? year_ : wxConfigBase::Get()->ReadLong("/Session/Year", 2020));
    if (!session_->rules() && !session_->rule_sets->rule_sets().empty())
        session_->year = session_->rule_sets->rule_sets().front().first_year;
    session_->list_worker = std::make_unique<Worker>(session_->db_url);
    session_->job_worker = std::make_unique<Worker>(session_->db_url);

    frame_ = create_frame();
    trace(wxString::Format("frame-shown %ldms", uptime_ms()));
    if (!self_test_.empty()) {
        std::ifstream in(utf8(self_test_));
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        self_test_runner_ = std::make_unique<SelfTest>(*session_, frame_, std::move(lines));
    }
    return true;
}

std::unique_ptr<Database> LadderApp::open_at_start(std::string& url) {
    bool named = !db_url_.empty() || !db_path_.empty();
    ConnectionSettings last;
    bool remembered = !named && ConnectionSettings::remembered(last);
    url = !db_url_.empty()    ? utf8(db_url_)
          : !db_path_.empty() ? sqlite_url(std::filesystem::path(utf8(db_path_)))
          : remembered        ? last.url()
                              : sqlite_url(default_database_path());
    try {
        // Opening a SQLite path creates it: a remembered registry that was moved away must not
        // come back as an empty one.
        if (remembered && !last.postgresql &&
            !std::filesystem::exists(std::filesystem::path(utf8(last.file))))
            throw UsageError(utf8(wxString::Format(_("%s no longer exists."), last.file)));
        return std::make_unique<Database>(Database::open(url));
    } catch (...) {
        // A registry named on the command line is what the user asked for: no other is offered.
        if (named) throw;
        wxString problem =
            wxString::Format(_("The registry could not be opened: %s\nChoose another one."),
                             wx(error_text(std::current_exception())));
        trace("connection-dialog " + problem);
        ConnectionSettings initial = last;
        if (!remembered) initial.file = wx(default_database_path().string());
        ConnectionDialog dlg(nullptr, initial, problem);
        if (dlg.ShowModal() != wxID_OK) return nullptr;
        url = dlg.settings().url();
        return dlg.take_database();
    }
}

MainFrame* LadderApp::create_frame() {
    auto* frame = new MainFrame(*session_);
    frame->set_reconnect_handler(
        [this](const ConnectionSettings* preset) { return reconnect(preset); });
    frame->Show();
    SetTopWindow(frame);
    return frame;
}

wxString LadderApp::reconnect(const ConnectionSettings* preset) {
    ConnectionSettings initial;
    if (!ConnectionSettings::remembered(initial) && session_->db->backend() == Backend::sqlite) {
        const std::string prefix = "sqlite3://db=";
        if (session_->db_url.rfind(prefix, 0) == 0)
            initial.file = wx(session_->db_url.substr(prefix.size()));
    }
    ConnectionDialog dlg(frame_, initial);
    if (preset) {
        // The self-test fills the dialog and presses OK without a modal loop.
        dlg.set_settings(*preset);
        trace("connection-url " + wx(preset->display_url()));
        if (!dlg.TransferDataFromWindow()) return dlg.message();
    } else if (dlg.ShowModal() != wxID_OK) {
        return {};
    }
    std::unique_ptr<Database> db = dlg.take_database();
    std::string url = dlg.settings().url();
    wxString outcome;
    try {
        std::optional<Actor> actor = sign_in(*db);
        if (!actor) return _("Not signed in; the registry that was open stays open.");
        replace_registry(std::move(db), url, *actor);
        outcome = wxString::Format(_("Connected: %s"), wx(session_->db->description()));
    } catch (...) {
        outcome = wx(error_text(std::current_exception()));
        if (!preset) wxMessageBox(outcome, _("Connect to a database"), wxOK | wxICON_ERROR, frame_);
    }
    return outcome;
}

void LadderApp::replace_registry(std::unique_ptr<Database> db, const std::string& url,
                                 const Actor& actor) {
    MainFrame* old = frame_;
    // The old workers finish the job they are running; what they post to the old windows is
    // dropped once those are gone (the guards), and nothing new goes to them.
    session_->list_worker = std::make_unique<Worker>(url);
    session_->job_worker = std::make_unique<Worker>(url);
    session_->db = std::move(db);
    session_->db_url = url;
    session_->actor = actor;
    frame_ = create_frame();
    if (self_test_runner_) self_test_runner_->set_frame(frame_);
    old->Destroy();
    trace("registry-reopened " + wx(session_->db->description()));
}

int LadderApp::OnRun() {
    int status = wxApp::OnRun();
    if (self_test_runner_ && self_test_runner_->failed()) return 1;
    return status;
}

int LadderApp::OnExit() {
    self_test_runner_.reset();
    if (session_) wxConfigBase::Get()->Write("/Session/Year", session_->year);
    // Joins the workers; results they post now are dropped with the application's queue.
    session_.reset();
    // The settings are written here, and what goes wrong from now on is said on stderr: a
    // message logged later (say the settings file cannot be written) would otherwise be shown
    // in a dialog after the application object is gone, and wxWidgets crashes doing that.
    delete wxLog::SetActiveTarget(new wxLogStderr);
    delete wxConfigBase::Set(nullptr);  // flushes
    return wxApp::OnExit();
}

}  // namespace ladder::gui

wxIMPLEMENT_APP_NO_MAIN(ladder::gui::LadderApp);

int main(int argc, char** argv) {
    // --version needs no display: packaging checks and scripts ask it on machines without one.
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) != "--version") continue;
        ladder::init_i18n();
        for (int j = 1; j + 1 < argc; ++j)
            if (std::string_view(argv[j]) == "--lang") ladder::set_ui_language(argv[j + 1]);
        std::cout << ladder::app::version_text("ladder") << '\n';
        return 0;
    }
    return wxEntry(argc, argv);
}
