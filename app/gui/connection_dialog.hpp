#pragma once
// 文件 → 连接数据库…: a SQLite file or a PostgreSQL server (host, port, database, user,
// password, sslmode). The connection is tested before the dialog closes; the last one that
// worked is remembered in the user's configuration, without its password (libpq still finds
// one in ~/.pgpass or $PGPASSWORD).
#include <memory>
#include <string>

#include <wx/dialog.h>

#include "db/database.hpp"

class wxChoice;
class wxFilePickerCtrl;
class wxRadioButton;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace ladder::gui {

struct ConnectionSettings {
    bool postgresql = false;
    wxString file;  // SQLite
    wxString host = "localhost";
    int port = 5432;
    wxString database = "ladder";
    wxString user;
    wxString password;  // never written to the configuration
    wxString sslmode = "prefer";

    // The SOCI connection string: "sqlite3://db=PATH" or
    // "postgresql://host=… port=… dbname=… user=… sslmode=… connect_timeout=10 [password=…]".
    std::string url() const;
    // The same with the password replaced by "***", for messages and logs.
    std::string display_url() const;

    // The last connection that opened, if any was remembered.
    static bool remembered(ConnectionSettings& out);
    void remember() const;
};

// A libpq connection-string value, quoted when it is empty or holds spaces, quotes or backslashes.
std::string conninfo_value(const std::string& value);

class ConnectionDialog : public wxDialog {
  public:
    // `problem`: why the dialog is shown (the default registry could not be opened), or empty.
    ConnectionDialog(wxWindow* parent, const ConnectionSettings& initial,
                     const wxString& problem = {});
    ConnectionSettings settings() const;
    void set_settings(const ConnectionSettings& s);
    // Opens the connection (off the UI thread; the window keeps painting) and shows the outcome.
    // True when it opened; the database is kept for `take_database()`.
    bool try_connect();
    std::unique_ptr<Database> take_database() { return std::move(database_); }
    wxString message() const;
    bool TransferDataFromWindow() override;

  private:
    void update_enabled();

    wxRadioButton* sqlite_ = nullptr;
    wxRadioButton* postgresql_ = nullptr;
    wxFilePickerCtrl* file_ = nullptr;
    wxTextCtrl* host_ = nullptr;
    wxSpinCtrl* port_ = nullptr;
    wxTextCtrl* database_name_ = nullptr;
    wxTextCtrl* user_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxChoice* sslmode_ = nullptr;
    wxStaticText* status_ = nullptr;
    std::unique_ptr<Database> database_;
};

}  // namespace ladder::gui
