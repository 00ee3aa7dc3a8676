// The kept standings never serve a stale answer (ARCHITECTURE section 6). Long random runs of
// every kind of write the records take -- evidence of each module, corrections, personal
// credentials, exam results and continuing education (as `certs` writes them), enrolments
// into cohorts that rank -- and of moves of the day, forwards and back. After each step, every
// standing the store keeps as holding equals a recompute from scratch, and every worker's
// answer through the kept path equals the recomputed one, byte for byte, and so does each
// cohort's members list (which reads all its members' standings at once). Between steps some
// reads keep what they recomputed and the refresher drains some of the rest, so the run sees
// fresh, stale, expired and missing standings side by side. Real database, real plugins, the
// shipped course.

#include "TempDatabase.hpp"

#include "courses/CourseCatalog.hpp"
#include "courses/CourseLoader.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/DatabaseSetup.hpp"
#include "services/evidence/EvidenceFields.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressService.hpp"
#include "services/reports/CohortMembers.hpp"
#include "services/standings/KeptStandings.hpp"
#include "services/standings/StandingRefresher.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

using namespace yanzhen;
using yanzhen::testsupport::TempDatabase;

namespace {

class KeptStandingsProperty : public ::testing::Test {
protected:
    void SetUp() override {
        registry_.discover({std::filesystem::path(YANZHEN_PLUGIN_DIR)});
        catalog_.discover({std::filesystem::path(YANZHEN_SOURCE_DIR) / "courses"},
                          courses::CourseLoader(registry_));
        course_ = catalog_.find("touyan-linghang");
        ASSERT_TRUE(course_);
        t_.store.write("admin", [&](store::WriteUnit& u) {
            services::prepareDatabase(u, versions_, catalog_);
            for (int i = 0; i < kPeople; ++i) {
                store::Person p;
                p.code = "JY-" + std::to_string(100 + i);
                p.name = "学员" + std::to_string(i);
                people_.push_back(u.people().add(p));
            }
            for (int c = 0; c < 2; ++c)
                cohorts_.push_back(u.cohorts().create(store::Cohort{
                    0, "TY-2026-" + std::to_string(c + 1), "第" + std::to_string(c + 1) + "期",
                    course_->hash, "2026-03-01", "2026-04-30", 0}));
            // Most people in the first cohort, a few in both, one in none yet.
            for (int i = 0; i + 1 < kPeople; ++i) {
                u.cohorts().enroll(cohorts_[0], people_[static_cast<std::size_t>(i)], "2026-03-01");
                if (i % 3 == 0)
                    u.cohorts().enroll(cohorts_[1], people_[static_cast<std::size_t>(i)],
                                       "2026-03-01");
            }
        });
    }

    services::KeptStandings kept() {
        return services::KeptStandings(t_.store, versions_, json::cohortEntry);
    }

    /// Every cohort entry of `person` on `day`, recomputed from scratch, by cohort id.
    std::map<store::Id, std::string> recomputed(store::Id person, std::int32_t day) {
        std::map<store::Id, std::string> out;
        for (const auto& p : services::ProgressService(t_.store, versions_).forPerson(person, day))
            out[p.cohort.id] = json::cohortEntry(p);
        return out;
    }

    /// How a check reads through the kept path, which keeps whatever it recomputes.
    enum class Reads {
        None,    ///< only what the store keeps as holding
        Workers, ///< and every worker's answer
        Cohorts, ///< and every cohort's members list, all its members at once
    };

    /// The invariant, for everyone, on `day`, reading as `reads` says.
    void checkEveryone(std::int32_t day, const std::string& step, Reads reads = Reads::Workers) {
        if (reads == Reads::Cohorts) checkCohorts(day, step);
        for (const auto person : people_) {
            const auto fresh = recomputed(person, day);
            // What the store keeps as holding today is what a recompute says.
            std::vector<store::KeptStanding> stored;
            t_.store.readProgress()->standings(person, stored);
            for (const auto& k : stored) {
                const bool holds = !k.stale && k.computedOn <= day && day <= k.holdsUntil &&
                                   k.courseHash == course_->hash;
                if (!holds) continue;
                ASSERT_TRUE(fresh.count(k.cohort)) << step;
                ASSERT_EQ(k.answer, fresh.at(k.cohort))
                    << step << ": person " << person << ", cohort " << k.cohort << ", kept on "
                    << formatDay(k.computedOn) << " to " << formatDay(k.holdsUntil) << ", asked "
                    << formatDay(day);
            }
            if (reads != Reads::Workers) continue;
            // And what a read answers, whatever it had to recompute.
            const auto answer = kept().ofWorker(person, day);
            ASSERT_TRUE(answer) << step;
            std::vector<std::string> expected;
            for (const auto& p :
                 services::ProgressService(t_.store, versions_).forPerson(person, day))
                expected.push_back(json::cohortEntry(p));
            ASSERT_EQ(answer->cohorts, expected) << step << ": person " << person;
        }
    }

    /// Every cohort's members list (which recomputes and keeps every member's standing that
    /// does not hold) says what a recompute of each member says.
    void checkCohorts(std::int32_t day, const std::string& step) {
        for (const auto id : cohorts_) {
            const auto cohort = t_.store.read()->cohorts().find(id);
            ASSERT_TRUE(cohort);
            const auto list = services::cohortMembers(t_.store, versions_, json::answerFormat(),
                                                      *cohort, day, {});
            ASSERT_EQ(list.members.size(), t_.store.read()->cohorts().members(id).size()) << step;
            for (const auto& m : list.members) {
                const auto fresh = json::readCohortEntry(recomputed(m.person.id, day).at(id));
                ASSERT_EQ(m.sets.size(), fresh.sets.size()) << step;
                for (const auto& [name, set] : fresh.sets) {
                    const auto& kept = m.sets.at(name);
                    const auto where = step + ": person " + std::to_string(m.person.id) +
                                       ", cohort " + std::to_string(id) + ", set " + name;
                    ASSERT_EQ(kept.status, set.status) << where;
                    ASSERT_EQ(kept.fraction, set.fraction) << where;
                    ASSERT_EQ(kept.left.size(), rules::satisfied(set.status) ? 0 : set.left.size())
                        << where;
                }
            }
        }
    }

    /// Fields checked and written as the services write them.
    std::string fieldsOf(const std::string& plugin, const std::string& kind,
                         const Poco::JSON::Object& o) {
        const PluginInfo& info = registry_.find(plugin)->info;
        const auto checked =
            services::checkJson(info.kinds[static_cast<std::size_t>(info.kindIndex(kind))], o);
        EXPECT_TRUE(checked.ok()) << plugin << "." << kind;
        return checked.json;
    }

    void append(store::EvidenceRow row) {
        t_.store.write("trainer",
                       [&](store::WriteUnit& u) { lastRows_.push_back(u.evidence().append(row)); });
    }

    /// One random write of evidence for a random person.
    std::string writeEvidence(std::mt19937& rng, std::int32_t today) {
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        store::EvidenceRow row;
        row.personId = people_[static_cast<std::size_t>(pick(kPeople))];
        row.day = today - 200 + pick(320); // the past, and rows recorded ahead of their day
        row.courseId = course_->id;
        Poco::JSON::Object o;
        switch (pick(9)) {
        case 0: {
            static const char* rites[] = {"opening", "oath", "closing"};
            row.module = "ceremony";
            row.kind = "attendance";
            row.ref = rites[pick(3)];
            o.set("status", std::string(pick(4) == 0 ? "absent" : "present"));
            row.fields = fieldsOf("ceremony", "attendance", o);
            break;
        }
        case 1: {
            static const char* units[] = {"party_building", "policy_law",     "casework",
                                          "law_online",     "digital_online", "ethics_online",
                                          "groupwork"};
            row.module = "theory";
            row.kind = "attendance";
            row.ref = units[pick(7)];
            o.set("status", std::string("present"));
            row.fields = fieldsOf("theory", "attendance", o);
            break;
        }
        case 2:
            row.module = "theory";
            row.kind = "quiz_attempt";
            row.ref = pick(2) ? "quiz_policy" : "quiz_methods";
            o.set("score", 40 + pick(60));
            row.fields = fieldsOf("theory", "quiz_attempt", o);
            break;
        case 3: {
            static const char* drills[] = {"home_visit", "dispute", "one_stop", "emergency_drill"};
            row.module = "drills";
            row.kind = "attempt";
            row.ref = drills[pick(4)];
            Poco::JSON::Object::Ptr scores = new Poco::JSON::Object;
            scores->set("assessment", 10 + pick(21));
            scores->set("plan", 10 + pick(21));
            scores->set("communication", 8 + pick(18));
            scores->set("ethics", 6 + pick(10));
            o.set("scores", scores);
            row.fields = fieldsOf("drills", "attempt", o);
            break;
        }
        case 4: // the contest ranks: a co-member's entry changes everyone's place
            row.module = "contest";
            row.kind = "entry";
            row.ref = pick(3) ? "skills" : "case_story";
            o.set("round", std::string(row.ref == "skills" && pick(2) ? "prelim" : "final"));
            o.set("score", 50 + pick(50));
            row.fields = fieldsOf("competitions", "entry", o);
            break;
        case 5: // the district's tests
            row.module = "licence";
            row.kind = "exam_result";
            row.ref = pick(2) ? "district_written" : "district_oral";
            o.set("sitting", 2026);
            o.set("score", 45 + pick(50));
            row.fields = fieldsOf("certification", "exam_result", o);
            break;
        case 6: { // a credential record, personal, as `certs` writes it: issued, renewed ahead,
                  // revoked; some with a validity that starts or ends soon
            row.courseId.reset();
            row.module = "certification";
            row.kind = "credential";
            const bool national = pick(3) == 0;
            row.ref = national ? "national_assistant" : "district_licence";
            const std::int32_t from = today - 400 + pick(500);
            o.set("level", std::string(national ? "assistant" : "district_licence"));
            o.set("valid_from", formatDay(from));
            o.set("valid_until", formatDay(from + 30 + pick(1000)));
            o.set("status", std::string(pick(6) == 0 ? "revoked" : "active"));
            row.fields = fieldsOf("certification", "credential", o);
            break;
        }
        case 7: // continuing education inside a licence period
            row.courseId.reset();
            row.module = "certification";
            row.kind = "ce_hours";
            row.ref = pick(4) == 0 ? "conference" : "training";
            o.set("hours", static_cast<double>(2 + pick(10)));
            o.set("activity", std::string("培训"));
            row.fields = fieldsOf("certification", "ce_hours", o);
            break;
        default: { // a correction of an earlier row
            if (lastRows_.empty()) return "nothing to correct";
            const auto old = t_.store.read()->evidence().find(
                lastRows_[static_cast<std::size_t>(pick(static_cast<int>(lastRows_.size())))]);
            if (!old) return "no row";
            store::EvidenceRow correction = *old;
            correction.day = old->day + pick(30) - 15;
            store::Id id = 0;
            try {
                t_.store.write("trainer", [&](store::WriteUnit& u) {
                    id = u.evidence().supersede(old->id, correction, "更正日期");
                });
            } catch (const store::StoreError&) {
                return "correction refused (already corrected)";
            }
            lastRows_.push_back(id);
            return "corrected row " + std::to_string(old->id);
        }
        }
        append(row);
        return row.module + "." + row.kind + " " + row.ref + " for " +
               std::to_string(row.personId) + " on " + formatDay(row.day);
    }

    static constexpr int kPeople = 9;
    TempDatabase t_;
    plugins::PluginRegistry registry_;
    courses::CourseCatalog catalog_;
    services::CourseVersions versions_{t_.store, registry_};
    std::shared_ptr<const courses::Course> course_;
    std::vector<store::Id> people_;
    std::vector<store::Id> cohorts_;
    std::vector<store::Id> lastRows_;
};

TEST_F(KeptStandingsProperty, EveryKeptStandingEqualsARecomputeAfterEveryWrite) {
    std::mt19937 rng(20261202);
    std::int32_t today = *parseDay("2026-03-10");
    checkEveryone(today, "start");
    for (int step = 0; step < 260; ++step) {
        std::string what;
        const unsigned kind = rng() % 20;
        if (kind < 12) {
            what = writeEvidence(rng, today);
        } else if (kind < 15) { // the day moves: mostly on, sometimes back
            const int by = static_cast<int>(rng() % 120) - (rng() % 5 == 0 ? 150 : 0);
            today += by;
            what = "day moves to " + formatDay(today);
        } else if (kind < 17) { // an enrolment
            const auto person = people_[rng() % people_.size()];
            const auto cohort = cohorts_[rng() % cohorts_.size()];
            t_.store.write("admin", [&](store::WriteUnit& u) {
                if (!u.cohorts().isEnrolled(cohort, person))
                    u.cohorts().enroll(cohort, person, formatDay(today));
            });
            what = "enrol " + std::to_string(person) + " in " + std::to_string(cohort);
        } else if (kind < 19) { // the refresher's step
            what = "refresher kept " + std::to_string(kept().refreshDue(today, 4));
        } else { // a read of one worker, which keeps what it recomputes
            const auto person = people_[rng() % people_.size()];
            (void)kept().ofWorker(person, today);
            what = "read " + std::to_string(person);
        }
        // Reading everyone through the kept path keeps them all: so that only every few
        // steps, letting stale and expired standings pile up in between.
        const Reads reads = step % 8 == 7   ? Reads::Cohorts
                            : step % 4 == 3 ? Reads::Workers
                                            : Reads::None;
        checkEveryone(today, "step " + std::to_string(step) + " (" + what + ")", reads);
        if (HasFatalFailure()) return;
    }
    checkEveryone(today, "end");
}

// The refresher drains what writes marked stale, oldest first, without a read asking; after
// it, every standing holds and equals a recompute.
TEST_F(KeptStandingsProperty, TheRefresherRecomputesWhatWritesMarkedStale) {
    const std::int32_t today = *parseDay("2026-04-01");
    EXPECT_EQ(kept().recomputeAll(services::RecomputeOptions{today, std::nullopt, 2}).evaluations,
              static_cast<std::size_t>(kPeople - 1 + (kPeople - 1 + 2) / 3));
    EXPECT_EQ(t_.store.read()->standings().counts(today).stale, 0U);
    std::mt19937 rng(7);
    for (int i = 0; i < 30; ++i)
        writeEvidence(rng, today);
    const auto marked = t_.store.read()->standings().counts(today).stale;
    EXPECT_GT(marked, 3U) << "the writes should have marked several standings stale";

    services::StandingRefresher::Options options;
    options.batch = 2;
    options.idle = std::chrono::milliseconds(20);
    services::StandingRefresher refresher(
        t_.store, versions_, json::cohortEntry, [today] { return today; }, options);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (t_.store.read()->standings().counts(today).stale > 0 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(t_.store.read()->standings().counts(today).stale, 0U) << refresher.lastError();
    EXPECT_GE(refresher.refreshed(), marked);
    EXPECT_EQ(refresher.lastError(), "");
    checkEveryone(today, "after the refresher", Reads::None);
}

} // namespace
