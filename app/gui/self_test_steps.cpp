// The self-test's steps on the firm window, the review and listing pages and the checks of
// every shown window; the step loop and the other steps are in self_test.cpp.
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
#include "figure_view.hpp"
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

// The steps on the open firm window (and one on the registry behind it).
void SelfTest::run_firm_step(const std::string& cmd, const std::string& arg, FirmDialog* firm) {
    if (!firm) {
        wxString names;
        for (wxWindow* w : wxTopLevelWindows) names += w->GetName() + (w->IsShown() ? "+ " : "- ");
        return fail("no firm window is open: " + names);
    }
    if (cmd == "firm-tier") {
        firm->show_tier(arg);
    } else if (cmd == "firm-page") {
        firm->select_page(std::stoi(arg));
    } else if (cmd == "print-eligibility") {
        last_ = firm->eligibility_text();
        say(last_);
    } else if (cmd == "firm-submit") {
        if (!firm->submit_application(script_prompter())) fail("the application was refused");
    } else if (cmd == "firm-negative") {  // firm-negative ITEM VERDICT SOURCE|- DATE|-
        std::istringstream words(arg);
        std::string item, verdict, source, date;
        words >> item >> verdict >> source >> date;
        wxString problem =
            firm->record_negative_check(item, verdict, source == "-" ? wxString() : wx(source),
                                        date == "-" ? wxString() : wx(date));
        last_ = problem.empty() ? wxString("recorded") : problem;
        say(last_);
    } else if (cmd == "firm-end-title") {  // firm-end-title revoke|surrender ROW DATE DOC|- REASON
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
        last_ = firm->recognitions_text();
        say(last_);
    } else if (cmd == "print-negative") {
        last_ = firm->negative_list_text();
        say(last_);
    } else if (cmd == "print-journey") {
        last_ = firm->journey_text();
        say(last_);
    } else if (cmd == "firm-submit-dialog") {
        // The clerk's Submit button: the dialog opens (modal) once this step has returned, so
        // the next steps look at it; close-dialog cancels it.
        firm->CallAfter([firm] { firm->submit_application(); });
    } else if (cmd == "firm-set") {  // firm-set COLUMN VALUE
        firm->set_field(arg.substr(0, arg.find(' ')), wx(rest_of(arg)));
    } else if (cmd == "firm-field") {
        last_ = firm->field(arg);
        say(last_);
    } else if (cmd == "firm-save") {
        wxString result = firm->save_edits(script_prompter());
        last_ = result.empty() ? wxString("saved") : result;
        say(last_);
    } else if (cmd == "edit-elsewhere") {  // edit-elsewhere USER COLUMN=VALUE: another clerk saves
                                           // the open firm
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
        auto col = match_column(RecordKind::firms, assignment.substr(0, eq));
        if (!col || eq == std::string::npos) return fail("bad assignment " + wx(assignment));
        cells[*col] = assignment.substr(eq + 1);
        ValidationContext ctx;
        auto edited = validate_firm_cells(cells, ctx, firm->credit_code());
        if (edited.records.empty()) return fail("the edit is not valid: " + wx(assignment));
        service.save_firm(other, edited.records.front(), current->version);
        say("ok: " + wx(user) + " saved " + wx(assignment));
    } else {
        fail("unknown self-test command: " + wx(cmd));
    }
}

// The reviewer's steps: decisions, objections and publicity, listing stages, quotas.
void SelfTest::run_review_step(const std::string& cmd, const std::string& arg) {
    if (cmd == "decide") {  // decide approve|reject DATE DOCNO|- COMMENT: the dialog
        std::istringstream a(arg);
        std::string what, day, number;
        a >> what >> day >> number;
        std::string comment;
        std::getline(a >> std::ws, comment);
        frame_->show_page(MainFrame::Review);
        auto* review = static_cast<ReviewPanel*>(frame_->page(MainFrame::Review));
        review->select_newest();
        ReviewPanel::DecisionPreset preset{wx(day), wx(number)};
        last_ = review->decide(what == "approve", wx(comment), script_prompter(), &preset);
        say(last_);
    } else if (cmd == "approve" || cmd == "reject") {
        frame_->show_page(MainFrame::Review);
        auto* review = static_cast<ReviewPanel*>(frame_->page(MainFrame::Review));
        review->select_newest();
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
        review->select_newest();
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
    } else if (cmd == "set-target") {  // set-target YEAR TIER VALUE
        std::istringstream a(arg);
        std::string tier;
        int year = 0;
        long long value = 0;
        a >> year >> tier >> value;
        frame_->show_page(MainFrame::Quotas);
        last_ = static_cast<QuotaPanel*>(frame_->page(MainFrame::Quotas))
                    ->set_target(year, tier, value, script_prompter());
        say(last_);
    } else if (cmd == "pictures") {
        frame_->show_page(MainFrame::Pictures);
        static_cast<PicturesPanel*>(frame_->page(MainFrame::Pictures))->refresh();
    } else if (cmd == "show-city") {  // show-city CODE: the firms a click on the city lists
        frame_->show_page(MainFrame::Pictures);
        auto* pictures = static_cast<PicturesPanel*>(frame_->page(MainFrame::Pictures));
        wxTheApp->CallAfter([pictures, code = arg] { pictures->show_city(code); });
        sleep_until_ = uptime_ms() + 500;
    } else if (cmd == "drill-down") {  // drill-down [CITY]: its counties (no CITY: the cities)
        frame_->show_page(MainFrame::Pictures);
        static_cast<PicturesPanel*>(frame_->page(MainFrame::Pictures))->drill_down(arg);
        say("ok: map of " + (arg.empty() ? wxString("the province") : wx(arg)));
    } else if (cmd == "click-map") {  // click-map X Y: a click at a pixel of the map
        auto* map = dynamic_cast<FigureView*>(wxWindow::FindWindowByName("map-figure", frame_));
        if (!map || !map->on_click) return fail("no map");
        std::istringstream a(arg);
        double x = 0, y = 0;
        a >> x >> y;
        wxTheApp->CallAfter([map, x, y] { map->on_click(x, y); });
        sleep_until_ = uptime_ms() + 500;
    } else if (cmd == "click-bar") {
        auto* chart = dynamic_cast<QuotaChart*>(wxWindow::FindWindowByName("quota-chart", frame_));
        std::size_t i = std::stoul(arg);
        if (!chart || !chart->on_activate) return fail("no quota chart");
        wxTheApp->CallAfter([chart, i] { chart->on_activate(i); });
        sleep_until_ = uptime_ms() + 500;
    } else {
        fail("unknown self-test command: " + wx(cmd));
    }
}

// The checks of every shown window: keyboard, Chinese all the way, buttons that can be pressed.
void SelfTest::run_check_step(const std::string& cmd, const std::string& arg) {
    if (cmd == "check-keyboard") {  // check-keyboard NAME|all
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
    } else {
        fail("unknown self-test command: " + wx(cmd));
    }
}

}  // namespace ladder::gui
