// `yanzhen init [--demo]` as a person runs it: the real executable, the shipped courses and
// plugins, a database file in a temporary folder.

#include "RunCommand.hpp"
#include "TempDatabase.hpp"

#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <regex>

using yanzhen::testsupport::runCommand;
using yanzhen::testsupport::TempFolder;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// The staff numbers the summary suggests, in order.
std::vector<std::string> staffNumbers(const std::string& text) {
    std::vector<std::string> out;
    const std::regex code("\\n(JY-[0-9]{4}) ");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), code);
         it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

} // namespace

TEST(CliInit, DemoBuildsTheDistrictAndRefusesASecondTime) {
    TempFolder folder;
    const std::string db = (folder / "demo.db").string();
    const auto r = runCommand(
        kYanzhen,
        {"init", "--demo", "--db", db, "--seed", "1", "--date", "2026-11-28", "--lang=en"},
        YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "District root: 江源区 (JY) created")) << r.out;
    EXPECT_TRUE(contains(r.out, "10 towns and streets, 31 communities, 177 grids")) << r.out;
    EXPECT_TRUE(contains(r.out, "65 social workers, 294 committee members, 31 governance officers"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "62 of them party-affairs workers")) << r.out;
    EXPECT_TRUE(contains(r.out, "5 of touyan-linghang (TY-1 to TY-5)")) << r.out;
    EXPECT_TRUE(contains(r.out, "of 65 social-worker posts hold one in force")) << r.out;
    EXPECT_TRUE(contains(r.out, "People to try (yanzhen progress STAFF-NUMBER --date 2026-11-28)"))
        << r.out;
    const auto codes = staffNumbers(r.out);
    ASSERT_EQ(codes.size(), 5U) << r.out;

    const auto again =
        runCommand(kYanzhen, {"init", "--demo", "--db", db, "--lang=en"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(contains(again.err, "the database already has 397 people")) << again.err;
    const auto zh =
        runCommand(kYanzhen, {"init", "--demo", "--db", db, "--lang=zh"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(zh.exitCode, 1);
    EXPECT_TRUE(contains(zh.err, "数据库中已有 397 名人员")) << zh.err;

    // A suggested worker opens in `progress`, as the summary says.
    const auto progress = runCommand(
        kYanzhen, {"progress", codes.front(), "--db", db, "--date", "2026-11-28", "--lang=en"},
        YANZHEN_SOURCE_DIR);
    EXPECT_EQ(progress.exitCode, 0) << progress.out << progress.err;
    EXPECT_TRUE(contains(progress.out, codes.front())) << progress.out;
    EXPECT_TRUE(contains(progress.out, "TY-")) << progress.out;
}

TEST(CliInit, PlainInitIsRepeatableAndLeavesRoomForTheDemo) {
    TempFolder folder;
    const std::string db = (folder / "plain.db").string();
    const auto first = runCommand(kYanzhen, {"init", "--db", db, "--lang=en"}, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_TRUE(contains(first.out, "touyan-linghang")) << first.out;
    EXPECT_TRUE(contains(first.out, "national-social-worker")) << first.out;
    EXPECT_TRUE(contains(first.out, "kept")) << first.out;
    EXPECT_TRUE(contains(first.out, "District root: 江源区 (JY) created")) << first.out;
    EXPECT_FALSE(contains(first.out, "Demo district")) << first.out;

    const auto second = runCommand(kYanzhen, {"init", "--db", db, "--lang=en"}, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_TRUE(contains(second.out, "District root: 江源区 (JY) already there")) << second.out;
    EXPECT_FALSE(contains(second.out, " kept")) << second.out;

    // No people yet: the demo may go in.
    const auto demo =
        runCommand(kYanzhen, {"init", "--demo", "--db", db, "--date", "2026-11-28", "--json"},
                   YANZHEN_SOURCE_DIR);
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    const auto root = Poco::JSON::Parser().parse(demo.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_FALSE(root->getValue<bool>("district_created"));
    const auto d = root->getObject("demo");
    EXPECT_EQ(d->getValue<int>("seed"), 1);
    EXPECT_EQ(d->getValue<int>("communities"), 31);
    EXPECT_EQ(d->getValue<int>("grids"), 177);
    EXPECT_EQ(d->getValue<int>("social_workers"), 65);
    EXPECT_EQ(d->getValue<int>("cohorts"), 5);
    EXPECT_GT(d->getValue<int>("sessions_ahead"), 0);
    EXPECT_GT(d->getValue<int>("evidence"), 2000);
    EXPECT_EQ(d->getArray("try")->size(), 5U);
}

TEST(CliInit, SpeaksChineseAndChecksItsOptions) {
    TempFolder folder;
    const std::string db = (folder / "zh.db").string();
    const auto r = runCommand(
        kYanzhen,
        {"init", "--demo", "--db", db, "--seed", "3", "--date", "2026-11-28", "--lang=zh"},
        YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "10 个镇街，31 个社区，177 个网格")) << r.out;
    EXPECT_TRUE(contains(r.out, "可以查看这些人")) << r.out;

    const auto seedAlone =
        runCommand(kYanzhen, {"init", "--db", db, "--seed", "3", "--lang=en"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(seedAlone.exitCode, 2);
    EXPECT_TRUE(contains(seedAlone.err, "--seed goes with --demo")) << seedAlone.err;
    const auto badSeed = runCommand(
        kYanzhen, {"init", "--demo", "--db", db, "--seed", "x", "--lang=en"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(badSeed.exitCode, 2);
    const auto badDate = runCommand(
        kYanzhen, {"init", "--demo", "--db", db, "--date", "2026-13-01"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(badDate.exitCode, 2);
    const auto help = runCommand(kYanzhen, {"init", "--help", "--lang=en"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(contains(help.out, "yanzhen init --demo [--seed=N] [--date=DATE]")) << help.out;
}

// A second cohort with a code already taken is refused by name, in the operator's language,
// and the first one stays.
TEST(CliInit, ACohortCodeIsTakenOnce) {
    TempFolder folder;
    const std::string db = (folder / "cohorts.db").string();
    ASSERT_EQ(runCommand(kYanzhen, {"init", "--db", db}, YANZHEN_SOURCE_DIR).exitCode, 0);
    const std::vector<std::string> create = {
        "cohorts",    "create",         "TY-2026-9", "--course",   "touyan-linghang",
        "--name",     "头雁领航 第9期", "--starts",  "2026-12-01", "--ends",
        "2027-01-31", "--db",           db};
    auto args = create;
    args.push_back("--lang=en");
    const auto first = runCommand(kYanzhen, args, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const auto again = runCommand(kYanzhen, args, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("cohort TY-2026-9 exists already (id 1)"), std::string::npos)
        << again.err;
    args = create;
    args.push_back("--lang=zh");
    const auto zh = runCommand(kYanzhen, args, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(zh.exitCode, 1);
    EXPECT_NE(zh.err.find("已有代码为 TY-2026-9 的期（ID 1）"), std::string::npos) << zh.err;
    const auto list =
        runCommand(kYanzhen, {"cohorts", "list", "--db", db, "--json"}, YANZHEN_SOURCE_DIR);
    EXPECT_NE(list.out.find("头雁领航 第9期"), std::string::npos) << list.out;
}
