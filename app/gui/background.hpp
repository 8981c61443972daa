#pragma once
// Long work off the UI thread. A job runs on a worker thread with its own database connection
// (a SOCI session belongs to one thread); its result is handed back to the UI thread with
// CallAfter and delivered only if the window that asked still exists (wxWeakRef, checked on
// the UI thread — the same shape as Poedit's concurrency.h).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <wx/app.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include "db/database.hpp"

namespace ladder::gui {

// The guard lives on the heap and is only created, read and destroyed on the UI thread: the
// worker only carries the shared_ptr and gives its copy up when it posts the result.
template <class Window>
using Guard = std::shared_ptr<wxWeakRef<Window>>;

template <class Window>
Guard<Window> guard(Window* w) {
    return std::make_shared<wxWeakRef<Window>>(w);
}

// Runs `apply(window)` on the UI thread if the window still exists.
template <class Window, class F>
void post(Guard<Window> g, F apply) {
    wxTheApp->CallAfter([g = std::move(g), apply = std::move(apply)]() mutable {
        if (Window* w = g->get()) apply(w);
    });
}

// One thread with one database connection running queued jobs in order.
class Worker {
  public:
    using Job = std::function<void(Database&)>;
    explicit Worker(std::string db_url);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void submit(Job job);
    // Drops queued jobs not yet started (a newer query replaces them).
    void clear_pending();
    const std::string& url() const { return url_; }
    // No job queued or running (the self-test waits for this).
    bool idle() const { return pending_ == 0; }

  private:
    void run();
    std::string url_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    bool stop_ = false;
    std::atomic<int> pending_{0};
    std::thread thread_;
};

// A translated one-sentence message for any exception (the one place errors become text).
std::string error_text(std::exception_ptr error);

}  // namespace ladder::gui
