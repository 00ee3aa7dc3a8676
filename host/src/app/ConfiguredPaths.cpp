#include "ConfiguredPaths.hpp"

#include <Poco/StringTokenizer.h>

namespace yanzhen::app {

namespace {

std::vector<std::filesystem::path> split(const std::string& list, char separator) {
    std::vector<std::filesystem::path> out;
    Poco::StringTokenizer tokens(list, std::string(1, separator),
                                 Poco::StringTokenizer::TOK_TRIM |
                                     Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& t : tokens)
        out.emplace_back(t);
    return out;
}

} // namespace

std::vector<std::filesystem::path> configuredPaths(const Poco::Util::AbstractConfiguration& config,
                                                   const std::string& property,
                                                   const std::filesystem::path& besideBinary) {
    std::vector<std::filesystem::path> folders;
    if (config.has(property)) {
        folders = split(config.getString(property), ';');
        for (auto& f : folders)
            f = std::filesystem::weakly_canonical(std::filesystem::absolute(f));
        return folders;
    }
    return {besideBinaryPath(config, besideBinary)};
}

std::filesystem::path besideBinaryPath(const Poco::Util::AbstractConfiguration& config,
                                       const std::filesystem::path& besideBinary) {
    return std::filesystem::weakly_canonical(std::filesystem::absolute(
        std::filesystem::path(config.getString("application.dir")) / besideBinary));
}

} // namespace yanzhen::app
