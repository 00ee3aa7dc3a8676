#include "services/reports/CohortReport.hpp"

#include "services/progress/ProgressService.hpp"

#include <mutex>

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

CohortReport reportCohort(Store& store, CourseVersions& versions, const Cohort& cohort,
                          std::int32_t day) {
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
    RecomputeOptions options;
    options.today = day;
    options.cohort = cohort.id;
    options.threads = 1; // one cohort is a few hundred people: a thread costs more than it saves
    std::mutex merge;
    const auto summary =
        ProgressService(store, versions).recomputeAll(options, [&](Id, const CohortProgress& p) {
            const std::lock_guard lock(merge);
            // A module is complete when its bar is full, not started while
            // it is empty.
            for (const auto& m : p.progress.modules)
                report.modules[m.module].count(m.fraction >= 1.0, m.fraction);
            for (const auto& [name, outcome] : p.progress.sets) {
                report.sets[name].count(outcome.satisfied(), outcome.fraction);
                if (outcome.satisfied()) ++report.setMet[name];
            }
        });
    report.members = summary.evaluations;
    return report;
}

} // namespace yanzhen::services
