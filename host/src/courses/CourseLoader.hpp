/// \file CourseLoader.hpp
/// Reads a course file, checks all of it, configures its modules in their plugins and compiles
/// its requirement leaves. Every problem is reported at once, each with file, line and column.
#pragma once

#include "Course.hpp"
#include "CourseDiagnostic.hpp"

#include "plugins/PluginRegistry.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace yanzhen::courses {

struct LoadResult {
    std::shared_ptr<const Course> course; ///< null when any error was found
    std::vector<CourseDiagnostic> diagnostics;
    bool ok() const { return course != nullptr; }
};

class CourseLoader {
public:
    /// The loader configures modules in the plugins of `registry`, which must outlive it.
    explicit CourseLoader(const plugins::PluginRegistry& registry) : registry_(registry) {}

    /// Loads a file (at most 1 MiB of UTF-8 YAML).
    LoadResult loadFile(const std::filesystem::path& file) const;
    /// Loads YAML text; `name` is what messages call the file.
    LoadResult loadText(const std::string& text, const std::string& name) const;

private:
    LoadResult load(const std::string& text, const std::string& name,
                    const std::filesystem::path& file) const;

    const plugins::PluginRegistry& registry_;
};

} // namespace yanzhen::courses
