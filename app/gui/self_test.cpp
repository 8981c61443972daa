#include "self_test.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <wx/anybutton.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/radiobut.h>
#include <wx/app.h>
#include <wx/statbox.h>
#include <wx/stockitem.h>
#include <wx/stattext.h>
#include <wx/bitmap.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/dialog.h>
#include <wx/toplevel.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/bookctrl.h>
#include <wx/grid.h>
#include <wx/radiobox.h>
#include <wx/listctrl.h>
#include <wx/statusbr.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include "connection_dialog.hpp"
#include "services/registry_service.hpp"
#include "services/user_service.hpp"
#include "firm_dialog.hpp"
#include "import_wizard.hpp"
#include "listing_panel.hpp"
#include "main_frame.hpp"
#include "prompter.hpp"
#include "model/import_schema.hpp"
#include "model/measures.hpp"
#include "model/names.hpp"
#include "model/workflow.hpp"
#include "quota_chart.hpp"
#include "pictures_panel.hpp"
#include "quota_panel.hpp"
#include "registry_panel.hpp"
#include "reports_panel.hpp"
#include "review_panel.hpp"
#include "session.hpp"
#include "today_panel.hpp"
#include "text.hpp"
#include "trace.hpp"
#include "window_checks.hpp"

namespace ladder::gui {

// The self-test's user: the values a step passes are the answers, so no window waits for input;
// messages go unread (the steps print what they check), and a question is answered yes.
class ScriptPrompter final : public Prompter {
  public:
    bool asks_for_input() const override { return false; }
    int message(const wxString&, const wxString&, long style, wxWindow*) override {
        return style & wxYES_NO ? wxYES : wxOK;
    }
};

Prompter& script_prompter() {
    static ScriptPrompter prompter;
    return prompter;
}

std::string rest_of(const std::string& line) {
    auto sp = line.find(' ');
    return sp == std::string::npos ? std::string() : line.substr(sp + 1);
}

namespace {

wxDialog* open_dialog(const char* name) {
    for (wxWindow* w : wxTopLevelWindows)
        if (w->GetName() == name && w->IsShown()) return dynamic_cast<wxDialog*>(w);
    return nullptr;
}

SelfTest* running = nullptr;  // the one self-test, for the assertion handler
}  // namespace

SelfTest::SelfTest(Session& session, MainFrame* frame, std::vector<std::string> script)
    : session_(session), frame_(frame), script_(std::move(script)) {
    running = this;
    wxSetAssertHandler(&SelfTest::on_assert);
    Start(50);
}

SelfTest::~SelfTest() {
    wxSetDefaultAssertHandler();
    running = nullptr;
}

void SelfTest::on_assert(const wxString& file, int line, const wxString& func, const wxString& cond,
                         const wxString& msg) {
    wxString text = wxString::Format("wxWidgets assertion \"%s\" failed in %s() at %s:%d", cond,
                                     func, file, line);
    if (!msg.empty()) text += ": " + msg;
    if (running) running->fail(text);
}

bool SelfTest::idle() const {
    if (!session_.list_worker->idle() || !session_.job_worker->idle()) return false;
    auto* reg = frame_->registry();
    if (reg->loading()) return false;
    auto* q = static_cast<QuotaPanel*>(frame_->page(MainFrame::Quotas));
    auto* r = static_cast<ReportsPanel*>(frame_->page(MainFrame::Reports));
    auto* p = static_cast<PicturesPanel*>(frame_->page(MainFrame::Pictures));
    return !q->loading() && !r->busy() && !p->loading();
}

void SelfTest::say(const wxString& text) {
    std::fputs(text.utf8_str().data(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void SelfTest::fail(const wxString& why) {
    failed_ = true;
    say("FAIL: " + why);
}

void SelfTest::expect(const wxString& text, const wxString& needle) {
    if (text.Find(needle) == wxNOT_FOUND)
        fail(wxString::Format("expected \"%s\" in:\n%s", needle, text));
    else
        say("ok: found \"" + needle + "\"");
}

void SelfTest::Notify() {
    if (busy_) return;
    if (uptime_ms() < sleep_until_) return;
    if (!idle()) {
        settle_ = 4;
        return;
    }
    if (settle_ > 0) {
        --settle_;
        return;
    }
    if (next_ >= script_.size()) {
        // Modal windows left open end first, so nothing outlives the frame.
        for (wxWindow* w : wxTopLevelWindows)
            if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) {
                d->EndModal(wxID_CANCEL);
                return;
            }
        Stop();
        say(failed_ ? "self-test: FAILED" : "self-test: passed");
        frame_->Close(true);
        return;
    }
    std::string line = script_[next_++];
    if (line.empty() || line[0] == '#') return;
    say("> " + wx(line));
    busy_ = true;
    try {
        run(line);
    } catch (...) {
        fail(wx(error_text(std::current_exception())));
    }
    busy_ = false;
    settle_ = 2;
}

void SelfTest::focus_frame(wxUIActionSimulator& sim) {
    // Without a window manager the X focus follows the pointer: put it on the window.
    wxWindow* top = wxGetActiveWindow() ? wxGetActiveWindow() : frame_;
    if (!open_dialog("FirmDialog")) top = frame_;
    top->Raise();
    wxRect r = top->GetScreenRect();
    sim.MouseMove(r.x + r.width / 2, r.y + r.height / 2);
    wxYield();
}

void SelfTest::run(const std::string& line) {
    std::istringstream in(line);
    std::string cmd;
    in >> cmd;
    std::string arg = rest_of(line);
    RegistryPanel* reg = frame_->registry();
    auto* firm = dynamic_cast<FirmDialog*>(open_dialog("FirmDialog"));
    if (cmd == "page") {
        frame_->show_page(std::stoi(arg));
    } else if (cmd == "year") {
        frame_->set_year(std::stoi(arg));
    } else if (cmd == "search" || cmd == "search-repaint") {
        frame_->show_page(MainFrame::Registry);
        reg->set_search(wx(arg));
        if (cmd == "search-repaint") {
            // The window is repainted while the answer is on its way (an expose, the user
            // scrolling): the list must not ask for rows of the old list.
            reg->Refresh();
            reg->Update();
        }
    } else if (cmd == "type") {
        // Real key events through the X server, into whatever has the focus.
        wxUIActionSimulator sim;
        focus_frame(sim);
        sim.Text(arg.c_str());
    } else if (cmd == "key") {
        wxUIActionSimulator sim;
        focus_frame(sim);
        int code = arg == "down"       ? WXK_DOWN
                   : arg == "up"       ? WXK_UP
                   : arg == "return"   ? WXK_RETURN
                   : arg == "tab"      ? WXK_TAB
                   : arg == "escape"   ? WXK_ESCAPE
                   : arg == "end"      ? WXK_END
                   : arg == "home"     ? WXK_HOME
                   : arg == "pagedown" ? WXK_PAGEDOWN
                   : arg.empty()       ? 0
                                       : arg[0];
        int mods = 0;
        if (arg.rfind("ctrl+", 0) == 0) {
            mods = wxMOD_CONTROL;
            code = arg.size() > 5 ? std::toupper(static_cast<unsigned char>(arg[5])) : 0;
        }
        sim.Char(code, mods);
    } else if (cmd == "scroll-to") {
        frame_->show_page(MainFrame::Registry);
        reg->scroll_to(std::stoul(arg));
    } else if (cmd == "sleep") {
        sleep_until_ = uptime_ms() + std::stol(arg);
    } else if (cmd == "today") {  // today [DATE]: the days pass (no DATE: the calendar again)
        if (arg.empty()) {
            Date::set_scripted_today(std::nullopt);
        } else {
            auto day = Date::parse(arg);
            if (!day) return fail("bad date " + wx(arg));
            Date::set_scripted_today(day);
        }
        say("ok: today is " + wx(Date::today().to_string()));
    } else if (cmd == "wait") {
        // idle() is checked before every step.
    } else if (cmd == "print") {
        wxWindow* focus = wxWindow::FindFocus();
        last_ = static_cast<Page*>(frame_->page(frame_->current_page()))->describe();
        say(last_ + wxString::Format("(focus: %s)", focus ? focus->GetName() : wxString("none")));
    } else if (cmd == "print-about") {
        last_ = frame_->about_text();
        say("about: " + last_);
    } else if (cmd == "print-warning") {
        last_ = frame_->warning_text();
        say("warning: " + last_);
    } else if (cmd == "expect-count") {
        std::size_t n = std::stoul(arg);
        if (reg->row_count() != n)
            fail(wxString::Format("registry shows %zu firms, expected %zu", reg->row_count(), n));
        else
            say(wxString::Format("ok: registry shows %zu firms", n));
    } else if (cmd == "expect-count-min") {
        std::size_t n = std::stoul(arg);
        if (reg->row_count() < n)
            fail(wxString::Format("registry shows %zu firms, expected at least %zu",
                                  reg->row_count(), n));
        else
            say(wxString::Format("ok: registry shows %zu firms", reg->row_count()));
    } else if (cmd == "expect-count-max") {
        std::size_t n = std::stoul(arg);
        if (reg->row_count() > n)
            fail(wxString::Format("registry shows %zu firms, expected at most %zu",
                                  reg->row_count(), n));
        else
            say(wxString::Format("ok: registry shows %zu firms", reg->row_count()));
    } else if (cmd == "expect-text") {
        expect(last_, wx(arg));
    } else if (cmd == "open-firm") {
        std::size_t row = std::stoul(arg);
        wxTheApp->CallAfter([reg, row] { reg->open_row(row); });
        sleep_until_ = uptime_ms() + 300;
    } else if (cmd == "print-list") {  // print-list NAME: the items of a shown list box
        wxListBox* list = nullptr;
        for (wxWindow* top : wxTopLevelWindows)
            if (top->IsShown() &&
                (list = dynamic_cast<wxListBox*>(wxWindow::FindWindowByName(wx(arg), top))))
                break;
        if (!list) return fail("no list named " + wx(arg));
        last_.clear();
        for (unsigned i = 0; i < list->GetCount(); ++i)
            last_ += wxString::Format("%u%s %s\n", i, int(i) == list->GetSelection() ? "*" : "",
                                      list->GetString(i));
        say(last_);
    } else if (cmd.rfind("firm-", 0) == 0 || cmd == "edit-elsewhere" ||
               cmd == "print-eligibility" || cmd == "print-recognitions" ||
               cmd == "print-negative" || cmd == "print-journey") {
        run_firm_step(cmd, arg, firm);
    } else if (cmd == "close-dialog") {
        if (wizard_) {
            wizard_->Destroy();
            wizard_ = nullptr;
        }
        if (wxDialog* d = open_dialog("submit-dialog")) {
            d->EndModal(wxID_CANCEL);
            return;
        }
        for (const char* name : {"FirmDialog", "firms-dialog"})
            if (wxDialog* d = open_dialog(name)) d->EndModal(wxID_CLOSE);
    } else if (cmd == "wizard") {
        // The wizard as a clerk sees it, shown without a modal loop so the steps go on.
        if (wizard_) wizard_->Destroy();
        wizard_ = new ImportWizard(frame_, session_);
        wizard_->Show();
        if (!wizard_->load_file(wx(arg)) || !wizard_->check_file(script_prompter()))
            return fail("the wizard could not read " + wx(arg));
        wxYield();
        say(wxString::Format("ok: wizard %dx%d on %s", wizard_->GetSize().x, wizard_->GetSize().y,
                             wx(arg)));
    } else if (cmd == "wizard-page") {
        if (!wizard_) return fail("no wizard is shown");
        wizard_->show_page(std::stoi(arg) - 1);
        wizard_->Update();
        wxYield();
        say("ok: wizard page " + wx(arg));
    } else if (cmd == "column-width" || cmd == "expect-column-width") {
        // column-width LIST COLUMN WIDTH: as if the header were dragged to WIDTH;
        // expect-column-width LIST COLUMN WIDTH: what the list shows now.
        std::istringstream a(arg);
        std::string name;
        int column = 0, width = 0;
        a >> name >> column >> width;
        auto* list = dynamic_cast<wxListCtrl*>(wxWindow::FindWindowByName(wx(name)));
        if (!list) return fail("no list named " + wx(name));
        if (cmd == "column-width") {
            list->SetColumnWidth(column, width);
            wxListEvent drag(wxEVT_LIST_COL_END_DRAG, list->GetId());
            drag.SetEventObject(list);
            list->GetEventHandler()->ProcessEvent(drag);
            sleep_until_ = uptime_ms() + 200;  // the width is saved after the event
            say("ok: column width set");
        } else if (list->GetColumnWidth(column) != width) {
            fail(wxString::Format("%s column %d is %d wide, expected %d", wx(name), column,
                                  list->GetColumnWidth(column), width));
        } else {
            say(wxString::Format("ok: %s column %d is %d wide", wx(name), column, width));
        }
    } else if (cmd.rfind("check-", 0) == 0 || cmd == "data-words") {
        run_check_step(cmd, arg);
    } else if (cmd == "import") {
        frame_->show_page(MainFrame::Registry);
        auto* wizard = new ImportWizard(frame_, session_);
        if (wizard->load_file(wx(arg))) {
            wizard->do_import(script_prompter());
            last_ = wizard->validation_text() + wizard->changes_text() + wizard->result_text();
            say(last_);
        }
        wizard->Destroy();
        reg->reload();
    } else if (cmd == "import-cancel") {
        // Cancel pressed while the file is checked: the wizard stays, says so, imports nothing.
        auto* wizard = new ImportWizard(frame_, session_);
        wizard->cancel_next_check();
        bool loaded = wizard->load_file(wx(arg));
        last_ = wizard->validation_text() + wizard->changes_text();
        if (loaded) fail("the check went on after Cancel");
        say(last_);
        wizard->Destroy();
    } else if (cmd == "today-open") {  // today-open N: the N-th count's button of 我的工作
        auto* today = static_cast<TodayPanel*>(frame_->page(MainFrame::Today));
        const std::size_t n = std::stoul(arg);
        if (n == 0 || n > today->counts().size())
            return fail(wxString::Format("我的工作 shows %zu counts", today->counts().size()));
        today_count_ = today->counts()[n - 1].count;
        today->open(n - 1);
        say(wxString::Format("ok: opened count %zu (%zu)", n, today_count_));
    } else if (cmd == "expect-count-opened") {  // the registry shows the opened count's firms
        if (reg->row_count() != today_count_)
            fail(wxString::Format("registry shows %zu firms, the count said %zu", reg->row_count(),
                                  today_count_));
        else
            say(wxString::Format("ok: registry shows the %zu firms counted", today_count_));
    } else if (cmd == "show-all") {  // the registry's and the review queue's 显示全部
        reg->show_all();
        static_cast<ReviewPanel*>(frame_->page(MainFrame::Review))->show_all();
    } else if (cmd == "login") {
        std::istringstream a(arg);
        std::string user, password;
        a >> user >> password;
        frame_->set_actor(UserService(*session_.db).login(user, password));
        say("ok: signed in as " + wx(user));
    } else if (cmd == "switch-user") {  // switch-user USER PASSWORD, through 文件 → 切换用户
        std::istringstream a(arg);
        std::string user, password;
        a >> user >> password;
        wxString name = wx(user), secret = wx(password);
        last_ = frame_->switch_user(&name, &secret);
        say(last_);
    } else if (cmd == "expect-enabled") {  // expect-enabled NAME yes|no: a control by name
        std::istringstream a(arg);
        std::string name, want;
        a >> name >> want;
        wxWindow* control = nullptr;
        for (wxWindow* top : wxTopLevelWindows)
            if (top->IsShown() && (control = wxWindow::FindWindowByName(wx(name), top))) break;
        if (!control) return fail("no control named " + wx(name));
        const bool enabled = control->IsThisEnabled();
        wxString tip = control->GetToolTipText();
        last_ =
            wx(name) + (enabled ? ": enabled" : ": disabled") + (tip.empty() ? "" : " — " + tip);
        say(last_);
        if (enabled != (want == "yes"))
            fail("expected " + wx(name) + " " + (want == "yes" ? "enabled" : "disabled"));
    } else if (cmd == "decide" || cmd == "approve" || cmd == "reject" || cmd == "object" ||
               cmd == "close-publicity" || cmd == "quota" || cmd.rfind("listing", 0) == 0 ||
               cmd == "set-quota" || cmd == "set-target" || cmd == "click-bar" ||
               cmd == "pictures" || cmd == "click-map" || cmd == "show-city" ||
               cmd == "drill-down") {
        run_review_step(cmd, arg);
    } else if (cmd == "report") {
        std::istringstream a(arg);
        std::string format, path;
        a >> format >> path;
        frame_->show_page(MainFrame::Reports);
        static_cast<ReportsPanel*>(frame_->page(MainFrame::Reports))
            ->export_to(wx(path), format == "pdf"    ? 0
                                  : format == "xlsx" ? 1
                                                     : 2);
    } else if (cmd == "expect-file") {
        std::error_code ec;
        auto size = std::filesystem::file_size(arg, ec);
        if (ec || size == 0)
            fail("missing or empty file " + wx(arg));
        else
            say(wxString::Format("ok: %s has %llu bytes", wx(arg),
                                 static_cast<unsigned long long>(size)));
    } else if (cmd == "screenshot") {
        // ImageMagick reads the X server's root window, so dialogs and menus are included. The
        // windows stay enabled while it runs: a disabled frame would be captured greyed out.
        frame_->Update();
        wxYield();
        std::filesystem::create_directories(std::filesystem::path(arg).parent_path());
        wxArrayString output, errors;
        long status = wxExecute("import -window root " + wx(arg), output, errors,
                                wxEXEC_SYNC | wxEXEC_NODISABLE);
        if (status != 0)
            fail("cannot save " + wx(arg));
        else
            say("ok: screenshot " + wx(arg));
    } else if (cmd == "connect") {
        // Fills the connection dialog and presses OK; on success the frame is rebuilt.
        std::istringstream a(arg);
        std::string kind, first;
        a >> kind;
        ConnectionSettings settings;
        settings.postgresql = kind == "postgresql";
        if (settings.postgresql) {
            std::string host, database, user, password, sslmode;
            a >> host >> settings.port >> database >> user >> password >> sslmode;
            settings.host = wx(host);
            settings.database = wx(database);
            settings.user = wx(user);
            settings.password = password == "-" ? wxString() : wx(password);
            settings.sslmode = wx(sslmode);
        } else {
            settings.file = wx(rest_of(arg));
        }
        last_ = "url: " + wx(settings.display_url()) + "\n" + frame_->reconnect(&settings);
        say(last_);
    } else if (cmd == "quit") {
        next_ = script_.size();
    } else {
        fail("unknown self-test command: " + wx(cmd));
    }
}

}  // namespace ladder::gui
