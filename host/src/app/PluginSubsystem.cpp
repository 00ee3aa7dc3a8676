#include "PluginSubsystem.hpp"

#include "ConfiguredPaths.hpp"

#include <Poco/Util/Application.h>

namespace yanzhen::app {

void PluginSubsystem::initialize(Poco::Util::Application& app) {
    const auto builtIn = std::filesystem::path("..") / "lib" / "yanzhen" / "plugins";
    folders_ = configuredPaths(app.config(), "yanzhen.plugins.dirs", builtIn);
    builtIn_ = besideBinaryPath(app.config(), builtIn);
}

void PluginSubsystem::uninitialize() {}

const plugins::PluginRegistry& PluginSubsystem::registry() {
    if (!discovered_) {
        registry_.discover(folders_, builtIn_);
        discovered_ = true;
    }
    return registry_;
}

} // namespace yanzhen::app
