#include "services/progress/CourseVersions.hpp"

#include "courses/CourseLoader.hpp"

namespace yanzhen::services {

std::string CourseVersions::keep(store::WriteUnit& unit, const courses::Course& course) {
    unit.cohorts().keepCourseVersion(
        store::CourseVersion{course.hash, course.id, course.version, course.source, ""});
    return course.hash;
}

std::shared_ptr<const courses::Course> CourseVersions::get(const std::string& hash) {
    {
        std::lock_guard lock(mutex_);
        if (const auto it = loaded_.find(hash); it != loaded_.end()) return it->second;
    }
    std::optional<store::CourseVersion> version;
    version = store_.read()->cohorts().courseVersion(hash);
    if (!version)
        throw std::runtime_error("no course version " + hash.substr(0, 12) + " in the database");
    const auto result = courses::CourseLoader(registry_).loadText(
        version->source, version->courseId + "@" + hash.substr(0, 12));
    if (!result.ok()) {
        std::string why =
            result.diagnostics.empty() ? "" : ": " + result.diagnostics.front().format("en");
        throw std::runtime_error("course version " + version->courseId + "@" + hash.substr(0, 12) +
                                 " no longer loads" + why);
    }
    std::lock_guard lock(mutex_);
    return loaded_.emplace(hash, result.course).first->second;
}

} // namespace yanzhen::services
