#include "services/accounts/LoginThrottle.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace yanzhen::services {

using std::chrono::seconds;

std::string throttleAddressKey(const std::string& address) {
    std::array<unsigned char, 16> bytes{};
    if (address.find(':') == std::string::npos ||
        inet_pton(AF_INET6, address.c_str(), bytes.data()) != 1)
        return address;
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char text[INET6_ADDRSTRLEN] = {};
    if (std::memcmp(bytes.data(), kMapped, sizeof kMapped) == 0) {
        inet_ntop(AF_INET, bytes.data() + 12, text, sizeof text);
        return text;
    }
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
    return std::string(text) + "/64";
}

LoginThrottle::LoginThrottle(Clock clock, Limits limits)
    : clock_(std::move(clock)), limits_(limits) {
    accounts_.free = limits_.accountFree;
    accounts_.decay = limits_.accountDecay;
    addresses_.free = limits_.addressFree;
    addresses_.decay = limits_.addressDecay;
}

std::size_t LoginThrottle::current(const Count& c, seconds decay, TimePoint now) {
    if (decay.count() <= 0 || now <= c.last) return c.failures;
    const auto gone = static_cast<std::size_t>((now - c.last) / decay);
    return gone >= c.failures ? 0 : c.failures - gone;
}

seconds LoginThrottle::delayAfter(std::size_t failures, std::size_t free) const {
    if (failures < free) return seconds{0};
    seconds delay = limits_.firstDelay;
    for (std::size_t i = free; i < failures && delay < limits_.maxDelay; ++i)
        delay *= 2;
    return std::min(delay, limits_.maxDelay);
}

LoginThrottle::Wait LoginThrottle::wait(Scope& scope, const std::string& key, const char* name,
                                        TimePoint now) {
    Wait w;
    const auto it = scope.counts.find(key);
    if (it == scope.counts.end()) return w;
    Count& c = it->second;
    const TimePoint ready = c.last + delayAfter(c.failures, scope.free);
    if (ready <= now) return w;
    w.seconds = std::max(seconds{1}, std::chrono::ceil<seconds>(ready - now));
    w.scope = name;
    w.firstRefusal = !c.refused;
    c.refused = true;
    return w;
}

seconds LoginThrottle::fail(Scope& scope, const std::string& key, TimePoint now) {
    Count& c = scope.counts[key];
    c.failures = current(c, scope.decay, now) + 1;
    c.last = now;
    c.refused = false;
    return delayAfter(c.failures, scope.free);
}

void LoginThrottle::sweep(TimePoint now) {
    if (now - lastSweep_ < std::min(limits_.accountDecay, limits_.addressDecay)) return;
    lastSweep_ = now;
    for (auto* scope : {&accounts_, &addresses_})
        std::erase_if(scope->counts, [&](const auto& entry) {
            return current(entry.second, scope->decay, now) == 0;
        });
    std::erase_if(devices_, [&](const auto& entry) {
        return now - entry.second.last >= limits_.deviceMemory;
    });
}

LoginThrottle::Wait LoginThrottle::retryAfter(const std::string& account,
                                              const std::string& address) {
    const TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    Wait byAccount = wait(accounts_, account, "account", now);
    Wait byAddress = wait(addresses_, throttleAddressKey(address), "address", now);
    return byAddress.seconds > byAccount.seconds ? byAddress : byAccount;
}

seconds LoginThrottle::recordFailure(const std::string& account, const std::string& address) {
    const TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    sweep(now);
    return std::max(fail(accounts_, account, now),
                    fail(addresses_, throttleAddressKey(address), now));
}

void LoginThrottle::recordSuccess(const std::string& account) {
    std::lock_guard lock(mutex_);
    accounts_.counts.erase(account);
}

bool LoginThrottle::distrusted(const std::string& device) {
    const TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    const auto it = devices_.find(device);
    if (it == devices_.end()) return false;
    if (now - it->second.last >= limits_.deviceMemory) {
        devices_.erase(it);
        return false;
    }
    return it->second.failures >= limits_.deviceFailures;
}

bool LoginThrottle::recordDeviceFailure(const std::string& device) {
    const TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    sweep(now);
    Count& c = devices_[device];
    if (now - c.last >= limits_.deviceMemory) c.failures = 0;
    c.last = now;
    return ++c.failures == limits_.deviceFailures;
}

void LoginThrottle::recordDeviceSuccess(const std::string& device) {
    std::lock_guard lock(mutex_);
    devices_.erase(device);
}

} // namespace yanzhen::services
