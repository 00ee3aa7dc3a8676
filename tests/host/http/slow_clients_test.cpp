// Slow and malformed clients against the real server (http/Connection.hpp): more slowloris
// clients than the server has threads, a head or a body trickling in past its deadline, and
// a Content-Length that is not one. The slow clients connect from other loopback addresses
// (127.0.0.2 ...), as a stranger would from elsewhere; the clients that must be served come
// from 127.0.0.1.

#include "ApiServer.hpp"
#include "RawHttp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace yanzhen::testsupport {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// A TCP connection to the server from a chosen loopback address, byte by byte.
class RawClient {
public:
    RawClient(const char* from, unsigned short port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in source{};
        source.sin_family = AF_INET;
        ::inet_pton(AF_INET, from, &source.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0)
            ADD_FAILURE() << "cannot bind to " << from;
        sockaddr_in server{};
        server.sin_family = AF_INET;
        server.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0)
            ADD_FAILURE() << "cannot connect from " << from;
    }
    ~RawClient() { ::close(fd_); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    /// What the server has sent so far, without waiting; false once it has closed.
    bool poll(std::string& got) {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                got.append(buffer, static_cast<std::size_t>(n));
                continue;
            }
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }
    /// False once the server has closed the connection.
    bool send(const std::string& bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }
    /// Everything the server sends until it closes the connection or `seconds` pass; `closed`
    /// says which.
    std::string readAll(double seconds, bool& closed) {
        std::string got;
        closed = false;
        const auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            timeval tv{0, 100 * 1000};
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                closed = true;
                break;
            }
            if (n > 0) got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }

private:
    int fd_ = -1;
};

/// The status of the first answer in `raw` ("HTTP/1.1 408 ..."), 0 when there is none.
int statusOf(const std::string& raw) {
    if (raw.rfind("HTTP/1.", 0) != 0 || raw.size() < 12) return 0;
    return std::stoi(raw.substr(9, 3));
}

/// Latencies of `n` requests for /healthz, each on a fresh connection from 127.0.0.1.
std::vector<double> healthLatencies(const ApiServer& server, int n) {
    std::vector<double> seconds;
    for (int i = 0; i < n; ++i) {
        const auto t = Clock::now();
        const auto r = server.anonymous().get("/healthz");
        EXPECT_EQ(r.status, 200) << r.body;
        seconds.push_back(secondsSince(t));
    }
    std::sort(seconds.begin(), seconds.end());
    return seconds;
}

double p99(const std::vector<double>& sorted) {
    return sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
}

/// Trickles a request head that never ends, one byte every `gap`, until stopped or closed;
/// what the server answers meanwhile goes to `answer`.
void trickle(RawClient& client, std::atomic<bool>& stop, std::chrono::milliseconds gap,
             std::string& answer, std::atomic<bool>& closed) {
    if (!client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")) return;
    const std::string filler = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    for (std::size_t i = 0; !stop; ++i) {
        if (!client.poll(answer) || !client.send(std::string(1, filler[i % filler.size()]))) {
            client.poll(answer);
            closed = true;
            return;
        }
        std::this_thread::sleep_for(gap);
    }
}

TEST(SlowClients, MoreSlowClientsThanThreadsFromOneAddressLeaveEveryoneElseServed) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.threads = 4;
        config.connections.perAddress = 2;
        config.connections.headSeconds = 30; // the cap alone must do it here
    };
    ApiServer server(options);
    const auto before = healthLatencies(server, 40);

    // Eight slowloris clients from one address: twice the threads.
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < 8; ++i)
        slow.push_back(std::make_unique<RawClient>("127.0.0.2", server.port()));
    std::atomic<bool> stop{false};
    std::vector<std::string> answers(slow.size());
    std::vector<std::atomic<bool>> closed(slow.size());
    std::vector<std::thread> trickling;
    for (std::size_t i = 0; i < slow.size(); ++i)
        trickling.emplace_back([&, i] {
            trickle(*slow[i], stop, std::chrono::milliseconds(200), answers[i], closed[i]);
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    const auto during = healthLatencies(server, 40);
    // Everyone else is served about as fast as before: within 250 ms of their p99 without the
    // attack (before, the fifth slow client blocked /healthz for the whole timeout).
    EXPECT_LT(p99(during), p99(before) + 0.25)
        << "p99 " << p99(during) << " s under attack, " << p99(before) << " s before";

    // Two slow clients hold their thread; the other six were told why and closed at once.
    stop = true;
    for (auto& t : trickling)
        t.join();
    int refused = 0;
    for (std::size_t i = 0; i < slow.size(); ++i) {
        if (!closed[i]) continue;
        EXPECT_EQ(statusOf(answers[i]), 503) << answers[i];
        EXPECT_NE(answers[i].find("Retry-After: 1"), std::string::npos) << answers[i];
        EXPECT_NE(answers[i].find("too_many_connections"), std::string::npos) << answers[i];
        ++refused;
    }
    EXPECT_EQ(refused, 6);
}

TEST(SlowClients, SlowHeadsFromManyAddressesAreAnswered408AtTheirDeadline) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.threads = 4;
        config.connections.headSeconds = 2;
    };
    ApiServer server(options);

    // Six slow clients, each from its own address: the cap does not apply, the deadline does.
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < 6; ++i)
        slow.push_back(std::make_unique<RawClient>(("127.0.0." + std::to_string(i + 2)).c_str(),
                                                   server.port()));
    std::atomic<bool> stop{false};
    std::vector<std::string> answers(slow.size());
    std::vector<std::atomic<bool>> closed(slow.size());
    const auto started = Clock::now();
    std::vector<std::thread> trickling;
    for (std::size_t i = 0; i < slow.size(); ++i)
        trickling.emplace_back([&, i] {
            trickle(*slow[i], stop, std::chrono::milliseconds(100), answers[i], closed[i]);
        });

    // Those holding a thread are dropped at the deadline, so the others get theirs in turn.
    while (secondsSince(started) < 10.0 &&
           !std::all_of(closed.begin(), closed.end(), [](const auto& c) { return c.load(); }))
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const double took = secondsSince(started);
    int timedOut = 0;
    for (std::size_t i = 0; i < slow.size(); ++i) {
        EXPECT_TRUE(closed[i]) << "a slow client was still connected after 10 s";
        if (statusOf(answers[i]) == 408) ++timedOut;
    }
    EXPECT_EQ(timedOut, 6) << "each slow head is answered 408";
    // Four at a time, 2 s each from when a thread takes them: all six done in two rounds.
    EXPECT_GE(took, 3.5);
    EXPECT_LT(took, 7.0) << "six slow heads took " << took << " s to drop";
    stop = true;
    for (auto& t : trickling)
        t.join();
    const auto after = healthLatencies(server, 5);
    EXPECT_LT(after.back(), 1.0);
}

TEST(SlowClients, AWellBehavedClientsHeadInPiecesIsServed) {
    ApiServer server;
    RawClient client("127.0.0.1", server.port());
    for (const char* piece : {"GET /hea", "lthz HTTP/1.1\r\nHo", "st: x\r\n", "\r\n"}) {
        ASSERT_TRUE(client.send(piece));
        std::this_thread::sleep_for(std::chrono::milliseconds(60));
    }
    bool closed = false;
    const std::string got = client.readAll(1.0, closed);
    EXPECT_EQ(statusOf(got), 200) << got;
}

TEST(SlowClients, ABodyBelowTheMinimumRateIsAnswered408AndClosed) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.connections.bodyGraceSeconds = 1;
        config.connections.bodyMinBytesPerSecond = 500;
    };
    ApiServer server(options);
    RawClient client("127.0.0.2", server.port());
    ASSERT_TRUE(client.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/json\r\nContent-Length: 900\r\n\r\n{"));
    const auto started = Clock::now();
    std::atomic<bool> stop{false};
    std::thread sender([&] {
        while (!stop && client.send(" "))
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // 10 bytes a second
    });
    bool closed = false;
    const std::string got = client.readAll(8.0, closed);
    stop = true;
    sender.join();
    EXPECT_EQ(statusOf(got), 408) << got;
    EXPECT_NE(got.find("request_timeout"), std::string::npos) << got;
    EXPECT_TRUE(closed);
    // 1 s of grace plus what 10 bytes a second earn (0.02 s a second): dropped after ~1 s.
    EXPECT_LT(secondsSince(started), 4.0);
    EXPECT_EQ(server.anonymous().get("/healthz").status, 200);
}

TEST(SlowClients, ABodyAtAnHonestPaceIsNotCutOff) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.connections.bodyGraceSeconds = 1;
        config.connections.bodyMinBytesPerSecond = 100;
    };
    ApiServer server(options);
    RawClient client("127.0.0.1", server.port());
    const std::string body = "{\"username\":\"nobody\"," + std::string(300, ' ') +
                             "\"password\":\"wrong-password-here\"}";
    ASSERT_TRUE(client.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/json\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n"));
    // 3 s in all, well past the grace, at 120 bytes a second: above the minimum.
    for (std::size_t i = 0; i < body.size(); i += 24) {
        ASSERT_TRUE(client.send(body.substr(i, 24)));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    bool closed = false;
    const std::string got = client.readAll(2.0, closed);
    EXPECT_EQ(statusOf(got), 401) << got; // read to its end and judged: a wrong password
}

TEST(SlowClients, AMalformedContentLengthIs400InTheErrorShape) {
    ApiServer server;
    const std::vector<std::string> lengths = {
        "Content-Length: abc\r\n",
        "Content-Length: 12345678901234567890\r\n",
        "Content-Length: -5\r\n",
        "Content-Length: 2\r\nContent-Length: 3\r\n",
        "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
    };
    for (const auto& length : lengths) {
        RawClient client("127.0.0.1", server.port());
        ASSERT_TRUE(client.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\n" +
                                length + "\r\n{}"));
        bool closed = false;
        const std::string got = client.readAll(3.0, closed);
        EXPECT_EQ(statusOf(got), 400) << length << got;
        EXPECT_NE(got.find("\"code\":\"bad_content_length\""), std::string::npos) << got;
        EXPECT_TRUE(closed) << length;
    }
    // Two equal lengths are one length.
    RawClient twice("127.0.0.1", server.port());
    ASSERT_TRUE(twice.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type: application/json\r\n"
                           "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"));
    bool closed = false;
    const std::string answer = twice.readAll(2.0, closed);
    EXPECT_NE(statusOf(answer), 0) << answer;
    EXPECT_EQ(answer.find("bad_content_length"), std::string::npos) << answer;
    EXPECT_EQ(server.anonymous().get("/healthz").status, 200);
}

} // namespace
} // namespace yanzhen::testsupport
