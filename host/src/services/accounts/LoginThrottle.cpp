#include "services/accounts/LoginThrottle.hpp"

#include <algorithm>
#include <tuple>

namespace yanzhen::services {

LoginThrottle::LoginThrottle(Clock clock, Limits limits)
    : clock_(std::move(clock)), limits_(limits) {}

void LoginThrottle::expire(Failures& failures, const std::string& key, TimePoint now) {
    const auto it = failures.find(key);
    if (it == failures.end()) return;
    auto& times = it->second;
    while (!times.empty() && times.front() + limits_.window <= now)
        times.pop_front();
    if (times.empty()) failures.erase(it);
}

void LoginThrottle::sweep(TimePoint now) {
    if (now - lastSweep_ < limits_.window) return;
    lastSweep_ = now;
    for (auto* failures : {&byAccount_, &byAddress_})
        for (auto it = failures->begin(); it != failures->end();) {
            // Times are appended in order, so the newest is at the back.
            if (it->second.empty() || it->second.back() + limits_.window <= now)
                it = failures->erase(it);
            else
                ++it;
        }
}

std::chrono::seconds LoginThrottle::wait(Failures& failures, const std::string& key,
                                         std::size_t limit, TimePoint now) {
    expire(failures, key, now);
    const auto it = failures.find(key);
    if (it == failures.end() || it->second.size() < limit) return std::chrono::seconds{0};
    // The attempt is allowed again once enough of the failures have left the window for the
    // count to fall below the limit.
    const TimePoint freed = it->second[it->second.size() - limit] + limits_.window;
    return std::max(std::chrono::seconds{1}, std::chrono::ceil<std::chrono::seconds>(freed - now));
}

std::chrono::seconds LoginThrottle::retryAfter(const std::string& account,
                                               const std::string& address) {
    const TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    return std::max(wait(byAccount_, account, limits_.perAccount, now),
                    wait(byAddress_, address, limits_.perAddress, now));
}

void LoginThrottle::recordFailure(const std::string& account, const std::string& address) {
    const TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    sweep(now);
    for (auto [failures, key, limit] : {std::tuple{&byAccount_, &account, limits_.perAccount},
                                        std::tuple{&byAddress_, &address, limits_.perAddress}}) {
        auto& times = (*failures)[*key];
        times.push_back(now);
        // Only the newest `limit` failures decide anything; older ones need not be kept.
        while (times.size() > limit)
            times.pop_front();
    }
}

void LoginThrottle::recordSuccess(const std::string& account) {
    std::lock_guard lock(mutex_);
    byAccount_.erase(account);
}

} // namespace yanzhen::services
