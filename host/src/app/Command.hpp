/// \file Command.hpp
/// What every command-line verb is given, and the exit codes they share.
#pragma once

#include <Poco/Util/LayeredConfiguration.h>

#include <ostream>
#include <string>
#include <vector>

namespace yanzhen::app {

class YanzhenApplication;

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

struct CommandContext {
    YanzhenApplication& app;
    std::vector<std::string> args; ///< the words after the verb
    std::string lang;              ///< "zh" or "en"
    bool json = false;             ///< --json: print data, not prose
    bool help = false;             ///< --help after the verb
    std::ostream& out;
    std::ostream& err;

    bool zh() const { return lang == "zh"; }
    /// Picks the text for the context's language.
    const char* say(const char* zhText, const char* enText) const { return zh() ? zhText : enText; }
};

/// `yanzhen plugins list|check ...`
int runPluginsCommand(CommandContext& ctx);
/// `yanzhen courses list|check|show ...`
int runCoursesCommand(CommandContext& ctx);

} // namespace yanzhen::app
