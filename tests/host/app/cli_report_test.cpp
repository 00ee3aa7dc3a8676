// `yanzhen report licensure` on the demo district (init --demo, the real plugins and courses):
// the district's two headline figures, by street, month by month and as a CSV file, each
// checked against a count made here from the raw records with SQL of the test's own, and the
// CSV read back with Python's csv module, as a spreadsheet user's tools would read it.

#include "RunCommand.hpp"
#include "TempDatabase.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <yanzhen/date.hpp>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

using yanzhen::testsupport::runCommand;
using yanzhen::testsupport::TempFolder;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
const std::string kToday = "2026-11-28";

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

/// The credential reading written out again in SQL, independently of the host: per person and
/// credential the latest current record recorded and valid from on or before the day decides;
/// the national certificate counts unless that record is revoked, the licence only while
/// active and not past its end. Posts filled on the day; `street` narrows to one street's.
const char* const kHeldSql = R"SQL(
WITH units AS (
  SELECT u.id, CASE WHEN u.kind = 'street' THEN u.id
                    WHEN p1.kind = 'street' THEN p1.id
                    WHEN p2.kind = 'street' THEN p2.id END AS street
    FROM org_units u LEFT JOIN org_units p1 ON p1.id = u.parent_id
                     LEFT JOIN org_units p2 ON p2.id = p1.parent_id),
filled AS (
  SELECT s.person_id, un.street FROM posts s JOIN people p ON p.id = s.person_id
    LEFT JOIN units un ON un.id = COALESCE(s.org_unit_id, p.org_unit_id)
   WHERE s.kind = :post AND (s.started_on IS NULL OR s.started_on = '' OR s.started_on <= :date)
     AND (s.ended_on IS NULL OR s.ended_on = '' OR s.ended_on > :date)),
rec AS (
  SELECT e.person_id, e.ref, e.id, json_extract(e.fields, '$.status') AS status,
         json_extract(e.fields, '$.valid_until') AS until
    FROM evidence e
   WHERE e.kind = 'credential' AND e.course_id IS NULL AND e.day <= :day
     AND json_extract(e.fields, '$.valid_from') <= :date
     AND NOT EXISTS (SELECT 1 FROM evidence c WHERE c.supersedes = e.id)),
latest AS (
  SELECT r.* FROM rec r
   WHERE r.id = (SELECT max(x.id) FROM rec x WHERE x.person_id = r.person_id AND x.ref = r.ref))
SELECT count(*), (SELECT count(*) FROM filled WHERE :street IS NULL OR street = :street)
  FROM filled f
 WHERE (:street IS NULL OR f.street = :street) AND EXISTS (
   SELECT 1 FROM latest l WHERE l.person_id = f.person_id AND (
     (:group = 'national' AND l.ref LIKE 'national\_%' ESCAPE '\' AND l.status <> 'revoked') OR
     (:group = 'district_licence' AND l.ref = 'district_licence' AND l.status = 'active'
      AND (l.until IS NULL OR l.until >= :date))))
)SQL";

class CliReport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = std::make_unique<TempFolder>();
        db_ = (*folder_ / "demo.db").string();
        const auto r = runCommand(kYanzhen, {"init", "--demo", "--db", db_, "--date", kToday},
                                  YANZHEN_SOURCE_DIR);
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }
    static void TearDownTestSuite() { folder_.reset(); }

    static yanzhen::testsupport::CommandResult report(std::vector<std::string> args) {
        args.insert(args.begin(), {"report", "licensure"});
        for (const std::string& extra : std::vector<std::string>{"--db", db_, "--date", kToday})
            args.push_back(extra);
        return runCommand(kYanzhen, args, folder_->path());
    }

    /// {holders, posts} of `post` for `group` on the test day, counted from the raw records.
    static std::pair<long, long> rawCount(const std::string& post, const std::string& group,
                                          std::optional<long> street = std::nullopt) {
        sqlite3* db = nullptr;
        EXPECT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, kHeldSql, -1, &st, nullptr), SQLITE_OK)
            << sqlite3_errmsg(db);
        const auto text = [&](const char* name, const std::string& value) {
            sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, name), value.c_str(), -1,
                              SQLITE_TRANSIENT);
        };
        text(":post", post);
        text(":group", group);
        text(":date", kToday);
        sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":day"), *yanzhen::parseDay(kToday));
        if (street) sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":street"), *street);
        EXPECT_EQ(sqlite3_step(st), SQLITE_ROW) << sqlite3_errmsg(db);
        const std::pair<long, long> out{sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
        sqlite3_finalize(st);
        sqlite3_close(db);
        return out;
    }

    /// `post`'s figures in a JSON array of post figures: {holders of `group`, posts}.
    static std::pair<long, long> figures(const Poco::JSON::Array::Ptr& posts,
                                         const std::string& post, const std::string& group) {
        for (std::size_t i = 0; i < posts->size(); ++i) {
            const auto p = posts->getObject(static_cast<unsigned>(i));
            if (p->getValue<std::string>("post") != post) continue;
            const auto credentials = p->getArray("credentials");
            for (std::size_t j = 0; j < credentials->size(); ++j) {
                const auto c = credentials->getObject(static_cast<unsigned>(j));
                if (c->getValue<std::string>("group") == group)
                    return {c->getValue<long>("holders"), p->getValue<long>("posts")};
            }
        }
        ADD_FAILURE() << "no " << post << " / " << group;
        return {-1, -1};
    }

    static inline std::unique_ptr<TempFolder> folder_;
    static inline std::string db_;
};

TEST_F(CliReport, TheDemoDistrictsHeadlineFiguresAgreeWithACountFromTheRawRecords) {
    const auto r = report({"--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto o = parseObject(r.out);
    EXPECT_EQ(o->getValue<std::string>("date"), kToday);
    const auto totals = o->getArray("totals");
    // Nearly half of the 65 social-worker posts hold the national certificate.
    const auto national = figures(totals, "social_worker", "national");
    EXPECT_EQ(national.second, 65);
    EXPECT_EQ(national, rawCount("social_worker", "national"));
    EXPECT_GE(national.first, 26);
    EXPECT_LE(national.first, 36);
    // The 62 Party-affairs workers and the licence to work; the target is full coverage.
    const auto licensed = figures(totals, "party_affairs", "district_licence");
    EXPECT_EQ(licensed.second, 62);
    EXPECT_EQ(licensed, rawCount("party_affairs", "district_licence"));
    EXPECT_GT(licensed.first, 0);
    for (std::size_t i = 0; i < totals->size(); ++i) {
        const auto p = totals->getObject(static_cast<unsigned>(i));
        if (p->getValue<std::string>("post") != "party_affairs") continue;
        const auto target = p->getObject("target");
        ASSERT_TRUE(target);
        EXPECT_EQ(target->getValue<double>("share"), 1.0);
        EXPECT_EQ(target->getValue<bool>("met"), licensed.first == 62);
    }
    // The table says the same in Chinese.
    const auto table = report({"--lang", "zh"});
    ASSERT_EQ(table.exitCode, 0) << table.err;
    EXPECT_NE(table.out.find("社工岗"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find(std::to_string(national.first) + "/65"), std::string::npos)
        << table.out;
    EXPECT_NE(table.out.find(std::to_string(licensed.first) + "/62"), std::string::npos);
    EXPECT_NE(table.out.find("持证上岗资格"), std::string::npos);
}

TEST_F(CliReport, ByStreetEveryStreetAgreesWithTheRawRecordsAndTheyAddUpToTheDistrict) {
    const auto r = report({"--by", "street", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto o = parseObject(r.out);
    const auto units = o->getArray("units");
    EXPECT_EQ(units->size(), 10U) << "the district's ten towns and streets";
    long posts = 0;
    long holders = 0;
    for (std::size_t i = 0; i < units->size(); ++i) {
        const auto u = units->getObject(static_cast<unsigned>(i));
        const auto unit = u->getObject("unit");
        ASSERT_TRUE(unit) << "every demo post is in a street";
        EXPECT_EQ(unit->getValue<std::string>("kind"), "street");
        const auto f = figures(u->getArray("posts"), "social_worker", "national");
        EXPECT_EQ(f, rawCount("social_worker", "national", unit->getValue<long>("id")))
            << unit->getValue<std::string>("name");
        holders += f.first;
        posts += f.second;
    }
    EXPECT_EQ(std::make_pair(holders, posts),
              figures(o->getArray("totals"), "social_worker", "national"));
}

TEST_F(CliReport, TheCsvFileReadsBackInPythonsCsvModuleWithTheSameFigures) {
    const auto csvFile = (*folder_ / "持证率.csv").string();
    const auto r = report({"--by", "community", "--csv", csvFile, "--lang", "zh"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream in(csvFile, std::ios::binary);
    std::string head(3, '\0');
    in.read(head.data(), 3);
    EXPECT_EQ(head, "\xEF\xBB\xBF") << "a byte-order mark, for Excel";
    // Python reads it as a spreadsheet would: the header, then one record per unit, post and
    // credential; the district's social-worker row gives the headline figure.
    const std::string script = R"PY(
import csv, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    rows = list(csv.DictReader(f))
print(len(rows))
for r in rows:
    if r['单位'] == '全区' and r['岗位代码'] == 'social_worker' and r['证书代码'] == 'national':
        print(r['岗位'], r['在岗'], r['持证'], r['比例'], r['证书'])
communities = {r['单位代码'] for r in rows if r['单位代码']}
print(len(communities))
)PY";
    const auto py = runCommand("python3", {"-c", script, csvFile}, folder_->path());
    ASSERT_EQ(py.exitCode, 0) << py.err;
    std::istringstream lines(py.out);
    std::string count, headline, communities;
    std::getline(lines, count);
    std::getline(lines, headline);
    std::getline(lines, communities);
    const auto national = rawCount("social_worker", "national");
    char share[16];
    std::snprintf(share, sizeof share, "%.4f", static_cast<double>(national.first) / 65);
    EXPECT_EQ(headline, "社工岗 65 " + std::to_string(national.first) + " " + share +
                            " 社工师证（任一级别）");
    EXPECT_EQ(communities, "31") << "the district's 31 communities";
    EXPECT_GT(std::stoi(count), 31 * 2);
}

TEST_F(CliReport, TheWorkbookOpensInOpenpyxlWithRealNumbersPercentagesAndDates) {
    const auto book = (*folder_ / "licensure.xlsx").string();
    const auto r = report({"--by", "street", "--xlsx", book, "--lang", "en"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // openpyxl (Debian's python3-openpyxl, for Debian's python3) reads it as Excel would.
    const std::string script = R"PY(
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
print(ws.title, ws.freeze_panes, ws.auto_filter.ref is not None)
header = [c.value for c in ws[1]]
print(header[0], header[6], header[10], all(c.font.bold for c in ws[1]))
for row in ws.iter_rows(min_row=2, values_only=False):
    v = {header[i]: c for i, c in enumerate(row)}
    if v['unit'].value == 'district' and v['post_code'].value == 'social_worker'             and v['credential_code'].value == 'national':
        print(type(v['date'].value).__name__, v['date'].value.date().isoformat(),
              type(v['posts'].value).__name__, v['posts'].value, v['holders'].value,
              type(v['share'].value).__name__, v['share'].number_format)
    if v['unit'].value == 'district' and v['post_code'].value == 'party_affairs':
        print(type(v['target_met'].value).__name__, v['target_met'].value, v['target_share'].value)
print(len({r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[1]}))
)PY";
    const auto py = runCommand("/usr/bin/python3", {"-c", script, book}, folder_->path());
    ASSERT_EQ(py.exitCode, 0) << py.err;
    std::istringstream lines(py.out);
    std::vector<std::string> got;
    for (std::string line; std::getline(lines, line);)
        got.push_back(line);
    ASSERT_EQ(got.size(), 5U) << py.out;
    EXPECT_EQ(got[0], "licensure A2 True");
    EXPECT_EQ(got[1], "date posts share True");
    const auto national = rawCount("social_worker", "national");
    EXPECT_EQ(got[2],
              "datetime " + kToday + " int 65 " + std::to_string(national.first) + " float 0.0%");
    const auto licensed = rawCount("party_affairs", "district_licence");
    EXPECT_EQ(got[3], std::string("bool ") + (licensed.first == 62 ? "True" : "False") + " 1");
    EXPECT_EQ(got[4], "10") << "the district's ten streets";
}

TEST_F(CliReport, MonthByMonthTheLastPointIsTheDayAndEveryOtherAMonthsEnd) {
    const auto r = report({"--months", "12", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto points = parseObject(r.out)->getArray("points");
    ASSERT_EQ(points->size(), 12U);
    EXPECT_EQ(points->getObject(0)->getValue<std::string>("date"), "2025-12-31");
    EXPECT_EQ(points->getObject(10)->getValue<std::string>("date"), "2026-10-31");
    EXPECT_EQ(points->getObject(11)->getValue<std::string>("date"), kToday);
    EXPECT_EQ(figures(points->getObject(11)->getArray("totals"), "social_worker", "national"),
              rawCount("social_worker", "national"));
}

TEST_F(CliReport, ABadGroupingOrMonthCountIsAUsageError) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--by", "province"}, {"--months", "0"}, {"--months", "x"}, {"--months", "121"}}) {
        const auto r = report(args);
        EXPECT_EQ(r.exitCode, 2) << args[0] << " " << args[1] << ": " << r.out;
        EXPECT_FALSE(r.err.empty());
    }
}

} // namespace
