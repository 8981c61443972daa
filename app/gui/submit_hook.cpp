#include "submit_hook.hpp"

#include <algorithm>
#include <vector>

#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "services/workflow_service.hpp"
#include "labels.hpp"
#include "model/rules/evaluate.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {

// The tiers of the rule set in force, eligible first (then incomplete, then not eligible; rule-set
// order within each), each with its verdict for the firm in the assessment year.
class SubmitDialog : public wxDialog {
  public:
    SubmitDialog(wxWindow* parent, const Session& session, const FirmRecord& firm,
                 const std::string& preferred)
        : wxDialog(parent, wxID_ANY, _("Submit application"), wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
        SetName("submit-dialog");
        const RuleSet* rules = session.rules();
        std::vector<EligibilityReport> reports;
        if (rules) reports = evaluate_all(*rules, firm, session.year, Detail::verdicts);
        auto rank = [](TierVerdict v) {
            return v == TierVerdict::eligible ? 0 : v == TierVerdict::incomplete ? 1 : 2;
        };
        std::stable_sort(reports.begin(), reports.end(), [&](const auto& a, const auto& b) {
            return rank(a.verdict) < rank(b.verdict);
        });
        auto* s = new wxBoxSizer(wxVERTICAL);
        s->Add(new wxStaticText(
                   this, wxID_ANY,
                   wxString::Format(_("%s %s, assessment year %d. Tier:"),
                                    wx(firm.firm.credit_code), wx(firm.firm.name), session.year)),
               wxSizerFlags().Border(wxALL));
        tiers_ = new wxListBox(this, wxID_ANY);
        tiers_->SetName("submit-tier");
        for (const auto& r : reports) {
            const TierRules* t = rules->find_tier(r.tier);
            tiers_->Append(wxString::Format(
                "%s — %s", !t ? wx(r.tier) : wx(session.english && !t->en.empty() ? t->en : t->zh),
                verdict_text(r.verdict)));
            ids_.push_back(r.tier);
            if (r.tier == preferred) tiers_->SetSelection(static_cast<int>(ids_.size() - 1));
        }
        if (tiers_->GetSelection() == wxNOT_FOUND && !ids_.empty()) tiers_->SetSelection(0);
        s->Add(tiers_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT));
        // A title in its last valid year is renewed by a re-review (复核), not a new application.
        re_review_ = new wxCheckBox(this, wxID_ANY, _("&Re-review of the title ending this year"));
        re_review_->SetName("submit-re-review");
        s->Add(re_review_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP));
        for (const auto& id : ids_) last_year_.push_back(in_last_valid_year(session, firm, id));
        tiers_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { update_re_review(); });
        update_re_review();
        s->Add(new wxStaticText(this, wxID_ANY, _("&Note (optional):")),
               wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP));
        note_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition,
                               FromDIP(wxSize(420, 60)), wxTE_MULTILINE);
        s->Add(note_, wxSizerFlags().Expand().Border(wxALL));
        s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL));
        SetSizerAndFit(s);
    }
    std::string tier() const {
        int sel = tiers_->GetSelection();
        return sel == wxNOT_FOUND ? std::string() : ids_[static_cast<std::size_t>(sel)];
    }
    wxString note() const { return note_->GetValue(); }
    bool re_review() const { return re_review_->IsEnabled() && re_review_->GetValue(); }

  private:
    // Whether the firm holds a title of `tier` whose validity ends in the assessment year.
    static bool in_last_valid_year(const Session& session, const FirmRecord& firm,
                                   const std::string& tier) {
        const RuleSet* rules = session.rules();
        TierCatalog catalog = rules ? rules->tier_catalog() : TierCatalog::builtin();
        for (const auto& r : firm.recognitions) {
            if (r.tier != tier) continue;
            auto to = r.valid_to ? r.valid_to : catalog.default_valid_to(r.tier, r.valid_from);
            if (to && to->year() == session.year) return true;
        }
        return false;
    }
    void update_re_review() {
        int sel = tiers_->GetSelection();
        bool offered = sel != wxNOT_FOUND && last_year_[static_cast<std::size_t>(sel)];
        re_review_->Enable(offered);
        re_review_->SetValue(offered);
        re_review_->SetToolTip(offered ? wxString()
                                       : _("Only a title in its last valid year is re-reviewed."));
    }

    wxCheckBox* re_review_ = nullptr;
    std::vector<bool> last_year_;  // per entry of tiers_
    wxListBox* tiers_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    std::vector<std::string> ids_;
};

}  // namespace

bool submit_application_for(wxWindow* parent, Session& session, const FirmRecord& firm,
                            const std::string& preferred_tier, Prompter& prompter) {
    std::string tier = preferred_tier;
    wxString note;
    bool re_review = false;
    if (prompter.asks_for_input()) {
        SubmitDialog dlg(parent, session, firm, preferred_tier);
        if (dlg.ShowModal() != wxID_OK || dlg.tier().empty()) return false;
        tier = dlg.tier();
        note = dlg.note();
        re_review = dlg.re_review();
    }
    const std::string& credit_code = firm.firm.credit_code;
    try {
        WorkflowService service(*session.db, session.rule_source);
        int64_t id = service.submit_new(session.actor, credit_code, tier, session.year,
                                        Date::today(), utf8(note), re_review);
        trace(wxString::Format("application-submitted %lld", static_cast<long long>(id)));
        prompter.message(
            wxString::Format(_("Application %lld submitted; it waits in the review queue."),
                             static_cast<long long>(id)),
            _("Submit application"), wxOK | wxICON_INFORMATION, parent);
        return true;
    } catch (...) {
        wxString msg = wx(error_text(std::current_exception()));
        trace("application-refused " + msg);
        prompter.message(msg, _("Submit application"), wxOK | wxICON_WARNING, parent);
        return false;
    }
}

}  // namespace ladder::gui
