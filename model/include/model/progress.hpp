#pragma once
// Long jobs (import, evaluating everyone, reports) report progress and poll for cancellation
// through this interface; a GUI progress dialog is one observer, a CLI bar another.
#include <atomic>
#include <cstddef>
#include <string>

namespace ladder {

class Progress {
  public:
    virtual ~Progress() = default;
    // `done` of `total` units of the current phase; total 0 = unknown.
    virtual void update(std::size_t done, std::size_t total, const std::string& phase) = 0;
    virtual bool cancelled() const { return false; }
};

// Thrown by a job that noticed cancellation; everything it wrote has been rolled back.
struct Cancelled {};

inline void report(Progress* p, std::size_t done, std::size_t total, const std::string& phase) {
    if (!p) return;
    p->update(done, total, phase);
    if (p->cancelled()) throw Cancelled{};
}

}  // namespace ladder
