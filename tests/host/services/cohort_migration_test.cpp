// Moving a cohort to a new version of its course: the what-if names exactly whose status would
// change and changes nothing; the move itself is one audited write. Real database, real plugins.

#include "KeptVersion.hpp"
#include "TempDatabase.hpp"

#include "courses/CourseLoader.hpp"
#include "services/progress/CohortMigration.hpp"

#include "store/sqlite/AuditLog.hpp"
#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/EvidenceRepository.hpp"
#include "store/sqlite/PeopleRepository.hpp"
#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

using namespace yanzhen;
using yanzhen::testsupport::keepVersion;
using yanzhen::testsupport::TempDatabase;

namespace {

std::string miniCourse(const std::string& sessions) {
    return "id: mini\nversion: \"1\"\ntitle: {zh: 小课程, en: Mini course}\nmodules:\n"
           "  - {id: ceremony, plugin: ceremony, title: {zh: 仪式教育, en: Ceremony},"
           " config: {ceremonies: {opening: {zh: 开班仪式, en: Opening}, oath: {zh: 宣誓, en: "
           "Oath},"
           " closing: {zh: 结业仪式, en: Closing}}}}\n"
           "requirements:\n  done:\n    label: {zh: 结业, en: Done}\n"
           "    ceremony.attend: {id: rites, label: {zh: 仪式, en: Rites}, sessions: [" +
           sessions + "]}\n";
}

class CohortMigration : public ::testing::Test {
protected:
    void SetUp() override {
        registry_.discover({std::filesystem::path(YANZHEN_PLUGIN_DIR)});
        versions_ = std::make_unique<services::CourseVersions>(t_.store, registry_);
        const auto a =
            courses::CourseLoader(registry_).loadText(miniCourse("opening, oath"), "a.yaml");
        const auto b = courses::CourseLoader(registry_).loadText(
            miniCourse("opening, oath, closing"), "b.yaml");
        ASSERT_TRUE(a.ok() && b.ok());
        from_ = a.course->hash;
        to_ = b.course->hash;
        t_.db->write("admin", [&](store::WriteTransaction& tx) {
            keepVersion(tx, *a.course);
            keepVersion(tx, *b.course);
            store::PeopleRepository people(tx.session());
            store::CohortRepository cohorts(tx.session());
            cohort_ = cohorts.create(
                tx, store::Cohort{0, "MINI-1", "第一期", from_, "2025-03-01", "2025-06-30", 0});
            const char* names[] = {"王芳", "李强", "赵敏"};
            for (int i = 0; i < 3; ++i) {
                people_[i] =
                    people.add(tx, store::Person{0, "JY-000" + std::to_string(i + 1), names[i]});
                cohorts.enroll(tx, cohort_, people_[i], "2025-03-01");
            }
            // 王芳 attended the opening and the oath; 李强 all three; 赵敏 nothing.
            store::EvidenceRepository evidence(tx.session());
            auto attend = [&](store::Id person, const char* ref) {
                store::EvidenceRow r;
                r.personId = person;
                r.courseId = "mini";
                r.module = "ceremony";
                r.kind = "attendance";
                r.ref = ref;
                r.day = *parseDay("2025-03-01");
                r.fields = R"({"status":"present"})";
                evidence.append(tx, r);
            };
            attend(people_[0], "opening");
            attend(people_[0], "oath");
            for (const char* ref : {"opening", "oath", "closing"})
                attend(people_[1], ref);
        });
    }

    std::int32_t today() const { return *parseDay("2025-07-01"); }

    TempDatabase t_;
    plugins::PluginRegistry registry_;
    std::unique_ptr<services::CourseVersions> versions_;
    std::string from_;
    std::string to_;
    store::Id cohort_ = 0;
    store::Id people_[3] = {};
};

} // namespace

TEST_F(CohortMigration, WhatIfNamesWhoseStatusWouldChangeAndChangesNothing) {
    const auto auditBefore = store::AuditLog(*t_.db).verify().entries;
    const auto preview = services::previewMigration(t_.store, *versions_, cohort_, to_, today());
    EXPECT_EQ(preview.members, 3U);
    ASSERT_EQ(preview.changes.size(), 1U);
    EXPECT_EQ(preview.changes[0].code, "JY-0001");
    EXPECT_EQ(preview.changes[0].name, "王芳");
    EXPECT_EQ(preview.changes[0].set, "done");
    EXPECT_EQ(preview.changes[0].before, rules::Status::Met);
    EXPECT_EQ(preview.changes[0].after, rules::Status::InProgress);
    // Nothing moved, nothing written.
    auto r = t_.db->read();
    EXPECT_EQ(store::CohortRepository(*r).find(cohort_)->courseHash, from_);
    EXPECT_EQ(store::AuditLog(*t_.db).verify().entries, auditBefore);
}

TEST_F(CohortMigration, TheMoveIsExplicitAndAudited) {
    services::migrateCohort(t_.store, *versions_, "admin:张主任", cohort_, to_);
    {
        auto r = t_.db->read();
        EXPECT_EQ(store::CohortRepository(*r).find(cohort_)->courseHash, to_);
    }
    const auto last = store::AuditLog(*t_.db).recent(1).at(0);
    EXPECT_EQ(last.action, "cohort.migrate");
    EXPECT_EQ(last.actor, "admin:张主任");
    EXPECT_NE(last.details.find(from_), std::string::npos);
    EXPECT_NE(last.details.find(to_), std::string::npos);
    // From now on the cohort is evaluated on the new version: 王芳 still owes the closing.
    const auto progress =
        services::ProgressService(t_.store, *versions_).forPerson(people_[0], today());
    ASSERT_EQ(progress.size(), 1U);
    EXPECT_EQ(progress[0].progress.sets.at("done").status, rules::Status::InProgress);
    EXPECT_THROW(services::migrateCohort(t_.store, *versions_, "admin", cohort_, to_),
                 std::invalid_argument);
}

TEST_F(CohortMigration, AnotherCoursesVersionIsRefused) {
    const auto other = courses::CourseLoader(registry_).loadFile(
        std::filesystem::path(YANZHEN_SOURCE_DIR) / "courses/national-social-worker.yaml");
    ASSERT_TRUE(other.ok());
    t_.db->write("admin", [&](store::WriteTransaction& tx) { keepVersion(tx, *other.course); });
    EXPECT_THROW(
        services::previewMigration(t_.store, *versions_, cohort_, other.course->hash, today()),
        std::invalid_argument);
}

TEST_F(CohortMigration, ProgressReadsTheWorkersRowsThroughTheStore) {
    const auto progress =
        services::ProgressService(t_.store, *versions_).forPerson(people_[1], today());
    ASSERT_EQ(progress.size(), 1U);
    EXPECT_EQ(progress[0].cohort.code, "MINI-1");
    EXPECT_EQ(progress[0].course->hash, from_);
    EXPECT_EQ(progress[0].progress.sets.at("done").status, rules::Status::Met);
    const auto nothing =
        services::ProgressService(t_.store, *versions_).forPerson(people_[2], today());
    EXPECT_EQ(nothing[0].progress.sets.at("done").status, rules::Status::Unmet);
    EXPECT_EQ(nothing[0].progress.sets.at("done").sentence.en,
              "ceremonies attended 0/2; missing: Opening, Oath");
}
