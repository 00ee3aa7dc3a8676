// Logging in and out. The web pages get an HttpOnly, SameSite=Strict session cookie and a CSRF
// token to send back on writes; integrations use API tokens (`yanzhen users token`) instead.
// A login also sets a device cookie (services/accounts/DeviceCookies), which lets this browser
// past the throttle of its account's next login; logging out leaves it.
//
//   POST /api/v1/auth/login   {"username", "password"} -> {"account", "csrf_token", "expires_at"}
//   POST /api/v1/auth/logout
//   GET  /api/v1/auth/me      -> who is logged in

#include "clock/Clock.hpp"
#include "http/Api.hpp"
#include "http/Dispatcher.hpp"
#include "http/RequestContext.hpp"

#include "json/DescribePlugins.hpp"

#include <yanzhen/date.hpp>

#include <Poco/Net/NameValueCollection.h>

#include <chrono>
#include <optional>

namespace yanzhen::http {

namespace {

Poco::JSON::Object::Ptr accountJson(const std::string& username, const std::string& role,
                                    const std::optional<services::Id>& person) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("username", username);
    o->set("role", role);
    if (person) o->set("worker", *person);
    return o;
}

/// The device cookie's names, plain and behind https.
const char* const kDeviceCookie = "yz_device";
const char* const kSecureDeviceCookie = "__Host-yz_device";

/// A cookie of ours: behind https a `__Host-` one that is Secure (`secureName`), else a plain
/// one; always HttpOnly and SameSite=Strict. `maxAge`: seconds, or nothing for a cookie that
/// ends with the browser.
std::string cookie(const ApiServices& api, const char* plainName, const char* secureName,
                   const std::string& value, std::optional<long long> maxAge) {
    const bool secure = servedOverHttps(api.publicUrl);
    return std::string(secure ? secureName : plainName) + "=" + value +
           "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") +
           (maxAge ? "; Max-Age=" + std::to_string(*maxAge) : "");
}

/// The session cookie; the dispatcher reads the same name (ServerConfig::sessionCookie).
std::string sessionCookie(const ApiServices& api, const std::string& value, bool clear) {
    return cookie(api, kSessionCookie, kSecureSessionCookie, value,
                  clear ? std::optional<long long>(0) : std::nullopt);
}

/// The device cookie the request shows, under the name this server sets; empty when none.
std::string deviceCookieOf(RequestContext& ctx, const ApiServices& api) {
    Poco::Net::NameValueCollection cookies;
    ctx.request().getCookies(cookies);
    return cookies.get(servedOverHttps(api.publicUrl) ? kSecureDeviceCookie : kDeviceCookie, "");
}

void login(RequestContext& ctx, ApiServices& api) {
    const auto body = ctx.jsonBody();
    const std::string username = body->optValue<std::string>("username", "");
    const std::string password = body->optValue<std::string>("password", "");
    if (username.empty() || password.empty() || username.size() > 256 || password.size() > 1024)
        throw ApiError(400, "invalid_field",
                       Text{"需要用户名和密码", "username and password are required"});
    const auto result =
        api.accounts.login(username, password, ctx.request().clientAddress().host().toString(),
                           deviceCookieOf(ctx, api));
    if (!result.ok) {
        if (result.reason == "throttled") {
            ctx.response().set("Retry-After", std::to_string(result.retryAfter.count()));
            throw ApiError(429, "throttled", result.message);
        }
        throw ApiError(401, result.reason == "disabled" ? "account_disabled" : "invalid_login",
                       result.message);
    }
    ctx.response().add("Set-Cookie", sessionCookie(api, result.sessionToken, false));
    ctx.response().add("Set-Cookie",
                       cookie(api, kDeviceCookie, kSecureDeviceCookie, result.deviceCookie,
                              std::chrono::seconds(services::DeviceCookies::kLifetime).count()));
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("account",
           accountJson(result.account->username, result.account->role, result.account->personId));
    o->set("csrf_token", result.csrfToken);
    o->set("expires_at", result.expiresAt);
    ctx.json(200, o);
}

void logout(RequestContext& ctx, ApiServices& api) {
    const Principal& who = ctx.caller();
    if (who.viaCookie) api.accounts.logout(who.sessionToken);
    ctx.response().add("Set-Cookie", sessionCookie(api, "", true));
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("logged_out", true);
    ctx.json(200, o);
}

void me(RequestContext& ctx, ApiServices&) {
    const Principal& who = ctx.caller();
    auto o = accountJson(who.username, services::roleName(who.role), who.person);
    o->set("via", std::string(who.viaCookie ? "session" : "token"));
    // The pages reckon "today" and "now" from the server's clock (which --date may pin),
    // not from the device's.
    o->set("today", formatDay(clock::today()));
    o->set("now", clock::nowUtc());
    ctx.json(200, o);
}

} // namespace

void addAuthRoutes(Router& router, ApiServices& api) {
    router.add("POST", "/api/v1/auth/login", Audience::Public, bound(api, login));
    router.add("POST", "/api/v1/auth/logout", Audience::Authenticated, bound(api, logout));
    router.add("GET", "/api/v1/auth/me", Audience::Authenticated, bound(api, me));
}

} // namespace yanzhen::http
