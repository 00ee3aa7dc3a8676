// Fuzz target: one API request through the real Dispatcher and the real routes, in process,
// on a real database (FuzzWorld.hpp), as an admin with a bearer token.
//
// An input is a request as text: its first line "METHOD /path?query", everything after the
// line break its body (sent as application/json with its Content-Length). The seeds are the
// API's write routes with real bodies; the fuzzer mutates both. Routes under /api/v1/auth/ are
// skipped: a login hashes a password (Argon2id, a noticeable fraction of a second).
//
// Whatever the request, the dispatcher answers it; never 500 (that is a handler's bug: the
// dispatcher logs the exception), and every answer of 400 and above is the error shape
// {"error": {"code", "message"}}, except the certificate verification page's HTML 404.

#include "FuzzWorld.hpp"

#include "http/Api.hpp"
#include "http/Dispatcher.hpp"
#include "http/Router.hpp"
#include "services/accounts/AccountService.hpp"
#include "services/accounts/LoginThrottle.hpp"
#include "store/sqlite/SqliteStore.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

using namespace yanzhen;

/// An answer kept in memory: what the handler sent.
class MemoryResponse : public Poco::Net::HTTPServerResponse {
public:
    void sendContinue() override {}
    std::ostream& send() override {
        sent_ = true;
        return body_;
    }
    void sendFile(const std::string&, const std::string&) override { sent_ = true; }
    void sendBuffer(const void* buffer, std::size_t length) override {
        sent_ = true;
        body_.write(static_cast<const char*>(buffer), static_cast<std::streamsize>(length));
    }
    void redirect(const std::string&, HTTPStatus status) override {
        setStatus(status);
        sent_ = true;
    }
    void requireAuthentication(const std::string&) override { sent_ = true; }
    bool sent() const override { return sent_; }
    std::string body() const { return body_.str(); }

private:
    std::ostringstream body_;
    bool sent_ = false;
};

/// A request read from memory, as from 127.0.0.1.
class MemoryRequest : public Poco::Net::HTTPServerRequest {
public:
    MemoryRequest(const std::string& method, const std::string& uri, const std::string& body,
                  MemoryResponse& response)
        : body_(body), response_(response), params_(new Poco::Net::HTTPServerParams),
          client_("127.0.0.1", 40000), server_("127.0.0.1", 8080) {
        setMethod(method);
        setURI(uri);
        setVersion(HTTP_1_1);
        set("Authorization", "Bearer fuzz");
        set("Accept-Language", "en");
        setContentType("application/json");
        setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    std::istream& stream() override { return body_; }
    const Poco::Net::SocketAddress& clientAddress() const override { return client_; }
    const Poco::Net::SocketAddress& serverAddress() const override { return server_; }
    const Poco::Net::HTTPServerParams& serverParams() const override { return *params_; }
    Poco::Net::HTTPServerResponse& response() const override { return response_; }
    bool secure() const override { return false; }

private:
    std::istringstream body_;
    MemoryResponse& response_;
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::SocketAddress client_;
    Poco::Net::SocketAddress server_;
};

/// The world, the API's routes over it, and a dispatcher that takes token "fuzz" for an admin.
struct Api {
    fuzz::World world{"http"};
    services::LoginThrottle throttle;
    services::AccountService accounts{*world.store, throttle};
    http::ApiServices services{*world.store, world.plugins.registry, world.plugins.catalog,
                               *world.versions, accounts};
    http::Router router;
    std::unique_ptr<http::Dispatcher> dispatcher;

    Api() {
        http::registerRoutes(router, services);
        http::Authenticator authenticator{
            [](const std::string& token) -> std::optional<http::Principal> {
                if (token != "fuzz") return std::nullopt;
                return http::Principal{1, "fuzz", services::Role::Admin, std::nullopt, false, ""};
            },
            [](const std::string&, const std::string&) { return false; }};
        dispatcher = std::make_unique<http::Dispatcher>(router, authenticator, http::Limits{});
    }
};

[[noreturn]] void fail(const std::string& request, int status, const std::string& body,
                       const char* what) {
    std::fprintf(stderr, "http_request_fuzz: %s\n  request: %s\n  answer %d: %s\n", what,
                 request.c_str(), status, body.c_str());
    std::abort();
}

/// The pattern of the route the dispatcher chose for `method` and `uri`; empty when none did.
std::string answeredBy(const Api& api, const std::string& method, const std::string& uri) {
    try {
        bool methodMismatch = false;
        const auto match = api.router.match(method, Poco::URI(uri).getPath(), methodMismatch);
        return match ? match->route->pattern : "";
    } catch (const Poco::Exception&) { // a malformed URI: no route answered it
        return "";
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Api* api = new Api; // lives to the end
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto eol = text.find('\n');
    const std::string line = text.substr(0, eol);
    const std::string body = eol == std::string::npos ? "" : text.substr(eol + 1);
    const auto space = line.find(' ');
    if (space == std::string::npos || space == 0) return 0;
    const std::string method = line.substr(0, space);
    const std::string uri = line.substr(space + 1);
    if (uri.find("/auth/") != std::string::npos) return 0;

    MemoryResponse response;
    MemoryRequest request(method, uri, body, response);
    api->dispatcher->handle(request, response);

    const int status = static_cast<int>(response.getStatus());
    const std::string answer = response.body();
    // YANZHEN_FUZZ_VERBOSE=1 shows what each input got: whether a seed still reaches its handler.
    static const bool verbose = std::getenv("YANZHEN_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fprintf(stderr, "  %s -> %d %.200s\n", line.c_str(), status, answer.c_str());
    if (!response.sent()) fail(line, status, answer, "no answer");
    if (status >= 500) fail(line, status, answer, "a server error");
    // The one page for people rather than programs: /verify/{serial}, opened from a
    // certificate's QR code, says "no such certificate" as an HTML page with status 404.
    // The router says whether that route answered (it reads "//verify//x" as /verify/x).
    const bool verifyPage = status == 404 && response.getContentType().rfind("text/html", 0) == 0 &&
                            answeredBy(*api, method, uri) == "/verify/{serial}";
    if (status >= 400 && !verifyPage) {
        try {
            const auto parsed = Poco::JSON::Parser().parse(answer);
            const auto o = parsed.extract<Poco::JSON::Object::Ptr>();
            if (!o->getObject("error") || !o->getObject("error")->has("code"))
                fail(line, status, answer, "an error answer without error.code");
        } catch (const Poco::Exception&) {
            fail(line, status, answer, "an error answer that is not JSON");
        }
    }
    return 0;
}
