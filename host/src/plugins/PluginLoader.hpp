/// \file PluginLoader.hpp
/// Loads one plugin library, checking it at every step before trusting it.
#pragma once

#include "LoadedPlugin.hpp"
#include "Refusal.hpp"

#include <filesystem>
#include <memory>
#include <variant>

namespace yanzhen::plugins {

using LoadOutcome = std::variant<std::shared_ptr<const LoadedPlugin>, Refusal>;

/// Loads `file` as a plugin. In order, and stopping at the first failure:
///  1. the manifest beside it exists and names an id, a version and an ABI;
///  2. boost::dll::library_info finds `yanzhen_plugin_entry_v1` in section "yanzhen" -- the
///     file's own code has not run yet, so a library that is not a plugin, or that would crash
///     in a static constructor, is refused here;
///  3. the library loads (every symbol resolved now, not on first call);
///  4. the entry point returns a table whose struct is large enough, whose ABI major equals
///     the host's and whose minor is not newer, with every required function present;
///  5. its declarations are well formed, and its id and version equal the manifest's.
/// Never throws for a bad plugin: the reason comes back as a Refusal.
LoadOutcome loadPlugin(const std::filesystem::path& file);

} // namespace yanzhen::plugins
