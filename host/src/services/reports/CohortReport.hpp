/// \file CohortReport.hpp
/// Where a cohort's members stand together on a day: per module and requirement set how many
/// are complete, on their way, or have not begun, and per credential how many meet its set.
/// Read from the members' kept standings (KeptStandings::ofCohort: those that do not hold on
/// the day are recomputed first, and kept), not evaluated per request.
#pragma once

#include "services/Records.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/standings/AnswerFormat.hpp"

#include "courses/Course.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace yanzhen::services {

/// How many members are done with something, on their way, or have not begun.
struct Tally {
    std::size_t complete = 0;
    std::size_t inProgress = 0;
    std::size_t notStarted = 0;

    void count(bool done, double fraction);
};

struct CohortReport {
    Cohort cohort;
    std::shared_ptr<const courses::Course> course;
    std::int32_t day = 0;
    std::size_t members = 0;
    std::map<std::string, Tally> modules; ///< by module id; every module of the course
    std::map<std::string, Tally> sets;    ///< by requirement set name; every set
    std::map<std::string, std::size_t> setMet;
};

/// Thrown when the cohort's course version does not load (a plugin missing?).
struct CourseUnavailable : std::runtime_error {
    explicit CourseUnavailable(const Cohort& cohort);
    Cohort cohort;
};

/// The report of `cohort` on `day` (days since 1970-01-01). Throws CourseUnavailable.
CohortReport reportCohort(Store& store, CourseVersions& versions, const AnswerFormat& format,
                          const Cohort& cohort, std::int32_t day);

} // namespace yanzhen::services
