// Load: a district's roll call against the real `yanzhen serve` on 127.0.0.1. Trainers'
// devices post attendance (POST /api/v1/evidence) at a steady rate while others read progress,
// a cohort's sessions and its calendar. Nothing may answer 5xx or fail to answer, every write
// acknowledged (201) must be in the database at the end, the server must keep the rate, and its
// memory must stay flat: the resident size at the end within a tolerance of the size after the
// warm-up.
//
// Each check-in is a different worker at a different session, as in a real roll call: 30
// cohorts of 100 workers, 100 sessions each, so the soak's 300,000 check-ins are each pair
// once and a worker's record grows as it would over a year, by one row a session. (It was 300
// workers checked into the same 6 sessions a thousand times each: every progress read then read
// a thousand rows by the end, and the server's memory grew with the rows each request held.)
//
// `make test` runs the district's rate (50 check-ins a second) for 20 s; `make soak` the
// province's (500 a second) for longer, through the environment:
//   YANZHEN_LOAD_RATE     check-ins a second (default 50)
//   YANZHEN_LOAD_SECONDS  how long (default 20)
//   YANZHEN_LOAD_RSS_SLACK_MB  how much the resident size may grow after the warm-up
//                              (default 24 MiB; the warm-up is the first quarter of the run)

#include "CohortFixture.hpp"
#include "ServeProcess.hpp"

#include "services/accounts/AccountService.hpp"
#include "services/accounts/LoginThrottle.hpp"
#include "store/sqlite/SessionRepository.hpp"

#include <Poco/Data/Session.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timespan.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

using namespace yanzhen;
using namespace Poco::Data::Keywords;
using testsupport::CohortWrite;
using Clock = std::chrono::steady_clock;
using std::chrono::duration;
using std::chrono::milliseconds;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
constexpr int kCohorts = 30;
constexpr int kPerCohort = 100;
constexpr int kWorkers = kCohorts * kPerCohort;
constexpr int kSessions = 100; ///< each cohort's

double setting(const char* name, double fallback) {
    const char* s = std::getenv(name);
    return s != nullptr && *s != '\0' ? std::atof(s) : fallback;
}

std::string staffNumber(int n) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "JY-%04d", n);
    return buffer;
}

/// What the clients saw, shared between their threads.
struct Tally {
    std::atomic<std::int64_t> acknowledged{0}; ///< writes answered 201
    std::atomic<std::int64_t> reads{0};        ///< reads answered 200
    std::atomic<std::int64_t> failed{0};       ///< 5xx, no answer, or an unexpected status
    std::mutex mutex;
    std::vector<double> writeMs; ///< each write's time to its answer
    std::string firstFailure;

    void fail(const std::string& what) {
        ++failed;
        std::lock_guard lock(mutex);
        if (firstFailure.empty()) firstFailure = what;
    }
};

class Load : public testsupport::CohortFixture {
protected:
    void SetUp() override {
        CohortFixture::SetUp();
        populate([this](CohortWrite& w) {
            store::SessionRepository sessions(w.tx.session());
            for (int c = 0; c < kCohorts; ++c) {
                const auto number = std::to_string(c + 1);
                const auto cohort = w.cohort("TY-2025-" + number, "第" + number + "期", 0);
                cohorts_.push_back(cohort);
                for (int n = 0; n < kPerCohort; ++n) {
                    const int worker = c * kPerCohort + n + 1;
                    const auto id = w.person(staffNumber(worker), "学员" + std::to_string(worker));
                    w.enroll(cohort, id);
                    people_.push_back(id);
                }
                // Four sessions a day (8:00, 10:00, 13:00, 15:00) from 2025-03-02, a room each.
                auto& own = sessions_.emplace_back();
                const Poco::DateTime first(2025, 3, 2);
                for (int s = 0; s < kSessions; ++s) {
                    const auto date = Poco::DateTimeFormatter::format(
                        first + Poco::Timespan(s / 4, 0, 0, 0, 0), "%Y-%m-%d");
                    const int hour = std::array{8, 10, 13, 15}[static_cast<std::size_t>(s % 4)];
                    const auto at = [&](int h) {
                        return date + (h < 10 ? "T0" : "T") + std::to_string(h) + ":00";
                    };
                    own.push_back(
                        sessions.add(w.tx, store::Session{0, cohort, "theory", "casework", at(hour),
                                                          at(hour + 2), "教室 " + number}));
                }
            }
        });
        services::LoginThrottle throttle;
        services::AccountService accounts(t_.store, throttle);
        accounts.createAccount(services::NewAccount{"admin", "admin", std::nullopt, "load-pw-1234"},
                               "test");
        token_ = accounts.createToken("admin", "load", std::nullopt, "test").token;
    }

    std::int64_t evidenceRows() {
        std::int64_t n = 0;
        auto r = t_.db->read();
        *r << "SELECT COUNT(*) FROM evidence", into(n), now;
        return n;
    }

    std::vector<store::Id> cohorts_;
    std::vector<store::Id> people_;                ///< worker i is staffNumber(i + 1)
    std::vector<std::vector<store::Id>> sessions_; ///< each cohort's, in order
    std::string token_;
};

TEST_F(Load, RollCallAtASteadyRateWithMixedReadsLosesNothingAndKeepsMemoryFlat) {
    const double rate = setting("YANZHEN_LOAD_RATE", 50);
    const double seconds = setting("YANZHEN_LOAD_SECONDS", 20);
    const double slackMiB = setting("YANZHEN_LOAD_RSS_SLACK_MB", 24);
    const int writers = std::clamp(static_cast<int>(rate / 60) + 2, 2, 16);
    const int readers = std::clamp(writers / 2, 2, 8);
    std::cout << "[ load     ] " << rate << " check-ins/s for " << seconds << " s, " << writers
              << " writers, " << readers << " readers" << std::endl;

    testsupport::ServeProcess server(kYanzhen, t_.file);
    const unsigned short port = server.port();
    ASSERT_NE(port, 0) << server.out() << server.err();
    const auto before = evidenceRows();

    Tally tally;
    const auto start = Clock::now();
    const auto end = start + duration<double>(seconds);
    std::vector<std::thread> threads;
    // Writers: each keeps its share of the rate on a fixed schedule (a slow answer does not
    // lower the rate asked for: the next one goes at once), until the end of the run.
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            Poco::Net::HTTPClientSession session("127.0.0.1", port);
            session.setTimeout(Poco::Timespan(30, 0));
            const auto interval = duration<double>(writers / rate);
            std::vector<double> times;
            for (std::int64_t k = 0;; ++k) {
                const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                             interval * k + interval * w / writers);
                // A server that cannot keep up does not get the test's time stretched for it.
                if (due >= end || Clock::now() >= end) break;
                std::this_thread::sleep_until(due);
                // The n-th check-in of the run: every worker once at their cohort's first
                // session, then every worker at the second, and so on.
                const std::int64_t n = k * writers + w;
                const int worker = static_cast<int>(n % kWorkers);
                const auto sessionId =
                    sessions_[static_cast<std::size_t>(worker / kPerCohort)]
                             [static_cast<std::size_t>(n / kWorkers) % kSessions];
                const std::string body =
                    R"({"worker": ")" + staffNumber(worker + 1) + R"(", "session": )" +
                    std::to_string(sessionId) +
                    R"(, "kind": "attendance", "fields": {"status": "present"}})";
                const auto sent = Clock::now();
                const auto a =
                    testsupport::callApi(session, token_, "POST", "/api/v1/evidence", body);
                times.push_back(duration<double, std::milli>(Clock::now() - sent).count());
                if (a.status == 201)
                    ++tally.acknowledged;
                else
                    tally.fail("POST /api/v1/evidence: " + std::to_string(a.status) + " " + a.body);
            }
            std::lock_guard lock(tally.mutex);
            tally.writeMs.insert(tally.writeMs.end(), times.begin(), times.end());
        });
    // Readers: progress of a worker, the cohort's sessions, its calendar; half the write rate.
    for (int r = 0; r < readers; ++r)
        threads.emplace_back([&, r] {
            Poco::Net::HTTPClientSession session("127.0.0.1", port);
            session.setTimeout(Poco::Timespan(30, 0));
            std::mt19937 pick(static_cast<unsigned>(r));
            const auto interval = duration<double>(readers / (rate / 2));
            for (std::int64_t k = 0;; ++k) {
                const auto due = start + std::chrono::duration_cast<Clock::duration>(interval * k);
                if (due >= end || Clock::now() >= end) break;
                std::this_thread::sleep_until(due);
                const std::string cohort =
                    "/api/v1/cohorts/" + std::to_string(cohorts_[pick() % cohorts_.size()]);
                std::string path;
                switch (k % 3) {
                case 0:
                    path = "/api/v1/workers/" + std::to_string(people_[pick() % people_.size()]) +
                           "/progress";
                    break;
                case 1: path = cohort + "/sessions"; break;
                default: path = cohort + "/calendar.ics"; break;
                }
                const auto a = testsupport::callApi(session, token_, "GET", path);
                if (a.status == 200)
                    ++tally.reads;
                else
                    tally.fail("GET " + path + ": " + std::to_string(a.status) + " " + a.body);
            }
        });
    // The server's resident size, once a second; the warm-up is the first quarter.
    std::vector<long> rss;
    long warm = 0;
    const auto warmEnd = start + duration<double>(std::max(seconds / 4, 2.0));
    while (Clock::now() < end) {
        std::this_thread::sleep_for(milliseconds(1000));
        rss.push_back(server.rssKiB());
        if (warm == 0 && Clock::now() >= warmEnd) warm = rss.back();
    }
    for (auto& t : threads)
        t.join();
    const long final = server.rssKiB();
    const double elapsed = duration<double>(Clock::now() - start).count();

    std::sort(tally.writeMs.begin(), tally.writeMs.end());
    const auto percentile = [&](double p) {
        if (tally.writeMs.empty()) return 0.0;
        return tally.writeMs[static_cast<std::size_t>(p * (tally.writeMs.size() - 1))];
    };
    std::cout << "[ load     ] " << tally.acknowledged << " writes ("
              << tally.acknowledged / elapsed << "/s), " << tally.reads << " reads (of "
              << static_cast<std::int64_t>(rate / 2 * seconds) << " asked), " << tally.failed
              << " failed; write p50 " << percentile(0.5) << " ms, p99 " << percentile(0.99)
              << " ms, max " << percentile(1.0) << " ms; RSS after warm-up " << warm / 1024
              << " MiB, peak " << *std::max_element(rss.begin(), rss.end()) / 1024 << " MiB, final "
              << final / 1024 << " MiB" << std::endl;
    // The shape over the run (a tenth at a time): a leak climbs to the end; caches that fill
    // as the database grows climb and then level off.
    std::cout << "[ load     ] RSS MiB by tenths:";
    for (std::size_t i = 0; i < 10 && !rss.empty(); ++i)
        std::cout << ' ' << rss[std::min(rss.size() - 1, (i + 1) * rss.size() / 10)] / 1024;
    std::cout << std::endl;
    RecordProperty("writes_per_second", std::to_string(tally.acknowledged / elapsed));
    RecordProperty("write_p99_ms", std::to_string(percentile(0.99)));
    RecordProperty("rss_final_kib", std::to_string(final));

    EXPECT_EQ(tally.failed, 0) << "first failure: " << tally.firstFailure;
    EXPECT_EQ(evidenceRows() - before, tally.acknowledged.load())
        << "the database does not hold exactly the acknowledged writes";
    EXPECT_GT(warm, 0);
#if defined(__SANITIZE_ADDRESS__)
    // Under AddressSanitizer (`make asan`: a debug build, several times slower) the rate says
    // nothing about the server; and freed memory sits in its quarantine (256 MiB) before it is
    // reused, so the resident size grows by design. Failures and lost writes still count.
    (void)slackMiB;
#else
    EXPECT_GE(static_cast<double>(tally.acknowledged), 0.95 * rate * seconds)
        << "the server did not keep the rate";
    EXPECT_LE(final, warm + static_cast<long>(slackMiB * 1024))
        << "the resident size grew after the warm-up: " << warm / 1024 << " -> " << final / 1024
        << " MiB";
#endif
    server.kill(SIGTERM);
}

} // namespace
