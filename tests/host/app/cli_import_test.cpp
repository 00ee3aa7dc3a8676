// `yanzhen workers import`, `evidence import|record|list` as an administrator runs them: the
// real binary on a temporary database. The cohort the evidence needs is set up through the
// store, as `cohorts create` would leave it.

#include "CohortFixture.hpp"
#include "RunCommand.hpp"

#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

using namespace yanzhen;
using yanzhen::testsupport::CohortWrite;
using yanzhen::testsupport::CommandResult;
using yanzhen::testsupport::lines;
using yanzhen::testsupport::runCommand;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const char* const kRoster =
    "code,name,gender,birth_date,phone,education,street,community,grid,posts\n"
    "JY-0001,张伟,m,1988-04-02,,本科,新建街道,民主社区,第一网格,social_worker\n"
    "JY-0002,李娜,f,,,大专,新建街道,民主社区,第二网格,committee_member;party_affairs\n"
    "JY-0003,\"欧阳,晓燕\",f,,,,城南街道,,,social_worker\n";

const char* const kEvidence =
    "worker,course,module,ref,date,kind,status,minutes,score,scores,sitting\n"
    "JY-0001,touyan-linghang,theory,casework,2025-03-05,attendance,present,120,,,\n"
    "JY-0002,touyan-linghang,theory,casework,2025-03-05,attendance,late,,,,\n"
    "JY-0001,touyan-linghang,drills,home_visit,2025-03-10,attempt,,,,assessment=25;plan=22;"
    "communication=18;ethics=8,\n"
    "JY-0003,,certification,practice_junior,2024-06-18,exam_result,,,72,,2024\n";

class CliImport : public testsupport::CohortFixture {
protected:
    CommandResult yanzhen(std::vector<std::string> args, const std::string& lang = "en") {
        args.push_back("--db=" + t_.file.string());
        args.push_back("--lang=" + lang);
        args.push_back("--actor=admin:test");
        return runCommand(kYanzhen, args, t_.folder.path());
    }
    void write(const std::string& name, const std::string& text) {
        std::ofstream out(t_.folder / name, std::ios::binary);
        out << text;
    }
    /// The cohort TY-2025-1 of the shipped course, with the roster's first two people in it.
    void enrollFirstTwo() {
        populate([](CohortWrite& w) {
            const auto cohort = w.cohort("TY-2025-1", "第一期", 0);
            for (const char* code : {"JY-0001", "JY-0002"})
                w.enroll(cohort, w.people.findByCode(code)->id);
        });
    }
};

TEST_F(CliImport, AGoodRosterAndAGoodEvidenceFileImportWithASummaryLine) {
    write("roster.csv", kRoster);
    const auto roster = yanzhen({"workers", "import", "roster.csv"});
    ASSERT_EQ(roster.exitCode, 0) << roster.err;
    EXPECT_TRUE(std::regex_search(
        roster.out,
        std::regex(
            R"(^imported 3 rows, 3 workers, 6 new org units, in [0-9.]+ s \([0-9]+ rows/s\)\n$)")))
        << roster.out;
    EXPECT_TRUE(roster.err.empty()) << roster.err; // not a terminal: no progress bar
    const auto listed = yanzhen({"workers", "list"});
    EXPECT_TRUE(contains(listed.out, "欧阳,晓燕")) << listed.out;

    enrollFirstTwo();
    write("evidence.csv", kEvidence);
    const auto dry = yanzhen({"evidence", "import", "evidence.csv", "--dry-run"});
    ASSERT_EQ(dry.exitCode, 0) << dry.err;
    EXPECT_TRUE(contains(dry.out, "would import 4 rows, 3 workers (dry run: nothing written)"))
        << dry.out;
    const auto evidence = yanzhen({"evidence", "import", "evidence.csv"}, "zh");
    ASSERT_EQ(evidence.exitCode, 0) << evidence.err;
    EXPECT_TRUE(std::regex_search(
        evidence.out,
        std::regex(R"(^已导入 4 行，涉及 3 名人员，用时 [0-9.]+ 秒（每秒 [0-9]+ 行）\n$)")))
        << evidence.out;
    const auto list = yanzhen({"evidence", "list", "JY-0001", "--json"});
    ASSERT_EQ(list.exitCode, 0) << list.err;
    const auto items =
        Poco::JSON::Parser().parse(list.out).extract<Poco::JSON::Object::Ptr>()->getArray("items");
    ASSERT_EQ(items->size(), 2U);
    EXPECT_EQ(items->getObject(1)->getObject("fields")->getObject("scores")->getValue<int>("plan"),
              22);
}

TEST_F(CliImport, ABadFileExitsWithOneAndNamesEveryBadLine) {
    write("roster.csv", kRoster);
    ASSERT_EQ(yanzhen({"workers", "import", "roster.csv"}).exitCode, 0);
    enrollFirstTwo();
    write("evidence.csv",
          "worker,course,module,ref,date,kind,status,minutes,score,scores,sitting\n"
          "JY-0001,touyan-linghang,theory,casework,2025-03-05,attendance,present,,,,\n"
          "JY-0009,touyan-linghang,theory,casework,2025-03-05,attendance,present,,,,\n"
          "JY-0001,touyan-linghang,theory,casework,2025-03-05,attendance,present,,,,\n"
          "JY-0002,touyan-linghang,theory,casework,2025-03-05,attendance,presnt,,,,\n");
    const auto result = yanzhen({"evidence", "import", "evidence.csv"});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.out.empty()) << result.out;
    const auto errors = lines(result.err);
    ASSERT_EQ(errors.size(), 3U) << result.err;
    EXPECT_EQ(errors[0], "line 3: no worker with staff number or id 'JY-0009'");
    EXPECT_TRUE(
        errors[1].starts_with("line 5: status: expected one of present, late, absent, excused"))
        << errors[1];
    EXPECT_EQ(errors[2], "nothing imported: 2 bad row(s) in evidence.csv");
    EXPECT_TRUE(contains(yanzhen({"evidence", "list", "JY-0001"}).out, "0 row(s)"));

    const auto zh = yanzhen({"evidence", "import", "evidence.csv"}, "zh");
    EXPECT_EQ(zh.exitCode, 1);
    EXPECT_TRUE(contains(zh.err, "第 3 行：没有工号或 id 为“JY-0009”的人员")) << zh.err;

    write("roster2.csv", "code,name\nJY-0001,重复\n");
    const auto again = yanzhen({"workers", "import", "roster2.csv"});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(contains(again.err, "line 2: staff number JY-0001 is already in the database"))
        << again.err;
}

TEST_F(CliImport, TheFirstHundredBadRowsArePrintedAndTheRestCounted) {
    std::string text = "code,name,gender\n";
    for (int i = 1; i <= 150; ++i)
        text += "P-" + std::to_string(i) + ",某人,x\n";
    write("roster.csv", text);
    const auto result = yanzhen({"workers", "import", "roster.csv"});
    EXPECT_EQ(result.exitCode, 1);
    const auto errors = lines(result.err);
    ASSERT_EQ(errors.size(), 102U) << result.err;
    EXPECT_EQ(errors[0], "line 2: gender must be f, m or empty, found 'x'");
    EXPECT_TRUE(errors[99].starts_with("line 101: ")) << errors[99];
    EXPECT_EQ(errors[100], "... and 50 more bad rows");
    EXPECT_EQ(errors[101], "nothing imported: 150 bad row(s) in roster.csv");
}

TEST_F(CliImport, ACorrectionSupersedesTheRowItCorrectsAndBothAreListed) {
    write("roster.csv", kRoster);
    ASSERT_EQ(yanzhen({"workers", "import", "roster.csv"}).exitCode, 0);
    enrollFirstTwo();
    const auto first = yanzhen({"evidence", "record", "--worker=JY-0002",
                                "--course=touyan-linghang", "--module=theory", "--ref=policy_law",
                                "--date=2025-03-06", "--kind=attendance", "--field=status=absent"});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_EQ(first.out, "recorded evidence row 1\n");

    const auto typo = yanzhen(
        {"evidence", "record", "--correct=1", "--reason=roll call", "--field=status=presnt"});
    EXPECT_EQ(typo.exitCode, 1);
    EXPECT_TRUE(contains(typo.err, "did you mean 'present'?")) << typo.err;
    const auto noReason = yanzhen({"evidence", "record", "--correct=1", "--field=status=present"});
    EXPECT_EQ(noReason.exitCode, 2);

    const auto fix = yanzhen(
        {"evidence", "record", "--correct=1", "--reason=点名记错", "--field=status=present"});
    ASSERT_EQ(fix.exitCode, 0) << fix.err;
    EXPECT_EQ(fix.out, "recorded evidence row 2, superseding row 1\n");

    const auto list = yanzhen({"evidence", "list", "JY-0002"});
    ASSERT_EQ(list.exitCode, 0) << list.err;
    const auto rows = lines(list.out);
    ASSERT_EQ(rows.size(), 5U) << list.out; // the worker, the header, two rows, the count
    EXPECT_TRUE(rows[2].starts_with("1 ")) << rows[2];
    EXPECT_TRUE(contains(rows[2], "status=absent") && contains(rows[2], "superseded by 2"))
        << rows[2];
    EXPECT_TRUE(rows[3].starts_with("2 ")) << rows[3];
    EXPECT_TRUE(contains(rows[3], "status=present") && contains(rows[3], "corrects 1: 点名记错"))
        << rows[3];

    const auto json = yanzhen({"evidence", "list", "JY-0002", "--json"});
    const auto items =
        Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>()->getArray("items");
    ASSERT_EQ(items->size(), 2U);
    EXPECT_FALSE(items->getObject(0)->getValue<bool>("current"));
    EXPECT_EQ(items->getObject(0)->getValue<int>("superseded_by"), 2);
    EXPECT_EQ(items->getObject(1)->getValue<int>("supersedes"), 1);
    EXPECT_EQ(items->getObject(1)->getValue<std::string>("reason"), "点名记错");
}

TEST_F(CliImport, RecordRefusesWhatThePluginsSchemaRefuses) {
    write("roster.csv", kRoster);
    ASSERT_EQ(yanzhen({"workers", "import", "roster.csv"}).exitCode, 0);
    const auto personal = yanzhen(
        {"evidence", "record", "--worker=JY-0003", "--module=certification",
         "--ref=national_assistant", "--date=2024-07-01", "--kind=credential",
         "--field=level=assistant", "--field=valid_from=2024-07-01", "--field=status=active"});
    ASSERT_EQ(personal.exitCode, 0) << personal.err;
    const auto bad = yanzhen({"evidence", "record", "--worker=JY-0003", "--module=certification",
                              "--ref=x", "--date=2024-07-01", "--kind=exam_result",
                              "--field=score=-3", "--field=sittin=2024"});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(contains(bad.err, "unknown field 'sittin'; did you mean 'sitting'?")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "score: expected a value in 0 .. ∞, found -3")) << bad.err;
    const auto usage = yanzhen({"evidence", "record", "--worker=JY-0003", "--kind=exam_result"});
    EXPECT_EQ(usage.exitCode, 2);
}

} // namespace
