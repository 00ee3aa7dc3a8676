#include "PluginRegistry.hpp"

#include "PluginLoader.hpp"

#include <algorithm>

namespace yanzhen::plugins {

void PluginRegistry::discover(const std::vector<std::filesystem::path>& folders,
                              const std::optional<std::filesystem::path>& builtIn) {
    builtIn_ = builtIn;
    std::vector<std::filesystem::path> ordered = folders;
    if (builtIn) {
        const auto isBuiltIn = [&](const std::filesystem::path& f) { return f == *builtIn; };
        // Stable: the built-in folder moves to the front, the others keep their order.
        std::stable_partition(ordered.begin(), ordered.end(), isBuiltIn);
    }
    for (const auto& folder : ordered) {
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
            if (entry.path().extension() == ".so") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files)
            add(file);
    }
}

bool PluginRegistry::add(const std::filesystem::path& file) {
    auto outcome = loadPlugin(file);
    if (auto* refusal = std::get_if<Refusal>(&outcome)) {
        refusals_.push_back(std::move(*refusal));
        return false;
    }
    auto plugin = std::get<std::shared_ptr<const LoadedPlugin>>(std::move(outcome));
    if (auto taken = find(plugin->info.id)) {
        // Two built-ins with one id are a clash like any other; a stranger's claim is not.
        const bool reserved = builtIn_ && taken->file.parent_path() == *builtIn_ &&
                              plugin->file.parent_path() != *builtIn_;
        const std::string by = taken->file.string();
        refusals_.push_back(Refusal{
            plugin->file, plugin->info.id,
            reserved
                ? Text{"id 保留给内置插件 " + by, "id is reserved for the built-in plugin " + by}
                : Text{"id 已被 " + by + " 占用", "id is already taken by " + by}});
        return false;
    }
    plugins_.push_back(std::move(plugin));
    return true;
}

std::shared_ptr<const LoadedPlugin> PluginRegistry::find(std::string_view id) const {
    for (const auto& p : plugins_)
        if (p->info.id == id) return p;
    return nullptr;
}

} // namespace yanzhen::plugins
