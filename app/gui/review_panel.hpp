#pragma once
// 审核: applications waiting for a decision with their eligibility snapshot; approve or reject
// with a comment and the reviewer-confirmed ticks; the service enforces roles and four eyes and
// its refusal is shown as a message; the application's audit history.
#include <cstdint>
#include <optional>
#include <vector>

#include "services/workflow_service.hpp"
#include "page.hpp"
#include "prompter.hpp"

class wxListCtrl;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace ladder::gui {

class ReviewPanel : public Page {
  public:
    ReviewPanel(wxWindow* parent, Session& session);
    void activated() override;
    void year_changed() override;
    wxString describe() const override;
    void reload();
    void select(std::size_t index);
    // Selects the newest application listed (the highest number): the one a script just
    // submitted, whatever else waits in review.
    void select_newest();
    // Only these applications (a count of 我的工作), named `what` above the list, until
    // 显示全部.
    void show_only(std::vector<int64_t> ids, const wxString& what);
    void show_all();
    // Decides the selected application; `confirm_all` ticks every reviewer-confirmed criterion
    // (the self-test; people tick them in the dialog). Returns the message shown.
    // What the self-test types into the decision dialog (doc_no "-": none).
    struct DecisionPreset {
        wxString date, doc_no;
    };
    // Approves or rejects the selected application: through the decision dialog when `prompter`
    // asks for input (or filled from `preset`, checked the same way), else dated today with every
    // reviewer-confirmed criterion ticked.
    wxString decide(bool approve, const wxString& comment, Prompter& prompter = dialog_prompter(),
                    const DecisionPreset* preset = nullptr);
    // 公示: an objection received during publicity, on `on` (asked for when `prompter`
    // asks for input).
    wxString record_objection(const wxString& text, const Date& on,
                              Prompter& prompter = dialog_prompter());
    // Ends the selected application's publicity; with an objection the outcome says whether it
    // was dismissed or upheld. When `prompter` asks for input, a
    // dialog asks for the date, outcome and comment.
    wxString close_publicity(const Date& on, std::optional<PublicityOutcome> outcome,
                             const wxString& comment, Prompter& prompter = dialog_prompter());

  private:
    void show_details();
    void update_buttons();
    void permissions_changed() override { update_buttons(); }
    const Application* selected() const;

    wxListCtrl* list_;
    wxStaticText* summary_;
    wxListCtrl* criteria_;
    wxTextCtrl* history_;
    wxButton* approve_;
    wxButton* reject_;
    wxButton* close_;
    wxButton* object_;
    wxButton* show_all_;
    std::vector<Application> apps_;
    std::vector<int64_t> only_;  // show_only()'s applications, while it applies
    wxString only_what_;
    wxString last_message_;
};

}  // namespace ladder::gui
