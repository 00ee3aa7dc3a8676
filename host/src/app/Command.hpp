/// \file Command.hpp
/// What every command-line verb is given, the options it may read, and the exit codes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace yanzhen::app {

class YanzhenApplication;

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// A command-line option: every verb's options are declared here, once, so that the parser
/// knows them all; a verb reads the ones it needs and its --help lists them.
struct OptionSpec {
    const char* name;
    const char* argument; ///< nullptr: a flag
    bool repeatable;
    const char* helpEn;
};

/// Every option the program takes.
const std::vector<OptionSpec>& optionSpecs();

struct CommandContext {
    YanzhenApplication& app;
    std::vector<std::string> args; ///< the words after the verb
    std::string lang;              ///< "zh" or "en"
    const std::map<std::string, std::vector<std::string>>& options;
    std::ostream& out;
    std::ostream& err;

    bool zh() const { return lang == "zh"; }
    /// Picks the text for the context's language.
    const char* say(const char* zhText, const char* enText) const { return zh() ? zhText : enText; }
    bool has(const std::string& name) const { return options.count(name) > 0; }
    bool json() const { return has("json"); }
    bool help() const { return has("help"); }
    /// The option's (last) value, or `fallback`.
    std::string value(const std::string& name, const std::string& fallback = "") const {
        const auto it = options.find(name);
        return it == options.end() || it->second.empty() ? fallback : it->second.back();
    }
    std::vector<std::string> values(const std::string& name) const {
        const auto it = options.find(name);
        return it == options.end() ? std::vector<std::string>{} : it->second;
    }
    /// The evaluation date: today on the one clock (clock/Clock.hpp), which --date or
    /// YANZHEN_DATE pinned before the verb ran.
    std::int32_t today() const;
    /// Who the audit log says did it: --actor, else "cli:" and the login name.
    std::string actor() const;
};

/// A subcommand of a verb: the word that names it and the function that runs it.
struct Subcommand {
    const char* name;
    int (*run)(CommandContext& ctx);
};

/// Runs a verb that has subcommands. With --help it prints `usage` and returns kExitOk.
/// Otherwise the first word after the verb names the subcommand to run (it stays in ctx.args);
/// without one, `fallback` names it, and when `fallback` is nullptr `usage` is printed and
/// kExitUsage returned. A word no subcommand has gets "unknown command: VERB WORD" on err,
/// then `usage`, and kExitUsage.
int dispatch(CommandContext& ctx, const char* verb, const char* fallback,
             std::initializer_list<Subcommand> subcommands, void (*usage)(CommandContext& ctx));

/// `yanzhen plugins list|check ...`
int runPluginsCommand(CommandContext& ctx);
/// `yanzhen courses list|check|show ...`
int runCoursesCommand(CommandContext& ctx);
/// `yanzhen serve [--port N] [--bind ADDR] [--threads N]`
int runServeCommand(CommandContext& ctx);
/// `yanzhen init [--demo]`
int runInitCommand(CommandContext& ctx);
/// `yanzhen workers import|list|show ...`
int runWorkersCommand(CommandContext& ctx);
/// `yanzhen workers import roster.csv [--dry-run]`
int runWorkersImport(CommandContext& ctx);
/// `yanzhen cohorts create|list|enroll|migrate ...`
int runCohortsCommand(CommandContext& ctx);
/// `yanzhen sessions schedule|list|cancel|book|unbook ...`
int runSessionsCommand(CommandContext& ctx);
/// `yanzhen evidence import|record|list ...`
int runEvidenceCommand(CommandContext& ctx);
/// `yanzhen progress WORKER`
int runProgressCommand(CommandContext& ctx);
/// `yanzhen certs issue|list|show|verify|pdf|revoke|renew|reissue|expiring|pubkey ...`
int runCertsCommand(CommandContext& ctx);
/// `yanzhen audit verify|list`
int runAuditCommand(CommandContext& ctx);
/// `yanzhen report licensure ...`
int runReportCommand(CommandContext& ctx);
/// `yanzhen backup FILE`
int runBackupCommand(CommandContext& ctx);
/// `yanzhen users add|passwd|disable|list|token ...`
int runUsersCommand(CommandContext& ctx);

} // namespace yanzhen::app
