// GET /api/v1/cohorts/{id}/course, as the trainers' score form reads it: the cohort's course
// version with each module's evidence schema and its configuration from the course file, where
// a drill's rubric (criteria, maxima, floors) is. Real server, shipped 头雁领航 course, real
// plugins.

#include "ApiServer.hpp"
#include "KeptVersion.hpp"

#include "store/sqlite/CohortRepository.hpp"

#include <Poco/JSON/Array.h>

#include <gtest/gtest.h>

#include <string>

namespace yanzhen::testsupport {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr moduleOf(const Object::Ptr& course, const std::string& id) {
    const auto modules = course->getArray("modules");
    for (std::size_t i = 0; i < modules->size(); ++i)
        if (modules->getObject(i)->getValue<std::string>("id") == id) return modules->getObject(i);
    return nullptr;
}

TEST(TrainerRoutes, CohortCourseGivesTheRubricOfTheDrillsWithItsFloor) {
    ApiServer server;
    const store::Id wangId = server.addPerson("T-001", "王丽", "trainer");
    server.addPerson("T-002", "赵强", "trainer");
    const auto course = server.catalog().find("touyan-linghang");
    ASSERT_TRUE(course);
    store::Id cohort = 0;
    server.db().write("admin", [&](store::WriteTransaction& tx) {
        store::CohortRepository cohorts(tx.session());
        cohort =
            cohorts.create(tx, store::Cohort{0, "TY-2025-1", "第一期", keepVersion(tx, *course),
                                             "2025-03-01", "2025-04-30", 40});
        cohorts.addTrainer(tx, cohort, wangId);
    });
    const std::string path = "/api/v1/cohorts/" + std::to_string(cohort) + "/course";

    const auto wang = server.login("wang", "trainer", std::string("T-001"));
    const auto r = wang.get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.object()->getValue<std::string>("hash"), course->hash);

    // The drills module: the plugin's schema (one scores field) and the rubric from the file.
    const auto drills = moduleOf(r.object(), "drills");
    ASSERT_TRUE(drills);
    const auto kind = drills->getArray("evidence_kinds")->getObject(0);
    EXPECT_EQ(kind->getValue<std::string>("id"), "attempt");
    EXPECT_EQ(kind->getArray("fields")->getObject(0)->getValue<std::string>("type"), "scores");
    const auto config = drills->getObject("config");
    ASSERT_TRUE(config);
    const auto rubric = config->getObject("rubrics")->getObject("std");
    EXPECT_EQ(rubric->getValue<int>("pass"), 60); // numbers stay numbers
    const auto criteria = rubric->getArray("criteria");
    ASSERT_EQ(criteria->size(), 4U);
    const auto ethics = criteria->getObject(3);
    EXPECT_EQ(ethics->getValue<std::string>("id"), "ethics");
    EXPECT_EQ(ethics->getValue<int>("max"), 15);
    EXPECT_EQ(ethics->getValue<int>("floor"), 9);
    EXPECT_EQ(ethics->getObject("title")->getValue<std::string>("en"), "Ethics and safety");
    const auto home = config->getArray("assessments")->getObject(0);
    EXPECT_EQ(home->getValue<std::string>("id"), "home_visit");
    EXPECT_EQ(home->getValue<std::string>("rubric"), "std");

    // Another trainer may not read it, and may not learn that the cohort exists.
    const auto zhao = server.login("zhao", "trainer", std::string("T-002"));
    EXPECT_EQ(zhao.get(path).status, 403);
    EXPECT_EQ(zhao.get("/api/v1/cohorts/999/course").status, 403);
    const auto admin = server.login("root", "admin");
    EXPECT_EQ(admin.get("/api/v1/cohorts/999/course").status, 404);
}

} // namespace
} // namespace yanzhen::testsupport
