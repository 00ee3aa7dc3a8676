#include "Probes.hpp"

#include "Population.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace yanzhen::bench {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// GET `path` on 127.0.0.1:`port`; the status, and the body in `body`. Throws Poco's
/// exceptions (connection refused while the server starts).
int get(int port, const std::string& path, const std::string& token, std::string& body) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) request.set("Authorization", "Bearer " + token);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(in, out);
    body = out.str();
    return response.getStatus();
}

pid_t spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    return pid;
}

} // namespace

ColdStart coldStart(const std::string& binary, const std::string& db, int port,
                    const std::string& token, long worker, const std::string& date, int runs) {
    const std::string path = "/api/v1/workers/" + std::to_string(worker) + "/progress?date=" + date;
    std::vector<double> starts;
    std::vector<double> floors;
    for (int run = 0; run < runs; ++run) {
        auto t = Clock::now();
        const pid_t version = spawn({binary, "--version"});
        int status = 0;
        waitpid(version, &status, 0);
        floors.push_back(msSince(t));

        t = Clock::now();
        const pid_t server = spawn({binary, "serve", "--db", db, "--port", std::to_string(port)});
        bool answered = false;
        while (!answered) {
            if (waitpid(server, &status, WNOHANG) == server)
                throw std::runtime_error("the server exited before answering (is port " +
                                         std::to_string(port) + " free?)");
            if (msSince(t) > 30000) {
                kill(server, SIGKILL);
                waitpid(server, &status, 0);
                throw std::runtime_error("the server did not answer within 30 s");
            }
            try {
                std::string body;
                answered = get(port, path, token, body) == 200;
            } catch (const Poco::Exception&) {
            }
            if (!answered) std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        starts.push_back(msSince(t));
        kill(server, SIGTERM);
        waitpid(server, &status, 0);
    }
    ColdStart c;
    c.medianMs = median(starts);
    c.minMs = *std::min_element(starts.begin(), starts.end());
    c.maxMs = *std::max_element(starts.begin(), starts.end());
    c.execFloorMs = median(floors);
    return c;
}

double progressBytes(int port, const std::string& token, long workers, const std::string& date,
                     int samples) {
    Random random(42);
    double total = 0;
    for (int i = 0; i < samples; ++i) {
        const long id = 1 + static_cast<long>(random.next() % static_cast<std::uint64_t>(workers));
        std::string body;
        const int status = get(
            port, "/api/v1/workers/" + std::to_string(id) + "/progress?date=" + date, token, body);
        if (status != 200)
            throw std::runtime_error("progress of worker " + std::to_string(id) + " answered " +
                                     std::to_string(status) + ": " + body.substr(0, 200));
        total += static_cast<double>(body.size());
    }
    return total / samples;
}

} // namespace yanzhen::bench
