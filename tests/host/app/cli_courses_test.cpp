// `yanzhen courses list|check|show` as a person runs them, from the repository root, with the
// shipped courses and the real plugins.

#include "RunCommand.hpp"

#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

using yanzhen::testsupport::runCommand;
namespace fs = std::filesystem;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST(CliCourses, CheckPassesBothShippedCourses) {
    const auto r = runCommand(kYanzhen, {"courses", "check", "--lang=en"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "touyan-linghang.yaml: ok (touyan-linghang 2025.1")) << r.out;
    EXPECT_TRUE(contains(r.out, "national-social-worker.yaml: ok (national-social-worker 2025.1"))
        << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliCourses, CheckReportsEveryErrorWithFileLineAndColumn) {
    const fs::path broken = fs::path("tests/host/courses/broken/unknown_plugin.yaml");
    const auto r = runCommand(kYanzhen, {"courses", "check", "--lang=en", broken.string()},
                              YANZHEN_SOURCE_DIR);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(contains(
        r.err,
        broken.string() +
            ":8:13: error: modules[0].plugin: unknown plugin 'ceremeny'; did you mean 'ceremony'?"))
        << r.err;
    EXPECT_TRUE(contains(
        r.err, broken.string() + ":12:10: error: requirements.done.all: expected a non-empty list"))
        << r.err;
    EXPECT_TRUE(contains(r.out, "2 error(s)")) << r.out;
    const auto zh = runCommand(kYanzhen, {"courses", "check", "--lang=zh", broken.string()},
                               YANZHEN_SOURCE_DIR);
    EXPECT_TRUE(contains(
        zh.err, ":8:13: 错误: modules[0].plugin：未知的插件“ceremeny”，是否想写“ceremony”？"))
        << zh.err;
}

TEST(CliCourses, ListShowsVersionsByContentHash) {
    const auto r = runCommand(kYanzhen, {"courses", "list", "--json"}, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto root = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    const auto courses = root->getArray("courses");
    ASSERT_EQ(courses->size(), 2U) << r.out;
    for (std::size_t i = 0; i < courses->size(); ++i)
        EXPECT_EQ(courses->getObject(i)->getValue<std::string>("hash").size(), 64U);
    EXPECT_EQ(root->getArray("failed")->size(), 0U);
}

TEST(CliCourses, ShowPrintsTheRequirementTreeInChinese) {
    const auto r = runCommand(kYanzhen, {"courses", "show", "touyan-linghang", "--lang=zh"},
                              YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "头雁领航·雏雁丰羽")) << r.out;
    EXPECT_TRUE(contains(r.out, "要求集 licence_to_practise")) << r.out;
    EXPECT_TRUE(contains(r.out, "[theory.hours]  理论学时满 40 学时  (theory_hours)")) << r.out;
    EXPECT_TRUE(contains(r.out, "可由以下替代：")) << r.out;
    EXPECT_TRUE(contains(r.out, "演练：入户走访")) << r.out;
    const auto json = runCommand(kYanzhen, {"courses", "show", "national-social-worker", "--json"},
                                 YANZHEN_SOURCE_DIR);
    const auto course = Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(
        course->getObject("requirements")->getObject("intermediate")->getValue<std::string>("leaf"),
        "exam");
}

TEST(CliCourses, ShowAnUnknownCourseFails) {
    EXPECT_EQ(
        runCommand(kYanzhen, {"courses", "show", "no-such-course"}, YANZHEN_SOURCE_DIR).exitCode,
        1);
    EXPECT_EQ(runCommand(kYanzhen, {"courses", "show"}, YANZHEN_SOURCE_DIR).exitCode, 2);
}
