#include "PluginCheck.hpp"

#include "PluginLoader.hpp"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>

namespace yanzhen::plugins {

namespace {

/// In the child: load, describe the outcome on `fd` and return the exit status.
int childCheck(const std::filesystem::path& file, std::string_view lang, int fd) {
    restoreDefaultCrashSignals();
    const auto outcome = loadPlugin(file);
    std::string line;
    int status = 0;
    if (const auto* refusal = std::get_if<Refusal>(&outcome)) {
        line = refusal->line(lang);
        status = 1;
    } else {
        const auto& p = *std::get<std::shared_ptr<const LoadedPlugin>>(outcome);
        const bool zh = lang.substr(0, 2) == "zh";
        line = (zh ? "插件“" + p.info.id + "” " + p.info.version + "（" + p.file.string() +
                         "）：可以加载，ABI "
                   : "plugin '" + p.info.id + "' " + p.info.version + " (" + p.file.string() +
                         "): loads, ABI ") +
               std::to_string(p.abiMajor) + "." + std::to_string(p.abiMinor);
    }
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
    }
    return status;
}

std::string signalName(int sig) {
    const char* abbrev = ::sigabbrev_np(sig);
    return abbrev != nullptr ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

} // namespace

void restoreDefaultCrashSignals() {
    for (const int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS})
        ::signal(sig, SIG_DFL);
}

CheckResult checkInChildProcess(const std::filesystem::path& file, std::string_view lang,
                                std::chrono::milliseconds timeout) {
    const bool zh = lang.substr(0, 2) == "zh";
    const std::string name = file.string();
    std::array<int, 2> pipeFds{};
    if (::pipe(pipeFds.data()) != 0) return {false, "pipe: " + std::string(::strerror(errno))};
    const pid_t pid = ::fork();
    if (pid < 0) return {false, "fork: " + std::string(::strerror(errno))};
    if (pid == 0) {
        ::close(pipeFds[0]);
        ::_exit(childCheck(file, lang, pipeFds[1]));
    }
    ::close(pipeFds[1]);

    std::string line;
    bool timedOut = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            break;
        }
        pollfd p{pipeFds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            timedOut = ready == 0;
            break;
        }
        char buffer[512];
        const ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
        if (n <= 0) break; // the child closed its end: it exited or died
        if (line.size() < 4096) line.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipeFds[0]);
    if (timedOut) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }

    if (timedOut)
        return {false, zh ? "插件 " + name + "：加载超过 " + std::to_string(timeout.count()) +
                                " 毫秒未完成，已终止"
                          : "plugin " + name + ": still loading after " +
                                std::to_string(timeout.count()) + " ms; killed"};
    if (WIFSIGNALED(status))
        return {false, zh ? "插件 " + name + "：加载时崩溃（" + signalName(WTERMSIG(status)) + "）"
                          : "plugin " + name + ": crashed while loading (" +
                                signalName(WTERMSIG(status)) + ")"};
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !line.empty()) return {true, line};
    if (!line.empty()) return {false, line};
    return {false, zh ? "插件 " + name + "：加载时退出，状态 " + std::to_string(WEXITSTATUS(status))
                      : "plugin " + name + ": exited with status " +
                            std::to_string(WEXITSTATUS(status)) + " while loading"};
}

} // namespace yanzhen::plugins
