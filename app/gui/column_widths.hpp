#pragma once
// Column widths a user sets by dragging a list's header stay as they left them: saved under
// `key` in the configuration when a drag ends, restored when the list is built again.
#include <wx/config.h>
#include <wx/listctrl.h>

namespace ladder::gui {

// Call after the list's columns are appended (their widths are the defaults).
// A list without a name of its own is named `key` (the self-test finds it by that name).
inline void remember_column_widths(wxListCtrl* list, const wxString& key) {
    if (list->GetName() == wxListCtrlNameStr) list->SetName(key);
    wxConfigBase* config = wxConfigBase::Get();
    for (int i = 0; i < list->GetColumnCount(); ++i) {
        long width = config->ReadLong(wxString::Format("/Columns/%s/%d", key, i), -1);
        if (width > 0) list->SetColumnWidth(i, static_cast<int>(width));
    }
    list->Bind(wxEVT_LIST_COL_END_DRAG, [list, key](wxListEvent& e) {
        e.Skip();
        // The new width is the list's only after the event has been handled.
        list->CallAfter([list, key] {
            for (int i = 0; i < list->GetColumnCount(); ++i)
                wxConfigBase::Get()->Write(wxString::Format("/Columns/%s/%d", key, i),
                                           list->GetColumnWidth(i));
        });
    });
}

}  // namespace ladder::gui
