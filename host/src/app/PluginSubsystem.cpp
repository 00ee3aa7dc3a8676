#include "PluginSubsystem.hpp"

#include "ConfiguredPaths.hpp"

#include <Poco/Util/Application.h>

namespace yanzhen::app {

void PluginSubsystem::initialize(Poco::Util::Application& app) {
    folders_ = configuredPaths(app.config(), "yanzhen.plugins.dirs",
                               std::filesystem::path("..") / "lib" / "yanzhen" / "plugins");
}

void PluginSubsystem::uninitialize() {}

const plugins::PluginRegistry& PluginSubsystem::registry() {
    if (!discovered_) {
        registry_.discover(folders_);
        discovered_ = true;
    }
    return registry_;
}

} // namespace yanzhen::app
