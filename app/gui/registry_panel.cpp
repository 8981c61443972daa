#include "registry_panel.hpp"

#include <algorithm>
#include <atomic>
#include <ctime>

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/headerctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/stopwatch.h>
#include <wx/wrapsizer.h>
#include <wx/button.h>

#include "services/audit_service.hpp"
#include "services/analysis_service.hpp"
#include "firm_dialog.hpp"
#include "firm_list.hpp"
#include "import_wizard.hpp"
#include "model/import_schema.hpp"
#include "model/industry.hpp"
#include "model/progress.hpp"
#include "model/rules/evaluate.hpp"
#include "model/tally.hpp"
#include "model/table.hpp"
#include "session.hpp"
#include "permissions.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

RegistryPanel::RegistryPanel(wxWindow* parent, Session& session)
    : Page(parent, session), debounce_(this) {
    SetName("registry");
    auto* top = new wxBoxSizer(wxVERTICAL);
    // The search box and the filters wrap onto a second line when the window is too narrow
    // for all of them, instead of cutting their labels off.
    auto* bar = new wxWrapSizer(wxHORIZONTAL);
    search_ =
        new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(260), -1));
    search_->SetName("search");
    search_->SetDescriptiveText(_("Search name or credit code"));
    search_->ShowCancelButton(true);
    bar->Add(search_,
             wxSizerFlags().CenterVertical().Border(wxRIGHT | wxTOP | wxBOTTOM, FromDIP(2)));
    build_filters(bar);
    top->Add(bar, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));

    header_ = new wxHeaderCtrlSimple(this);
    const std::vector<ListColumn> columns = {
        {_("Credit code"), 190, true}, {_("Firm name"), 290, true}, {_("Region"), 170, true},
        {_("Industry"), 80, false},    {_("Chain"), 100, true},     {_("Founded"), 100, false},
        {_("Tiers held"), 240, false},
    };
    wxConfigBase* config = wxConfigBase::Get();
    std::vector<int> widths;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        int width = static_cast<int>(config->ReadLong(wxString::Format("/Registry/Column%zu", i),
                                                      FromDIP(columns[i].width)));
        wxHeaderColumnSimple col(columns[i].title, width, wxALIGN_LEFT,
                                 wxCOL_RESIZABLE | (columns[i].sortable ? wxCOL_SORTABLE : 0));
        header_->AppendColumn(col);
        widths.push_back(width);
    }
    header_->ShowSortIndicator(0, true);
    top->Add(header_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));

    list_ = new FirmList(this, [this](std::size_t row) { return cells(row); });
    list_->set_widths(widths);
    top->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));

    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    status_->SetName("registry-status");
    bottom->Add(status_, wxSizerFlags(1).CenterVertical());
    show_all_ = new wxButton(this, wxID_ANY, _("Show all fir&ms"));
    show_all_->SetName("show-all");
    show_all_->Hide();
    show_all_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_all(); });
    bottom->Add(show_all_, wxSizerFlags().Border(wxLEFT));
    auto* open = new wxButton(this, wxID_OPEN, _("&Open firm"));
    auto* exp = new wxButton(this, wxID_ANY, _("E&xport selection..."));
    auto* imp = import_ = new wxButton(this, wxID_ANY, _("&Import..."));
    imp->SetName("import");
    enable_for(imp, session_.actor, Operation::edit_registry);
    bottom->Add(open, wxSizerFlags().Border(wxLEFT));
    bottom->Add(exp, wxSizerFlags().Border(wxLEFT));
    bottom->Add(imp, wxSizerFlags().Border(wxLEFT));
    top->Add(bottom, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    SetSizer(top);

    open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (list_->current() != wxNOT_FOUND) open_row(static_cast<std::size_t>(list_->current()));
    });
    exp->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_selection(); });
    imp->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_file(); });
    search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        typed_at_ = uptime_ms();
        debounce_.StartOnce(kDebounceMs);
    });
    search_->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { set_search(wxString()); });
    search_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        debounce_.Stop();
        filter_changed();
        list_->SetFocus();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { filter_changed(); });
    list_->Bind(wxEVT_LISTBOX_DCLICK,
                [this](wxCommandEvent& e) { open_row(static_cast<std::size_t>(e.GetInt())); });
    list_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if ((e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) &&
            list_->current() != wxNOT_FOUND) {
            open_row(static_cast<std::size_t>(list_->current()));
        } else if (e.GetKeyCode() == 'A' && e.ControlDown()) {
            list_->SelectAll();
        } else {
            e.Skip();
        }
    });
    header_->Bind(wxEVT_HEADER_CLICK, &RegistryPanel::on_header_click, this);
    auto resize = [this](wxHeaderCtrlEvent& e) {
        std::vector<int> w = list_->widths();
        if (e.GetColumn() >= 0 && static_cast<std::size_t>(e.GetColumn()) < w.size())
            w[static_cast<std::size_t>(e.GetColumn())] = e.GetWidth();
        list_->set_widths(w);
        e.Skip();
    };
    header_->Bind(wxEVT_HEADER_RESIZING, resize);
    header_->Bind(wxEVT_HEADER_END_RESIZE, [this, resize](wxHeaderCtrlEvent& e) {
        resize(e);
        save_layout();
    });
    year_changed();
}

void RegistryPanel::build_filters(wxSizer* bar) {
    auto add = [&](const wxString& label, wxChoice*& choice, const char* name) {
        // A label and its choice stay together when the bar wraps.
        auto* pair = new wxBoxSizer(wxHORIZONTAL);
        pair->Add(new wxStaticText(this, wxID_ANY, label),
                  wxSizerFlags().CenterVertical().Border(wxLEFT));
        choice = new wxChoice(this, wxID_ANY);
        choice->SetName(name);
        pair->Add(choice, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(4)));
        bar->Add(pair, wxSizerFlags().CenterVertical().Border(wxTOP | wxBOTTOM, FromDIP(2)));
    };
    add(_("&City"), city_, "city");
    add(_("Count&y"), county_, "county");
    add(_("Ch&ain"), chain_, "chain");
    add(_("&Holds"), held_, "held");
    add(_("&Eligible for"), eligible_, "eligible");

    city_->Append(_("All"));
    for (const Region* r : session_.regions->children("36")) {
        city_->Append(wx(r->name));
        city_codes_.push_back(r->code);
    }
    city_->SetSelection(0);
    fill_counties();
    chain_->Append(_("All"));
    for (const auto& c : kChains) chain_->Append(wx(c.zh));
    chain_->SetSelection(0);

    for (wxChoice* c : {city_, chain_, held_})
        c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { filter_changed(); });
    city_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        fill_counties();
        e.Skip();
    });
    county_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { filter_changed(); });
    eligible_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { eligible_changed(); });
}

void RegistryPanel::fill_counties() {
    county_->Clear();
    county_codes_.clear();
    county_->Append(_("All"));
    int city = city_->GetSelection();
    if (city > 0) {
        for (const Region* r :
             session_.regions->children(city_codes_[static_cast<std::size_t>(city - 1)])) {
            county_->Append(wx(r->name));
            county_codes_.push_back(r->code);
        }
    }
    county_->SetSelection(0);
    county_->Enable(city > 0);
}

void RegistryPanel::year_changed() {
    // Tier choices follow the rule set in force for the year.
    wxString held = held_->GetStringSelection(), eligible = eligible_->GetStringSelection();
    held_->Clear();
    eligible_->Clear();
    tier_ids_.clear();
    held_->Append(_("Any"));
    eligible_->Append(_("Any"));
    if (const RuleSet* rules = session_.rules()) {
        for (const auto& t : rules->tiers) {
            held_->Append(wx(t.zh));
            eligible_->Append(wx(t.zh));
            tier_ids_.push_back(t.id);
        }
    }
    if (!held_->SetStringSelection(held)) held_->SetSelection(0);
    eligible_->SetSelection(0);
    eligible_tier_.clear();
    filter_changed();
}

void RegistryPanel::activated() {
    search_->SetFocus();
}
void RegistryPanel::focus_search() {
    search_->SetFocus();
    search_->SelectAll();
}

void RegistryPanel::scroll_to(std::size_t row) {
    if (count_ == 0) return;
    list_->ScrollToRow(std::min(row, count_ - 1));
    list_->SetFocus();
}

void RegistryPanel::set_search(const wxString& text) {
    typed_at_ = uptime_ms();
    search_->ChangeValue(text);
    debounce_.Stop();
    filter_changed();
}

void RegistryPanel::filter_changed() {
    FirmFilter f;
    f.text = utf8(search_->GetValue());
    if (int county = county_->GetSelection(); county > 0) {
        f.region_prefix = county_codes_[static_cast<std::size_t>(county - 1)];
    } else if (int city = city_->GetSelection(); city > 0) {
        f.region_prefix = city_codes_[static_cast<std::size_t>(city - 1)];
    }
    if (int chain = chain_->GetSelection(); chain > 0)
        f.chain = std::string(kChains[static_cast<std::size_t>(chain - 1)].id);
    if (int held = held_->GetSelection(); held > 0) {
        f.tier_held = tier_ids_[static_cast<std::size_t>(held - 1)];
        f.held_on = Date(session_.year, 1, 1);
        if (const RuleSet* rules = session_.rules())
            if (const TierRules* t = rules->find_tier(f.tier_held))
                f.held_validity_years = t->validity_years;
    }
    f.restricted = !eligible_tier_.empty() || !shown_only_.empty();
    filter_ = f;
    run_query();
}

void RegistryPanel::show_only(std::vector<std::string> credit_codes, const wxString& what) {
    eligible_->SetSelection(0);
    eligible_tier_.clear();
    auto codes = std::make_shared<std::vector<std::string>>(std::move(credit_codes));
    status_->SetLabel(_("Searching..."));
    // The list worker keeps the codes as its restriction, as for the eligibility filter.
    session_.list_worker->submit([g = guard(this), codes, what](Database& db) mutable {
        std::string error;
        try {
            RegistrySearch(db).restrict_to(*codes);
        } catch (...) {
            error = error_text(std::current_exception());
        }
        post(std::move(g), [error, what](RegistryPanel* p) {
            if (!error.empty()) {
                p->status_->SetLabel(wx(error));
                return;
            }
            p->shown_only_ = what;
            p->show_all_->Show();
            p->Layout();
            p->filter_changed();
        });
    });
}

void RegistryPanel::show_all() {
    if (shown_only_.empty()) return;
    shown_only_.clear();
    show_all_->Hide();
    Layout();
    filter_changed();
}

void RegistryPanel::eligible_changed() {
    if (!shown_only_.empty()) {  // one restriction at a time
        shown_only_.clear();
        show_all_->Hide();
        Layout();
    }
    int sel = eligible_->GetSelection();
    if (sel <= 0) {
        eligible_tier_.clear();
        filter_changed();
        return;
    }
    const RuleSet* rules = session_.rules();
    if (!rules) return;
    std::string tier = tier_ids_[static_cast<std::size_t>(sel - 1)];
    int year = session_.year;
    status_->SetLabel(_("Evaluating every firm..."));
    eligible_->Disable();
    // The whole registry is evaluated on the job worker; the list worker then keeps the
    // eligible codes as its restriction, so paging stays one SQL query.
    session_.job_worker->submit([g = guard(this), rules, tier, year,
                                 list = session_.list_worker.get()](Database& db) mutable {
        auto codes = std::make_shared<std::vector<std::string>>();
        std::string error;
        try {
            *codes = eligible_firms(db, *rules, year, tier);
        } catch (...) {
            error = error_text(std::current_exception());
        }
        if (!error.empty()) {
            post(std::move(g), [error](RegistryPanel* p) {
                p->eligible_->Enable();
                p->status_->SetLabel(wx(error));
            });
            return;
        }
        list->submit([g = std::move(g), codes, tier, year](Database& ldb) mutable {
            std::string err;
            try {
                RegistrySearch(ldb).restrict_to(*codes);
            } catch (...) {
                err = error_text(std::current_exception());
            }
            post(std::move(g), [err, tier, year](RegistryPanel* p) {
                p->eligible_->Enable();
                if (!err.empty()) {
                    p->status_->SetLabel(wx(err));
                    return;
                }
                p->eligible_tier_ = tier;
                p->eligible_year_ = year;
                p->filter_changed();
            });
        });
    });
}

void RegistryPanel::reload() {
    run_query(false);
}

void RegistryPanel::on_header_click(wxHeaderCtrlEvent& e) {
    static const FirmSortKey keys[] = {FirmSortKey::credit_code, FirmSortKey::name,
                                       FirmSortKey::region, FirmSortKey::name, FirmSortKey::chain};
    int col = e.GetColumn();
    if (col < 0 || col > 4 || col == 3) return;
    FirmSortKey key = keys[col];
    sort_.descending = sort_.key == key ? !sort_.descending : false;
    sort_.key = key;
    header_->RemoveSortIndicator();
    header_->ShowSortIndicator(static_cast<unsigned>(col), !sort_.descending);
    run_query();
}

void RegistryPanel::save_layout() {
    wxConfigBase* config = wxConfigBase::Get();
    const auto& w = list_->widths();
    for (std::size_t i = 0; i < w.size(); ++i)
        config->Write(wxString::Format("/Registry/Column%zu", i), w[i]);
}

std::vector<std::string> RegistryPanel::page_codes(std::size_t page) const {
    std::vector<std::string> out;
    auto it = pages_.find(page);
    if (it != pages_.end())
        for (const auto& row : it->second) out.push_back(utf8(row[0]));
    return out;
}

void RegistryPanel::open_row(std::size_t row) {
    const std::vector<wxString>* c = cells(row);
    if (!c) return;
    FirmDialog dialog(this, session_, utf8((*c)[0]));
    dialog.ShowModal();
    if (dialog.changed()) reload();
}

void RegistryPanel::export_selection() {
    std::vector<std::size_t> selected;
    unsigned long cookie = 0;
    for (int i = list_->GetFirstSelected(cookie); i != wxNOT_FOUND;
         i = list_->GetNextSelected(cookie))
        selected.push_back(static_cast<std::size_t>(i));
    if (selected.empty() && list_->current() != wxNOT_FOUND)
        selected.push_back(static_cast<std::size_t>(list_->current()));
    if (selected.empty()) {
        wxMessageBox(_("Select the firms to export first (Ctrl+A selects all)."),
                     _("Export selection"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxFileDialog save(this, _("Export selected firms"), wxString(), "firms.xlsx",
                      _("Excel workbook (*.xlsx)|*.xlsx|CSV file (*.csv)|*.csv"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (save.ShowModal() != wxID_OK) return;
    std::string path = utf8(save.GetPath());
    bool xlsx = save.GetFilterIndex() == 0;
    status_->SetLabel(wxString::Format(_("Exporting %zu firms..."), selected.size()));
    auto filter = filter_;
    auto sort = sort_;
    session_.job_worker->submit(
        [g = guard(this), filter, sort, selected, path, xlsx](Database& db) mutable {
            std::string error, head;
            try {
                // Named on the file (XLSX) and in the status line, as `ladder-cli export` does.
                head = AuditService(db).head().text();
                RegistrySearch q(db);
                std::vector<std::vector<std::string>> rows;
                // The selection is a set of list positions: read the list in order between the
                // first and last selected row, in large pages.
                constexpr std::size_t kChunk = 10000;
                std::size_t next = 0;
                for (std::size_t offset = selected.front() - selected.front() % kChunk;
                     offset <= selected.back() && next < selected.size(); offset += kChunk) {
                    auto firms = q.page(filter, sort, offset, kChunk);
                    while (next < selected.size() && selected[next] < offset + firms.size())
                        rows.push_back(to_cells(firms[selected[next++] - offset]));
                    if (firms.size() < kChunk) break;
                }
                // For people, not for the round trip: typed cells, and CSV that Excel reads.
                if (xlsx) {
                    Sheet sheet{"firms", export_header(RecordKind::firms), std::move(rows),
                                export_cell_types(RecordKind::firms)};
                    write_xlsx_file(path, {sheet}, {{"audit_head", head}});
                } else {
                    write_csv_file(path, export_header(RecordKind::firms), rows, csv_for_excel());
                }
            } catch (...) {
                error = error_text(std::current_exception());
            }
            post(std::move(g), [error, head, n = selected.size(), path](RegistryPanel* p) {
                if (!error.empty()) {
                    wxMessageBox(wx(error), _("Export failed"), wxOK | wxICON_ERROR, p);
                    p->status_->SetLabel(p->count_text());
                } else {
                    p->status_->SetLabel(wxString::Format(
                        _("Exported %zu firms to %s at audit head %s"), n, wx(path), wx(head)));
                }
            });
        });
}

void RegistryPanel::import_file() {
    ImportWizard wizard(this, session_);
    if (wizard.run()) reload();
}

wxString RegistryPanel::describe() const {
    wxString s =
        wxString::Format("count=%zu loading=%d status=%s first-visible=%zu\n", count_,
                         loading_ ? 1 : 0, status_->GetLabel(), list_->GetVisibleRowsBegin());
    auto it = pages_.find(list_->GetVisibleRowsBegin() / kPageRows);
    if (it != pages_.end())
        for (std::size_t i = 0; i < it->second.size() && i < 5; ++i) {
            wxString line;
            for (const auto& c : it->second[i]) line += c + " | ";
            s += line + "\n";
        }
    return s;
}

void RegistryPanel::permissions_changed() {
    enable_for(import_, session_.actor, Operation::edit_registry);
}

}  // namespace ladder::gui
