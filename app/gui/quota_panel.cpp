#include "quota_panel.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/stopwatch.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/scrolwin.h>
#include <wx/combobox.h>
#include <wx/dialog.h>
#include <wx/msgdlg.h>
#include <wx/spinctrl.h>

#include "services/quota_service.hpp"
#include "model/errors.hpp"
#include "services/tally_service.hpp"
#include "services/title_service.hpp"
#include "model/industry.hpp"
#include "firms_dialog.hpp"
#include "quota_chart.hpp"
#include "column_widths.hpp"
#include "session.hpp"
#include "permissions.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {

// Runs one save through its service: true with what was saved in `outcome` (from `save`),
// false with the service's refusal there; both traced under `what`.
template <class Save>
bool save_through_service(Session& session, const char* what, wxString& outcome, Save save) {
    try {
        const RuleSet* rules = session.rules();
        if (!rules) throw UsageError(utf8(_("No rule set applies to this year.")));
        outcome = save(*rules);
        trace(wxString(what) + "-set " + outcome);
        return true;
    } catch (...) {
        outcome = wx(error_text(std::current_exception()));
        trace(wxString(what) + "-refused " + outcome);
        return false;
    }
}

wxString tier_name(const RuleSet& rules, const std::string& tier) {
    const TierRules* t = rules.find_tier(tier);
    return t ? wx(t->zh) : wx(tier);
}

// Saves one quota through the service; false with its refusal in `outcome`.
bool save_quota(Session& session, const std::string& group, const std::string& tier, int64_t value,
                wxString& outcome) {
    return save_through_service(session, "quota", outcome, [&](const RuleSet& rules) {
        QuotaService(*session.db).set(session.actor, rules, session.year, tier, group, value);
        const TallyGrouping grouping =
            find_chain(group) ? TallyGrouping::chain : TallyGrouping::city;
        return wxString::Format(_("Quota saved: %s, %s, %d: %lld."),
                                wx(tally_group_label(group, grouping)), tier_name(rules, tier),
                                session.year, static_cast<long long>(value));
    });
}

// The rule set's tiers by name, the first chosen; their ids in `ids`.
wxChoice* tier_choice(wxWindow* parent, Session& session, std::vector<std::string>& ids) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    if (const RuleSet* rules = session.rules())
        for (const auto& t : rules->tiers) {
            choice->Append(wx(t.zh));
            ids.push_back(t.id);
        }
    choice->SetSelection(0);
    return choice;
}

// One quota: the group (the province, a city, or any county code or chain id typed in), the
// tier and the value, showing the value in force. The service's refusal keeps the dialog open.
class QuotaDialog : public wxDialog {
  public:
    QuotaDialog(wxWindow* parent, Session& session)
        : wxDialog(parent, wxID_ANY, _("Edit quota")), session_(session) {
        SetName("quota-dialog");
        const int gap = FromDIP(8);
        auto* s = new wxBoxSizer(wxVERTICAL);
        s->Add(new wxStaticText(this, wxID_ANY,
                                wxString::Format(_("Quotas of assessment year %d"), session.year)),
               wxSizerFlags().Border(wxALL, gap));
        auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Group:")), wxSizerFlags().CenterVertical());
        group_ =
            new wxComboBox(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(260, -1)));
        group_->Append(wxString::FromUTF8("36 江西省"));
        if (session.regions)
            for (const Region* city : session.regions->children("36"))
                group_->Append(wx(city->code + " " + city->name));
        group_->SetSelection(0);
        grid->Add(group_, wxSizerFlags().Expand());
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Tier:")), wxSizerFlags().CenterVertical());
        tier_ = tier_choice(this, session, tiers_);
        grid->Add(tier_, wxSizerFlags().Expand());
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Quota:")), wxSizerFlags().CenterVertical());
        value_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                wxSP_ARROW_KEYS, 0, 1000000);
        grid->Add(value_);
        s->Add(grid, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
        current_ = new wxStaticText(this, wxID_ANY, wxString());
        s->Add(current_, wxSizerFlags().Border(wxALL, gap));
        error_ = new wxStaticText(this, wxID_ANY, wxString());
        error_->SetForegroundColour(wxColour(192, 0, 0));
        s->Add(error_, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
        s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
               wxSizerFlags().Expand().Border(wxALL, gap));
        SetSizerAndFit(s);
        group_->Bind(wxEVT_COMBOBOX, [this](wxCommandEvent&) { show_current(); });
        group_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { show_current(); });
        tier_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_current(); });
        show_current();
    }
    // The code typed or chosen: the first word ("3601 南昌市" → "3601").
    std::string group() const {
        return utf8(group_->GetValue().Strip(wxString::both).BeforeFirst(' '));
    }
    std::string tier() const {
        int t = tier_->GetSelection();
        return t < 0 ? std::string() : tiers_[static_cast<std::size_t>(t)];
    }
    bool TransferDataFromWindow() override {
        if (save_quota(session_, group(), tier(), value_->GetValue(), outcome)) return true;
        error_->SetLabel(outcome);
        Layout();
        Fit();
        return false;
    }
    wxString outcome;

  private:
    void show_current() {
        try {
            auto quotas = QuotaService(*session_.db).quotas(session_.year);
            auto it = quotas.find({group(), tier()});
            current_->SetLabel(it == quotas.end()
                                   ? _("No quota set for this group and tier.")
                                   : wxString::Format(_("Quota in force: %lld"),
                                                      static_cast<long long>(it->second)));
            if (it != quotas.end()) value_->SetValue(static_cast<int>(it->second));
        } catch (...) {
            current_->SetLabel(wx(error_text(std::current_exception())));
        }
    }
    Session& session_;
    wxComboBox* group_;
    wxChoice* tier_;
    std::vector<std::string> tiers_;
    wxSpinCtrl* value_;
    wxStaticText* current_;
    wxStaticText* error_;
};

// Saves one multi-year target through the title service; false with its refusal in `outcome`.
bool save_target(Session& session, int year, const std::string& tier, int64_t value,
                 wxString& outcome) {
    return save_through_service(session, "target", outcome, [&](const RuleSet& rules) {
        TitleService(*session.db, rules.tier_catalog())
            .set_target(session.actor, Target{year, tier, value});
        return wxString::Format(_("Target saved: %s, end of %d: %lld firms."),
                                tier_name(rules, tier), year, static_cast<long long>(value));
    });
}

// One multi-year target: the year it is due, the tier and the number of titles held then.
class TargetDialog : public wxDialog {
  public:
    TargetDialog(wxWindow* parent, Session& session)
        : wxDialog(parent, wxID_ANY, _("Edit multi-year target")), session_(session) {
        SetName("target-dialog");
        const int gap = FromDIP(8);
        auto* s = new wxBoxSizer(wxVERTICAL);
        s->Add(new wxStaticText(this, wxID_ANY,
                                _("The number of firms holding the title at the end of the "
                                  "year: progress is tracked against it, it is never a cap.")),
               wxSizerFlags().Border(wxALL, gap));
        auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Year:")), wxSizerFlags().CenterVertical());
        year_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxSP_ARROW_KEYS, 2000, 2100, std::max(session.year, 2028));
        grid->Add(year_);
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Tier:")), wxSizerFlags().CenterVertical());
        tier_ = tier_choice(this, session, tiers_);
        grid->Add(tier_, wxSizerFlags().Expand());
        grid->Add(new wxStaticText(this, wxID_ANY, _("T&arget:")), wxSizerFlags().CenterVertical());
        value_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                wxSP_ARROW_KEYS, 0, 10000000);
        grid->Add(value_);
        s->Add(grid, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
        error_ = new wxStaticText(this, wxID_ANY, wxString());
        error_->SetForegroundColour(wxColour(192, 0, 0));
        s->Add(error_, wxSizerFlags().Border(wxALL, gap));
        s->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
               wxSizerFlags().Expand().Border(wxALL, gap));
        SetSizerAndFit(s);
    }
    bool TransferDataFromWindow() override {
        int t = tier_->GetSelection();
        if (t < 0) return false;
        if (save_target(session_, year_->GetValue(), tiers_[static_cast<std::size_t>(t)],
                        value_->GetValue(), outcome))
            return true;
        error_->SetLabel(outcome);
        Layout();
        Fit();
        return false;
    }
    wxString outcome;

  private:
    Session& session_;
    wxSpinCtrl* year_;
    wxChoice* tier_;
    std::vector<std::string> tiers_;
    wxSpinCtrl* value_;
    wxStaticText* error_;
};

// A single-selection report list named `name`, its columns' widths (in DIP) remembered under
// `widths_key`; numbers are right-aligned.
struct ListColumn {
    wxString label;
    int width = 80;
    bool number = false;
};
wxListCtrl* report_list(wxWindow* parent, const char* name, const char* widths_key,
                        std::initializer_list<ListColumn> columns) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxLC_REPORT | wxLC_SINGLE_SEL);
    list->SetName(name);
    for (const ListColumn& c : columns)
        list->AppendColumn(c.label, c.number ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT,
                           parent->FromDIP(c.width));
    remember_column_widths(list, widths_key);
    return list;
}

struct TallyResult {
    std::vector<AnnualTallyRow> province, city;
    std::vector<TargetProgress> targets;
    std::string error;
    long ms = 0;
};

}  // namespace

QuotaPanel::QuotaPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("quotas");
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    auto* title =
        new wxStaticText(this, wxID_ANY, _("Added this year against the quota, per tier"));
    title->SetFont(title->GetFont().Bold().Larger());
    head->Add(title, wxSizerFlags(1).CenterVertical());
    edit_ = new wxButton(this, wxID_ANY, _("&Edit quotas..."));
    edit_->SetName("edit-quotas");
    head->Add(edit_, wxSizerFlags().Border(wxRIGHT));
    auto* refresh_button = new wxButton(this, wxID_REFRESH, _("&Refresh"));
    head->Add(refresh_button);
    s->Add(head, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    status_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    s->Add(status_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    // The year's bars, and beside them the multi-year targets (below them the page would
    // leave the city table no room on a 768-pixel screen).
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    chart_ = new QuotaChart(this, "quota-chart");
    top->Add(chart_, wxSizerFlags(3).Expand());
    auto* targets_column = new wxBoxSizer(wxVERTICAL);
    targets_column->Add(
        new wxStaticText(this, wxID_ANY, _("Multi-year targets, titles held today:")));
    edit_targets_ = new wxButton(this, wxID_ANY, _("Edit multi-year tar&gets..."));
    edit_targets_->SetName("edit-targets");
    targets_column->Add(edit_targets_, wxSizerFlags().Border(wxTOP | wxBOTTOM, FromDIP(4)));
    targets_ = report_list(this, "target-table", "quota-targets",
                           {{_("Year"), 50},
                            {_("Tier"), 120},
                            {_("Target (目标任务)"), 70, true},
                            {_("Held"), 60, true},
                            {_("Progress"), 60, true},
                            {_("Still to reach"), 70, true}});
    targets_column->Add(targets_, wxSizerFlags(1).Expand());
    top->Add(targets_column, wxSizerFlags(2).Expand().Border(wxLEFT, FromDIP(8)));
    s->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));

    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, _("By city, &tier:")),
             wxSizerFlags().CenterVertical());
    city_tier_ = new wxChoice(this, wxID_ANY);
    row->Add(city_tier_, wxSizerFlags().Border(wxLEFT));
    s->Add(row, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(8)));
    auto* cities = new wxBoxSizer(wxHORIZONTAL);
    cities_ = report_list(this, "city-table", "quota-cities",
                          {{_("City"), 90},
                           {_("Added"), 60, true},
                           {_("Held at start"), 80, true},
                           {_("Exited"), 60, true},
                           {_("Held at end"), 80, true},
                           {_("Pending"), 60, true},
                           {_("Candidates"), 70, true}});
    cities->Add(cities_, wxSizerFlags(3).Expand());
    auto* scroll = new wxScrolledWindow(this, wxID_ANY);
    scroll->SetScrollRate(0, FromDIP(10));
    city_chart_ = new QuotaChart(scroll, "city-chart");
    auto* ss = new wxBoxSizer(wxVERTICAL);
    ss->Add(city_chart_, wxSizerFlags().Expand());
    scroll->SetSizer(ss);
    cities->Add(scroll, wxSizerFlags(4).Expand().Border(wxLEFT));
    s->Add(cities, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));

    permissions_changed();
    SetSizer(s);

    refresh_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh(); });
    edit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_quota({}, {}, 0); });
    edit_targets_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_target(0, {}, 0); });
    city_tier_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_cities(); });
    chart_->on_activate = [this](std::size_t i) {
        if (i < province_.size())
            show_firms(province_[i].group, province_[i].tier, TallyMeasure::added);
    };
    city_chart_->on_activate = [this](std::size_t i) {
        int t = city_tier_->GetSelection();
        if (t < 0) return;
        std::size_t k = 0;
        for (const auto& r : city_)
            if (r.tier == tier_ids_[static_cast<std::size_t>(t)] && k++ == i)
                show_firms(r.group, r.tier, TallyMeasure::added);
    };
    cities_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        city_chart_->on_activate(static_cast<std::size_t>(e.GetIndex()));
    });
}

void QuotaPanel::permissions_changed() {
    // Only administrators change quotas; the service refuses anyone else in any case.
    enable_for(edit_, session_.actor, Operation::edit_quotas, true,
               _("Administrators set the annual quota of a tier for the province, a city, a "
                 "county or a chain."));
    enable_for(edit_targets_, session_.actor, Operation::edit_quotas, true,
               _("Administrators set the bureau's multi-year targets, such as the number of "
                 "high-tech firms to be held by 2028."));
}

void QuotaPanel::activated() {
    permissions_changed();
    if (loaded_year_ != session_.year && !loading_) refresh();
}

void QuotaPanel::year_changed() {
    if (IsShownOnScreen()) refresh();
}

void QuotaPanel::refresh() {
    const RuleSet* rules = session_.rules();
    if (!rules) {
        status_->SetLabel(_("No rule set applies to this year."));
        return;
    }
    loading_ = true;
    int year = session_.year;
    status_->SetLabel(_("Counting and evaluating every firm..."));
    session_.job_worker->submit([g = guard(this), rules, year](Database& db) mutable {
        TallyResult r;
        wxStopWatch watch;
        try {
            AnnualTally tally(db, *rules, year, true);
            r.province = tally.rows(TallyGrouping::province);
            r.city = tally.rows(TallyGrouping::city);
            r.targets = TitleService(db, rules->tier_catalog()).target_progress(Date::today());
        } catch (...) {
            r.error = error_text(std::current_exception());
        }
        r.ms = watch.Time();
        post(std::move(g), [r = std::move(r), year](QuotaPanel* p) {
            p->loading_ = false;
            if (!r.error.empty()) {
                p->status_->SetLabel(wx(r.error));
                return;
            }
            p->province_ = r.province;
            p->city_ = r.city;
            p->target_rows_.clear();
            for (const auto& t : r.targets) p->target_rows_.push_back({t.target, t.held});
            p->loaded_year_ = year;
            p->status_->SetLabel(
                wxString::Format(_("Assessment year %d. Dark: added; lighter: pending "
                                   "applications; lightest: eligible candidates; red line: "
                                   "quota. Click a bar for its firms."),
                                 year));
            p->show();
            trace(wxString::Format("quota-loaded %ldms", r.ms));
        });
    });
}

void QuotaPanel::show() {
    const RuleSet* rules = session_.rules();
    std::vector<QuotaBar> bars;
    for (const auto& r : province_) {
        const TierRules* t = rules ? rules->find_tier(r.tier) : nullptr;
        QuotaBar b;
        b.label = t ? wx(t->zh) : wx(r.tier);
        b.added = static_cast<long>(r.added);
        b.quota = r.quota ? static_cast<long>(*r.quota) : 0;
        b.pending = static_cast<long>(r.pending);
        b.candidates = static_cast<long>(r.candidates);
        b.detail =
            wxString::Format(_("held at start %zu, exited %zu, held at end %zu, pending %zu, "
                               "eligible candidates %zu"),
                             r.holders_start, r.exited, r.holders_end, r.pending, r.candidates);
        bars.push_back(b);
    }
    chart_->set_bars(std::move(bars));
    int sel = city_tier_->GetSelection();
    city_tier_->Clear();
    tier_ids_.clear();
    if (rules)
        for (const auto& t : rules->tiers) {
            city_tier_->Append(wx(t.zh));
            tier_ids_.push_back(t.id);
        }
    if (sel < 0) {
        auto it = std::find(tier_ids_.begin(), tier_ids_.end(), "specialized");
        sel = it == tier_ids_.end() ? 0 : static_cast<int>(it - tier_ids_.begin());
    }
    city_tier_->SetSelection(std::min(sel, static_cast<int>(city_tier_->GetCount()) - 1));
    show_cities();
    show_targets();
    Layout();
}

void QuotaPanel::show_targets() {
    const RuleSet* rules = session_.rules();
    targets_->DeleteAllItems();
    long i = 0;
    for (const auto& r : target_rows_) {
        const TierRules* t = rules ? rules->find_tier(r.target.tier) : nullptr;
        const auto held = static_cast<int64_t>(r.held);
        targets_->InsertItem(i, wxString::Format("%d", r.target.year));
        targets_->SetItem(i, 1, t ? wx(t->zh) : wx(r.target.tier));
        targets_->SetItem(i, 2, wxString::Format("%lld", static_cast<long long>(r.target.target)));
        targets_->SetItem(i, 3, wxString::Format("%zu", r.held));
        targets_->SetItem(i, 4,
                          r.target.target > 0
                              ? wxString::Format("%.1f%%", 100.0 * static_cast<double>(held) /
                                                               static_cast<double>(r.target.target))
                              : wxString());
        targets_->SetItem(i, 5,
                          wxString::Format("%lld", static_cast<long long>(std::max<int64_t>(
                                                       0, r.target.target - held))));
        ++i;
    }
}

void QuotaPanel::show_cities() {
    cities_->DeleteAllItems();
    int t = city_tier_->GetSelection();
    std::vector<QuotaBar> bars;
    if (t >= 0) {
        long i = 0;
        for (const auto& r : city_) {
            if (r.tier != tier_ids_[static_cast<std::size_t>(t)]) continue;
            wxString name = wx(tally_group_label(r.group, TallyGrouping::city));
            cities_->InsertItem(i, name);
            cities_->SetItem(i, 1, wxString::Format("%zu", r.added));
            cities_->SetItem(i, 2, wxString::Format("%zu", r.holders_start));
            cities_->SetItem(i, 3, wxString::Format("%zu", r.exited));
            cities_->SetItem(i, 4, wxString::Format("%zu", r.holders_end));
            cities_->SetItem(i, 5, wxString::Format("%zu", r.pending));
            cities_->SetItem(i, 6, wxString::Format("%zu", r.candidates));
            ++i;
            QuotaBar b;
            b.label = name;
            b.added = static_cast<long>(r.added);
            b.quota = r.quota ? static_cast<long>(*r.quota) : 0;
            b.pending = static_cast<long>(r.pending);
            b.candidates = static_cast<long>(r.candidates);
            b.detail = wxString::Format(_("held %zu, exited %zu"), r.holders_end, r.exited);
            bars.push_back(b);
        }
    }
    city_chart_->set_bars(std::move(bars));
    city_chart_->GetParent()->FitInside();
}

void QuotaPanel::show_firms(const std::string& group, const std::string& tier,
                            TallyMeasure measure) {
    const RuleSet* rules = session_.rules();
    if (!rules) return;
    int year = session_.year;
    wxBusyCursor busy;
    // The same counting as the tally: the tally service's firms of one bar.
    session_.job_worker->submit([g = guard(this), rules, year, group, tier,
                                 measure](Database& db) mutable {
        std::vector<std::pair<std::string, std::string>> firms;
        std::string error;
        try {
            firms = tally_bar_firms(db, *rules, year, group, tier, measure);
        } catch (...) {
            error = error_text(std::current_exception());
        }
        post(std::move(g), [firms = std::move(firms), error, group, tier, rules](QuotaPanel* p) {
            if (!error.empty()) {
                p->status_->SetLabel(wx(error));
                return;
            }
            const TierRules* t = rules->find_tier(tier);
            wxString title = wxString::Format(
                _("%s, %s: firms added this year"),
                wx(tally_group_label(
                    group, group.size() == 4 ? TallyGrouping::city : TallyGrouping::province)),
                t ? wx(t->zh) : wx(tier));
            trace(wxString::Format("bar-firms %zu", firms.size()));
            FirmsDialog dlg(p, p->session_, title, firms);
            dlg.ShowModal();
        });
    });
}

wxString QuotaPanel::set_quota(const std::string& group, const std::string& tier, int64_t value,
                               Prompter& prompter) {
    if (prompter.asks_for_input()) {
        QuotaDialog dlg(this, session_);
        if (dlg.ShowModal() != wxID_OK) return {};
        refresh();
        return dlg.outcome;
    }
    wxString outcome;
    save_quota(session_, group, tier, value, outcome);
    return outcome;
}

wxString QuotaPanel::set_target(int year, const std::string& tier, int64_t value,
                                Prompter& prompter) {
    wxString outcome;
    if (prompter.asks_for_input()) {
        TargetDialog dlg(this, session_);
        if (dlg.ShowModal() != wxID_OK) return {};
        outcome = dlg.outcome;
    } else if (!save_target(session_, year, tier, value, outcome)) {
        return outcome;
    }
    refresh();
    return outcome;
}

wxString QuotaPanel::describe() const {
    wxString s;
    for (const auto& b : chart_->bars())
        s += wxString::Format("%s added=%ld quota=%ld pending=%ld\n", b.label, b.added, b.quota,
                              b.pending);
    for (long i = 0; i < targets_->GetItemCount(); ++i)
        s += wxString::Format("target %s %s target=%s held=%s\n", targets_->GetItemText(i, 0),
                              targets_->GetItemText(i, 1), targets_->GetItemText(i, 2),
                              targets_->GetItemText(i, 3));
    return s;
}

}  // namespace ladder::gui
