/// \file ProgressReads.hpp
/// The reads progress is computed from, on raw SQLite statements prepared once per pooled
/// connection: the hot path of `GET /api/v1/workers/{id}/progress` and of a full recompute.
/// Poco::Data compiled each statement per request and converted every cell through a Var;
/// here a row costs a step and a few copies.
#pragma once

#include "Database.hpp"
#include "store/Records.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yanzhen::store {

class ProgressReads {
public:
    explicit ProgressReads(Database::Reader& reader) : reader_(reader) {}

    /// The person with their posts (as PeopleRepository::find), or nothing.
    std::optional<Person> person(Id id);
    /// The cohorts `person` is enrolled in, newest first (as CohortRepository::cohortsOf).
    std::vector<Cohort> cohortsOf(Id person);
    /// A person's current rows for a course and their personal rows, oldest first, appended to
    /// `out`. Only the columns progress needs are filled: id, personId, courseId, module, kind,
    /// ref, day, fields, supersedes.
    void current(Id person, const std::string& courseId, std::vector<EvidenceRow>& out);
    /// The current rows of one module of a course for every member of `cohort`, oldest first
    /// (rankings), appended to `out`; filled as current() fills them.
    void currentForCohort(Id cohort, const std::string& courseId, const std::string& module,
                          std::vector<EvidenceRow>& out);
    /// `person`'s kept standings with their answers, by cohort, appended to `out` (on a kept
    /// statement: every progress request reads it).
    void standings(Id person, std::vector<KeptStanding>& out);
    /// Each member of `cohort` with their kept standing there (ProgressSnapshot::
    /// cohortStandings): one statement, the enrolments joined to the kept rows.
    void cohortStandings(Id cohort, std::vector<KeptStanding>& out);
    /// Every enrolment as (person, cohort), by person.
    std::vector<std::pair<Id, Id>> enrolments();
    /// Every cohort with its course version, by id.
    std::vector<Cohort> cohorts();
    /// Streams the current rows of the people in [from, to) enrolled in a cohort (in `cohort`
    /// when given), one person at a time by id, each person's rows oldest first: one statement
    /// over the evidence, no query per person. People without rows are not called for. `person`
    /// may take the rows (they are cleared after).
    void forEachEnrolledCurrent(Id from, Id to, std::optional<Id> cohort,
                                const std::function<void(std::vector<EvidenceRow>&)>& person);

private:
    Database::Reader& reader_;
};

} // namespace yanzhen::store
