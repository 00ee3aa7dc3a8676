/// \file ProgressService.hpp
/// Where a worker stands: for each cohort they are enrolled in, their evidence gathered in one
/// query, evaluated on the cohort's pinned course version at a given date; and everyone's at
/// once, in one pass over the evidence.
#pragma once

#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressCalculator.hpp"

#include "store/Records.hpp"
#include "store/Store.hpp"

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace yanzhen::services {

struct CohortProgress {
    store::Cohort cohort;
    std::shared_ptr<const courses::Course> course;
    CourseProgress progress;
};

/// A worker and where they stand in each of their cohorts, read in one snapshot.
struct WorkerProgress {
    store::Person person;
    std::vector<CohortProgress> cohorts; ///< newest first
};

/// What a full recompute asks for.
struct RecomputeOptions {
    std::int32_t today = 0;          ///< days since 1970-01-01
    std::optional<store::Id> cohort; ///< only this cohort's workers
    unsigned threads = 2;            ///< passes over disjoint ranges of people
};

/// What a full recompute found: how many evaluations, and per course and requirement set how
/// many workers are met / in progress / unmet / waived.
struct RecomputeSummary {
    std::size_t workers = 0;     ///< people enrolled in a cohort that was evaluated
    std::size_t evaluations = 0; ///< (worker, cohort) pairs
    std::size_t rows = 0;        ///< current evidence rows read
    /// (course id, set name) -> counts indexed by rules::Status.
    std::map<std::pair<std::string, std::string>, std::array<std::size_t, 4>> statuses;
    double seconds = 0;
};

class ProgressService {
public:
    ProgressService(store::Store& store, CourseVersions& versions)
        : store_(store), versions_(versions) {}

    /// Every cohort of `person`, newest first, evaluated on `today` (days since 1970-01-01).
    std::vector<CohortProgress> forPerson(store::Id person, std::int32_t today);
    /// The person (with their posts) and forPerson(), from one snapshot; nothing when there is
    /// no such person.
    std::optional<WorkerProgress> ofWorker(store::Id person, std::int32_t today);
    /// `person` in `cohort` on its pinned course version, read from `reads` (the caller's
    /// snapshot: KeptStandings reads and evaluates under the write lock).
    CohortProgress evaluateIn(store::ProgressSnapshot& reads, store::Id person,
                              store::Cohort cohort, std::int32_t today);
    /// One cohort; `course` may be a different version than the cohort's (a what-if).
    CourseProgress evaluate(store::Id person, const store::Cohort& cohort,
                            const std::shared_ptr<const courses::Course>& course,
                            std::int32_t today);

    /// Every enrolled worker's progress in every cohort (or one), from one streaming pass over
    /// the current evidence ordered by person (split across `threads`), plus one read of the
    /// ranking modules' rows. `each`, when given, sees every result (from several threads at
    /// once: it must be thread-safe). Throws what forPerson() throws.
    RecomputeSummary
    recomputeAll(const RecomputeOptions& options,
                 const std::function<void(store::Id person, const CohortProgress&)>& each = {});

private:
    std::vector<CohortProgress> gatherAndEvaluate(store::Id person, std::int32_t today,
                                                  std::optional<store::Person>* who);

    store::Store& store_;
    CourseVersions& versions_;
};

/// Store rows to the records the calculator takes: fields decoded by the schema of the module's
/// plugin. Rows of modules or kinds the course does not have are left out (a personal record
/// for a plugin this course does not use).
std::vector<EvidenceRecord> toRecords(const courses::Course& course,
                                      const std::vector<store::EvidenceRow>& rows);

/// The modules of `course` that have a ranking leaf: those need everyone's rows, and a row
/// there changes every member's standing.
std::set<std::string> rankedModules(const courses::Course& course);

} // namespace yanzhen::services
