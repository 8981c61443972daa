#include "listing_panel.hpp"

#include <algorithm>
#include <optional>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "services/registry_service.hpp"
#include "column_widths.hpp"
#include "session.hpp"
#include "date_field.hpp"
#include "permissions.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {
wxString status_label(const std::string& status) {
    if (status == "pending") return _("waiting for a reviewer");
    if (status == "confirmed") return _("confirmed");
    if (status == "rejected") return _("rejected");
    return wx(status);
}

}  // namespace

ListingPanel::ListingPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("listing");
    const int gap = FromDIP(8);
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(
        this, wxID_ANY, _("Listing pipeline: a firm's way to the stock market, stage by stage"));
    title->SetFont(title->GetFont().Bold().Larger());
    s->Add(title, wxSizerFlags().Border(wxALL, gap));
    auto* find = new wxBoxSizer(wxHORIZONTAL);
    find->Add(new wxStaticText(this, wxID_ANY, _("&Credit code:")),
              wxSizerFlags().CenterVertical());
    firm_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(200, -1)),
                           wxTE_PROCESS_ENTER);
    firm_->SetName("listing-firm");
    find->Add(firm_, wxSizerFlags().Border(wxLEFT));
    auto* show = new wxButton(this, wxID_ANY, _("&Show"));
    find->Add(show, wxSizerFlags().Border(wxLEFT));
    firm_name_ = new wxStaticText(this, wxID_ANY, wxString());
    find->Add(firm_name_, wxSizerFlags(1).CenterVertical().Border(wxLEFT));
    s->Add(find, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

    stages_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                             wxLC_REPORT | wxLC_SINGLE_SEL);
    stages_->SetName("listing-stages");
    stages_->AppendColumn(_("No."), wxLIST_FORMAT_RIGHT, FromDIP(50));
    stages_->AppendColumn(_("Stage"), wxLIST_FORMAT_LEFT, FromDIP(150));
    stages_->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(100));
    stages_->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(130));
    stages_->AppendColumn(_("Recorded by"), wxLIST_FORMAT_LEFT, FromDIP(100));
    stages_->AppendColumn(_("Reviewed by"), wxLIST_FORMAT_LEFT, FromDIP(100));
    stages_->AppendColumn(_("Comment"), wxLIST_FORMAT_LEFT, FromDIP(260));
    remember_column_widths(stages_, "listing-stages");
    s->Add(stages_, wxSizerFlags(1).Expand().Border(wxALL, gap));

    auto* next = new wxBoxSizer(wxHORIZONTAL);
    next->Add(new wxStaticText(this, wxID_ANY, _("Next s&tage:")), wxSizerFlags().CenterVertical());
    stage_ = new wxChoice(this, wxID_ANY);
    for (ListingStage st : kListingStages) stage_->Append(wx(stage_zh(st)));
    next->Add(stage_, wxSizerFlags().Border(wxLEFT));
    next->Add(new wxStaticText(this, wxID_ANY, _("reached &on")),
              wxSizerFlags().CenterVertical().Border(wxLEFT));
    date_ = new DateField(this, Date::today());
    date_->SetName("stage-date");
    next->Add(date_, wxSizerFlags().Border(wxLEFT));
    comment_ = new wxTextCtrl(this, wxID_ANY);
    comment_->SetHint(_("Comment"));
    next->Add(comment_, wxSizerFlags(1).Border(wxLEFT));
    propose_ = new wxButton(this, wxID_ANY, _("&Record stage"));
    next->Add(propose_, wxSizerFlags().Border(wxLEFT));
    s->Add(next, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
    auto* decide = new wxBoxSizer(wxHORIZONTAL);
    confirm_ = new wxButton(this, wxID_ANY, _("Con&firm stage"));
    reject_ = new wxButton(this, wxID_ANY, _("Re&ject stage"));
    decide->Add(confirm_);
    decide->Add(reject_, wxSizerFlags().Border(wxLEFT));
    message_ = new wxStaticText(this, wxID_ANY, wxString());
    message_->SetName("listing-message");
    decide->Add(message_, wxSizerFlags(1).CenterVertical().Border(wxLEFT));
    s->Add(decide, wxSizerFlags().Expand().Border(wxALL, gap));
    SetSizer(s);

    auto show_typed = [this] { show_firm(utf8(firm_->GetValue().Strip(wxString::both))); };
    show->Bind(wxEVT_BUTTON, [show_typed](wxCommandEvent&) { show_typed(); });
    firm_->Bind(wxEVT_TEXT_ENTER, [show_typed](wxCommandEvent&) { show_typed(); });
    propose_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        int i = stage_->GetSelection();
        std::string reason;
        auto on = date_->value(&reason);
        if (!on) {
            wxMessageBox(wxString::Format(_("Stage date: %s"), wx(reason)), _("Listing pipeline"),
                         wxOK | wxICON_WARNING, this);
            return;
        }
        if (i >= 0) propose(kListingStages[i], *on, comment_->GetValue());
    });
    confirm_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { review(true, comment_->GetValue()); });
    reject_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { review(false, comment_->GetValue()); });
    update_controls();
}

void ListingPanel::activated() {
    if (!credit_code_.empty()) reload();
    firm_->SetFocus();
}

void ListingPanel::show_firm(const std::string& credit_code) {
    credit_code_ = credit_code;
    firm_->ChangeValue(wx(credit_code));
    message_->SetLabel(wxString());
    reload();
}

void ListingPanel::reload() {
    stages_->DeleteAllItems();
    records_.clear();
    firm_name_->SetLabel(wxString());
    firm_found_ = false;
    if (!credit_code_.empty()) {
        try {
            auto found = RegistryService(*session_.db).firm(credit_code_);
            const Firm* firm = found ? &found->record : nullptr;
            if (!firm) {
                firm_name_->SetLabel(
                    wxString::Format(_("No firm with credit code %s."), wx(credit_code_)));
            } else {
                firm_found_ = true;
                firm_name_->SetLabel(wx(firm->name));
                records_ = WorkflowService(*session_.db, session_.rule_source)
                               .listing_stages(credit_code_);
            }
        } catch (...) {
            message_->SetLabel(wx(error_text(std::current_exception())));
        }
    }
    long i = 0;
    std::optional<ListingStage> reached;
    for (const auto& r : records_) {
        stages_->InsertItem(i, wxString::Format("%lld", static_cast<long long>(r.id)));
        stages_->SetItem(i, 1, wx(stage_zh(r.stage)));
        stages_->SetItem(i, 2, wx(r.stage_date.to_string()));
        stages_->SetItem(i, 3, status_label(r.status));
        stages_->SetItem(i, 4, wx(r.proposed_by));
        stages_->SetItem(i, 5, wx(r.reviewed_by.value_or("")));
        stages_->SetItem(i, 6, wx(r.comment));
        if (r.status == "confirmed") reached = r.stage;
        ++i;
    }
    // The stage that may come next is offered first.
    if (auto n = next_stage(reached))
        stage_->SetSelection(static_cast<int>(*n));
    else
        stage_->SetSelection(wxNOT_FOUND);
    update_controls();
}

void ListingPanel::update_controls() {
    bool firm = firm_found_;
    bool pending = std::any_of(records_.begin(), records_.end(),
                               [](const auto& r) { return r.status == "pending"; });
    enable_for(propose_, session_.actor, Operation::propose_listing_stage,
               firm && stage_->GetSelection() != wxNOT_FOUND);
    enable_for(confirm_, session_.actor, Operation::review_listing_stage, pending);
    enable_for(reject_, session_.actor, Operation::review_listing_stage, pending);
}

wxString ListingPanel::propose(ListingStage stage, const Date& on, const wxString& comment) {
    wxString outcome;
    try {
        int64_t id =
            WorkflowService(*session_.db, session_.rule_source)
                .propose_listing_stage(session_.actor, credit_code_, stage, on, utf8(comment));
        outcome = wxString::Format(_("Stage change %lld recorded; a reviewer confirms it."),
                                   static_cast<long long>(id));
        comment_->Clear();
    } catch (...) {
        outcome = wx(error_text(std::current_exception()));
    }
    trace("listing " + outcome);
    reload();
    message_->SetLabel(outcome);
    return outcome;
}

wxString ListingPanel::review(bool confirm, const wxString& comment) {
    const ListingStageRecord* pending = nullptr;
    for (const auto& r : records_)
        if (r.status == "pending") pending = &r;
    if (!pending) return {};
    wxString outcome;
    try {
        WorkflowService(*session_.db, session_.rule_source)
            .review_listing_stage(session_.actor, pending->id, confirm, utf8(comment));
        outcome = wxString::Format(
            confirm ? _("Stage change %lld confirmed.") : _("Stage change %lld rejected."),
            static_cast<long long>(pending->id));
        comment_->Clear();
    } catch (...) {
        outcome = wx(error_text(std::current_exception()));
    }
    trace("listing " + outcome);
    reload();
    message_->SetLabel(outcome);
    return outcome;
}

wxString ListingPanel::describe() const {
    wxString s = firm_name_->GetLabel() + "\n";
    for (const auto& r : records_)
        s += wxString::Format("%lld %s %s %s\n", static_cast<long long>(r.id),
                              wx(stage_id(r.stage)), wx(r.stage_date.to_string()), wx(r.status));
    return s + message_->GetLabel() + "\n";
}

}  // namespace ladder::gui
