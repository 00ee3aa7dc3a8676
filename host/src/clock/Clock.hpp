/// \file Clock.hpp
/// The one clock: every "today" and "now" in Yanzhen comes from here (ARCHITECTURE.md section 8).
///
/// By default it is the machine's clock, read as Asia/Shanghai days (UTC+8 all year, no daylight
/// saving, so no time-zone database is needed). `pin()` sets it to a chosen moment for the rest of
/// the process, from which it runs on at the machine's pace: `--date` on the command line, `serve
/// --date` and `YANZHEN_DATE` do that, so a test or a demo sees the same days whatever the
/// machine's calendar says, while sessions, tokens and throttles still see time pass.
///
///   yanzhen::clock::pin(*yanzhen::clock::parsePin("2026-11-28"));   // 00:00 Beijing time
///   yanzhen::clock::today();     // days since 1970-01-01: 20785
///   yanzhen::clock::nowUtc();    // "2026-11-27T16:00:00Z", as the store keeps instants
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yanzhen::clock {

using Instant = std::chrono::system_clock::time_point;

/// Asia/Shanghai's offset from UTC, the same all year.
inline constexpr std::chrono::hours kBeijingOffset{8};

/// Now: the machine's clock, or the pinned moment plus the time that has passed since pin().
Instant now();

/// Today in Asia/Shanghai, as days since 1970-01-01 (the days of yanzhen/date.hpp).
std::int32_t today();

/// now() as "YYYY-MM-DDTHH:MM:SSZ" (UTC): the form the store keeps instants in, which compares
/// correctly as text.
std::string nowUtc();

/// `t` as "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string formatUtc(Instant t);

/// `t` as "YYYY-MM-DDTHH:MM" in Beijing time: the form sessions are written in.
std::string formatBeijingMinute(Instant t);

/// The Asia/Shanghai day that `t` falls on.
std::int32_t beijingDay(Instant t);

/// The instant at which Beijing-time `day` begins, plus `minute` minutes.
Instant beijingInstant(std::int32_t day, int minute = 0);

/// "YYYY-MM-DD" (the day's 00:00 Beijing time) or "YYYY-MM-DDTHH:MM" (Beijing time) as an
/// instant; nothing for anything else.
std::optional<Instant> parsePin(std::string_view text);

/// From now on the clock reads `start`, and runs on from there.
void pin(Instant start);

/// Back to the machine's clock (for tests that pinned it).
void unpin();

/// Whether pin() set the clock.
bool pinned();

/// The environment variable that pins the clock when no --date is given.
inline constexpr const char* kDateVariable = "YANZHEN_DATE";

} // namespace yanzhen::clock
