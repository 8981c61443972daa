#include "journey_view.hpp"

#include <algorithm>

#include <wx/dcbuffer.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "labels.hpp"
#include "text.hpp"

namespace ladder::gui {

namespace {
const wxColour kHeld(38, 110, 200), kExpired(175, 175, 175), kNotYet(150, 190, 235);
const wxColour kReview(230, 140, 20);

wxString status_text(JourneyStep::Status s) {
    switch (s) {
        case JourneyStep::Status::held:
            return _("held");
        case JourneyStep::Status::expired:
            return _("expired");
        case JourneyStep::Status::not_yet_valid:
            return _("not yet valid");
    }
    return {};
}

wxString validity_text(const JourneyStep& s) {
    return wxString::Format(_("valid %s to %s"), wx(s.valid_from.to_string()),
                            s.valid_to ? wx(s.valid_to->to_string()) : _("open-ended"));
}
}  // namespace

JourneyTimeline::JourneyTimeline(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE) {
    SetName("journey-timeline");
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &JourneyTimeline::paint, this);
}

int JourneyTimeline::row_height() const {
    return GetCharHeight() * 2 + FromDIP(12);
}

void JourneyTimeline::set_steps(std::vector<JourneyStep> steps, const TierCatalog& catalog,
                                const Date& today) {
    steps_ = std::move(steps);
    today_ = today;
    rows_.clear();
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        auto it = std::find_if(rows_.begin(), rows_.end(), [&](const Row& r) {
            return steps_[r.steps.front()].tier == steps_[i].tier;
        });
        if (it == rows_.end()) {
            const TierInfo* t = catalog.find(steps_[i].tier);
            rows_.push_back({t ? wx(t->zh) : wx(steps_[i].tier), {}});
            it = rows_.end() - 1;
        }
        it->steps.push_back(i);
    }
    SetMinSize(
        wxSize(-1, GetCharHeight() * 2 + FromDIP(16) +
                       static_cast<int>(std::max<std::size_t>(rows_.size(), 1)) * row_height()));
    GetParent()->Layout();
    Refresh();
}

void JourneyTimeline::paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
    dc.Clear();
    dc.SetFont(GetFont());
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    const wxColour grey = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
    const wxSize size = GetClientSize();
    const int pad = FromDIP(8), label_w = FromDIP(170);
    if (steps_.empty()) {
        dc.SetTextForeground(grey);
        dc.DrawText(_("No title recorded yet."), pad, pad);
        return;
    }
    // The axis: from the first title's year to a year past today (or the last end date, at most
    // five years ahead), whole years.
    int first = today_.year(), last = today_.year() + 1;
    for (const auto& s : steps_) {
        first = std::min(first, s.valid_from.year());
        if (s.valid_to) last = std::max(last, std::min(s.valid_to->year() + 1, today_.year() + 5));
    }
    const int x0 = label_w, x1 = std::max(x0 + FromDIP(100), size.x - pad);
    auto x_of = [&](const Date& d) {
        double years = d.year() - first + (d.month() - 1) / 12.0 + (d.day() - 1) / 365.0;
        return x0 + static_cast<int>(years * (x1 - x0) / (last - first + 1));
    };
    const int axis_y = pad + GetCharHeight();
    dc.SetPen(wxPen(grey));
    dc.DrawLine(x0, axis_y, x1, axis_y);
    dc.SetTextForeground(grey);
    for (int y = first; y <= last; ++y) {
        int x = x_of(Date(y, 1, 1));
        dc.DrawLine(x, axis_y - FromDIP(3), x, axis_y + FromDIP(3));
        dc.DrawText(wxString::Format("%d", y), x + FromDIP(2), pad - FromDIP(4));
    }
    // Today, across every row.
    const int body_top = axis_y + FromDIP(8);
    const int body_bottom = body_top + static_cast<int>(rows_.size()) * row_height();
    dc.SetPen(wxPen(grey, 1, wxPENSTYLE_SHORT_DASH));
    dc.DrawLine(x_of(today_), axis_y, x_of(today_), body_bottom);
    const int bh = GetCharHeight();
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        const int y = body_top + static_cast<int>(r) * row_height();
        dc.SetTextForeground(text);
        dc.DrawLabel(rows_[r].name, wxRect(pad, y, label_w - 2 * pad, bh), wxALIGN_LEFT);
        for (std::size_t index : rows_[r].steps) {
            const JourneyStep& s = steps_[index];
            const int from = x_of(s.valid_from);
            const int to = s.valid_to ? x_of(s.valid_to->add_days(1)) : x1;
            const wxColour& fill = s.status == JourneyStep::Status::held      ? kHeld
                                   : s.status == JourneyStep::Status::expired ? kExpired
                                                                              : kNotYet;
            dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
            dc.SetBrush(wxBrush(fill));
            dc.DrawRectangle(from, y, std::max(2, to - from), bh);
            if (s.review_due && s.status != JourneyStep::Status::expired) {
                dc.SetPen(wxPen(kReview, FromDIP(2)));
                int x = x_of(*s.review_due);
                dc.DrawLine(x, y - FromDIP(2), x, y + bh + FromDIP(2));
            }
        }
        // Under the row: the first grant and the latest title's validity and status.
        const JourneyStep& first_title = steps_[rows_[r].steps.front()];
        const JourneyStep& latest = steps_[rows_[r].steps.back()];
        wxString detail = validity_text(latest) + "  " + status_text(latest.status);
        if (rows_[r].steps.size() > 1)
            detail =
                wxString::Format(_("first granted %s, %zu titles; latest "),
                                 wx(first_title.approved_on.to_string()), rows_[r].steps.size()) +
                detail;
        if (latest.review_due && latest.status != JourneyStep::Status::expired)
            detail += "  " + wxString::Format(_("re-review in %d"), latest.review_due->year());
        dc.SetTextForeground(grey);
        const int from = x_of(first_title.valid_from);
        dc.DrawText(detail, std::max(x0, std::min(from, x1 - dc.GetTextExtent(detail).x)),
                    y + bh + FromDIP(2));
    }
}

JourneyView::JourneyView(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetName("journey");
    auto* s = new wxBoxSizer(wxVERTICAL);
    timeline_ = new JourneyTimeline(this);
    s->Add(timeline_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    next_ = new wxStaticText(this, wxID_ANY, wxString());
    next_->SetName("journey-next");
    s->Add(next_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    auto* key = new wxStaticText(
        this, wxID_ANY,
        _("Blue: held; grey: expired; light blue: not yet valid; orange: the year of re-review; "
          "dashed: today."));
    key->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    s->Add(key, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(s);
}

void JourneyView::show(const FirmRecord& firm, const RuleSet* rules, int assessment_year,
                       const Date& today) {
    const TierCatalog catalog = rules ? rules->tier_catalog() : TierCatalog::builtin();
    std::vector<JourneyStep> steps = firm_journey(firm, catalog, today);
    auto tier_name = [&](const std::string& id) {
        const TierInfo* t = catalog.find(id);
        return t ? wx(t->zh) : wx(id);
    };
    text_.clear();
    for (const auto& s : steps)
        text_ += wxString::Format("%s %s %s\n", tier_name(s.tier), validity_text(s),
                                  status_text(s.status));
    wxString next;
    if (rules) {
        auto reports = evaluate_all(*rules, firm, assessment_year, Detail::verdicts);
        if (auto n = nearest_next_tier(reports, steps)) {
            wxString lacking;
            for (const auto* ids : {&n->failed, &n->missing})
                for (const auto& id : *ids) {
                    const Criterion* c = rules->find_criterion(id);
                    if (!lacking.empty()) lacking += _("; ");
                    lacking += c ? wx(c->zh) : wx(id);
                }
            next =
                n->verdict == TierVerdict::eligible
                    ? wxString::Format(_("Next tier: %s, eligible in %d."), tier_name(n->tier),
                                       assessment_year)
                    : wxString::Format(_("Next tier: %s (%s in %d); lacks: %s"), tier_name(n->tier),
                                       verdict_text(n->verdict), assessment_year, lacking);
        } else {
            next = _("The firm holds every tier.");
        }
    }
    next_->SetLabel(next);
    text_ += next + "\n";
    timeline_->set_steps(std::move(steps), catalog, today);
    Layout();
}

}  // namespace ladder::gui
