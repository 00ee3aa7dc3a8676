// The progress snapshot, against every backend: the reads progress is computed from agree with
// the aggregates' own (a person, their cohorts, their current rows, a cohort's current rows of
// one module), and the whole-population reads a full recompute streams (every enrolment, every
// cohort, each enrolled person's current rows in id order) see one committed state.

#include "ContractFixture.hpp"

#include <map>

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class ProgressContract : public contract::StoreContract {
protected:
    void SetUp() override {
        StoreContract::SetUp();
        if (HasFatalFailure()) return;
        hash_ = keepCourse();
        spring_ = addCohort("TY-2026-1", hash_, "2026-03-01", "2026-06-30");
        autumn_ = addCohort("TY-2026-2", hash_, "2026-09-01", "2026-12-31");
        zhang_ = addPerson("JY-0001", "张丽");
        li_ = addPerson("JY-0002", "李娜");
        wang_ = addPerson("JY-0003", "王芳"); // enrolled nowhere
        enroll(spring_, zhang_);
        enroll(autumn_, zhang_);
        enroll(autumn_, li_);
    }

    Id supersede(Id old, const EvidenceRow& correction, const std::string& reason) {
        return write([&](WriteUnit& u) { return u.evidence().supersede(old, correction, reason); });
    }
    /// What forEachEnrolledCurrent streams over [from, to): person -> their row ids, in order.
    std::vector<std::pair<Id, std::vector<Id>>> streamed(Id from, Id to,
                                                         std::optional<Id> cohort = {}) {
        std::vector<std::pair<Id, std::vector<Id>>> out;
        store().readProgress()->forEachEnrolledCurrent(
            from, to, cohort, [&](std::vector<EvidenceRow>& rows) {
                out.emplace_back(rows.front().personId, idsOf(rows));
            });
        return out;
    }

    std::string hash_;
    Id spring_ = 0;
    Id autumn_ = 0;
    Id zhang_ = 0;
    Id li_ = 0;
    Id wang_ = 0;
};

} // namespace

TEST_P(ProgressContract, APersonAndTheirCohortsAreTheAggregatesOwn) {
    auto snapshot = store().readProgress();
    auto r = read();
    const auto person = snapshot->person(zhang_);
    ASSERT_TRUE(person);
    const auto same = r->people().find(zhang_);
    EXPECT_EQ(person->code, same->code);
    EXPECT_EQ(person->name, same->name);
    EXPECT_EQ(person->birthDate, same->birthDate);
    ASSERT_EQ(person->posts.size(), 1U);
    EXPECT_EQ(person->posts[0].kind, "social_worker");
    EXPECT_FALSE(snapshot->person(wang_ + 100));
    EXPECT_EQ(idsOf(snapshot->cohortsOf(zhang_)), (std::vector<Id>{autumn_, spring_}));
    EXPECT_EQ(idsOf(snapshot->cohortsOf(zhang_)), idsOf(r->cohorts().cohortsOf(zhang_)));
    EXPECT_TRUE(snapshot->cohortsOf(wang_).empty());
}

TEST_P(ProgressContract, CurrentRowsAreAppendedAndAgreeWithTheEvidenceAggregate) {
    const Id wrong = append(attendance(zhang_, "opening", "absent"));
    const Id elsewhere = append(attendance(zhang_, "opening", "present", "shegong-jichu"));
    auto licence = attendance(zhang_, "licence", "held", std::nullopt, "certification");
    licence.kind = "credential";
    const Id own = append(licence);
    const Id fixed = supersede(wrong, attendance(zhang_, "opening", "present"), "她迟到了");
    append(attendance(li_, "opening", "present"));

    std::vector<EvidenceRow> rows{attendance(li_, "kept", "present")}; // already in the vector
    store().readProgress()->current(zhang_, kCourse, rows);
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].ref, "kept");
    rows.erase(rows.begin());
    EXPECT_EQ(idsOf(rows), (std::vector<Id>{own, fixed}));
    EXPECT_EQ(idsOf(rows), idsOf(read()->evidence().current(zhang_, kCourse)));
    EXPECT_EQ(rows[1].module, "ceremony");
    EXPECT_EQ(rows[1].ref, "opening");
    EXPECT_EQ(rows[1].supersedes, wrong);
    EXPECT_EQ(rows[1].fields, attendance(zhang_, "opening", "present").fields);
    EXPECT_FALSE(rows[0].courseId);
    (void)elsewhere;
}

TEST_P(ProgressContract, ACohortsCurrentRowsOfOneModuleAgreeWithTheEvidenceAggregate) {
    const Id wrong = append(attendance(zhang_, "opening", "absent"));
    const Id hers = append(attendance(li_, "opening", "present"));
    append(attendance(li_, "case-1", "present", kCourse, "drills"));
    append(attendance(wang_, "opening", "present")); // not a member
    const Id fixed = supersede(wrong, attendance(zhang_, "opening", "present"), "她迟到了");
    std::vector<EvidenceRow> rows;
    store().readProgress()->currentForCohort(autumn_, kCourse, "ceremony", rows);
    EXPECT_EQ(idsOf(rows), (std::vector<Id>{hers, fixed}));
    EXPECT_EQ(idsOf(rows),
              idsOf(read()->evidence().currentForCohort(autumn_, kCourse, "ceremony")));
}

TEST_P(ProgressContract, EveryEnrolmentAndEveryCohortInOrder) {
    auto snapshot = store().readProgress();
    EXPECT_EQ(snapshot->enrolments(), (std::vector<std::pair<Id, Id>>{
                                          {zhang_, spring_}, {zhang_, autumn_}, {li_, autumn_}}));
    const auto cohorts = snapshot->cohorts();
    EXPECT_EQ(idsOf(cohorts), (std::vector<Id>{spring_, autumn_}));
    EXPECT_EQ(cohorts[1].code, "TY-2026-2");
    EXPECT_EQ(cohorts[1].courseHash, hash_);
}

TEST_P(ProgressContract, StreamsEachEnrolledPersonsCurrentRowsByIdWithinTheRange) {
    const Id a = append(attendance(li_, "opening", "present"));
    const Id wrong = append(attendance(zhang_, "opening", "absent"));
    const Id b = append(attendance(zhang_, "oath", "present"));
    const Id fixed = supersede(wrong, attendance(zhang_, "opening", "present"), "她迟到了");
    append(attendance(wang_, "opening", "present")); // enrolled nowhere: never streamed
    const auto all = streamed(0, wang_ + 1);
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].first, zhang_);
    EXPECT_EQ(all[0].second, (std::vector<Id>{b, fixed}));
    EXPECT_EQ(all[1].first, li_);
    EXPECT_EQ(all[1].second, (std::vector<Id>{a}));
    // [from, to): a range split between threads sees each person once.
    const auto first = streamed(0, li_);
    const auto rest = streamed(li_, wang_ + 1);
    ASSERT_EQ(first.size(), 1U);
    EXPECT_EQ(first[0].first, zhang_);
    ASSERT_EQ(rest.size(), 1U);
    EXPECT_EQ(rest[0].first, li_);
    // One cohort's people only.
    const auto spring = streamed(0, wang_ + 1, spring_);
    ASSERT_EQ(spring.size(), 1U);
    EXPECT_EQ(spring[0].first, zhang_);
}

TEST_P(ProgressContract, ASnapshotDoesNotSeeWhatIsCommittedAfterItBegan) {
    append(attendance(zhang_, "opening", "present"));
    auto snapshot = store().readProgress();
    std::vector<EvidenceRow> before;
    snapshot->current(zhang_, kCourse, before);
    append(attendance(zhang_, "oath", "present"));
    enroll(spring_, li_, "2026-03-01");
    std::vector<EvidenceRow> after;
    snapshot->current(zhang_, kCourse, after);
    EXPECT_EQ(idsOf(after), idsOf(before));
    EXPECT_EQ(snapshot->enrolments().size(), 3U);
    std::vector<EvidenceRow> fresh;
    store().readProgress()->current(zhang_, kCourse, fresh);
    EXPECT_EQ(fresh.size(), 2U);
}

YANZHEN_STORE_CONTRACT(ProgressContract);

TEST_P(ProgressContract, ACohortsStandingsAreOnePerMemberKeptOrNot) {
    KeptStanding k;
    k.person = zhang_;
    k.cohort = autumn_;
    k.courseHash = hash_;
    k.plugins = "yanzhen@test";
    k.computedOn = 20600;
    k.holdsUntil = 20630;
    k.answer = R"({"kept":"张丽"})";
    k.sets.push_back(KeptSet{"graduation", "in_progress", 0.5, 20631});
    write([&](WriteUnit& u) {
        u.standings().keep(std::span<const KeptStanding>(&k, 1));
        return 0;
    });
    auto snapshot = store().readProgress();
    std::vector<KeptStanding> mine;
    snapshot->standings(zhang_, mine);
    ASSERT_EQ(mine.size(), 1U);
    EXPECT_EQ(mine[0].answer, k.answer);
    EXPECT_FALSE(mine[0].stale);

    std::vector<KeptStanding> cohort;
    snapshot->cohortStandings(autumn_, cohort);
    ASSERT_EQ(cohort.size(), 2U); // both members, in person order
    EXPECT_EQ(cohort[0].person, zhang_);
    EXPECT_EQ(cohort[0].cohort, autumn_);
    EXPECT_FALSE(cohort[0].stale);
    EXPECT_EQ(cohort[0].answer, k.answer);
    EXPECT_EQ(cohort[0].courseHash, hash_);
    EXPECT_EQ(cohort[0].plugins, "yanzhen@test");
    EXPECT_EQ(cohort[0].computedOn, 20600);
    EXPECT_EQ(cohort[0].holdsUntil, 20630);
    EXPECT_EQ(cohort[1].person, li_); // nothing kept for her yet: due
    EXPECT_TRUE(cohort[1].stale);
    EXPECT_EQ(cohort[1].answer, "");

    std::vector<KeptStanding> spring;
    snapshot->cohortStandings(spring_, spring);
    ASSERT_EQ(spring.size(), 1U);
    EXPECT_TRUE(spring[0].stale);
}
