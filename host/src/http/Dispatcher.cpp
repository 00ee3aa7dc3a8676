#include "Dispatcher.hpp"

#include "routes/Requests.hpp"
#include "services/text/TextRules.hpp"

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <iostream>

namespace yanzhen::http {

namespace {

bool isWrite(const std::string& method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

} // namespace

bool servedOverHttps(const std::string& publicUrl) {
    return publicUrl.rfind("https://", 0) == 0;
}

Dispatcher::Dispatcher(const Router& router, Authenticator authenticator, Limits limits,
                       const StaticFiles* pages, std::string sessionCookie)
    : router_(router), authenticator_(std::move(authenticator)), limits_(limits), pages_(pages),
      sessionCookie_(std::move(sessionCookie)), gate_(limits.activeRequests) {}

std::optional<Principal> Dispatcher::identify(Poco::Net::HTTPServerRequest& request) const {
    if (!authenticator_.authenticate) return std::nullopt;
    const std::string authorization = request.get("Authorization", "");
    if (authorization.rfind("Bearer ", 0) == 0) {
        auto p = authenticator_.authenticate(authorization.substr(7));
        if (!p)
            throw ApiError(
                401, "invalid_token",
                Text{"令牌无效、已过期或已撤销", "the token is invalid, expired or revoked"});
        p->viaCookie = false;
        return p;
    }
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    if (!cookies.has(sessionCookie_)) return std::nullopt;
    const std::string token = cookies.get(sessionCookie_);
    auto p = authenticator_.authenticate(token);
    if (!p) return std::nullopt; // an expired cookie is no login; the pages will ask again
    p->viaCookie = true;
    p->sessionToken = token;
    return p;
}

void Dispatcher::handle(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response) const {
    try {
        dispatch(request, response);
    } catch (...) { // writing the answer failed (the client went away): nothing left to tell anyone
    }
}

void Dispatcher::dispatch(Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response) const {
    // A bad %-escape in the path or the query makes Poco::URI throw: answer 400, not nothing.
    std::string path;
    bool malformed = false;
    try {
        const Poco::URI uri(request.getURI());
        path = uri.getPath();
        uri.getQueryParameters();
    } catch (const Poco::Exception&) {
        malformed = true;
    }
    bool methodMismatch = false;
    const auto match =
        malformed ? std::nullopt : router_.match(request.getMethod(), path, methodMismatch);
    // The web pages: only their own paths, so that /api keeps answering in the JSON shape.
    if (!match && !methodMismatch && !malformed && pages_ && StaticFiles::owns(path)) {
        pages_->serve(request, response, path);
        return;
    }
    RequestContext ctx(request, response,
                       match ? match->params : std::map<std::string, std::string>{}, limits_);
    // Reads (no body) are let in a few at a time (AdmissionGate); a write is not, as it would
    // hold a slot for as long as its client takes to send its body.
    std::optional<AdmissionGate::Pass> pass;
    if (!isWrite(request.getMethod())) {
        pass.emplace(gate_);
        ctx.holding(&*pass);
    }
    try {
        if (malformed)
            throw ApiError::badRequest(Text{"请求地址格式错误（% 转义无效）",
                                            "the request's address is malformed (a bad % escape)"});
        if (!match) {
            if (methodMismatch) {
                // RFC 9110 15.5.6: a 405 lists the methods the resource has.
                std::string allow;
                for (const auto& m : router_.methodsFor(path))
                    allow += (allow.empty() ? "" : ", ") + m;
                response.set("Allow", allow);
                throw ApiError(405, "method_not_allowed",
                               Text{"此路径不支持 " + request.getMethod(),
                                    request.getMethod() + " is not allowed here"});
            }
            throw ApiError(404, "not_found",
                           Text{"没有这个地址：" + path, "no such path: " + path});
        }
        const Route& route = *match->route;
        ctx.principal = identify(request);
        if (route.audience != Audience::Public) {
            const Principal& who = ctx.caller();
            using services::Role;
            if (route.audience == Audience::Admin && who.role != Role::Admin)
                throw ApiError::forbidden();
            if (route.audience == Audience::Staff && who.role == Role::Worker)
                throw ApiError::forbidden();
            // A browser's cookie rides along on any request; a write must also carry the token
            // only our own pages can read (double submit), or another site could forge it.
            if (who.viaCookie && isWrite(request.getMethod()) &&
                !authenticator_.checkCsrf(who.sessionToken, request.get("X-CSRF-Token", "")))
                throw ApiError(403, "csrf",
                               Text{"缺少或错误的 CSRF 令牌", "missing or wrong CSRF token"});
        }
        route.handler(ctx);
        if (!ctx.answered())
            throw std::logic_error("handler for " + route.pattern + " did not answer");
    } catch (const ApiError& e) {
        if (!ctx.answered()) ctx.error(e);
    } catch (const services::InvalidText& e) {
        // A service refused typed text the route did not check itself: the field's problem.
        if (!ctx.answered())
            ctx.error(invalidFields(
                {FieldError{e.field, Text{e.field + " " + e.why.zh, e.field + " " + e.why.en}}},
                ctx.lang()));
    } catch (const std::exception& e) {
        // A bug, not the caller's fault: log it, answer 500 in the error shape, keep serving.
        std::cerr << "yanzhen serve: " << request.getMethod() << " " << path << ": " << e.what()
                  << '\n';
        if (!ctx.answered())
            ctx.error(ApiError(500, "internal", Text{"服务器内部错误", "internal server error"}));
    } catch (...) {
        std::cerr << "yanzhen serve: " << request.getMethod() << " " << path
                  << ": unknown exception\n";
        if (!ctx.answered())
            ctx.error(ApiError(500, "internal", Text{"服务器内部错误", "internal server error"}));
    }
}

} // namespace yanzhen::http
