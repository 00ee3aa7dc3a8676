#include "services/reports/CohortReport.hpp"

#include "services/standings/KeptStandings.hpp"

namespace yanzhen::services {

void Tally::count(bool done, double fraction) {
    if (done)
        ++complete;
    else if (fraction > 0)
        ++inProgress;
    else
        ++notStarted;
}

CourseUnavailable::CourseUnavailable(const Cohort& c)
    : std::runtime_error("the course version of cohort " + c.code +
                         " does not load (a plugin missing?)"),
      cohort(c) {}

CohortReport reportCohort(Store& store, CourseVersions& versions, const AnswerFormat& format,
                          const Cohort& cohort, std::int32_t day) {
    CohortReport report;
    report.cohort = cohort;
    report.day = day;
    try {
        report.course = versions.get(cohort.courseHash);
    } catch (const std::runtime_error&) {
        throw CourseUnavailable(cohort);
    }
    for (const auto& m : report.course->modules)
        report.modules[m.id];
    for (const auto& [name, set] : report.course->requirements) {
        report.sets[name];
        report.setMet[name];
    }
    const auto kept = KeptStandings(store, versions, format.write).ofCohort(cohort, day);
    for (const auto& k : kept) {
        const KeptEntry entry = format.read(k.answer);
        // A module is complete when its bar is full, not started while it is empty.
        for (const auto& m : entry.modules)
            report.modules[m.id].count(m.fraction >= 1.0, m.fraction);
        for (const auto& [name, set] : entry.sets) {
            const bool satisfied = rules::satisfied(set.status);
            report.sets[name].count(satisfied, set.fraction);
            if (satisfied) ++report.setMet[name];
        }
    }
    report.members = kept.size();
    return report;
}

} // namespace yanzhen::services
