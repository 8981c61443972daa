#pragma once
// What the self-test checks of a shown window, the way a user meets it: buttons that can be
// pressed, a keyboard path through every control, and Chinese all the way (no internal id, no
// English word). Each returns the problems found, empty when the window passes.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <wx/string.h>

class wxTopLevelWindow;

namespace ladder::gui {

// Why a button of `top` could not be pressed: outside the window's client area, squeezed
// (narrower or lower than it needs), or covered by another control.
std::vector<wxString> button_layout_problems(wxTopLevelWindow* top);

// Why `top` could not be worked from the keyboard: a button, check box or radio button without
// a mnemonic, two controls sharing one mnemonic, or a tab order against the layout.
std::vector<wxString> keyboard_problems(wxTopLevelWindow* top);

// The ids the model keeps (tiers, states, chains, roles, review levels, measures).
std::set<std::string> internal_ids();

// One shown text's problems: an internal id in `ids`, or an English word not in `data_words`.
std::vector<std::string> chinese_problems(const wxString& shown, const std::set<std::string>& ids,
                                          const std::set<std::string>& data_words);

// The texts a reader sees in `top`, each with where it is.
std::vector<std::pair<wxString, wxString>> visible_texts(wxTopLevelWindow* top);

}  // namespace ladder::gui
