/// \file StandingRefresher.hpp
/// The background side of the kept standings: a thread that recomputes the standings that no
/// longer hold (stale, past their day, computed with other versions) in small batches, oldest
/// mark first, so that reads find them fresh. Each batch is one short write; between batches
/// other writers get their turn. A read never waits for it: a read that finds a standing that
/// does not hold recomputes it itself.
#pragma once

#include "services/standings/KeptStandings.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace yanzhen::services {

class StandingRefresher {
public:
    struct Options {
        std::size_t batch = 32;               ///< people per write
        std::chrono::milliseconds idle{2000}; ///< the wait when nothing is due
        std::chrono::milliseconds between{5}; ///< the pause between two batches
    };

    /// `today` is the host's clock (clock::today, which --date pins).
    StandingRefresher(store::Store& store, CourseVersions& versions, AnswerWriter writer,
                      std::function<std::int32_t()> today, Options options);
    StandingRefresher(store::Store& store, CourseVersions& versions, AnswerWriter writer,
                      std::function<std::int32_t()> today)
        : StandingRefresher(store, versions, std::move(writer), std::move(today), Options{}) {}
    /// Stops the thread (after the batch it is in).
    ~StandingRefresher();
    StandingRefresher(const StandingRefresher&) = delete;
    StandingRefresher& operator=(const StandingRefresher&) = delete;

    /// Standings recomputed so far.
    std::size_t refreshed() const { return refreshed_; }
    /// The last failure, for the log; empty when none.
    std::string lastError() const;

private:
    void run();
    /// Waits `wait`, or less when stopped; true when stopping.
    bool pause(std::chrono::milliseconds wait) const;

    KeptStandings kept_;
    std::function<std::int32_t()> today_;
    Options options_;
    std::atomic<std::size_t> refreshed_{0};
    mutable std::mutex mutex_; ///< guards lastError_
    std::atomic<bool> stopping_{false};
    std::string lastError_;
    std::thread thread_;
};

} // namespace yanzhen::services
