// The demo's five cohorts (期) and their sessions. Four lie in the two and a half years before
// the day, the fifth began a few weeks before it and still has sessions to come. A cohort
// trains on Tuesdays and Thursdays (the workers keep their communities running the other
// days), in office hours, following one programme: ceremonies and theory first, then the
// drills in a community's service hall, the contests, the licence tests and the closing.
// Cohorts never overlap in time and a cohort's own sessions follow one another, so no
// trainer, place or worker is ever in two sessions at once; checkNoConflicts() proves it.

#include "demo/DemoNames.hpp"
#include "demo/DemoPlan.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace yanzhen::demo::plan {

namespace {

enum class Venue { Hall, Online, Community, ExamRoom, InterviewRoom };

/// One session of the programme: which training day of the cohort, and when it starts.
struct Slot {
    const char* templateId;
    int day;
    int start; ///< minutes after midnight
    Venue venue;
};

constexpr int at(int hour, int minute) {
    return hour * 60 + minute;
}

// The programme's 13 training days. A 6-hour unit fills a day (08:30-14:30, lunch at the desk
// as trainings here do); 4-hour units take a morning from 08:00 or an afternoon from 13:30.
const std::vector<Slot> kProgramme{
    {"opening", 0, at(8, 30), Venue::Hall},
    {"oath", 0, at(10, 15), Venue::Hall},
    {"party_building", 0, at(13, 30), Venue::Hall},
    {"policy_law", 1, at(8, 30), Venue::Hall},
    {"grid_governance", 2, at(8, 0), Venue::Hall},
    {"ethics_online", 2, at(13, 30), Venue::Online},
    {"casework", 3, at(8, 30), Venue::Hall},
    {"groupwork", 4, at(8, 0), Venue::Hall},
    {"law_online", 4, at(13, 30), Venue::Online},
    {"resident_services", 5, at(8, 0), Venue::Hall},
    {"emergency", 5, at(14, 0), Venue::Hall},
    {"digital_online", 6, at(8, 30), Venue::Online},
    {"home_visit", 7, at(9, 0), Venue::Community},
    {"dispute", 7, at(14, 0), Venue::Community},
    {"one_stop", 8, at(9, 0), Venue::Community},
    {"emergency_drill", 8, at(14, 0), Venue::Community},
    {"skills_prelim", 9, at(8, 30), Venue::Hall},
    {"case_story", 9, at(14, 0), Venue::Hall},
    {"skills_final", 10, at(8, 30), Venue::Hall},
    {"licence_written", 11, at(9, 0), Venue::ExamRoom},
    {"licence_oral", 11, at(14, 0), Venue::InterviewRoom},
    {"closing", 12, at(9, 0), Venue::Hall},
};

constexpr int kCohorts = 5;
const char* const kCohortNumerals[kCohorts] = {"一", "二", "三", "四", "五"};

/// New Year, Labour Day and National Day weeks, and the weeks around the Spring Festival
/// (its date moves; late January to mid-February covers it in most years): no training.
bool holiday(std::int32_t day) {
    const std::string d = formatDay(day).substr(5);
    return (d >= "01-01" && d <= "01-03") || (d >= "01-25" && d <= "02-15") ||
           (d >= "05-01" && d <= "05-05") || (d >= "10-01" && d <= "10-07");
}

/// The Monday on or before `day`.
std::int32_t mondayOf(std::int32_t day) {
    return day - (weekday(day) + 6) % 7;
}

/// The cohort's training days from the Monday `start`: Tuesdays and Thursdays that are not
/// holidays, as many as the programme needs.
std::vector<std::int32_t> trainingDays(std::int32_t start, int count) {
    std::vector<std::int32_t> days;
    for (std::int32_t d = start; static_cast<int>(days.size()) < count; ++d)
        if ((weekday(d) == 2 || weekday(d) == 4) && !holiday(d)) days.push_back(d);
    return days;
}

std::string placeOf(Venue venue, const std::string& community) {
    switch (venue) {
    case Venue::Hall: return places::kHall;
    case Venue::Online: return places::kOnline;
    case Venue::Community: return places::communityHall(community);
    case Venue::ExamRoom: return places::kExamRoom;
    case Venue::InterviewRoom: return places::kInterviewRoom;
    }
    return places::kHall;
}

/// The programme for `course`: every slot whose template the course has; then any template
/// the programme does not know, one a day after the rest, so that every template is held; the
/// closing ceremony last.
std::vector<std::pair<const courses::SessionTemplate*, Slot>>
programmeFor(const courses::Course& course) {
    std::vector<std::pair<const courses::SessionTemplate*, Slot>> out;
    std::optional<std::pair<const courses::SessionTemplate*, Slot>> closing;
    int lastDay = 0;
    for (const auto& slot : kProgramme)
        for (const auto& t : course.templates) {
            if (t.id != slot.templateId) continue;
            if (t.id == "closing") {
                closing.emplace(&t, slot);
                continue;
            }
            out.emplace_back(&t, slot);
            lastDay = std::max(lastDay, slot.day);
        }
    for (const auto& t : course.templates) {
        const bool known = std::any_of(kProgramme.begin(), kProgramme.end(),
                                       [&](const Slot& s) { return t.id == s.templateId; });
        if (!known) out.emplace_back(&t, Slot{nullptr, ++lastDay, at(9, 0), Venue::Hall});
    }
    if (closing) {
        closing->second.day = std::max(closing->second.day, lastDay + 1);
        out.push_back(*closing);
    }
    return out;
}

bool overlaps(const PlannedSession& a, const PlannedSession& b) {
    return a.day == b.day && a.startMinute < b.endMinute && b.startMinute < a.endMinute;
}

/// Throws std::logic_error when two sessions share a trainer, a place or a worker at the same
/// time: the generator would otherwise hand out a schedule the scheduler itself refuses.
void checkNoConflicts(const Plan& plan) {
    std::vector<std::pair<std::size_t, const PlannedSession*>> all;
    for (std::size_t c = 0; c < plan.cohorts.size(); ++c)
        for (const auto& s : plan.cohorts[c].sessions)
            all.emplace_back(c, &s);
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j) {
            const auto& [ci, a] = all[i];
            const auto& [cj, b] = all[j];
            if (!overlaps(*a, *b)) continue;
            // Every worker is in one cohort, so a worker clash is two sessions of one cohort.
            if (a->trainer == b->trainer || a->place == b->place || ci == cj)
                throw std::logic_error("demo schedule: " + a->sessionTemplate->id + " and " +
                                       b->sessionTemplate->id + " overlap on " + formatDay(a->day));
        }
}

} // namespace

void planCohorts(Plan& plan, DemoRandom& random, const courses::Course& course) {
    const auto programme = programmeFor(course);
    int days = 0;
    for (const auto& [t, slot] : programme)
        days = std::max(days, slot.day + 1);

    // Trainers: two a cohort, taken in turn from the district's pool; now and then one alone.
    std::vector<std::size_t> trainers;
    std::vector<std::size_t> socialWorkers;
    std::vector<std::size_t> committeeParty;
    for (std::size_t i = 0; i < plan.people.size(); ++i) {
        const Member& m = plan.people[i];
        if (m.role == Role::Trainer) trainers.push_back(i);
        if (m.role == Role::SocialWorker) socialWorkers.push_back(i);
        if (m.role == Role::CommitteeMember && m.partyAffairs) committeeParty.push_back(i);
    }
    if (trainers.empty()) throw std::logic_error("demo: no trainers to schedule");
    random.shuffle(trainers);
    random.shuffle(socialWorkers);
    random.shuffle(committeeParty);

    // Every social worker and every party-affairs committee member takes one cohort. The fifth
    // is the smallest share of the latter: most of the 62 have their licence by now.
    const std::size_t committeeShares[kCohorts] = {10, 10, 9, 9, 6};
    std::size_t nextWorker = 0;
    std::size_t nextCommittee = 0;
    for (int k = 0; k < kCohorts; ++k) {
        PlannedCohort cohort;
        cohort.code = "TY-" + std::to_string(k + 1);
        cohort.name = std::string("头雁领航·雏雁丰羽 第") + kCohortNumerals[k] + "期";
        // Four cohorts about 200 days apart, the first some 900 days back; the fifth started
        // two to four weeks before the day, so that its licence tests are still to come.
        const std::int32_t around = k < 4 ? plan.today - 900 + 200 * k + random.between(-10, 10)
                                          : plan.today - 7 * random.between(2, 4);
        cohort.startsOn = mondayOf(around);
        const std::size_t extra =
            static_cast<std::size_t>(k) < socialWorkers.size() % kCohorts ? 1 : 0;
        const std::size_t workers = socialWorkers.size() / kCohorts + extra; // 13 each
        for (std::size_t i = 0; i < workers && nextWorker < socialWorkers.size(); ++i)
            cohort.members.push_back(socialWorkers[nextWorker++]);
        for (std::size_t i = 0; i < committeeShares[k] && nextCommittee < committeeParty.size();
             ++i)
            cohort.members.push_back(committeeParty[nextCommittee++]);
        if (k == kCohorts - 1)
            while (nextCommittee < committeeParty.size())
                cohort.members.push_back(committeeParty[nextCommittee++]);
        std::sort(cohort.members.begin(), cohort.members.end());
        for (auto i : cohort.members)
            plan.people[i].cohort = k;

        cohort.trainers.push_back(trainers[(2 * static_cast<std::size_t>(k)) % trainers.size()]);
        if (random.chance(0.8) && trainers.size() > 1)
            cohort.trainers.push_back(
                trainers[(2 * static_cast<std::size_t>(k) + 1) % trainers.size()]);

        // The drills go to the service hall of one of the members' communities.
        const Member& host = plan.people[random.pick(cohort.members)];
        const std::string hostCommunity = plan.communities[host.community].name;

        const auto dates = trainingDays(cohort.startsOn, days);
        for (std::size_t i = 0; i < programme.size(); ++i) {
            const auto& [t, slot] = programme[i];
            PlannedSession s;
            s.sessionTemplate = t;
            s.day = dates[static_cast<std::size_t>(slot.day)];
            s.startMinute = slot.start;
            s.endMinute = slot.start + (t->minutes > 0 ? t->minutes : 120);
            s.place = placeOf(slot.venue, hostCommunity);
            s.trainer = cohort.trainers[i % cohort.trainers.size()];
            cohort.sessions.push_back(s);
        }
        std::stable_sort(cohort.sessions.begin(), cohort.sessions.end(),
                         [](const auto& a, const auto& b) {
                             return a.day != b.day ? a.day < b.day : a.startMinute < b.startMinute;
                         });
        cohort.endsOn = cohort.sessions.empty() ? cohort.startsOn + 53 : cohort.sessions.back().day;
        plan.cohorts.push_back(std::move(cohort));
    }
    checkNoConflicts(plan);
}

std::int32_t addYears(std::int32_t day, int years) {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    std::chrono::year_month_day moved{ymd.year() + std::chrono::years{years}, ymd.month(),
                                      ymd.day()};
    if (!moved.ok())
        moved = std::chrono::year_month_day{moved.year(), moved.month(), std::chrono::day{28}};
    return static_cast<std::int32_t>(std::chrono::sys_days{moved}.time_since_epoch().count());
}

int weekday(std::int32_t day) {
    return static_cast<int>(((day % 7) + 7 + 4) % 7);
} // 1970-01-01 was a Thursday

std::string localTime(std::int32_t day, int minute) {
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d", minute / 60, minute % 60);
    return formatDay(day) + "T" + clock;
}

int yearOf(std::int32_t day) {
    return static_cast<int>(
        std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}}.year());
}

} // namespace yanzhen::demo::plan
