/// \file LoginThrottle.hpp
/// Slows down password guessing: counts failed logins per account and per network address in
/// a sliding window, in memory (a restart forgets them; the audit log keeps every failure).
/// Once a count reaches its limit, further attempts are refused until the oldest failure in the
/// window is old enough, without the password being checked at all.
#pragma once

#include "clock/Clock.hpp"

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace yanzhen::services {

class LoginThrottle {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    /// What time it is; tests pass their own clock.
    using Clock = std::function<TimePoint()>;

    struct Limits {
        std::size_t perAccount = 5;  ///< failed attempts on one account within `window`
        std::size_t perAddress = 20; ///< failed attempts from one address within `window`
        std::chrono::seconds window{15 * 60};
    };

    explicit LoginThrottle(Clock clock = clock::now) : LoginThrottle(std::move(clock), Limits{}) {}
    LoginThrottle(Clock clock, Limits limits);

    /// How long until `account` may be tried again from `address`: zero when it may be now.
    /// `account` is the username as typed (normalized by the caller), known or not, so that
    /// unknown names are throttled exactly like real ones. Thread-safe.
    std::chrono::seconds retryAfter(const std::string& account, const std::string& address);
    /// Counts one failed attempt against both the account and the address. Thread-safe.
    void recordFailure(const std::string& account, const std::string& address);
    /// Forgets the account's failures (a successful login); the address's stay. Thread-safe.
    void recordSuccess(const std::string& account);

    const Limits& limits() const { return limits_; }

private:
    using Failures = std::map<std::string, std::deque<TimePoint>>;

    /// Drops failures older than the window from `failures[key]`; removes the key when none is
    /// left.
    void expire(Failures& failures, const std::string& key, TimePoint now);
    /// Every so often, drops the keys nobody has failed on lately, so that a stream of made-up
    /// usernames or addresses cannot grow the maps without bound.
    void sweep(TimePoint now);
    std::chrono::seconds wait(Failures& failures, const std::string& key, std::size_t limit,
                              TimePoint now);

    Clock clock_;
    Limits limits_;
    std::mutex mutex_;
    Failures byAccount_;
    Failures byAddress_;
    TimePoint lastSweep_{};
};

} // namespace yanzhen::services
