#include "connection_dialog.hpp"

#include <chrono>
#include <future>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/filepicker.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "background.hpp"
#include "text.hpp"

namespace ladder::gui {

namespace {
const char* const kSslModes[] = {"disable", "allow",     "prefer",
                                 "require", "verify-ca", "verify-full"};
constexpr const char* kConfigGroup = "/Connection/";
}  // namespace

std::string conninfo_value(const std::string& value) {
    bool plain = !value.empty() && value.find_first_of(" \t\n'\\") == std::string::npos;
    if (plain) return value;
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

std::string ConnectionSettings::url() const {
    if (!postgresql) return sqlite_url(std::filesystem::path(utf8(file)));
    // An unreachable server fails after 10 s instead of libpq's default of waiting for ever.
    std::string url = "postgresql://host=" + conninfo_value(utf8(host)) +
                      " port=" + std::to_string(port) + " dbname=" + conninfo_value(utf8(database));
    if (!user.empty()) url += " user=" + conninfo_value(utf8(user));
    url += " sslmode=" + conninfo_value(utf8(sslmode)) + " connect_timeout=10";
    if (!password.empty()) url += " password=" + conninfo_value(utf8(password));
    return url;
}

std::string ConnectionSettings::display_url() const {
    ConnectionSettings shown = *this;
    if (!shown.password.empty()) shown.password = "***";
    return shown.url();
}

bool ConnectionSettings::remembered(ConnectionSettings& out) {
    wxConfigBase* config = wxConfigBase::Get();
    wxString kind;
    if (!config->Read(wxString(kConfigGroup) + "Kind", &kind)) return false;
    out = ConnectionSettings();
    out.postgresql = kind == "postgresql";
    config->Read(wxString(kConfigGroup) + "File", &out.file);
    config->Read(wxString(kConfigGroup) + "Host", &out.host, out.host);
    out.port = static_cast<int>(config->ReadLong(wxString(kConfigGroup) + "Port", out.port));
    config->Read(wxString(kConfigGroup) + "Database", &out.database, out.database);
    config->Read(wxString(kConfigGroup) + "User", &out.user);
    config->Read(wxString(kConfigGroup) + "SslMode", &out.sslmode, out.sslmode);
    return out.postgresql || !out.file.empty();
}

void ConnectionSettings::remember() const {
    wxConfigBase* config = wxConfigBase::Get();
    config->Write(wxString(kConfigGroup) + "Kind", postgresql ? "postgresql" : "sqlite");
    config->Write(wxString(kConfigGroup) + "File", file);
    config->Write(wxString(kConfigGroup) + "Host", host);
    config->Write(wxString(kConfigGroup) + "Port", port);
    config->Write(wxString(kConfigGroup) + "Database", database);
    config->Write(wxString(kConfigGroup) + "User", user);
    config->Write(wxString(kConfigGroup) + "SslMode", sslmode);
    // No password: a configuration file is no place for one.
    config->Flush();
}

ConnectionDialog::ConnectionDialog(wxWindow* parent, const ConnectionSettings& initial,
                                   const wxString& problem)
    : wxDialog(parent, wxID_ANY, _("Connect to a database"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    SetName("connection");
    const int gap = FromDIP(8);
    auto* s = new wxBoxSizer(wxVERTICAL);
    if (!problem.empty()) {
        auto* p = new wxStaticText(this, wxID_ANY, problem);
        p->SetName("connection-problem");
        p->SetForegroundColour(wxColour(192, 0, 0));
        p->Wrap(FromDIP(520));
        s->Add(p, wxSizerFlags().Expand().Border(wxALL, gap));
    }
    sqlite_ = new wxRadioButton(this, wxID_ANY, _("&SQLite file on this computer (single user)"),
                                wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    s->Add(sqlite_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));
    file_ = new wxFilePickerCtrl(this, wxID_ANY, wxString(), _("Choose a registry file"),
                                 _("Ladder registries (*.db)|*.db|All files|*"), wxDefaultPosition,
                                 FromDIP(wxSize(520, -1)), wxFLP_OPEN | wxFLP_USE_TEXTCTRL);
    file_->SetName("connection-file");
    // The fields of each choice are indented under its radio button.
    auto indented = [&](wxSizer* inner) {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->AddSpacer(FromDIP(28));
        row->Add(inner, wxSizerFlags(1).Expand());
        s->Add(row, wxSizerFlags().Expand().Border(wxRIGHT | wxTOP, gap));
    };
    auto* file_row = new wxBoxSizer(wxHORIZONTAL);
    file_row->Add(file_, wxSizerFlags(1).Expand());
    indented(file_row);
    postgresql_ = new wxRadioButton(this, wxID_ANY, _("&PostgreSQL server (several users)"));
    s->Add(postgresql_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));

    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    auto label = [&](const wxString& text) {
        grid->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().CenterVertical());
    };
    label(_("&Host:"));
    host_ = new wxTextCtrl(this, wxID_ANY);
    grid->Add(host_, wxSizerFlags().Expand());
    label(_("P&ort:"));
    port_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                           wxSP_ARROW_KEYS, 1, 65535, 5432);
    grid->Add(port_);
    label(_("&Database:"));
    database_name_ = new wxTextCtrl(this, wxID_ANY);
    grid->Add(database_name_, wxSizerFlags().Expand());
    label(_("&User:"));
    user_ = new wxTextCtrl(this, wxID_ANY);
    grid->Add(user_, wxSizerFlags().Expand());
    label(_("Pass&word:"));
    password_ =
        new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
    grid->Add(password_, wxSizerFlags().Expand());
    label(_("&TLS (sslmode):"));
    sslmode_ = new wxChoice(this, wxID_ANY);
    for (const char* mode : kSslModes) sslmode_->Append(mode);
    grid->Add(sslmode_);
    indented(grid);
    auto* note = new wxStaticText(
        this, wxID_ANY,
        _("The password is not saved; it can also come from ~/.pgpass or PGPASSWORD."));
    note->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    auto* note_row = new wxBoxSizer(wxHORIZONTAL);
    note_row->Add(note);
    indented(note_row);

    status_ = new wxStaticText(this, wxID_ANY, wxString());
    status_->SetName("connection-status");
    s->Add(status_, wxSizerFlags().Expand().Border(wxALL, gap));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* test = new wxButton(this, wxID_ANY, _("T&est connection"));
    buttons->Add(test, wxSizerFlags().CenterVertical());
    buttons->AddStretchSpacer();
    buttons->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL));
    s->Add(buttons, wxSizerFlags().Expand().Border(wxALL, gap));
    SetSizerAndFit(s);

    set_settings(initial);
    sqlite_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { update_enabled(); });
    postgresql_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { update_enabled(); });
    test->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        try_connect();
        database_.reset();  // a test only; OK opens it again
    });
}

void ConnectionDialog::set_settings(const ConnectionSettings& s) {
    sqlite_->SetValue(!s.postgresql);
    postgresql_->SetValue(s.postgresql);
    file_->SetPath(s.file);
    host_->SetValue(s.host);
    port_->SetValue(s.port);
    database_name_->SetValue(s.database);
    user_->SetValue(s.user);
    password_->SetValue(s.password);
    int mode = sslmode_->FindString(s.sslmode);
    sslmode_->SetSelection(mode == wxNOT_FOUND ? 2 : mode);
    update_enabled();
}

ConnectionSettings ConnectionDialog::settings() const {
    ConnectionSettings s;
    s.postgresql = postgresql_->GetValue();
    s.file = file_->GetPath();
    s.host = host_->GetValue().Strip(wxString::both);
    s.port = port_->GetValue();
    s.database = database_name_->GetValue().Strip(wxString::both);
    s.user = user_->GetValue().Strip(wxString::both);
    s.password = password_->GetValue();
    s.sslmode = sslmode_->GetStringSelection();
    return s;
}

void ConnectionDialog::update_enabled() {
    bool pg = postgresql_->GetValue();
    file_->Enable(!pg);
    for (wxWindow* w : {static_cast<wxWindow*>(host_), static_cast<wxWindow*>(port_),
                        static_cast<wxWindow*>(database_name_), static_cast<wxWindow*>(user_),
                        static_cast<wxWindow*>(password_), static_cast<wxWindow*>(sslmode_)})
        w->Enable(pg);
    (pg ? static_cast<wxWindow*>(host_) : static_cast<wxWindow*>(file_->GetTextCtrl()))->SetFocus();
}

bool ConnectionDialog::try_connect() {
    database_.reset();
    ConnectionSettings s = settings();
    if (!s.postgresql && s.file.empty()) {
        status_->SetLabel(_("Choose a registry file."));
        status_->SetForegroundColour(wxColour(192, 0, 0));
        return false;
    }
    if (s.postgresql && (s.host.empty() || s.database.empty())) {
        status_->SetLabel(_("Enter the server's host and the database name."));
        status_->SetForegroundColour(wxColour(192, 0, 0));
        return false;
    }
    status_->SetLabel(_("Connecting..."));
    status_->SetForegroundColour(GetForegroundColour());
    // A server that does not answer must not freeze the window: the connection is opened on a
    // short-lived thread while this one keeps painting with everything else disabled.
    std::string url = s.url();
    auto opening = std::async(std::launch::async,
                              [url] { return std::make_unique<Database>(Database::open(url)); });
    {
        wxWindowDisabler disabled;
        wxBusyCursor busy;
        while (opening.wait_for(std::chrono::milliseconds(30)) != std::future_status::ready)
            wxYield();
    }
    try {
        database_ = opening.get();
        status_->SetLabel(wxString::Format(_("Connected: %s (schema version %d)."),
                                           wx(database_->description()),
                                           database_->schema_version()));
        status_->SetForegroundColour(wxColour(0, 120, 0));
    } catch (...) {
        // The driver's message repeats the connection string: never show the password.
        std::string text = error_text(std::current_exception());
        if (!s.password.empty()) {
            const std::string secret = "password=" + conninfo_value(utf8(s.password));
            for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
                text.replace(at, secret.size(), "password=***");
        }
        status_->SetLabel(wx(text));
        status_->SetForegroundColour(wxColour(192, 0, 0));
    }
    status_->Wrap(FromDIP(520));
    Layout();
    Fit();
    return database_ != nullptr;
}

wxString ConnectionDialog::message() const {
    return status_->GetLabel();
}

bool ConnectionDialog::TransferDataFromWindow() {
    if (!try_connect()) return false;
    settings().remember();
    return true;
}

}  // namespace ladder::gui
