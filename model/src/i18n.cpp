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
    // Chinese first: an environment that names no language at all gets the zh_CN catalog; the
    // C locale (LANG=C, POSIX, C.UTF-8) and en_* ask for the English source text.
    if (lang.empty()) lang = "zh_CN";
    if (lang == "C" || lang == "POSIX" || lang.rfind("C.", 0) == 0) lang = "en";
    // gettext ignores LANGUAGE under the plain C locale; the always-present C.UTF-8 keeps
    // catalogs working on machines without a zh_CN locale installed.
    if (!applied || std::string_view(applied) == "C" || std::string_view(applied) == "POSIX")
        std::setlocale(LC_ALL, "C.UTF-8");
    setenv("LANGUAGE", lang.c_str(), 1);
    bindtextdomain(kTextDomain, locale_dir().c_str());
    bind_textdomain_codeset(kTextDomain, "UTF-8");
    textdomain(kTextDomain);
}

std::vector<std::string> available_languages() {
    return {"zh_CN", "en"};
}

bool is_available_language(std::string_view lang) {
    // zh, zh_CN, zh_CN.UTF-8, zh_TW … all get the zh_CN catalog; en* and C get the source text.
    auto starts = [&](std::string_view p) {
        return lang.rfind(p, 0) == 0 && (lang.size() == p.size() || lang[p.size()] == '_' ||
                                         lang[p.size()] == '.' || lang[p.size()] == '-');
    };
    return starts("zh") || starts("en") || lang == "C" || lang == "POSIX" || starts("C");
}

void set_ui_language(const std::string& wanted) {
    if (wanted.empty()) return;
    // One catalog per language: zh_TW or zh_CN.UTF-8 read zh_CN's, C reads the source text.
    std::string lang = wanted.rfind("zh", 0) == 0 ? std::string("zh_CN")
                       : wanted.rfind("en", 0) == 0 || wanted == "C" || wanted == "POSIX" ||
                               wanted.rfind("C.", 0) == 0
                           ? std::string("en")
                           : wanted;
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
