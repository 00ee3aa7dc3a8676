/// \file LoadedPlugin.hpp
/// A plugin that passed every check: its library, its function table and what it declares.
#pragma once

#include "Manifest.hpp"

#include <yanzhen/abi.h>
#include <yanzhen/schema.hpp>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>

namespace yanzhen::plugins {

/// Immutable once loaded, and shared: every object made from it (a ModuleInstance) holds a
/// shared_ptr to it, and through it to the library, so the library's code stays mapped for as
/// long as anything the plugin made is alive, whatever happens to the registry.
struct LoadedPlugin {
    std::filesystem::path file;
    Manifest manifest;
    PluginInfo info; ///< a host-side copy of the plugin's declarations
    std::shared_ptr<const boost::dll::shared_library> library;
    const yz_plugin* table = nullptr; ///< static data inside `library`
    std::uint32_t abiMajor = 0;
    std::uint32_t abiMinor = 0;
};

} // namespace yanzhen::plugins
