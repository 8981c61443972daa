#pragma once
// gettext for the non-GUI layers. English is the source language; the zh_CN catalog ships in
// resources/locale. The GUI uses the same catalog through wxTranslations.
#include <libintl.h>
#include <string>
#include <string_view>
#include <vector>

#ifndef _
#define _(s) ::gettext(s)
#endif
#define N_(s) s

namespace ladder {
inline constexpr const char* kTextDomain = "ladder";
// Binds the "ladder" text domain to the catalog directory (see resources.hpp) and sets the
// process locale from the environment. When the environment asks for Chinese but that
// locale is not installed, falls back to C.UTF-8 with LANGUAGE so the catalog still applies.
void init_i18n();
// The interface languages shipped ("zh_CN", "en").
std::vector<std::string> available_languages();
// Whether `lang` (zh, zh_CN, zh_CN.UTF-8, en, en_US, C …) names one of them.
bool is_available_language(std::string_view lang);
// Forces a UI language ("zh_CN", "en"); empty keeps the environment's choice.
void set_ui_language(const std::string& lang);
}  // namespace ladder
