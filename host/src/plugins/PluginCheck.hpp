/// \file PluginCheck.hpp
/// `yanzhen plugins check FILE`: loads a plugin in a child process, so that one which crashes,
/// aborts or hangs while loading is reported instead of taking the host down.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace yanzhen::plugins {

struct CheckResult {
    bool loaded = false;
    std::string line; ///< one line for a person: what was loaded, or why not
};

/// Puts the crash signals (SEGV, BUS, ILL, FPE, ABRT, SYS) back to their default action. Poco
/// installs handlers for them that abort or throw from signal context; a crash inside a plugin
/// must instead be reported as the signal it was, by the parent of `plugins check` or in a
/// core dump of the server.
void restoreDefaultCrashSignals();

/// Forks; the child loads `file` (and configures nothing), writes one line and exits. The
/// parent reports that line, or how the child died (signal, exit status, time-out).
CheckResult checkInChildProcess(const std::filesystem::path& file, std::string_view lang,
                                std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace yanzhen::plugins
