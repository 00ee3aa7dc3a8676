/// \file ConfiguredPaths.hpp
/// How every folder setting is resolved, in one place: the command line or the configuration
/// file, then an environment variable (the application folds those into the configuration, in
/// that order), then a default beside the executable.
#pragma once

#include <Poco/Util/AbstractConfiguration.h>

#include <filesystem>
#include <string>
#include <vector>

namespace yanzhen::app {

/// The folders named by `property` (';'-separated: the command line, the environment or the
/// configuration file, as the application resolved them), else `<application.dir>/<besideBinary>`.
/// All made absolute now: with --daemon the process later changes directory to /.
std::vector<std::filesystem::path> configuredPaths(const Poco::Util::AbstractConfiguration& config,
                                                   const std::string& property,
                                                   const std::filesystem::path& besideBinary);

/// `<application.dir>/<besideBinary>`, absolute and canonical as configuredPaths makes it.
std::filesystem::path besideBinaryPath(const Poco::Util::AbstractConfiguration& config,
                                       const std::filesystem::path& besideBinary);

} // namespace yanzhen::app
