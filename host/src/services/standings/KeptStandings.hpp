/// \file KeptStandings.hpp
/// Where a worker stands, kept (ARCHITECTURE section 6). A worker's answer in each cohort is
/// computed once and kept with the versions it came from and the last day it holds; the
/// schema marks it stale on every write that can change it. A read whose standings all hold
/// sends the stored bytes; one that finds a standing stale, past its day, from other versions
/// or missing recomputes that standing on the spot under the write lock (so no write can slip
/// between what it read and what it keeps), answers, and keeps it. The refresher drains the
/// rest in batches, oldest mark first.
#pragma once

#include "services/progress/ProgressService.hpp"

#include "services/standings/AnswerFormat.hpp"
#include "store/Store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::services {

/// A worker's progress answer from their kept standings.
struct KeptAnswer {
    store::Person person;
    std::vector<std::string> cohorts; ///< each cohort's entry, newest cohort first, as sent
    std::size_t recomputed = 0;       ///< how many of them this read had to recompute
};

/// The host's version and the versions of the plugins `course` runs: a standing computed with
/// other ones is computed again.
std::string versionsOf(const courses::Course& course);

class KeptStandings {
public:
    KeptStandings(store::Store& store, CourseVersions& versions, AnswerWriter writer)
        : store_(store), versions_(versions), writer_(std::move(writer)) {}

    /// The person and their answer on `today`; nothing when there is no such person.
    std::optional<KeptAnswer> ofWorker(store::Id person, std::int32_t today);
    /// One standing per member of `cohort`, by person, each holding on `today`: those that did
    /// not are recomputed under the write lock and kept, as ofWorker does.
    std::vector<store::KeptStanding> ofCohort(const store::Cohort& cohort, std::int32_t today);

    /// Recomputes and keeps, in one write, whatever of `people`'s standings does not hold on
    /// `today`; how many standings that was.
    std::size_t refresh(const std::vector<store::Id>& people, std::int32_t today);
    /// One step of the refresher: refresh() of at most `limit` of the people due.
    std::size_t refreshDue(std::int32_t today, std::size_t limit);
    /// Marks stale every standing computed with other versions than its course runs now (the
    /// refresher's first step, after an upgrade); how many.
    std::size_t markOtherVersionsStale();

    /// Everyone's (or one cohort's) standings computed again and kept: ProgressService::
    /// recomputeAll under the write lock, each result kept as it comes.
    RecomputeSummary recomputeAll(const RecomputeOptions& options);

    /// How many standings are kept, stale, and past their day on `today`.
    store::KeptCounts counts(std::int32_t today);

private:
    /// `standing` as kept: its answer written, its sets' figures, what it was computed from.
    store::KeptStanding toKept(store::Id person, const CohortProgress& progress) const;
    /// Everything of `person` that does not hold, computed from `reads` (opened under the write
    /// lock) and added to `fresh`; their answer into `out` when given.
    std::size_t recomputeDue(store::ProgressSnapshot& reads, store::Id person, std::int32_t today,
                             std::vector<store::KeptStanding>& fresh, KeptAnswer* out);

    store::Store& store_;
    CourseVersions& versions_;
    AnswerWriter writer_;
};

} // namespace yanzhen::services
