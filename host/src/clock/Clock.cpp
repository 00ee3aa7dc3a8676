#include "Clock.hpp"

#include <yanzhen/date.hpp>

#include <atomic>
#include <cstdio>
#include <ctime>

namespace yanzhen::clock {

namespace {

// The pin: the moment it reads, and the steady clock's reading when it was set. Atomics, since
// every server thread reads the clock; the pin itself is set once, before the threads start.
std::atomic<bool> isPinned{false};
std::atomic<std::int64_t> pinnedAtMicros{0};
std::atomic<std::int64_t> pinnedSteadyMicros{0};

std::int64_t steadyMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

Instant now() {
    if (!isPinned.load(std::memory_order_acquire)) return std::chrono::system_clock::now();
    const auto passed = steadyMicros() - pinnedSteadyMicros.load(std::memory_order_relaxed);
    return Instant(std::chrono::duration_cast<Instant::duration>(
        std::chrono::microseconds(pinnedAtMicros.load(std::memory_order_relaxed) + passed)));
}

std::int32_t beijingDay(Instant t) {
    return static_cast<std::int32_t>(
        std::chrono::floor<std::chrono::days>(t + kBeijingOffset).time_since_epoch().count());
}

std::int32_t today() {
    return beijingDay(now());
}

Instant beijingInstant(std::int32_t day, int minute) {
    return Instant(std::chrono::sys_days(std::chrono::days(day))) + std::chrono::minutes(minute) -
           kBeijingOffset;
}

std::string formatUtc(Instant t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string nowUtc() {
    return formatUtc(now());
}

std::string formatBeijingMinute(Instant t) {
    const auto local = t + kBeijingOffset;
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return formatDay(static_cast<std::int32_t>(day.time_since_epoch().count())) + "T" + buffer;
}

std::optional<Instant> parsePin(std::string_view text) {
    const auto day = parseDay(text.substr(0, 10));
    if (!day) return std::nullopt;
    if (text.size() == 10) return beijingInstant(*day);
    if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
    for (std::size_t i : {11, 12, 14, 15})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int hour = (text[11] - '0') * 10 + (text[12] - '0');
    const int minute = (text[14] - '0') * 10 + (text[15] - '0');
    if (hour > 23 || minute > 59) return std::nullopt;
    return beijingInstant(*day, hour * 60 + minute);
}

void pin(Instant start) {
    pinnedAtMicros.store(
        std::chrono::duration_cast<std::chrono::microseconds>(start.time_since_epoch()).count(),
        std::memory_order_relaxed);
    pinnedSteadyMicros.store(steadyMicros(), std::memory_order_relaxed);
    isPinned.store(true, std::memory_order_release);
}

void unpin() {
    isPinned.store(false, std::memory_order_release);
}

bool pinned() {
    return isPinned.load(std::memory_order_acquire);
}

} // namespace yanzhen::clock
