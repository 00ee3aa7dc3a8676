/// \file YanzhenApplication.hpp
/// The `yanzhen` program: a Poco ServerApplication whose subsystems are registered in the
/// constructor (store, plugins, courses; HTTP when it arrives) and whose main() dispatches the
/// command-line verb.
#pragma once

#include <Poco/Util/ServerApplication.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace yanzhen::app {

class YanzhenApplication : public Poco::Util::ServerApplication {
public:
    YanzhenApplication();

    /// Blocks until SIGINT or SIGTERM (or terminate()): how `serve` waits for its end.
    void waitForStop() { waitForTerminationRequest(); }

protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    void printHelp(const std::string& lang) const;

    std::map<std::string, std::vector<std::string>> options_; ///< every option given, by name
    /// The folder the program was started in, which relative paths mean: with --daemon the
    /// process has moved to "/" before initialize() runs.
    std::filesystem::path startDir_ = std::filesystem::current_path();
};

} // namespace yanzhen::app
