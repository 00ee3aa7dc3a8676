// The admission gate in front of every request: never more than its slots at work, the others
// let in strictly in the order they came, and every one let in at last.

#include "http/AdmissionGate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace yanzhen::http {
namespace {

using namespace std::chrono_literals;

void waitUntil(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!done() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(done());
}

TEST(AdmissionGate, LetsTheWaitingInInTheOrderTheyCame) {
    // One slot, so that each admission is seen before the next one happens.
    AdmissionGate gate(1);
    std::atomic<bool> release{false};
    std::atomic<int> working{0};
    std::atomic<int> most{0};
    std::mutex orderMutex;
    std::vector<int> order;
    auto request = [&](int n) {
        const AdmissionGate::Pass pass(gate);
        const int now = ++working;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        {
            std::lock_guard lock(orderMutex);
            order.push_back(n);
        }
        while (!release)
            std::this_thread::sleep_for(1ms);
        --working;
    };
    std::vector<std::thread> threads;
    // The first takes the slot; seven more queue, one after another.
    threads.emplace_back(request, 0);
    waitUntil([&] { return working == 1; });
    for (int n = 1; n < 8; ++n) {
        threads.emplace_back(request, n);
        waitUntil([&] { return gate.waiting() == static_cast<std::size_t>(n); });
    }
    EXPECT_EQ(working, 1);
    release = true;
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(most, 1);
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(gate.waiting(), 0U);
}

TEST(AdmissionGate, ManyThreadsAllGetThroughAndNeverMoreThanTheSlotsAtOnce) {
    AdmissionGate gate(3);
    std::atomic<int> working{0};
    std::atomic<int> most{0};
    std::atomic<int> done{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                const AdmissionGate::Pass pass(gate);
                const int now = ++working;
                for (int seen = most.load();
                     now > seen && !most.compare_exchange_weak(seen, now);) {
                }
                --working;
                ++done;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(done, 16 * 500);
    EXPECT_LE(most, 3);
    EXPECT_GE(most, 1);
}

TEST(AdmissionGate, NoSlotsMeansNoLimit) {
    AdmissionGate gate(0);
    std::vector<std::unique_ptr<AdmissionGate::Pass>> passes;
    for (int i = 0; i < 100; ++i)
        passes.push_back(std::make_unique<AdmissionGate::Pass>(gate));
    EXPECT_EQ(gate.waiting(), 0U);
}

} // namespace
} // namespace yanzhen::http
