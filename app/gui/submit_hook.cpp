#include "submit_hook.hpp"

#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include "services/workflow_service.hpp"
#include "session.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

bool submit_application_for(wxWindow* parent, Session& session, const std::string& credit_code,
                            const std::string& tier, bool ask) {
    const RuleSet* rules = session.rules();
    const TierRules* t = rules ? rules->find_tier(tier) : nullptr;
    wxString tier_name = t ? wx(t->zh) : wx(tier);
    wxTextEntryDialog note(
        parent,
        wxString::Format(
            _("Submit an application of %s for %s, assessment year %d.\nNote (optional):"),
            wx(credit_code), tier_name, session.year),
        _("Submit application"));
    if (ask && note.ShowModal() != wxID_OK) return false;
    try {
        WorkflowService service(*session.db, session.rule_source);
        int64_t id = service.submit_new(session.actor, credit_code, tier, session.year,
                                        Date::today(), utf8(note.GetValue()));
        trace(wxString::Format("application-submitted %lld", static_cast<long long>(id)));
        if (ask)
            wxMessageBox(
                wxString::Format(_("Application %lld submitted; it waits in the review queue."),
                                 static_cast<long long>(id)),
                _("Submit application"), wxOK | wxICON_INFORMATION, parent);
        return true;
    } catch (...) {
        wxString msg = wx(error_text(std::current_exception()));
        trace("application-refused " + msg);
        if (ask) wxMessageBox(msg, _("Submit application"), wxOK | wxICON_WARNING, parent);
        return false;
    }
}

}  // namespace ladder::gui
