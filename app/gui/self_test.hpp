#pragma once
// `ladder --self-test SCRIPT`: drives the real window with scripted steps (one per line) and
// prints what it shows, for the GUI tests under Xvfb. Steps wait for the background work they
// started; any failed expectation makes the process exit with status 1, and so does a failed
// wxWidgets assertion (reported as a failure instead of a dialog nobody will close). Commands:
//   page N | search TEXT | type TEXT | key NAME | wait | sleep MS | print | print-warning |
//   print-about (帮助 → 关于's text)
//   search-repaint TEXT (a search, and the window repainted before its answer arrives)
//   expect-count N | expect-count-min N | expect-text SUBSTR (in the last printed text)
//   open-firm ROW | firm-tier TIER | firm-page N | print-eligibility | firm-submit | close-dialog
//   import FILE | import-cancel FILE | login USER PASSWORD | approve COMMENT | reject COMMENT
//   quota | click-bar N | report pdf|xlsx|csv PATH | expect-file PATH | screenshot PATH | year Y |
//   quit object DATE TEXT | close-publicity DATE clean|dismissed|upheld COMMENT set-quota GROUP
//   TIER VALUE | set-target YEAR TIER VALUE | pictures | show-city CODE | drill-down [CITY] |
//   click-map X Y | listing CODE | listing-stage STAGE DATE COMMENT listing-review confirm|reject
//   COMMENT connect sqlite PATH | connect postgresql HOST PORT DATABASE USER PASSWORD SSLMODE today
//   [DATE] (the day the workflow takes as today; without DATE the calendar's) wizard FILE (the
//   import wizard shown, not modal, on FILE, checked) | wizard-page N (1-5) decide approve|reject
//   DATE DOCNO|- COMMENT (through the decision dialog's checks) print-journey (the firm window's
//   历程 page as text) firm-negative ITEM VERDICT SOURCE|- DATE|- (records a check on the firm
//   window's 否决项 page, as its 登记核查 button; prints "recorded" or the refusal) |
//   print-negative (that page) firm-end-title revoke|surrender ROW DATE DOC|- REASON (撤销称号 /
//   主动放弃 on the recognitions page's row ROW, through its dialog's checks; prints "ended" or the
//   refusal) print-recognitions (that page's rows: tier | valid from | valid to) firm-submit-dialog
//   (the Submit button's dialog, left open) | print-list NAME (a list box) switch-user USER
//   PASSWORD | expect-enabled NAME yes|no (with its tooltip, if any) check-layout NAME|all (every
//   button of the shown window(s) inside it, whole, uncovered) today-open N (我的工作's N-th
//   button) | expect-count-opened (the registry lists that many) show-all (the registry's and the
//   review queue's 显示全部) check-keyboard NAME|all (mnemonics on every button and box, none
//   shared, tab order) column-width LIST COL W (as a header drag) | expect-column-width LIST COL W
//   check-chinese NAME|all (every shown text: no model id, no English word) | data-words W…
#include <set>
#include <string>
#include <vector>

#include <wx/string.h>
#include <wx/timer.h>

class wxUIActionSimulator;

namespace ladder::gui {

struct Session;
class MainFrame;
class ImportWizard;
class FirmDialog;

class Prompter;

// For the step files (self_test*.cpp): the prompter that answers as the step says, and a line
// without its first word.
Prompter& script_prompter();
std::string rest_of(const std::string& line);

class SelfTest : public wxTimer {
  public:
    SelfTest(Session& session, MainFrame* frame, std::vector<std::string> script);
    ~SelfTest() override;
    SelfTest(const SelfTest&) = delete;
    SelfTest& operator=(const SelfTest&) = delete;
    void Notify() override;
    bool failed() const { return failed_; }
    // The main frame was rebuilt on another registry.
    void set_frame(MainFrame* frame) { frame_ = frame; }

  private:
    static void on_assert(const wxString& file, int line, const wxString& func,
                          const wxString& cond, const wxString& msg);
    bool idle() const;
    void run(const std::string& line);
    void run_review_step(const std::string& cmd, const std::string& arg);
    void run_check_step(const std::string& cmd, const std::string& arg);
    void run_firm_step(const std::string& cmd, const std::string& arg, FirmDialog* firm);
    void say(const wxString& text);
    void focus_frame(wxUIActionSimulator& sim);
    void fail(const wxString& why);
    void expect(const wxString& text, const wxString& needle);

    Session& session_;
    MainFrame* frame_;
    std::vector<std::string> script_;
    std::size_t next_ = 0;
    long sleep_until_ = 0;
    int settle_ = 0;  // ticks to let posted results arrive after the workers go idle
    bool failed_ = false;
    bool busy_ = false;  // a step is running (modal loops re-enter the timer)
    wxString last_;
    std::size_t today_count_ = 0;       // the count today-open opened
    ImportWizard* wizard_ = nullptr;    // shown by `wizard`, until close-dialog
    std::set<std::string> data_words_;  // check-chinese lets these pass (account names, cells)
};

}  // namespace ladder::gui
