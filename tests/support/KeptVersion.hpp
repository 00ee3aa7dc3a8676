/// \file KeptVersion.hpp
/// A course kept as a course version inside a test's own SQLite write transaction, for the
/// fixtures that fill a database through the repositories (services::CourseVersions::keep does
/// the same in a store unit of work).
#pragma once

#include "courses/Course.hpp"
#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/WriteTransaction.hpp"

#include <string>

namespace yanzhen::testsupport {

/// Keeps `course` (as loaded from its file) in `tx`; returns its hash.
inline std::string keepVersion(store::WriteTransaction& tx, const courses::Course& course) {
    store::CohortRepository(tx.session())
        .keepCourseVersion(
            tx, store::CourseVersion{course.hash, course.id, course.version, course.source, ""});
    return course.hash;
}

} // namespace yanzhen::testsupport
