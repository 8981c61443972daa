#include "window_checks.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <wx/anybutton.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/radiobut.h>
#include <wx/app.h>
#include <wx/statbox.h>
#include <wx/stockitem.h>
#include <wx/stattext.h>
#include <wx/bitmap.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/dialog.h>
#include <wx/toplevel.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/bookctrl.h>
#include <wx/grid.h>
#include <wx/radiobox.h>
#include <wx/listctrl.h>
#include <wx/statusbr.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include "model/measures.hpp"
#include "model/names.hpp"
#include "model/workflow.hpp"
#include "text.hpp"

namespace ladder::gui {

// Why a button of `top` could not be pressed: outside the window's client area, squeezed
// (narrower or lower than it needs), or covered by another control. Empty: every shown button
// is whole and free.
std::vector<wxString> button_layout_problems(wxTopLevelWindow* top) {
    std::vector<wxWindow*> controls;
    std::function<void(wxWindow*)> collect = [&](wxWindow* w) {
        for (wxWindow* child : w->GetChildren()) {
            if (!child->IsShownOnScreen() || child->IsTopLevel()) continue;
            controls.push_back(child);
            collect(child);
        }
    };
    collect(top);
    const wxRect client(top->ClientToScreen(wxPoint(0, 0)), top->GetClientSize());
    auto related = [](wxWindow* a, wxWindow* b) {
        for (wxWindow* w = a; w; w = w->GetParent())
            if (w == b) return true;
        for (wxWindow* w = b; w; w = w->GetParent())
            if (w == a) return true;
        return false;
    };
    std::vector<wxString> problems;
    for (wxWindow* w : controls) {
        auto* button = dynamic_cast<wxAnyButton*>(w);
        if (!button) continue;
        const wxRect r = button->GetScreenRect();
        wxString name = button->GetLabel().empty() ? button->GetName() : button->GetLabel();
        name.Replace("&", "");
        if (!client.Contains(r)) {
            problems.push_back(wxString::Format(
                "button '%s' at %d,%d %dx%d lies outside its window (%d,%d %dx%d)", name, r.x, r.y,
                r.width, r.height, client.x, client.y, client.width, client.height));
            continue;
        }
        const wxSize best = button->GetBestSize();
        if (r.width < best.x * 3 / 4 || r.height < best.y * 3 / 4)
            problems.push_back(wxString::Format("button '%s' is squeezed to %dx%d (needs %dx%d)",
                                                name, r.width, r.height, best.x, best.y));
        for (wxWindow* other : controls) {
            if (other == w || related(other, w) || !dynamic_cast<wxControl*>(other) ||
                dynamic_cast<wxStaticBox*>(other))
                continue;
            if (other->GetScreenRect().Intersects(r))
                problems.push_back(wxString::Format("button '%s' is covered by %s '%s'", name,
                                                    other->GetClassInfo()->GetClassName(),
                                                    other->GetName()));
        }
    }
    return problems;
}

namespace {

// The mnemonic letter of a label ("&Save" → 's'), or 0 when it has none.
wxChar mnemonic_of(const wxString& label) {
    for (std::size_t i = 0; i + 1 < label.size(); ++i) {
        if (label[i] != '&') continue;
        if (label[i + 1] == '&') {
            ++i;  // "&&" is a literal ampersand
            continue;
        }
        return static_cast<wxChar>(wxTolower(label[i + 1]));
    }
    return 0;
}

}  // namespace

// Why `top` could not be worked from the keyboard: a button, check box or radio button
// without a mnemonic (stock buttons have GTK's), two controls sharing one mnemonic, or a tab
// order that jumps back up and to the left against the reading order of the layout.
std::vector<wxString> keyboard_problems(wxTopLevelWindow* top) {
    std::vector<wxString> problems;
    std::map<wxChar, wxString> taken;
    std::function<void(wxWindow*)> walk = [&](wxWindow* parent) {
        wxWindow* previous = nullptr;
        for (wxWindow* w : parent->GetChildren()) {  // the children's order is the tab order
            if (!w->IsShownOnScreen() || w->IsTopLevel()) continue;
            const bool labelled = dynamic_cast<wxButton*>(w) || dynamic_cast<wxCheckBox*>(w) ||
                                  dynamic_cast<wxRadioButton*>(w);
            // A label's mnemonic moves to the control after it: it counts as taken too.
            if (auto* text = dynamic_cast<wxStaticText*>(w);
                text && mnemonic_of(text->GetLabel())) {
                wxString label = text->GetLabel();
                const wxChar key = mnemonic_of(label);
                label.Replace("&", "");
                if (auto [it, fresh] = taken.emplace(key, label); !fresh)
                    problems.push_back(wxString::Format("'%s' and '%s' share Alt+%c", it->second,
                                                        label, wxToupper(key)));
            }
            if (labelled && !w->GetLabel().empty() && !wxIsStockID(w->GetId())) {
                wxString label = w->GetLabel();
                const wxChar key = mnemonic_of(label);
                label.Replace("&", "");
                if (!key) {
                    problems.push_back("'" + label + "' has no mnemonic (Alt+letter)");
                } else if (auto [it, fresh] = taken.emplace(key, label); !fresh) {
                    problems.push_back(wxString::Format("'%s' and '%s' share Alt+%c", it->second,
                                                        label, wxToupper(key)));
                }
            }
            if (w->AcceptsFocusFromKeyboard() && w->IsEnabled()) {
                if (previous) {
                    const wxRect a = previous->GetScreenRect(), b = w->GetScreenRect();
                    // Back up a line and to the left: Tab leaves the reading order.
                    if (b.GetBottom() < a.GetTop() && b.GetRight() < a.GetLeft())
                        problems.push_back(wxString::Format(
                            "Tab goes from %s '%s' back up to %s '%s'",
                            previous->GetClassInfo()->GetClassName(), previous->GetName(),
                            w->GetClassInfo()->GetClassName(), w->GetName()));
                }
                previous = w;
            }
            walk(w);
        }
    };
    walk(top);
    return problems;
}

// --- check-chinese: what a Chinese reader sees must be Chinese --------------------------------

// The ids the model keeps (tiers, states, chains, roles, review levels, measures): shown to a
// reader they are a missing translation through model/names.hpp.
std::set<std::string> internal_ids() {
    std::set<std::string> ids;
    for (const auto& choices :
         {tier_choices(), state_choices(), chain_choices(), role_choices(), review_level_choices()})
        for (const auto& c : choices) ids.insert(c.id);
    for (const auto& m : kMeasures) ids.insert(std::string(m.id));
    // A few ids are also ordinary Chinese-free words we allow on their own (none today).
    return ids;
}

namespace {

// Words that stay in Latin letters in the Chinese interface: product and format names.
bool allowed_latin(const std::string& word) {
    static const std::set<std::string> allowed = {
        "SQLite", "PostgreSQL", "PDF", "XLSX", "CSV", "JSON", "Excel", "Ladder", "GB", "T", "ID",
        "IP", "IPO", "LED", "VR", "R", "D", "Ctrl", "Alt", "Shift", "Tab", "Esc", "Enter", "F",
        "UTC", "GBK", "UTF", "xlsx", "csv", "pdf", "json", "db", "sqlite", "docx", "GDP",
        // Roman numerals: I类/II类知识产权 is how the rules name the classes.
        "I", "II", "III", "IV"};
    return allowed.count(word) > 0;
}

}  // namespace

// One text's problems: an internal id, or an English word. Tokens with a digit, a dot or a
// slash (credit codes, rule-set ids such as national-2022, file names, dates, units) pass.
std::vector<std::string> chinese_problems(const wxString& shown, const std::set<std::string>& ids,
                                          const std::set<std::string>& data) {
    std::vector<std::string> problems;
    const std::string text = shown.utf8_string();
    std::size_t i = 0;
    auto token_char = [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '@' ||
               c == ':' || c == '+';
    };
    while (i < text.size()) {
        if (!token_char(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && token_char(static_cast<unsigned char>(text[j]))) ++j;
        std::string token = text.substr(i, j - i);
        i = j;
        while (!token.empty() &&
               (token.back() == '.' || token.back() == ':' || token.back() == '-'))
            token.pop_back();
        if (data.count(token)) continue;
        if (ids.count(token)) {
            problems.push_back("id '" + token + "'");
            continue;
        }
        bool has_letter = false, skip = false;
        for (char c : token) {
            if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '@')
                skip = true;
            if (std::isalpha(static_cast<unsigned char>(c))) has_letter = true;
        }
        if (skip || !has_letter) continue;
        // Split into words at '_', '-', ':', '+'.
        std::string word;
        auto flush = [&] {
            if (word.size() >= 2 && !allowed_latin(word) && !ids.count(word))
                problems.push_back("English '" + word + "'");
            else if (ids.count(word))
                problems.push_back("id '" + word + "'");
            word.clear();
        };
        for (char c : token) {
            if (std::isalpha(static_cast<unsigned char>(c)))
                word += c;
            else
                flush();
        }
        flush();
    }
    return problems;
}

// The texts a reader sees in `top`: labels, buttons, headings, list rows on screen, choices,
// notebook tabs, grid cells and labels. Each comes with where it is, for the report.
std::vector<std::pair<wxString, wxString>> visible_texts(wxTopLevelWindow* top) {
    std::vector<std::pair<wxString, wxString>> texts;
    auto add = [&](wxWindow* w, const wxString& what, const wxString& text) {
        if (!text.empty())
            texts.emplace_back(w->GetClassInfo()->GetClassName() + wxString(" ") + w->GetName() +
                                   (what.empty() ? wxString() : " " + what),
                               text);
    };
    add(top, "title", top->GetTitle());
    std::function<void(wxWindow*)> walk = [&](wxWindow* w) {
        for (wxWindow* child : w->GetChildren()) {
            if (!child->IsShownOnScreen() || child->IsTopLevel()) continue;
            if (auto* list = dynamic_cast<wxListCtrl*>(child)) {
                wxListItem col;
                col.SetMask(wxLIST_MASK_TEXT);
                for (int c = 0; c < list->GetColumnCount(); ++c)
                    if (list->GetColumn(c, col)) add(child, "column", col.GetText());
                const long first = list->GetTopItem();
                const long last = std::min<long>(list->GetItemCount(),
                                                 first + std::max(list->GetCountPerPage(), 1) + 1);
                for (long row = std::max(first, 0L); row < last; ++row)
                    for (int c = 0; c < std::max(list->GetColumnCount(), 1); ++c)
                        add(child, wxString::Format("row %ld", row), list->GetItemText(row, c));
            } else if (auto* grid = dynamic_cast<wxGrid*>(child)) {
                for (int c = 0; c < grid->GetNumberCols(); ++c)
                    add(child, "column", grid->GetColLabelValue(c));
                for (int r = 0; r < grid->GetNumberRows(); ++r) {
                    add(child, "row label", grid->GetRowLabelValue(r));
                    for (int c = 0; c < grid->GetNumberCols(); ++c)
                        if (grid->IsReadOnly(r, c))
                            add(child, wxString::Format("cell %d,%d", r, c),
                                grid->GetCellValue(r, c));
                }
            } else if (auto* box = dynamic_cast<wxListBox*>(child)) {
                for (unsigned k = 0; k < box->GetCount(); ++k)
                    add(child, "item", box->GetString(k));
            } else if (auto* choice = dynamic_cast<wxChoice*>(child)) {
                for (unsigned k = 0; k < choice->GetCount(); ++k)
                    add(child, "choice", choice->GetString(k));
            } else if (auto* radio = dynamic_cast<wxRadioBox*>(child)) {
                add(child, "label", radio->GetLabel());
                for (unsigned k = 0; k < radio->GetCount(); ++k)
                    add(child, "choice", radio->GetString(k));
            } else if (auto* book = dynamic_cast<wxBookCtrlBase*>(child)) {
                for (std::size_t k = 0; k < book->GetPageCount(); ++k)
                    add(child, "tab", book->GetPageText(k));
            } else if (dynamic_cast<wxStaticText*>(child) || dynamic_cast<wxAnyButton*>(child) ||
                       dynamic_cast<wxCheckBox*>(child) || dynamic_cast<wxStaticBox*>(child)) {
                wxString label = child->GetLabel();
                label.Replace("&", "");
                add(child, "", label);
            }
            walk(child);
        }
    };
    walk(top);
    return texts;
}

}  // namespace ladder::gui
