/// \file LoginThrottle.hpp
/// Slows down password guessing without letting a stranger lock the owner out (OWASP's "device
/// cookies", services/accounts/DeviceCookies):
///  - a login from a browser that logged in to the account before (it shows that account's
///    device cookie) is limited only per cookie: after `deviceFailures` wrong passwords within
///    `deviceMemory` the cookie is distrusted, and the browser is treated like any other;
///  - every other login is slowed per account and per network address (an IPv6 address per /64,
///    which one subscriber holds whole): past `accountFree` (`addressFree`) failures, the next
///    attempt must wait `firstDelay` after the last failure, twice as long after each further
///    one, up to `maxDelay`. An attempt during the wait is refused without checking the password
///    and does not count. The count falls by one every `accountDecay` (`addressDecay`) without a
///    failure, so an office's occasional typos never add up.
/// In memory: a restart forgets the counts (the audit log keeps every failure).
#pragma once

#include "clock/Clock.hpp"

#include <chrono>
#include <cstddef>
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
        std::size_t accountFree = 5;  ///< failures on one account before any delay
        std::size_t addressFree = 20; ///< failures from one address before any delay
        std::chrono::seconds firstDelay{2};
        std::chrono::seconds maxDelay{15 * 60};
        std::chrono::seconds accountDecay{15 * 60};
        std::chrono::seconds addressDecay{60};
        std::size_t deviceFailures = 5;
        std::chrono::seconds deviceMemory{24 * 60 * 60};
    };

    /// Why a stranger's attempt must wait, and how long.
    struct Wait {
        std::chrono::seconds seconds{0}; ///< zero: it may be tried now
        std::string scope;               ///< account, address
        /// The first refusal since the last failure of that scope: the one worth an audit entry
        /// (later ones are the same story, and a flood of them must not grow the audit log).
        bool firstRefusal = false;
    };

    explicit LoginThrottle(Clock clock = clock::now) : LoginThrottle(std::move(clock), Limits{}) {}
    LoginThrottle(Clock clock, Limits limits);

    /// How long until `account` may be tried again from `address` by a browser without a trusted
    /// device cookie. `account` is the username as typed (normalized by the caller), known or
    /// not, so that unknown names are slowed exactly like real ones. Thread-safe.
    Wait retryAfter(const std::string& account, const std::string& address);
    /// Counts one failed attempt of such a browser against both the account and the address, and
    /// says the longer of the waits that now apply. Thread-safe.
    std::chrono::seconds recordFailure(const std::string& account, const std::string& address);
    /// Forgets the account's failures (the right password, past the throttle); the address's
    /// stay. Thread-safe.
    void recordSuccess(const std::string& account);

    /// Whether the device cookie `device` (DeviceCookies::check's id) has failed too often to be
    /// trusted. Thread-safe.
    bool distrusted(const std::string& device);
    /// Counts a wrong password given through the device cookie `device`; true when this failure
    /// is the one that distrusts it. Thread-safe.
    bool recordDeviceFailure(const std::string& device);
    /// Forgets the cookie's failures (the right password through it). Thread-safe.
    void recordDeviceSuccess(const std::string& device);

    const Limits& limits() const { return limits_; }

private:
    struct Count {
        std::size_t failures = 0; ///< as of `last`
        TimePoint last{};         ///< the latest failure
        bool refused = false;     ///< an attempt was refused since `last`
    };
    using Counts = std::map<std::string, Count>;
    struct Scope {
        Counts counts;
        std::size_t free = 0;
        std::chrono::seconds decay{0};
    };

    /// The failures still counted at `now`: one fewer for every `decay` since the last one.
    static std::size_t current(const Count& c, std::chrono::seconds decay, TimePoint now);
    std::chrono::seconds delayAfter(std::size_t failures, std::size_t free) const;
    /// The wait in `scope` for `key` at `now`; marks a refusal.
    Wait wait(Scope& scope, const std::string& key, const char* name, TimePoint now);
    /// Counts a failure in `scope`; the wait it imposes from `now`.
    std::chrono::seconds fail(Scope& scope, const std::string& key, TimePoint now);
    /// Every so often, drops the keys whose count has decayed to nothing, so that a stream of
    /// made-up usernames or addresses cannot grow the maps without bound.
    void sweep(TimePoint now);

    Clock clock_;
    Limits limits_;
    std::mutex mutex_;
    Scope accounts_;
    Scope addresses_;
    Counts devices_;
    TimePoint lastSweep_{};
};

/// The key an address is counted under: an IPv4 address as it is (an IPv4-mapped IPv6 address
/// as its IPv4 form), an IPv6 address by its /64 prefix ("2001:db8:1:2::/64"), anything else as
/// given.
std::string throttleAddressKey(const std::string& address);

} // namespace yanzhen::services
