#include "background.hpp"

#include <wx/intl.h>

#include "model/errors.hpp"
#include "model/progress.hpp"
#include "text.hpp"
#include "model/library_errors.hpp"

namespace ladder::gui {

Worker::Worker(std::string db_url) : url_(std::move(db_url)), thread_([this] { run(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    wake_.notify_all();
    thread_.join();
}

void Worker::submit(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        ++pending_;
    }
    wake_.notify_one();
}

void Worker::clear_pending() {
    std::deque<Job> dropped;
    {
        std::lock_guard lock(mutex_);
        dropped.swap(jobs_);
        pending_ -= static_cast<int>(dropped.size());
    }
    // Each job posts even when it did not run (see Guard): run them with no database.
    for (auto& job : dropped) job = nullptr;
}

void Worker::run() {
    std::unique_ptr<Database> db;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        try {
            if (!db) db = std::make_unique<Database>(Database::open(url_));
            job(*db);
        } catch (...) {
            // Jobs catch and report their own errors; this only keeps the thread alive.
        }
        job = nullptr;
        --pending_;
    }
}

std::string error_text(std::exception_ptr error) {
    try {
        if (error) std::rethrow_exception(error);
    } catch (const InputError& e) {
        std::string text;
        std::size_t shown = 0;
        for (const auto& err : e.errors()) {
            if (shown++ == 20) {
                text += utf8(wxString::Format(_("... and %zu more"), e.errors().size() - 20));
                break;
            }
            text += err.to_string() + "\n";
        }
        return text;
    } catch (const Cancelled&) {
        return utf8(_("Cancelled; nothing was changed."));
    } catch (const std::exception& e) {
        // As the CLI says it: SQLite's own words ("database is locked") come translated, with
        // what to do, and the library's text after them for the record.
        const std::string advice = storage_error_advice(e.what());
        return advice.empty() ? std::string(e.what()) : advice + " (" + e.what() + ")";
    } catch (...) {
        return utf8(_("An unexpected error occurred."));
    }
    return {};
}

}  // namespace ladder::gui
