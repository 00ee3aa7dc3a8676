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
    // The time it took is a note on standard error, its brackets matched in either language.
    EXPECT_FALSE(contains(progress.out, "evaluated in"));
    EXPECT_TRUE(std::regex_search(progress.err, std::regex(R"(^\(evaluated in [0-9.]+ ms\)\n$)")))
        << progress.err;
    const auto progressZh = runCommand(
        kYanzhen, {"progress", codes.front(), "--db", db, "--date", "2026-11-28", "--lang=zh"},
        YANZHEN_SOURCE_DIR);
    EXPECT_TRUE(std::regex_search(progressZh.err, std::regex("^（计算用时 [0-9.]+ 毫秒）\n$")))
        << progressZh.err;
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

TEST(CliInit, ACohortNameWithAControlCharacterIsRefusedAsTheApiRefusesIt) {
    TempFolder folder;
    const std::string db = (folder / "cohorts.db").string();
    ASSERT_EQ(runCommand(kYanzhen, {"init", "--db", db}, YANZHEN_SOURCE_DIR).exitCode, 0);
    for (const auto& [lang, says] : std::vector<std::pair<std::string, std::string>>{
             {"--lang=en", "name contains the control character U+001B (character 5)"},
             {"--lang=zh", "name 含有不允许的控制字符 U+001B（第 5 个字符）"}}) {
        const auto r = runCommand(kYanzhen,
                                  {"cohorts", "create", "TY-2026-8", "--course", "touyan-linghang",
                                   "--name", "头雁领航\x1b[2J", "--starts", "2026-12-01", "--ends",
                                   "2027-01-31", "--db", db, lang},
                                  YANZHEN_SOURCE_DIR);
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
    }
    const auto list =
        runCommand(kYanzhen, {"cohorts", "list", "--db", db, "--json"}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(list.out.find("TY-2026-8"), std::string::npos) << list.out;
}

TEST(CliInit, CohortMembersSaysWhoIsBehindAsTheApiDoes) {
    TempFolder folder;
    const std::string db = (folder / "demo.db").string();
    ASSERT_EQ(runCommand(kYanzhen, {"init", "--demo", "--db", db, "--date", "2026-11-28"},
                         YANZHEN_SOURCE_DIR)
                  .exitCode,
              0);
    // The demo's cohort in training, 20 of its 44 days gone: on the way to the licence, some of
    // its members are behind that.
    const auto json =
        runCommand(kYanzhen,
                   {"cohorts", "members", "TY-5", "--set", "licence_to_practise", "--status",
                    "behind", "--sort", "fraction", "--json", "--db", db, "--date", "2026-11-28"},
                   YANZHEN_SOURCE_DIR);
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const auto items = Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_GT(items->size(), 0u) << json.out;
    double last = -1;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto member = items->getObject(i);
        EXPECT_TRUE(member->getValue<bool>("behind"));
        const auto licence = member->getObject("sets")->getObject("licence_to_practise");
        EXPECT_TRUE(licence->getValue<bool>("behind"));
        EXPECT_NE(licence->getValue<std::string>("status"), "met");
        EXPECT_LT(licence->getValue<double>("fraction"), 20.0 / 44);
        EXPECT_GE(licence->getValue<double>("fraction"), last); // the least far along first
        last = licence->getValue<double>("fraction");
        EXPECT_TRUE(member->getObject("left")->has("licence_to_practise"));
        // A renewal set or a contest's top three is no cohort's schedule: never behind.
        EXPECT_FALSE(member->getObject("sets")->getObject("excellence")->getValue<bool>("behind"));
        EXPECT_FALSE(
            member->getObject("sets")->getObject("licence_renewal")->getValue<bool>("behind"));
    }
    // Everyone, in the terminal, in Chinese: a row per member, the cohort's share of days gone.
    const auto all = runCommand(
        kYanzhen, {"cohorts", "members", "TY-5", "--db", db, "--date", "2026-11-28", "--lang=zh"},
        YANZHEN_SOURCE_DIR);
    ASSERT_EQ(all.exitCode, 0) << all.err;
    EXPECT_TRUE(contains(all.out, "工号")) << all.out;
    EXPECT_TRUE(contains(all.out, "completion")) << all.out;
    EXPECT_TRUE(contains(all.out, "本期已过")) << all.out;
    // What is wrong with the question is said.
    const auto badStatus = runCommand(
        kYanzhen, {"cohorts", "members", "TY-5", "--status", "late", "--db", db, "--lang=en"},
        YANZHEN_SOURCE_DIR);
    EXPECT_EQ(badStatus.exitCode, 2);
    EXPECT_TRUE(contains(badStatus.err, "behind")) << badStatus.err;
    const auto badSet = runCommand(
        kYanzhen, {"cohorts", "members", "TY-5", "--set", "graduation", "--db", db, "--lang=en"},
        YANZHEN_SOURCE_DIR);
    EXPECT_EQ(badSet.exitCode, 2);
    EXPECT_TRUE(contains(badSet.err, "licence_to_practise")) << badSet.err;
}
