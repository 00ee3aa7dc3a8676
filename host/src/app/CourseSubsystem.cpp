#include "CourseSubsystem.hpp"

#include "ConfiguredPaths.hpp"
#include "PluginSubsystem.hpp"
#include "StoreSubsystem.hpp"

#include <Poco/Util/Application.h>

namespace yanzhen::app {

void CourseSubsystem::initialize(Poco::Util::Application& app) {
    app_ = &app;
    plugins_ = &app.getSubsystem<PluginSubsystem>();
    folders_ = configuredPaths(app.config(), "yanzhen.courses.dirs",
                               std::filesystem::path("..") / "share" / "yanzhen" / "courses");
}

void CourseSubsystem::uninitialize() {
    versions_.reset();
    catalog_.reset();
}

services::CourseVersions& CourseSubsystem::versions() {
    if (!versions_)
        versions_ = std::make_unique<services::CourseVersions>(
            app_->getSubsystem<StoreSubsystem>().store(), plugins_->registry());
    return *versions_;
}

const courses::CourseCatalog& CourseSubsystem::catalog() {
    if (!catalog_) {
        catalog_ = std::make_unique<courses::CourseCatalog>();
        catalog_->discover(folders_, courses::CourseLoader(plugins_->registry()));
    }
    return *catalog_;
}

courses::CourseLoader CourseSubsystem::loader() {
    return courses::CourseLoader(plugins_->registry());
}

} // namespace yanzhen::app
