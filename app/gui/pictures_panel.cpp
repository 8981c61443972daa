#include "pictures_panel.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stopwatch.h>
#include <wx/utils.h>

#include "figure_view.hpp"
#include "firms_dialog.hpp"
#include "report/render.hpp"
#include "services/tally_service.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {

struct Pictures {
    std::vector<std::string> tier_ids;
    std::vector<MapFigure> maps;
    std::vector<LineChart> trends;
    std::vector<FlowDiagram> flows;
    std::shared_ptr<const AnnualReportInput> input;
    std::string error;
    long ms = 0;
};

}  // namespace

PicturesPanel::PicturesPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("pictures");
    const int gap = FromDIP(8);
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Pictures of the year: where and how"));
    title->SetFont(title->GetFont().Bold().Larger());
    head->Add(title, wxSizerFlags(1).CenterVertical());
    head->Add(new wxStaticText(this, wxID_ANY, _("Map of &tier:")),
              wxSizerFlags().CenterVertical().Border(wxRIGHT, gap));
    tier_ = new wxChoice(this, wxID_ANY);
    tier_->SetName("map-tier");
    head->Add(tier_);
    province_ = new wxButton(this, wxID_ANY, _("Whole &province"));
    province_->SetName("whole-province");
    province_->Disable();
    head->Add(province_, wxSizerFlags().Border(wxLEFT, gap));
    head->Add(new wxStaticText(this, wxID_ANY, _("&Flow:")),
              wxSizerFlags().CenterVertical().Border(wxLEFT | wxRIGHT, gap));
    flow_span_ = new wxChoice(this, wxID_ANY);
    flow_span_->SetName("flow-span");
    head->Add(flow_span_);
    s->Add(head, wxSizerFlags().Expand().Border(wxALL, gap));
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    status_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    s->Add(status_, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
    auto* grid = new wxGridSizer(2, 2, gap, gap);
    map_ = new FigureView(this, "map-figure");
    flow_ = new FigureView(this, "flow-figure");
    holders_ = new FigureView(this, "holders-figure");
    added_ = new FigureView(this, "added-figure");
    for (FigureView* v : {map_, flow_, holders_, added_}) grid->Add(v, wxSizerFlags().Expand());
    s->Add(grid, wxSizerFlags(1).Expand().Border(wxALL, gap));
    SetSizer(s);

    tier_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_map(); });
    flow_span_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_flow(); });
    province_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { drill_down({}); });
    // A city drills down to its counties; a county lists the firms it added.
    map_->on_click = [this](double x, double y) {
        auto shape = map_shape_at(shown_map_, map_->image(), x, y);
        if (!shape) return;
        const std::string code = shown_map_.shapes[*shape].code;
        if (city_.empty())
            drill_down(code);
        else
            show_city(code);
    };
}

void PicturesPanel::activated() {
    if (loaded_year_ != session_.year && !loading_) refresh();
}

void PicturesPanel::year_changed() {
    if (IsShownOnScreen()) refresh();
}

void PicturesPanel::refresh() {
    const RuleSet* rules = session_.rules();
    if (!rules) {
        status_->SetLabel(_("No rule set applies to this year."));
        return;
    }
    loading_ = true;
    const int year = session_.year;
    status_->SetLabel(_("Counting and evaluating every firm..."));
    session_.job_worker->submit([g = guard(this), rules, year](Database& db) mutable {
        Pictures p;
        wxStopWatch watch;
        try {
            // The annual report's figures, from the same tally (the projection reads the
            // registry, which the trend and the flow need).
            AnnualTally tally(db, *rules, year, true);
            auto input = std::make_shared<AnnualReportInput>(tally.report_input());
            Report report = build_annual_report(*input);
            p.trends = std::move(report.trends);
            p.flows = std::move(report.flows);
            if (!input->city_shapes.empty())
                for (const auto& t : rules->tiers) {
                    p.tier_ids.push_back(t.id);
                    p.maps.push_back(city_map(*input, t.id));
                }
            p.input = std::move(input);
        } catch (...) {
            p.error = error_text(std::current_exception());
        }
        p.ms = watch.Time();
        post(std::move(g), [p = std::move(p), year, rules](PicturesPanel* panel) mutable {
            panel->loading_ = false;
            if (!p.error.empty()) {
                panel->status_->SetLabel(wx(p.error));
                return;
            }
            panel->loaded_year_ = year;
            panel->tier_ids_ = std::move(p.tier_ids);
            panel->maps_ = std::move(p.maps);
            panel->trends_ = std::move(p.trends);
            panel->flows_ = std::move(p.flows);
            panel->input_ = std::move(p.input);
            int selected = panel->tier_->GetSelection();
            panel->tier_->Clear();
            for (const auto& id : panel->tier_ids_) {
                const TierRules* t = rules->find_tier(id);
                panel->tier_->Append(t ? wx(t->zh) : wx(id));
            }
            if (!panel->tier_ids_.empty())
                panel->tier_->SetSelection(
                    selected >= 0 && selected < static_cast<int>(panel->tier_ids_.size()) ? selected
                                                                                          : 0);
            panel->status_->SetLabel(wxString::Format(
                _("Assessment year %d. Click a city on the map for its counties, a county for "
                  "the firms it added."),
                year));
            panel->show_map();
            auto chart = [&](std::size_t i) -> std::function<FigureImage(int, int)> {
                if (i >= panel->trends_.size()) return nullptr;
                return [c = panel->trends_[i]](int w, int h) { return render_figure(c, w, h); };
            };
            panel->holders_->set_renderer(chart(0));
            panel->added_->set_renderer(chart(1));
            panel->flow_span_->Clear();
            for (const auto& f : panel->flows_) panel->flow_span_->Append(wx(f.title));
            if (!panel->flows_.empty()) panel->flow_span_->SetSelection(0);
            panel->show_flow();
            trace(wxString::Format("pictures-loaded %ldms", p.ms));
        });
    });
}

void PicturesPanel::show_map() {
    int t = tier_->GetSelection();
    if (t < 0 || static_cast<std::size_t>(t) >= maps_.size()) {
        shown_map_ = {};
        map_->set_renderer(nullptr);
        return;
    }
    shown_map_ = city_.empty() || !input_
                     ? maps_[static_cast<std::size_t>(t)]
                     : county_map(*input_, city_, tier_ids_[static_cast<std::size_t>(t)]);
    province_->Enable(!city_.empty());
    map_->set_renderer([m = shown_map_](int w, int h) { return render_figure(m, w, h); });
    trace("map-shown " + wx(shown_map_.title));
}

void PicturesPanel::drill_down(const std::string& city) {
    city_ = city;
    show_map();
}

void PicturesPanel::show_flow() {
    int f = flow_span_->GetSelection();
    if (f < 0 || static_cast<std::size_t>(f) >= flows_.size()) {
        flow_->set_renderer(nullptr);
        return;
    }
    flow_->set_renderer(
        [d = flows_[static_cast<std::size_t>(f)]](int w, int h) { return render_figure(d, w, h); });
}

void PicturesPanel::show_city(const std::string& city) {
    const RuleSet* rules = session_.rules();
    int t = tier_->GetSelection();
    if (!rules || t < 0 || static_cast<std::size_t>(t) >= tier_ids_.size()) return;
    const std::string tier = tier_ids_[static_cast<std::size_t>(t)];
    const int year = session_.year;
    wxBusyCursor busy;
    session_.job_worker->submit([g = guard(this), rules, year, city, tier](Database& db) mutable {
        std::vector<std::pair<std::string, std::string>> firms;
        std::string error;
        try {
            firms = tally_bar_firms(db, *rules, year, city, tier, TallyMeasure::added);
        } catch (...) {
            error = error_text(std::current_exception());
        }
        post(std::move(g), [firms = std::move(firms), error, city, tier, rules](PicturesPanel* p) {
            if (!error.empty()) {
                p->status_->SetLabel(wx(error));
                return;
            }
            const TierRules* t = rules->find_tier(tier);
            wxString title = wxString::Format(_("%s, %s: firms added this year"),
                                              wx(tally_group_label(city, TallyGrouping::city)),
                                              t ? wx(t->zh) : wx(tier));
            p->last_city_ = wxString::Format("%s %s firms=%zu", wx(city), t ? wx(t->zh) : wx(tier),
                                             firms.size());
            trace("city-firms " + p->last_city_);
            FirmsDialog dlg(p, p->session_, title, firms);
            dlg.ShowModal();
        });
    });
}

wxString PicturesPanel::describe() const {
    wxString s;
    if (!shown_map_.shapes.empty()) {
        const MapFigure& m = shown_map_;
        s += wxString::Format("map %s places=%zu\n", wx(m.title), m.shapes.size());
        for (std::size_t i = 0; i < m.shapes.size(); ++i)
            s += wxString::Format("  %s %s\n", wx(m.shapes[i].name),
                                  i < m.labels.size() ? wx(m.labels[i]) : wxString());
    }
    for (const auto& c : trends_)
        s += wxString::Format("trend %s series=%zu years=%zu\n", wx(c.title), c.series.size(),
                              c.categories.size());
    for (const auto& f : flows_) {
        s += wxString::Format("flow %s links=%zu", wx(f.title), f.links.size());
        for (const auto& [label, n] : f.summary) s += wxString::Format(" %s=%zu", wx(label), n);
        s += "\n";
    }
    if (!last_city_.empty()) s += "city " + last_city_ + "\n";
    return s;
}

}  // namespace ladder::gui
