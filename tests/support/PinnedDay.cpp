// Linked into every test binary (tests/CMakeLists.txt, yanzhen_test): before main, the process's
// clock is pinned to the test day (its 00:00 Beijing time) and YANZHEN_DATE names it, so that the
// code under test, in this process and in every `yanzhen` it starts, sees the same days.

#include "TestDay.hpp"

#include "clock/Clock.hpp"

#include <cstdlib>
#include <stdexcept>

namespace {

const bool pinned = [] {
    using namespace yanzhen;
    const auto start = clock::parsePin(testsupport::kTestDay);
    if (!start || clock::beijingDay(*start) != testsupport::kTestDayNumber)
        throw std::logic_error("TestDay.hpp: kTestDay and kTestDayNumber disagree");
    clock::pin(*start);
    ::setenv(clock::kDateVariable, testsupport::kTestDay, 1);
    return true;
}();

} // namespace
