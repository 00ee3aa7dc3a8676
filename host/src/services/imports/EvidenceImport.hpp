/// \file EvidenceImport.hpp
/// `evidence import FILE`: many evidence rows from a CSV file, all or nothing.
///
/// Columns (by header name, any order): `worker` (a staff number or an id), `kind`, and either
/// `session` (a session id) or `course`, `module`, `ref` and `date`; every other column is a
/// field of some evidence kind (`status`, `score`, `scores`, ...). A row fills the fields of its
/// kind and leaves the others empty; an empty cell is an absent value. A row may use a session
/// or course/module/ref/date, not both; an empty `course` makes a personal record (a credential,
/// a national exam result) whose `module` is a plugin id.
#pragma once

#include "services/imports/ImportReport.hpp"
#include "services/progress/CourseVersions.hpp"

#include "plugins/PluginRegistry.hpp"
#include "store/Store.hpp"

#include <filesystem>

namespace yanzhen::services {

class EvidenceImport {
public:
    /// All three must outlive the import.
    EvidenceImport(store::Store& store, CourseVersions& versions,
                   const plugins::PluginRegistry& registry)
        : store_(store), versions_(versions), registry_(registry) {}

    /// Reads and checks every row; when none is bad and it is not a dry run, appends them all
    /// in one transaction with one audit entry. Every bad row is in the report (file problems,
    /// such as a missing column, as line 1). Throws store::StoreError when the database fails.
    /// The rows are inserted while the file is still being read (EvidenceHandoff), so the
    /// database's write lock is held from the start of the import to its end.
    ImportReport run(const std::filesystem::path& file, const ImportOptions& options);

private:
    store::Store& store_;
    CourseVersions& versions_;
    const plugins::PluginRegistry& registry_;
};

} // namespace yanzhen::services
