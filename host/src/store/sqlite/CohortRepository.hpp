/// \file CohortRepository.hpp
/// Course versions as loaded, cohorts (期) pinned to one of them, their trainers and enrollments.
#pragma once

#include "store/Records.hpp"
#include "WriteTransaction.hpp"

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

class CohortRepository {
public:
    explicit CohortRepository(Poco::Data::Session& session) : session_(session) {}

    /// Keeps a course file's text under its hash; a version already kept is left alone.
    /// Returns true when it was new.
    bool keepCourseVersion(WriteTransaction& tx, const CourseVersion& version);
    std::optional<CourseVersion> courseVersion(const std::string& hash);
    /// A hash or a unique prefix of one (at least 8 hex digits), as people type them.
    std::optional<CourseVersion> resolveCourseVersion(const std::string& hashOrPrefix);
    std::vector<CourseVersion> courseVersions(const std::string& courseId);

    Id create(WriteTransaction& tx, const Cohort& cohort);
    std::optional<Cohort> find(Id id);
    std::optional<Cohort> findByCode(const std::string& code);
    /// Looks a cohort up by id ("3") or code ("TY-2025-1").
    std::optional<Cohort> resolve(const std::string& idOrCode);
    std::vector<Cohort> list();
    /// The cohorts a person is enrolled in, newest first.
    std::vector<Cohort> cohortsOf(Id person);
    /// Moves a cohort to another course version (after a what-if), in the audit log.
    void repin(WriteTransaction& tx, Id cohort, const std::string& hash,
               const std::string& fromHash);

    void addTrainer(WriteTransaction& tx, Id cohort, Id person);
    bool isTrainer(Id cohort, Id person);
    std::vector<Id> trainers(Id cohort);

    /// Enrolls a person; enrolling twice is an error (UNIQUE).
    void enroll(WriteTransaction& tx, Id cohort, Id person, const std::string& on);
    bool isEnrolled(Id cohort, Id person);
    std::vector<Id> members(Id cohort);

private:
    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
