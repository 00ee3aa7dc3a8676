/// \file PluginRegistry.hpp
/// The plugins the host found: those it loaded and, for each one it refused, why.
#pragma once

#include "LoadedPlugin.hpp"
#include "Refusal.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace yanzhen::plugins {

class PluginRegistry {
public:
    /// Loads every `*.so` in each folder, in folder order then file-name order. A plugin whose
    /// id is already taken is refused, naming the file that took it. A folder that does not
    /// exist is skipped: an install may have no third-party plugin folder.
    ///
    /// `builtIn`, the folder of the plugins that ship with the host, is loaded first when it is
    /// among `folders`, wherever it is listed: the ids of its plugins are reserved, and a
    /// plugin elsewhere that claims one is refused, naming the built-in it would displace.
    void discover(const std::vector<std::filesystem::path>& folders,
                  const std::optional<std::filesystem::path>& builtIn = std::nullopt);

    /// Loads one file (see loadPlugin); returns true when it was loaded.
    bool add(const std::filesystem::path& file);

    const std::vector<std::shared_ptr<const LoadedPlugin>>& plugins() const { return plugins_; }
    const std::vector<Refusal>& refusals() const { return refusals_; }
    /// The plugin with this id, or null.
    std::shared_ptr<const LoadedPlugin> find(std::string_view id) const;

private:
    std::vector<std::shared_ptr<const LoadedPlugin>> plugins_;
    std::vector<Refusal> refusals_;
    std::optional<std::filesystem::path> builtIn_; ///< the folder whose ids are reserved
};

} // namespace yanzhen::plugins
