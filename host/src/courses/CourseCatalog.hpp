/// \file CourseCatalog.hpp
/// The course files in the configured folders: those that loaded, and each file's problems.
#pragma once

#include "CourseLoader.hpp"

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

namespace yanzhen::courses {

struct CourseFailure {
    std::filesystem::path file;
    std::vector<CourseDiagnostic> diagnostics;
};

class CourseCatalog {
public:
    /// Loads every `*.yaml` and `*.yml` in each folder, in folder then file-name order. A second
    /// course with an id already loaded is a failure naming the first file.
    void discover(const std::vector<std::filesystem::path>& folders, const CourseLoader& loader);

    const std::vector<std::shared_ptr<const Course>>& courses() const { return courses_; }
    const std::vector<CourseFailure>& failures() const { return failures_; }
    /// The course with this id, or null.
    std::shared_ptr<const Course> find(std::string_view id) const;

private:
    std::vector<std::shared_ptr<const Course>> courses_;
    std::vector<CourseFailure> failures_;
};

} // namespace yanzhen::courses
