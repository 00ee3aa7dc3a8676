// `yanzhen sessions schedule|list|cancel|book|unbook` as a trainer runs them: the real binary on
// a real database where a cohort of the shipped 头雁领航 course and its people were set up.

#include "CohortFixture.hpp"
#include "RunCommand.hpp"

#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

using namespace yanzhen;
using yanzhen::testsupport::CohortWrite;
using yanzhen::testsupport::CommandResult;
using yanzhen::testsupport::lines;
using yanzhen::testsupport::runCommand;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
const std::string kHall = "江源区党群服务中心";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class CliSessions : public testsupport::CohortFixture {
protected:
    void SetUp() override {
        CohortFixture::SetUp();
        populate([](CohortWrite& w) {
            // Two seats a session, so that the third booking waits.
            const auto cohort = w.cohort("TY-2025-1", "第一期", 2);
            w.person("JY-0103", "王丽");
            const char* names[] = {"张伟", "李娜", "刘洋"};
            for (int i = 0; i < 3; ++i)
                w.enroll(cohort, w.person("JY-000" + std::to_string(i + 1), names[i]));
        });
    }

    /// `yanzhen sessions ARGS... --db=<the test's database>`, from the repository root.
    CommandResult sessions(std::vector<std::string> args, const std::string& lang = "en") {
        args.insert(args.begin(), "sessions");
        args.push_back("--db=" + t_.file.string());
        args.push_back("--lang=" + lang);
        args.push_back("--actor=trainer:wang");
        return runCommand(kYanzhen, args, YANZHEN_SOURCE_DIR);
    }

    CommandResult scheduleOpening(const std::string& starts = "2025-03-01T09:00",
                                  const std::string& ends = "2025-03-01T11:00",
                                  const std::string& lang = "en") {
        return sessions({"schedule", "TY-2025-1", "--template=opening", "--starts=" + starts,
                         "--ends=" + ends, "--place=" + kHall, "--trainer=JY-0103"},
                        lang);
    }
};

TEST_F(CliSessions, ScheduleConflictIsPrintedNamingTheSessionAndExitsWithOne) {
    const auto first = scheduleOpening();
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_EQ(first.out, "1\n");

    const auto clash = scheduleOpening("2025-03-01T10:00", "2025-03-01T12:00");
    EXPECT_EQ(clash.exitCode, 1);
    EXPECT_TRUE(clash.out.empty()) << clash.out;
    const auto errors = lines(clash.err);
    ASSERT_EQ(errors.size(), 2U) << clash.err; // one line per conflict: the trainer, the hall
    EXPECT_EQ(errors[0],
              "not scheduled: trainer 王丽 (JY-0103) is teaching session 1 \"Opening ceremony\" "
              "2025-03-01 09:00–11:00 at " +
                  kHall + " then");
    EXPECT_EQ(errors[1], "not scheduled: the place is taken by session 1 \"Opening ceremony\" "
                         "2025-03-01 09:00–11:00 at " +
                             kHall);

    const auto zh = scheduleOpening("2025-03-01T10:00", "2025-03-01T12:00", "zh");
    EXPECT_EQ(zh.exitCode, 1);
    EXPECT_TRUE(contains(
        zh.err,
        "未排课：培训师 王丽（JY-0103）此时正在讲授场次 1“开班仪式”（2025-03-01 09:00–11:00，" +
            kHall + "）"))
        << zh.err;

    const auto json =
        sessions({"schedule", "TY-2025-1", "--template=opening", "--starts=2025-03-01T10:00",
                  "--ends=2025-03-01T12:00", "--place=" + kHall, "--json"});
    EXPECT_EQ(json.exitCode, 1);
    const auto root = Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>();
    const auto conflicts = root->getArray("conflicts");
    ASSERT_EQ(conflicts->size(), 1U) << json.out;
    EXPECT_EQ(conflicts->getObject(0)->getValue<std::string>("code"), "place_taken");
    EXPECT_EQ(conflicts->getObject(0)->getValue<int>("session"), 1);
}

TEST_F(CliSessions, BookingFillsTheSeatsThenTheWaitingLineAndUnbookingPromotes) {
    ASSERT_EQ(scheduleOpening().exitCode, 0);
    auto r = sessions({"book", "1", "JY-0001"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "张伟 (JY-0001) is booked for session 1\n");
    EXPECT_EQ(sessions({"book", "1", "JY-0002"}).exitCode, 0);
    r = sessions({"book", "1", "JY-0003"});
    EXPECT_EQ(r.out, "刘洋 (JY-0003) is waiting for session 1, position 1\n");
    r = sessions({"book", "1", "JY-0103"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "not booked: 王丽 (JY-0103) is not enrolled in cohort TY-2025-1\n");

    r = sessions({"unbook", "1", "JY-0001"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "张伟 (JY-0001) is no longer booked for session 1; "
                     "刘洋 (JY-0003) takes the seat from the waiting line\n");
    r = sessions({"unbook", "1", "JY-0001"}, "zh");
    EXPECT_EQ(r.exitCode, 1);

    r = sessions({"list", "--cohort=TY-2025-1", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto root = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    const auto all = root->getArray("sessions");
    ASSERT_EQ(all->size(), 1U);
    const auto s = all->getObject(0);
    EXPECT_EQ(s->getObject("title")->getValue<std::string>("en"), "Opening ceremony");
    EXPECT_EQ(s->getValue<int>("booked"), 2);
    EXPECT_EQ(s->getValue<int>("capacity"), 2) << "the cohort's default";
    EXPECT_EQ(s->getObject("trainer")->getValue<std::string>("name"), "王丽");

    r = sessions({"list", "--worker=JY-0003"}, "zh");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto table = lines(r.out);
    ASSERT_EQ(table.size(), 2U) << r.out;
    for (const char* cell : {"2025-03-01", "09:00–11:00", "开班仪式", "王丽", "2/2", "已排"})
        EXPECT_TRUE(contains(table[1], cell)) << cell << " in " << table[1];
}

TEST_F(CliSessions, CancelledSessionFreesTheTrainerAndTheHall) {
    ASSERT_EQ(scheduleOpening().exitCode, 0);
    auto r = sessions({"cancel", "1"});
    EXPECT_EQ(r.exitCode, 2) << "a cancellation needs --reason";
    r = sessions({"cancel", "1", "--reason=大厅维修"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "cancelled session 1\n");
    r = scheduleOpening("2025-03-01T10:00", "2025-03-01T12:00");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "2\n");
    r = sessions({"list"});
    EXPECT_TRUE(contains(r.out, "cancelled")) << r.out;
}

TEST_F(CliSessions, BadUsageExitsWithTwoAndHelpListsTheSubcommands) {
    EXPECT_EQ(sessions({"schedule", "TY-2025-1", "--starts=2025-03-01T09:00"}).exitCode, 2);
    EXPECT_EQ(sessions({"schedule", "TY-2025-1", "--template=opening", "--starts=2025-03-01T09:00",
                        "--ends=2025-03-01T11:00", "--place=x", "--capacity=many"})
                  .exitCode,
              2);
    EXPECT_EQ(sessions({"frobnicate"}).exitCode, 2);
    const auto unknown =
        sessions({"schedule", "TY-2099-9", "--template=opening", "--starts=2025-03-01T09:00",
                  "--ends=2025-03-01T11:00", "--place=x"});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_EQ(unknown.err, "no such cohort: TY-2099-9\n");
    for (const char* lang : {"en", "zh"}) {
        const auto help = sessions({"--help"}, lang);
        EXPECT_EQ(help.exitCode, 0);
        for (const char* sub :
             {"schedule", "list", "cancel", "book", "unbook", "--template", "--trainer", "--json"})
            EXPECT_TRUE(contains(help.out, sub)) << sub << " in\n" << help.out;
    }
}

} // namespace
