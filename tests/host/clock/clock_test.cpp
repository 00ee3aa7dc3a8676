// The one clock (host/src/clock/Clock.hpp): Beijing days, pins, and the forms instants are
// written in. This binary, like every test binary, starts pinned to the test day.

#include "TestDay.hpp"

#include "clock/Clock.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

#include <thread>

namespace yzclock = yanzhen::clock;
using yanzhen::testsupport::kTestDay;
using yanzhen::testsupport::kTestDayNumber;

namespace {

yzclock::Instant utc(const char* text) {
    // "YYYY-MM-DDTHH:MM" read as Beijing time, moved back to what UTC says.
    return *yzclock::parsePin(text);
}

/// Puts the test day's pin back, whatever a test did to the clock.
struct RestorePin {
    ~RestorePin() { yzclock::pin(*yzclock::parsePin(kTestDay)); }
};

} // namespace

TEST(Clock, EveryTestBinaryLivesOnTheTestDay) {
    EXPECT_TRUE(yzclock::pinned());
    EXPECT_EQ(yzclock::today(), kTestDayNumber);
    EXPECT_EQ(yanzhen::formatDay(yzclock::today()), "2026-11-28");
    // Its 00:00 Beijing time is 16:00 UTC the day before; the clock has run on a little since.
    EXPECT_EQ(yzclock::nowUtc().substr(0, 14), "2026-11-27T16:");
}

TEST(Clock, APinnedClockRunsOnFromThePin) {
    RestorePin restore;
    yzclock::pin(utc("2025-03-01T23:59"));
    const auto first = yzclock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto later = yzclock::now();
    EXPECT_GE(later - first, std::chrono::milliseconds(20)) << "time passes on a pinned clock";
    EXPECT_LT(later - first, std::chrono::seconds(5));
    EXPECT_EQ(yzclock::today(), *yanzhen::parseDay("2025-03-01"));
    EXPECT_EQ(yzclock::formatBeijingMinute(first), "2025-03-01T23:59");
}

TEST(Clock, UnpinnedItIsTheMachinesClockReadInBeijing) {
    RestorePin restore;
    yzclock::unpin();
    EXPECT_FALSE(yzclock::pinned());
    // The machine's clock on purpose: this is the one test of what an unpinned clock reads.
    // It compares two readings taken together, so it holds on any day (and under faketime).
    const auto machine = std::chrono::system_clock::now();
    const auto read = yzclock::now();
    EXPECT_LT(std::chrono::abs(read - machine), std::chrono::seconds(2));
    EXPECT_EQ(yzclock::today(), yzclock::beijingDay(std::chrono::system_clock::now()));
}

TEST(Clock, ABeijingDayBeginsAt1600UtcTheDayBefore) {
    const auto midnight = utc("2026-11-28");
    EXPECT_EQ(yzclock::formatUtc(midnight), "2026-11-27T16:00:00Z");
    EXPECT_EQ(yzclock::beijingDay(midnight), kTestDayNumber);
    EXPECT_EQ(yzclock::beijingDay(midnight - std::chrono::seconds(1)), kTestDayNumber - 1);
    EXPECT_EQ(yzclock::formatBeijingMinute(midnight - std::chrono::seconds(1)), "2026-11-27T23:59");
    EXPECT_EQ(yzclock::beijingInstant(kTestDayNumber, 14 * 60 + 30), utc("2026-11-28T14:30"));
}

TEST(Clock, APinIsADayOrADayAndAMinuteAndNothingElse) {
    EXPECT_TRUE(yzclock::parsePin("2024-02-29"));
    EXPECT_TRUE(yzclock::parsePin("2026-11-28T00:00"));
    EXPECT_TRUE(yzclock::parsePin("2026-11-28T23:59"));
    for (const char* bad : {"", "2026-11-28 14:30", "2025-02-29", "2026-13-01", "2026-11-28T24:00",
                            "2026-11-28T12:60", "2026-11-28T1:30", "2026-11-28T14:30:00",
                            "28/11/2026", "2026-11-28Z", "tomorrow"})
        EXPECT_FALSE(yzclock::parsePin(bad)) << bad;
}
