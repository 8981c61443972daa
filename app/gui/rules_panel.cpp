#include "rules_panel.hpp"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "column_widths.hpp"
#include "model/names.hpp"
#include "session.hpp"
#include "text.hpp"

namespace ladder::gui {

RulesPanel::RulesPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("rules");
    auto* s = new wxBoxSizer(wxVERTICAL);
    heading_ = new wxStaticText(this, wxID_ANY, wxString());
    heading_->SetFont(heading_->GetFont().Bold().Larger());
    s->Add(heading_, wxSizerFlags().Border(wxALL, FromDIP(8)));
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->AppendColumn(_("Tier"), wxLIST_FORMAT_LEFT, FromDIP(150));
    list_->AppendColumn(_("Criterion"), wxLIST_FORMAT_LEFT, FromDIP(200));
    list_->AppendColumn(_("Rule"), wxLIST_FORMAT_LEFT, FromDIP(380));
    list_->AppendColumn(_("Source / note"), wxLIST_FORMAT_LEFT, FromDIP(300));
    remember_column_widths(list_, "rules-list");
    s->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    s->Add(new wxStaticText(
               this, wxID_ANY,
               _("* assumed: the official threshold was not found; the value shown is documented "
                 "in the "
                 "rule set. Rule sets are data files; the bureau edits them without a rebuild.")),
           wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(s);
    year_changed();
}

void RulesPanel::year_changed() {
    list_->DeleteAllItems();
    const RuleSet* rules = session_.rules();
    if (!rules) {
        heading_->SetLabel(_("No rule set applies to this year."));
        return;
    }
    // The rule set's file id (jiangxi-2020) is for the CLI and the files; a Chinese heading
    // names the rule set by its Chinese name alone, which carries its year.
    if (ui_is_chinese() || rules->name_en.empty())
        heading_->SetLabel(
            wxString::Format(_("%s, assessment year %d"), wx(rules->name), session_.year));
    else
        heading_->SetLabel(wxString::Format(_("%s (%s), assessment year %d"), wx(rules->name_en),
                                            wx(rules->id), session_.year));
    long i = 0;
    for (const auto& t : rules->tiers) {
        for (const auto& c : t.criteria) {
            list_->InsertItem(i, wx(ui_is_chinese() || t.en.empty() ? t.zh : t.en));
            list_->SetItem(i, 1, wx(names::criterion(c)) + (c.assumed ? " *" : ""));
            // The rule in words for the year shown, not the rule language.
            list_->SetItem(i, 2, wx(names::rule_sentence(*rules, c, session_.year)));
            list_->SetItem(i, 3, wx(c.assumed && !c.note.empty() ? c.note : c.source));
            if (c.assumed) list_->SetItemTextColour(i, wxColour(160, 110, 0));
            ++i;
        }
    }
}

}  // namespace ladder::gui
