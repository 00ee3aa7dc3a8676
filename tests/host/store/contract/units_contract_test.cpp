// The unit of work, against every backend: a write is all of it or none of it (rows and audit
// entries), sees its own writes, has one actor and one time; a read unit is a snapshot that cannot
// write and does not see what commits after it began; writers take turns.

#include "ContractFixture.hpp"

#include "clock/Clock.hpp"

#include <atomic>
#include <regex>
#include <thread>

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class UnitContract : public contract::StoreContract {};

/// Thrown by a test's write body: not anything the store throws itself.
struct Boom {};

} // namespace

// All or nothing

TEST_P(UnitContract, AWriteThatThrowsRethrowsItAndLeavesNoRowsAndNoAuditEntries) {
    const auto hash = hexHash("a1");
    EXPECT_THROW(write([&](WriteUnit& u) {
                     const Id unit = u.people().addOrgUnit(
                         OrgUnit{0, std::nullopt, "district", "JA", "江岸区"});
                     const Id person = u.people().add(newPerson("JY-0001", "张丽", "", unit));
                     u.cohorts().keepCourseVersion(newVersion(hash));
                     const Id cohort = u.cohorts().create(newCohort("TY-2026-1", hash));
                     u.cohorts().enroll(cohort, person, "2026-09-01");
                     u.evidence().append(attendance(person, "opening", "present"));
                     u.audit("test.step", "test", "1", Poco::JSON::Object());
                     throw Boom{};
                 }),
                 Boom);
    auto r = read();
    EXPECT_TRUE(r->people().orgUnits().empty());
    EXPECT_EQ(r->people().count({}), 0U);
    EXPECT_FALSE(r->cohorts().courseVersion(hash));
    EXPECT_TRUE(r->cohorts().list().empty());
    EXPECT_EQ(r->auditLog().count(), 0U);
    EXPECT_TRUE(r->auditLog().verify("").intact);
}

TEST_P(UnitContract, AConstraintHalfWayRollsBackWhatCameBefore) {
    addPerson("JY-0001", "张丽");
    const auto entries = auditCount();
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.people().addOrgUnit(OrgUnit{0, std::nullopt, "district", "JA", "江岸区"});
                     u.people().add(newPerson("JY-0002", "李娜"));
                     u.people().add(newPerson("JY-0001", "重名")); // taken
                     u.people().add(newPerson("JY-0003", "王芳")); // never reached
                 }),
                 StoreError);
    auto r = read();
    EXPECT_FALSE(r->people().orgUnitByCode("JA"));
    EXPECT_FALSE(r->people().findByCode("JY-0002"));
    EXPECT_FALSE(r->people().findByCode("JY-0003"));
    EXPECT_EQ(r->people().findByCode("JY-0001").value().name, "张丽");
    EXPECT_EQ(r->auditLog().count(), entries);
}

TEST_P(UnitContract, TheStoreWritesOnAfterARefusedWrite) {
    addPerson("JY-0001", "张丽");
    EXPECT_THROW(addPerson("JY-0001", "李娜"), StoreError);
    const Id next = addPerson("JY-0002", "李娜");
    auto r = read();
    EXPECT_TRUE(r->people().find(next));
    const auto v = r->auditLog().verify("");
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, r->auditLog().count());
}

// A read unit cannot write

TEST_P(UnitContract, PeopleWritesThroughAReadUnitAreRefused) {
    auto r = read();
    EXPECT_THROW(r->people().addOrgUnit(OrgUnit{0, std::nullopt, "district", "JA", "江岸区"}),
                 StoreError);
    EXPECT_THROW(r->people().add(newPerson("JY-0001", "张丽")), StoreError);
    EXPECT_EQ(r->people().count({}), 0U); // and the unit reads on
    r.reset();
    auto fresh = read();
    EXPECT_TRUE(fresh->people().orgUnits().empty());
    EXPECT_FALSE(fresh->people().findByCode("JY-0001"));
    EXPECT_EQ(fresh->auditLog().count(), 0U);
}

TEST_P(UnitContract, AccountWritesThroughAReadUnitAreRefused) {
    const Id account = write([&](WriteUnit& u) {
        return u.accounts().add(Account{0, "zhangli", std::nullopt, "worker", "old", false, ""});
    });
    auto r = read();
    auto& accounts = r->accounts();
    EXPECT_THROW(accounts.add(Account{0, "lina", std::nullopt, "worker", "", false, ""}),
                 StoreError);
    EXPECT_THROW(accounts.setPasswordHash(account, "new"), StoreError);
    EXPECT_THROW(accounts.setDisabled(account, true), StoreError);
    AuthToken t;
    t.accountId = account;
    t.kind = "api";
    t.tokenHash = hexHash("a91");
    t.createdAt = "2026-11-27T16:00:00Z";
    EXPECT_THROW(accounts.addToken(t), StoreError);
    EXPECT_THROW(accounts.touchToken(1, "2026-11-27T16:05:00Z", std::nullopt), StoreError);
    EXPECT_THROW(accounts.revokeToken(1, "2026-11-27T17:00:00Z"), StoreError);
    EXPECT_THROW(accounts.revokeTokensOf(account, std::nullopt, "2026-11-27T17:00:00Z"),
                 StoreError);
    r.reset();
    auto fresh = read();
    const auto a = fresh->accounts().find(account);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->passwordHash, "old");
    EXPECT_FALSE(a->disabled);
    EXPECT_FALSE(fresh->accounts().findByUsername("lina"));
    EXPECT_TRUE(fresh->accounts().tokensOf(account).empty());
}

TEST_P(UnitContract, CohortWritesThroughAReadUnitAreRefused) {
    const auto hash = keepCourse();
    const Id person = addPerson("JY-0001", "张丽");
    const Id cohort = addCohort("TY-2026-1", hash);
    auto r = read();
    auto& cohorts = r->cohorts();
    EXPECT_THROW(cohorts.keepCourseVersion(newVersion(hexHash("b2"))), StoreError);
    EXPECT_THROW(cohorts.create(newCohort("TY-2026-2", hash)), StoreError);
    EXPECT_THROW(cohorts.repin(cohort, hexHash("b2"), hash), StoreError);
    EXPECT_THROW(cohorts.addTrainer(cohort, person), StoreError);
    EXPECT_THROW(cohorts.enroll(cohort, person, "2026-09-01"), StoreError);
    r.reset();
    auto fresh = read();
    EXPECT_FALSE(fresh->cohorts().courseVersion(hexHash("b2")));
    EXPECT_EQ(fresh->cohorts().list().size(), 1U);
    EXPECT_TRUE(fresh->cohorts().trainers(cohort).empty());
    EXPECT_TRUE(fresh->cohorts().members(cohort).empty());
}

TEST_P(UnitContract, SessionWritesThroughAReadUnitAreRefused) {
    const Id cohort = addCohort("TY-2026-1", keepCourse());
    const Id person = addPerson("JY-0001", "张丽");
    const Id session = addSession(newSession(cohort, "2026-12-05T09:00", "2026-12-05T11:00"));
    auto r = read();
    auto& sessions = r->sessions();
    EXPECT_THROW(sessions.add(newSession(cohort, "2026-12-06T09:00", "2026-12-06T11:00")),
                 StoreError);
    EXPECT_THROW(sessions.cancel(session, "讲师生病"), StoreError);
    EXPECT_THROW(sessions.book(session, person), StoreError);
    EXPECT_THROW(sessions.cancelBooking(session, person), StoreError);
    r.reset();
    auto fresh = read();
    EXPECT_EQ(fresh->sessions().forCohort(cohort).size(), 1U);
    EXPECT_EQ(fresh->sessions().find(session).value().status, "scheduled");
    EXPECT_TRUE(fresh->sessions().bookings(session).empty());
}

TEST_P(UnitContract, EvidenceWritesThroughAReadUnitAreRefused) {
    const Id person = addPerson("JY-0001", "张丽");
    const Id row = append(attendance(person, "opening", "absent"));
    auto r = read();
    auto& evidence = r->evidence();
    EXPECT_THROW(evidence.append(attendance(person, "oath", "present")), StoreError);
    const EvidenceRow one = attendance(person, "closing", "present");
    bool given = false;
    EXPECT_THROW(evidence.appendMany(
                     [&]() -> const EvidenceRow* {
                         if (given) return nullptr;
                         given = true;
                         return &one;
                     },
                     "考勤表.csv"),
                 StoreError);
    EXPECT_THROW(evidence.supersede(row, attendance(person, "opening", "present"), "她迟到了"),
                 StoreError);
    r.reset();
    EXPECT_EQ(idsOf(read()->evidence().history(person)), (std::vector<Id>{row}));
}

TEST_P(UnitContract, CredentialWritesThroughAReadUnitAreRefused) {
    const auto hash = keepCourse();
    const Id person = addPerson("JY-0001", "张丽");
    const Id id = issue(certificate(person, hash, "YZ-2026-000001"));
    auto r = read();
    auto& credentials = r->credentials();
    // nextId is a write's: the id it gives holds only until that write commits.
    EXPECT_THROW(credentials.nextId(), StoreError);
    auto second = certificate(person, hash, "YZ-2026-000002");
    second.id = id + 1;
    EXPECT_THROW(credentials.add(second), StoreError);
    EXPECT_THROW(credentials.revoke(id, "2026-11-28", "违规"), StoreError);
    EXPECT_THROW(credentials.supersede(id, id, "2026-11-28", "姓名错字"), StoreError);
    EXPECT_THROW(credentials.markRenewed(id, id), StoreError);
    r.reset();
    auto fresh = read();
    EXPECT_EQ(fresh->credentials().list({}).size(), 1U);
    const auto c = fresh->credentials().find(id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->revokedOn, "");
    EXPECT_FALSE(c->supersededBy);
    EXPECT_FALSE(c->renewedBy);
}

// Snapshots

TEST_P(UnitContract, AReadUnitKeepsItsSnapshotWhileAWriteCommits) {
    addPerson("JY-0001", "张丽");
    auto before = read();
    ASSERT_EQ(before->people().count({}), 1U); // the snapshot is taken
    const Id second = addPerson("JY-0002", "李娜");
    EXPECT_EQ(before->people().count({}), 1U);
    EXPECT_FALSE(before->people().find(second));
    EXPECT_FALSE(before->people().findByCode("JY-0002"));
    auto after = read();
    EXPECT_EQ(after->people().count({}), 2U);
    EXPECT_TRUE(after->people().find(second));
}

TEST_P(UnitContract, ASnapshotCoversEveryAggregateNotOnlyTheOneReadFirst) {
    addPerson("JY-0001", "张丽");
    auto before = read();
    ASSERT_EQ(before->people().count({}), 1U);
    const auto entries = before->auditLog().count();
    const auto hash = keepCourse();
    addCohort("TY-2026-1", hash);
    EXPECT_FALSE(before->cohorts().courseVersion(hash));
    EXPECT_TRUE(before->cohorts().list().empty());
    EXPECT_FALSE(before->cohorts().findByCode("TY-2026-1"));
    EXPECT_EQ(before->auditLog().count(), entries);
    EXPECT_EQ(before->auditLog().verify("").entries, entries);
    EXPECT_EQ(read()->cohorts().list().size(), 1U);
}

TEST_P(UnitContract, AReaderDoesNotSeeAWriteBeforeItCommits) {
    Id id = 0;
    write([&](WriteUnit& u) {
        id = u.people().add(newPerson("JY-0001", "张丽"));
        auto outside = store().read();
        EXPECT_FALSE(outside->people().find(id));
        EXPECT_EQ(outside->people().count({}), 0U);
        EXPECT_EQ(outside->auditLog().count(), 0U);
    });
    auto r = read();
    EXPECT_TRUE(r->people().find(id));
    EXPECT_EQ(r->auditLog().count(), 1U);
}

TEST_P(UnitContract, AWriteUnitSeesItsOwnWritesBeforeItCommits) {
    const auto hash = hexHash("a1");
    write([&](WriteUnit& u) {
        const Id person = u.people().add(newPerson("JY-0001", "张丽"));
        ASSERT_TRUE(u.people().find(person));
        EXPECT_EQ(u.people().findByCode("JY-0001").value().id, person);
        EXPECT_EQ(u.people().count({}), 1U);
        u.cohorts().keepCourseVersion(newVersion(hash));
        EXPECT_TRUE(u.cohorts().courseVersion(hash));
        const Id cohort = u.cohorts().create(newCohort("TY-2026-1", hash));
        u.cohorts().enroll(cohort, person, "2026-09-01");
        EXPECT_TRUE(u.cohorts().isEnrolled(cohort, person));
        EXPECT_EQ(idsOf(u.cohorts().cohortsOf(person)), (std::vector<Id>{cohort}));
        const Id row = u.evidence().append(attendance(person, "opening", "present"));
        EXPECT_EQ(idsOf(u.evidence().current(person, kCourse)), (std::vector<Id>{row}));
        EXPECT_EQ(u.auditLog().count(), 5U); // person, version, cohort, enrolment, row
    });
}

// One actor, one time

TEST_P(UnitContract, NowIsOneValueAcrossTheUnitAndEveryRowItWrites) {
    const auto hash = hexHash("a1");
    std::string first;
    std::string last;
    Id account = 0;
    Id session = 0;
    Id row = 0;
    Id certificateId = 0;
    write([&](WriteUnit& u) {
        first = u.now();
        u.cohorts().keepCourseVersion(newVersion(hash));
        const Id cohort = u.cohorts().create(newCohort("TY-2026-1", hash));
        const Id person = u.people().add(newPerson("JY-0001", "张丽"));
        account = u.accounts().add(Account{0, "zhangli", person, "worker", "", false, ""});
        session = u.sessions().add(newSession(cohort, "2026-12-05T09:00", "2026-12-05T11:00"));
        u.sessions().book(session, person);
        row = u.evidence().append(attendance(person, "opening", "present"));
        auto c = certificate(person, hash, "YZ-2026-000001");
        c.id = u.credentials().nextId();
        certificateId = u.credentials().add(c);
        u.audit("test.done", "test", "1", Poco::JSON::Object());
        last = u.now();
    });
    EXPECT_EQ(first, last);
    auto r = read();
    EXPECT_EQ(r->cohorts().courseVersion(hash).value().loadedAt, first);
    EXPECT_EQ(r->accounts().find(account).value().createdAt, first);
    EXPECT_EQ(r->sessions().find(session).value().updatedAt, first);
    EXPECT_EQ(r->sessions().bookings(session).at(0).bookedAt, first);
    EXPECT_EQ(r->evidence().find(row).value().recordedAt, first);
    EXPECT_EQ(r->credentials().find(certificateId).value().issuedAt, first);
    for (const auto& e : r->auditLog().recent(100, 0))
        EXPECT_EQ(e.at, first) << e.action;
}

TEST_P(UnitContract, NowIsAUtcInstantToTheSecondOnTheTestDay) {
    const std::string now = write([&](WriteUnit& u) { return u.now(); });
    EXPECT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")))
        << now;
    // The test binary pins the one clock to the test day (TestDay.hpp): the unit reads that clock.
    const auto dayStarts =
        yanzhen::clock::formatUtc(yanzhen::clock::beijingInstant(testsupport::kTestDayNumber));
    const auto dayEnds =
        yanzhen::clock::formatUtc(yanzhen::clock::beijingInstant(testsupport::kTestDayNumber + 1));
    EXPECT_LE(dayStarts, now);
    EXPECT_LT(now, dayEnds);
}

TEST_P(UnitContract, LaterWritesAreNotEarlier) {
    const std::string first = write([&](WriteUnit& u) { return u.now(); });
    const std::string second = write([&](WriteUnit& u) { return u.now(); });
    EXPECT_LE(first, second);
}

TEST_P(UnitContract, TheActorIsWhoTheWriteNames) {
    const auto hash = keepCourse();
    const Id person = addPerson("JY-0001", "张丽");
    Id row = 0;
    Id certificateId = 0;
    writeAs("trainer:王丽", [&](WriteUnit& u) {
        EXPECT_EQ(u.actor(), "trainer:王丽");
        row = u.evidence().append(attendance(person, "opening", "present"));
        auto c = certificate(person, hash, "YZ-2026-000001");
        c.id = u.credentials().nextId();
        certificateId = u.credentials().add(c);
    });
    auto r = read();
    EXPECT_EQ(r->evidence().find(row).value().recordedBy, "trainer:王丽");
    EXPECT_EQ(r->credentials().find(certificateId).value().issuedBy, "trainer:王丽");
    for (const auto& e : r->auditLog().recent(2, 0))
        EXPECT_EQ(e.actor, "trainer:王丽") << e.action;
    EXPECT_EQ(r->auditLog().recent(1, 2).at(0).actor, kActor); // the person, added before
}

// The store

TEST_P(UnitContract, TheSchemaVersionIsPositiveAndAWriteLeavesIt) {
    const int version = store().schemaVersion();
    EXPECT_GT(version, 0);
    addPerson("JY-0001", "张丽");
    EXPECT_EQ(store().schemaVersion(), version);
}

TEST_P(UnitContract, WritersTakeTurns) {
    // Each write reads how many people there are and adds the next staff number: two writes at
    // once would take the same number and one would be refused.
    std::atomic<int> refused{0};
    const auto writer = [&](int thread) {
        for (int i = 0; i < 20; ++i) {
            try {
                store().write("writer:" + std::to_string(thread), [&](WriteUnit& u) {
                    const auto n = u.people().count({}) + 1;
                    u.people().add(
                        newPerson("JY-" + std::to_string(n), "人员" + std::to_string(n)));
                });
            } catch (const std::exception&) {
                ++refused;
            }
        }
    };
    std::thread a(writer, 1);
    std::thread b(writer, 2);
    a.join();
    b.join();
    EXPECT_EQ(refused.load(), 0);
    auto r = read();
    EXPECT_EQ(r->people().count({}), 40U);
    const auto v = r->auditLog().verify("");
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, 40U);
}

YANZHEN_STORE_CONTRACT(UnitContract);
