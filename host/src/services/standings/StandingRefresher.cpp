#include "services/standings/StandingRefresher.hpp"

#include <algorithm>
#include <csignal>
#include <exception>

#include <pthread.h>

namespace yanzhen::services {

StandingRefresher::StandingRefresher(store::Store& store, CourseVersions& versions,
                                     AnswerWriter writer, std::function<std::int32_t()> today,
                                     Options options)
    : kept_(store, versions, std::move(writer)), today_(std::move(today)), options_(options),
      thread_([this] { run(); }) {}

StandingRefresher::~StandingRefresher() {
    stopping_ = true;
    thread_.join();
}

// In slices of sleep_for (a relative nanosleep), not a timed condition wait: under libfaketime
// (make test-dates moves the machine's clock a year) the monotonic clock that
// clock_gettime reports is shifted but the deadline pthread_cond_clockwait is given is not
// translated, so a wait of 20 ms lasted a year. A stop is seen within one slice.
bool StandingRefresher::pause(std::chrono::milliseconds wait) const {
    constexpr std::chrono::milliseconds slice{25};
    while (wait > std::chrono::milliseconds::zero()) {
        if (stopping_) return true;
        const auto step = std::min(wait, slice);
        std::this_thread::sleep_for(step);
        wait -= step;
    }
    return stopping_;
}

std::string StandingRefresher::lastError() const {
    std::lock_guard lock(mutex_);
    return lastError_;
}

void StandingRefresher::run() {
    // The server waits for SIGTERM with sigwait() in its main thread: a thread that leaves it
    // unblocked may take the signal and die of it (Poco's own threads block it; a std::thread
    // does not), so this one blocks what the server waits for, as Poco's threads do.
    sigset_t signals;
    sigemptyset(&signals);
    for (const int s : {SIGTERM, SIGINT, SIGQUIT, SIGPIPE})
        sigaddset(&signals, s);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    bool versionsChecked = false;
    for (;;) {
        std::chrono::milliseconds wait = options_.idle;
        try {
            // First, after an upgrade: what other plugin versions computed is due again.
            if (!versionsChecked) {
                kept_.markOtherVersionsStale();
                versionsChecked = true;
            }
            const std::size_t n = kept_.refreshDue(today_(), options_.batch);
            refreshed_ += n;
            if (n > 0) wait = options_.between;
        } catch (const std::exception& e) {
            // A batch that fails (a course version that no longer loads, a busy database) is
            // tried again after the idle wait; reads recompute what they need meanwhile.
            std::lock_guard lock(mutex_);
            lastError_ = e.what();
        }
        if (pause(wait)) return;
    }
}

} // namespace yanzhen::services
