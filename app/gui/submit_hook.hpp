#pragma once
// "Submit application" from the firm view: asks for a note and hands it to WorkflowService,
// which checks the role and takes the eligibility snapshot.
#include <string>

class wxWindow;

namespace ladder::gui {
struct Session;
// True when an application was submitted.
bool submit_application_for(wxWindow* parent, Session& session, const std::string& credit_code,
                            const std::string& tier, bool ask = true);
}  // namespace ladder::gui
