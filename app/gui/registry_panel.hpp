#pragma once
// 企业库: the firm registry as a searchable, filterable, sortable list over any number of firms.
// Queries run on the session's list worker; rows arrive page by page into a small cache.
#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <wx/timer.h>

#include "services/registry_search.hpp"
#include "page.hpp"

class wxSearchCtrl;
class wxChoice;
class wxStaticText;
class wxHeaderCtrlSimple;
class wxHeaderCtrlEvent;

class wxButton;

namespace ladder::gui {

class FirmList;

class RegistryPanel : public Page {
  public:
    RegistryPanel(wxWindow* parent, Session& session);
    void activated() override;
    void year_changed() override;
    void permissions_changed() override;
    wxString describe() const override;

    // Re-reads everything (after an import or an edit).
    void reload();
    std::size_t row_count() const { return count_; }
    bool loading() const { return loading_; }
    void set_search(const wxString& text);  // as if typed
    void open_row(std::size_t row);
    void export_selection();
    void import_file();
    void focus_search();
    // Scrolls the list so that `row` is at the top and gives the list the focus.
    void scroll_to(std::size_t row);
    // Only these firms (a count of 我的工作), named `what` in the status line, until
    // 显示全部 or another eligibility filter.
    void show_only(std::vector<std::string> credit_codes, const wxString& what);
    void show_all();

  private:
    static constexpr std::size_t kPageRows = 100;
    static constexpr std::size_t kMaxCachedPages = 64;
    // A list shows its first page after counting at most this many rows...
    static constexpr std::size_t kCountCap = 1000;
    // ...for at most this long: a rare one- or two-character text has no index and is counted by
    // reading every name, so its first page comes with "100+" and the count follows.
    static constexpr long kCappedCountMs = 100;
    // Keystrokes closer together than this make one query.
    static constexpr int kDebounceMs = 50;

    void build_filters(wxSizer* sizer);
    void fill_counties();
    void filter_changed();
    void eligible_changed();
    // A new query; `restart` (a new search, filter or order, not a reload) also clears the
    // selection and scrolls back to the first row.
    void run_query(bool restart = true);
    void request_page(std::size_t page);
    const std::vector<wxString>* cells(std::size_t row);
    void on_header_click(wxHeaderCtrlEvent& e);
    void save_layout();
    std::vector<wxString> row_cells(const Firm& firm,
                                    const std::vector<Recognition>& recognitions) const;

    wxSearchCtrl* search_;
    wxChoice* city_;
    wxChoice* county_;
    wxChoice* chain_;
    wxChoice* held_;
    wxChoice* eligible_;
    wxHeaderCtrlSimple* header_;
    FirmList* list_;
    wxStaticText* status_;
    wxButton* import_ = nullptr;
    wxButton* show_all_ = nullptr;
    wxString shown_only_;  // what show_only() restricted the list to, while it does
    wxTimer debounce_;

    FirmFilter filter_;
    FirmSort sort_;
    std::size_t count_ = 0;
    // A search matching many firms is first shown with a capped count ("1000+"); the exact
    // number follows from the list worker unless the user has typed on.
    bool count_exact_ = true;
    unsigned generation_ = 0;  // bumps with every new filter/sort; stale results are dropped
    // The generation as the workers see it: jobs of an older one skip their work.
    std::shared_ptr<std::atomic<unsigned>> latest_generation_ =
        std::make_shared<std::atomic<unsigned>>(0);
    long typed_at_ = -1;  // when the search text last changed (uptime ms), for the trace
    unsigned painted_generation_ = 0;
    wxString count_text() const;
    bool loading_ = false;
    bool first_paint_traced_ = false;
    std::map<std::size_t, std::vector<std::vector<wxString>>> pages_;
    std::set<std::size_t> requested_;
    std::vector<std::string> city_codes_, county_codes_, tier_ids_;
    // Eligible-for filter: the tier and year the restriction was computed for.
    std::string eligible_tier_;
    int eligible_year_ = 0;
    std::vector<std::string> page_codes(std::size_t page) const;
    friend class RegistryPanelAccess;
};

}  // namespace ladder::gui
