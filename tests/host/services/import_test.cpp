// Imports on a real database with the real plugins and the shipped 头雁领航 course: all or
// nothing, every bad row named by its physical line (the header is line 1), one audit entry
// for a whole evidence file, org units found or created for a roster.

#include "CohortFixture.hpp"

#include "services/imports/EvidenceImport.hpp"
#include "services/imports/RosterImport.hpp"
#include "store/sqlite/AuditLog.hpp"
#include "store/sqlite/PeopleRepository.hpp"
#include "store/sqlite/SessionRepository.hpp"

#include <yanzhen/date.hpp>

#include <Poco/Data/Session.h>

#include <gtest/gtest.h>

#include <fstream>

using namespace yanzhen;
using namespace Poco::Data::Keywords;
using services::ImportReport;
using yanzhen::testsupport::CohortWrite;
namespace fs = std::filesystem;

namespace {

constexpr int kWorkers = 50;

std::string staffNumber(int n) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "JY-%04d", n);
    return buffer;
}

void writeFile(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

const char* const kEvidenceHeader =
    "worker,session,course,module,ref,date,kind,status,minutes,score,scores,note,sitting\n";

/// Data row `i` of a good evidence file: a session row, a course row of theory, a drill with
/// scores and a personal exam result, in turn, over the enrolled workers.
std::string evidenceRow(int i) {
    const std::string w = staffNumber(i % kWorkers + 1);
    switch (i % 4) {
    case 0: return w + ",1,,,,,attendance,present,,,,,\n";
    case 1: return w + ",,touyan-linghang,theory,casework,2025-03-05,attendance,late,90,,,,\n";
    case 2:
        return w +
               ",,touyan-linghang,drills,home_visit,2025-03-10,attempt,,,,"
               "assessment=25;plan=22;communication=18;ethics=8,\"第 " +
               std::to_string(i) + " 次，良好\",\n";
    default: return w + ",,,certification,practice_junior,2024-06-18,exam_result,,,72,,,2024\n";
    }
}

/// An evidence file of `rows` data rows; `bad` replaces data rows by their physical line.
std::string evidenceFile(int rows, const std::map<std::uint64_t, std::string>& bad = {}) {
    std::string text = kEvidenceHeader;
    for (int i = 0; i < rows; ++i) {
        const auto it =
            bad.find(static_cast<std::uint64_t>(i) + 2); // data row i sits on line i + 2
        text += it != bad.end() ? it->second : evidenceRow(i);
    }
    return text;
}

class Imports : public testsupport::CohortFixture {
protected:
    void SetUp() override {
        CohortFixture::SetUp();
        populate([](CohortWrite& w) {
            const auto cohort = w.cohort("TY-2025-1", "第一期", 0);
            for (int n = 1; n <= kWorkers; ++n)
                w.enroll(cohort, w.person(staffNumber(n), "学员" + std::to_string(n)));
            w.person("JY-0099", "未报名"); // in the database, in no cohort
            store::SessionRepository(w.tx.session())
                .add(w.tx, store::Session{0, cohort, "ceremony", "opening", "2025-03-01T09:00",
                                          "2025-03-01T11:00", "礼堂"});
        });
    }

    ImportReport importEvidence(const std::string& text, bool dryRun = false) {
        writeFile(t_.folder / "evidence.csv", text);
        return services::EvidenceImport(t_.store, *versions_, *registry_)
            .run(t_.folder / "evidence.csv", services::ImportOptions{dryRun, "test", {}});
    }
    ImportReport importRoster(const std::string& text, bool dryRun = false) {
        writeFile(t_.folder / "roster.csv", text);
        return services::RosterImport(t_.store).run(t_.folder / "roster.csv",
                                                    services::ImportOptions{dryRun, "test", {}});
    }

    std::int64_t count(const std::string& table) {
        auto r = t_.db->read();
        std::int64_t n = 0;
        *r << "SELECT COUNT(*) FROM " + table, into(n), now;
        return n;
    }
    store::AuditVerdict audit() { return store::AuditLog(*t_.db).verify(); }
};

std::vector<std::uint64_t> linesOf(const ImportReport& report) {
    std::vector<std::uint64_t> out;
    for (const auto& p : report.problems)
        out.push_back(p.line);
    return out;
}

TEST_F(Imports, AGoodFileImportsEveryRowInOneTransactionWithOneAuditEntry) {
    const auto before = audit();
    const auto report = importEvidence(evidenceFile(6000));
    ASSERT_TRUE(report.ok()) << report.problems.front().line << ": "
                             << report.problems.front().message.en;
    EXPECT_TRUE(report.written);
    EXPECT_EQ(report.rows, 6000U);
    EXPECT_EQ(report.workers, static_cast<std::size_t>(kWorkers));
    EXPECT_EQ(count("evidence"), 6000);
    const auto after = audit();
    EXPECT_TRUE(after.intact);
    EXPECT_EQ(after.entries, before.entries + 1);
    const auto last = store::AuditLog(*t_.db).recent(1);
    ASSERT_EQ(last.size(), 1U);
    EXPECT_EQ(last[0].action, "evidence.import");
    EXPECT_NE(last[0].details.find("\"rows\":6000"), std::string::npos) << last[0].details;
}

TEST_F(Imports, EachKindOfRowIsStoredAsItsCourseModuleAndPluginSayIt) {
    ASSERT_TRUE(importEvidence(evidenceFile(4)).ok());
    auto r = t_.db->read();
    std::vector<std::string> courses, modules, refs, fields;
    std::vector<int> days;
    *r << "SELECT IFNULL(course_id, '-'), module, ref, day, fields FROM evidence ORDER BY id",
        into(courses), into(modules), into(refs), into(days), into(fields), now;
    ASSERT_EQ(modules.size(), 4U);
    // The session row takes its module, ref and day from the session.
    EXPECT_EQ(courses[0] + " " + modules[0] + " " + refs[0], "touyan-linghang ceremony opening");
    EXPECT_EQ(days[0], *parseDay("2025-03-01"));
    EXPECT_EQ(fields[1], R"({"minutes":90,"status":"late"})");
    EXPECT_EQ(
        fields[2],
        R"({"note":"第 2 次，良好","scores":{"assessment":25,"communication":18,"ethics":8,"plan":22}})");
    // A personal row has no course; its module is the plugin.
    EXPECT_EQ(courses[3] + " " + modules[3] + " " + refs[3], "- certification practice_junior");
}

TEST_F(Imports, BadRowOnLine5000WithAnUnknownWorkerLeavesNothingBehind) {
    const auto before = audit();
    const auto report =
        importEvidence(evidenceFile(6000, {{5000, "JY-7777,1,,,,,attendance,present,,,,,\n"}}));
    ASSERT_EQ(linesOf(report), std::vector<std::uint64_t>{5000});
    EXPECT_EQ(report.problems[0].message.en, "no worker with staff number or id 'JY-7777'");
    EXPECT_FALSE(report.written);
    EXPECT_EQ(count("evidence"), 0);
    const auto after = audit();
    EXPECT_EQ(after.entries, before.entries);
    EXPECT_EQ(after.head, before.head);
}

TEST_F(Imports, BadRowOnLine5000WithAMisspelledStatusLeavesNothingBehind) {
    const auto before = audit();
    const auto report =
        importEvidence(evidenceFile(6000, {{5000, "JY-0001,1,,,,,attendance,presnt,,,,,\n"}}));
    ASSERT_EQ(linesOf(report), std::vector<std::uint64_t>{5000});
    EXPECT_NE(report.problems[0].message.en.find("found 'presnt'; did you mean 'present'?"),
              std::string::npos)
        << report.problems[0].message.en;
    EXPECT_NE(report.problems[0].message.zh.find("是否想写“present”"), std::string::npos);
    EXPECT_EQ(count("evidence"), 0);
    EXPECT_EQ(audit().head, before.head);
}

TEST_F(Imports, ABadLastRowAfterTensOfThousandsAlreadyInsertedLeavesNothingBehind) {
    // Rows are inserted while the file is still being checked: by the last line, tens of
    // thousands are in the writer's open transaction, and they must all be rolled back.
    const auto before = audit();
    const auto report =
        importEvidence(evidenceFile(40000, {{40001, "JY-7777,1,,,,,attendance,present,,,,,\n"}}));
    ASSERT_EQ(linesOf(report), std::vector<std::uint64_t>{40001});
    EXPECT_FALSE(report.written);
    EXPECT_EQ(count("evidence"), 0);
    EXPECT_EQ(audit().head, before.head);
    // The write lock went with the rollback: the same file, mended, goes in whole.
    const auto mended = importEvidence(evidenceFile(40000));
    ASSERT_TRUE(mended.ok());
    EXPECT_EQ(count("evidence"), 40000);
}

TEST_F(Imports, EveryBadRowIsNamedNotOnlyTheFirst) {
    const auto report = importEvidence(evidenceFile(
        6000,
        {
            {10, "JY-0003,,touyan-linghang,theroy,casework,2025-03-05,attendance,present,,,,,\n"},
            {2000, "JY-0099,1,,,,,attendance,present,,,,,\n"},
            {3000, "JY-0001,1,,,,,attendance\n"},
            {4000, "JY-0004,,,certification,practice_junior,2024-6-18,exam_result,,,72,,,2024\n"},
            {5999,
             "JY-0005,,touyan-linghang,drills,home_visit,2025-03-10,attempt,,,,assessment=x,,\n"},
        }));
    EXPECT_EQ(linesOf(report), (std::vector<std::uint64_t>{10, 2000, 3000, 4000, 5999}));
    ASSERT_EQ(report.problems.size(), 5U);
    EXPECT_EQ(report.problems[0].message.en,
              "course touyan-linghang has no module 'theroy'; did you mean 'theory'?");
    EXPECT_EQ(report.problems[1].message.en,
              "worker 'JY-0099' is not enrolled in cohort TY-2025-1 of session 1");
    EXPECT_EQ(report.problems[2].message.en, "has 7 cells, the header has 13 columns");
    EXPECT_EQ(report.problems[3].message.en, "date must be YYYY-MM-DD, found '2024-6-18'");
    EXPECT_NE(report.problems[4].message.en.find("scores"), std::string::npos)
        << report.problems[4].message.en;
    EXPECT_EQ(count("evidence"), 0);
}

TEST_F(Imports, ProblemsOfOneRowAreReportedTogether) {
    const auto report =
        importEvidence(std::string(kEvidenceHeader) + "JY-0001,1,,,,,attendence,,,,,,\n");
    ASSERT_EQ(report.problems.size(), 1U);
    EXPECT_EQ(report.problems[0].line, 2U);
    EXPECT_EQ(report.problems[0].message.en,
              "module ceremony has no evidence kind 'attendence'; did you mean 'attendance'?");
}

TEST_F(Imports, AnUnknownColumnIsNamedOnTheHeaderLine) {
    const auto report =
        importEvidence("worker,session,kind,statuss\nJY-0001,1,attendance,present\n");
    ASSERT_EQ(report.problems.size(), 1U);
    EXPECT_EQ(report.problems[0].line, 1U);
    EXPECT_NE(report.problems[0].message.en.find("unknown column 'statuss'"), std::string::npos);
    EXPECT_NE(report.problems[0].message.en.find("did you mean 'status'?"), std::string::npos);
}

TEST_F(Imports, ADryRunChecksEveryRowAndWritesNothing) {
    const auto before = audit();
    const auto report = importEvidence(evidenceFile(6000), true);
    EXPECT_TRUE(report.ok());
    EXPECT_FALSE(report.written);
    EXPECT_EQ(report.rows, 6000U);
    EXPECT_EQ(count("evidence"), 0);
    EXPECT_EQ(audit().head, before.head);
}

const char* const kRoster =
    "code,name,gender,birth_date,phone,education,street,community,grid,posts\n"
    "JY-1001,张伟,m,1988-04-02,13800000001,本科,新建街道,民主社区,第一网格,social_worker;party_"
    "affairs\n"
    "JY-1002,李娜,f,,,大专,新建街道,民主社区,第二网格,committee_member\n"
    "JY-1003,欧阳晓燕,女,1990-12-31,,硕士,新建街道,东山社区,,governance_officer\n"
    "JY-1004,刘洋,,,,,城南街道,,,trainer\n"
    "JY-1005,\"王,丽\",,,,,,,,\n";

TEST_F(Imports, ARosterCreatesItsOrgUnitsAndPeopleWithTheirChineseNames) {
    const auto before = audit();
    const auto report = importRoster(kRoster);
    ASSERT_TRUE(report.ok()) << report.problems.front().message.en;
    EXPECT_EQ(report.rows, 5U);
    EXPECT_EQ(report.orgUnitsCreated, 7U); // the district, 2 streets, 2 communities, 2 grids
    auto r = t_.db->read();
    store::PeopleRepository people(*r);
    std::map<std::string, std::string> units; // code -> name
    for (const auto& u : people.orgUnits())
        units[u.code] = u.kind + " " + u.name;
    EXPECT_EQ(units, (std::map<std::string, std::string>{{"district", "district 江源区"},
                                                         {"S01", "street 新建街道"},
                                                         {"S01-C01", "community 民主社区"},
                                                         {"S01-C01-G01", "grid 第一网格"},
                                                         {"S01-C01-G02", "grid 第二网格"},
                                                         {"S01-C02", "community 东山社区"},
                                                         {"S02", "street 城南街道"}}));
    const auto zhang = people.findByCode("JY-1001");
    ASSERT_TRUE(zhang);
    EXPECT_EQ(zhang->name, "张伟");
    EXPECT_EQ(zhang->birthDate, "1988-04-02");
    ASSERT_EQ(zhang->posts.size(), 2U);
    EXPECT_EQ(zhang->posts[1].kind, "party_affairs");
    EXPECT_EQ(people.orgUnit(*zhang->orgUnitId)->code, "S01-C01-G01");
    EXPECT_EQ(zhang->posts[0].orgUnitId, zhang->orgUnitId);
    const auto ouyang = people.findByCode("JY-1003");
    EXPECT_EQ(ouyang->name, "欧阳晓燕");
    EXPECT_EQ(ouyang->gender, "f");
    EXPECT_EQ(people.orgUnit(*ouyang->orgUnitId)->code, "S01-C02");
    EXPECT_EQ(people.findByCode("JY-1005")->name, "王,丽");
    EXPECT_FALSE(people.findByCode("JY-1005")->orgUnitId);
    EXPECT_EQ(audit().entries, before.entries + 7 + 5); // one entry per org unit and per person

    // A second roster finds the units by kind, name and parent, and numbers new ones after them.
    const auto more = importRoster("code,name,street,community\nJY-2001,赵敏,新建街道,民主社区\nJY-"
                                   "2002,孙丽,新建街道,西山社区\n");
    ASSERT_TRUE(more.ok());
    EXPECT_EQ(more.orgUnitsCreated, 1U);
    EXPECT_EQ(people.orgUnit(*people.findByCode("JY-2002")->orgUnitId)->code, "S01-C03");
}

TEST_F(Imports, ADuplicateStaffNumberIsNamedByLine) {
    const auto before = audit();
    const auto report = importRoster("code,name,posts\n"
                                     "JY-3001,周杰,social_worker\n"
                                     "JY-0007,吴敏,social_worker\n" // already in the database
                                     "JY-3001,郑爽,social_worker\n" // twice in the file
                                     "JY-3002,冯巩,socialworker\n");
    EXPECT_EQ(linesOf(report), (std::vector<std::uint64_t>{3, 4, 5}));
    ASSERT_EQ(report.problems.size(), 3U);
    EXPECT_EQ(report.problems[0].message.en, "staff number JY-0007 is already in the database "
                                             "(imports add people; they do not update them)");
    EXPECT_EQ(report.problems[1].message.en, "staff number JY-3001 is also on line 2");
    EXPECT_EQ(report.problems[1].message.zh, "工号 JY-3001 与第 2 行重复");
    EXPECT_EQ(report.problems[2].message.en,
              "unknown post 'socialworker'; did you mean 'social_worker'?");
    EXPECT_EQ(count("people"), kWorkers + 1);
    EXPECT_EQ(audit().head, before.head);
}

TEST_F(Imports, ARosterDryRunWritesNothing) {
    const auto before = audit();
    const auto report = importRoster(kRoster, true);
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.rows, 5U);
    EXPECT_EQ(report.orgUnitsCreated, 7U);
    EXPECT_EQ(count("people"), kWorkers + 1);
    EXPECT_EQ(count("org_units"), 0);
    EXPECT_EQ(audit().head, before.head);
}

} // namespace

namespace {

TEST_F(Imports, ARosterCellWithAControlOrHiddenCharacterIsNamedByLineAndNothingIsWritten) {
    const auto before = audit();
    std::string roster = "code,name,street\n";
    roster += "JY-4001,周杰,新建街道\n";
    roster += std::string("JY-4002,吴") + '\x01' + "敏,新建街道\n"; // a control character
    roster += "JY-4003,郑爽,新建\xE2\x80\xAE街道\n";                // a bidi override
    roster += "JY-4004,\xE9\x99\x88,\n";                            // fine: 陈
    const auto report = importRoster(roster);
    EXPECT_EQ(linesOf(report), (std::vector<std::uint64_t>{3, 4}));
    ASSERT_EQ(report.problems.size(), 2U);
    EXPECT_EQ(report.problems[0].message.en,
              "the name column contains the control character U+0001 (character 2), which is "
              "not allowed");
    EXPECT_EQ(report.problems[1].message.zh,
              "street 列含有不允许的不可见字符 U+202E（第 3 个字符）");
    EXPECT_EQ(count("people"), kWorkers + 1);
    EXPECT_EQ(audit().head, before.head);
}

TEST_F(Imports, ARosterKeepsNamesComposedAndTrimmed) {
    // "José" typed with a combining accent, and an ideographic space after a name.
    const auto report = importRoster("code,name,street\n"
                                     "JY-4101,Jose\xCC\x81,新建街道\n"
                                     "JY-4102,欧阳晓燕\xE3\x80\x80, 新建街道 \n");
    ASSERT_TRUE(report.ok()) << report.problems.front().message.en;
    auto r = t_.db->read();
    store::PeopleRepository people(*r);
    EXPECT_EQ(people.findByCode("JY-4101")->name, "Jos\xC3\xA9");
    EXPECT_EQ(people.findByCode("JY-4102")->name, "欧阳晓燕");
    EXPECT_EQ(report.orgUnitsCreated, 2U); // the district and one street, not two
}

} // namespace
