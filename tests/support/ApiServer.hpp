/// \file ApiServer.hpp
/// The real JSON API, in process: ApiServer puts together the pieces `yanzhen serve` does
/// (host/src/app/ServeCommand.cpp) over a fresh database in a temporary folder, with the
/// plugins of this build (YANZHEN_PLUGIN_DIR) and the shipped courses (courses/ in the
/// sources), and serves it on 127.0.0.1 on a free port until it is destroyed. ApiClient calls
/// it over HTTP the way a browser (session cookie + CSRF token) or an integration (bearer
/// token) does, and hands back the status and the parsed JSON.
///
///   ApiServer server;
///   server.addPerson("T-001", "李老师");
///   const ApiClient admin = server.login("admin", "admin");           // cookie + CSRF token
///   const ApiClient li = server.withToken("li", "trainer", "T-001");  // bearer token
///   const ApiResponse r = admin.post("/api/v1/cohorts", R"({"code": "TY-1", ...})");
///   EXPECT_EQ(r.status, 201) << r.body;
///   EXPECT_EQ(r.object()->getValue<std::string>("code"), "TY-1");
///
/// A test that needs other limits or timeouts, or routes of its own (a handler that throws),
/// passes ApiServerOptions.
///
/// Every server has its own database: tests do not see each other's records. Creating an
/// account hashes its password (Argon2id: a noticeable fraction of a second), so a test makes
/// the few accounts it needs.
#pragma once

#include "TempDatabase.hpp"

#include "courses/CourseCatalog.hpp"
#include "http/Api.hpp"
#include "http/Dispatcher.hpp"
#include "http/HttpServer.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/accounts/AccountService.hpp"
#include "services/accounts/LoginThrottle.hpp"
#include "services/credentials/CertificateSigner.hpp"
#include "services/progress/CourseVersions.hpp"
#include "store/sqlite/PeopleRepository.hpp"
#include "store/sqlite/SqliteStore.hpp"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace yanzhen::testsupport {

/// One answer of the API.
struct ApiResponse {
    int status = 0;
    std::string body;
    Poco::Dynamic::Var json;                ///< the body parsed; empty when it is not JSON
    Poco::Net::NameValueCollection headers; ///< the answer's header fields (names in any case)

    /// The body as a JSON object; fails the test (and gives an empty object) when it is not one.
    Poco::JSON::Object::Ptr object() const {
        if (json.type() == typeid(Poco::JSON::Object::Ptr))
            return json.extract<Poco::JSON::Object::Ptr>();
        ADD_FAILURE() << "not a JSON object (status " << status << "): " << body;
        return new Poco::JSON::Object;
    }
    /// The error object ({code, message, details?}) of an error answer; empty when there is none.
    Poco::JSON::Object::Ptr error() const {
        if (json.type() != typeid(Poco::JSON::Object::Ptr)) return new Poco::JSON::Object;
        const auto o = json.extract<Poco::JSON::Object::Ptr>();
        if (!o->has("error")) return new Poco::JSON::Object;
        return o->getObject("error");
    }
    /// error.code, or "" when the answer is no error.
    std::string errorCode() const { return error()->optValue<std::string>("code", ""); }
    /// The paths of error.details.fields, in order: what an "invalid_field" answer names.
    std::vector<std::string> fieldPaths() const {
        std::vector<std::string> paths;
        const auto e = error();
        if (!e->has("details") || !e->getObject("details")->has("fields")) return paths;
        const auto fields = e->getObject("details")->getArray("fields");
        for (std::size_t i = 0; i < fields->size(); ++i)
            paths.push_back(fields->getObject(i)->optValue<std::string>("path", ""));
        return paths;
    }
};

/// Calls the API on 127.0.0.1:`port`, one connection per request. Copyable; cheap.
class ApiClient {
public:
    explicit ApiClient(unsigned short port) : port_(port) {}

    /// Sends `Authorization: Bearer <token>` with every request.
    ApiClient& bearer(std::string token) {
        bearer_ = std::move(token);
        return *this;
    }
    /// Sends the session cookie with every request and the CSRF token with every write, as the
    /// web pages do.
    ApiClient& session(std::string cookie, std::string csrf,
                       std::string name = http::kSessionCookie) {
        cookie_ = std::move(cookie);
        csrf_ = std::move(csrf);
        cookieName_ = std::move(name);
        return *this;
    }
    /// Sends cookie `name` with every request, beside the session's (a browser's device cookie).
    ApiClient& withCookie(std::string name, std::string value) {
        extraCookies_.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    /// The Accept-Language header: "en" (the default here) or "zh".
    ApiClient& language(std::string lang) {
        lang_ = std::move(lang);
        return *this;
    }
    const std::string& csrfToken() const { return csrf_; }

    ApiResponse get(const std::string& path) const { return request("GET", path, ""); }
    /// POSTs `json` (the text of a JSON body) as application/json.
    ApiResponse post(const std::string& path, const std::string& json) const {
        return request("POST", path, json);
    }
    ApiResponse post(const std::string& path, const Poco::JSON::Object::Ptr& json) const {
        std::ostringstream out;
        json->stringify(out);
        return request("POST", path, out.str());
    }
    ApiResponse del(const std::string& path) const { return request("DELETE", path, ""); }

    /// Any request; a non-empty `body` goes as application/json. Never throws for an HTTP
    /// error status; a connection that fails fails the test (status 0).
    ApiResponse request(const std::string& method, const std::string& path,
                        const std::string& body) const {
        ApiResponse r;
        try {
            Poco::Net::HTTPClientSession client("127.0.0.1", port_);
            client.setTimeout(Poco::Timespan(30, 0));
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.set("Accept-Language", lang_);
            if (!bearer_.empty()) req.set("Authorization", "Bearer " + bearer_);
            Poco::Net::NameValueCollection cookies;
            for (const auto& [name, value] : extraCookies_)
                cookies.add(name, value);
            if (!cookie_.empty()) {
                cookies.add(cookieName_, cookie_);
                if (method != "GET") req.set("X-CSRF-Token", csrf_);
            }
            if (!cookies.empty()) req.setCookies(cookies);
            if (!body.empty()) {
                req.setContentType("application/json");
                req.setContentLength(static_cast<std::streamsize>(body.size()));
            } else if (method != "GET") {
                req.setContentLength(0);
            }
            client.sendRequest(req) << body;
            Poco::Net::HTTPResponse res;
            std::istream& in = client.receiveResponse(res);
            Poco::StreamCopier::copyToString(in, r.body);
            r.status = static_cast<int>(res.getStatus());
            r.headers = static_cast<const Poco::Net::NameValueCollection&>(res);
            cookiesSet_.clear();
            res.getCookies(cookiesSet_);
        } catch (const Poco::Exception& e) {
            ADD_FAILURE() << method << " " << path << ": " << e.displayText();
            return r;
        }
        try {
            r.json = Poco::JSON::Parser().parse(r.body);
        } catch (const Poco::Exception&) { // not JSON: json stays empty
        }
        return r;
    }

    /// The cookies the last answer set (login sets the session cookie).
    const std::vector<Poco::Net::HTTPCookie>& cookiesSet() const { return cookiesSet_; }

private:
    unsigned short port_;
    std::string bearer_;
    std::string cookie_;
    std::string cookieName_ = http::kSessionCookie;
    std::vector<std::pair<std::string, std::string>> extraCookies_;
    std::string csrf_;
    std::string lang_ = "en";
    mutable std::vector<Poco::Net::HTTPCookie> cookiesSet_;
};

/// How a test shapes its server beyond the defaults.
struct ApiServerOptions {
    /// Changes the configuration before the server starts (limits, timeouts, threads); the
    /// server still binds 127.0.0.1 on a free port.
    std::function<void(http::ServerConfig&)> configure;
    /// Adds routes of the test's own after the API's, before the server starts.
    std::function<void(http::Router&)> routes;
    /// The public address (ServeCommand's --public-url): https makes the session cookie
    /// Secure and __Host-, on both the login route and the dispatcher.
    std::string publicUrl;
};

/// The API server over its own temporary database; stops and removes everything when
/// destroyed. Construction fails the test (ADD_FAILURE) when a shipped course does not load.
class ApiServer {
public:
    /// The password of every account addAccount() makes.
    static constexpr const char* kPassword = "correct-horse-battery";

    ApiServer() : ApiServer(ApiServerOptions{}) {}
    explicit ApiServer(const ApiServerOptions& options) {
        db_ = store::Database::open(folder_ / "yanzhen.db");
        store_ = std::make_unique<store::SqliteStore>(*db_);
        registry_ = std::make_unique<plugins::PluginRegistry>();
        registry_->discover({std::filesystem::path(YANZHEN_PLUGIN_DIR)});
        catalog_ = std::make_unique<courses::CourseCatalog>();
        catalog_->discover({std::filesystem::path(YANZHEN_SOURCE_DIR) / "courses"},
                           courses::CourseLoader(*registry_));
        for (const auto& f : catalog_->failures())
            for (const auto& d : f.diagnostics)
                ADD_FAILURE() << f.file.string() << ": " << d.format("en");
        versions_ = std::make_unique<services::CourseVersions>(*store_, *registry_);
        accounts_ = std::make_unique<services::AccountService>(*store_, throttle_);
        api_ = std::make_unique<http::ApiServices>(
            http::ApiServices{*store_, *registry_, *catalog_, *versions_, *accounts_});
        api_->signingKey = services::defaultSigningKeyFile(db_->file());
        if (!options.publicUrl.empty()) api_->publicUrl = options.publicUrl;
        http::registerRoutes(router_, *api_);
        if (options.routes) options.routes(router_);
        authenticator_ = http::Authenticator{
            [this](const std::string& token) -> std::optional<http::Principal> {
                const auto p = accounts_->authenticate(token);
                if (!p) return std::nullopt;
                return http::Principal{p->accountId, p->username, p->role, p->personId, false, ""};
            },
            [this](const std::string& session, const std::string& csrf) {
                return accounts_->checkCsrf(session, csrf);
            }};
        http::ServerConfig config;
        config.bind = "127.0.0.1";
        config.port = 0;
        config.threads = 8;
        if (options.configure) options.configure(config);
        if (http::servedOverHttps(api_->publicUrl))
            config.sessionCookie = http::kSecureSessionCookie;
        config.bind = "127.0.0.1";
        config.port = 0;
        server_ = std::make_unique<http::HttpServer>(router_, authenticator_, config);
        server_->start();
    }
    ~ApiServer() {
        if (server_) server_->stop();
    }
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    unsigned short port() const { return server_->port(); }
    /// Every route the server answers, the API's and the test's own.
    const http::Router& router() const { return router_; }
    store::Database& db() { return *db_; }
    store::Store& store() { return *store_; }
    services::AccountService& accounts() { return *accounts_; }
    services::CourseVersions& versions() { return *versions_; }
    const courses::CourseCatalog& catalog() const { return *catalog_; }
    const plugins::PluginRegistry& plugins() const { return *registry_; }
    const std::filesystem::path& folder() const { return folder_.path(); }

    /// A client that is not logged in.
    ApiClient anonymous() const { return ApiClient(port()); }

    /// Adds a person (a trainer or a worker) with staff number `code`, holding `post` since
    /// 2024-01-01 when one is given; returns the id.
    store::Id addPerson(const std::string& code, const std::string& name,
                        const std::string& post = "") {
        store::Id id = 0;
        db_->write("test", [&](store::WriteTransaction& tx) {
            store::Person p;
            p.code = code;
            p.name = name;
            if (!post.empty()) p.posts.push_back(store::Post{post, std::nullopt, "2024-01-01", ""});
            id = store::PeopleRepository(tx.session()).add(tx, p);
        });
        return id;
    }

    /// Creates an account with kPassword; `person` (a staff number) links it to a person, as a
    /// trainer or worker account needs.
    void addAccount(const std::string& username, const std::string& role,
                    const std::optional<std::string>& person = std::nullopt) {
        accounts_->createAccount(services::NewAccount{username, role, person, kPassword}, "test");
    }

    /// Creates the account and logs it in through POST /api/v1/auth/login: the client sends
    /// the session cookie and the CSRF token, as the web pages do. Fails the test when the
    /// login does.
    ApiClient login(const std::string& username, const std::string& role,
                    const std::optional<std::string>& person = std::nullopt) {
        addAccount(username, role, person);
        ApiClient client(port());
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("username", username);
        body->set("password", std::string(kPassword));
        const auto r = client.post("/api/v1/auth/login", body);
        EXPECT_EQ(r.status, 200) << r.body;
        std::string cookie;
        for (const auto& c : client.cookiesSet())
            if (c.getName() == http::kSessionCookie) cookie = c.getValue();
        EXPECT_FALSE(cookie.empty()) << "login set no " << http::kSessionCookie << " cookie";
        client.session(cookie, r.object()->optValue<std::string>("csrf_token", ""));
        return client;
    }

    /// Creates the account and an API token for it: the client sends it as a bearer token.
    ApiClient withToken(const std::string& username, const std::string& role,
                        const std::optional<std::string>& person = std::nullopt) {
        addAccount(username, role, person);
        const auto token = accounts_->createToken(username, "test", std::nullopt, "test");
        ApiClient client(port());
        client.bearer(token.token);
        return client;
    }

private:
    // Declared in the order they are built; destroyed in reverse: the server stops first, and
    // the courses go before the plugins whose libraries hold their code.
    TempFolder folder_;
    std::shared_ptr<store::Database> db_;
    std::unique_ptr<store::SqliteStore> store_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
    std::unique_ptr<courses::CourseCatalog> catalog_;
    std::unique_ptr<services::CourseVersions> versions_;
    services::LoginThrottle throttle_;
    std::unique_ptr<services::AccountService> accounts_;
    std::unique_ptr<http::ApiServices> api_;
    http::Router router_;
    http::Authenticator authenticator_;
    std::unique_ptr<http::HttpServer> server_;
};

} // namespace yanzhen::testsupport
