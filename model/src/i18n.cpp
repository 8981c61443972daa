#include "model/i18n.hpp"

#include <clocale>
#include <cstdlib>
#include <string_view>

#include "model/resources.hpp"

namespace ladder {

namespace {
std::string wanted_language() {
    for (const char* var : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (const char* v = std::getenv(var); v && *v) return v;
    }
    return {};
}
}  // namespace

void init_i18n() {
    const char* applied = std::setlocale(LC_ALL, "");
    std::string lang = wanted_language();
    if (const char* v = std::getenv("LADDER_LANG"); v && *v) lang = v;
    // Chinese first: an environment that names no language (unset, C, POSIX) gets the zh_CN
    // catalog; en_* (or --lang en) gets the English source text.
    bool names_language =
        !lang.empty() && lang != "C" && lang != "POSIX" && lang.rfind("C.", 0) != 0;
    if (!names_language) lang = "zh_CN";
    // gettext ignores LANGUAGE under the plain C locale; the always-present C.UTF-8 keeps
    // catalogs working on machines without a zh_CN locale installed.
    if (!applied || std::string_view(applied) == "C" || std::string_view(applied) == "POSIX")
        std::setlocale(LC_ALL, "C.UTF-8");
    setenv("LANGUAGE", lang.c_str(), 1);
    bindtextdomain(kTextDomain, locale_dir().c_str());
    bind_textdomain_codeset(kTextDomain, "UTF-8");
    textdomain(kTextDomain);
}

void set_ui_language(const std::string& lang) {
    if (lang.empty()) return;
    // LANGUAGE takes precedence over LC_MESSAGES for gettext; "en" has no catalog, so the
    // English source strings are shown.
    setenv("LANGUAGE", lang.c_str(), 1);
    if (const char* cur = std::setlocale(LC_MESSAGES, nullptr);
        cur && (std::string_view(cur) == "C" || std::string_view(cur) == "POSIX"))
        std::setlocale(LC_ALL, "C.UTF-8");
    // Changing LANGUAGE needs the catalog cache invalidated.
    textdomain(kTextDomain);
}

}  // namespace ladder
