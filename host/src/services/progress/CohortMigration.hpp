/// \file CohortMigration.hpp
/// Moving a cohort to another version of its course: first a what-if (whose status changes),
/// then, explicitly, the move itself, in the audit log. Old outcomes are never rewritten
/// silently: a cohort stays on its version until someone moves it.
#pragma once

#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressService.hpp"

#include "rules/Outcome.hpp"
#include "store/Store.hpp"

#include <string>
#include <vector>

namespace yanzhen::services {

struct StatusChange {
    store::Id person = 0;
    std::string code; ///< staff number
    std::string name;
    std::string set; ///< the requirement set whose status changes
    rules::Status before = rules::Status::Unmet;
    rules::Status after = rules::Status::Unmet;
};

struct MigrationPreview {
    std::string fromHash;
    std::string toHash;
    std::size_t members = 0;
    std::vector<StatusChange> changes;    ///< by person, then set
    std::vector<std::string> setsRemoved; ///< sets the old version has and the new one lacks
    std::vector<std::string> setsAdded;
};

/// Evaluates every member of `cohort` on both versions as of `today` and lists the differences.
/// Throws std::invalid_argument when `toHash` is another course's version.
MigrationPreview previewMigration(store::Store& store, CourseVersions& versions, store::Id cohort,
                                  const std::string& toHash, std::int32_t today);

/// Moves the cohort to `toHash` (one write, in the audit log).
void migrateCohort(store::Store& store, CourseVersions& versions, const std::string& actor,
                   store::Id cohort, const std::string& toHash);

} // namespace yanzhen::services
