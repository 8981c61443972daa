#pragma once
// 我的工作: the start page. What waits for the signed-in user — for a clerk the figures to
// collect, the titles lapsing this year and their own drafts; for a reviewer the applications
// they may decide and the publicity windows to close — as counts, each with a button that
// opens the page showing exactly those firms or applications.
#include <functional>
#include <vector>

#include "page.hpp"
#include "services/desk_service.hpp"

class wxFlexGridSizer;
class wxStaticText;
class wxButton;

namespace ladder::gui {

class TodayPanel : public Page {
  public:
    // `open` shows what a count stands for (the main frame switches pages).
    TodayPanel(wxWindow* parent, Session& session, std::function<void(const DeskCount&)> open);
    void activated() override;
    void year_changed() override;
    void permissions_changed() override;
    wxString describe() const override;
    // Counts again on the job worker.
    void reload();
    // Presses the button of the `index`-th count (0-based), as a click would.
    void open(std::size_t index);
    const std::vector<DeskCount>& counts() const { return counts_; }

  private:
    void show(std::vector<DeskCount> counts);

    std::function<void(const DeskCount&)> open_;
    wxStaticText* heading_;
    wxStaticText* status_;
    wxFlexGridSizer* grid_;
    std::vector<DeskCount> counts_;
    unsigned generation_ = 0;  // a reload started later wins
};

}  // namespace ladder::gui
