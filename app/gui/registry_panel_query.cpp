// The registry list's queries: a page of firms on the job worker, counted up to a cap first so
// the first page comes at once, pages cached as they are shown; the panel is registry_panel.cpp.
#include "registry_panel.hpp"
#include <algorithm>
#include <atomic>
#include <ctime>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/headerctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/stopwatch.h>
#include <wx/wrapsizer.h>
#include <wx/button.h>
#include "firm_dialog.hpp"
#include "firm_list.hpp"
#include "import_wizard.hpp"
#include "model/import_schema.hpp"
#include "model/industry.hpp"
#include "model/progress.hpp"
#include "model/rules/evaluate.hpp"
#include "model/tally.hpp"
#include "model/table.hpp"
#include "session.hpp"
#include "permissions.hpp"
#include "text.hpp"
#include "trace.hpp"

namespace ladder::gui {

namespace {
// CPU time of the calling thread in ms: what a query costs, whatever else the machine runs.
long thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<long>(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

struct PageResult {
    std::size_t count = 0;
    bool exact = true;
    std::vector<Firm> firms;
    std::vector<Recognition> recognitions;
    std::string error;
    long elapsed_ms = 0;
    long cpu_ms = 0;
};
}  // namespace

void RegistryPanel::run_query(bool restart) {
    ++generation_;
    latest_generation_->store(generation_);
    pages_.clear();
    requested_.clear();
    loading_ = true;
    requested_.insert(0);
    // Rows of the old list are no rows of the new one: repainting them from the old scroll
    // position would ask for pages the new list may not have.
    if (restart) list_->restart();
    status_->SetLabel(_("Searching..."));
    unsigned gen = generation_;
    auto filter = filter_;
    auto sort = sort_;
    session_.list_worker->submit([g = guard(this), gen, filter, sort,
                                  latest = latest_generation_](Database& db) mutable {
        auto superseded = [&latest, gen] { return latest->load() != gen; };
        if (superseded()) {
            post(std::move(g), [](RegistryPanel*) {});  // the guard goes back to the UI thread
            return;
        }
        PageResult r;
        wxStopWatch watch;
        long cpu_start = thread_cpu_ms();
        std::optional<RegistrySearch> q;
        try {
            q.emplace(db);
            // The first page comes first: it walks the list in order and stops at 100 rows, or
            // when the user types on.
            auto first = q->page_unless(filter, sort, 0, kPageRows, superseded);
            if (!first) {
                post(std::move(g), [](RegistryPanel*) {});  // a newer query is on its way
                return;
            }
            r.firms = std::move(*first);
            if (r.firms.size() < kPageRows) {
                r.count = r.firms.size();  // the first page holds every match
            } else {
                // Counting a million firms or every match of a common word costs a scan;
                // counting 1,001 of them does not, unless matches are rare (then the time limit
                // stops it). The exact number follows.
                long start = watch.Time();
                auto slow = [&] { return superseded() || watch.Time() - start > kCappedCountMs; };
                auto capped = q->count_unless(filter, slow, kCountCap + 1);
                r.exact = capped && *capped <= kCountCap;
                r.count = r.exact ? *capped : capped ? kCountCap : r.firms.size();
            }
            std::vector<std::string> codes;
            for (const auto& f : r.firms) codes.push_back(f.credit_code);
            r.recognitions = q->recognitions_of(codes);
        } catch (...) {
            r.error = error_text(std::current_exception());
        }
        r.elapsed_ms = watch.Time();
        r.cpu_ms = thread_cpu_ms() - cpu_start;
        bool count_later = r.error.empty() && !r.exact;
        auto show = [gen, r = std::move(r)](RegistryPanel* p) {
            if (gen != p->generation_) return;  // a newer query is on its way
            p->loading_ = false;
            if (!r.error.empty()) {
                p->status_->SetLabel(wx(r.error));
                return;
            }
            p->count_ = r.count;
            p->count_exact_ = r.exact;
            std::vector<std::vector<wxString>> rows;
            for (const auto& f : r.firms) rows.push_back(p->row_cells(f, r.recognitions));
            p->pages_[0] = std::move(rows);
            p->list_->SetItemCount(p->count_);
            p->list_->Refresh();
            p->status_->SetLabel(p->count_text());
            trace(wxString::Format("registry-count %zu %ldms cpu=%ldms%s", p->count_, r.elapsed_ms,
                                   r.cpu_ms, r.exact ? "" : " capped"));
            if (p->count_ == 0 &&
                p->typed_at_ >= 0) {  // nothing to paint: the empty list is the answer
                p->painted_generation_ = p->generation_;
                trace(wxString::Format("search-painted %ldms count=0", uptime_ms() - p->typed_at_));
            }
        };
        if (!count_later) {
            post(std::move(g), std::move(show));
            return;
        }
        wxTheApp->CallAfter([g, show = std::move(show)]() mutable {
            if (RegistryPanel* p = g->get()) show(p);
        });
        std::optional<std::size_t> exact;
        wxStopWatch counting;
        try {
            exact = q->count_unless(filter, superseded);
        } catch (...) {
            // The first page is shown; the status keeps "1000+".
        }
        post(std::move(g), [gen, exact, ms = counting.Time()](RegistryPanel* p) {
            if (!exact || gen != p->generation_) return;
            p->count_ = *exact;
            p->count_exact_ = true;
            p->list_->SetItemCount(p->count_);
            p->list_->Refresh();
            p->status_->SetLabel(p->count_text());
            trace(wxString::Format("registry-exact-count %zu %ldms", *exact, ms));
        });
    });
}

wxString RegistryPanel::count_text() const {
    wxString count = count_exact_ ? wxString::Format(_("%zu firms"), count_)
                                  : wxString::Format(_("%zu+ firms (counting...)"), count_);
    if (shown_only_.empty()) return count;
    return wxString::Format(_("%s: %s"), shown_only_, count);
}

void RegistryPanel::request_page(std::size_t page) {
    if (!requested_.insert(page).second) return;
    unsigned gen = generation_;
    auto filter = filter_;
    auto sort = sort_;
    session_.list_worker->submit([g = guard(this), gen, filter, sort, page,
                                  latest = latest_generation_](Database& db) mutable {
        PageResult r;
        if (latest->load() != gen) {
            post(std::move(g), [](RegistryPanel*) {});  // superseded before it started
            return;
        }
        try {
            RegistrySearch q(db);
            auto firms = q.page_unless(filter, sort, page * kPageRows, kPageRows,
                                       [&latest, gen] { return latest->load() != gen; });
            if (!firms) {
                post(std::move(g), [](RegistryPanel*) {});  // superseded while it ran
                return;
            }
            r.firms = std::move(*firms);
            std::vector<std::string> codes;
            for (const auto& f : r.firms) codes.push_back(f.credit_code);
            r.recognitions = q.recognitions_of(codes);
        } catch (...) {
            r.error = error_text(std::current_exception());
        }
        post(std::move(g), [gen, page, r = std::move(r)](RegistryPanel* p) {
            if (gen != p->generation_) return;
            if (!r.error.empty()) {
                p->status_->SetLabel(wx(r.error));
                return;
            }
            std::vector<std::vector<wxString>> rows;
            for (const auto& f : r.firms) rows.push_back(p->row_cells(f, r.recognitions));
            // Keep the cache small: drop the pages farthest from this one.
            while (p->pages_.size() >= kMaxCachedPages) {
                auto far = std::max_element(
                    p->pages_.begin(), p->pages_.end(), [page](const auto& a, const auto& b) {
                        auto da = a.first > page ? a.first - page : page - a.first;
                        auto db = b.first > page ? b.first - page : page - b.first;
                        return da < db;
                    });
                p->requested_.erase(far->first);
                p->pages_.erase(far);
            }
            p->pages_[page] = std::move(rows);
            // A page asked for while the list was longer may now lie past its end.
            std::size_t first = page * kPageRows;
            if (first < p->count_)
                p->list_->RefreshRows(first, std::min(p->count_, first + kPageRows) - 1);
        });
    });
}

const std::vector<wxString>* RegistryPanel::cells(std::size_t row) {
    std::size_t page = row / kPageRows;
    auto it = pages_.find(page);
    if (it == pages_.end()) {
        request_page(page);
        return nullptr;
    }
    std::size_t k = row % kPageRows;
    if (k >= it->second.size()) return nullptr;
    if (!first_paint_traced_) {
        first_paint_traced_ = true;
        trace(wxString::Format("first-page-painted %ldms", uptime_ms()));
    }
    if (page == 0 && painted_generation_ != generation_ && typed_at_ >= 0) {
        // From the keystroke (or scripted search) to its first rows on screen.
        painted_generation_ = generation_;
        trace(wxString::Format("search-painted %ldms count=%s", uptime_ms() - typed_at_,
                               count_text()));
    }
    return &it->second[k];
}

std::vector<wxString> RegistryPanel::row_cells(const Firm& f,
                                               const std::vector<Recognition>& recognitions) const {
    std::vector<wxString> c;
    c.push_back(wx(f.credit_code));
    c.push_back(wx(f.name));
    wxString region;
    if (!f.region_code.empty()) {
        region = wx(session_.regions->name(city_of(f.region_code)));
        if (f.region_code.size() == 6) region += " " + wx(session_.regions->name(f.region_code));
    }
    c.push_back(region);
    c.push_back(wx(f.industry_code));
    const Chain* chain = f.chain.empty() ? nullptr : find_chain(f.chain);
    c.push_back(chain ? wx(chain->zh) : wx(f.chain));
    c.push_back(wx(f.founded.to_string()));
    wxString tiers;
    if (const RuleSet* rules = session_.rules()) {
        TierCatalog catalog = rules->tier_catalog();
        Date day(session_.year, 1, 1);
        for (const auto& t : rules->tiers) {
            bool held =
                std::any_of(recognitions.begin(), recognitions.end(), [&](const Recognition& r) {
                    return r.credit_code == f.credit_code && r.tier == t.id &&
                           recognition_covers(r, catalog, day);
                });
            if (held) tiers += (tiers.empty() ? "" : wxString::FromUTF8("、")) + wx(t.zh);
        }
    }
    c.push_back(tiers);
    return c;
}

}  // namespace ladder::gui
