// The sessions aggregate, against every backend: scheduled sessions and their cancellation; the
// lists of a cohort, a person and a trainer; the overlaps that make scheduling conflicts (trainer,
// place, members), in their window only; seats up to the capacity, then a waiting line whose
// first takes the seat a cancelled booking leaves.

#include "ContractFixture.hpp"

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class SessionContract : public contract::StoreContract {
protected:
    void SetUp() override {
        StoreContract::SetUp();
        if (HasFatalFailure()) return;
        hash_ = keepCourse();
        cohort_ = addCohort("TY-2026-1", hash_);
        trainer_ = addPerson("JY-T001", "陈老师", "trainer");
    }

    /// A session of the cohort on 2026-12-05 from `from` to `to` ("HH:MM").
    Id onTheFifth(const std::string& from, const std::string& to,
                  std::optional<Id> trainer = std::nullopt,
                  const std::string& place = "江岸区社工站 三楼会议室",
                  std::optional<Id> cohort = {}) {
        return addSession(newSession(cohort.value_or(cohort_), "2026-12-05T" + from,
                                     "2026-12-05T" + to, place, trainer));
    }
    /// A session of the cohort with `capacity` seats (0: unlimited).
    Id sessionWithSeats(int capacity) {
        return addSession(newSession(cohort_, "2026-12-05T09:00", "2026-12-05T11:00",
                                     "江岸区社工站 三楼会议室", trainer_, capacity));
    }
    /// New people JY-0001 ... JY-000n (n < 10), in order.
    std::vector<Id> people(int n) {
        std::vector<Id> ids;
        for (int i = 1; i <= n; ++i)
            ids.push_back(addPerson("JY-000" + std::to_string(i), "学员" + std::to_string(i)));
        return ids;
    }
    Booking book(Id session, Id person) {
        return write([&](WriteUnit& u) { return u.sessions().book(session, person); });
    }
    std::optional<Id> unbook(Id session, Id person) {
        return write([&](WriteUnit& u) { return u.sessions().cancelBooking(session, person); });
    }
    /// The booking status of `person`, "" when they have none.
    std::string statusOf(Id session, Id person) {
        for (const auto& b : read()->sessions().bookings(session))
            if (b.personId == person) return b.status;
        return "";
    }

    std::string hash_;
    Id cohort_ = 0;
    Id trainer_ = 0;
};

} // namespace

// Sessions

TEST_P(SessionContract, AddsASessionAndReadsEveryFieldBack) {
    Session in = newSession(cohort_, "2026-12-05T09:00", "2026-12-05T11:30",
                            "江岸区社工站 三楼会议室", trainer_, 24);
    in.module = "drills";
    in.templateId = "case-study";
    std::string now;
    const Id id = write([&](WriteUnit& u) {
        now = u.now();
        return u.sessions().add(in);
    });
    const auto s = read()->sessions().find(id);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->id, id);
    EXPECT_EQ(s->cohortId, cohort_);
    EXPECT_EQ(s->module, "drills");
    EXPECT_EQ(s->templateId, "case-study");
    EXPECT_EQ(s->startsAt, "2026-12-05T09:00");
    EXPECT_EQ(s->endsAt, "2026-12-05T11:30");
    EXPECT_EQ(s->place, "江岸区社工站 三楼会议室");
    EXPECT_EQ(s->trainerId, trainer_);
    EXPECT_EQ(s->capacity, 24);
    EXPECT_EQ(s->status, "scheduled");
    EXPECT_EQ(s->sequence, 0);
    EXPECT_EQ(s->updatedAt, now);
}

TEST_P(SessionContract, ANewSessionIsScheduledAtSequenceNoughtWhateverItSays) {
    Session in = newSession(cohort_, "2026-12-05T09:00", "2026-12-05T11:00");
    in.status = "cancelled";
    in.sequence = 7;
    const Id id = addSession(in);
    const auto s = read()->sessions().find(id);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, "scheduled");
    EXPECT_EQ(s->sequence, 0);
    EXPECT_FALSE(s->trainerId);
    EXPECT_EQ(s->capacity, 0);
}

TEST_P(SessionContract, UnknownSessionsAreNotFound) {
    auto r = read();
    EXPECT_FALSE(r->sessions().find(1));
    EXPECT_TRUE(r->sessions().forCohort(cohort_).empty());
    EXPECT_TRUE(r->sessions().forPerson(trainer_, "").empty());
    EXPECT_TRUE(r->sessions().forTrainer(trainer_, "", "9999").empty());
    EXPECT_TRUE(r->sessions().bookings(1).empty());
}

TEST_P(SessionContract, ASessionThatDoesNotEndAfterItStartsIsRefused) {
    EXPECT_THROW(addSession(newSession(cohort_, "2026-12-05T11:00", "2026-12-05T09:00")),
                 StoreError);
    EXPECT_THROW(addSession(newSession(cohort_, "2026-12-05T09:00", "2026-12-05T09:00")),
                 StoreError);
    EXPECT_TRUE(read()->sessions().forCohort(cohort_).empty());
}

TEST_P(SessionContract, ASessionOfAMissingCohortOrTrainerIsRefused) {
    EXPECT_THROW(addSession(newSession(999, "2026-12-05T09:00", "2026-12-05T11:00")), StoreError);
    EXPECT_THROW(addSession(newSession(cohort_, "2026-12-05T09:00", "2026-12-05T11:00",
                                       "江岸区社工站", Id{999})),
                 StoreError);
    EXPECT_TRUE(read()->sessions().forCohort(cohort_).empty());
}

TEST_P(SessionContract, CancellingMarksTheSessionCancelledAndRaisesItsSequence) {
    const Id id = onTheFifth("09:00", "11:00", trainer_);
    std::string now;
    write([&](WriteUnit& u) {
        now = u.now();
        u.sessions().cancel(id, "讲师生病");
    });
    const auto s = read()->sessions().find(id);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, "cancelled");
    EXPECT_EQ(s->sequence, 1);
    EXPECT_EQ(s->updatedAt, now);
    EXPECT_EQ(s->startsAt, "2026-12-05T09:00"); // the rest stays
}

TEST_P(SessionContract, CancellingTwiceOrAnUnknownSessionIsRefused) {
    const Id id = onTheFifth("09:00", "11:00");
    write([&](WriteUnit& u) { u.sessions().cancel(id, "讲师生病"); });
    EXPECT_THROW(write([&](WriteUnit& u) { u.sessions().cancel(id, "again"); }), StoreError);
    EXPECT_THROW(write([&](WriteUnit& u) { u.sessions().cancel(id + 1, "unknown"); }), StoreError);
    EXPECT_EQ(read()->sessions().find(id).value().sequence, 1);
}

TEST_P(SessionContract, ListsACohortsSessionsByStartTime) {
    const Id other = addCohort("TY-2026-2", hash_);
    const Id afternoon = onTheFifth("14:00", "16:00");
    const Id morning = onTheFifth("09:00", "11:00");
    const Id nextDay = addSession(newSession(cohort_, "2026-12-06T09:00", "2026-12-06T11:00"));
    onTheFifth("09:00", "11:00", std::nullopt, "江岸区社工站", other);
    EXPECT_EQ(idsOf(read()->sessions().forCohort(cohort_)),
              (std::vector<Id>{morning, afternoon, nextDay}));
}

TEST_P(SessionContract, ListsAPersonsSessionsOfEveryCohortTheyAreInFromADay) {
    const Id second = addCohort("TY-2026-2", hash_);
    const Id notTheirs = addCohort("TY-2026-3", hash_);
    const Id person = addPerson("JY-0001", "张丽");
    enroll(cohort_, person);
    enroll(second, person);
    const Id past = addSession(newSession(cohort_, "2026-11-20T09:00", "2026-11-20T11:00"));
    const Id third = addSession(newSession(cohort_, "2026-12-03T09:00", "2026-12-03T11:00"));
    const Id secondOne = addSession(newSession(second, "2026-12-02T09:00", "2026-12-02T11:00"));
    addSession(newSession(notTheirs, "2026-12-01T09:00", "2026-12-01T11:00"));
    auto r = read();
    EXPECT_EQ(idsOf(r->sessions().forPerson(person, "2026-12-01")),
              (std::vector<Id>{secondOne, third}));
    EXPECT_EQ(idsOf(r->sessions().forPerson(person, "")),
              (std::vector<Id>{past, secondOne, third}));
}

TEST_P(SessionContract, ListsATrainersSessionsInAWindowFromIncludedToExcluded) {
    const Id other = addPerson("JY-T002", "刘老师", "trainer");
    const Id first = addSession(
        newSession(cohort_, "2026-12-01T09:00", "2026-12-01T11:00", "江岸区社工站", trainer_));
    const Id second = addSession(
        newSession(cohort_, "2026-12-08T09:00", "2026-12-08T11:00", "江岸区社工站", trainer_));
    addSession(
        newSession(cohort_, "2026-12-15T09:00", "2026-12-15T11:00", "江岸区社工站", trainer_));
    addSession(newSession(cohort_, "2026-12-08T14:00", "2026-12-08T16:00", "江岸区社工站", other));
    EXPECT_EQ(
        idsOf(read()->sessions().forTrainer(trainer_, "2026-12-01T09:00", "2026-12-15T09:00")),
        (std::vector<Id>{first, second}));
}

TEST_P(SessionContract, ThePersonsAndTheTrainersListsKeepCancelledSessions) {
    // A calendar feed shows the cancellation (its sequence raised) rather than losing the event.
    const Id person = addPerson("JY-0001", "张丽");
    enroll(cohort_, person);
    const Id id = onTheFifth("09:00", "11:00", trainer_);
    write([&](WriteUnit& u) { u.sessions().cancel(id, "讲师生病"); });
    auto r = read();
    const auto mine = r->sessions().forPerson(person, "");
    ASSERT_EQ(idsOf(mine), (std::vector<Id>{id}));
    EXPECT_EQ(mine[0].status, "cancelled");
    EXPECT_EQ(idsOf(r->sessions().forTrainer(trainer_, "", "9999")), (std::vector<Id>{id}));
    EXPECT_EQ(idsOf(r->sessions().forCohort(cohort_)), (std::vector<Id>{id}));
}

// Overlaps

TEST_P(SessionContract, FindsTheTrainersSessionsThatOverlapTheWindowAndNoOthers) {
    const Id other = addPerson("JY-T002", "刘老师", "trainer");
    const Id nine = onTheFifth("09:00", "10:00", trainer_);
    const Id ten = onTheFifth("10:00", "11:00", trainer_);
    onTheFifth("09:30", "10:30", other);
    addSession(
        newSession(cohort_, "2026-12-06T09:00", "2026-12-06T10:00", "江岸区社工站", trainer_));
    auto r = read();
    auto& sessions = r->sessions();
    const auto both =
        sessions.trainerOverlaps(trainer_, "2026-12-05T09:30", "2026-12-05T10:30", 0, 10);
    EXPECT_EQ(sessionIdsOf(both), (std::vector<Id>{nine, ten}));
    for (const auto& o : both)
        EXPECT_FALSE(o.person);
    // Touching is not overlapping: nine ends when the window starts.
    EXPECT_EQ(sessionIdsOf(sessions.trainerOverlaps(trainer_, "2026-12-05T10:00",
                                                    "2026-12-05T10:30", 0, 10)),
              (std::vector<Id>{ten}));
    EXPECT_TRUE(
        sessions.trainerOverlaps(trainer_, "2026-12-05T11:00", "2026-12-05T12:00", 0, 10).empty());
}

TEST_P(SessionContract, OverlapsLeaveOutTheExceptedSessionAndCancelledOnes) {
    const Id nine = onTheFifth("09:00", "10:00", trainer_);
    const Id ten = onTheFifth("10:00", "11:00", trainer_);
    EXPECT_EQ(sessionIdsOf(read()->sessions().trainerOverlaps(trainer_, "2026-12-05T09:00",
                                                              "2026-12-05T11:00", nine, 10)),
              (std::vector<Id>{ten})); // rescheduling nine: it is no conflict of its own
    write([&](WriteUnit& u) { u.sessions().cancel(ten, "讲师生病"); });
    auto r = read();
    EXPECT_TRUE(r->sessions()
                    .trainerOverlaps(trainer_, "2026-12-05T09:00", "2026-12-05T11:00", nine, 10)
                    .empty());
    EXPECT_TRUE(r->sessions()
                    .placeOverlaps("江岸区社工站 三楼会议室", "2026-12-05T09:00",
                                   "2026-12-05T11:00", nine, 10)
                    .empty());
}

TEST_P(SessionContract, OverlapsStopAtTheLimitEarliestFirst) {
    const Id nine = onTheFifth("09:00", "10:00", trainer_);
    const Id ten = onTheFifth("10:00", "11:00", trainer_);
    onTheFifth("11:00", "12:00", trainer_);
    EXPECT_EQ(sessionIdsOf(read()->sessions().trainerOverlaps(trainer_, "2026-12-05T08:00",
                                                              "2026-12-05T13:00", 0, 2)),
              (std::vector<Id>{nine, ten}));
}

TEST_P(SessionContract, FindsTheSessionsInTheSamePlace) {
    const Id other = addPerson("JY-T002", "刘老师", "trainer");
    const std::string hall = "江岸区党群服务中心 一楼大厅";
    const Id mine = onTheFifth("09:00", "11:00", trainer_, hall);
    const Id theirs = onTheFifth("10:00", "12:00", other, hall);
    onTheFifth("09:00", "11:00", trainer_, "幸福社区活动室");
    const auto found =
        read()->sessions().placeOverlaps(hall, "2026-12-05T10:30", "2026-12-05T11:30", 0, 10);
    EXPECT_EQ(sessionIdsOf(found), (std::vector<Id>{mine, theirs}));
    for (const auto& o : found)
        EXPECT_FALSE(o.person);
}

TEST_P(SessionContract, FindsMemberOverlapsOncePerSessionAndPerson) {
    const Id b = addCohort("TY-2026-2", hash_);
    const Id c = addCohort("TY-2026-3", hash_);
    const auto p = people(3);
    for (const Id person : p)
        enroll(cohort_, person);
    enroll(b, p[0]);
    enroll(b, p[1]);
    enroll(c, p[1]);
    onTheFifth("09:00", "11:00", std::nullopt, "江岸区社工站", cohort_); // its own: no conflict
    const Id inB = onTheFifth("09:00", "11:00", std::nullopt, "幸福社区活动室", b);
    const Id inC = onTheFifth("10:00", "12:00", std::nullopt, "百步亭会议室", c);
    auto r = read();
    auto& sessions = r->sessions();
    const auto found =
        sessions.memberOverlaps(cohort_, "2026-12-05T09:30", "2026-12-05T10:30", 0, 10);
    ASSERT_EQ(found.size(), 3U);
    EXPECT_EQ(found[0].session.id, inB);
    EXPECT_EQ(found[0].person, p[0]);
    EXPECT_EQ(found[1].session.id, inB);
    EXPECT_EQ(found[1].person, p[1]);
    EXPECT_EQ(found[2].session.id, inC);
    EXPECT_EQ(found[2].person, p[1]);
    const auto exceptB =
        sessions.memberOverlaps(cohort_, "2026-12-05T09:30", "2026-12-05T10:30", inB, 10);
    ASSERT_EQ(exceptB.size(), 1U);
    EXPECT_EQ(exceptB[0].session.id, inC);
    EXPECT_EQ(sessions.memberOverlaps(cohort_, "2026-12-05T09:30", "2026-12-05T10:30", 0, 2).size(),
              2U);
    EXPECT_TRUE(
        sessions.memberOverlaps(cohort_, "2026-12-05T12:00", "2026-12-05T13:00", 0, 10).empty());
}

// Bookings

TEST_P(SessionContract, BooksSeatsUpToTheCapacityThenAWaitingLine) {
    const Id session = sessionWithSeats(2);
    const auto p = people(4);
    std::string now;
    const Booking first = write([&](WriteUnit& u) {
        now = u.now();
        return u.sessions().book(session, p[0]);
    });
    EXPECT_EQ(first.sessionId, session);
    EXPECT_EQ(first.personId, p[0]);
    EXPECT_EQ(first.status, "booked");
    EXPECT_EQ(first.position, 0);
    EXPECT_EQ(first.bookedAt, now);
    EXPECT_EQ(book(session, p[1]).status, "booked");
    const Booking third = book(session, p[2]);
    EXPECT_EQ(third.status, "waiting");
    EXPECT_EQ(third.position, 1);
    const Booking fourth = book(session, p[3]);
    EXPECT_EQ(fourth.status, "waiting");
    EXPECT_EQ(fourth.position, 2);

    const auto all = read()->sessions().bookings(session);
    EXPECT_EQ(personIdsOf(all), p); // the seats, then the waiting line in its order
    ASSERT_EQ(all.size(), 4U);
    EXPECT_EQ(all[0].status, "booked");
    EXPECT_EQ(all[0].bookedAt, now);
    EXPECT_EQ(all[1].status, "booked");
    EXPECT_EQ(all[2].status, "waiting");
    EXPECT_EQ(all[2].position, 1);
    EXPECT_EQ(all[3].status, "waiting");
    EXPECT_EQ(all[3].position, 2);
}

TEST_P(SessionContract, AnUnlimitedSessionHasNoWaitingLine) {
    const Id session = sessionWithSeats(0);
    for (const Id person : people(5))
        EXPECT_EQ(book(session, person).status, "booked");
}

TEST_P(SessionContract, BookingTwiceIsRefusedAndTheFirstBookingStays) {
    const Id session = sessionWithSeats(1);
    const auto p = people(3);
    book(session, p[0]);
    book(session, p[1]); // waiting
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.sessions().book(session, p[2]);
                     u.sessions().book(session, p[0]);
                 }),
                 StoreError);
    EXPECT_THROW(book(session, p[1]), StoreError);
    const auto all = read()->sessions().bookings(session);
    EXPECT_EQ(personIdsOf(all), (std::vector<Id>{p[0], p[1]}));
    EXPECT_EQ(statusOf(session, p[0]), "booked");
    EXPECT_EQ(statusOf(session, p[1]), "waiting");
}

TEST_P(SessionContract, CancellingABookingGivesTheSeatToTheFirstWaiting) {
    const Id session = sessionWithSeats(2);
    const auto p = people(4);
    for (const Id person : p)
        book(session, person);
    EXPECT_EQ(unbook(session, p[0]), p[2]);
    EXPECT_EQ(statusOf(session, p[0]), "cancelled");
    EXPECT_EQ(statusOf(session, p[1]), "booked");
    EXPECT_EQ(statusOf(session, p[2]), "booked");
    EXPECT_EQ(statusOf(session, p[3]), "waiting");
    EXPECT_EQ(unbook(session, p[1]), p[3]);
    EXPECT_EQ(statusOf(session, p[3]), "booked");
}

TEST_P(SessionContract, LeavingTheWaitingLinePromotesNobodyAndTheLineMovesOn) {
    const Id session = sessionWithSeats(1);
    const auto p = people(3);
    for (const Id person : p)
        book(session, person);
    EXPECT_FALSE(unbook(session, p[1]));
    EXPECT_EQ(statusOf(session, p[0]), "booked");
    EXPECT_EQ(statusOf(session, p[1]), "cancelled");
    EXPECT_EQ(statusOf(session, p[2]), "waiting");
    EXPECT_EQ(unbook(session, p[0]), p[2]); // the next still waiting, not the one who left
    EXPECT_EQ(statusOf(session, p[2]), "booked");
}

TEST_P(SessionContract, CancellingWithNobodyWaitingPromotesNobody) {
    const Id session = sessionWithSeats(2);
    const auto p = people(2);
    book(session, p[0]);
    book(session, p[1]);
    EXPECT_FALSE(unbook(session, p[0]));
    EXPECT_EQ(statusOf(session, p[1]), "booked");
}

TEST_P(SessionContract, CancellingABookingNotHeldIsRefused) {
    const Id session = sessionWithSeats(2);
    const auto p = people(2);
    EXPECT_THROW(unbook(session, p[0]), StoreError); // never booked
    book(session, p[1]);
    unbook(session, p[1]);
    EXPECT_THROW(unbook(session, p[1]), StoreError); // cancelled already
    EXPECT_EQ(statusOf(session, p[0]), "");
    EXPECT_EQ(statusOf(session, p[1]), "cancelled");
}

TEST_P(SessionContract, ACancelledBookingMayBeMadeAgainAndQueuesWhenTheSeatsAreTaken) {
    const Id session = sessionWithSeats(1);
    const auto p = people(2);
    book(session, p[0]);
    unbook(session, p[0]);
    EXPECT_EQ(book(session, p[1]).status, "booked");
    const Booking again = book(session, p[0]);
    EXPECT_EQ(again.status, "waiting");
    EXPECT_EQ(again.position, 1);
    EXPECT_EQ(statusOf(session, p[0]), "waiting");
}

TEST_P(SessionContract, BookingAMissingSessionOrForAMissingPersonIsRefused) {
    const Id session = sessionWithSeats(2);
    const auto p = people(1);
    EXPECT_THROW(book(session + 1, p[0]), StoreError);
    EXPECT_THROW(book(session, 999), StoreError);
    EXPECT_TRUE(read()->sessions().bookings(session).empty());
}

YANZHEN_STORE_CONTRACT(SessionContract);
