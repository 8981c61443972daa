// ladder-cli: the scriptable front end. The contract (commands, formats, exit statuses) is in
// the README ("Command line"): 0 success, 1 bad input (report on stderr), 2 usage error.
#include <algorithm>
#include <iostream>
#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.hpp"
#include "services/audit_service.hpp"
#include "db/database.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/library_errors.hpp"
#include "model/progress.hpp"
#include "text_table.hpp"
#include "version_info.hpp"

namespace ladder::cli {

std::vector<std::pair<int, Registrar>>& registrars() {
    static std::vector<std::pair<int, Registrar>> all;
    return all;
}

Registration::Registration(int order, Registrar registrar) {
    registrars().emplace_back(order, std::move(registrar));
}

namespace {

// CLI11 pads the help's left column by bytes: a Chinese value type (文本, 3 bytes a character
// but 2 columns) would push the description column out of line. This formatter pads by the
// columns the terminal shows.
class DisplayWidthFormatter : public CLI::Formatter {
  public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        return line(make_option_name(opt, is_positional) + make_option_opts(opt),
                    make_option_desc(opt));
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        return line(sub->get_display_name(true), sub->get_description());
    }

  private:
    std::string line(const std::string& left, const std::string& description) const {
        const std::string name = "  " + left;
        const std::size_t width = get_column_width(), shown = display_width(name);
        std::string out = name;
        if (!description.empty()) {
            if (shown >= width)
                out += "\n" + std::string(width, ' ');
            else
                out += std::string(width - shown, ' ');
            for (char c : description) {
                out += c;
                if (c == '\n') out += std::string(width, ' ');
            }
        }
        return out + "\n";
    }
};

// CLI11 writes its help's labels, headings, help flag and value types in English; they are said
// in the interface's language like the rest of the help.
void localise_help_of(CLI::App& app, const std::shared_ptr<CLI::Formatter>& formatter) {
    app.formatter(formatter);
    if (CLI::Option* help = app.get_help_ptr()) help->description(_("print this help and exit"));
    for (CLI::Option* option : app.get_options()) {
        if (option->get_group() == "Options") option->group(_("Options"));
        // The value type without the validators' descriptions CLI11 appends after ':'.
        const std::string full = option->get_type_name();
        const std::string type = full.substr(0, full.find(':'));
        const char* said = type == "TEXT"    ? _("TEXT")
                           : type == "INT"   ? _("INT")
                           : type == "UINT"  ? _("UINT")
                           : type == "FLOAT" ? _("FLOAT")
                                             : nullptr;
        if (said && type != said) option->type_name(said);
    }
    for (CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_group() == "Subcommands") sub->group(_("Subcommands"));
        localise_help_of(*sub, formatter);
    }
}

void localise_help(CLI::App& app) {
    auto formatter = std::make_shared<DisplayWidthFormatter>();
    formatter->label("Usage", _("Usage"));
    formatter->label("OPTIONS", _("OPTIONS"));
    formatter->label("SUBCOMMAND", _("SUBCOMMAND"));
    formatter->label("SUBCOMMANDS", _("SUBCOMMANDS"));
    formatter->label("Positionals", _("Positionals"));
    formatter->label("REQUIRED", _("REQUIRED"));
    formatter->label("Excludes", _("Excludes"));
    formatter->label("Needs", _("Needs"));
    formatter->label("Env", _("Env"));
    localise_help_of(app, formatter);
}

// CLI11's messages are English; the common kinds are said again in the interface's language
// (the option names and values CLI11 quotes are kept).
std::string usage_error_text(const CLI::ParseError& e) {
    const std::string what = e.what();
    std::smatch m;
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        if (std::regex_search(what, m, std::regex("^(\\S+) is required")))
            return fmt::format(fmt::runtime(_("the option {} is required")), m[1].str());
        if (what.find("subcommand") != std::string::npos)
            return _("a command is required (see --help)");
        return fmt::format(fmt::runtime(_("a required option is missing: {}")), what);
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        auto colon = what.find(": ");
        return fmt::format(fmt::runtime(_("unexpected arguments: {}")),
                           colon == std::string::npos ? what : what.substr(colon + 2));
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
        return fmt::format(fmt::runtime(_("wrong number of values: {}")), what);
    if (dynamic_cast<const CLI::ExcludesError*>(&e))
        return fmt::format(fmt::runtime(_("options that cannot be used together: {}")), what);
    if (dynamic_cast<const CLI::ConversionError*>(&e))
        return fmt::format(fmt::runtime(_("a value has the wrong type: {}")), what);
    if (dynamic_cast<const CLI::ValidationError*>(&e)) {
        if (std::regex_search(
                what, m,
                std::regex("^(\\S+): Value (\\S+) not in range \\[?(\\S+) (?:-|to) (\\S+?)\\]?$")))
            return fmt::format(fmt::runtime(_("{}: {} is not between {} and {}")), m[1].str(),
                               m[2].str(), m[3].str(), m[4].str());
        if (std::regex_search(what, m, std::regex("^(\\S+): (\\S+) not in \\{(.*)\\}")))
            return fmt::format(fmt::runtime(_("{}: {} is not one of {}")), m[1].str(), m[2].str(),
                               m[3].str());
        return what;  // our own validators' messages are already translated
    }
    return what;
}

}  // namespace

namespace {
// Set for `audit verify`, which runs the full check itself and reports it.
bool skip_audit_check_on_open = false;
}  // namespace

namespace {

// Refuses what `mode` does not allow before SQLite would create the file (and the database
// layer its directories).
void check_registry_file(const std::filesystem::path& file, bool is_default, OpenMode mode) {
    namespace fs = std::filesystem;
    if (file.empty() || file == ":memory:" || fs::exists(file)) return;
    if (mode == OpenMode::existing)
        throw StorageError(fmt::format(
            fmt::runtime(_("no registry at {}: check the path, or create one with `ladder-cli "
                           "init`")),
            file.string()));
    // The user's data directory is made for the default registry, as on the first run.
    const fs::path dir = file.parent_path();
    if (mode == OpenMode::create && !is_default && !dir.empty() && !fs::is_directory(dir))
        throw StorageError(
            fmt::format(fmt::runtime(_("the directory {} does not exist: create it, or run "
                                       "`ladder-cli init --parents`")),
                        dir.string()));
}

}  // namespace

Database Context::open_database(OpenMode mode) const {
    const bool is_default = db_url.empty() && db_path.empty();
    const std::filesystem::path file = !db_url.empty()   ? sqlite_file_of(db_url)
                                       : db_path.empty() ? default_database_path()
                                                         : std::filesystem::path(db_path);
    check_registry_file(file, is_default, mode);
    Database db = !db_url.empty() ? Database::open(db_url) : Database::open_file(file);
    // A tampered trail is reported before any command reads or adds to it; the command still
    // runs (the records are the bureau's, and `audit verify` names the damage).
    static bool checked = false;
    if (!checked && !skip_audit_check_on_open) {
        checked = true;
        AuditVerification v = AuditService(db).check_on_open();
        if (!v.intact) *err << "ladder-cli: " << audit_warning(v) << '\n';
    }
    return db;
}

}  // namespace ladder::cli

int main(int argc, char** argv) {
    using namespace ladder;
    init_i18n();
    // --lang must act before the help text is built, so look for it first; an unknown language
    // is a usage error rather than a silent fallback to English.
    std::string lang;
    if (const char* v = std::getenv("LADDER_LANG"); v && *v) lang = v;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string_view(argv[i]) == "--lang") lang = argv[i + 1];
    if (!lang.empty() && !is_available_language(lang)) {
        std::cerr << "ladder-cli: "
                  << fmt::format(fmt::runtime(_("unknown language \"{}\"; available: {}")), lang,
                                 fmt::join(available_languages(), ", "))
                  << '\n';
        return 2;
    }
    set_ui_language(lang);
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string_view(argv[i]) == "audit" && std::string_view(argv[i + 1]) == "verify")
            cli::skip_audit_check_on_open = true;

    cli::Context ctx;
    ctx.out = &std::cout;
    ctx.err = &std::cerr;
    CLI::App app{_("Ladder — enterprise tier cultivation registry (企业梯度培育管理)"),
                 "ladder-cli"};
    // Loaded only when asked: the rule sets shipped and the schema this build writes.
    app.set_version_flag(
        "--version", [] { return ladder::app::version_text("ladder-cli"); },
        _("print the version, schema version, rule sets shipped and git revision"));
    app.require_subcommand(1);
    auto* db_opt = app.add_option("--db", ctx.db_path,
                                  _("SQLite registry file (default: the user's data directory)"));
    app.add_option("--db-url", ctx.db_url,
                   _("SOCI connection string: sqlite3://db=PATH or postgresql://..."))
        ->excludes(db_opt);
    app.add_option("--lang", ctx.lang, _("interface language: zh_CN or en"));

    int status = 0;
    auto& regs = cli::registrars();
    std::stable_sort(regs.begin(), regs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, registrar] : regs) registrar(app, ctx, status);
    cli::localise_help(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Help and --version are printed as CLI11 formats them; a usage error in the
        // interface's language, with what to do.
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "ladder-cli: " << cli::usage_error_text(e) << '\n'
                  << _("Run ladder-cli --help (or COMMAND --help) for the options.") << '\n';
        return 2;
    } catch (const InputError& e) {
        for (const auto& err : e.errors()) std::cerr << err.to_string() << '\n';
        return 1;
    } catch (const UsageError& e) {
        std::cerr << "ladder-cli: " << e.what() << '\n';
        return 2;
    } catch (const Cancelled&) {
        std::cerr << "ladder-cli: " << _("cancelled; nothing was changed") << '\n';
        return 1;
    } catch (const std::exception& e) {
        // SQLite's own words ("database is locked") come with the translation and what to do.
        std::string advice = storage_error_advice(e.what());
        std::cerr << "ladder-cli: " << (advice.empty() ? e.what() : advice + " (" + e.what() + ")")
                  << '\n';
        return 1;
    }
    return status;
}
