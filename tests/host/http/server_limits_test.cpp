// What keeps one bad client from hurting the server or the others, against the real server
// (tests/support/ApiServer.hpp): bodies too large, too deep or not JSON, too many header
// fields, a client that connects and says nothing, a handler that throws, paths and methods
// that do not exist, the language of the messages, and password guessing. After each, the
// server must still answer the next request.

#include "ApiServer.hpp"
#include "RawHttp.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace yanzhen::testsupport {
namespace {

/// The server answers an ordinary request, on a fresh connection.
void expectServing(const ApiServer& server) {
    const auto health = server.anonymous().get("/healthz");
    EXPECT_EQ(health.status, 200) << health.body;
}

std::string nested(int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') + "1" +
           std::string(static_cast<std::size_t>(depth), ']');
}

TEST(ServerLimits, ABodyOverTheLimitIs413InTheErrorShape) {
    ApiServer server;
    const std::size_t limit = http::Limits{}.maxBodyBytes;
    // Valid JSON, one byte too long: the declared length alone refuses it.
    const std::string padding(
        limit - std::string(R"({"username": "", "password": "x"})").size() + 1, 'a');
    const std::string body = R"({"username": ")" + padding + R"(", "password": "x"})";
    ASSERT_EQ(body.size(), limit + 1);
    const auto declared = server.anonymous().post("/api/v1/auth/login", body);
    EXPECT_EQ(declared.status, 413) << declared.body.substr(0, 200);
    EXPECT_EQ(declared.errorCode(), "body_too_large");
    EXPECT_NE(declared.error()->getValue<std::string>("message").find("1048576"),
              std::string::npos);

    // Chunked, with no length to go by: refused once the limit is passed in reading.
    Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
    client.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json");
    req.setChunkedTransferEncoding(true);
    const Raw chunked = exchange(client, req, body);
    EXPECT_EQ(chunked.status, 413) << chunked.body.substr(0, 200);
    EXPECT_EQ(errorOf(chunked)->getValue<std::string>("code"), "body_too_large");

    // One byte less is read and parsed (and refused for what it says, not for its size).
    const auto fits =
        server.anonymous().post("/api/v1/auth/login", body.substr(0, 14) + body.substr(15));
    EXPECT_EQ(fits.status, 400) << fits.body.substr(0, 200);
    // The same, chunked: read to its end a buffer at a time, whole, and parsed.
    Poco::Net::HTTPRequest fitsChunked("POST", "/api/v1/auth/login",
                                       Poco::Net::HTTPMessage::HTTP_1_1);
    fitsChunked.setContentType("application/json");
    fitsChunked.setChunkedTransferEncoding(true);
    Poco::Net::HTTPClientSession fresh("127.0.0.1", server.port());
    fresh.setTimeout(Poco::Timespan(10, 0));
    const Raw whole = exchange(fresh, fitsChunked, body.substr(0, 14) + body.substr(15));
    EXPECT_EQ(whole.status, 400) << whole.body.substr(0, 200);
    EXPECT_EQ(errorOf(whole)->getValue<std::string>("code"), fits.errorCode());
    expectServing(server);
}

TEST(ServerLimits, ABodyTheServerRefusesUnreadIsNotTakenForTheNextRequest) {
    // A browser keeps its connection for the next request. When an answer comes before the
    // body was read (not logged in, not JSON, too large), what is left of the body must not be
    // parsed as the next request on that connection.
    ApiServer server;
    Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
    client.setKeepAlive(true);
    client.setTimeout(Poco::Timespan(10, 0));
    const auto next = [&](const std::string& after) {
        Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        const Raw r = exchange(client, req);
        EXPECT_EQ(r.status, 200) << "the request after " << after << ": " << r.body;
    };
    const std::string cohort = R"({"code": "TY-1", "name": "第一期", "course": "touyan-linghang",
        "starts_on": "2025-03-01", "ends_on": "2025-04-30"})";

    Poco::Net::HTTPRequest anonymous("POST", "/api/v1/cohorts", Poco::Net::HTTPMessage::HTTP_1_1);
    anonymous.setContentType("application/json");
    EXPECT_EQ(exchange(client, anonymous, cohort).status, 401);
    next("a 401");

    Poco::Net::HTTPRequest text("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
    text.setContentType("text/plain");
    EXPECT_EQ(exchange(client, text, cohort).status, 415);
    next("a 415");

    Poco::Net::HTTPRequest nowhere("POST", "/api/v1/nowhere", Poco::Net::HTTPMessage::HTTP_1_1);
    nowhere.setContentType("application/json");
    EXPECT_EQ(exchange(client, nowhere, cohort).status, 404);
    next("a 404");

    Poco::Net::HTTPRequest chunked("POST", "/api/v1/cohorts", Poco::Net::HTTPMessage::HTTP_1_1);
    chunked.setContentType("application/json");
    chunked.setChunkedTransferEncoding(true);
    EXPECT_EQ(exchange(client, chunked, cohort).status, 401);
    next("a chunked 401");

    const std::string large(http::Limits{}.maxBodyBytes + 1, ' ');
    Poco::Net::HTTPRequest tooLarge("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
    tooLarge.setContentType("application/json");
    const Raw refused = exchange(client, tooLarge, large);
    EXPECT_EQ(refused.status, 413);
    EXPECT_TRUE(refused.response.getKeepAlive()) << "read and dropped: the connection is kept";
    next("a 413");

    Poco::Net::HTTPRequest tooLargeChunked("POST", "/api/v1/auth/login",
                                           Poco::Net::HTTPMessage::HTTP_1_1);
    tooLargeChunked.setContentType("application/json");
    tooLargeChunked.setChunkedTransferEncoding(true);
    EXPECT_EQ(exchange(client, tooLargeChunked, large).status, 413);
    next("a chunked 413");
}

TEST(ServerLimits, ABodyFarOverTheLimitClosesTheConnectionAfterTheAnswer) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.limits.maxBodyBytes = 1024;
        config.limits.maxDiscardBytes = 4096;
    };
    ApiServer server(options);
    Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
    client.setKeepAlive(true);
    client.setTimeout(Poco::Timespan(10, 0));
    for (const bool chunked : {false, true}) {
        Poco::Net::HTTPRequest req("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
        req.setContentType("application/json");
        req.setChunkedTransferEncoding(chunked);
        const Raw r = exchange(client, req, std::string(16 * 1024, ' '));
        EXPECT_EQ(r.status, 413) << r.body;
        EXPECT_EQ(errorOf(r)->optValue<std::string>("code", ""), "body_too_large");
        EXPECT_FALSE(r.response.getKeepAlive()) << "the server does not read 16 KiB it refused";
        // The client opens a new connection, as the answer told it to.
        Poco::Net::HTTPRequest next("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        EXPECT_EQ(exchange(client, next).status, 200);
    }
    // Within the limit, as before.
    Poco::Net::HTTPRequest fits("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
    fits.setContentType("application/json");
    EXPECT_EQ(exchange(client, fits, R"({"username": "nobody"})").status, 400);
}

TEST(ServerLimits, JsonNestedTooDeepIs400) {
    ApiServer server;
    const auto deep =
        server.anonymous().post("/api/v1/auth/login", R"({"username": )" + nested(100) + "}");
    EXPECT_EQ(deep.status, 400) << deep.body;
    EXPECT_EQ(deep.errorCode(), "invalid_json");
    // Far past the limit, too: the parser stops early rather than running out of stack.
    const auto deeper =
        server.anonymous().post("/api/v1/auth/login", R"({"username": )" + nested(100000) + "}");
    EXPECT_EQ(deeper.status, 400) << deeper.body.substr(0, 200);
    // Within the limit the body parses, and the handler refuses what it says.
    const auto shallow =
        server.anonymous().post("/api/v1/auth/login", R"({"username": )" + nested(10) + "}");
    EXPECT_EQ(shallow.status, 400) << shallow.body;
    EXPECT_EQ(shallow.errorCode(), "invalid_field");
    expectServing(server);
}

TEST(ServerLimits, ABodyThatIsNotJsonIs415) {
    ApiServer server;
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", ""}) {
        Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
        Poco::Net::HTTPRequest req("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
        if (*type != '\0') req.setContentType(type);
        const Raw r = exchange(client, req, R"({"username": "a", "password": "b"})");
        EXPECT_EQ(r.status, 415) << type << ": " << r.body;
        EXPECT_EQ(errorOf(r)->getValue<std::string>("code"), "unsupported_media_type") << type;
    }
    // A charset parameter is still JSON.
    Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
    Poco::Net::HTTPRequest req("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json; charset=utf-8");
    EXPECT_EQ(exchange(client, req, "{}").status, 400);
}

TEST(ServerLimits, MoreThan100HeaderFieldsIs400AndTheServerGoesOn) {
    ApiServer server;
    Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
    client.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    for (int i = 0; i < 101; ++i)
        req.set("X-Filler-" + std::to_string(i), "x");
    const Raw r = exchange(client, req);
    EXPECT_EQ(r.status, 400) << r.body;

    // 90 fields are fine.
    Poco::Net::HTTPClientSession fine("127.0.0.1", server.port());
    Poco::Net::HTTPRequest ok("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    for (int i = 0; i < 90; ++i)
        ok.set("X-Filler-" + std::to_string(i), "x");
    EXPECT_EQ(exchange(fine, ok).status, 200);
    expectServing(server);
}

TEST(ServerLimits, AClientThatSendsNothingIsDroppedAfterTheTimeout) {
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) { config.timeoutSeconds = 1; };
    ApiServer server(options);

    // Two silent clients: one sends nothing at all, one half a request line.
    Poco::Net::StreamSocket silent(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    Poco::Net::StreamSocket halfway(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    halfway.sendBytes("GET /hea", 8);
    const auto started = std::chrono::steady_clock::now();
    // Meanwhile everybody else is served.
    expectServing(server);

    for (auto* socket : {&silent, &halfway}) {
        socket->setReceiveTimeout(Poco::Timespan(10, 0));
        char buffer[512];
        int n = 0;
        try {
            // The server closes the connection (0 bytes); some answer a 400 first.
            while ((n = socket->receiveBytes(buffer, sizeof buffer)) > 0) {
            }
        } catch (const Poco::TimeoutException&) {
            ADD_FAILURE() << "the connection was still open after 10 s";
        } catch (const Poco::Net::NetException&) { // reset by the server: dropped as well
        }
    }
    const auto waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    EXPECT_GE(waited.count(), 0.5) << "dropped before the timeout";
    EXPECT_LT(waited.count(), 5.0) << "a 1 s timeout took " << waited.count() << " s";
    expectServing(server);
}

TEST(ServerLimits, AClientSendingItsBodySlowlyHoldsNoAdmissionSlot) {
    // One request at a time is worked on; a client that promised a body and sends it slowly
    // must not make everyone else wait for it.
    ApiServerOptions options;
    options.configure = [](http::ServerConfig& config) {
        config.timeoutSeconds = 5;
        config.limits.activeRequests = 1;
    };
    ApiServer server(options);
    Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    const std::string head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                             "Content-Type: application/json\r\nContent-Length: 60\r\n\r\n"
                             "{\"username\":";
    slow.sendBytes(head.data(), static_cast<int>(head.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // its handler is reading now
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i)
        expectServing(server);
    const auto waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    EXPECT_LT(waited.count(), 2.0) << "the others waited " << waited.count() << " s";
}

TEST(ServerLimits, AHandlerThatThrowsAnswers500AndTheConnectionServesTheNextRequest) {
    ApiServerOptions options;
    options.routes = [](http::Router& router) {
        router.add("GET", "/test/throws", http::Audience::Public,
                   [](http::RequestContext&) { throw std::runtime_error("a bug in a handler"); });
        router.add("GET", "/test/throws-int", http::Audience::Public,
                   [](http::RequestContext&) { throw 42; });
        router.add("GET", "/test/silent", http::Audience::Public, [](http::RequestContext&) {});
    };
    ApiServer server(options);

    // One keep-alive connection through all of it.
    Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
    client.setKeepAlive(true);
    client.setTimeout(Poco::Timespan(10, 0));
    for (const char* path : {"/test/throws", "/test/throws-int", "/test/silent"}) {
        Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Accept-Language", "en");
        const Raw r = exchange(client, req);
        EXPECT_EQ(r.status, 500) << path << ": " << r.body;
        const auto error = errorOf(r);
        EXPECT_EQ(error->optValue<std::string>("code", ""), "internal") << path;
        EXPECT_EQ(error->optValue<std::string>("message", ""), "internal server error") << path;
        EXPECT_EQ(r.body.find("a bug in a handler"), std::string::npos)
            << "the answer does not show the server's insides";

        Poco::Net::HTTPRequest next("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        EXPECT_EQ(exchange(client, next).status, 200) << "after " << path;
    }
    expectServing(server);
}

TEST(ServerLimits, AnUnknownPathIs404AndAWrongMethod405InTheErrorShape) {
    ApiServer server;
    const auto client = server.anonymous();
    for (const char* path : {"/nowhere", "/api/v1/nowhere", "/api/v1/cohorts/1/nowhere", "/"}) {
        const auto r = client.get(path);
        EXPECT_EQ(r.status, 404) << path << ": " << r.body;
        EXPECT_EQ(r.errorCode(), "not_found") << path;
    }
    const auto wrong = client.request("DELETE", "/healthz", "");
    EXPECT_EQ(wrong.status, 405) << wrong.body;
    EXPECT_EQ(wrong.errorCode(), "method_not_allowed");
    EXPECT_EQ(wrong.headers.get("Allow", ""), "GET") << "a 405 names the methods there are";
    const auto put = client.request("PUT", "/api/v1/sessions/1/bookings", R"({})");
    EXPECT_EQ(put.status, 405) << put.body;
    EXPECT_EQ(put.headers.get("Allow", ""), "POST");
    // A route that exists is no 405 for the methods it has, whatever the caller.
    EXPECT_EQ(client.get("/api/v1/sessions/1").status, 401);
}

TEST(ServerLimits, AMalformedPathIs400InTheErrorShape) {
    ApiServer server;
    for (const char* uri : {"/api/v1/workers/%zz", "/healthz?limit=%", "/api/v1/%"}) {
        Poco::Net::HTTPClientSession client("127.0.0.1", server.port());
        client.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPRequest req("GET", uri, Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Accept-Language", "en");
        Raw r;
        try {
            r = exchange(client, req);
        } catch (const Poco::Exception& e) {
            ADD_FAILURE() << uri << ": no answer (" << e.displayText() << ")";
            continue;
        }
        EXPECT_EQ(r.status, 400) << uri << ": " << r.body;
        EXPECT_EQ(errorOf(r)->optValue<std::string>("code", ""), "bad_request") << uri;
    }
    expectServing(server);
}

TEST(ServerLimits, MessagesAreInTheLanguageTheClientAsksFor) {
    ApiServer server;
    const auto message = [&](const std::string& lang) {
        ApiClient client(server.port());
        client.language(lang);
        const auto r = client.get("/api/v1/auth/me");
        EXPECT_EQ(r.status, 401) << r.body;
        return r.error()->optValue<std::string>("message", "");
    };
    EXPECT_EQ(message("en"), "log in first");
    EXPECT_EQ(message("en-US,en;q=0.9,zh-CN;q=0.8"), "log in first");
    EXPECT_EQ(message("zh-CN"), "请先登录");
    EXPECT_EQ(message("zh-CN,zh;q=0.9,en;q=0.8"), "请先登录");
    EXPECT_EQ(message(""), "请先登录") << "Chinese when the client names neither";

    ApiClient english(server.port());
    english.language("en");
    EXPECT_EQ(english.get("/nowhere").error()->getValue<std::string>("message"),
              "no such path: /nowhere");
    ApiClient chinese(server.port());
    chinese.language("zh-CN");
    EXPECT_EQ(chinese.get("/nowhere").error()->getValue<std::string>("message"),
              "没有这个地址：/nowhere");
}

TEST(ServerLimits, RepeatedWrongPasswordsAreThrottledWith429ButTheOwnersBrowserGetsIn) {
    ApiServer server;
    server.addAccount("li", "trainer");
    const auto login = [&](const ApiClient& client, const std::string& password) {
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("username", std::string("li"));
        body->set("password", password);
        return client.post("/api/v1/auth/login", body);
    };
    // Li logged in from this browser last week: it keeps the device cookie the login set.
    ApiClient lisBrowser = server.anonymous();
    ASSERT_EQ(login(lisBrowser, ApiServer::kPassword).status, 200);
    std::string device;
    for (const auto& c : lisBrowser.cookiesSet())
        if (c.getName() == "yz_device") device = c.getValue();
    ASSERT_FALSE(device.empty()) << "a login sets a device cookie";

    const ApiClient stranger = server.anonymous();
    for (int i = 1; i <= 5; ++i) {
        const auto r = login(stranger, "wrong-" + std::to_string(i));
        EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
        EXPECT_EQ(r.errorCode(), "invalid_login");
    }
    const auto sixth = login(stranger, "wrong-6");
    EXPECT_EQ(sixth.status, 429) << sixth.body;
    EXPECT_EQ(sixth.errorCode(), "throttled");
    const std::string retry = sixth.headers.get("Retry-After", "");
    ASSERT_FALSE(retry.empty()) << "a 429 says when to try again";
    EXPECT_EQ(retry, "2"); // the first wait; it doubles with each further failure
    // The right password from a browser without the cookie is not even checked now ...
    EXPECT_EQ(login(stranger, ApiServer::kPassword).status, 429);
    // ... but Li's own browser, showing its cookie, gets in at once.
    ApiClient returning = server.anonymous();
    returning.withCookie("yz_device", device);
    const auto back = login(returning, ApiServer::kPassword);
    EXPECT_EQ(back.status, 200) << back.body;
    // Other accounts are not slowed by li's guesses.
    server.addAccount("wang", "trainer");
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("username", std::string("wang"));
    body->set("password", std::string(ApiServer::kPassword));
    EXPECT_EQ(server.anonymous().post("/api/v1/auth/login", body).status, 200);
}

} // namespace
} // namespace yanzhen::testsupport
