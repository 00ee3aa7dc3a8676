/// \file CourseSubsystem.hpp
/// Owns the course catalog. Registered after the plugins (its modules live in their plugins),
/// so it is torn down before them.
#pragma once

#include "courses/CourseCatalog.hpp"
#include "services/progress/CourseVersions.hpp"

#include <Poco/Util/Subsystem.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace yanzhen::app {

class PluginSubsystem;

class CourseSubsystem : public Poco::Util::Subsystem {
public:
    const char* name() const override { return "yanzhen.courses"; }

    /// The folders searched, absolute: `yanzhen.courses.dirs` (--courses-dir, the
    /// configuration file), else YANZHEN_COURSES_DIR (colon-separated), else
    /// `<bin>/../share/yanzhen/courses`, as in the build and install trees.
    const std::vector<std::filesystem::path>& folders() const { return folders_; }

    /// The catalog, loading the courses (and so the plugins) on first use.
    const courses::CourseCatalog& catalog();
    /// A loader for files given on the command line, over the same plugins.
    courses::CourseLoader loader();
    /// Course versions kept in the database, loaded on demand (opens the database).
    services::CourseVersions& versions();

protected:
    void initialize(Poco::Util::Application& app) override;
    void uninitialize() override;

private:
    PluginSubsystem* plugins_ = nullptr;
    std::vector<std::filesystem::path> folders_;
    std::unique_ptr<courses::CourseCatalog> catalog_;
    std::unique_ptr<services::CourseVersions> versions_;
    Poco::Util::Application* app_ = nullptr;
};

} // namespace yanzhen::app
