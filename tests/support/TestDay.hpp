/// \file TestDay.hpp
/// The day every test lives on. Each test binary pins the one clock (clock/Clock.hpp) to it
/// before any test runs, and puts it in YANZHEN_DATE, so that every `yanzhen` a test starts
/// lives on it too (PinnedDay.cpp): what a test expects holds whatever the machine's calendar
/// says. `make test-dates` runs the date-sensitive tests with the machine's clock a year ahead
/// and a year back to prove it. A test about another day says so with --date or a day argument.
#pragma once

#include <cstdint>

namespace yanzhen::testsupport {

/// 2026-11-28, a Saturday: cohort 5 of the demo district is under way, cohorts 1-4 are over.
inline constexpr const char* kTestDay = "2026-11-28";
/// The same day as days since 1970-01-01.
inline constexpr std::int32_t kTestDayNumber = 20785;

} // namespace yanzhen::testsupport
