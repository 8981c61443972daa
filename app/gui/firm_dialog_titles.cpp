// The firm window's titles page (recognitions, a title's revocation or surrender) and its
// negative-list page; the window itself is firm_dialog.cpp.
#include "firm_dialog.hpp"
#include <algorithm>
#include <wx/scrolwin.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/numdlg.h>
#include <wx/persist/toplevel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include "background.hpp"
#include "services/registry_service.hpp"
#include "services/negative_list_service.hpp"
#include "services/title_service.hpp"
#include "model/errors.hpp"
#include "date_field.hpp"
#include "model/names.hpp"
#include "model/import_schema.hpp"
#include "model/measures.hpp"
#include "model/tally.hpp"
#include "model/rules/evaluate.hpp"
#include "column_widths.hpp"
#include "session.hpp"
#include "submit_hook.hpp"
#include "journey_view.hpp"
#include "layout.hpp"
#include "permissions.hpp"
#include "text.hpp"

namespace ladder::gui {

wxWindow* FirmDialog::build_recognitions(wxNotebook* book) {
    auto* panel = new wxPanel(book);
    recognitions_ = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxLC_REPORT | wxLC_SINGLE_SEL);
    recognitions_->AppendColumn(_("Tier"), wxLIST_FORMAT_LEFT, FromDIP(200));
    recognitions_->AppendColumn(_("Approved on"), wxLIST_FORMAT_LEFT, FromDIP(110));
    recognitions_->AppendColumn(_("Valid from"), wxLIST_FORMAT_LEFT, FromDIP(110));
    recognitions_->AppendColumn(_("Valid to"), wxLIST_FORMAT_LEFT, FromDIP(110));
    recognitions_->AppendColumn(_("Document"), wxLIST_FORMAT_LEFT, FromDIP(260));
    remember_column_widths(recognitions_, "firm-recognitions");
    refresh_recognitions();
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(recognitions_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    // The exits of a title (issue 18): revocation by a reviewer, surrender recorded by a clerk.
    auto* exits = new wxBoxSizer(wxHORIZONTAL);
    auto* revoke = new wxButton(panel, wxID_ANY, _("Re&voke title..."));
    revoke->SetName("revoke-title");
    enable_for(revoke, session_.actor, Operation::decide_application);
    auto* surrender = new wxButton(panel, wxID_ANY, _("&Give up title..."));
    surrender->SetName("surrender-title");
    enable_for(surrender, session_.actor, Operation::edit_registry);
    exits->Add(revoke);
    exits->Add(surrender, wxSizerFlags().Border(wxLEFT));
    s->Add(exits, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    revoke->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_end_title(true); });
    surrender->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_end_title(false); });
    panel->SetSizer(s);
    return panel;
}

void FirmDialog::refresh_recognitions() {
    recognitions_->DeleteAllItems();
    const RuleSet* rules = session_.rules();
    TierCatalog catalog = rules ? rules->tier_catalog() : TierCatalog::builtin();
    long i = 0;
    for (const auto& r : record_.recognitions) {
        const TierInfo* t = catalog.find(r.tier);
        recognitions_->InsertItem(i, t ? wx(t->zh) : wx(r.tier));
        recognitions_->SetItem(i, 1, wx(r.approved_on.to_string()));
        recognitions_->SetItem(i, 2, wx(r.valid_from.to_string()));
        auto to = r.valid_to ? r.valid_to : catalog.default_valid_to(r.tier, r.valid_from);
        recognitions_->SetItem(i, 3, to ? wx(to->to_string()) : _("open-ended"));
        recognitions_->SetItem(i, 4, wx(r.doc_no));
        ++i;
    }
}

wxString FirmDialog::recognitions_text() const {
    wxString text;
    for (long i = 0; i < recognitions_->GetItemCount(); ++i)
        text += recognitions_->GetItemText(i, 0) + " | " + recognitions_->GetItemText(i, 2) +
                " | " + recognitions_->GetItemText(i, 3) + "\n";
    return text;
}

void FirmDialog::ask_end_title(bool revoke) {
    long row = recognitions_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0) {
        wxMessageBox(_("Choose a recognition first."), GetTitle(), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxDialog dialog(this, wxID_ANY, revoke ? _("Revoke title") : _("Give up title"));
    dialog.SetName("end-title-dialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1, 1);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Date:")), wxSizerFlags().CenterVertical());
    auto* date = new DateField(&dialog, Date::today());
    grid->Add(date);
    grid->Add(new wxStaticText(&dialog, wxID_ANY,
                               revoke ? _("Document number:") : _("Document number (optional):")),
              wxSizerFlags().CenterVertical());
    auto* doc = new wxTextCtrl(&dialog, wxID_ANY);
    grid->Add(doc, wxSizerFlags().Expand());
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Reason:")), wxSizerFlags().CenterVertical());
    auto* reason = new wxTextCtrl(&dialog, wxID_ANY);
    reason->SetMinSize(FromDIP(wxSize(320, -1)));
    grid->Add(reason, wxSizerFlags().Expand());
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(grid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(10)));
    top->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL),
             wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
    dialog.SetSizerAndFit(top);
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem =
            end_title(revoke, row, date->GetValue(), doc->GetValue(), reason->GetValue());
        if (problem.empty()) return;
        wxMessageBox(problem, dialog.GetTitle(), wxOK | wxICON_WARNING, &dialog);
    }
}

wxString FirmDialog::end_title(bool revoke, long row, const wxString& date, const wxString& doc_no,
                               const wxString& reason) {
    if (row < 0 || row >= static_cast<long>(record_.recognitions.size()))
        return _("Choose a recognition first.");
    std::string why;
    auto day = Date::parse(utf8(date), &why);
    if (!day) return wx(why);
    const Recognition& r = record_.recognitions[static_cast<std::size_t>(row)];
    TitleExit exit;
    exit.credit_code = record_.firm.credit_code;
    exit.tier = r.tier;
    exit.valid_from = r.valid_from;
    exit.cause = revoke ? ExitCause::revoked : ExitCause::surrendered;
    exit.exit_on = *day;
    exit.doc_no = utf8(doc_no);
    exit.reason = utf8(reason);
    const RuleSet* rules = session_.rules();
    try {
        TitleService(*session_.db, rules ? rules->tier_catalog() : TierCatalog::builtin())
            .end_title(session_.actor, exit);
    } catch (...) {
        return wx(error_text(std::current_exception()));
    }
    record_.recognitions = RegistryService(*session_.db).recognitions(record_.firm.credit_code);
    saved_.recognitions = record_.recognitions;
    changed_ = true;
    refresh_recognitions();
    refresh_eligibility();
    refresh_journey();
    return {};
}

wxWindow* FirmDialog::build_negative_list(wxNotebook* book) {
    auto* panel = new wxPanel(book);
    negative_ = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    negative_->SetName("negative-list");
    negative_->AppendColumn(_("Item"), wxLIST_FORMAT_LEFT, FromDIP(240));
    negative_->AppendColumn(_("Verdict"), wxLIST_FORMAT_LEFT, FromDIP(80));
    negative_->AppendColumn(_("Source checked"), wxLIST_FORMAT_LEFT, FromDIP(220));
    negative_->AppendColumn(_("Checked on"), wxLIST_FORMAT_LEFT, FromDIP(110));
    remember_column_widths(negative_, "firm-negative-list");
    // Item names are the official list's Chinese in any UI language.
    for (NegativeItem item : kNegativeItems)
        negative_->InsertItem(negative_->GetItemCount(), wx(std::string(negative_item_zh(item))));

    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(panel, wxID_ANY, _("Verdict:")), wxSizerFlags().CenterVertical());
    negative_verdict_ = new wxChoice(panel, wxID_ANY);
    negative_verdict_->SetName("negative-verdict");
    for (NegativeVerdict v :
         {NegativeVerdict::no, NegativeVerdict::yes, NegativeVerdict::not_checked})
        negative_verdict_->Append(wx(std::string(negative_verdict_zh(v))));
    negative_verdict_->SetSelection(0);
    row->Add(negative_verdict_, wxSizerFlags().CenterVertical().Border(wxLEFT));
    row->Add(new wxStaticText(panel, wxID_ANY, _("Source:")),
             wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(12)));
    negative_source_ = new wxTextCtrl(panel, wxID_ANY, wxString::FromUTF8("信用中国"));
    negative_source_->SetName("negative-source");
    row->Add(negative_source_, wxSizerFlags(1).CenterVertical().Border(wxLEFT));
    row->Add(new wxStaticText(panel, wxID_ANY, _("Checked on:")),
             wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(12)));
    negative_date_ = new DateField(panel, Date::today());
    negative_date_->SetName("negative-date");
    row->Add(negative_date_, wxSizerFlags().CenterVertical().Border(wxLEFT));
    auto* record = new wxButton(panel, wxID_ANY, _("&Record check"));
    record->SetName("negative-record");
    enable_for(record, session_.actor, Operation::edit_registry);
    row->Add(record, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(12)));
    record->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        long selected = negative_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (selected < 0) {
            wxMessageBox(_("Choose an item of the list first."), _("Negative list"),
                         wxOK | wxICON_INFORMATION, this);
            return;
        }
        static const char* const kVerdicts[] = {"no", "yes", "not_checked"};
        wxString problem =
            record_negative_check(std::string(negative_item_id(kNegativeItems[selected])),
                                  kVerdicts[std::max(0, negative_verdict_->GetSelection())],
                                  negative_source_->GetValue(), negative_date_->GetValue());
        if (!problem.empty())
            wxMessageBox(problem, _("Negative list"), wxOK | wxICON_WARNING, this);
    });

    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(negative_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    s->Add(row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    panel->SetSizer(s);
    refresh_negative_list();
    return panel;
}

void FirmDialog::refresh_negative_list() {
    if (!negative_) return;
    for (long i = 0; i < static_cast<long>(std::size(kNegativeItems)); ++i) {
        const NegativeCheck* check = nullptr;
        for (const auto& c : record_.negative_checks)
            if (c.item == kNegativeItems[i]) check = &c;
        NegativeVerdict v = check ? check->verdict : NegativeVerdict::not_checked;
        negative_->SetItem(i, 1, wx(std::string(negative_verdict_zh(v))));
        negative_->SetItem(i, 2, check ? wx(check->source) : wxString());
        negative_->SetItem(
            i, 3, check && check->checked_on ? wx(check->checked_on->to_string()) : wxString());
    }
}

wxString FirmDialog::record_negative_check(const std::string& item, const std::string& verdict,
                                           const wxString& source, const wxString& date) {
    NegativeCheck check;
    check.credit_code = record_.firm.credit_code;
    auto parsed_item = parse_negative_item(item);
    auto parsed_verdict = parse_negative_verdict(verdict);
    if (!parsed_item || !parsed_verdict) return _("Unknown item or verdict.");
    check.item = *parsed_item;
    check.verdict = *parsed_verdict;
    check.source = utf8(source);
    if (!date.empty()) {
        std::string reason;
        check.checked_on = Date::parse(utf8(date), &reason);
        if (!check.checked_on) return wx(reason);
    }
    try {
        NegativeListService(*session_.db).record(session_.actor, check);
    } catch (...) {
        return wx(error_text(std::current_exception()));
    }
    record_.negative_checks = NegativeListService(*session_.db).of_firm(record_.firm.credit_code);
    saved_.negative_checks = record_.negative_checks;
    changed_ = true;
    refresh_negative_list();
    refresh_eligibility();
    return {};
}

wxString FirmDialog::negative_list_text() const {
    wxString text;
    for (long i = 0; negative_ && i < negative_->GetItemCount(); ++i)
        text += negative_->GetItemText(i, 0) + " | " + negative_->GetItemText(i, 1) + " | " +
                negative_->GetItemText(i, 2) + " | " + negative_->GetItemText(i, 3) + "\n";
    return text;
}

}  // namespace ladder::gui
