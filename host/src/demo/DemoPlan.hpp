/// \file DemoPlan.hpp
/// Inside the demo generator (not for callers: see DemoData.hpp). The district is planned in
/// memory, step by step, each step in its own file and each drawing from the one random source
/// in a fixed order, so that a seed and a date always give the same district:
///   people (DemoPeople.cpp) -> cohorts and sessions (DemoSchedule.cpp) -> the national
///   certificates (DemoNational.cpp) -> who to suggest -> the course evidence (DemoEvidence.cpp).
#pragma once

#include "demo/DemoRandom.hpp"

#include "courses/Course.hpp"
#include "store/Records.hpp"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::demo::plan {

enum class Role { SocialWorker, CommitteeMember, GovernanceOfficer, Trainer };

/// How a worker's cohort goes for them. Most are Ordinary (their skill and chance decide);
/// the people the summary suggests are given a fate so that what it says of them is true.
enum class Fate { Ordinary, Exemplary, EthicsFloor };

/// The national certificate as the demo gives it to a person.
struct NationalPlan {
    bool holder = false;       ///< passed the assistant exams and registered
    bool intermediate = false; ///< and later the intermediate ones
    bool lapsed = false;       ///< the registration ran out and was not renewed
    bool revoked = false;
    std::int32_t activeFrom = 0;  ///< first day of the first registration
    std::int32_t activeUntil = 0; ///< last day of the registration in force (or the last one)
    /// Whether a credential that waives the district tests is in force on `day`.
    bool activeOn(std::int32_t day) const {
        return holder && !revoked && activeFrom <= day && day <= activeUntil;
    }
};

struct Member {
    store::Person person;
    Role role = Role::SocialWorker;
    std::size_t community = 0; ///< index into Plan::communities (trainers: 0, unused)
    bool partyAffairs = false;
    int age = 0;
    int cohort = -1;     ///< index into Plan::cohorts; -1: not enrolled
    double skill = 0.75; ///< 0..1: how well they do in quizzes, drills, tests
    Fate fate = Fate::Ordinary;
    NationalPlan national;
};

struct Community {
    store::Id id = 0;
    std::string name;
};

struct PlannedSession {
    const courses::SessionTemplate* sessionTemplate = nullptr;
    std::int32_t day = 0;
    int startMinute = 0; ///< minutes after midnight, local time
    int endMinute = 0;
    std::string place;
    std::size_t trainer = 0; ///< index into Plan::people
    store::Id id = 0;
};

struct PlannedCohort {
    std::string code;
    std::string name;
    std::int32_t startsOn = 0;
    std::int32_t endsOn = 0;
    std::vector<std::size_t> members;     ///< indexes into Plan::people
    std::vector<std::size_t> trainers;    ///< indexes into Plan::people
    std::vector<PlannedSession> sessions; ///< in time order
    store::Id id = 0;
    /// The session of `templateId`, or null.
    const PlannedSession* session(const std::string& templateId) const {
        for (const auto& s : sessions)
            if (s.sessionTemplate->id == templateId) return &s;
        return nullptr;
    }
};

/// Collects evidence rows, each checked against the schema its plugin declares (so that
/// nothing is stored that an import would have refused). Throws std::logic_error, naming the
/// row and the problem, for a row that does not check: a bug in the generator.
class EvidenceSink {
public:
    explicit EvidenceSink(const courses::Course& course) : course_(course) {}

    /// A row of the course's module `module` (its id), recorded at `session` when there is one.
    void courseRow(store::Id person, const std::string& module, const std::string& kind,
                   const std::string& ref, std::int32_t day, std::optional<store::Id> session,
                   const Poco::JSON::Object& fields);
    /// A person's own row (course empty), of the plugin `plugin`, seen by every course using it.
    void personalRow(store::Id person, const std::string& plugin, const std::string& kind,
                     const std::string& ref, std::int32_t day, const Poco::JSON::Object& fields);
    /// The rows, ordered by day (stable: rows of one day keep the order they came in), so that
    /// their ids, which decide which of two records is the later one, follow the calendar.
    std::vector<store::EvidenceRow> take();

private:
    void add(store::EvidenceRow row, const courses::CourseModule& module,
             const Poco::JSON::Object& fields);

    const courses::Course& course_;
    std::vector<store::EvidenceRow> rows_;
};

struct Plan {
    std::int32_t today = 0;
    std::vector<Community> communities;
    std::vector<Member> people;
    std::vector<PlannedCohort> cohorts;
};

// The steps, in the order populateDemo() runs them.

/// Draws everyone: names, ages, education, posts; fixes the average age and degree share to
/// the district's figures. Org unit ids must be set in plan.communities.
void planPeople(Plan& plan, DemoRandom& random, store::Id district);
/// Draws five cohorts, their members and trainers, and their sessions on weekdays in office
/// hours, none overlapping another for a trainer, a place or a worker.
void planCohorts(Plan& plan, DemoRandom& random, const courses::Course& course);
/// Draws who holds the national certificate, and writes their exam results, registrations and
/// continuing education as personal rows. People must have their ids.
void planNational(Plan& plan, DemoRandom& random, EvidenceSink& sink);
/// Writes the course evidence of every session that has taken place before plan.today.
/// Sessions must have their ids.
void planEvidence(Plan& plan, DemoRandom& random, EvidenceSink& sink);

/// Days since 1970-01-01 plus `years` calendar years (29 February becomes 28 February).
std::int32_t addYears(std::int32_t day, int years);
/// 0 Sunday .. 6 Saturday.
int weekday(std::int32_t day);
/// "YYYY-MM-DDTHH:MM" for a day and minutes after midnight.
std::string localTime(std::int32_t day, int minute);
/// The calendar year of a day.
int yearOf(std::int32_t day);

} // namespace yanzhen::demo::plan
