#include "import_wizard.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/filedlg.h>
#include <wx/textctrl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/radiobox.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/simplebook.h>
#include <wx/statline.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/spinctrl.h>

#include "services/import_service.hpp"
#include "model/measures.hpp"
#include "model/names.hpp"
#include "model/progress.hpp"
#include "model/rules/evaluate.hpp"
#include "labels.hpp"
#include "layout.hpp"
#include "column_widths.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

// What an import would do, computed on the job worker before anything is written: the
// validation pass (every bad cell) and the change set against the registry.
struct ChangeSet {
    std::vector<CellError> errors;
    std::vector<std::string> warnings;
    std::size_t good_rows = 0;
    std::size_t inserted = 0, updated = 0, unchanged = 0;
    std::size_t kept = 0, cleared = 0;  // blank cells that kept or cleared a stored value
    std::vector<std::array<std::string, 4>> fields;  // key, column, old, new
    std::vector<std::array<std::string, 4>> flips;   // key, tier, before, after
    std::string error;
};

// A worker job's progress calls, turned into atomics the progress dialog polls.
struct SharedProgress : Progress {
    std::atomic<std::size_t> done{0}, total{0};
    std::atomic<bool> cancel{false}, finished{false};
    std::mutex mutex;
    std::string phase;
    void update(std::size_t d, std::size_t t, const std::string& p) override {
        done = d;
        total = t;
        std::lock_guard lock(mutex);
        phase = p;
    }
    bool cancelled() const override { return cancel; }
};

void compute_change_set(Database& db, const Table& t, RecordKind kind, EmptyCells empty,
                        const RegionTable* regions, const RuleSet* rules, int year,
                        Progress& progress, ChangeSet& out);

namespace {
// A bad cell's column as its reader calls it: the Chinese name of a known column in the
// Chinese interface; the English template's header (the id) otherwise, or as the file had it.
std::string column_name(RecordKind kind, const std::string& column) {
    if (!ui_is_chinese()) return column;
    for (const auto& c : columns_of(kind))
        if (c.id == column) return std::string(c.zh);
    return column;
}
constexpr std::size_t kListedChanges = 2000;
const char* const kIgnored = "~";

// The guessed kind: the one whose columns the header names most.
RecordKind guess_kind(const Table& t) {
    RecordKind best = RecordKind::firms;
    std::size_t best_hits = 0;
    for (RecordKind k : {RecordKind::firms, RecordKind::figures, RecordKind::recognitions}) {
        std::size_t hits = 0;
        for (const auto& h : t.header)
            if (match_column(k, h)) ++hits;
        if (hits > best_hits) {
            best_hits = hits;
            best = k;
        }
    }
    return best;
}

}  // namespace

ImportWizard::ImportWizard(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, _("Import a spreadsheet"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session) {
    SetName("import-wizard");
    book_ = new wxSimplebook(this);
    file_page_ = make_file_page();
    preview_page_ = make_preview_page();
    mapping_page_ = make_mapping_page();
    validation_page_ = make_validation_page();
    changes_page_ = make_changes_page();
    for (wxPanel* page :
         {file_page_, preview_page_, mapping_page_, validation_page_, changes_page_})
        book_->AddPage(page, wxString());

    auto* top = new wxBoxSizer(wxVERTICAL);
    step_label_ = new wxStaticText(this, wxID_ANY, wxString());
    step_label_->SetFont(step_label_->GetFont().Bold());
    top->Add(step_label_, wxSizerFlags().Expand().Border(wxALL));
    // The pages give up space before the buttons do: their grids scroll.
    book_->SetMinSize(FromDIP(wxSize(560, 300)));
    top->Add(book_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT));
    top->Add(new wxStaticLine(this), wxSizerFlags().Expand().Border(wxALL));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    back_ = new wxButton(this, wxID_ANY, _("< &Back"));
    back_->SetName("back");
    next_ = new wxButton(this, wxID_ANY, _("&Next >"));
    next_->SetName("next");
    auto* cancel = new wxButton(this, wxID_CANCEL, _("&Cancel"));
    cancel->SetName("cancel");
    buttons->Add(back_, wxSizerFlags().Border(wxRIGHT));
    buttons->Add(next_, wxSizerFlags().Border(wxRIGHT));
    buttons->Add(cancel);
    top->Add(buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM));
    SetSizer(top);
    next_->SetDefault();
    back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_page(current_page() - 1); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_next(); });

    SetMinSize(GetBestSize());
    fit_to_display(this, wxSize(820, 580), parent);
    show_page(0);
}

void ImportWizard::show_page(int index) {
    if (index < 0 || index >= kPages) return;
    book_->ChangeSelection(static_cast<std::size_t>(index));
    static const char* const kTitles[kPages] = {N_("Choose the file"), N_("Preview"), N_("Columns"),
                                                N_("Check"), N_("Changes")};
    step_label_->SetLabel(wxString::Format(_("Step %d of %d: %s"), index + 1, kPages,
                                           wxGetTranslation(kTitles[index])));
    back_->Enable(index > 0);
    next_->SetLabel(index + 1 == kPages ? _("&Import") : _("&Next >"));
    Layout();
}

int ImportWizard::current_page() const {
    return book_->GetSelection();
}

void ImportWizard::on_next() {
    if (!leave_forward()) return;
    if (current_page() + 1 < kPages) {
        show_page(current_page() + 1);
        return;
    }
    // The last page: import; the dialog stays open when the import failed, to try again.
    if (do_import()) EndModal(wxID_OK);
}

ImportWizard::~ImportWizard() = default;

bool ImportWizard::run(const wxString& preset_file) {
    if (!preset_file.empty()) file_->SetValue(preset_file);
    ShowModal();
    return imported_;
}

bool ImportWizard::load_file(const wxString& path) {
    if (path != loaded_path_) {  // a new file: its own sheet and header are detected again
        chosen_sheet_.clear();
        chosen_header_row_ = 0;
        loaded_path_ = path;
    }
    return read_and_analyse();
}

bool ImportWizard::read_and_analyse() {
    ReadOptions read;
    read.encoding = encoding_->GetSelection() == 1   ? Encoding::utf8
                    : encoding_->GetSelection() == 2 ? Encoding::gbk
                                                     : Encoding::detect;
    read.sheet = chosen_sheet_;
    read.header_row = chosen_header_row_;
    // The header is the row that names the key columns of the chosen table (of any table when
    // the contents are detected): title rows above it and total rows after the data are skipped.
    const int k = kind_box_->GetSelection();
    std::vector<RecordKind> kinds =
        k == 1   ? std::vector<RecordKind>{RecordKind::firms}
        : k == 2 ? std::vector<RecordKind>{RecordKind::figures}
        : k == 3 ? std::vector<RecordKind>{RecordKind::recognitions}
                 : std::vector<RecordKind>{RecordKind::figures, RecordKind::recognitions,
                                           RecordKind::firms};
    read.header_key = [kinds](const std::vector<std::string>& cells) {
        for (RecordKind kind : kinds)
            if (auto key = header_key_column(kind, cells)) return key;
        return std::optional<std::size_t>();
    };
    // A large spreadsheet takes a while to read and decode: on the worker, like the rest.
    auto table = std::make_shared<Table>();
    auto sheets = std::make_shared<std::vector<SheetName>>();
    std::string file = utf8(loaded_path_);
    if (!run_job(_("Reading the file"), [table, sheets, file, read](Database&, Progress& progress) {
            report(&progress, 0, 0, utf8(_("Reading the file...")));
            *table = read_table(file, read);
            if (table->encoding == "XLSX") *sheets = xlsx_sheets(file);
        }))
        return false;
    table_ = std::move(*table);
    sheets_ = std::move(*sheets);
    kind_ = k == 1   ? RecordKind::firms
            : k == 2 ? RecordKind::figures
            : k == 3 ? RecordKind::recognitions
                     : guess_kind(table_);
    fill_preview();
    fill_layout();
    fill_mapping();
    return analyse();
}

void ImportWizard::read_again() {
    const int sheet = sheet_->GetSelection();
    const std::string chosen =
        sheet > 0 ? sheets_[static_cast<std::size_t>(sheet - 1)].name : std::string();
    if (header_row_->GetValue() != table_.header_row)
        chosen_header_row_ = header_row_->GetValue();
    else if (chosen != chosen_sheet_)
        chosen_header_row_ = 0;  // another sheet has its own header: search it
    chosen_sheet_ = chosen;
    read_and_analyse();
}

EmptyCells ImportWizard::empty_cells() const {
    return clear_blanks_ && clear_blanks_->GetValue() ? EmptyCells::clear : EmptyCells::keep;
}

Table ImportWizard::mapped_table() const {
    Table t = table_;
    const auto& cols = columns_of(kind_);
    for (std::size_t i = 0; i < t.header.size() && i < mapping_.size(); ++i) {
        int sel = mapping_[i]->GetSelection();
        if (sel <= 0) {
            t.header[i] = kIgnored + t.header[i];
            continue;
        }
        const auto col = static_cast<std::size_t>(sel - 1);
        // The column as chosen, with the unit its values are in (the choice for money, the
        // header's own note for counts and scores), so the import reads them as the CLI would.
        std::string unit = unit_note(t.header[i]);
        if (is_money_column(kind_, col)) {
            const int u = units_[i]->GetSelection();
            unit = u > 0 ? utf8(units_[i]->GetString(static_cast<unsigned>(u))) : std::string();
        }
        t.header[i] = std::string(cols[col].id) + (unit.empty() ? "" : "（" + unit + "）");
    }
    return t;
}

bool ImportWizard::run_job(const wxString& title, std::function<void(Database&, Progress&)> job,
                           Prompter& prompter, bool cancelled_at_start) {
    auto progress = std::make_shared<SharedProgress>();
    progress->cancel = cancelled_at_start;
    auto error = std::make_shared<std::string>();
    auto cancelled = std::make_shared<bool>(false);
    session_.job_worker->submit([job = std::move(job), progress, error, cancelled](Database& db) {
        try {
            job(db, *progress);
        } catch (const Cancelled&) {
            *cancelled = true;
        } catch (...) {
            *error = error_text(std::current_exception());
        }
        progress->finished = true;
    });
    wait_for(*progress, title);
    if (*cancelled) return false;
    if (!error->empty()) {
        trace("import-job-failed " + wx(*error));
        prompter.message(wx(*error), title, wxOK | wxICON_WARNING, this);
        return false;
    }
    return true;
}

void ImportWizard::wait_for(SharedProgress& progress, const wxString& title) {
    // The work runs on the job worker's own connection; this dialog only polls its progress,
    // and its Cancel is seen by the job at its next report().
    wxProgressDialog dlg(title, _("Reading the registry..."), 1000, this,
                         wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME | wxPD_AUTO_HIDE);
    while (!progress.finished) {
        std::size_t total = progress.total, done = progress.done;
        wxString phase;
        {
            std::lock_guard lock(progress.mutex);
            phase = wx(progress.phase);
        }
        int value = total ? static_cast<int>(std::min<std::size_t>(999, done * 1000 / total)) : 0;
        bool go = total ? dlg.Update(value, phase) : dlg.Pulse(phase);
        if (!go) progress.cancel = true;
        wxMilliSleep(30);
    }
    dlg.Update(1000);
}

bool ImportWizard::analyse(Prompter& prompter) {
    auto cs = std::make_shared<ChangeSet>();
    auto table = std::make_shared<Table>(mapped_table());
    RecordKind kind = kind_;
    EmptyCells empty = empty_cells();
    const RegionTable* regions = session_.regions;
    const RuleSet* rules = session_.rules();
    int year = session_.year;
    bool done = run_job(
        _("Checking the file"),
        [cs, table, kind, empty, regions, rules, year](Database& db, Progress& progress) {
            compute_change_set(db, *table, kind, empty, regions, rules, year, progress, *cs);
        },
        prompter, std::exchange(cancel_next_check_, false));
    if (!done && cs->error.empty())
        cs->error = utf8(_("The check was cancelled; go back and try again."));
    analysed_ = done;
    changes_ = cs;
    errors_ = cs->errors;
    good_rows_ = cs->good_rows;
    show_validation(cs->warnings);
    show_changes();
    return done;
}

void ImportWizard::show_validation(const std::vector<std::string>& warnings) {
    wxString label = !analysed_ ? wx(changes_->error)
                     : errors_.empty()
                         ? wxString::Format(_("All %zu rows are valid."), table_.rows.size())
                         : wxString::Format(_("%zu bad cells; %zu of %zu rows are valid."),
                                            errors_.size(), good_rows_, table_.rows.size());
    for (const auto& w : warnings) label += "\n" + wx(w);
    validation_label_->SetLabel(label);
    errors_list_->DeleteAllItems();
    for (std::size_t i = 0; i < errors_.size() && i < 5000; ++i) {
        const auto& e = errors_[i];
        long item = errors_list_->InsertItem(static_cast<long>(i), wxString::Format("%d", e.row));
        errors_list_->SetItem(item, 1, wx(column_name(kind_, e.column)));
        errors_list_->SetItem(item, 2, wx(e.reason));
    }
    on_error_->SetSelection(errors_.empty() ? 0 : on_error_->GetSelection());
    on_error_->Enable(!errors_.empty());
}

void ImportWizard::save_report() {
    wxFileDialog dlg(this, _("Save the validation report"), wxString(),
                     wx(table_.file_name + ".errors.csv"), _("CSV file (*.csv)|*.csv"),
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return;
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : errors_)
        rows.push_back({e.file, std::to_string(e.row), e.column, e.reason});
    try {
        // Opened in Excel or WPS: a BOM so that Chinese reasons are not garbled.
        write_csv_file(utf8(dlg.GetPath()), {"file", "row", "column", "reason"}, rows,
                       csv_for_excel());
    } catch (...) {
        wxMessageBox(wx(error_text(std::current_exception())), _("Cannot save"),
                     wxOK | wxICON_ERROR, this);
    }
}

// On the job worker: the import service's dry run — validation, the merge with the registry
// and the change set, exactly what `ladder-cli import --dry-run` prints. Throws Cancelled when
// asked to stop.
void compute_change_set(Database& db, const Table& t, RecordKind kind, EmptyCells empty,
                        const RegionTable* regions, const RuleSet* rules, int year,
                        Progress& progress, ChangeSet& out) {
    ImportOptions options;
    options.kind = kind;
    options.file = t.file_name;
    options.dry_run = true;
    options.on_error = OnError::skip;  // every bad cell, and the change set of the good rows
    options.empty = empty;
    options.rules = rules;
    options.year = year;
    options.listed_changes = kListedChanges;
    TierCatalog catalog = rules ? rules->tier_catalog() : TierCatalog::builtin();
    ImportResult r;
    try {
        // A dry run writes nothing and checks no role: no account is named.
        r = import_table(db, Actor{}, t, options, *regions, catalog, &progress);
    } catch (const InputError& e) {  // the header: no row can be read
        out.errors = e.errors();
        return;
    }
    out.errors = std::move(r.errors);
    out.warnings = std::move(r.warnings);
    out.good_rows = r.rows_read - r.rows_rejected;
    out.inserted = r.summary.inserted;
    out.updated = r.summary.updated;
    out.unchanged = r.summary.unchanged;
    out.kept = r.merge.kept;
    out.cleared = r.merge.cleared;
    for (const auto& c : r.changes) {
        if (c.new_record)
            out.fields.push_back({c.key, utf8(_("(new)")), "", ""});
        else
            out.fields.push_back({c.key, c.label, c.before, c.after});
    }
    for (const auto& f : r.flips)
        out.flips.push_back({f.credit_code + " " + f.firm_name, f.tier_zh,
                             utf8(verdict_text(f.before)), utf8(verdict_text(f.after))});
}

void ImportWizard::show_changes() {
    const ChangeSet* cs = changes_.get();
    wxString label =
        analysed_ ? wxString::Format(
                        _("New: %zu   Updated: %zu   Unchanged: %zu   Verdicts that flip: %zu"),
                        cs->inserted, cs->updated, cs->unchanged, cs->flips.size())
                  : wx(cs->error);
    if (analysed_ && (cs->kept || cs->cleared))
        label +=
            "\n" + wxString::Format(_("Blank cells: %zu kept the stored value, %zu cleared it"),
                                    cs->kept, cs->cleared);
    changes_label_->SetLabel(label);
    changes_list_->DeleteAllItems();
    long i = 0;
    for (const auto& f : cs->flips) {
        long item = changes_list_->InsertItem(i++, wx(f[0]));
        changes_list_->SetItem(item, 1, wx(f[1]));
        changes_list_->SetItem(item, 2, wx(f[2]));
        changes_list_->SetItem(item, 3, wx(f[3]));
        changes_list_->SetItemTextColour(item, wxColour(0, 0, 160));
    }
    for (const auto& f : cs->fields) {
        long item = changes_list_->InsertItem(i++, wx(f[0]));
        changes_list_->SetItem(item, 1, wx(f[1]));
        changes_list_->SetItem(item, 2, wx(f[2]));
        changes_list_->SetItem(item, 3, wx(f[3]));
    }
}

wxString ImportWizard::validation_text() const {
    wxString s = layout_label_->GetLabel() + "\n" + validation_label_->GetLabel() + "\n";
    for (const auto& e : errors_) s += wx(e.to_string()) + "\n";
    return s;
}

wxString ImportWizard::changes_text() const {
    wxString s = changes_label_->GetLabel() + "\n";
    if (changes_) {
        for (const auto& f : changes_->flips)
            s += wx(f[0] + " " + f[1] + ": " + f[2] + " -> " + f[3]) + "\n";
        for (std::size_t i = 0; i < changes_->fields.size() && i < 20; ++i) {
            const auto& f = changes_->fields[i];
            s += wx(f[0] + " " + f[1] + ": " + f[2] + " -> " + f[3]) + "\n";
        }
    }
    return s;
}

bool ImportWizard::leave_forward() {
    wxWindow* page = book_->GetCurrentPage();
    if (page == file_page_) return !file_->GetValue().empty() && load_file(file_->GetValue());
    if (page == mapping_page_) return analysed_ || analyse();
    if (page == validation_page_ && !errors_.empty() && on_error_->GetSelection() == 0) {
        wxMessageBox(_("The file has bad cells. Fix them and import again, or choose to skip "
                       "the bad rows."),
                     _("Import"), wxOK | wxICON_WARNING, this);
        return false;
    }
    return true;
}

bool ImportWizard::do_import(Prompter& prompter) {
    ImportOptions options;
    options.kind = kind_;
    options.file = table_.file_name;
    options.on_error = on_error_->GetSelection() == 1 ? OnError::skip : OnError::abort;
    options.empty = empty_cells();
    if (options.on_error == OnError::skip)
        options.report_file =
            wxFileName::CreateTempFileName("ladder-rejected").ToStdString(wxConvUTF8);
    Table t = mapped_table();
    auto progress = std::make_shared<SharedProgress>();
    auto result = std::make_shared<ImportResult>();
    auto error = std::make_shared<std::string>();
    const RuleSet* rules = session_.rules();
    auto catalog =
        std::make_shared<TierCatalog>(rules ? rules->tier_catalog() : TierCatalog::builtin());
    const RegionTable* regions = session_.regions;
    // The import runs on the job worker's own connection; this dialog only polls its progress.
    session_.job_worker->submit([t = std::move(t), by = session_.actor, options, progress, result,
                                 error, catalog, regions](Database& db) {
        try {
            *result = import_table(db, by, t, options, *regions, *catalog, progress.get());
        } catch (...) {
            *error = error_text(std::current_exception());
        }
        progress->finished = true;
    });
    wait_for(*progress, _("Importing"));
    if (!error->empty()) {
        result_ = wx(*error);
        trace("import-failed " + result_);
        prompter.message(result_, _("Import"), wxOK | wxICON_WARNING, this);
        return false;
    }
    imported_ = result->committed;
    result_ =
        wxString::Format(_("Imported %s: %zu new, %zu updated, %zu unchanged, %zu rows rejected."),
                         wx(result->file_name), result->summary.inserted, result->summary.updated,
                         result->summary.unchanged, result->rows_rejected);
    trace("import-done " + result_);
    return imported_;
}

}  // namespace ladder::gui
