#include "reports_panel.hpp"

#include <wx/button.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stopwatch.h>
#include <wx/textctrl.h>

#include "services/tally_service.hpp"
#include "model/annual_report.hpp"
#include "model/table.hpp"
#include "report/render.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

ReportsPanel::ReportsPanel(wxWindow* parent, Session& session) : Page(parent, session) {
    SetName("reports");
    auto* s = new wxBoxSizer(wxVERTICAL);
    heading_ = new wxStaticText(this, wxID_ANY, wxString());
    heading_->SetFont(heading_->GetFont().Bold().Larger());
    s->Add(heading_, wxSizerFlags().Border(wxALL, FromDIP(12)));
    s->Add(
        new wxStaticText(
            this, wxID_ANY,
            _("The annual report: additions against the quotas per tier, by province, city, county "
              "and "
              "industrial chain, with pending applications, eligible candidates, chain revenue and "
              "expiring titles.")),
        wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    wxString formats[] = {_("PDF document (A4, for printing)"), _("Excel workbook (XLSX)"),
                          _("CSV (tally by province, the command-line format)")};
    format_ = new wxRadioBox(this, wxID_ANY, _("Format"), wxDefaultPosition, wxDefaultSize, 3,
                             formats, 1);
    s->Add(format_, wxSizerFlags().Border(wxALL, FromDIP(12)));
    // The issuing unit printed on the report's head: a setting, kept for the next report.
    auto* issuer_row = new wxBoxSizer(wxHORIZONTAL);
    issuer_row->Add(new wxStaticText(this, wxID_ANY, _("Issuing unit:")),
                    wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(6)));
    issuer_ =
        new wxTextCtrl(this, wxID_ANY, wxConfigBase::Get()->Read("/Report/Issuer", wxString()));
    issuer_->SetName("report-issuer");
    issuer_row->Add(issuer_, wxSizerFlags(1));
    s->Add(issuer_row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12)));
    auto* save_button = new wxButton(this, wxID_SAVE, _("&Save report..."));
    s->Add(save_button, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    status_->SetName("report-status");
    s->Add(status_, wxSizerFlags().Border(wxALL, FromDIP(12)));
    SetSizer(s);
    save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    year_changed();
}

void ReportsPanel::year_changed() {
    heading_->SetLabel(
        wxString::Format(_("Annual tally report, assessment year %d"), session_.year));
}

void ReportsPanel::save() {
    static const char* ext[] = {"pdf", "xlsx", "csv"};
    int f = format_->GetSelection();
    wxString wildcard = f == 0   ? _("PDF files (*.pdf)|*.pdf")
                        : f == 1 ? _("Excel workbooks (*.xlsx)|*.xlsx")
                                 : _("CSV files (*.csv)|*.csv");
    wxFileDialog dlg(this, _("Save the annual report"), wxString(),
                     wxString::Format("ladder-tally-%d.%s", session_.year, ext[f]), wildcard,
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return;
    export_to(dlg.GetPath(), f);
}

void ReportsPanel::export_to(const wxString& path, int format) {
    const RuleSet* rules = session_.rules();
    if (!rules || busy_) return;
    busy_ = true;
    status_->SetLabel(_("Writing the report..."));
    int year = session_.year;
    std::string file = utf8(path);
    std::string issuer = utf8(issuer_->GetValue().Strip(wxString::both));
    wxConfigBase::Get()->Write("/Report/Issuer", wx(issuer));
    wxConfigBase::Get()->Flush();
    session_.job_worker->submit([g = guard(this), rules, year, file, format,
                                 issuer](Database& db) mutable {
        std::string error;
        wxStopWatch watch;
        try {
            // Exactly what `ladder-cli tally` does for the same format.
            AnnualTally tally(db, *rules, year, format != 2);
            if (format == 2) {
                std::vector<std::vector<std::string>> out;
                for (const auto& r : tally.rows(TallyGrouping::province))
                    out.push_back({r.group, r.tier,
                                   r.quota ? std::to_string(*r.quota) : std::string(),
                                   std::to_string(r.holders_start), std::to_string(r.added),
                                   std::to_string(r.exited), std::to_string(r.holders_end)});
                write_csv_file(
                    file,
                    {"group", "tier", "quota", "holders_start", "added", "exited", "holders_end"},
                    out);
            } else {
                AnnualReportInput input = tally.report_input();
                input.issuer = issuer;
                Report report = build_annual_report(input);
                if (format == 0)
                    write_report_pdf(report, file);
                else
                    write_report_xlsx(report, file);
            }
        } catch (...) {
            error = error_text(std::current_exception());
        }
        long ms = watch.Time();
        post(std::move(g), [error, file, ms](ReportsPanel* p) {
            p->busy_ = false;
            p->status_->SetLabel(error.empty() ? wxString::Format(_("Saved %s"), wx(file))
                                               : wx(error));
            trace(wxString::Format("report-%s %s %ldms", error.empty() ? "saved" : "failed",
                                   wx(file), ms));
        });
    });
}

wxString ReportsPanel::describe() const {
    return status_->GetLabel();
}

}  // namespace ladder::gui
