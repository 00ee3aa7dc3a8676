/// \file PluginSubsystem.hpp
/// Owns the plugin registry for the life of the process. Registered before the courses and
/// the HTTP server, so it is torn down after them: nothing a plugin made outlives its library.
#pragma once

#include "plugins/PluginRegistry.hpp"

#include <Poco/Util/Subsystem.h>

#include <filesystem>
#include <vector>

namespace yanzhen::app {

class PluginSubsystem : public Poco::Util::Subsystem {
public:
    const char* name() const override { return "yanzhen.plugins"; }

    /// The folders searched, absolute: `yanzhen.plugins.dirs` from the command line or the
    /// configuration file, else YANZHEN_PLUGINS_DIR (colon-separated), else the plugin folder
    /// beside the executable (`<bin>/../lib/yanzhen/plugins`, as in the build and install trees).
    const std::vector<std::filesystem::path>& folders() const { return folders_; }

    /// The registry, discovering plugins on first use so that verbs that need none load none.
    const plugins::PluginRegistry& registry();

protected:
    void initialize(Poco::Util::Application& app) override;
    void uninitialize() override;

private:
    std::vector<std::filesystem::path> folders_;
    std::filesystem::path builtIn_; ///< the plugins that ship with the host: their ids reserved
    plugins::PluginRegistry registry_;
    bool discovered_ = false;
};

} // namespace yanzhen::app
