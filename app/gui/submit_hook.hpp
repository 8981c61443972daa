#pragma once
// "Submit application" from the firm view: the clerk chooses the tier (eligible tiers first,
// each with its verdict for the assessment year) and a note; WorkflowService checks the role
// and takes the eligibility snapshot.
#include <string>

#include "model/registry.hpp"
#include "prompter.hpp"

class wxWindow;

namespace ladder::gui {
struct Session;
// True when an application was submitted. `preferred_tier` is chosen first (the tier the
// eligibility tab shows); when `prompter` does not ask for input it is submitted without a
// dialog (the self-test).
bool submit_application_for(wxWindow* parent, Session& session, const FirmRecord& firm,
                            const std::string& preferred_tier,
                            Prompter& prompter = dialog_prompter());
}  // namespace ladder::gui
