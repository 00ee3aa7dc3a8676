// The demo district as a person exploring it would check it: the district's counts, the same
// data for the same seed, a schedule without clashes, the national certificate on nearly half
// of the social-worker posts, and the suggested people in the states the summary names. Real
// database files, the shipped courses, the real plugins.

#include "TempDatabase.hpp"

#include "courses/CourseCatalog.hpp"
#include "demo/DemoData.hpp"
#include "demo/DemoOutcome.hpp"
#include "services/DatabaseSetup.hpp"
#include "services/progress/ProgressService.hpp"
#include "services/scheduling/SchedulingService.hpp"
#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/EvidenceRepository.hpp"
#include "store/sqlite/PeopleRepository.hpp"
#include "store/sqlite/SessionRepository.hpp"

#include <yanzhen/date.hpp>

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace yanzhen;
using yanzhen::testsupport::TempDatabase;
namespace fs = std::filesystem;

namespace {

const char* const kDate = "2026-11-28";
const std::int32_t kToday = *parseDay(kDate);
constexpr std::size_t kAll = 100000;

/// A database holding the demo district of one seed, with what it takes to read it back.
struct DemoDatabase {
    DemoDatabase(plugins::PluginRegistry& registry, const courses::CourseCatalog& catalog,
                 std::uint64_t seed, std::int32_t day = kToday)
        : versions(t.store, registry), today(day) {
        const auto course = catalog.find(demo::kDemoCourse);
        t.store.write("test", [&](store::WriteUnit& unit) {
            const auto setup = services::prepareDatabase(unit, versions, catalog);
            summary =
                demo::populateDemo(unit, setup.district, *course, course->hash, {seed, today});
        });
    }
    store::Database& db() { return *t.db; }
    store::Store& records() { return t.store; }

    const demo::DemoSuggestion& suggestion(const std::string& state) const {
        for (const auto& s : summary.suggestions)
            if (s.state == state) return s;
        throw std::runtime_error("no suggestion " + state);
    }
    store::Person person(const std::string& code) {
        auto r = db().read();
        return *store::PeopleRepository(*r).findByCode(code);
    }
    /// The person's newest cohort, evaluated on the day.
    services::CohortProgress progressOf(const std::string& code) {
        services::ProgressService service(records(), versions);
        auto all = service.forPerson(person(code).id, today);
        if (all.empty()) throw std::runtime_error(code + " is in no cohort");
        return all.front();
    }

    TempDatabase t;
    services::CourseVersions versions;
    std::int32_t today;
    demo::DemoSummary summary;
};

/// What the summary says of each suggested person holds in the records.
void expectSuggestionsTrue(DemoDatabase& demo) {
    ASSERT_EQ(demo.summary.suggestions.size(), 5U);

    const auto certified = demo.progressOf(demo.suggestion("national_certificate").code);
    EXPECT_TRUE(certified.progress.sets.at("completion").satisfied());
    const auto& viaEquivalence = certified.progress.sets.at("licence_to_practise");
    EXPECT_TRUE(viaEquivalence.satisfied());
    EXPECT_TRUE(std::any_of(viaEquivalence.children.begin(), viaEquivalence.children.end(),
                            [](const auto& c) { return c.status == rules::Status::Waived; }));

    const auto licensed = demo.progressOf(demo.suggestion("licensed").code);
    EXPECT_EQ(licensed.progress.sets.at("licence_to_practise").status, rules::Status::Met);

    const auto& learner = demo.suggestion("in_progress");
    const auto underWay = demo.progressOf(learner.code);
    EXPECT_EQ(underWay.cohort.code, "TY-5");
    EXPECT_FALSE(underWay.progress.sets.at("licence_to_practise").satisfied())
        << "the licence tests are still ahead";
    {
        auto r = demo.db().read();
        EXPECT_FALSE(store::SessionRepository(*r)
                         .forPerson(demo.person(learner.code).id, formatDay(demo.today))
                         .empty())
            << "a next session to show";
    }

    const auto ethics = demo.progressOf(demo.suggestion("ethics_floor").code);
    const auto& completion = ethics.progress.sets.at("completion");
    EXPECT_FALSE(completion.satisfied());
    bool drillsExplained = false;
    for (const auto& c : completion.children)
        if (c.id == "drills") {
            EXPECT_FALSE(c.satisfied());
            drillsExplained = c.sentence.en.find("Ethics and safety") != std::string::npos &&
                              c.sentence.en.find("< 9") != std::string::npos;
        }
    EXPECT_TRUE(drillsExplained);

    const auto lapsed = demo.progressOf(demo.suggestion("lapsed").code);
    EXPECT_EQ(lapsed.progress.sets.at("licence_to_practise").status, rules::Status::Met);
}

class DemoDistrict : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = new plugins::PluginRegistry;
        registry_->discover({fs::path(YANZHEN_PLUGIN_DIR)});
        catalog_ = new courses::CourseCatalog;
        catalog_->discover({fs::path(YANZHEN_SOURCE_DIR) / "courses"},
                           courses::CourseLoader(*registry_));
        for (const auto& f : catalog_->failures())
            ADD_FAILURE() << f.file << " does not load";
        demo_ = new DemoDatabase(*registry_, *catalog_, 7);
    }
    static void TearDownTestSuite() {
        delete demo_;
        delete catalog_;
        delete registry_;
    }

    static store::Database& db() { return demo_->db(); }

    static std::size_t countPost(const std::string& post) {
        auto r = db().read();
        return store::PeopleRepository(*r).count(
            store::PeopleQuery{post, std::nullopt, "", kAll, 0});
    }

    static std::vector<store::Cohort> cohorts() {
        auto r = db().read();
        return store::CohortRepository(*r).list();
    }

    static std::vector<store::Session> sessions() {
        std::vector<store::Session> all;
        auto r = db().read();
        for (const auto& c : store::CohortRepository(*r).list()) {
            auto more = store::SessionRepository(*r).forCohort(c.id);
            all.insert(all.end(), more.begin(), more.end());
        }
        return all;
    }

    static inline plugins::PluginRegistry* registry_ = nullptr;
    static inline courses::CourseCatalog* catalog_ = nullptr;
    static inline DemoDatabase* demo_ = nullptr;
};

/// Everything the demo wrote, apart from the times rows were written at, hashed.
std::string digest(store::Database& db) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    auto add = [&](const std::string& s) {
        sha.update(s);
        sha.update('\x1f');
    };
    auto r = db.read();
    store::PeopleRepository people(*r);
    store::CohortRepository cohorts(*r);
    store::SessionRepository sessions(*r);
    store::EvidenceRepository evidence(*r);
    for (const auto& u : people.orgUnits())
        add(u.code + u.name + u.kind + std::to_string(u.parentId.value_or(0)));
    for (const auto& p : people.list(store::PeopleQuery{"", std::nullopt, "", kAll, 0})) {
        add(p.code + p.name + p.gender + p.birthDate + p.phone + p.education +
            std::to_string(p.orgUnitId.value_or(0)));
        for (const auto& post : p.posts)
            add(post.kind + std::to_string(post.orgUnitId.value_or(0)) + post.startedOn);
        for (const auto& e : evidence.history(p.id))
            add(std::to_string(e.id) + e.courseId.value_or("-") + e.module + e.kind + e.ref +
                std::to_string(e.day) + std::to_string(e.sessionId.value_or(0)) + e.fields +
                e.recordedBy);
    }
    for (const auto& c : cohorts.list()) {
        add(c.code + c.name + c.courseHash + c.startsOn + c.endsOn + std::to_string(c.capacity));
        for (auto t : cohorts.trainers(c.id))
            add("trainer " + std::to_string(t));
        for (auto m : cohorts.members(c.id))
            add("member " + std::to_string(m));
        for (const auto& s : sessions.forCohort(c.id))
            add(std::to_string(s.id) + s.module + s.templateId + s.startsAt + s.endsAt + s.place +
                std::to_string(s.trainerId.value_or(0)) + std::to_string(s.capacity) + s.status);
    }
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::set<std::string> names(store::Database& db) {
    auto r = db.read();
    std::set<std::string> out;
    for (const auto& p :
         store::PeopleRepository(*r).list(store::PeopleQuery{"", std::nullopt, "", kAll, 0}))
        out.insert(p.name);
    return out;
}

int ageOn(const std::string& birthDate, const std::string& day) {
    int age = std::stoi(day.substr(0, 4)) - std::stoi(birthDate.substr(0, 4));
    if (day.substr(5) < birthDate.substr(5)) --age;
    return age;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_F(DemoDistrict, HasTheDistrictsOrgUnitsAndPeople) {
    std::map<std::string, int> units;
    {
        auto r = db().read();
        for (const auto& u : store::PeopleRepository(*r).orgUnits())
            ++units[u.kind];
    }
    EXPECT_EQ(units["district"], 1);
    EXPECT_EQ(units["street"], 10);
    EXPECT_EQ(units["community"], 31);
    EXPECT_EQ(units["grid"], 177);

    EXPECT_EQ(countPost("social_worker"), 65U);
    EXPECT_EQ(countPost("committee_member"), 294U);
    EXPECT_EQ(countPost("governance_officer"), 31U);
    EXPECT_EQ(countPost("party_affairs"), 62U);
    EXPECT_GE(countPost("trainer"), 6U);
    EXPECT_LE(countPost("trainer"), 8U);
    EXPECT_EQ(demo_->summary.communities, 31U);
    EXPECT_EQ(demo_->summary.grids, 177U);

    // The 390 community workers: average age 37.41, 69.81 % with a bachelor's degree or more.
    auto r = db().read();
    int ages = 0;
    int degrees = 0;
    int workers = 0;
    for (const auto& p :
         store::PeopleRepository(*r).list(store::PeopleQuery{"", std::nullopt, "", kAll, 0})) {
        if (p.posts.front().kind == "trainer") continue;
        ++workers;
        ages += ageOn(p.birthDate, kDate);
        if (p.education == "本科" || p.education == "硕士") ++degrees;
        EXPECT_TRUE(p.code.rfind("JY-", 0) == 0 && p.code.size() == 7) << p.code;
    }
    EXPECT_EQ(workers, 390);
    EXPECT_NEAR(static_cast<double>(ages) / workers, 37.41, 0.05);
    EXPECT_NEAR(static_cast<double>(degrees) / workers, 0.6981, 0.01);
}

TEST_F(DemoDistrict, RunsFiveCohortsTheLastStillUnderWay) {
    const auto all = cohorts();
    ASSERT_EQ(all.size(), 5U);
    for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_EQ(all[k].code, "TY-" + std::to_string(k + 1));
        EXPECT_LT(all[k].endsOn, kDate) << all[k].code;
        // Spread over the last two and a half years.
        EXPECT_GE(*parseDay(all[k].startsOn), kToday - 950) << all[k].code;
    }
    EXPECT_EQ(all[4].code, "TY-5");
    EXPECT_LT(all[4].startsOn, kDate);
    EXPECT_GT(all[4].endsOn, kDate);

    std::size_t after = 0;
    std::size_t before = 0;
    std::set<std::string> templates;
    {
        auto r = db().read();
        for (const auto& s : store::SessionRepository(*r).forCohort(all[4].id)) {
            (s.startsAt.substr(0, 10) >= kDate ? after : before) += 1;
            templates.insert(s.templateId);
        }
        // Each cohort: about 13 of the social workers, some party-affairs workers, 1-2 trainers.
        store::CohortRepository repo(*r);
        std::size_t enrolled = 0;
        for (const auto& c : all) {
            enrolled += repo.members(c.id).size();
            EXPECT_GE(repo.trainers(c.id).size(), 1U);
            EXPECT_LE(repo.trainers(c.id).size(), 2U);
        }
        EXPECT_EQ(enrolled,
                  65U + 44U); // the social workers, and the party-affairs committee members
    }
    EXPECT_GT(after, 0U) << "cohort 5 has a next session";
    EXPECT_GT(before, 0U);
    EXPECT_EQ(templates.size(), 22U) << "every session template of the course is held";

    // Nothing is recorded for sessions that have not happened yet.
    auto r = db().read();
    store::EvidenceRepository evidence(*r);
    std::set<store::Id> ahead;
    for (const auto& s : store::SessionRepository(*r).forCohort(all[4].id))
        if (s.startsAt.substr(0, 10) >= kDate) ahead.insert(s.id);
    for (auto member : store::CohortRepository(*r).members(all[4].id))
        for (const auto& e : evidence.history(member)) {
            EXPECT_LT(e.day, kToday);
            if (e.sessionId) {
                EXPECT_EQ(ahead.count(*e.sessionId), 0U);
            }
        }
}

TEST_F(DemoDistrict, AnEndedCohortsSkillsContestIsOverForThoseBelowTheTopThree) {
    services::ProgressService service(demo_->records(), demo_->versions);
    std::map<std::string, std::map<rules::Status, int>> byCohort; // TY-n -> top-3 statuses
    std::set<store::Id> seen;
    for (const auto& c : cohorts()) {
        std::vector<store::Id> members;
        {
            auto r = db().read();
            members = store::CohortRepository(*r).members(c.id);
        }
        for (auto m : members) {
            if (!seen.insert(m).second) continue;
            for (const auto& p : service.forPerson(m, kToday)) {
                const auto& top3 = p.progress.sets.at("excellence");
                ++byCohort[p.cohort.code][top3.status];
                if (p.cohort.endsOn < kDate && !top3.satisfied()) {
                    EXPECT_EQ(top3.status, rules::Status::Unmet) << p.cohort.code;
                    EXPECT_NE(top3.sentence.zh.find("班次已于 " + p.cohort.endsOn + " 结束"),
                              std::string::npos)
                        << top3.sentence.zh;
                }
            }
        }
    }
    for (const char* ended : {"TY-1", "TY-2", "TY-3", "TY-4"}) {
        EXPECT_EQ(byCohort[ended][rules::Status::InProgress], 0) << ended;
        EXPECT_GT(byCohort[ended][rules::Status::Unmet], 0) << ended;
        EXPECT_GT(byCohort[ended][rules::Status::Met], 0) << ended << " had a podium";
    }
}

TEST_F(DemoDistrict, SchedulesWeekdaysInOfficeHoursWithoutClashes) {
    const auto all = sessions();
    ASSERT_EQ(all.size(), 110U);
    std::map<store::Id, std::set<store::Id>> members;
    {
        auto r = db().read();
        for (const auto& c : store::CohortRepository(*r).list())
            for (auto m : store::CohortRepository(*r).members(c.id))
                members[c.id].insert(m);
    }
    for (const auto& s : all) {
        const int weekday = static_cast<int>(((*parseDay(s.startsAt.substr(0, 10)) % 7) + 11) % 7);
        EXPECT_GE(weekday, 1) << s.startsAt;
        EXPECT_LE(weekday, 5) << s.startsAt;
        EXPECT_GE(s.startsAt.substr(11), "08:00");
        EXPECT_LE(s.endsAt.substr(11), "17:30");
        EXPECT_TRUE(s.trainerId.has_value());
    }
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j) {
            const auto& a = all[i];
            const auto& b = all[j];
            if (!(a.startsAt < b.endsAt && b.startsAt < a.endsAt)) continue;
            EXPECT_NE(a.trainerId, b.trainerId) << a.id << " and " << b.id << " share a trainer";
            EXPECT_NE(a.place, b.place) << a.id << " and " << b.id << " share a place";
            for (auto m : members[a.cohortId])
                EXPECT_EQ(members[b.cohortId].count(m), 0U)
                    << a.id << " and " << b.id << " share person " << m;
        }

    // The scheduler itself finds nothing wrong with any of them, apart from the session itself.
    services::SchedulingService scheduler(demo_->t.store, demo_->versions);
    for (const auto& s : all) {
        services::ScheduleRequest request;
        request.cohort = s.cohortId;
        request.templateId = s.templateId;
        request.startsAt = s.startsAt;
        request.endsAt = s.endsAt;
        request.place = s.place;
        request.trainer = s.trainerId;
        for (const auto& c : scheduler.check(request))
            EXPECT_EQ(c.session, std::optional<store::Id>(s.id))
                << "session " << s.id << ": " << c.message.en;
    }
}

TEST_F(DemoDistrict, NearlyHalfTheSocialWorkerPostsHoldTheNationalCertificate) {
    const auto outcome = demo::evaluateDemo(demo_->records(), demo_->versions, kToday);
    EXPECT_EQ(outcome.socialWorkers, 65U);
    EXPECT_GE(outcome.nationalHolders, 26U); // 40 %
    EXPECT_LE(outcome.nationalHolders, 35U); // 55 %
    EXPECT_EQ(outcome.nationalHolders, demo_->summary.nationalHolders);

    // The 62 party-affairs workers mostly hold the licence, some through the national
    // certificate; those in cohort 5 are still training.
    EXPECT_EQ(outcome.partyAffairs, 62U);
    EXPECT_GE(outcome.licensed + outcome.inTraining, 62U * 8 / 10);
    EXPECT_GT(outcome.licensedByEquivalence, 0U);
    EXPECT_GT(outcome.inTraining, 0U);

    // The credential rows behind it: registrations, renewals, a lapse and a revocation.
    std::map<std::string, int> statuses;
    int expired = 0;
    int intermediate = 0;
    int ceRows = 0;
    int examRows = 0;
    auto r = db().read();
    store::EvidenceRepository evidence(*r);
    for (const auto& p : store::PeopleRepository(*r).list(
             store::PeopleQuery{"social_worker", std::nullopt, "", kAll, 0}))
        for (const auto& e : evidence.history(p.id)) {
            if (e.courseId) continue;
            EXPECT_EQ(e.module, "certification");
            if (e.kind == "ce_hours") ++ceRows;
            if (e.kind == "exam_result") ++examRows;
            if (e.kind != "credential") continue;
            const auto f = Poco::JSON::Parser().parse(e.fields).extract<Poco::JSON::Object::Ptr>();
            ++statuses[f->getValue<std::string>("status")];
            if (e.ref == "national_intermediate") ++intermediate;
            if (f->getValue<std::string>("valid_until") < kDate) ++expired;
        }
    EXPECT_EQ(statuses["revoked"], 1);
    EXPECT_GT(statuses["active"], 30);
    EXPECT_GT(intermediate, 0);
    EXPECT_GT(expired, 0);
    EXPECT_GT(ceRows, 100);
    EXPECT_GT(examRows, 60);
}

TEST_F(DemoDistrict, SuggestedPeopleAreWhatTheSummarySays) {
    expectSuggestionsTrue(*demo_);
}

TEST_F(DemoDistrict, SuggestedPeopleAreWhatTheSummarySaysForOtherSeedsAndDays) {
    for (const char* day : {"2025-02-10", "2027-10-05"})
        for (std::uint64_t seed : {1, 2, 3}) {
            SCOPED_TRACE(std::string("seed ") + std::to_string(seed) + ", " + day);
            DemoDatabase other(*registry_, *catalog_, seed, *parseDay(day));
            expectSuggestionsTrue(other);
        }
}

TEST_F(DemoDistrict, RecordsTheVarietyOfRealEvidence) {
    std::map<std::string, int> attendance;
    int ethicsFloorAboveSixty = 0;
    int online = 0;
    std::map<std::string, int> attempts; // person/drill -> attempts
    std::map<std::string, int> finals;   // session/score/time -> entrants
    auto r = db().read();
    store::EvidenceRepository evidence(*r);
    for (const auto& p :
         store::PeopleRepository(*r).list(store::PeopleQuery{"", std::nullopt, "", kAll, 0}))
        for (const auto& e : evidence.history(p.id)) {
            if (!e.courseId) continue;
            const auto f = Poco::JSON::Parser().parse(e.fields).extract<Poco::JSON::Object::Ptr>();
            if (e.kind == "attendance") ++attendance[f->getValue<std::string>("status")];
            if (e.module == "theory" && e.ref == "digital_online") ++online;
            if (e.kind == "attempt") {
                ++attempts[p.code + e.ref];
                const auto scores = f->getObject("scores");
                double total = 0;
                for (const auto& [name, v] : *scores)
                    total += v.convert<double>();
                if (scores->getValue<double>("ethics") < 9 && total > 60) ++ethicsFloorAboveSixty;
            }
            if (e.kind == "entry" && e.ref == "skills" &&
                f->getValue<std::string>("round") == "final")
                ++finals[std::to_string(e.sessionId.value_or(0)) +
                         f->getValue<std::string>("submitted") +
                         std::to_string(f->getValue<double>("score"))];
        }
    EXPECT_GT(attendance["present"], 1000);
    EXPECT_GT(attendance["late"], 10);
    EXPECT_GT(attendance["absent"] + attendance["excused"], 0);
    EXPECT_GT(online, 50);
    EXPECT_GE(ethicsFloorAboveSixty, 3);
    EXPECT_TRUE(std::any_of(attempts.begin(), attempts.end(), [](const auto& a) {
        return a.second == 2;
    })) << "retakes";
    EXPECT_TRUE(std::any_of(finals.begin(), finals.end(), [](const auto& f) {
        return f.second >= 2;
    })) << "a tie";
    EXPECT_GT(demo_->summary.evidence, 2000U);
}

TEST_F(DemoDistrict, TheSameSeedAndDateGiveTheSameDataAnotherSeedOtherNames) {
    DemoDatabase again(*registry_, *catalog_, 7);
    EXPECT_EQ(digest(again.db()), digest(db()));
    DemoDatabase other(*registry_, *catalog_, 8);
    EXPECT_NE(digest(other.db()), digest(db()));
    const auto mine = names(db());
    const auto theirs = names(other.db());
    std::size_t shared = 0;
    for (const auto& n : theirs)
        shared += mine.count(n);
    EXPECT_LT(shared, mine.size() / 4) << "another seed draws other people";
}

TEST_F(DemoDistrict, RefusesADatabaseThatHasPeople) {
    const auto course = catalog_->find(demo::kDemoCourse);
    const std::size_t before = countPost("");
    try {
        demo_->records().write("test", [&](store::WriteUnit& unit) {
            demo::populateDemo(unit, 1, *course, course->hash, {7, kToday});
        });
        FAIL() << "a second demo went in";
    } catch (const demo::DemoRefused& e) {
        EXPECT_TRUE(contains(e.text.en, "already has 397 people")) << e.text.en;
        EXPECT_TRUE(contains(e.text.zh, "已有 397 名人员")) << e.text.zh;
    }
    EXPECT_EQ(countPost(""), before);
}

TEST(DemoDistrictAllOrNothing, AFailureLeavesNoDemoRows) {
    plugins::PluginRegistry registry;
    registry.discover({fs::path(YANZHEN_PLUGIN_DIR)});
    courses::CourseCatalog catalog;
    catalog.discover({fs::path(YANZHEN_SOURCE_DIR) / "courses"}, courses::CourseLoader(registry));
    const auto course = catalog.find(demo::kDemoCourse);
    ASSERT_TRUE(course);
    TempDatabase t;
    services::CourseVersions versions(t.store, registry);
    EXPECT_THROW(
        t.store.write(
            "test",
            [&](store::WriteUnit& unit) {
                const auto setup = services::prepareDatabase(unit, versions, catalog);
                demo::populateDemo(unit, setup.district, *course, course->hash, {1, kToday});
                throw std::runtime_error("disk full, say");
            }),
        std::runtime_error);
    auto r = t.db->read();
    EXPECT_EQ(store::PeopleRepository(*r).count(store::PeopleQuery{}), 0U);
    EXPECT_TRUE(store::PeopleRepository(*r).orgUnits().empty());
    EXPECT_TRUE(store::CohortRepository(*r).list().empty());
}
