// Scheduling a cohort's sessions on the shipped 头雁领航 course: every conflict is refused with
// the session it clashes with named, and seats fill up into a waiting line. Real database,
// real course file, real plugins.

#include "CohortFixture.hpp"

#include "services/scheduling/SchedulingService.hpp"
#include "store/sqlite/AuditLog.hpp"
#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/SessionRepository.hpp"

#include <gtest/gtest.h>

using namespace yanzhen;
using services::Conflict;
using services::ScheduleRequest;
using services::SchedulingError;
using yanzhen::testsupport::CohortWrite;

namespace {

const std::string kHall = "江源区党群服务中心";
const std::string kRoom = "孙家堡子街道社区学院二楼";

class Scheduling : public testsupport::CohortFixture {
protected:
    void SetUp() override {
        CohortFixture::SetUp();
        if (HasFatalFailure()) return;
        service_ = std::make_unique<services::SchedulingService>(t_.store, *versions_);
        populate([&](CohortWrite& w) {
            first_ = w.cohort("TY-2025-1", "第一期", 40);
            second_ = w.cohort("TY-2025-2", "第二期", 40);
            wang_ = w.person("JY-0103", "王丽");
            chen_ = w.person("JY-0104", "陈刚");
            workers_ = w.workers({"张伟", "李娜", "刘洋", "赵静"});
            // Each cohort has its own people, so that only the tests that want a shared worker
            // meet the member rule.
            w.enroll(first_, workers_[1]);
            w.enroll(second_, workers_[2]);
        });
    }

    void enroll(store::Id cohort, store::Id person) {
        t_.db->write("admin", [&](store::WriteTransaction& tx) {
            store::CohortRepository(tx.session()).enroll(tx, cohort, person, "2025-03-01");
        });
    }

    static ScheduleRequest request(store::Id cohort, const std::string& templateId,
                                   const std::string& starts, const std::string& ends,
                                   const std::string& place,
                                   std::optional<store::Id> trainer = std::nullopt) {
        ScheduleRequest r;
        r.cohort = cohort;
        r.templateId = templateId;
        r.startsAt = starts;
        r.endsAt = ends;
        r.place = place;
        r.trainer = trainer;
        return r;
    }

    /// The opening ceremony of the first cohort: 2025-03-01 09:00–11:00 in the hall, 王丽 teaching.
    store::Id opening() {
        return service_->schedule("trainer:wang", request(first_, "opening", "2025-03-01T09:00",
                                                          "2025-03-01T11:00", kHall, wang_));
    }

    /// The conflicts schedule() refused `r` with; a failure when it was accepted.
    std::vector<Conflict> refusal(const ScheduleRequest& r) {
        try {
            const auto id = service_->schedule("trainer:chen", r);
            ADD_FAILURE() << "scheduled as session " << id << " instead of being refused";
        } catch (const SchedulingError& e) {
            EXPECT_FALSE(e.conflicts.empty());
            if (!e.conflicts.empty()) {
                EXPECT_EQ(std::string(e.what()), e.conflicts.front().message.en);
            }
            return e.conflicts;
        }
        return {};
    }

    std::size_t sessionRows() {
        auto r = t_.db->read();
        store::SessionRepository sessions(*r);
        return sessions.forCohort(first_).size() + sessions.forCohort(second_).size();
    }
    std::size_t auditEntries() { return store::AuditLog(*t_.db).recent(1000).size(); }
    std::vector<store::Booking> bookings(store::Id session) {
        auto r = t_.db->read();
        return store::SessionRepository(*r).bookings(session);
    }

    std::unique_ptr<services::SchedulingService> service_;
    store::Id first_ = 0;
    store::Id second_ = 0;
    store::Id wang_ = 0;
    store::Id chen_ = 0;
    std::vector<store::Id> workers_; ///< JY-0001..JY-0004
};

TEST_F(Scheduling, TrainerInTwoPlacesAtOnceIsRefusedNamingHerSession) {
    const auto s = opening();
    const auto conflicts =
        refusal(request(second_, "casework", "2025-03-01T10:00", "2025-03-01T12:00", kRoom, wang_));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "trainer_busy");
    EXPECT_EQ(conflicts[0].session, s);
    const std::string id = std::to_string(s);
    EXPECT_EQ(conflicts[0].message.en, "trainer 王丽 (JY-0103) is teaching session " + id +
                                           " \"Opening ceremony\" 2025-03-01 09:00–11:00 at " +
                                           kHall + " then");
    EXPECT_EQ(conflicts[0].message.zh, "培训师 王丽（JY-0103）此时正在讲授场次 " + id +
                                           "“开班仪式”（2025-03-01 09:00–11:00，" + kHall + "）");
}

TEST_F(Scheduling, PlaceBookedTwiceIsRefusedNamingTheSessionThere) {
    const auto s = opening();
    const auto conflicts =
        refusal(request(second_, "casework", "2025-03-01T10:30", "2025-03-01T12:00", kHall, chen_));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "place_taken");
    EXPECT_EQ(conflicts[0].session, s);
    EXPECT_EQ(conflicts[0].message.en, "the place is taken by session " + std::to_string(s) +
                                           " \"Opening ceremony\" 2025-03-01 09:00–11:00 at " +
                                           kHall);
}

TEST_F(Scheduling, WorkerInTwoCohortsCannotBeDueAtTwoSessions) {
    enroll(first_, workers_[0]);
    enroll(second_, workers_[0]);
    const auto s = opening();
    auto conflicts =
        refusal(request(second_, "casework", "2025-03-01T08:00", "2025-03-01T09:30", kRoom, chen_));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "member_busy");
    EXPECT_EQ(conflicts[0].session, s);
    EXPECT_EQ(conflicts[0].message.en,
              "worker 张伟 (JY-0001) is also in cohort TY-2025-1 and due at session " +
                  std::to_string(s) + " \"Opening ceremony\" 2025-03-01 09:00–11:00 at " + kHall +
                  " then");
    // A second shared worker: still one conflict for the one session, counting the others.
    enroll(first_, workers_[3]);
    enroll(second_, workers_[3]);
    conflicts =
        refusal(request(second_, "casework", "2025-03-01T08:00", "2025-03-01T09:30", kRoom, chen_));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_NE(conflicts[0].message.en.find(
                  "worker 张伟 (JY-0001) and 1 more are also in cohort TY-2025-1"),
              std::string::npos)
        << conflicts[0].message.en;
    EXPECT_NE(conflicts[0].message.zh.find("学员 张伟（JY-0001）等 2 人同时在 TY-2025-1 期"),
              std::string::npos)
        << conflicts[0].message.zh;
}

TEST_F(Scheduling, SessionOutsideTheCohortsDatesIsRefused) {
    auto conflicts =
        refusal(request(first_, "opening", "2025-02-28T09:00", "2025-02-28T11:00", kHall, wang_));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "outside_cohort");
    EXPECT_FALSE(conflicts[0].session);
    EXPECT_EQ(
        conflicts[0].message.en,
        "2025-02-28 09:00–11:00 is outside cohort TY-2025-1, which runs 2025-03-01 to 2025-04-30");
    conflicts =
        refusal(request(first_, "closing", "2025-04-30T20:00", "2025-05-01T09:00", kHall, wang_));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "outside_cohort");
    EXPECT_EQ(conflicts[0].message.en, "2025-04-30 20:00–2025-05-01 09:00 is outside cohort "
                                       "TY-2025-1, which runs 2025-03-01 to 2025-04-30");
}

TEST_F(Scheduling, TemplateMustBeInTheCohortsCourseVersionAndModule) {
    auto conflicts =
        refusal(request(first_, "openign", "2025-03-01T09:00", "2025-03-01T11:00", kHall));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "unknown_template");
    EXPECT_EQ(
        conflicts[0].message.en,
        "course touyan-linghang 2025.1 has no session template 'openign'; did you mean 'opening'?");
    EXPECT_EQ(conflicts[0].message.zh,
              "课程 touyan-linghang 2025.1 没有场次模板“openign”，是否想写“opening”？");

    auto r = request(first_, "casework", "2025-03-01T09:00", "2025-03-01T11:00", kHall);
    r.module = "ceremony";
    conflicts = refusal(r);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "wrong_module");
    EXPECT_EQ(conflicts[0].message.en,
              "template 'casework' belongs to module theory, not ceremony");

    r.module = "theory";
    const auto id = service_->schedule("trainer:wang", r);
    auto reader = t_.db->read();
    const auto stored = store::SessionRepository(*reader).find(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->module, "theory");
    EXPECT_EQ(stored->templateId, "casework");
    EXPECT_EQ(stored->capacity, 40) << "the cohort's default";
}

TEST_F(Scheduling, MalformedTimesAndAnEndBeforeTheStartAreRefused) {
    auto conflicts =
        refusal(request(first_, "opening", "2025-3-1 9:00", "2025-03-01T25:00", kHall));
    ASSERT_EQ(conflicts.size(), 2U);
    EXPECT_EQ(conflicts[0].code, "bad_time");
    EXPECT_EQ(conflicts[0].message.en, "the start '2025-3-1 9:00' is not a time YYYY-MM-DDTHH:MM");
    EXPECT_EQ(conflicts[1].message.en, "the end '2025-03-01T25:00' is not a time YYYY-MM-DDTHH:MM");
    conflicts = refusal(request(first_, "opening", "2025-03-01T11:00", "2025-03-01T11:00", kHall));
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].code, "bad_time");
    EXPECT_EQ(conflicts[0].message.en,
              "the end 2025-03-01 11:00 is not after the start 2025-03-01 11:00");
}

TEST_F(Scheduling, BackToBackSessionsDoNotConflict) {
    enroll(first_, workers_[0]);
    enroll(second_, workers_[0]);
    opening();
    // Same trainer, same place, a worker of both cohorts: it starts when the opening ends.
    EXPECT_TRUE(
        service_
            ->check(request(second_, "oath", "2025-03-01T11:00", "2025-03-01T11:30", kHall, wang_))
            .empty());
    EXPECT_NO_THROW(service_->schedule("trainer:wang", request(second_, "oath", "2025-03-01T11:00",
                                                               "2025-03-01T11:30", kHall, wang_)));
    EXPECT_NO_THROW(service_->schedule("trainer:wang", request(first_, "oath", "2025-03-01T08:30",
                                                               "2025-03-01T09:00", kHall, wang_)));
}

TEST_F(Scheduling, CancelledSessionNoLongerConflicts) {
    const auto s = opening();
    const auto clash =
        request(second_, "casework", "2025-03-01T10:00", "2025-03-01T12:00", kHall, wang_);
    EXPECT_EQ(service_->check(clash).size(), 2U);
    service_->cancel("trainer:wang", s, "the hall is being repaired");
    EXPECT_TRUE(service_->check(clash).empty());
    EXPECT_NO_THROW(service_->schedule("trainer:wang", clash));
    try {
        service_->cancel("trainer:wang", s, "again");
        ADD_FAILURE() << "cancelled twice";
    } catch (const SchedulingError& e) {
        EXPECT_EQ(e.conflicts.front().code, "session_cancelled");
    }
}

TEST_F(Scheduling, CheckReturnsEveryConflictAtOnceAndWritesNothing) {
    enroll(first_, workers_[0]);
    enroll(second_, workers_[0]);
    const auto s = opening();
    const auto rows = sessionRows();
    const auto entries = auditEntries();
    const auto conflicts = service_->check(
        request(second_, "casework", "2025-03-01T10:00", "2025-03-01T12:00", kHall, wang_));
    ASSERT_EQ(conflicts.size(), 3U);
    EXPECT_EQ(conflicts[0].code, "trainer_busy");
    EXPECT_EQ(conflicts[1].code, "place_taken");
    EXPECT_EQ(conflicts[2].code, "member_busy");
    for (const auto& c : conflicts)
        EXPECT_EQ(c.session, s) << c.code;
    EXPECT_EQ(sessionRows(), rows);
    EXPECT_EQ(auditEntries(), entries);
    // Problems of the request itself come with the conflicts, too.
    auto r = request(second_, "casework", "2025-03-01T10:00", "2025-03-01T12:00", kHall, wang_);
    r.module = "drills";
    r.capacity = -1;
    std::vector<std::string> codes;
    for (const auto& c : service_->check(r))
        codes.push_back(c.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"bad_capacity", "wrong_module", "trainer_busy",
                                               "place_taken", "member_busy"}));
}

TEST_F(Scheduling, RejectedScheduleWritesNothing) {
    opening();
    const auto rows = sessionRows();
    const auto entries = auditEntries();
    refusal(request(second_, "casework", "2025-03-01T10:00", "2025-03-01T12:00", kHall, wang_));
    refusal(request(first_, "no_such", "2025-03-02T10:00", "2025-03-02T12:00", kRoom));
    EXPECT_EQ(sessionRows(), rows);
    EXPECT_EQ(auditEntries(), entries);
    const auto recent = store::AuditLog(*t_.db).recent(1);
    ASSERT_EQ(recent.size(), 1U);
    EXPECT_EQ(recent[0].action, "session.schedule");
    EXPECT_TRUE(store::AuditLog(*t_.db).verify().intact);
}

TEST_F(Scheduling, FullSessionFillsAWaitingLineAndUnbookingPromotesTheFirst) {
    for (int i : {0, 2, 3})
        enroll(first_, workers_[i]);
    auto r = request(first_, "home_visit", "2025-03-10T09:00", "2025-03-10T11:00", kRoom, chen_);
    r.capacity = 2;
    const auto s = service_->schedule("trainer:chen", r);
    const auto a = service_->book("worker", s, workers_[0]);
    const auto b = service_->book("worker", s, workers_[1]);
    const auto c = service_->book("worker", s, workers_[2]);
    const auto d = service_->book("worker", s, workers_[3]);
    EXPECT_EQ(a.status, "booked");
    EXPECT_EQ(b.status, "booked");
    EXPECT_EQ(c.status, "waiting");
    EXPECT_EQ(c.position, 1);
    EXPECT_EQ(d.status, "waiting");
    EXPECT_EQ(d.position, 2);

    EXPECT_EQ(service_->unbook("worker", s, workers_[0]), workers_[2])
        << "the first in line takes the seat";
    std::map<store::Id, std::string> status;
    for (const auto& booking : bookings(s))
        status[booking.personId] = booking.status;
    EXPECT_EQ(status[workers_[0]], "cancelled");
    EXPECT_EQ(status[workers_[2]], "booked");
    EXPECT_EQ(status[workers_[3]], "waiting");
    // Someone waiting who gives up their place promotes nobody.
    EXPECT_EQ(service_->unbook("worker", s, workers_[3]), std::nullopt);

    const auto views = service_->list(services::SessionFilter{first_, std::nullopt, std::nullopt});
    ASSERT_EQ(views.size(), 1U);
    EXPECT_EQ(views[0].booked, 2U);
    EXPECT_EQ(views[0].waiting, 0U);
    EXPECT_EQ(views[0].title.en, "Drill: home visit");
    EXPECT_EQ(views[0].trainerName, "陈刚");
}

TEST_F(Scheduling, OnlyAnEnrolledWorkerMayBookAndOnlyOnce) {
    const auto s = opening();
    try {
        service_->book("worker", s, workers_[2]); // 刘洋 is in the second cohort
        ADD_FAILURE() << "booked a worker of another cohort";
    } catch (const SchedulingError& e) {
        EXPECT_EQ(e.conflicts.front().code, "not_enrolled");
        EXPECT_EQ(std::string(e.what()), "刘洋 (JY-0003) is not enrolled in cohort TY-2025-1");
    }
    service_->book("worker", s, workers_[1]);
    try {
        service_->book("worker", s, workers_[1]);
        ADD_FAILURE() << "booked twice";
    } catch (const SchedulingError& e) {
        EXPECT_EQ(e.conflicts.front().code, "already_booked");
    }
}

} // namespace
