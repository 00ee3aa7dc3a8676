/// \file ServeProcess.hpp
/// `yanzhen serve` in its own process, as the serve, reliability and bench tests run it:
/// started (on a free port over a database file, or with any arguments), its port read from
/// the line it prints, its memory read from /proc, and stopped with SIGKILL (a crash) or
/// SIGTERM. Plus one HTTP call with a bearer
/// token, as an integration sends it.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace yanzhen::testsupport {

/// `yanzhen ARGS...` in the background (usually `serve`), its output collected as it comes.
/// Killed (SIGKILL) when destroyed and still running.
class ServeProcess {
public:
    /// `binary args...` in `cwd`, with `env` added to the environment.
    ServeProcess(const std::string& binary, const std::vector<std::string>& args,
                 const std::filesystem::path& cwd,
                 const std::map<std::string, std::string>& env = {})
        : handle_(Poco::Process::launch(binary, args, cwd.string(), nullptr, &outPipe_, &errPipe_,
                                        Poco::Process::Env(env.begin(), env.end()))),
          outReader_([this] { collect(outPipe_, out_); }),
          errReader_([this] { collect(errPipe_, err_); }) {}
    /// `binary serve --port 0 --db DB --lang=en extra...` in the database's folder.
    ServeProcess(const std::string& binary, const std::filesystem::path& db,
                 const std::vector<std::string>& extra = {})
        : ServeProcess(binary, serveArgs(db, extra), db.parent_path()) {}
    ~ServeProcess() {
        if (!exitCode_) kill(SIGKILL);
        outReader_.join();
        errReader_.join();
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    Poco::ProcessHandle::PID pid() const { return handle_.id(); }

    /// The first match of `pattern` in what the process printed, waiting up to `timeout` for
    /// it; nothing when it did not come (or the process ended first).
    std::optional<std::smatch> waitFor(const std::regex& pattern, std::chrono::seconds timeout) {
        std::unique_lock lock(mutex_);
        std::smatch match;
        const bool found = changed_.wait_for(lock, timeout, [&] {
            snapshot_ = out_;
            return std::regex_search(snapshot_, match, pattern) || outDone_;
        });
        snapshot_ = out_;
        if (found && std::regex_search(snapshot_, match, pattern)) return match;
        return std::nullopt;
    }

    /// The port of the line "serving http://127.0.0.1:PORT/", waiting up to `timeout` for it;
    /// 0 when it did not come (the process ended first, or is too slow).
    unsigned short port(std::chrono::seconds timeout = std::chrono::seconds(60)) {
        const auto m = waitFor(std::regex(R"(serving http://127\.0\.0\.1:([0-9]+)/)"), timeout);
        return m ? static_cast<unsigned short>(std::stoi((*m)[1].str())) : 0;
    }

    /// Sends `signal` and waits for the process to end; its exit code (or -1).
    int kill(int signal) {
        ::kill(handle_.id(), signal);
        exitCode_ = handle_.wait();
        return *exitCode_;
    }

    /// Waits up to `timeout` for the process to end; its exit code (256 + the signal when a
    /// signal ended it), or nothing when it is still running.
    std::optional<int> wait(std::chrono::seconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!exitCode_ && std::chrono::steady_clock::now() < deadline) {
            const int rc = handle_.tryWait();
            if (rc != -1)
                exitCode_ = rc;
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return exitCode_;
    }

    /// SIGTERM, as a service manager stops it; the exit code, or nothing after `timeout`.
    std::optional<int> terminate(std::chrono::seconds timeout = std::chrono::seconds(10)) {
        ::kill(handle_.id(), SIGTERM);
        return wait(timeout);
    }

    /// The resident memory of the process (VmRSS) in KiB; 0 when it cannot be read.
    long rssKiB() const {
        std::ifstream status("/proc/" + std::to_string(handle_.id()) + "/status");
        std::string line;
        while (std::getline(status, line))
            if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
        return 0;
    }

    std::string out() {
        std::lock_guard lock(mutex_);
        return out_;
    }
    std::string err() {
        std::lock_guard lock(mutex_);
        return err_;
    }

private:
    static std::vector<std::string> serveArgs(const std::filesystem::path& db,
                                              const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"serve", "--port", "0", "--db", db.string(), "--lang=en"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
    void collect(Poco::Pipe& pipe, std::string& into) {
        Poco::PipeInputStream in(pipe);
        std::string line;
        while (std::getline(in, line)) {
            std::lock_guard lock(mutex_);
            into += line + '\n';
            changed_.notify_all();
        }
        std::lock_guard lock(mutex_);
        if (&into == &out_) outDone_ = true;
        changed_.notify_all();
    }

    Poco::Pipe outPipe_;
    Poco::Pipe errPipe_;
    Poco::ProcessHandle handle_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string out_;
    std::string err_;
    std::string snapshot_; ///< what waitFor() matched against: a match points into it
    bool outDone_ = false;
    std::optional<int> exitCode_;
    std::thread outReader_;
    std::thread errReader_;
};

/// One answer over HTTP; status 0 when the connection failed (nobody listening, reset).
struct HttpAnswer {
    int status = 0;
    std::string body;
};

/// `method path` to 127.0.0.1:`port` with `Authorization: Bearer token` and `body` (JSON) if
/// any, on `session` (kept alive between calls; reconnected by Poco when closed).
inline HttpAnswer callApi(Poco::Net::HTTPClientSession& session, const std::string& token,
                          const std::string& method, const std::string& path,
                          const std::string& body = "") {
    HttpAnswer a;
    try {
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Accept-Language", "en");
        req.set("Authorization", "Bearer " + token);
        req.setKeepAlive(true);
        if (!body.empty()) {
            req.setContentType("application/json");
            req.setContentLength(static_cast<std::streamsize>(body.size()));
        } else if (method != "GET") {
            req.setContentLength(0);
        }
        session.sendRequest(req) << body;
        Poco::Net::HTTPResponse res;
        std::istream& in = session.receiveResponse(res);
        Poco::StreamCopier::copyToString(in, a.body);
        a.status = static_cast<int>(res.getStatus());
    } catch (const Poco::Exception&) {
        session.reset();
        a.status = 0;
    }
    return a;
}

} // namespace yanzhen::testsupport
