#pragma once
// Role-aware controls from the same permission table the services enforce (model/workflow):
// what the signed-in user may not do is disabled and says why; the services still refuse.
#include <wx/intl.h>
#include <wx/window.h>

#include "services/user_service.hpp"
#include "model/workflow.hpp"
#include "text.hpp"

namespace ladder::gui {

// Enables `control` when the actor's role permits `op` and `ready` (the selection allows the
// action); when the role does not, the tooltip names the role and what it may not do.
inline void enable_for(wxWindow* control, const Actor& actor, Operation op, bool ready = true,
                       const wxString& allowed_tip = {}) {
    const bool allowed = permits(actor.role, op);
    control->Enable(allowed && ready);
    if (allowed && allowed_tip.empty())
        control->UnsetToolTip();
    else if (allowed)
        control->SetToolTip(allowed_tip);
    else
        control->SetToolTip(wxString::Format(_("Your role (%s) may not %s."),
                                             wx(role_label(actor.role)), wx(operation_label(op))));
}

}  // namespace ladder::gui
