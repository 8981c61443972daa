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

namespace {
const wxColour kErrorBackground(255, 220, 220);
const wxColour kPass(0, 128, 0), kFail(192, 0, 0), kMissing(160, 110, 0);
}  // namespace

FirmDialog::FirmDialog(wxWindow* parent, Session& session, const std::string& credit_code)
    : wxDialog(parent, wxID_ANY, _("Firm"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      session_(session) {
    SetName("firm-dialog");
    load(credit_code);

    auto* top = new wxBoxSizer(wxVERTICAL);
    // The 31 May annual update (title updates): a holder without last year's figures.
    wxString update_warning = annual_update_warning();
    if (!update_warning.empty()) {
        auto* warning = new wxStaticText(this, wxID_ANY, update_warning);
        warning->SetName("annual-update-warning");
        warning->SetForegroundColour(kFail);
        top->Add(warning, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(8)));
    }
    book_ = new wxNotebook(this, wxID_ANY);
    book_->AddPage(build_fields(book_), _("Firm"));
    book_->AddPage(build_figures(book_), _("Figures by year"));
    book_->AddPage(build_recognitions(book_), _("Recognitions"));
    book_->AddPage(build_eligibility(book_), _("Eligibility"));
    journey_ = new JourneyView(book_);
    book_->AddPage(journey_, _("Journey"));
    // Last, so that the pages before keep their numbers (firm-page N in the self-tests).
    book_->AddPage(build_negative_list(book_), _("Negative list"));
    top->Add(book_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    submit_ = new wxButton(this, wxID_ANY, _("&Submit application..."));
    submit_->SetName("submit");
    enable_for(submit_, session_.actor, Operation::submit_application);
    buttons->Add(submit_);
    buttons->AddStretchSpacer();
    auto* save_button = new wxButton(this, wxID_SAVE, _("&Save"));
    save_button->SetName("save");
    enable_for(save_button, session_.actor, Operation::edit_registry);
    buttons->Add(save_button, wxSizerFlags().Border(wxLEFT));
    buttons->Add(new wxButton(this, wxID_CLOSE, _("&Close")), wxSizerFlags().Border(wxLEFT));
    top->Add(buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(top);
    SetEscapeId(wxID_CLOSE);
    SetAffirmativeId(wxID_SAVE);

    save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_edits(); });
    submit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { submit_application(); });
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);

    // The pages scroll; the buttons below them stay in view on a small screen.
    book_->SetMinSize(FromDIP(wxSize(560, 300)));
    SetMinSize(GetBestSize());
    fit_to_display(this, wxSize(980, 680), parent);
    wxPersistentRegisterAndRestore(this, "FirmDialog");
    // A size remembered from a larger screen is fitted to this one.
    fit_to_display(this, ToDIP(GetSize()), parent);
    TransferDataToWindow();
    refresh_eligibility();
    refresh_journey();
}

wxString FirmDialog::annual_update_warning() const {
    const Date today = Date::today();
    const RuleSet* rules = session_.rules();
    TierCatalog catalog = rules ? rules->tier_catalog() : TierCatalog::builtin();
    if (titles_missing_update(record_, catalog, today).empty()) return {};
    return wxString::Format(
        _("Holds a title but has no figures for %d: the annual update is due on %s."),
        today.year() - 1, wx(Date(today.year(), 5, 31).to_string()));
}

void FirmDialog::refresh_journey() {
    journey_->show(record_, session_.rules(), session_.year, Date::today());
}

wxString FirmDialog::journey_text() const {
    return journey_->text();
}

void FirmDialog::load(std::string credit_code) {
    RegistryService service(*session_.db);
    record_ = FirmRecord();
    figures_versions_.clear();
    years_.clear();
    if (auto f = service.firm(credit_code)) {
        record_.firm = f->record;
        firm_version_ = f->version;
    }
    record_.firm.credit_code = credit_code;
    for (auto& y : service.figures(credit_code)) {
        figures_versions_[y.record.year] = y.version;
        record_.figures.push_back(std::move(y.record));
    }
    record_.recognitions = RegistryService(*session_.db).recognitions(credit_code);
    record_.negative_checks = NegativeListService(*session_.db).of_firm(credit_code);
    control_ = service.control_index();
    control_.attach(record_);
    for (const auto& y : record_.figures) years_.push_back(y.year);
    saved_ = record_;
    SetTitle(wx(record_.firm.name) + " - " + wx(credit_code));
}

wxWindow* FirmDialog::build_fields(wxNotebook* book) {
    // Scrolled: the firm has more fields than a laptop screen is high.
    auto* panel = new wxScrolledWindow(book);
    panel->SetScrollRate(0, FromDIP(10));
    panel->SetMinSize(FromDIP(wxSize(400, 200)));
    auto* grid = new wxFlexGridSizer(3, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1, 1);
    for (const auto& c : columns_of(RecordKind::firms)) {
        std::string id(c.id);
        grid->Add(new wxStaticText(panel, wxID_ANY, wx(c.zh) + ":"),
                  wxSizerFlags().CenterVertical());
        auto* text = new wxTextCtrl(panel, wxID_ANY);
        text->SetName(wx(id));
        if (id == "credit_code") text->SetEditable(false);
        grid->Add(text, wxSizerFlags().Expand());
        auto* err = new wxStaticText(panel, wxID_ANY, wxString());
        err->SetForegroundColour(kFail);
        grid->Add(err, wxSizerFlags().CenterVertical());
        fields_[id] = text;
        field_errors_[id] = err;
    }
    auto* hint = new wxStaticText(panel, wxID_ANY,
                                  _("Dates as year-month-day (2020-03-02); yes/no fields take yes "
                                    "or no (是 or 否); empty means unknown."));
    hint->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(grid, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    s->Add(hint, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    panel->SetSizer(s);
    return panel;
}

wxWindow* FirmDialog::build_figures(wxNotebook* book) {
    auto* panel = new wxPanel(book);
    auto* s = new wxBoxSizer(wxVERTICAL);
    grid_ = new wxGrid(panel, wxID_ANY);
    grid_->SetName("figures-grid");
    grid_->CreateGrid(static_cast<int>(kMeasureCount), 0);
    grid_->SetRowLabelSize(FromDIP(170));
    grid_->SetDefaultCellAlignment(wxALIGN_RIGHT, wxALIGN_CENTER);
    for (std::size_t i = 0; i < kMeasureCount; ++i)
        grid_->SetRowLabelValue(static_cast<int>(i), wx(kMeasures[i].zh));
    grid_->SetRowLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTER);
    s->Add(grid_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    grid_errors_ = new wxStaticText(panel, wxID_ANY, wxString());
    grid_errors_->SetForegroundColour(kFail);
    s->Add(grid_errors_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    auto* add = new wxButton(panel, wxID_ANY, _("&Add year..."));
    add->SetName("add-year");
    enable_for(add, session_.actor, Operation::edit_registry);
    s->Add(add, wxSizerFlags().Border(wxALL, FromDIP(8)));
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_year(); });
    // Each edited cell is checked at once with the import rules of its year's row.
    grid_->Bind(wxEVT_GRID_CELL_CHANGED, [this](wxGridEvent& e) {
        validate(nullptr);
        e.Skip();
    });
    panel->SetSizer(s);
    return panel;
}

wxWindow* FirmDialog::build_eligibility(wxNotebook* book) {
    auto* panel = new wxPanel(book);
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(panel, wxID_ANY, _("&Tier:")), wxSizerFlags().CenterVertical());
    tier_ = new wxChoice(panel, wxID_ANY);
    tier_->SetName("tier");
    if (const RuleSet* rules = session_.rules())
        for (const auto& t : rules->tiers) {
            tier_->Append(wx(t.zh));
            tier_ids_.push_back(t.id);
        }
    // The tier most people ask about first: 专精特新.
    auto it = std::find(tier_ids_.begin(), tier_ids_.end(), "specialized");
    tier_->SetSelection(it == tier_ids_.end() ? 0 : static_cast<int>(it - tier_ids_.begin()));
    row->Add(tier_, wxSizerFlags().CenterVertical().Border(wxLEFT));
    verdict_ = new wxStaticText(panel, wxID_ANY, wxString());
    verdict_->SetName("verdict");
    verdict_->SetFont(verdict_->GetFont().Bold());
    row->Add(verdict_, wxSizerFlags(1).CenterVertical().Border(wxLEFT, FromDIP(16)));
    s->Add(row, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    criteria_ = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    criteria_->SetName("criteria");
    criteria_->AppendColumn(wxString(), wxLIST_FORMAT_CENTER, FromDIP(36));
    criteria_->AppendColumn(_("Criterion"), wxLIST_FORMAT_LEFT, FromDIP(190));
    criteria_->AppendColumn(_("Rule"), wxLIST_FORMAT_LEFT, FromDIP(260));
    criteria_->AppendColumn(_("Actual"), wxLIST_FORMAT_LEFT, FromDIP(250));
    criteria_->AppendColumn(_("Threshold"), wxLIST_FORMAT_LEFT, FromDIP(170));
    criteria_->AppendColumn(_("Gap / reason"), wxLIST_FORMAT_LEFT, FromDIP(230));
    remember_column_widths(criteria_, "firm-criteria");
    s->Add(criteria_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    auto* legend = new wxStaticText(panel, wxID_ANY,
                                    _("\u2713 met   \u2717 not met   ? figure missing   * assumed "
                                      "threshold (official value not found)"));
    legend->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    s->Add(legend, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    tier_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh_eligibility(); });
    panel->SetSizer(s);
    return panel;
}

namespace {
// A stored cell as a Chinese clerk reads it: 有色金属 for the chain id, 是/否 for yes/no. The
// import rules the fields are checked with take these names back, so editing keeps working.
std::string shown_cell(std::string_view column, const std::string& cell) {
    if (!ui_is_chinese()) return cell;
    if (column == "chain") return names::chain(cell);
    if (cell == "yes" || cell == "no") return names::yes_no(std::string_view(cell));
    return cell;
}
}  // namespace

bool FirmDialog::TransferDataToWindow() {
    auto cells = to_cells(record_.firm);
    const auto& cols = columns_of(RecordKind::firms);
    for (std::size_t i = 0; i < cols.size() && i < cells.size(); ++i)
        fields_[std::string(cols[i].id)]->ChangeValue(wx(shown_cell(cols[i].id, cells[i])));
    if (grid_->GetNumberCols() > 0) grid_->DeleteCols(0, grid_->GetNumberCols());
    grid_->AppendCols(static_cast<int>(years_.size()));
    for (std::size_t c = 0; c < years_.size(); ++c) {
        grid_->SetColLabelValue(static_cast<int>(c), wxString::Format("%d", years_[c]));
        grid_->SetColSize(static_cast<int>(c), FromDIP(110));
        const YearFigures* y = record_.figures_for(years_[c]);
        if (!y) continue;
        auto fc = to_cells(*y);
        for (std::size_t m = 0; m < kMeasureCount; ++m)
            grid_->SetCellValue(static_cast<int>(m), static_cast<int>(c),
                                wx(shown_cell("", fc[2 + m])));
    }
    return true;
}

bool FirmDialog::TransferDataFromWindow() {
    return validate(&record_);
}

bool FirmDialog::validate(FirmRecord* out) {
    ValidationContext ctx;
    ctx.regions = session_.regions;
    ctx.firm_exists = [](const std::string&) { return true; };
    // The firm's fields, checked as one import row.
    std::vector<std::string> cells;
    for (const auto& c : columns_of(RecordKind::firms))
        cells.push_back(utf8(fields_[std::string(c.id)]->GetValue()));
    auto vf = validate_firm_cells(std::move(cells), ctx, utf8(_("firm")));
    for (auto& [id, label] : field_errors_) {
        label->SetLabel(wxString());
        fields_[id]->SetBackgroundColour(wxNullColour);
    }
    for (const auto& e : vf.errors) {
        if (auto it = field_errors_.find(e.column); it != field_errors_.end()) {
            it->second->SetLabel(wx(e.reason));
            fields_[e.column]->SetBackgroundColour(kErrorBackground);
        }
    }
    // Each year column of the grid, checked as one import row.
    for (int r = 0; r < grid_->GetNumberRows(); ++r)
        for (int c = 0; c < grid_->GetNumberCols(); ++c)
            grid_->SetCellBackgroundColour(r, c, *wxWHITE);
    wxString grid_text;
    std::vector<YearFigures> years;
    bool figures_ok = true;
    for (std::size_t c = 0; c < years_.size(); ++c) {
        std::vector<std::string> row{record_.firm.credit_code, std::to_string(years_[c])};
        for (std::size_t m = 0; m < kMeasureCount; ++m)
            row.push_back(utf8(grid_->GetCellValue(static_cast<int>(m), static_cast<int>(c))));
        auto vy = validate_figures_cells(std::move(row), ctx, utf8(_("figures")));
        figures_ok = figures_ok && vy.errors.empty();
        for (auto& y : vy.records) years.push_back(std::move(y));
        for (const auto& e : vy.errors) {
            if (auto m = find_measure(e.column)) {
                grid_->SetCellBackgroundColour(static_cast<int>(index_of(*m)), static_cast<int>(c),
                                               kErrorBackground);
                grid_text += wxString::Format("%d %s: %s\n", years_[c], wx(measure_info(*m).zh),
                                              wx(e.reason));
            } else {
                grid_text += wx(e.reason) + "\n";
            }
        }
    }
    grid_errors_->SetLabel(grid_text);
    grid_->ForceRefresh();
    Refresh();
    Layout();
    bool ok = vf.errors.empty() && figures_ok;
    if (ok && out) {
        out->firm = vf.records.at(0);
        out->figures = std::move(years);
        std::sort(out->figures.begin(), out->figures.end(),
                  [](const YearFigures& a, const YearFigures& b) { return a.year < b.year; });
    }
    return ok;
}

void FirmDialog::add_year() {
    long year =
        wxGetNumberFromUser(_("Fiscal year of the new figures column:"), _("Year"), _("Add year"),
                            session_.year - 1, 1990, Date::today().year(), this);
    if (year < 0 || std::find(years_.begin(), years_.end(), static_cast<int>(year)) != years_.end())
        return;
    if (!validate(&record_)) return;
    years_.push_back(static_cast<int>(year));
    std::sort(years_.begin(), years_.end());
    TransferDataToWindow();
}

void FirmDialog::refresh_eligibility() {
    criteria_->DeleteAllItems();
    const RuleSet* rules = session_.rules();
    int sel = tier_->GetSelection();
    if (!rules || sel < 0) {
        verdict_->SetLabel(_("No rule set applies to this year."));
        return;
    }
    FirmRecord edited = record_;
    validate(&edited);        // what-if: unsaved but valid edits count
    control_.attach(edited);  // an edited shareholder or group changes who shares control
    EligibilityReport report =
        evaluate(*rules, edited, session_.year, tier_ids_[static_cast<std::size_t>(sel)]);
    wxString verdict;
    switch (report.verdict) {
        case TierVerdict::eligible:
            verdict = _("Eligible");
            break;
        case TierVerdict::ineligible:
            verdict =
                wxString::Format(_("Not eligible: %zu criteria not met"), report.failed().size());
            break;
        case TierVerdict::incomplete:
            verdict = wxString::Format(_("Incomplete: %zu criteria lack figures"),
                                       report.missing().size());
            break;
    }
    verdict_->SetLabel(wxString::Format(_("Assessment year %d: "), session_.year) + verdict);
    verdict_->SetForegroundColour(report.verdict == TierVerdict::eligible     ? kPass
                                  : report.verdict == TierVerdict::ineligible ? kFail
                                                                              : kMissing);
    bool english = session_.english;
    long i = 0;
    for (const auto& c : report.criteria) {
        wxString mark = c.verdict == Verdict::pass   ? wxString::FromUTF8("\u2713")
                        : c.verdict == Verdict::fail ? wxString::FromUTF8("\u2717")
                                                     : wxString("?");
        wxString label = c.criterion ? wx(english ? c.criterion->en : c.criterion->zh) : wx(c.id);
        if (c.assumed) label += " *";
        criteria_->InsertItem(i, mark);
        criteria_->SetItem(i, 1, label);
        // The rule in words beside the figures it was judged on (the rules page's sentence).
        criteria_->SetItem(
            i, 2, c.criterion ? wx(names::rule_sentence(*rules, *c.criterion, session_.year)) : "");
        criteria_->SetItem(i, 3, wx(c.actual));
        criteria_->SetItem(i, 4, wx(c.threshold));
        wxString gap = wx(c.gap);
        if (!c.reason.empty()) gap += (gap.empty() ? "" : "; ") + wx(c.reason);
        if (c.verdict == Verdict::missing) {
            wxString need;
            for (const auto& m : c.missing)
                need += (need.empty() ? "" : _(", ")) + wx(names::missing_input(m));
            gap = wxString::Format(_("missing: %s"), need);
        }
        if (c.assumed && !c.note.empty())
            gap += (gap.empty() ? "" : "  ") + wxString::FromUTF8("（") + wx(c.note) +
                   wxString::FromUTF8("）");
        criteria_->SetItem(i, 5, gap);
        criteria_->SetItemTextColour(i, c.verdict == Verdict::pass   ? kPass
                                        : c.verdict == Verdict::fail ? kFail
                                                                     : kMissing);
        ++i;
    }
    submit_->Enable(true);
}

wxString FirmDialog::eligibility_text() const {
    wxString s = verdict_->GetLabel() + "\n";
    for (long i = 0; i < criteria_->GetItemCount(); ++i) {
        for (int c = 0; c < criteria_->GetColumnCount(); ++c)
            s += criteria_->GetItemText(i, c) + " | ";
        s += "\n";
    }
    return s;
}

void FirmDialog::show_tier(const std::string& tier) {
    auto it = std::find(tier_ids_.begin(), tier_ids_.end(), tier);
    if (it == tier_ids_.end()) return;
    tier_->SetSelection(static_cast<int>(it - tier_ids_.begin()));
    refresh_eligibility();
}

void FirmDialog::select_page(int page) {
    book_->SetSelection(static_cast<std::size_t>(page));
}

wxString FirmDialog::save_edits(Prompter& prompter) {
    if (!TransferDataFromWindow()) {
        wxString text = _("Some fields or cells are not valid; they are marked in red.");
        prompter.message(text, _("Cannot save"), wxOK | wxICON_WARNING, this);
        return text;
    }
    // Only what differs from the database is written, each part naming the version it was
    // read at, so an untouched year never conflicts with someone else's edit of it.
    std::optional<int64_t> firm_version;
    if (to_cells(record_.firm) != to_cells(saved_.firm)) firm_version = firm_version_;
    std::vector<RegistryService::FiguresEdit> years;
    for (const auto& y : record_.figures) {
        const YearFigures* before = saved_.figures_for(y.year);
        if (before && to_cells(*before) == to_cells(y)) continue;
        auto v = figures_versions_.find(y.year);
        years.push_back(
            {y, v == figures_versions_.end() ? std::nullopt : std::optional<int64_t>(v->second)});
    }
    if (!firm_version && years.empty()) return {};
    try {
        RegistryService service(*session_.db);
        auto saved = service.save_all(session_.actor, record_.firm, firm_version, years);
        if (saved.firm) firm_version_ = *saved.firm;
        for (std::size_t i = 0; i < years.size(); ++i)
            figures_versions_[years[i].figures.year] = saved.figures[i];
        saved_.firm = record_.firm;
        saved_.figures = record_.figures;
        changed_ = true;
        refresh_eligibility();
        refresh_journey();
        SetTitle(wx(record_.firm.name) + " - " + wx(record_.firm.credit_code));
        return {};
    } catch (const StaleEditError& e) {
        wxString text = wx(e.what());
        bool reload =
            prompter.message(
                text + "\n\n" + _("Reload the firm now? Your unsaved edits will be lost."),
                _("Changed by someone else"), wxYES_NO | wxICON_WARNING, this) == wxYES;
        if (reload) {
            load(record_.firm.credit_code);
            TransferDataToWindow();
            refresh_eligibility();
            refresh_journey();
            changed_ = true;  // the list shows the other user's edit too
        }
        return text;
    } catch (...) {
        wxString text = wx(error_text(std::current_exception()));
        prompter.message(text, _("Cannot save"), wxOK | wxICON_ERROR, this);
        return text;
    }
}

void FirmDialog::set_field(const std::string& column, const wxString& value) {
    if (auto it = fields_.find(column); it != fields_.end()) it->second->SetValue(value);
}

wxString FirmDialog::field(const std::string& column) const {
    auto it = fields_.find(column);
    return it == fields_.end() ? wxString() : it->second->GetValue();
}

bool FirmDialog::submit_application(Prompter& prompter) {
    int sel = tier_->GetSelection();
    if (sel < 0) return false;
    return submit_application_for(this, session_, record_, tier_ids_[static_cast<std::size_t>(sel)],
                                  prompter);
}

}  // namespace ladder::gui
