#include "PluginRegistry.hpp"

#include "PluginLoader.hpp"

#include <algorithm>

namespace yanzhen::plugins {

void PluginRegistry::discover(const std::vector<std::filesystem::path>& folders) {
    for (const auto& folder : folders) {
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
        refusals_.push_back(Refusal{plugin->file, plugin->info.id,
                                    Text{"id 已被 " + taken->file.string() + " 占用",
                                         "id is already taken by " + taken->file.string()}});
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
