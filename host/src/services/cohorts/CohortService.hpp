/// \file CohortService.hpp
/// Cohorts (期) as routes and verbs see them: found, listed with their course version and
/// size, shown with their trainers and members; created pinned to a course file's current
/// version; people enrolled, all or none. Reads are one snapshot each; writes one transaction.
#pragma once

#include "services/AccessPolicy.hpp"
#include "services/Records.hpp"
#include "services/progress/CourseVersions.hpp"

#include "courses/Course.hpp"
#include "store/Store.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::services {

/// A cohort as a listing shows it.
struct CohortSummary {
    Cohort cohort;
    std::optional<CourseVersion> version; ///< nothing when the version row is missing
    std::size_t members = 0;
};

/// A cohort with the people around it.
struct CohortDetail {
    CohortSummary summary;
    std::vector<Person> trainers;
    std::vector<Person> members;
};

/// What `create` needs; the course is pinned at the version the catalog holds now.
struct NewCohort {
    std::string code;
    std::string name;
    std::shared_ptr<const courses::Course> course;
    std::string startsOn;
    std::string endsOn;
    std::optional<int> capacity; ///< nothing: the course's cohort default
    std::vector<Id> trainers;
};

/// Thrown by create(): another cohort has the code.
struct CohortCodeTaken : std::runtime_error {
    CohortCodeTaken(std::string code, Id existing);
    std::string code;
    Id existing;
};

/// Thrown by enroll(): these people are enrolled already; nobody was enrolled.
struct AlreadyEnrolled : std::runtime_error {
    explicit AlreadyEnrolled(std::vector<Id> people);
    std::vector<Id> people;
};

class CohortService {
public:
    CohortService(store::Store& store, CourseVersions& versions)
        : store_(store), versions_(versions) {}

    std::optional<Cohort> find(Id id);
    /// A cohort by id ("3") or code ("TY-2025-1").
    std::optional<Cohort> resolve(const std::string& idOrCode);
    /// Every cohort `caller` may see as staff (admins all, trainers theirs), by id.
    std::vector<CohortSummary> list(const Caller& caller);
    /// Every cohort, by id (the command line: the operator's own database).
    std::vector<CohortSummary> list();
    std::optional<CohortDetail> detail(Id id);
    /// A course version by hash or a unique prefix of at least 8 hex digits.
    std::optional<CourseVersion> resolveCourseVersion(const std::string& hashOrPrefix);

    /// Keeps `course` as a course version (a version kept already is left alone); its hash.
    std::string keepCourseVersion(const std::string& actor, const courses::Course& course);

    /// Creates the cohort as `actor`, keeps the course version it is pinned to, and adds its
    /// trainers. Throws CohortCodeTaken (checked inside the write, so two admins cannot both
    /// take a code).
    Id create(const std::string& actor, const NewCohort& cohort);
    /// Enrolls `people` on day `on` ("YYYY-MM-DD"), all or none. Throws AlreadyEnrolled.
    void enroll(const std::string& actor, Id cohort, const std::vector<Id>& people,
                const std::string& on);

private:
    std::vector<CohortSummary> summaries(const std::optional<Caller>& caller);

    store::Store& store_;
    CourseVersions& versions_;
};

} // namespace yanzhen::services
