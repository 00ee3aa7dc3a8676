// The evidence aggregate, against every backend: rows appended one by one or many at once (with
// one audit entry), corrected only by a new row superseding a current one, and read as a person's
// current rows, a cohort's current rows of one module, or everything ever recorded.

#include "ContractFixture.hpp"

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class EvidenceContract : public contract::StoreContract {
protected:
    void SetUp() override {
        StoreContract::SetUp();
        if (HasFatalFailure()) return;
        person_ = addPerson("JY-0001", "张丽");
    }

    Id supersede(Id old, const EvidenceRow& correction, const std::string& reason) {
        return write([&](WriteUnit& u) { return u.evidence().supersede(old, correction, reason); });
    }
    /// A source over `rows` for appendMany.
    static EvidenceSource sourceOf(const std::vector<EvidenceRow>& rows) {
        auto next = std::make_shared<std::size_t>(0);
        return [&rows, next]() -> const EvidenceRow* {
            return *next < rows.size() ? &rows[(*next)++] : nullptr;
        };
    }

    Id person_ = 0;
};

} // namespace

TEST_P(EvidenceContract, AppendsARowAndReadsEveryFieldBack) {
    const auto hash = keepCourse();
    const Id cohort = addCohort("TY-2026-1", hash);
    const Id session = addSession(newSession(cohort, "2026-11-28T09:00", "2026-11-28T11:00"));
    EvidenceRow in = attendance(person_, "opening", "present");
    in.sessionId = session;
    in.fields = R"({"status":"present","note":"迟到十分钟"})";
    std::string now;
    const Id id = writeAs("trainer:王丽", [&](WriteUnit& u) {
        now = u.now();
        return u.evidence().append(in);
    });
    const auto row = read()->evidence().find(id);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->id, id);
    EXPECT_EQ(row->personId, person_);
    EXPECT_EQ(row->courseId, kCourse);
    EXPECT_EQ(row->module, "ceremony");
    EXPECT_EQ(row->kind, "attendance");
    EXPECT_EQ(row->ref, "opening");
    EXPECT_EQ(row->day, testsupport::kTestDayNumber);
    EXPECT_EQ(row->sessionId, session);
    EXPECT_EQ(row->fields, R"({"status":"present","note":"迟到十分钟"})"); // the bytes given
    EXPECT_EQ(row->recordedAt, now);                                       // when it was written
    EXPECT_EQ(row->recordedBy, "trainer:王丽");                            // by whom
    EXPECT_FALSE(row->supersedes);
    EXPECT_EQ(row->reason, "");
}

TEST_P(EvidenceContract, APersonalRowHasNoCourseAndCountsForEveryCourse) {
    auto own = attendance(person_, "licence", "held", std::nullopt, "certification");
    own.kind = "credential";
    const Id id = append(own);
    auto r = read();
    const auto row = r->evidence().find(id);
    ASSERT_TRUE(row);
    EXPECT_FALSE(row->courseId);
    EXPECT_EQ(idsOf(r->evidence().current(person_, kCourse)), (std::vector<Id>{id}));
    EXPECT_EQ(idsOf(r->evidence().current(person_, "shegong-jichu")), (std::vector<Id>{id}));
}

TEST_P(EvidenceContract, UnknownRowsAreNotFound) {
    const auto hash = keepCourse();
    const Id cohort = addCohort("TY-2026-1", hash);
    enroll(cohort, person_);
    auto r = read();
    EXPECT_FALSE(r->evidence().find(1));
    EXPECT_TRUE(r->evidence().current(person_, kCourse).empty());
    EXPECT_TRUE(r->evidence().history(person_).empty());
    EXPECT_TRUE(r->evidence().currentForCohort(cohort, kCourse, "ceremony").empty());
    EXPECT_TRUE(r->evidence().history(999).empty());
}

TEST_P(EvidenceContract, ARowOfAMissingPersonOrSessionIsRefusedWithTheWholeWrite) {
    const auto entries = auditCount();
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.evidence().append(attendance(person_, "opening", "present"));
                     u.evidence().append(attendance(999, "opening", "present"));
                 }),
                 StoreError);
    auto atMissingSession = attendance(person_, "oath", "present");
    atMissingSession.sessionId = 999;
    EXPECT_THROW(append(atMissingSession), StoreError);
    auto r = read();
    EXPECT_TRUE(r->evidence().history(person_).empty());
    EXPECT_EQ(r->auditLog().count(), entries);
}

// Many at once

TEST_P(EvidenceContract, AppendsManyRowsUnderOneAuditEntry) {
    const std::vector<EvidenceRow> rows{attendance(person_, "opening", "present"),
                                        attendance(person_, "oath", "present"),
                                        attendance(person_, "closing", "absent")};
    std::vector<std::size_t> told;
    const auto entries = auditCount();
    std::string now;
    const auto ids = writeAs("import:考勤表.csv", [&](WriteUnit& u) {
        now = u.now();
        return u.evidence().appendMany(sourceOf(rows), "考勤表.csv",
                                       [&](std::size_t written) { told.push_back(written); });
    });
    auto r = read();
    const auto history = r->evidence().history(person_);
    ASSERT_EQ(history.size(), 3U);
    EXPECT_EQ(ids.first, history[0].id);
    EXPECT_EQ(ids.second, history[2].id);
    EXPECT_EQ(history[1].ref, "oath");
    EXPECT_EQ(history[2].fields, "{\"status\":\"absent\"}");
    EXPECT_EQ(history[2].recordedAt, now);
    EXPECT_EQ(history[2].recordedBy, "import:考勤表.csv");
    ASSERT_FALSE(told.empty());
    EXPECT_EQ(told.back(), 3U); // the progress bar ends full

    EXPECT_EQ(r->auditLog().count(), entries + 1);
    const auto entry = r->auditLog().recent(1, 0).at(0);
    EXPECT_EQ(entry.action, "evidence.import");
    EXPECT_EQ(entry.entity, "evidence");
    EXPECT_EQ(entry.actor, "import:考勤表.csv");
    const auto details = parsed(entry.details);
    EXPECT_EQ(details->getValue<std::string>("source"), "考勤表.csv");
    EXPECT_EQ(details->getValue<int>("rows"), 3);
}

TEST_P(EvidenceContract, AppendingManyOfNoneWritesNothing) {
    const std::vector<EvidenceRow> none;
    const auto entries = auditCount();
    const auto ids =
        write([&](WriteUnit& u) { return u.evidence().appendMany(sourceOf(none), "empty.csv"); });
    EXPECT_EQ(ids.first, 0);
    EXPECT_EQ(ids.second, 0);
    auto r = read();
    EXPECT_TRUE(r->evidence().history(person_).empty());
    EXPECT_EQ(r->auditLog().count(), entries); // no audit entry either
}

TEST_P(EvidenceContract, AppendManyRefusesABadRowAndKeepsNoneOfTheOthers) {
    const std::vector<EvidenceRow> rows{attendance(person_, "opening", "present"),
                                        attendance(person_, "oath", "present"),
                                        attendance(999, "closing", "present")};
    const auto entries = auditCount();
    EXPECT_THROW(
        write([&](WriteUnit& u) { u.evidence().appendMany(sourceOf(rows), "考勤表.csv"); }),
        StoreError);
    auto r = read();
    EXPECT_TRUE(r->evidence().history(person_).empty());
    EXPECT_EQ(r->auditLog().count(), entries);
}

// Corrections

TEST_P(EvidenceContract, ACorrectionSupersedesTheOldRowAndKeepsIt) {
    const Id old = append(attendance(person_, "opening", "absent"));
    std::string now;
    const Id fixed = writeAs("trainer:王丽", [&](WriteUnit& u) {
        now = u.now();
        return u.evidence().supersede(old, attendance(person_, "opening", "present"),
                                      "点名时记错了：她迟到了");
    });
    auto r = read();
    const auto current = r->evidence().current(person_, kCourse);
    ASSERT_EQ(idsOf(current), (std::vector<Id>{fixed}));
    EXPECT_EQ(current[0].supersedes, old);
    EXPECT_EQ(current[0].reason, "点名时记错了：她迟到了");
    EXPECT_EQ(current[0].fields, "{\"status\":\"present\"}");
    EXPECT_EQ(current[0].recordedBy, "trainer:王丽");
    EXPECT_EQ(current[0].recordedAt, now);
    const auto original = r->evidence().find(old); // untouched
    ASSERT_TRUE(original);
    EXPECT_EQ(original->fields, "{\"status\":\"absent\"}");
    EXPECT_FALSE(original->supersedes);
    EXPECT_EQ(idsOf(r->evidence().history(person_)), (std::vector<Id>{old, fixed}));
}

TEST_P(EvidenceContract, ACorrectionKeepsThePersonCourseAndModuleOfTheRowItCorrects) {
    const Id other = addPerson("JY-0002", "李娜");
    const Id old = append(attendance(person_, "opening", "absent"));
    auto correction = attendance(other, "opening-day", "present", "shegong-jichu", "drills");
    correction.day = testsupport::kTestDayNumber + 1;
    const Id fixed = supersede(old, correction, "记错了人");
    const auto row = read()->evidence().find(fixed);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->personId, person_);
    EXPECT_EQ(row->courseId, kCourse);
    EXPECT_EQ(row->module, "ceremony");
    // What it says is the correction's.
    EXPECT_EQ(row->ref, "opening-day");
    EXPECT_EQ(row->day, testsupport::kTestDayNumber + 1);
    EXPECT_EQ(row->fields, "{\"status\":\"present\"}");
    EXPECT_TRUE(read()->evidence().history(other).empty());
}

TEST_P(EvidenceContract, SupersedingARowAlreadySupersededIsRefusedWithTheWholeWrite) {
    const Id old = append(attendance(person_, "opening", "absent"));
    const Id fixed = supersede(old, attendance(person_, "opening", "present"), "她迟到了");
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.evidence().append(attendance(person_, "oath", "present"));
                     u.evidence().supersede(old, attendance(person_, "opening", "late"), "again");
                 }),
                 StoreError);
    auto r = read();
    EXPECT_EQ(idsOf(r->evidence().history(person_)), (std::vector<Id>{old, fixed}));
    EXPECT_EQ(idsOf(r->evidence().current(person_, kCourse)), (std::vector<Id>{fixed}));
    // The newest row is the one to correct.
    EXPECT_NO_THROW(supersede(fixed, attendance(person_, "opening", "late"), "其实是迟到"));
}

TEST_P(EvidenceContract, SupersedingAMissingRowOrWithoutAReasonIsRefused) {
    const Id old = append(attendance(person_, "opening", "absent"));
    EXPECT_THROW(supersede(old + 1, attendance(person_, "opening", "present"), "她迟到了"),
                 StoreError);
    EXPECT_THROW(supersede(old, attendance(person_, "opening", "present"), ""), StoreError);
    EXPECT_EQ(idsOf(read()->evidence().history(person_)), (std::vector<Id>{old}));
}

// Reads

TEST_P(EvidenceContract, CurrentRowsAreOneCoursesAndThePersonsOwnOldestFirst) {
    const Id other = addPerson("JY-0002", "李娜");
    const Id opening = append(attendance(person_, "opening", "present"));
    const Id elsewhere = append(attendance(person_, "opening", "present", "shegong-jichu"));
    auto licence = attendance(person_, "licence", "held", std::nullopt, "certification");
    licence.kind = "credential";
    const Id own = append(licence);
    append(attendance(other, "opening", "present"));
    const Id oath = append(attendance(person_, "oath", "present"));
    auto r = read();
    EXPECT_EQ(idsOf(r->evidence().current(person_, kCourse)),
              (std::vector<Id>{opening, own, oath}));
    EXPECT_EQ(idsOf(r->evidence().current(person_, "shegong-jichu")),
              (std::vector<Id>{elsewhere, own}));
    EXPECT_EQ(idsOf(r->evidence().current(person_, "no-such-course")), (std::vector<Id>{own}));
}

TEST_P(EvidenceContract, ACohortsCurrentRowsAreItsMembersRowsOfOneModule) {
    const auto hash = keepCourse();
    const Id cohort = addCohort("TY-2026-1", hash);
    const Id li = addPerson("JY-0002", "李娜");
    const Id outsider = addPerson("JY-0003", "王芳");
    enroll(cohort, person_);
    enroll(cohort, li);
    const Id wrong = append(attendance(person_, "opening", "absent"));
    const Id hers = append(attendance(li, "opening", "present"));
    append(attendance(li, "case-1", "present", kCourse, "drills"));     // another module
    append(attendance(outsider, "opening", "present"));                 // not a member
    append(attendance(person_, "opening", "present", std::nullopt));    // personal
    append(attendance(person_, "opening", "present", "shegong-jichu")); // another course
    const Id fixed = supersede(wrong, attendance(person_, "opening", "present"), "她迟到了");
    EXPECT_EQ(idsOf(read()->evidence().currentForCohort(cohort, kCourse, "ceremony")),
              (std::vector<Id>{hers, fixed}));
}

TEST_P(EvidenceContract, HistoryIsEveryRowOfOnePersonOldestFirst) {
    const Id other = addPerson("JY-0002", "李娜");
    const Id a = append(attendance(person_, "opening", "absent"));
    const Id b = append(attendance(person_, "opening", "present", "shegong-jichu"));
    append(attendance(other, "opening", "present"));
    const Id c = append(attendance(person_, "licence", "held", std::nullopt, "certification"));
    const Id d = supersede(a, attendance(person_, "opening", "present"), "她迟到了");
    EXPECT_EQ(idsOf(read()->evidence().history(person_)), (std::vector<Id>{a, b, c, d}));
}

TEST_P(EvidenceContract, PersonalRecordsAreEveryonesCurrentPersonalRowsOfAKind) {
    const Id wang = addPerson("JY-0002", "王芳");
    auto credential = [](Id person, const std::string& ref) {
        auto r = attendance(person, ref, "active", std::nullopt, "certification");
        r.kind = "credential";
        return r;
    };
    const auto before = read()->standings().licensureGeneration();
    const Id wangs = append(credential(wang, "district_licence"));
    const Id old = append(credential(person_, "national_assistant"));
    const Id corrected = supersede(old, credential(person_, "national_assistant"), "级别更正");
    append(attendance(person_, "opening", "present")); // a course's row
    auto hours = attendance(person_, "training", "x", std::nullopt, "certification");
    hours.kind = "ce_hours";
    append(hours); // personal, another kind
    // By person, then oldest first; a superseded row is not current.
    EXPECT_EQ(idsOf(read()->evidence().personalRecords("credential")),
              (std::vector<Id>{corrected, wangs}));
    EXPECT_TRUE(read()->evidence().personalRecords("exam_result").empty());
    // Each personal credential record moves the licensure generation; other rows do not.
    const auto after = read()->standings().licensureGeneration();
    EXPECT_GE(after - before, 3);
    append(attendance(person_, "closing", "present"));
    EXPECT_EQ(read()->standings().licensureGeneration(), after);
}

YANZHEN_STORE_CONTRACT(EvidenceContract);
