#pragma once
// 用户: accounts and roles. Only administrators change them; the service refuses anyone else
// and the refusal is shown as it is.
#include "page.hpp"

class wxListCtrl;

class wxButton;

namespace ladder::gui {

class UsersPanel : public Page {
  public:
    UsersPanel(wxWindow* parent, Session& session);
    void activated() override;

  private:
    void reload();
    void permissions_changed() override;
    void add_user();
    void reset_password();
    void toggle_active();
    wxListCtrl* list_;
    wxButton* add_ = nullptr;
    wxButton* active_ = nullptr;
};

}  // namespace ladder::gui
