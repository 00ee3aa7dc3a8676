// The national social-worker certificate in the demo: nearly half of the 65 social workers
// hold it, as the district reports. Each holder passed both assistant subjects at one sitting
// (some after failing one the year before), registered within months, and renewed every three
// years with the continuing education it needs (72 hours; 90 for the intermediate level). Two
// let the registration lapse, one had it revoked; a few moved on to the intermediate level; a
// few more social workers sat the latest exam and are still a subject short. Everything is a
// personal record (no course) of the certification plugin, which every course using that
// plugin sees: the district licence's equivalence reads the same credential rows.

#include "demo/DemoNames.hpp"
#include "demo/DemoPlan.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace yanzhen::demo::plan {

namespace {

const char* const kPlugin = "certification";
constexpr double kPassMark = 60;

/// The national exam of a year: mid-June until 2024 (2022: 18 June), late May from 2025
/// (2025: 24 May). Results are out about eight weeks later.
std::int32_t examDay(int year) {
    using namespace std::chrono;
    const bool may = year >= 2025;
    const weekday_indexed saturday = Saturday[may ? 4 : 3];
    const sys_days d{year_month_weekday{std::chrono::year{year}, may ? May : June, saturday}};
    return static_cast<std::int32_t>(d.time_since_epoch().count());
}
std::int32_t resultsDay(int year) {
    return examDay(year) + 56;
}

/// The latest exam year whose results are out `margin` days before `today`.
int latestSitting(std::int32_t today, int margin) {
    int year = yearOf(today);
    while (resultsDay(year) > today - margin)
        --year;
    return year;
}

Poco::JSON::Object examFields(int sitting, double score) {
    Poco::JSON::Object o;
    o.set("sitting", sitting);
    o.set("score", score);
    o.set("pass_mark", kPassMark);
    return o;
}

Poco::JSON::Object credentialFields(const char* level, std::int32_t from, std::int32_t until,
                                    const char* status) {
    Poco::JSON::Object o;
    o.set("level", std::string(level));
    o.set("valid_from", formatDay(from));
    o.set("valid_until", formatDay(until));
    o.set("status", std::string(status));
    return o;
}

class Writer {
public:
    Writer(Plan& plan, DemoRandom& random, EvidenceSink& sink)
        : plan_(plan), random_(random), sink_(sink) {}

    void exam(const Member& m, const char* subject, int sitting, double score) {
        sink_.personalRow(m.person.id, kPlugin, "exam_result", subject, resultsDay(sitting),
                          examFields(sitting, score));
    }
    double passScore() { return std::clamp(std::round(random_.bell(71, 5)), kPassMark, 96.0); }
    double failScore() { return static_cast<double>(random_.between(42, 59)); }

    /// Both assistant subjects at `sitting`, sometimes after one was failed the year before.
    void assistantExams(const Member& m, int sitting) {
        if (random_.chance(0.3)) {
            const bool first = random_.chance(0.5);
            exam(m, "comprehensive_junior", sitting - 1, first ? failScore() : passScore());
            exam(m, "practice_junior", sitting - 1, first ? passScore() : failScore());
        }
        exam(m, "comprehensive_junior", sitting, passScore());
        exam(m, "practice_junior", sitting, passScore());
    }

    /// Continuing-education rows adding up to about `hours`, dated inside [from, to].
    void continuingEducation(const Member& m, std::int32_t from, std::int32_t to, int hours) {
        if (to < from || hours <= 0) return;
        int left = hours;
        while (left > 0) {
            const bool conference = random_.chance(0.2);
            const int chunk =
                std::min(left, conference ? random_.between(4, 8) : random_.between(8, 24));
            Poco::JSON::Object o;
            o.set("hours", static_cast<double>(chunk));
            o.set("activity", random_.pick(continuingEducationActivities()));
            const std::int32_t day =
                from +
                static_cast<std::int32_t>(random_.below(static_cast<std::uint64_t>(to - from + 1)));
            sink_.personalRow(m.person.id, kPlugin, "ce_hours",
                              conference ? "conference" : "training", day, o);
            left -= chunk;
        }
    }

    /// A registration from `from`, renewed every three years until the one in force today,
    /// unless it `lapses` at the first renewal. Returns the last day of the last registration.
    std::int32_t registration(const Member& m, const char* credential, const char* level,
                              std::int32_t from, int ceHours, bool lapses) {
        const std::int32_t today = plan_.today;
        std::int32_t until = addYears(from, 3) - 1;
        sink_.personalRow(m.person.id, kPlugin, "credential", credential, from,
                          credentialFields(level, from, until, "active"));
        while (until < today) {
            if (lapses) {
                continuingEducation(m, from, until, random_.between(16, ceHours / 2));
                return until;
            }
            continuingEducation(m, from, until - 30, ceHours + random_.between(0, 24));
            // Re-registration is applied for in the three months before expiry.
            const std::int32_t applied = until - random_.between(20, 80);
            const std::int32_t next = until + 1;
            from = next;
            until = addYears(next, 3) - 1;
            sink_.personalRow(m.person.id, kPlugin, "credential", credential, applied,
                              credentialFields(level, from, until, "active"));
        }
        // Part of this period's hours, in proportion to how much of it has passed.
        const double elapsed =
            static_cast<double>(today - from) / static_cast<double>(until - from + 1);
        const int sofar = static_cast<int>(std::lround(ceHours * elapsed * random_.bell(0.9, 0.2)));
        continuingEducation(m, from, today - 1, std::max(0, sofar));
        return until;
    }

    std::int32_t registrationStart(int sitting) {
        return resultsDay(sitting) + random_.between(30, 150);
    }

    /// An assistant holder whose registration is in force today (or, with `lapses`, ran out).
    void assistant(Member& m, bool lapses) {
        const int latest = latestSitting(plan_.today, 160);
        const int sitting =
            lapses ? latest - random_.between(3, 5) : latest - static_cast<int>(random_.below(6));
        assistantExams(m, sitting);
        const std::int32_t from = registrationStart(sitting);
        m.national.holder = true;
        m.national.lapsed = lapses;
        m.national.activeFrom = from;
        m.national.activeUntil =
            registration(m, "national_assistant", "assistant", from, 72, lapses);
    }

    /// An assistant who went on to pass the three intermediate subjects within two sittings.
    void intermediate(Member& m) {
        const int latest = latestSitting(plan_.today, 160);
        const int junior = latest - random_.between(4, 6);
        assistantExams(m, junior);
        const std::int32_t assistantFrom = registrationStart(junior);
        const std::int32_t assistantUntil = addYears(assistantFrom, 3) - 1;
        sink_.personalRow(m.person.id, kPlugin, "credential", "national_assistant", assistantFrom,
                          credentialFields("assistant", assistantFrom, assistantUntil, "active"));
        int mid = junior + random_.between(1, 2);
        const bool split = random_.chance(0.4) && mid + 1 <= latest;
        exam(m, "comprehensive_mid", mid, passScore());
        exam(m, "practice_mid", mid, passScore());
        if (split) exam(m, "law_policy", mid, failScore());
        if (split) ++mid;
        exam(m, "law_policy", mid, passScore());
        const std::int32_t from = registrationStart(mid);
        // The intermediate registration replaces the assistant one from its first day (when
        // that one has not run out already).
        if (from <= assistantUntil)
            sink_.personalRow(m.person.id, kPlugin, "credential", "national_assistant", from,
                              credentialFields("assistant", from, assistantUntil, "superseded"));
        m.national.holder = true;
        m.national.intermediate = true;
        m.national.activeFrom = assistantFrom;
        m.national.activeUntil =
            registration(m, "national_intermediate", "intermediate", from, 90, false);
    }

    /// A holder whose certificate was revoked some time after registering.
    void revoked(Member& m) {
        const int sitting = latestSitting(plan_.today, 160) - 3;
        assistantExams(m, sitting);
        const std::int32_t from = registrationStart(sitting);
        const std::int32_t until = addYears(from, 3) - 1;
        sink_.personalRow(m.person.id, kPlugin, "credential", "national_assistant", from,
                          credentialFields("assistant", from, until, "active"));
        const std::int32_t last = std::min(until, plan_.today) - 10;
        const std::int32_t on =
            std::min(last, from + 200 + static_cast<std::int32_t>(random_.below(200)));
        sink_.personalRow(m.person.id, kPlugin, "credential", "national_assistant", on,
                          credentialFields("assistant", on, until, "revoked"));
        m.national.holder = true;
        m.national.revoked = true;
        m.national.activeFrom = from;
        m.national.activeUntil = on - 1;
    }

    /// Sat the latest exam and passed one subject or none: still on the way.
    void stillTrying(const Member& m) {
        const int sitting = latestSitting(plan_.today, 10);
        const bool passedOne = random_.chance(0.7);
        const bool first = random_.chance(0.5);
        exam(m, "comprehensive_junior", sitting, passedOne && first ? passScore() : failScore());
        exam(m, "practice_junior", sitting, passedOne && !first ? passScore() : failScore());
    }

private:
    Plan& plan_;
    DemoRandom& random_;
    EvidenceSink& sink_;
};

} // namespace

void planNational(Plan& plan, DemoRandom& random, EvidenceSink& sink) {
    std::vector<std::size_t> socialWorkers;
    std::vector<std::size_t> committeeParty;
    for (std::size_t i = 0; i < plan.people.size(); ++i) {
        if (plan.people[i].role == Role::SocialWorker) socialWorkers.push_back(i);
        if (plan.people[i].role == Role::CommitteeMember && plan.people[i].partyAffairs)
            committeeParty.push_back(i);
    }
    random.shuffle(socialWorkers);
    random.shuffle(committeeParty);
    Writer writer(plan, random, sink);

    // 30 to 32 of the 65 in force today (46-49 %: "nearly 50 %"), 4 of them intermediate;
    // then 2 lapsed, 1 revoked, and 10 still trying.
    const std::size_t active = 30 + random.below(3);
    // The lapsed and the revoked come from the finished cohorts: their licence then shows what
    // the district tests gave them when the equivalence no longer could.
    const int current = static_cast<int>(plan.cohorts.size()) - 1;
    std::size_t next = 0;
    auto take = [&](bool finishedOnly) -> Member* {
        for (std::size_t k = next; k < socialWorkers.size(); ++k) {
            const Member& m = plan.people[socialWorkers[k]];
            if (finishedOnly && (m.cohort < 0 || m.cohort >= current)) continue;
            std::swap(socialWorkers[next], socialWorkers[k]);
            return &plan.people[socialWorkers[next++]];
        }
        return nullptr;
    };
    for (std::size_t k = 0; k < active; ++k)
        if (Member* m = take(false)) k < 4 ? writer.intermediate(*m) : writer.assistant(*m, false);
    for (int k = 0; k < 2; ++k)
        if (Member* m = take(true)) writer.assistant(*m, true);
    if (Member* m = take(true)) writer.revoked(*m);
    for (int k = 0; k < 10; ++k)
        if (Member* m = take(false)) writer.stillTrying(*m);
    // A few party-affairs committee members hold the assistant certificate too.
    for (std::size_t k = 0; k < 3 && k < committeeParty.size(); ++k)
        writer.assistant(plan.people[committeeParty[k]], false);
}

} // namespace yanzhen::demo::plan
