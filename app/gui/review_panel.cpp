#include "review_panel.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/radiobox.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "services/audit_service.hpp"
#include "labels.hpp"
#include "column_widths.hpp"
#include "session.hpp"
#include "date_field.hpp"
#include "permissions.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {

// Comment, the reviewer-confirmed criteria to tick, and a justification when the snapshot says
// the firm is not eligible. Data moves out only in TransferDataFromWindow.
class DecisionDialog : public wxDialog {
  public:
    DecisionDialog(wxWindow* parent, const Application& app, const RuleSet* rules, bool approve)
        : wxDialog(parent, wxID_ANY, approve ? _("Approve application") : _("Reject application")) {
        auto* s = new wxBoxSizer(wxVERTICAL);
        s->Add(new wxStaticText(
                   this, wxID_ANY,
                   wxString::Format(_("Application %lld: %s %s"), static_cast<long long>(app.id),
                                    wx(app.credit_code), wx(app.firm_name))),
               wxSizerFlags().Border(wxALL, FromDIP(8)));
        if (approve) {
            for (const auto& c : app.snapshot.criteria) {
                if (!c.reviewer_confirmed) continue;
                const Criterion* cr = rules ? rules->find_criterion(c.id) : nullptr;
                ids_.push_back(c.id);
                labels_.Add((cr ? wx(cr->zh) : wx(c.id)) + "  " + wx(c.actual));
            }
            if (!ids_.empty()) {
                s->Add(new wxStaticText(this, wxID_ANY,
                                        _("I have checked these figures against the evidence:")),
                       wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
                checks_ =
                    new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, labels_);
                s->Add(checks_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
            }
            if (app.snapshot.verdict != TierVerdict::eligible) {
                s->Add(
                    new wxStaticText(this, wxID_ANY,
                                     _("The firm was not eligible at submission. Justification:")),
                    wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
                justification_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition,
                                                FromDIP(wxSize(420, 60)), wxTE_MULTILINE);
                s->Add(justification_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
            }
        }
        // The decision's date and, on approval, the document it is recorded under (as the CLI's
        // `review approve --date --doc-no`).
        auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
        grid->AddGrowableCol(1);
        grid->Add(new wxStaticText(this, wxID_ANY, _("Decision &date:")),
                  wxSizerFlags().CenterVertical());
        date_ = new DateField(this, Date::today());
        date_->SetName("decision-date");
        grid->Add(date_);
        if (approve) {
            grid->Add(new wxStaticText(this, wxID_ANY, _("Document &number:")),
                      wxSizerFlags().CenterVertical());
            doc_no_ = new wxTextCtrl(this, wxID_ANY);
            doc_no_->SetName("doc-no");
            doc_no_->SetHint(_("empty: numbered by Ladder when the last level approves"));
            grid->Add(doc_no_, wxSizerFlags().Expand());
        }
        s->Add(grid, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
        s->Add(new wxStaticText(this, wxID_ANY, _("&Comment:")),
               wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
        comment_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition,
                                  FromDIP(wxSize(420, 60)), wxTE_MULTILINE);
        s->Add(comment_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
        error_ = new wxStaticText(this, wxID_ANY, wxString());
        error_->SetForegroundColour(wxColour(192, 0, 0));
        s->Add(error_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
        s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
               wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
        SetSizerAndFit(s);
        app_ = &app;
    }
    bool TransferDataFromWindow() override {
        // The dates are checked here so the reviewer corrects them in place; the service checks
        // them again in its transaction.
        std::string reason;
        auto on = date_->value(&reason);
        if (!on) return refuse(wxString::Format(_("Decision date: %s"), wx(reason)));
        try {
            check_decision_date(*on, app_->submitted_on, app_->decisions, Date::today());
        } catch (...) {
            return refuse(wx(error_text(std::current_exception())));
        }
        decision.decided_on = *on;
        if (doc_no_) doc_no = utf8(doc_no_->GetValue().Strip(wxString::both));
        decision.comment = utf8(comment_->GetValue());
        if (justification_) decision.justification = utf8(justification_->GetValue());
        decision.confirmed.clear();
        for (std::size_t i = 0; i < ids_.size(); ++i)
            if (checks_->IsChecked(static_cast<unsigned>(i))) decision.confirmed.push_back(ids_[i]);
        return true;
    }
    Decision decision;
    std::string doc_no;
    // The self-test types into the dialog: every listed criterion ticked.
    void fill(const wxString& date, const wxString& number, const wxString& comment) {
        date_->SetValue(date);
        if (doc_no_) doc_no_->SetValue(number == "-" ? wxString() : number);
        comment_->SetValue(comment);
        if (justification_) justification_->SetValue(comment);
        if (checks_)
            for (unsigned i = 0; i < checks_->GetCount(); ++i) checks_->Check(i);
    }
    wxString error() const { return error_->GetLabel(); }

  private:
    bool refuse(const wxString& why) {
        error_->SetLabel(why);
        Layout();
        Fit();
        return false;
    }
    const Application* app_ = nullptr;
    DateField* date_ = nullptr;
    wxTextCtrl* doc_no_ = nullptr;
    wxStaticText* error_ = nullptr;
    std::vector<std::string> ids_;
    wxArrayString labels_;
    wxCheckListBox* checks_ = nullptr;
    wxTextCtrl* justification_ = nullptr;
    wxTextCtrl* comment_ = nullptr;
};

// Closing publicity: the day it is closed, and when an objection came in, whether it was
// dismissed (the recognition is made) or upheld (the application ends rejected).
class PublicityDialog : public wxDialog {
  public:
    PublicityDialog(wxWindow* parent, const Application& app)
        : wxDialog(parent, wxID_ANY, _("Close publicity")) {
        const int gap = FromDIP(8);
        auto* s = new wxBoxSizer(wxVERTICAL);
        s->Add(new wxStaticText(
                   this, wxID_ANY,
                   wxString::Format(_("Application %lld: %s %s\nPublicity from %s to %s."),
                                    static_cast<long long>(app.id), wx(app.credit_code),
                                    wx(app.firm_name), wx(app.publicity_start->to_string()),
                                    wx(app.publicity_end->to_string()))),
               wxSizerFlags().Border(wxALL, gap));
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(new wxStaticText(this, wxID_ANY, _("Closed &on:")),
                 wxSizerFlags().CenterVertical());
        Date after = app.publicity_end->add_days(1);
        Date today = Date::today();
        Date initial = today < after ? after : today;
        date_ = new DateField(this, initial);
        date_->SetName("closed-on");
        row->Add(date_, wxSizerFlags().Border(wxLEFT));
        s->Add(row, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
        if (app.objection) {
            s->Add(new wxStaticText(this, wxID_ANY, _("Objection: ") + wx(*app.objection)),
                   wxSizerFlags().Border(wxALL, gap));
            wxString outcomes[] = {_("Dismissed: recognise the firm"),
                                   _("Upheld: the application is rejected")};
            outcome_ = new wxRadioBox(this, wxID_ANY, _("The objection was"), wxDefaultPosition,
                                      wxDefaultSize, 2, outcomes, 1);
            s->Add(outcome_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
        }
        s->Add(new wxStaticText(this, wxID_ANY, _("&Comment:")),
               wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));
        comment_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition,
                                  FromDIP(wxSize(420, 60)), wxTE_MULTILINE);
        s->Add(comment_, wxSizerFlags().Expand().Border(wxALL, gap));
        s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
               wxSizerFlags().Expand().Border(wxALL, gap));
        SetSizerAndFit(s);
    }
    bool TransferDataFromWindow() override {
        std::string reason;
        if (date_->value(&reason)) return true;
        wxMessageBox(wxString::Format(_("Closed on: %s"), wx(reason)), _("Close publicity"),
                     wxOK | wxICON_WARNING, this);
        return false;
    }
    Date on() const { return *date_->value(); }
    std::optional<PublicityOutcome> outcome() const {
        if (!outcome_) return std::nullopt;
        return outcome_->GetSelection() == 0 ? PublicityOutcome::dismissed
                                             : PublicityOutcome::upheld;
    }
    wxString comment() const { return comment_->GetValue(); }

  private:
    DateField* date_ = nullptr;
    wxRadioBox* outcome_ = nullptr;
    wxTextCtrl* comment_ = nullptr;
};

wxString verdict_mark(Verdict v) {
    return v == Verdict::pass   ? wxString::FromUTF8("\u2713")
           : v == Verdict::fail ? wxString::FromUTF8("\u2717")
                                : wxString("?");
}

}  // namespace

ReviewPanel::ReviewPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("review");
    auto* s = new wxBoxSizer(wxVERTICAL);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(180)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->SetName("applications");
    list_->AppendColumn(_("No."), wxLIST_FORMAT_RIGHT, FromDIP(50));
    list_->AppendColumn(_("Firm"), wxLIST_FORMAT_LEFT, FromDIP(260));
    list_->AppendColumn(_("Tier"), wxLIST_FORMAT_LEFT, FromDIP(150));
    list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(90));
    list_->AppendColumn(_("Verdict at submission"), wxLIST_FORMAT_LEFT, FromDIP(120));
    list_->AppendColumn(_("Submitted by"), wxLIST_FORMAT_LEFT, FromDIP(100));
    list_->AppendColumn(_("Next level"), wxLIST_FORMAT_LEFT, FromDIP(90));
    remember_column_widths(list_, "review-list");
    s->Add(list_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    summary_->SetName("review-summary");
    s->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    auto* mid = new wxBoxSizer(wxHORIZONTAL);
    criteria_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    criteria_->AppendColumn(wxString(), wxLIST_FORMAT_CENTER, FromDIP(30));
    criteria_->AppendColumn(_("Criterion"), wxLIST_FORMAT_LEFT, FromDIP(170));
    criteria_->AppendColumn(_("Actual"), wxLIST_FORMAT_LEFT, FromDIP(200));
    criteria_->AppendColumn(_("Threshold"), wxLIST_FORMAT_LEFT, FromDIP(140));
    criteria_->AppendColumn(_("Gap"), wxLIST_FORMAT_LEFT, FromDIP(150));
    remember_column_widths(criteria_, "review-criteria");
    mid->Add(criteria_, wxSizerFlags(3).Expand());
    history_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY);
    mid->Add(history_, wxSizerFlags(2).Expand().Border(wxLEFT));
    s->Add(mid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    approve_ = new wxButton(this, wxID_ANY, _("&Approve..."));
    reject_ = new wxButton(this, wxID_ANY, _("Re&ject..."));
    object_ = new wxButton(this, wxID_ANY, _("Record &objection..."));
    close_ = new wxButton(this, wxID_ANY, _("&Close publicity..."));
    auto* refresh = new wxButton(this, wxID_REFRESH, _("&Refresh"));
    approve_->SetName("approve");
    reject_->SetName("reject");
    object_->SetName("object");
    close_->SetName("close-publicity");
    buttons->Add(approve_);
    buttons->Add(reject_, wxSizerFlags().Border(wxLEFT));
    buttons->Add(object_, wxSizerFlags().Border(wxLEFT));
    buttons->Add(close_, wxSizerFlags().Border(wxLEFT));
    buttons->AddStretchSpacer();
    show_all_ = new wxButton(this, wxID_ANY, _("Show &all"));
    show_all_->SetName("review-show-all");
    show_all_->Hide();
    buttons->Add(show_all_, wxSizerFlags().Border(wxRIGHT));
    buttons->Add(refresh);
    s->Add(buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(s);
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_details(); });
    approve_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(true, wxString()); });
    reject_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(false, wxString()); });
    object_->Bind(wxEVT_BUTTON,
                  [this](wxCommandEvent&) { record_objection(wxString(), Date::today()); });
    close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        close_publicity(Date::today(), std::nullopt, wxString());
    });
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
    show_all_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_all(); });
}

void ReviewPanel::show_only(std::vector<int64_t> ids, const wxString& what) {
    only_ = std::move(ids);
    only_what_ = what;
    show_all_->Show();
    Layout();
    reload();
}

void ReviewPanel::show_all() {
    only_.clear();
    only_what_.clear();
    show_all_->Hide();
    Layout();
    reload();
}

void ReviewPanel::activated() {
    reload();
}
void ReviewPanel::year_changed() {
    if (IsShownOnScreen()) reload();
}

void ReviewPanel::reload() {
    list_->DeleteAllItems();
    apps_.clear();
    try {
        WorkflowService service(*session_.db, session_.rule_source);
        ApplicationFilter f;
        f.year = session_.year;
        const bool filtered = !only_what_.empty();
        for (const auto& a : service.list(f)) {
            if (filtered && std::find(only_.begin(), only_.end(), a.id) == only_.end()) continue;
            if (a.state == ApplicationState::submitted || a.publicity_open()) apps_.push_back(a);
        }
    } catch (...) {
        summary_->SetLabel(wx(error_text(std::current_exception())));
        return;
    }
    const RuleSet* rules = session_.rules();
    long i = 0;
    for (const auto& a : apps_) {
        const TierRules* t = rules ? rules->find_tier(a.tier) : nullptr;
        list_->InsertItem(i, wxString::Format("%lld", static_cast<long long>(a.id)));
        list_->SetItem(i, 1, wx(a.credit_code + " " + a.firm_name));
        list_->SetItem(i, 2, t ? wx(t->zh) : wx(a.tier));
        list_->SetItem(i, 3, a.publicity_open() ? _("in publicity") : wx(state_label(a.state)));
        list_->SetItem(i, 4, wxString());
        list_->SetItem(i, 5, wx(a.submitter));
        list_->SetItem(
            i, 6,
            a.next_level < static_cast<int>(a.review_levels.size())
                ? review_level_label(a.review_levels[static_cast<std::size_t>(a.next_level)])
                : wxString());
        ++i;
    }
    wxString summary =
        apps_.empty() ? _("No applications wait for a decision this year.")
                      : wxString::Format(_("%zu applications wait for a decision."), apps_.size());
    if (!only_what_.empty())
        summary = wxString::Format(_("%s: %zu applications."), only_what_, apps_.size());
    summary_->SetLabel(summary);
    if (!apps_.empty())
        select(0);
    else {
        criteria_->DeleteAllItems();
        history_->Clear();
    }
    update_buttons();
}

const Application* ReviewPanel::selected() const {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return sel < 0 || sel >= static_cast<long>(apps_.size())
               ? nullptr
               : &apps_[static_cast<std::size_t>(sel)];
}

void ReviewPanel::update_buttons() {
    const Application* a = selected();
    bool deciding = a && a->state == ApplicationState::submitted;
    bool publicity = a && a->publicity_open();
    enable_for(approve_, session_.actor, Operation::decide_application, deciding);
    enable_for(reject_, session_.actor, Operation::decide_application, deciding);
    enable_for(object_, session_.actor, Operation::record_objection, publicity);
    enable_for(close_, session_.actor, Operation::close_publicity, publicity);
}

void ReviewPanel::select(std::size_t index) {
    if (index >= apps_.size()) return;
    list_->SetItemState(static_cast<long>(index), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                        wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    show_details();
}

void ReviewPanel::select_newest() {
    auto newest = std::max_element(apps_.begin(), apps_.end(),
                                   [](const auto& a, const auto& b) { return a.id < b.id; });
    if (newest != apps_.end()) select(static_cast<std::size_t>(newest - apps_.begin()));
}

void ReviewPanel::show_details() {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    criteria_->DeleteAllItems();
    history_->Clear();
    if (sel < 0 || sel >= static_cast<long>(apps_.size())) return;
    try {
        WorkflowService service(*session_.db, session_.rule_source);
        Application a = service.get(apps_[static_cast<std::size_t>(sel)].id);
        apps_[static_cast<std::size_t>(sel)] = a;
        const RuleSet* rules = session_.rules();
        list_->SetItem(sel, 4, verdict_text(a.snapshot.verdict));
        long i = 0;
        for (const auto& c : a.snapshot.criteria) {
            const Criterion* cr = rules ? rules->find_criterion(c.id) : nullptr;
            criteria_->InsertItem(i, verdict_mark(c.verdict));
            criteria_->SetItem(i, 1,
                               (cr ? wx(cr->zh) : wx(c.id)) +
                                   (c.reviewer_confirmed ? _(" (confirm)") : wxString()));
            criteria_->SetItem(i, 2, wx(c.actual));
            criteria_->SetItem(i, 3, wx(c.threshold));
            criteria_->SetItem(i, 4, wx(c.gap));
            ++i;
        }
        wxString text;
        for (const auto& d : a.decisions)
            text += wxString::Format(_("%s level: %s by %s on %s. %s\n"), wx(d.level),
                                     d.approve ? _("approved") : _("rejected"), wx(d.reviewer),
                                     wx(d.decided_on.to_string()), wx(d.comment));
        for (const auto& d : service.drift(a.id))
            text += _("Changed since submission: ") + wx(describe_drift(d)) + "\n";
        if (a.publicity_start && a.publicity_end)
            text += wxString::Format(_("Publicity from %s to %s.\n"),
                                     wx(a.publicity_start->to_string()),
                                     wx(a.publicity_end->to_string()));
        if (a.objection)
            text += wxString::Format(
                _("Objection recorded by %s on %s: %s\n"), wx(a.objection_by.value_or("")),
                wx(a.objection_on ? a.objection_on->to_string() : std::string()), wx(*a.objection));
        text += _("Audit history:") + "\n";
        for (const auto& e :
             AuditService(*session_.db).history("application", std::to_string(a.id)))
            text += wx(names::local_time(e.at) + "  " + e.actor + "  " +
                       names::audit_action(e.action)) +
                    "\n";
        history_->SetValue(text);
    } catch (...) {
        history_->SetValue(wx(error_text(std::current_exception())));
    }
    update_buttons();
}

wxString ReviewPanel::decide(bool approve, const wxString& comment, Prompter& prompter,
                             const DecisionPreset* preset) {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (sel < 0) return {};
    const Application& app = apps_[static_cast<std::size_t>(sel)];
    Decision d;
    d.decided_on = Date::today();
    std::string doc_no;
    if (prompter.asks_for_input() || preset) {
        // With its decisions, so the dialog checks the date against the earlier levels'.
        Application full = app;
        try {
            full = WorkflowService(*session_.db, session_.rule_source).get(app.id);
        } catch (...) {
        }
        DecisionDialog dlg(this, full, session_.rules(), approve);
        if (preset) {
            dlg.fill(preset->date, preset->doc_no, comment);
            if (!dlg.TransferDataFromWindow()) return last_message_ = dlg.error();
        } else if (dlg.ShowModal() != wxID_OK) {
            return {};
        }
        d = dlg.decision;
        doc_no = dlg.doc_no;
    } else {
        d.comment = utf8(comment);
        for (const auto& c : app.snapshot.criteria)
            if (c.reviewer_confirmed) d.confirmed.push_back(c.id);
        if (app.snapshot.verdict != TierVerdict::eligible) d.justification = d.comment;
    }
    d.approve = approve;
    wxString message;
    try {
        WorkflowService service(*session_.db, session_.rule_source);
        DecisionResult r = service.decide(session_.actor, app.id, d, doc_no);
        message = r.next_level
                      ? wxString::Format(_("Decision recorded; the %s decides next."),
                                         review_level_label(*r.next_level))
                      : wxString::Format(_("Decision recorded: %s."), wx(state_label(r.state)));
    } catch (...) {
        message = wx(error_text(std::current_exception()));
    }
    last_message_ = message;
    trace("review-decision " + message);
    prompter.message(message, _("Review"), wxOK | wxICON_INFORMATION, this);
    reload();
    return message;
}

wxString ReviewPanel::record_objection(const wxString& text, const Date& on, Prompter& prompter) {
    const Application* app = selected();
    if (!app) return {};
    wxString objection = text;
    if (prompter.asks_for_input()) {
        wxTextEntryDialog dlg(this,
                              _("The objection as received (who raised it and what it says):"),
                              _("Record objection"), wxString(), wxOK | wxCANCEL | wxTE_MULTILINE);
        if (dlg.ShowModal() != wxID_OK) return {};
        objection = dlg.GetValue();
    }
    try {
        WorkflowService(*session_.db, session_.rule_source)
            .record_objection(session_.actor, app->id, utf8(objection), on);
        last_message_ = _("Objection recorded; publicity stays open until its last day.");
    } catch (...) {
        last_message_ = wx(error_text(std::current_exception()));
    }
    trace("review-objection " + last_message_);
    prompter.message(last_message_, _("Review"), wxOK | wxICON_INFORMATION, this);
    std::size_t index = static_cast<std::size_t>(app - apps_.data());
    reload();
    select(index);
    return last_message_;
}

wxString ReviewPanel::close_publicity(const Date& on, std::optional<PublicityOutcome> outcome,
                                      const wxString& comment, Prompter& prompter) {
    const Application* app = selected();
    if (!app) return {};
    Date day = on;
    wxString note = comment;
    // The dialog shows the window's days: only an application in publicity has them (the
    // service refuses the others with its message).
    if (prompter.asks_for_input() && app->publicity_open()) {
        PublicityDialog dlg(this, *app);
        if (dlg.ShowModal() != wxID_OK) return {};
        day = dlg.on();
        outcome = dlg.outcome();
        note = dlg.comment();
    }
    try {
        WorkflowService service(*session_.db, session_.rule_source);
        service.close_publicity(session_.actor, app->id, day, outcome, utf8(note));
        Application closed = service.get(app->id);
        last_message_ =
            closed.state == ApplicationState::rejected
                ? wxString::Format(_("Publicity closed; the objection was upheld and application "
                                     "%lld is rejected."),
                                   static_cast<long long>(closed.id))
                : wxString::Format(_("Publicity closed; recognition %s is in force from %s."),
                                   wx(closed.doc_no),
                                   wx(closed.recognition_from ? closed.recognition_from->to_string()
                                                              : std::string()));
    } catch (...) {
        last_message_ = wx(error_text(std::current_exception()));
    }
    trace("review-publicity " + last_message_);
    prompter.message(last_message_, _("Review"), wxOK | wxICON_INFORMATION, this);
    reload();
    return last_message_;
}

wxString ReviewPanel::describe() const {
    wxString s = summary_->GetLabel() + "\n";
    for (const auto& a : apps_)
        s += wxString::Format("%lld %s %s %s\n", static_cast<long long>(a.id), wx(a.credit_code),
                              wx(a.tier), wx(state_id(a.state)));
    if (!last_message_.empty()) s += "last: " + last_message_ + "\n";
    return s;
}

}  // namespace ladder::gui
