// The cohorts aggregate, against every backend: course versions kept once and found by hash or a
// unique prefix; cohorts (期) pinned to a kept version, found by id, code and either, listed,
// repinned; their trainers and their enrolments, with a second enrolment refused.

#include "ContractFixture.hpp"

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class CohortContract : public contract::StoreContract {};

} // namespace

// Course versions

TEST_P(CohortContract, KeepsACourseVersionAndReadsEveryFieldBack) {
    const auto hash = hexHash("a1b2c3d4e5f6");
    std::string now;
    const bool added = write([&](WriteUnit& u) {
        now = u.now();
        return u.cohorts().keepCourseVersion(newVersion(hash, kCourse, "2026.1"));
    });
    EXPECT_TRUE(added);
    const auto v = read()->cohorts().courseVersion(hash);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->hash, hash);
    EXPECT_EQ(v->courseId, kCourse);
    EXPECT_EQ(v->version, "2026.1");
    EXPECT_EQ(v->source, "id: touyan-linghang\nversion: 2026.1\ntitle: 头雁领航\n");
    EXPECT_EQ(v->loadedAt, now); // loaded when the write happened
}

TEST_P(CohortContract, KeepingAVersionAgainLeavesTheFirstAlone) {
    const auto hash = keepCourse();
    const bool again = write([&](WriteUnit& u) {
        auto changed = newVersion(hash, kCourse, "2026.2");
        changed.source = "something else";
        return u.cohorts().keepCourseVersion(changed);
    });
    EXPECT_FALSE(again);
    const auto v = read()->cohorts().courseVersion(hash);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->version, "2026.1");
    EXPECT_EQ(v->source, newVersion(hash).source);
}

TEST_P(CohortContract, UnknownCourseVersionsAreNotFound) {
    keepCourse(hexHash("a1b2c3d4"));
    auto r = read();
    EXPECT_FALSE(r->cohorts().courseVersion(hexHash("ffff")));
    EXPECT_FALSE(r->cohorts().resolveCourseVersion("ffffffff"));
    EXPECT_TRUE(r->cohorts().courseVersions("shegong-jichu").empty());
}

TEST_P(CohortContract, ResolvesACourseVersionByHashOrAUniquePrefixOfEightDigits) {
    const auto hash = keepCourse(hexHash("a1b2c3d4e5f6", '7'));
    keepCourse(hexHash("ffff0000"));
    auto r = read();
    for (const auto& typed : {hash, hash.substr(0, 8), hash.substr(0, 12)}) {
        const auto v = r->cohorts().resolveCourseVersion(typed);
        ASSERT_TRUE(v) << typed;
        EXPECT_EQ(v->hash, hash);
        EXPECT_EQ(v->courseId, kCourse);
    }
}

TEST_P(CohortContract, APrefixShorterThanEightDigitsResolvesNothing) {
    const auto hash = keepCourse(hexHash("a1b2c3d4"));
    auto r = read();
    EXPECT_FALSE(r->cohorts().resolveCourseVersion(hash.substr(0, 7))); // unique, but too short
    EXPECT_FALSE(r->cohorts().resolveCourseVersion(""));
}

TEST_P(CohortContract, AnAmbiguousPrefixResolvesNothing) {
    const auto first = keepCourse(hexHash("a1b2c3d4e5", '1'));
    keepCourse(hexHash("a1b2c3d4e5", '2'));
    auto r = read();
    EXPECT_FALSE(r->cohorts().resolveCourseVersion(first.substr(0, 8)));
    EXPECT_FALSE(r->cohorts().resolveCourseVersion(first.substr(0, 10)));
    const auto v = r->cohorts().resolveCourseVersion(first.substr(0, 11));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->hash, first);
}

TEST_P(CohortContract, ListsTheVersionsOfOneCourse) {
    const auto bb = hexHash("bb");
    const auto aa = hexHash("aa");
    write([&](WriteUnit& u) {
        u.cohorts().keepCourseVersion(newVersion(bb, kCourse, "2026.2"));
        u.cohorts().keepCourseVersion(newVersion(hexHash("cc"), "shegong-jichu", "1.0"));
        u.cohorts().keepCourseVersion(newVersion(aa, kCourse, "2026.1"));
    });
    std::vector<std::string> hashes;
    for (const auto& v : read()->cohorts().courseVersions(kCourse))
        hashes.push_back(v.hash);
    // Oldest loaded first; loaded by the same write, by hash.
    EXPECT_EQ(hashes, (std::vector<std::string>{aa, bb}));
}

// Cohorts

TEST_P(CohortContract, CreatesACohortAndReadsEveryFieldBack) {
    const auto hash = keepCourse();
    const Id id = write([&](WriteUnit& u) {
        return u.cohorts().create(
            Cohort{0, "TY-2026-1", "头雁领航 第1期", hash, "2026-09-01", "2026-12-31", 40});
    });
    auto r = read();
    const auto c = r->cohorts().find(id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->id, id);
    EXPECT_EQ(c->code, "TY-2026-1");
    EXPECT_EQ(c->name, "头雁领航 第1期");
    EXPECT_EQ(c->courseHash, hash);
    EXPECT_EQ(c->startsOn, "2026-09-01");
    EXPECT_EQ(c->endsOn, "2026-12-31");
    EXPECT_EQ(c->capacity, 40);
    const auto byCode = r->cohorts().findByCode("TY-2026-1");
    ASSERT_TRUE(byCode);
    EXPECT_EQ(byCode->id, id);
    EXPECT_EQ(byCode->name, "头雁领航 第1期");
}

TEST_P(CohortContract, ResolvesACohortByIdOrCode) {
    const auto hash = keepCourse();
    addCohort("TY-2026-1", hash);
    const Id id = addCohort("TY-2026-2", hash);
    auto r = read();
    const auto byId = r->cohorts().resolve(std::to_string(id));
    ASSERT_TRUE(byId);
    EXPECT_EQ(byId->code, "TY-2026-2");
    const auto byCode = r->cohorts().resolve("TY-2026-2");
    ASSERT_TRUE(byCode);
    EXPECT_EQ(byCode->id, id);
    EXPECT_FALSE(r->cohorts().resolve("TY-1999-9"));
    EXPECT_FALSE(r->cohorts().resolve("999"));
    EXPECT_FALSE(r->cohorts().resolve(std::to_string(id) + "x"));
}

TEST_P(CohortContract, ACohortCodeThatLooksLikeAnIdWinsOverTheId) {
    const auto hash = keepCourse();
    const Id first = addCohort("TY-2026-1", hash);
    const Id second = addCohort(std::to_string(first), hash);
    EXPECT_EQ(read()->cohorts().resolve(std::to_string(first)).value().id, second);
}

TEST_P(CohortContract, UnknownCohortsAreNotFound) {
    const Id person = addPerson("JY-0001", "张丽");
    auto r = read();
    EXPECT_FALSE(r->cohorts().find(1));
    EXPECT_FALSE(r->cohorts().findByCode("TY-2026-1"));
    EXPECT_TRUE(r->cohorts().list().empty());
    EXPECT_TRUE(r->cohorts().cohortsOf(person).empty());
    EXPECT_TRUE(r->cohorts().trainers(1).empty());
    EXPECT_TRUE(r->cohorts().members(1).empty());
    EXPECT_FALSE(r->cohorts().isTrainer(1, person));
    EXPECT_FALSE(r->cohorts().isEnrolled(1, person));
}

TEST_P(CohortContract, ATakenCohortCodeIsRefusedAndTheWriteRollsBack) {
    const auto hash = keepCourse();
    addCohort("TY-2026-1", hash);
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.cohorts().create(newCohort("TY-2026-2", hash));
                     u.cohorts().create(newCohort("TY-2026-1", hash, "2027-03-01", "2027-06-30"));
                 }),
                 StoreError);
    auto r = read();
    EXPECT_FALSE(r->cohorts().findByCode("TY-2026-2"));
    EXPECT_EQ(r->cohorts().findByCode("TY-2026-1").value().startsOn, "2026-09-01");
    EXPECT_EQ(r->cohorts().list().size(), 1U);
}

TEST_P(CohortContract, ACohortPinnedToAVersionNotKeptIsRefusedWithTheWholeWrite) {
    const auto kept = hexHash("a1b2c3d4");
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.cohorts().keepCourseVersion(newVersion(kept));
                     u.cohorts().create(newCohort("TY-2026-1", hexHash("dead")));
                 }),
                 StoreError);
    auto r = read();
    EXPECT_TRUE(r->cohorts().list().empty());
    EXPECT_FALSE(r->cohorts().courseVersion(kept)); // kept in the same write: rolled back too
    EXPECT_EQ(r->auditLog().count(), 0U);
}

TEST_P(CohortContract, ACohortEndingBeforeItStartsIsRefused) {
    const auto hash = keepCourse();
    EXPECT_THROW(addCohort("TY-2026-1", hash, "2026-09-01", "2026-08-31"), StoreError);
    EXPECT_FALSE(read()->cohorts().findByCode("TY-2026-1"));
    const Id oneDay = addCohort("TY-2026-2", hash, "2026-09-01", "2026-09-01");
    EXPECT_TRUE(read()->cohorts().find(oneDay));
}

TEST_P(CohortContract, ListsCohortsByStartDateThenId) {
    const auto hash = keepCourse();
    const Id autumn = addCohort("TY-2026-2", hash, "2026-09-01", "2026-12-31");
    const Id spring = addCohort("TY-2026-1", hash, "2026-03-01", "2026-06-30");
    const Id autumnToo = addCohort("TY-2026-3", hash, "2026-09-01", "2026-11-30");
    EXPECT_EQ(idsOf(read()->cohorts().list()), (std::vector<Id>{spring, autumn, autumnToo}));
}

TEST_P(CohortContract, CohortsOfAPersonComeNewestFirst) {
    const auto hash = keepCourse();
    const Id person = addPerson("JY-0001", "张丽");
    const Id spring2025 = addCohort("TY-2025-1", hash, "2025-03-01", "2025-06-30");
    const Id autumn2026 = addCohort("TY-2026-2", hash, "2026-09-01", "2026-12-31");
    const Id autumn2025 = addCohort("TY-2025-2", hash, "2025-09-01", "2025-12-31");
    const Id autumn2026b = addCohort("TY-2026-3", hash, "2026-09-01", "2026-11-30");
    const Id notMine = addCohort("TY-2027-1", hash, "2027-03-01", "2027-06-30");
    for (const Id c : {spring2025, autumn2026, autumn2025, autumn2026b})
        enroll(c, person);
    const auto mine = read()->cohorts().cohortsOf(person);
    EXPECT_EQ(idsOf(mine), (std::vector<Id>{autumn2026b, autumn2026, autumn2025, spring2025}));
    for (const auto& c : mine)
        EXPECT_NE(c.id, notMine);
}

TEST_P(CohortContract, RepinsACohortToAnotherKeptVersion) {
    const auto from = keepCourse(hexHash("a1"));
    const auto to = keepCourse(hexHash("b2"));
    const Id cohort = addCohort("TY-2026-1", from);
    const Id other = addCohort("TY-2026-2", from);
    write([&](WriteUnit& u) { u.cohorts().repin(cohort, to, from); });
    auto r = read();
    EXPECT_EQ(r->cohorts().find(cohort).value().courseHash, to);
    EXPECT_EQ(r->cohorts().find(other).value().courseHash, from);
}

TEST_P(CohortContract, RepinningToAVersionNotKeptIsRefused) {
    const auto from = keepCourse(hexHash("a1"));
    const Id cohort = addCohort("TY-2026-1", from);
    EXPECT_THROW(write([&](WriteUnit& u) { u.cohorts().repin(cohort, hexHash("dead"), from); }),
                 StoreError);
    EXPECT_EQ(read()->cohorts().find(cohort).value().courseHash, from);
}

// Trainers and enrolments

TEST_P(CohortContract, AddsTrainersAndAnswersWhoTrains) {
    const auto hash = keepCourse();
    const Id chen = addPerson("JY-T001", "陈老师", "trainer");
    const Id liu = addPerson("JY-T002", "刘老师", "trainer");
    const Id worker = addPerson("JY-0001", "张丽");
    const Id cohort = addCohort("TY-2026-1", hash);
    const Id other = addCohort("TY-2026-2", hash);
    addTrainer(cohort, liu);
    addTrainer(cohort, chen);
    auto r = read();
    EXPECT_EQ(r->cohorts().trainers(cohort), (std::vector<Id>{chen, liu})); // by id
    EXPECT_TRUE(r->cohorts().isTrainer(cohort, chen));
    EXPECT_FALSE(r->cohorts().isTrainer(cohort, worker));
    EXPECT_FALSE(r->cohorts().isTrainer(other, chen));
    EXPECT_TRUE(r->cohorts().trainers(other).empty());
}

TEST_P(CohortContract, AddingATrainerTwiceKeepsOneTrainer) {
    const auto hash = keepCourse();
    const Id chen = addPerson("JY-T001", "陈老师", "trainer");
    const Id cohort = addCohort("TY-2026-1", hash);
    addTrainer(cohort, chen);
    EXPECT_NO_THROW(addTrainer(cohort, chen));
    EXPECT_EQ(read()->cohorts().trainers(cohort), (std::vector<Id>{chen}));
}

TEST_P(CohortContract, ATrainerWhoIsNotAPersonOrOfNoCohortIsRefused) {
    const auto hash = keepCourse();
    const Id chen = addPerson("JY-T001", "陈老师", "trainer");
    const Id cohort = addCohort("TY-2026-1", hash);
    EXPECT_THROW(addTrainer(cohort, 999), StoreError);
    EXPECT_THROW(addTrainer(999, chen), StoreError);
    auto r = read();
    EXPECT_TRUE(r->cohorts().trainers(cohort).empty());
    EXPECT_TRUE(r->cohorts().trainers(999).empty());
}

TEST_P(CohortContract, EnrollsPeopleAndListsMembersById) {
    const auto hash = keepCourse();
    const Id a = addPerson("JY-0001", "张丽");
    const Id b = addPerson("JY-0002", "李娜");
    const Id c = addPerson("JY-0003", "王芳");
    const Id outsider = addPerson("JY-0004", "赵敏");
    const Id cohort = addCohort("TY-2026-1", hash);
    enroll(cohort, c);
    enroll(cohort, a);
    enroll(cohort, b);
    auto r = read();
    EXPECT_EQ(r->cohorts().members(cohort), (std::vector<Id>{a, b, c}));
    EXPECT_TRUE(r->cohorts().isEnrolled(cohort, b));
    EXPECT_FALSE(r->cohorts().isEnrolled(cohort, outsider));
    EXPECT_EQ(idsOf(r->cohorts().cohortsOf(a)), (std::vector<Id>{cohort}));
}

TEST_P(CohortContract, EnrollingTwiceIsRefusedAndTheFirstEnrolmentStays) {
    const auto hash = keepCourse();
    const Id a = addPerson("JY-0001", "张丽");
    const Id b = addPerson("JY-0002", "李娜");
    const Id cohort = addCohort("TY-2026-1", hash);
    enroll(cohort, a, "2026-09-01");
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.cohorts().enroll(cohort, b, "2026-09-02");
                     u.cohorts().enroll(cohort, a, "2026-09-02");
                 }),
                 StoreError);
    auto r = read();
    EXPECT_EQ(r->cohorts().members(cohort), (std::vector<Id>{a}));
    EXPECT_TRUE(r->cohorts().isEnrolled(cohort, a));
    EXPECT_FALSE(r->cohorts().isEnrolled(cohort, b)); // enrolled in the write that failed
}

TEST_P(CohortContract, EnrollingInAMissingCohortOrAMissingPersonIsRefused) {
    const auto hash = keepCourse();
    const Id a = addPerson("JY-0001", "张丽");
    const Id cohort = addCohort("TY-2026-1", hash);
    EXPECT_THROW(enroll(cohort, 999), StoreError);
    EXPECT_THROW(enroll(999, a), StoreError);
    auto r = read();
    EXPECT_TRUE(r->cohorts().members(cohort).empty());
    EXPECT_TRUE(r->cohorts().cohortsOf(a).empty());
}

YANZHEN_STORE_CONTRACT(CohortContract);
