/// \file Manifest.hpp
/// The manifest that sits beside every plugin library (`<name>.plugin.json`), written by the
/// SDK's yanzhen_add_plugin() from a template. Read before the library is touched.
#pragma once

#include <yanzhen/text.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace yanzhen::plugins {

struct Manifest {
    std::string id;
    std::string version;
    std::string abi;     ///< "major.minor" of the SDK the plugin was built with
    std::string library; ///< the library's file name
    std::string status;  ///< "stable" or "experimental"
    Text title;
};

/// Why a manifest could not be read, in both languages.
struct ManifestError : std::runtime_error {
    explicit ManifestError(Text why) : std::runtime_error(why.en), reason(std::move(why)) {}
    Text reason;
};

/// The manifest path for a library: `dir/name.so` -> `dir/name.plugin.json`.
std::filesystem::path manifestPathFor(const std::filesystem::path& library);

/// Reads and checks a manifest. Throws ManifestError naming the missing or malformed key.
Manifest readManifest(const std::filesystem::path& file);

} // namespace yanzhen::plugins
