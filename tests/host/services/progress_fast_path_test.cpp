// The fast progress path gives what the plain one gave: the answer written directly is the same
// bytes as the Poco::JSON objects; the small field decoder gives what the full parser gives; a
// full recompute counts what asking each worker in turn counts; and a reader's kept statements
// see rows another process wrote. On the demo district, made by the real binary, with the real
// plugins and the shipped courses.

#include "RunCommand.hpp"
#include "TempDatabase.hpp"

#include "courses/Course.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/evidence/CanonicalFields.hpp"
#include "services/evidence/EvidenceFields.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressService.hpp"
#include "store/sqlite/EvidenceRepository.hpp"
#include "store/sqlite/ProgressReads.hpp"
#include "json/DescribeProgress.hpp"
#include "json/JsonWriter.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <set>
#include <sstream>

using namespace yanzhen;
using yanzhen::testsupport::runCommand;
using yanzhen::testsupport::TempFolder;
namespace fs = std::filesystem;

namespace {

const char* const kDate = "2026-11-28";
const std::int32_t kToday = *parseDay(kDate);

std::string stringify(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

class ProgressFastPath : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = new TempFolder;
        file_ = new fs::path(*folder_ / "demo.db");
        const auto r = runCommand(YANZHEN_BINARY, {"init", "--demo", "--seed", "3", "--date", kDate,
                                                   "--db", file_->string()});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        registry_ = new plugins::PluginRegistry;
        registry_->discover({fs::path(YANZHEN_PLUGIN_DIR)});
    }
    static void TearDownTestSuite() {
        delete registry_;
        delete file_;
        delete folder_;
    }

    void SetUp() override {
        db_ = store::Database::open(*file_);
        store_ = std::make_unique<store::SqliteStore>(*db_);
        versions_ = std::make_unique<services::CourseVersions>(*store_, *registry_);
    }

    std::vector<store::Id> enrolled() {
        auto r = db_->read();
        std::set<store::Id> people;
        for (const auto& [person, cohort] : store::ProgressReads(r).enrolments())
            people.insert(person);
        return {people.begin(), people.end()};
    }

    static inline TempFolder* folder_ = nullptr;
    static inline fs::path* file_ = nullptr;
    static inline plugins::PluginRegistry* registry_ = nullptr;
    std::shared_ptr<store::Database> db_;
    std::unique_ptr<store::SqliteStore> store_;
    std::unique_ptr<services::CourseVersions> versions_;
};

TEST_F(ProgressFastPath, DirectJsonIsThePocoJsonByteForByte) {
    services::ProgressService service(*store_, *versions_);
    const auto people = enrolled();
    ASSERT_GT(people.size(), 50U);
    std::size_t compared = 0;
    for (const auto person : people)
        for (const auto& p : service.forPerson(person, kToday)) {
            std::string direct;
            json::JsonWriter w(direct);
            json::writeJson(w, p);
            ASSERT_EQ(direct, stringify(json::describe(p))) << "worker " << person;
            ++compared;
        }
    EXPECT_GE(compared, people.size());
}

TEST_F(ProgressFastPath, DirectJsonEscapesAsPocoDoes) {
    for (const std::string s : {"plain", "引号\"和\\反斜杠", "tab\there", "line\nbreak", "a/b",
                                "\x01\x1f", "", "é ü 学时"}) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("k", s);
        o->set(s.empty() ? "z" : s, 1.5);
        std::string direct;
        json::JsonWriter w(direct);
        w.beginObject();
        // Poco writes keys sorted; write them in that order.
        if (std::string("k") < (s.empty() ? "z" : s)) {
            w.key("k").value(s).key(s.empty() ? "z" : s).value(1.5);
        } else {
            w.key(s).value(1.5).key("k").value(s);
        }
        w.endObject();
        EXPECT_EQ(direct, stringify(o)) << s;
    }
}

TEST_F(ProgressFastPath, FieldDecoderGivesWhatTheFullParserGives) {
    // Every stored row of the demo district, decoded both ways.
    std::size_t rows = 0;
    services::ProgressService service(*store_, *versions_);
    auto r = db_->read();
    std::vector<store::EvidenceRow> all;
    for (const auto person : enrolled())
        store::ProgressReads(r).current(person, "touyan-linghang", all);
    for (const auto& plugin : registry_->plugins())
        for (const auto& kind : plugin->info.kinds)
            for (const auto& row : all)
                if (row.kind == kind.id) {
                    EXPECT_EQ(services::decodeCanonical(kind, row.fields),
                              services::decode(kind, row.fields))
                        << row.fields;
                    ++rows;
                }
    EXPECT_GT(rows, 500U);

    // Text the small decoder does not take goes to the full parser, with the same result.
    EvidenceKind kind;
    kind.id = "k";
    kind.fields = {Field{"n", FieldType::Integer}, Field{"x", FieldType::Number},
                   Field{"t", FieldType::Text},    Field{"d", FieldType::Date},
                   Field{"s", FieldType::Scores},  Field{"b", FieldType::Boolean}};
    for (const std::string json :
         {R"({"n":3,"x":2.5,"t":"好","d":"2026-01-02","s":{"a":1,"b":2.5},"b":true})",
          R"({"t":"say \"hi\"\n"})", R"({"n":3.5})", R"({"n":"3"})", R"({"x":1e3})",
          R"({"unknown":1,"n":2})", R"({"s":{"b":1,"a":2}})", R"({"n":01})", R"({"b":false})",
          R"({"n":99999999999999999999})", R"(not json)", R"({})", R"( { "n" : 4 } )"})
        EXPECT_EQ(services::decodeCanonical(kind, json), services::decode(kind, json)) << json;
}

TEST_F(ProgressFastPath, CheckedFieldsAreTheBytesPocoWrites) {
    // Canonical field JSON is written directly now; it must stay the bytes Poco::JSON wrote for
    // the same values (stored rows, certificates and the audit chain hash them). Poco reading
    // it and writing it again must give it back unchanged: every demo row...
    auto poco = [](const std::string& json) {
        return stringify(Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>());
    };
    auto r = db_->read();
    std::vector<store::EvidenceRow> all;
    for (const auto person : enrolled())
        store::ProgressReads(r).current(person, "touyan-linghang", all);
    ASSERT_GT(all.size(), 500U);
    for (const auto& row : all)
        EXPECT_EQ(row.fields, poco(row.fields));

    // ...and awkward values typed into a form or a CSV cell.
    EvidenceKind kind;
    kind.id = "k";
    kind.fields = {Field{"n", FieldType::Integer}, Field{"x", FieldType::Number},
                   Field{"t", FieldType::Text},    Field{"d", FieldType::Date},
                   Field{"s", FieldType::Scores},  Field{"b", FieldType::Boolean}};
    for (auto& f : kind.fields)
        f.required = false;
    for (const std::map<std::string, std::string>& typed :
         std::vector<std::map<std::string, std::string>>{
             {{"n", "-42"}, {"x", "0.1"}, {"t", "a/b \"引号\" \\ 学时\n"}, {"b", "yes"}},
             {{"x", "1e21"}, {"s", "b=1;a=2.5;中=0.30000000000000004"}, {"d", "2024-02-29"}},
             {{"n", "9007199254740993"}, {"x", "-0"}, {"t", "tab\there \u2603 \u00e9"}},
             {{"x", "123456789.125"}, {"s", "only=100"}, {"b", "false"}}}) {
        const auto checked = services::checkText(kind, typed);
        ASSERT_TRUE(checked.ok()) << checked.problems.front().message.en;
        EXPECT_EQ(checked.json, poco(checked.json));
    }
}

TEST_F(ProgressFastPath, TheFastReadsKeepTheRowsNoCorrectionReplaced) {
    // On a copy of the demo district, correct rows of several workers (one of them twice, and
    // a ranked contest entry), then compare the fast reads with the repository's, which ask
    // SQLite for every row that no other row supersedes.
    const fs::path copy = *folder_ / "corrected.db";
    db_->backup(copy);
    auto db = store::Database::open(copy);
    const auto people = enrolled();
    ASSERT_GT(people.size(), 20U);
    std::vector<store::Id> corrected;
    db->write("test", [&](store::WriteTransaction& tx) {
        store::EvidenceRepository repo(tx.session());
        for (std::size_t i = 0; i < people.size(); i += people.size() / 8) {
            const auto rows = repo.current(people[i], "touyan-linghang");
            if (rows.size() < 2) continue;
            auto row = rows[1]; // the second: the first and the rest stay current
            const auto id = repo.supersede(tx, row.id, row, "corrected in a test");
            corrected.push_back(row.id);
            if (corrected.size() == 1) { // corrected again: only the newest counts
                corrected.push_back(id);
                repo.supersede(tx, id, row, "corrected twice");
            }
        }
        const auto entries = repo.currentForCohort(1, "touyan-linghang", "contest");
        if (!entries.empty()) {
            repo.supersede(tx, entries.front().id, entries.front(), "a judge's correction");
            corrected.push_back(entries.front().id);
        }
    });
    ASSERT_GE(corrected.size(), 6U);

    auto ids = [](const std::vector<store::EvidenceRow>& rows) {
        std::vector<store::Id> out;
        for (const auto& r : rows)
            out.push_back(r.id);
        return out;
    };
    auto r = db->read();
    store::EvidenceRepository repo(*r);
    store::ProgressReads fast(r);
    std::size_t compared = 0;
    for (const auto person : people)
        for (const std::string course : {"touyan-linghang", "national-social-worker"}) {
            std::vector<store::EvidenceRow> rows;
            fast.current(person, course, rows);
            EXPECT_EQ(ids(rows), ids(repo.current(person, course))) << person << " " << course;
            compared += rows.size();
        }
    for (store::Id cohort = 1; cohort <= 4; ++cohort) {
        std::vector<store::EvidenceRow> rows;
        fast.currentForCohort(cohort, "touyan-linghang", "contest", rows);
        EXPECT_EQ(ids(rows), ids(repo.currentForCohort(cohort, "touyan-linghang", "contest")))
            << "cohort " << cohort;
    }
    // The recompute's stream: each person once, their current rows oldest first.
    std::size_t streamed = 0;
    fast.forEachEnrolledCurrent(0, INT64_MAX, std::nullopt, [&](auto& rows) {
        const auto person = rows.front().personId;
        std::vector<store::EvidenceRow> all = repo.current(person, "touyan-linghang");
        for (auto& row : repo.current(person, "national-social-worker"))
            if (row.courseId) all.push_back(row); // personal rows came with the first
        std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.id < b.id; });
        EXPECT_EQ(ids(rows), ids(all)) << person;
        streamed += rows.size();
    });
    EXPECT_GT(compared, 1000U);
    EXPECT_GT(streamed, 1000U);
    for (const auto id : corrected) {
        bool seen = false;
        fast.forEachEnrolledCurrent(0, INT64_MAX, std::nullopt, [&](auto& rows) {
            for (const auto& row : rows)
                seen = seen || row.id == id;
        });
        EXPECT_FALSE(seen) << "corrected row " << id << " still read as current";
    }
}

TEST_F(ProgressFastPath, RecomputeAllCountsWhatAskingEachWorkerCounts) {
    services::ProgressService service(*store_, *versions_);
    std::map<std::pair<std::string, std::string>, std::array<std::size_t, 4>> expected;
    std::size_t evaluations = 0;
    const auto people = enrolled();
    for (const auto person : people)
        for (const auto& p : service.forPerson(person, kToday)) {
            ++evaluations;
            for (const auto& [name, outcome] : p.progress.sets)
                ++expected[{p.course->id, name}][static_cast<std::size_t>(outcome.status)];
        }
    for (const unsigned threads : {1U, 2U, 3U}) {
        services::RecomputeOptions options;
        options.today = kToday;
        options.threads = threads;
        const auto summary = service.recomputeAll(options);
        EXPECT_EQ(summary.workers, people.size()) << threads;
        EXPECT_EQ(summary.evaluations, evaluations) << threads;
        EXPECT_EQ(summary.statuses, expected) << threads;
    }
    // Each result seen is the one forPerson gives (the same outcome tree, as JSON).
    services::RecomputeOptions options;
    options.today = kToday;
    std::mutex mutex;
    std::size_t seen = 0;
    service.recomputeAll(options, [&](store::Id person, const services::CohortProgress& p) {
        std::lock_guard lock(mutex);
        if (++seen % 7 != 0) return; // a sample keeps the test quick
        for (const auto& q : service.forPerson(person, kToday)) {
            if (q.cohort.id == p.cohort.id) {
                EXPECT_EQ(stringify(json::describe(p)), stringify(json::describe(q)));
            }
        }
    });
    EXPECT_EQ(seen, evaluations);
}

TEST_F(ProgressFastPath, KeptStatementsSeeAnotherProcesssWrites) {
    services::ProgressService service(*store_, *versions_);
    const store::Id person = enrolled().front();
    const auto before = service.forPerson(person, kToday);
    ASSERT_FALSE(before.empty());
    // Another process records an attendance at a session of the worker's cohort.
    const auto cohort = before.front().cohort;
    std::size_t rowsBefore = 0;
    {
        auto r = db_->read();
        std::vector<store::EvidenceRow> rows;
        store::ProgressReads(r).current(person, "touyan-linghang", rows);
        rowsBefore = rows.size();
    }
    const auto result = runCommand(YANZHEN_BINARY, {"evidence", "record",
                                                    "--worker", std::to_string(person),
                                                    "--course", "touyan-linghang",
                                                    "--module", "contest",
                                                    "--kind",   "entry",
                                                    "--ref",    "skills",
                                                    "--field",  "round=final",
                                                    "--field",  "score=99",
                                                    "--date",   kDate,
                                                    "--db",     file_->string()});
    ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
    auto r = db_->read();
    std::vector<store::EvidenceRow> rows;
    store::ProgressReads(r).current(person, "touyan-linghang", rows);
    EXPECT_EQ(rows.size(), rowsBefore + 1);
    std::vector<store::EvidenceRow> cohortRows;
    store::ProgressReads(r).currentForCohort(cohort.id, "touyan-linghang", "contest", cohortRows);
    EXPECT_TRUE(std::any_of(cohortRows.begin(), cohortRows.end(), [&](const auto& row) {
        return row.personId == person && row.fields.find("99") != std::string::npos;
    }));
}

TEST_F(ProgressFastPath, ProgressAllOnTheCommandLine) {
    const auto people = enrolled();
    const auto r = runCommand(
        YANZHEN_BINARY, {"progress", "--all", "--json", "--date", kDate, "--db", file_->string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto o = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(o->getValue<std::size_t>("workers"), people.size());
    std::size_t completion = 0;
    const auto sets = o->getArray("sets");
    for (std::size_t i = 0; i < sets->size(); ++i) {
        const auto s = sets->getObject(static_cast<unsigned>(i));
        if (s->getValue<std::string>("set") != "completion") continue;
        completion = s->getValue<std::size_t>("met") + s->getValue<std::size_t>("in_progress") +
                     s->getValue<std::size_t>("unmet") + s->getValue<std::size_t>("waived");
    }
    EXPECT_EQ(completion, people.size());

    const auto text = runCommand(YANZHEN_BINARY, {"progress", "--all", "--lang", "en", "--date",
                                                  kDate, "--db", file_->string()});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("completion"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Took "), std::string::npos) << text.out;

    const auto bad =
        runCommand(YANZHEN_BINARY, {"progress", "--all", "JY-0001", "--db", file_->string()});
    EXPECT_EQ(bad.exitCode, 2);
}

} // namespace
