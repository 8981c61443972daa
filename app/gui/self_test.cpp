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
#include "quota_panel.hpp"
#include "registry_panel.hpp"
#include "reports_panel.hpp"
#include "review_panel.hpp"
#include "session.hpp"
#include "today_panel.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {

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

wxDialog* open_dialog(const char* name) {
    for (wxWindow* w : wxTopLevelWindows)
        if (w->GetName() == name && w->IsShown()) return dynamic_cast<wxDialog*>(w);
    return nullptr;
}

// Why a button of `top` could not be pressed: outside the window's client area, squeezed
// (narrower or lower than it needs), or covered by another control. Empty: every shown button
// is whole and free.
std::vector<wxString> button_layout_problems(wxTopLevelWindow* top) {
    std::vector<wxWindow*> controls;
    std::function<void(wxWindow*)> collect = [&](wxWindow* w) {
        for (wxWindow* child : w->GetChildren()) {
            if (!child->IsShownOnScreen() || child->IsTopLevel()) continue;
            controls.push_back(child);
            collect(child);
        }
    };
    collect(top);
    const wxRect client(top->ClientToScreen(wxPoint(0, 0)), top->GetClientSize());
    auto related = [](wxWindow* a, wxWindow* b) {
        for (wxWindow* w = a; w; w = w->GetParent())
            if (w == b) return true;
        for (wxWindow* w = b; w; w = w->GetParent())
            if (w == a) return true;
        return false;
    };
    std::vector<wxString> problems;
    for (wxWindow* w : controls) {
        auto* button = dynamic_cast<wxAnyButton*>(w);
        if (!button) continue;
        const wxRect r = button->GetScreenRect();
        wxString name = button->GetLabel().empty() ? button->GetName() : button->GetLabel();
        name.Replace("&", "");
        if (!client.Contains(r)) {
            problems.push_back(wxString::Format(
                "button '%s' at %d,%d %dx%d lies outside its window (%d,%d %dx%d)", name, r.x, r.y,
                r.width, r.height, client.x, client.y, client.width, client.height));
            continue;
        }
        const wxSize best = button->GetBestSize();
        if (r.width < best.x * 3 / 4 || r.height < best.y * 3 / 4)
            problems.push_back(wxString::Format("button '%s' is squeezed to %dx%d (needs %dx%d)",
                                                name, r.width, r.height, best.x, best.y));
        for (wxWindow* other : controls) {
            if (other == w || related(other, w) || !dynamic_cast<wxControl*>(other) ||
                dynamic_cast<wxStaticBox*>(other))
                continue;
            if (other->GetScreenRect().Intersects(r))
                problems.push_back(wxString::Format("button '%s' is covered by %s '%s'", name,
                                                    other->GetClassInfo()->GetClassName(),
                                                    other->GetName()));
        }
    }
    return problems;
}

// The mnemonic letter of a label ("&Save" → 's'), or 0 when it has none.
wxChar mnemonic_of(const wxString& label) {
    for (std::size_t i = 0; i + 1 < label.size(); ++i) {
        if (label[i] != '&') continue;
        if (label[i + 1] == '&') {
            ++i;  // "&&" is a literal ampersand
            continue;
        }
        return static_cast<wxChar>(wxTolower(label[i + 1]));
    }
    return 0;
}

// Why `top` could not be worked from the keyboard: a button, check box or radio button
// without a mnemonic (stock buttons have GTK's), two controls sharing one mnemonic, or a tab
// order that jumps back up and to the left against the reading order of the layout.
std::vector<wxString> keyboard_problems(wxTopLevelWindow* top) {
    std::vector<wxString> problems;
    std::map<wxChar, wxString> taken;
    std::function<void(wxWindow*)> walk = [&](wxWindow* parent) {
        wxWindow* previous = nullptr;
        for (wxWindow* w : parent->GetChildren()) {  // the children's order is the tab order
            if (!w->IsShownOnScreen() || w->IsTopLevel()) continue;
            const bool labelled = dynamic_cast<wxButton*>(w) || dynamic_cast<wxCheckBox*>(w) ||
                                  dynamic_cast<wxRadioButton*>(w);
            // A label's mnemonic moves to the control after it: it counts as taken too.
            if (auto* text = dynamic_cast<wxStaticText*>(w);
                text && mnemonic_of(text->GetLabel())) {
                wxString label = text->GetLabel();
                const wxChar key = mnemonic_of(label);
                label.Replace("&", "");
                if (auto [it, fresh] = taken.emplace(key, label); !fresh)
                    problems.push_back(wxString::Format("'%s' and '%s' share Alt+%c", it->second,
                                                        label, wxToupper(key)));
            }
            if (labelled && !w->GetLabel().empty() && !wxIsStockID(w->GetId())) {
                wxString label = w->GetLabel();
                const wxChar key = mnemonic_of(label);
                label.Replace("&", "");
                if (!key) {
                    problems.push_back("'" + label + "' has no mnemonic (Alt+letter)");
                } else if (auto [it, fresh] = taken.emplace(key, label); !fresh) {
                    problems.push_back(wxString::Format("'%s' and '%s' share Alt+%c", it->second,
                                                        label, wxToupper(key)));
                }
            }
            if (w->AcceptsFocusFromKeyboard() && w->IsEnabled()) {
                if (previous) {
                    const wxRect a = previous->GetScreenRect(), b = w->GetScreenRect();
                    // Back up a line and to the left: Tab leaves the reading order.
                    if (b.GetBottom() < a.GetTop() && b.GetRight() < a.GetLeft())
                        problems.push_back(wxString::Format(
                            "Tab goes from %s '%s' back up to %s '%s'",
                            previous->GetClassInfo()->GetClassName(), previous->GetName(),
                            w->GetClassInfo()->GetClassName(), w->GetName()));
                }
                previous = w;
            }
            walk(w);
        }
    };
    walk(top);
    return problems;
}

// --- check-chinese: what a Chinese reader sees must be Chinese --------------------------------

// The ids the model keeps (tiers, states, chains, roles, review levels, measures): shown to a
// reader they are a missing translation through model/names.hpp.
std::set<std::string> internal_ids() {
    std::set<std::string> ids;
    for (const auto& choices :
         {tier_choices(), state_choices(), chain_choices(), role_choices(), review_level_choices()})
        for (const auto& c : choices) ids.insert(c.id);
    for (const auto& m : kMeasures) ids.insert(std::string(m.id));
    // A few ids are also ordinary Chinese-free words we allow on their own (none today).
    return ids;
}

// Words that stay in Latin letters in the Chinese interface: product and format names.
bool allowed_latin(const std::string& word) {
    static const std::set<std::string> allowed = {
        "SQLite", "PostgreSQL", "PDF", "XLSX", "CSV", "JSON", "Excel", "Ladder", "GB", "T", "ID",
        "IP", "IPO", "LED", "VR", "R", "D", "Ctrl", "Alt", "Shift", "Tab", "Esc", "Enter", "F",
        "UTC", "GBK", "UTF", "xlsx", "csv", "pdf", "json", "db", "sqlite", "docx", "GDP",
        // Roman numerals: I类/II类知识产权 is how the rules name the classes.
        "I", "II", "III", "IV"};
    return allowed.count(word) > 0;
}

// One text's problems: an internal id, or an English word. Tokens with a digit, a dot or a
// slash (credit codes, rule-set ids such as national-2022, file names, dates, units) pass.
std::vector<std::string> chinese_problems(const wxString& shown, const std::set<std::string>& ids,
                                          const std::set<std::string>& data) {
    std::vector<std::string> problems;
    const std::string text = shown.utf8_string();
    std::size_t i = 0;
    auto token_char = [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '@' ||
               c == ':' || c == '+';
    };
    while (i < text.size()) {
        if (!token_char(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && token_char(static_cast<unsigned char>(text[j]))) ++j;
        std::string token = text.substr(i, j - i);
        i = j;
        while (!token.empty() &&
               (token.back() == '.' || token.back() == ':' || token.back() == '-'))
            token.pop_back();
        if (data.count(token)) continue;
        if (ids.count(token)) {
            problems.push_back("id '" + token + "'");
            continue;
        }
        bool has_letter = false, skip = false;
        for (char c : token) {
            if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '@')
                skip = true;
            if (std::isalpha(static_cast<unsigned char>(c))) has_letter = true;
        }
        if (skip || !has_letter) continue;
        // Split into words at '_', '-', ':', '+'.
        std::string word;
        auto flush = [&] {
            if (word.size() >= 2 && !allowed_latin(word) && !ids.count(word))
                problems.push_back("English '" + word + "'");
            else if (ids.count(word))
                problems.push_back("id '" + word + "'");
            word.clear();
        };
        for (char c : token) {
            if (std::isalpha(static_cast<unsigned char>(c)))
                word += c;
            else
                flush();
        }
        flush();
    }
    return problems;
}

// The texts a reader sees in `top`: labels, buttons, headings, list rows on screen, choices,
// notebook tabs, grid cells and labels. Each comes with where it is, for the report.
std::vector<std::pair<wxString, wxString>> visible_texts(wxTopLevelWindow* top) {
    std::vector<std::pair<wxString, wxString>> texts;
    auto add = [&](wxWindow* w, const wxString& what, const wxString& text) {
        if (!text.empty())
            texts.emplace_back(w->GetClassInfo()->GetClassName() + wxString(" ") + w->GetName() +
                                   (what.empty() ? wxString() : " " + what),
                               text);
    };
    add(top, "title", top->GetTitle());
    std::function<void(wxWindow*)> walk = [&](wxWindow* w) {
        for (wxWindow* child : w->GetChildren()) {
            if (!child->IsShownOnScreen() || child->IsTopLevel()) continue;
            if (auto* list = dynamic_cast<wxListCtrl*>(child)) {
                wxListItem col;
                col.SetMask(wxLIST_MASK_TEXT);
                for (int c = 0; c < list->GetColumnCount(); ++c)
                    if (list->GetColumn(c, col)) add(child, "column", col.GetText());
                const long first = list->GetTopItem();
                const long last = std::min<long>(list->GetItemCount(),
                                                 first + std::max(list->GetCountPerPage(), 1) + 1);
                for (long row = std::max(first, 0L); row < last; ++row)
                    for (int c = 0; c < std::max(list->GetColumnCount(), 1); ++c)
                        add(child, wxString::Format("row %ld", row), list->GetItemText(row, c));
            } else if (auto* grid = dynamic_cast<wxGrid*>(child)) {
                for (int c = 0; c < grid->GetNumberCols(); ++c)
                    add(child, "column", grid->GetColLabelValue(c));
                for (int r = 0; r < grid->GetNumberRows(); ++r) {
                    add(child, "row label", grid->GetRowLabelValue(r));
                    for (int c = 0; c < grid->GetNumberCols(); ++c)
                        if (grid->IsReadOnly(r, c))
                            add(child, wxString::Format("cell %d,%d", r, c),
                                grid->GetCellValue(r, c));
                }
            } else if (auto* box = dynamic_cast<wxListBox*>(child)) {
                for (unsigned k = 0; k < box->GetCount(); ++k)
                    add(child, "item", box->GetString(k));
            } else if (auto* choice = dynamic_cast<wxChoice*>(child)) {
                for (unsigned k = 0; k < choice->GetCount(); ++k)
                    add(child, "choice", choice->GetString(k));
            } else if (auto* radio = dynamic_cast<wxRadioBox*>(child)) {
                add(child, "label", radio->GetLabel());
                for (unsigned k = 0; k < radio->GetCount(); ++k)
                    add(child, "choice", radio->GetString(k));
            } else if (auto* book = dynamic_cast<wxBookCtrlBase*>(child)) {
                for (std::size_t k = 0; k < book->GetPageCount(); ++k)
                    add(child, "tab", book->GetPageText(k));
            } else if (dynamic_cast<wxStaticText*>(child) || dynamic_cast<wxAnyButton*>(child) ||
                       dynamic_cast<wxCheckBox*>(child) || dynamic_cast<wxStaticBox*>(child)) {
                wxString label = child->GetLabel();
                label.Replace("&", "");
                add(child, "", label);
            }
            walk(child);
        }
    };
    walk(top);
    return texts;
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
    return !q->loading() && !r->busy();
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
    } else if (cmd == "firm-tier") {
        if (!firm) return fail("no firm window is open");
        firm->show_tier(arg);
    } else if (cmd == "firm-page") {
        if (!firm) {
            wxString names;
            for (wxWindow* w : wxTopLevelWindows)
                names += w->GetName() + (w->IsShown() ? "+ " : "- ");
            return fail("no firm window is open: " + names);
        }
        firm->select_page(std::stoi(arg));
    } else if (cmd == "print-eligibility") {
        if (!firm) return fail("no firm window is open");
        last_ = firm->eligibility_text();
        say(last_);
    } else if (cmd == "firm-submit") {
        if (!firm) return fail("no firm window is open");
        if (!firm->submit_application(script_prompter())) fail("the application was refused");
    } else if (cmd == "firm-negative") {  // firm-negative ITEM VERDICT SOURCE|- DATE|-
        if (!firm) return fail("no firm window is open");
        std::istringstream words(arg);
        std::string item, verdict, source, date;
        words >> item >> verdict >> source >> date;
        wxString problem =
            firm->record_negative_check(item, verdict, source == "-" ? wxString() : wx(source),
                                        date == "-" ? wxString() : wx(date));
        last_ = problem.empty() ? wxString("recorded") : problem;
        say(last_);
    } else if (cmd == "firm-end-title") {  // firm-end-title revoke|surrender ROW DATE DOC|- REASON
        if (!firm) return fail("no firm window is open");
        std::istringstream words(arg);
        std::string kind, row, date, doc;
        words >> kind >> row >> date >> doc;
        std::string reason;
        std::getline(words >> std::ws, reason);
        wxString problem = firm->end_title(kind == "revoke", std::stol(row), wx(date),
                                           doc == "-" ? wxString() : wx(doc), wx(reason));
        last_ = problem.empty() ? wxString("ended") : problem;
        say(last_);
    } else if (cmd == "print-recognitions") {
        if (!firm) return fail("no firm window is open");
        last_ = firm->recognitions_text();
        say(last_);
    } else if (cmd == "print-negative") {
        if (!firm) return fail("no firm window is open");
        last_ = firm->negative_list_text();
        say(last_);
    } else if (cmd == "print-journey") {
        if (!firm) return fail("no firm window is open");
        last_ = firm->journey_text();
        say(last_);
    } else if (cmd == "firm-submit-dialog") {
        // The clerk's Submit button: the dialog opens (modal) once this step has returned, so
        // the next steps look at it; close-dialog cancels it.
        if (!firm) return fail("no firm window is open");
        firm->CallAfter([firm] { firm->submit_application(); });
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
    } else if (cmd == "firm-set") {  // firm-set COLUMN VALUE
        if (!firm) return fail("no firm window is open");
        firm->set_field(arg.substr(0, arg.find(' ')), wx(rest_of(arg)));
    } else if (cmd == "firm-field") {
        if (!firm) return fail("no firm window is open");
        last_ = firm->field(arg);
        say(last_);
    } else if (cmd == "firm-save") {
        if (!firm) return fail("no firm window is open");
        wxString result = firm->save_edits(script_prompter());
        last_ = result.empty() ? wxString("saved") : result;
        say(last_);
    } else if (cmd == "edit-elsewhere") {  // edit-elsewhere USER COLUMN=VALUE: another clerk saves
                                           // the open firm
        if (!firm) return fail("no firm window is open");
        std::istringstream a(arg);
        std::string user, assignment;
        a >> user >> assignment;
        auto eq = assignment.find('=');
        Actor other = session_.actor;
        other.name = user;
        RegistryService service(*session_.db);
        auto current = service.firm(firm->credit_code());
        if (!current) return fail("the open firm is not in the registry");
        auto cells = to_cells(current->record);
        auto col = match_column(RecordKind::Firms, assignment.substr(0, eq));
        if (!col || eq == std::string::npos) return fail("bad assignment " + wx(assignment));
        cells[*col] = assignment.substr(eq + 1);
        ValidationContext ctx;
        auto edited = validate_firm_cells(cells, ctx, firm->credit_code());
        if (edited.records.empty()) return fail("the edit is not valid: " + wx(assignment));
        service.save_firm(other, edited.records.front(), current->version);
        say("ok: " + wx(user) + " saved " + wx(assignment));
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
    } else if (cmd == "check-keyboard") {  // check-keyboard NAME|all
        std::size_t checked = 0;
        for (wxWindow* w : wxTopLevelWindows) {
            auto* top = dynamic_cast<wxTopLevelWindow*>(w);
            if (!top || !w->IsShown() || (arg != "all" && w->GetName() != wx(arg))) continue;
            ++checked;
            auto problems = keyboard_problems(top);
            if (!problems.empty()) {
                wxString all;
                for (const auto& p : problems) all += "\n  " + p;
                return fail("keyboard " + top->GetName() + ":" + all);
            }
            say("ok: keyboard " + top->GetName());
        }
        if (!checked) return fail("no shown window named " + wx(arg));
    } else if (cmd == "data-words") {  // data-words WORD…: data, not interface (account names)
        std::istringstream words(arg);
        for (std::string w; words >> w;) data_words_.insert(w);
    } else if (cmd == "check-chinese") {  // check-chinese NAME|all: no ids, no English words
        const auto ids = internal_ids();
        std::size_t checked = 0;
        wxString all;
        for (wxWindow* w : wxTopLevelWindows) {
            auto* top = dynamic_cast<wxTopLevelWindow*>(w);
            if (!top || !w->IsShown() || (arg != "all" && w->GetName() != wx(arg))) continue;
            ++checked;
            std::size_t texts = 0;
            for (const auto& [where, text] : visible_texts(top)) {
                ++texts;
                for (const auto& p : chinese_problems(text, ids, data_words_))
                    all += "\n  " + where + ": " + wx(p) + " in \"" + text + "\"";
            }
            say(wxString::Format("checked %zu texts of %s", texts, top->GetName()));
        }
        if (!checked) return fail("no shown window named " + wx(arg));
        if (!all.empty()) return fail("not Chinese:" + all);
        say("ok: Chinese " + wx(arg));
    } else if (cmd == "check-layout") {
        std::vector<wxTopLevelWindow*> windows;
        for (wxWindow* w : wxTopLevelWindows)
            if (w->IsShown() && (arg == "all" || w->GetName() == wx(arg)))
                if (auto* top = dynamic_cast<wxTopLevelWindow*>(w)) windows.push_back(top);
        if (windows.empty()) return fail("no shown window named " + wx(arg));
        for (wxTopLevelWindow* top : windows) {
            top->Layout();
            wxYield();
            auto problems = button_layout_problems(top);
            const wxRect r = top->GetScreenRect();
            wxString where =
                wxString::Format("%s %dx%d at %d,%d", top->GetName(), r.width, r.height, r.x, r.y);
            if (!problems.empty()) {
                wxString all;
                for (const auto& p : problems) all += "\n  " + p;
                return fail("layout " + where + ":" + all);
            }
            const wxRect screen = wxGetClientDisplayRect();
            if (!screen.Contains(r))
                return fail("layout " + where + ": larger than the screen " +
                            wxString::Format("%dx%d", screen.width, screen.height));
            say("ok: layout " + where);
        }
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
    } else if (cmd == "decide") {  // decide approve|reject DATE DOCNO|- COMMENT: the dialog
        std::istringstream a(arg);
        std::string what, day, number;
        a >> what >> day >> number;
        std::string comment;
        std::getline(a >> std::ws, comment);
        frame_->show_page(MainFrame::Review);
        auto* review = static_cast<ReviewPanel*>(frame_->page(MainFrame::Review));
        review->select(0);
        ReviewPanel::DecisionPreset preset{wx(day), wx(number)};
        last_ = review->decide(what == "approve", wx(comment), script_prompter(), &preset);
        say(last_);
    } else if (cmd == "approve" || cmd == "reject") {
        frame_->show_page(MainFrame::Review);
        auto* review = static_cast<ReviewPanel*>(frame_->page(MainFrame::Review));
        review->select(0);
        last_ = review->decide(cmd == "approve", wx(arg), script_prompter());
        say(last_);
    } else if (cmd == "object" || cmd == "close-publicity") {
        // object DATE TEXT | close-publicity DATE clean|dismissed|upheld COMMENT
        std::istringstream a(arg);
        std::string day, outcome;
        a >> day;
        auto on = Date::parse(day);
        if (!on) return fail("bad date " + wx(day));
        frame_->show_page(MainFrame::Review);
        auto* review = static_cast<ReviewPanel*>(frame_->page(MainFrame::Review));
        review->select(0);
        if (cmd == "object") {
            last_ = review->record_objection(wx(rest_of(rest_of(arg))), *on, script_prompter());
        } else {
            a >> outcome;
            last_ = review->close_publicity(*on, parse_outcome(outcome),
                                            wx(rest_of(rest_of(rest_of(arg)))), script_prompter());
        }
        say(last_);
    } else if (cmd == "quota") {
        frame_->show_page(MainFrame::Quotas);
        static_cast<QuotaPanel*>(frame_->page(MainFrame::Quotas))->refresh();
    } else if (cmd == "listing" || cmd == "listing-stage" || cmd == "listing-review") {
        // listing CODE | listing-stage STAGE DATE COMMENT | listing-review confirm|reject COMMENT
        frame_->show_page(MainFrame::Listing);
        auto* listing = static_cast<ListingPanel*>(frame_->page(MainFrame::Listing));
        std::istringstream a(arg);
        std::string first, second;
        a >> first >> second;
        if (cmd == "listing") {
            listing->show_firm(first);
            last_ = listing->describe();
        } else if (cmd == "listing-stage") {
            auto stage = parse_stage(first);
            auto on = Date::parse(second);
            if (!stage || !on) return fail("bad stage or date: " + wx(arg));
            last_ = listing->propose(*stage, *on, wx(rest_of(rest_of(arg))));
        } else {
            last_ = listing->review(first == "confirm", wx(rest_of(arg)));
        }
        say(last_);
    } else if (cmd == "set-quota") {
        std::istringstream a(arg);
        std::string group, tier;
        long long value = 0;
        a >> group >> tier >> value;
        frame_->show_page(MainFrame::Quotas);
        last_ = static_cast<QuotaPanel*>(frame_->page(MainFrame::Quotas))
                    ->set_quota(group, tier, value, script_prompter());
        say(last_);
    } else if (cmd == "click-bar") {
        auto* chart = dynamic_cast<QuotaChart*>(wxWindow::FindWindowByName("quota-chart", frame_));
        std::size_t i = std::stoul(arg);
        if (!chart || !chart->on_activate) return fail("no quota chart");
        wxTheApp->CallAfter([chart, i] { chart->on_activate(i); });
        sleep_until_ = uptime_ms() + 500;
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
