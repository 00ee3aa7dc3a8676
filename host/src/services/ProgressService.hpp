/// \file ProgressService.hpp
/// Where a worker stands: for each cohort they are enrolled in, their evidence gathered in one
/// query, evaluated on the cohort's pinned course version at a given date.
#pragma once

#include "CourseVersions.hpp"
#include "ProgressCalculator.hpp"

#include "store/Database.hpp"
#include "store/Records.hpp"

#include <vector>

namespace yanzhen::services {

struct CohortProgress {
    store::Cohort cohort;
    std::shared_ptr<const courses::Course> course;
    CourseProgress progress;
};

class ProgressService {
public:
    ProgressService(store::Database& db, CourseVersions& versions) : db_(db), versions_(versions) {}

    /// Every cohort of `person`, newest first, evaluated on `today` (days since 1970-01-01).
    std::vector<CohortProgress> forPerson(store::Id person, std::int32_t today);
    /// One cohort; `course` may be a different version than the cohort's (a what-if).
    CourseProgress evaluate(store::Id person, const store::Cohort& cohort,
                            const std::shared_ptr<const courses::Course>& course,
                            std::int32_t today);

private:
    store::Database& db_;
    CourseVersions& versions_;
};

/// Store rows to the records the calculator takes: fields decoded by the schema of the module's
/// plugin. Rows of modules or kinds the course does not have are left out (a personal record
/// for a plugin this course does not use).
std::vector<EvidenceRecord> toRecords(const courses::Course& course,
                                      const std::vector<store::EvidenceRow>& rows);

} // namespace yanzhen::services
