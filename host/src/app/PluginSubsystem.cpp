#include "PluginSubsystem.hpp"

#include <Poco/Environment.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/Application.h>

namespace yanzhen::app {

namespace {

std::vector<std::filesystem::path> splitPaths(const std::string& list, char separator) {
    std::vector<std::filesystem::path> out;
    Poco::StringTokenizer tokens(list, std::string(1, separator),
                                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& t : tokens) out.emplace_back(t);
    return out;
}

} // namespace

void PluginSubsystem::initialize(Poco::Util::Application& app) {
    const auto& config = app.config();
    // Paths are made absolute now: with --daemon the process changes directory to /.
    if (config.has("yanzhen.plugins.dirs")) {
        folders_ = splitPaths(config.getString("yanzhen.plugins.dirs"), ';');
    } else if (Poco::Environment::has("YANZHEN_PLUGINS_DIR")) {
        folders_ = splitPaths(Poco::Environment::get("YANZHEN_PLUGINS_DIR"), ':');
    } else {
        const std::filesystem::path bin = config.getString("application.dir");
        folders_ = {bin / ".." / "lib" / "yanzhen" / "plugins"};
    }
    for (auto& f : folders_) f = std::filesystem::weakly_canonical(std::filesystem::absolute(f));
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
