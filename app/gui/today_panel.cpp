#include "today_panel.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "model/workflow.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

TodayPanel::TodayPanel(wxWindow* parent, Session& session,
                       std::function<void(const DeskCount&)> open)
    : Page(parent, session), open_(std::move(open)) {
    SetName("today");
    auto* s = new wxBoxSizer(wxVERTICAL);
    heading_ = new wxStaticText(this, wxID_ANY, wxString());
    heading_->SetFont(heading_->GetFont().Bold().Larger());
    s->Add(heading_, wxSizerFlags().Border(wxALL, FromDIP(12)));
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    s->Add(status_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    // Count | what it is, with a line of explanation | the button that opens it.
    grid_ = new wxFlexGridSizer(3, FromDIP(wxSize(16, 14)));
    grid_->AddGrowableCol(1, 1);
    s->Add(grid_, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    auto* refresh = new wxButton(this, wxID_REFRESH, _("&Count again"));
    refresh->SetName("today-refresh");
    s->Add(refresh, wxSizerFlags().Border(wxLEFT, FromDIP(12)));
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
    SetSizer(s);
}

void TodayPanel::activated() {
    reload();
}
void TodayPanel::year_changed() {
    if (IsShownOnScreen()) reload();
}
void TodayPanel::permissions_changed() {
    // Another user: other tasks. Counted when the page is shown (sign-in shows it).
    counts_.clear();
    grid_->Clear(true);
    if (IsShownOnScreen()) reload();
}

void TodayPanel::reload() {
    const Actor actor = session_.actor;
    heading_->SetLabel(wxString::Format(_("My work today: %s (%s), %s, assessment year %d"),
                                        wx(actor.name), wx(role_label(actor.role)),
                                        wx(Date::today().to_string()), session_.year));
    status_->SetLabel(_("Counting..."));
    const unsigned generation = ++generation_;
    const RuleSet* rules = session_.rules();
    const int year = session_.year;
    const Date today = Date::today();
    session_.job_worker->submit([g = guard(this), generation, rules, year, today,
                                 actor](Database& db) mutable {
        std::vector<DeskCount> counts;
        std::string error;
        try {
            counts = my_work_today(db, rules, actor, year, today);
        } catch (...) {
            error = error_text(std::current_exception());
        }
        post(std::move(g), [generation, counts = std::move(counts), error](TodayPanel* p) mutable {
            if (generation != p->generation_) return;  // a later count is on its way
            if (!error.empty()) {
                p->status_->SetLabel(wx(error));
                return;
            }
            p->show(std::move(counts));
        });
    });
}

void TodayPanel::show(std::vector<DeskCount> counts) {
    counts_ = std::move(counts);
    Freeze();
    grid_->Clear(true);
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        const DeskCount& c = counts_[i];
        auto* number = new wxStaticText(this, wxID_ANY, wxString::Format("%zu", c.count));
        number->SetFont(number->GetFont().Bold().Scaled(1.6f));
        grid_->Add(number, wxSizerFlags().Right().CenterVertical());
        auto* text = new wxBoxSizer(wxVERTICAL);
        auto* label = new wxStaticText(this, wxID_ANY, wx(desk_task_label(c.task)));
        label->SetFont(label->GetFont().Bold());
        text->Add(label);
        text->Add(new wxStaticText(this, wxID_ANY, wx(desk_task_hint(c.task))));
        grid_->Add(text, wxSizerFlags().Expand().CenterVertical());
        // Mnemonics 1..9: the counts are reachable with Alt+digit.
        auto* button = new wxButton(this, wxID_ANY, wxString::Format(_("Show (&%zu)"), i + 1));
        button->SetName(wxString::Format("today-%zu", i + 1));
        button->Enable(c.count > 0);
        button->Bind(wxEVT_BUTTON, [this, i](wxCommandEvent&) { open(i); });
        grid_->Add(button, wxSizerFlags().CenterVertical());
    }
    status_->SetLabel(counts_.empty() ? _("Nothing waits for your role here.") : wxString());
    Layout();
    Thaw();
    trace("today-counted");
}

void TodayPanel::open(std::size_t index) {
    if (index < counts_.size() && open_) open_(counts_[index]);
}

wxString TodayPanel::describe() const {
    wxString s = heading_->GetLabel() + "\n";
    for (const auto& c : counts_)
        s += wxString::Format("%s: %zu\n", wx(desk_task_label(c.task)), c.count);
    if (!status_->GetLabel().empty()) s += status_->GetLabel() + "\n";
    return s;
}

}  // namespace ladder::gui
