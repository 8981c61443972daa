#include "review_panel.hpp"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "db/audit_repository.hpp"
#include "session.hpp"
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
        s->Add(new wxStaticText(this, wxID_ANY, wxString::Format(_("Application %lld: %s %s"), static_cast<long long>(app.id),
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
                s->Add(new wxStaticText(this, wxID_ANY, _("I have checked these figures against the evidence:")),
                       wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
                checks_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, labels_);
                s->Add(checks_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
            }
            if (app.snapshot.verdict != TierVerdict::eligible) {
                s->Add(new wxStaticText(this, wxID_ANY, _("The firm was not eligible at submission. Justification:")),
                       wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
                justification_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(420, 60)),
                                                wxTE_MULTILINE);
                s->Add(justification_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
            }
        }
        s->Add(new wxStaticText(this, wxID_ANY, _("&Comment:")), wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
        comment_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(420, 60)), wxTE_MULTILINE);
        s->Add(comment_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
        s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
        SetSizerAndFit(s);
    }
    bool TransferDataFromWindow() override {
        decision.comment = utf8(comment_->GetValue());
        if (justification_) decision.justification = utf8(justification_->GetValue());
        decision.confirmed.clear();
        for (std::size_t i = 0; i < ids_.size(); ++i)
            if (checks_->IsChecked(static_cast<unsigned>(i))) decision.confirmed.push_back(ids_[i]);
        return true;
    }
    Decision decision;

private:
    std::vector<std::string> ids_;
    wxArrayString labels_;
    wxCheckListBox* checks_ = nullptr;
    wxTextCtrl* justification_ = nullptr;
    wxTextCtrl* comment_ = nullptr;
};

wxString verdict_mark(Verdict v) {
    return v == Verdict::pass ? wxString::FromUTF8("\u2713") : v == Verdict::fail ? wxString::FromUTF8("\u2717") : wxString("?");
}

}  // namespace

ReviewPanel::ReviewPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("review");
    auto* s = new wxBoxSizer(wxVERTICAL);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(180)), wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->SetName("applications");
    list_->AppendColumn(_("No."), wxLIST_FORMAT_RIGHT, FromDIP(50));
    list_->AppendColumn(_("Firm"), wxLIST_FORMAT_LEFT, FromDIP(260));
    list_->AppendColumn(_("Tier"), wxLIST_FORMAT_LEFT, FromDIP(150));
    list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(90));
    list_->AppendColumn(_("Verdict at submission"), wxLIST_FORMAT_LEFT, FromDIP(120));
    list_->AppendColumn(_("Submitted by"), wxLIST_FORMAT_LEFT, FromDIP(100));
    list_->AppendColumn(_("Next level"), wxLIST_FORMAT_LEFT, FromDIP(90));
    s->Add(list_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    summary_->SetName("review-summary");
    s->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    auto* mid = new wxBoxSizer(wxHORIZONTAL);
    criteria_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    criteria_->AppendColumn(wxString(), wxLIST_FORMAT_CENTER, FromDIP(30));
    criteria_->AppendColumn(_("Criterion"), wxLIST_FORMAT_LEFT, FromDIP(170));
    criteria_->AppendColumn(_("Actual"), wxLIST_FORMAT_LEFT, FromDIP(200));
    criteria_->AppendColumn(_("Threshold"), wxLIST_FORMAT_LEFT, FromDIP(140));
    criteria_->AppendColumn(_("Gap"), wxLIST_FORMAT_LEFT, FromDIP(150));
    mid->Add(criteria_, wxSizerFlags(3).Expand());
    history_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_READONLY);
    mid->Add(history_, wxSizerFlags(2).Expand().Border(wxLEFT));
    s->Add(mid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    approve_ = new wxButton(this, wxID_ANY, _("&Approve..."));
    reject_ = new wxButton(this, wxID_ANY, _("Re&ject..."));
    close_ = new wxButton(this, wxID_ANY, _("&Close publicity"));
    auto* refresh = new wxButton(this, wxID_REFRESH, _("&Refresh"));
    buttons->Add(approve_);
    buttons->Add(reject_, wxSizerFlags().Border(wxLEFT));
    buttons->Add(close_, wxSizerFlags().Border(wxLEFT));
    buttons->AddStretchSpacer();
    buttons->Add(refresh);
    s->Add(buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(s);
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_details(); });
    approve_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(true, wxString()); });
    reject_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(false, wxString()); });
    close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { close_publicity(); });
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
}

void ReviewPanel::activated() { reload(); }
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
        for (const auto& a : service.list(f))
            if (a.state == ApplicationState::submitted || a.publicity_open()) apps_.push_back(a);
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
        list_->SetItem(i, 6, a.next_level < static_cast<int>(a.review_levels.size())
                                 ? wx(a.review_levels[static_cast<std::size_t>(a.next_level)])
                                 : wxString());
        ++i;
    }
    summary_->SetLabel(apps_.empty() ? _("No applications wait for a decision this year.")
                                     : wxString::Format(_("%zu applications wait for a decision."), apps_.size()));
    if (!apps_.empty()) select(0);
    else {
        criteria_->DeleteAllItems();
        history_->Clear();
    }
    approve_->Enable(!apps_.empty());
    reject_->Enable(!apps_.empty());
    close_->Enable(!apps_.empty());
}

void ReviewPanel::select(std::size_t index) {
    if (index >= apps_.size()) return;
    list_->SetItemState(static_cast<long>(index), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                        wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    show_details();
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
        list_->SetItem(sel, 4, wx(to_string(a.snapshot.verdict)));
        long i = 0;
        for (const auto& c : a.snapshot.criteria) {
            const Criterion* cr = rules ? rules->find_criterion(c.id) : nullptr;
            criteria_->InsertItem(i, verdict_mark(c.verdict));
            criteria_->SetItem(i, 1, (cr ? wx(cr->zh) : wx(c.id)) + (c.reviewer_confirmed ? _(" (confirm)") : wxString()));
            criteria_->SetItem(i, 2, wx(c.actual));
            criteria_->SetItem(i, 3, wx(c.threshold));
            criteria_->SetItem(i, 4, wx(c.gap));
            ++i;
        }
        wxString text;
        for (const auto& d : a.decisions)
            text += wxString::Format(_("%s level: %s by %s on %s. %s\n"), wx(d.level), d.approve ? _("approved") : _("rejected"),
                                     wx(d.reviewer), wx(d.decided_on.to_string()), wx(d.comment));
        for (const auto& d : service.drift(a.id)) text += _("Changed since submission: ") + wx(describe_drift(d)) + "\n";
        text += _("Audit history:") + "\n";
        for (const auto& e : AuditRepository(*session_.db).history("application", std::to_string(a.id)))
            text += wx(e.at + "  " + e.actor + "  " + e.action) + "\n";
        history_->SetValue(text);
    } catch (...) {
        history_->SetValue(wx(error_text(std::current_exception())));
    }
}

wxString ReviewPanel::decide(bool approve, const wxString& comment, bool ask) {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (sel < 0) return {};
    const Application& app = apps_[static_cast<std::size_t>(sel)];
    Decision d;
    if (ask) {
        DecisionDialog dlg(this, app, session_.rules(), approve);
        if (dlg.ShowModal() != wxID_OK) return {};
        d = dlg.decision;
    } else {
        d.comment = utf8(comment);
        for (const auto& c : app.snapshot.criteria)
            if (c.reviewer_confirmed) d.confirmed.push_back(c.id);
        if (app.snapshot.verdict != TierVerdict::eligible) d.justification = d.comment;
    }
    d.approve = approve;
    d.decided_on = Date::today();
    wxString message;
    try {
        WorkflowService service(*session_.db, session_.rule_source);
        DecisionResult r = service.decide(session_.actor, app.id, d);
        message = r.next_level ? wxString::Format(_("Decision recorded; the %s level decides next."), wx(*r.next_level))
                               : wxString::Format(_("Decision recorded: %s."), wx(state_label(r.state)));
    } catch (...) {
        message = wx(error_text(std::current_exception()));
    }
    last_message_ = message;
    trace("review-decision " + message);
    if (ask) wxMessageBox(message, _("Review"), wxOK | wxICON_INFORMATION, this);
    reload();
    return message;
}

void ReviewPanel::close_publicity() {
    long sel = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (sel < 0) return;
    const Application& app = apps_[static_cast<std::size_t>(sel)];
    try {
        WorkflowService service(*session_.db, session_.rule_source);
        service.close_publicity(session_.actor, app.id, Date::today(), std::nullopt);
        last_message_ = _("Publicity closed; the recognition is recorded.");
    } catch (...) {
        last_message_ = wx(error_text(std::current_exception()));
    }
    wxMessageBox(last_message_, _("Review"), wxOK | wxICON_INFORMATION, this);
    reload();
}

wxString ReviewPanel::describe() const {
    wxString s = summary_->GetLabel() + "\n";
    for (const auto& a : apps_) s += wxString::Format("%lld %s %s %s\n", static_cast<long long>(a.id), wx(a.credit_code), wx(a.tier), wx(state_id(a.state)));
    if (!last_message_.empty()) s += "last: " + last_message_ + "\n";
    return s;
}

}  // namespace ladder::gui
