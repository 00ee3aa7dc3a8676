// Closing a connection whose client is still sending, without losing the answer
// (host/src/http/LingeringClose.hpp), against the real server on a machine kept busy on purpose.
// A binary of its own, run alone (RUN_SERIAL in tests/CMakeLists.txt): it keeps both cores busy,
// which must not slow the tests that measure time beside it.

#include "ApiServer.hpp"
#include "RawHttp.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>

namespace yanzhen::testsupport {
namespace {

/// Two processes that keep both cores busy for as long as this lives (and at most five minutes,
/// should the test die first), in a process group of their own.
class CpuBurners {
public:
    CpuBurners() {
        pid_ = ::fork();
        if (pid_ == 0) {
            ::setpgid(0, 0);
            // All in this process group, which the destructor kills; nothing holds the test's
            // output open (ctest waits for whoever does); and the group ends itself after five
            // minutes should nobody kill it.
            ::execl("/bin/sh", "sh", "-c",
                    "exec >/dev/null 2>&1 </dev/null; "
                    "while :; do :; done & while :; do :; done & sleep 300; kill 0",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::setpgid(pid_, pid_);
    }
    ~CpuBurners() {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    CpuBurners(const CpuBurners&) = delete;
    CpuBurners& operator=(const CpuBurners&) = delete;

private:
    pid_t pid_ = -1;
};

// A body far over what the server reads: it answers 413 and closes, and the client, which is
// still sending, must read the 413 and not "connection reset by peer". The server shuts its
// sending side and drains the rest before closing (http/LingeringClose.hpp); without that the
// reset wins the race now and then, and most often on a busy machine, so the machine is made
// busy and the race run 200 times.
TEST(LingeringClose, ARefusedBodyStillGetsItsAnswerEveryTimeOnABusyMachine) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.limits.maxBodyBytes = 1024;
        config.limits.maxDiscardBytes = 4096;
    };
    ApiServer server(options);
    CpuBurners burners;
    const std::string body(256 * 1024, ' ');
    int answered = 0;
    for (int i = 0; i < 200; ++i) {
        Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
        client.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest req("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
        req.setContentType("application/json");
        req.setChunkedTransferEncoding(i % 2 == 1);
        try {
            const Raw r = exchange(client, req, body);
            EXPECT_EQ(r.status, 413) << "round " << i << ": " << r.body;
            EXPECT_FALSE(r.response.getKeepAlive()) << "round " << i;
            if (r.status == 413 &&
                errorOf(r)->optValue<std::string>("code", "") == "body_too_large")
                ++answered;
        } catch (const Poco::Exception& e) {
            ADD_FAILURE() << "round " << i << (i % 2 == 1 ? " (chunked)" : "") << ": "
                          << e.displayText();
        }
    }
    EXPECT_EQ(answered, 200);
    EXPECT_EQ(server.anonymous().get("/healthz").status, 200) << "still serving";
}

} // namespace
} // namespace yanzhen::testsupport
