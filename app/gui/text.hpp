#pragma once
// The one boundary between the model's UTF-8 std::string and wxString. A narrow wxString("中文")
// is empty under the C locale, so every conversion goes through these two functions.
#include <string>

#include <wx/string.h>

namespace ladder::gui {

inline wxString wx(const std::string& utf8) {
    return wxString::FromUTF8(utf8.data(), utf8.size());
}
inline wxString wx(std::string_view utf8) {
    return wxString::FromUTF8(utf8.data(), utf8.size());
}
inline wxString wx(const char* utf8) {
    return wxString::FromUTF8(utf8);
}
inline std::string utf8(const wxString& s) {
    return s.ToStdString(wxConvUTF8);
}

}  // namespace ladder::gui
