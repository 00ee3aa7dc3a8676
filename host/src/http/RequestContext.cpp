#include "RequestContext.hpp"

#include "services/text/TextRules.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <charconv>
#include <sstream>

namespace yanzhen::http {

namespace {

/// The first of "zh" / "en" that an Accept-Language header names; Chinese when it names neither.
std::string languageOf(const std::string& header) {
    const std::string h = Poco::toLower(header);
    const auto zh = h.find("zh");
    const auto en = h.find("en");
    if (en != std::string::npos && (zh == std::string::npos || en < zh)) return "en";
    return "zh";
}

std::optional<std::size_t> number(const std::string& s) {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD. An answer may
/// echo what the caller sent outside the JSON body (a path, a query value), which can be any
/// bytes; JSON must be UTF-8 (RFC 8259), or a client's parser rejects the whole answer.
std::string validUtf8(std::string text) {
    std::size_t from = 0;
    for (;;) {
        const auto at = services::invalidUtf8At(std::string_view(text).substr(from));
        if (at == std::string_view::npos) return text;
        text.replace(from + at, 1, "\xEF\xBF\xBD");
        from += at + 3;
    }
}

} // namespace

RequestContext::RequestContext(Poco::Net::HTTPServerRequest& request,
                               Poco::Net::HTTPServerResponse& response,
                               std::map<std::string, std::string> params, const Limits& limits)
    : request_(request), response_(response), params_(std::move(params)), limits_(limits),
      lang_(languageOf(request.get("Accept-Language", ""))) {
    try {
        for (const auto& [k, v] : Poco::URI(request.getURI()).getQueryParameters())
            query_[k] = v;
    } catch (const Poco::Exception&) { // a malformed URI: the dispatcher answers 400 for it
    }
}

const std::string& RequestContext::param(const std::string& name) const {
    static const std::string empty;
    const auto it = params_.find(name);
    return it == params_.end() ? empty : it->second;
}

services::Id RequestContext::idParam(const std::string& name, const std::string& what) const {
    const auto v = number(param(name));
    if (!v || *v == 0) throw ApiError::notFound(what);
    return static_cast<services::Id>(*v);
}

std::optional<std::string> RequestContext::query(const std::string& name) const {
    const auto it = query_.find(name);
    if (it == query_.end()) return std::nullopt;
    return it->second;
}

std::size_t RequestContext::limit() const {
    const auto q = query("limit");
    if (!q) return 50;
    const auto v = number(*q);
    if (!v || *v == 0 || *v > 500)
        throw ApiError(
            400, "invalid_query",
            Text{"limit 应为 1 到 500 的整数", "limit must be an integer from 1 to 500"});
    return *v;
}

std::size_t RequestContext::offset() const {
    const auto q = query("offset");
    if (!q) return 0;
    const auto v = number(*q);
    if (!v)
        throw ApiError(400, "invalid_query",
                       Text{"offset 应为非负整数", "offset must be a non-negative integer"});
    return *v;
}

Poco::JSON::Object::Ptr RequestContext::jsonBody() {
    const auto length = request_.getContentLength64();
    if (length > static_cast<std::int64_t>(limits_.maxBodyBytes))
        throw ApiError(413, "body_too_large",
                       Text{"请求体超过 " + std::to_string(limits_.maxBodyBytes) + " 字节",
                            "the body is over " + std::to_string(limits_.maxBodyBytes) + " bytes"});
    const std::string type = Poco::toLower(request_.getContentType());
    if (type.rfind("application/json", 0) != 0)
        throw ApiError(415, "unsupported_media_type",
                       Text{"请求体应为 JSON", "the body must be application/json"});
    // The body as it arrives, a buffer at a time, and at most one buffer past the limit, so a
    // chunked body cannot grow without end. Not a string of the limit's size up front: that
    // was a 1 MiB allocation and memset for every POST of a few hundred bytes, which glibc,
    // once it had raised its mmap threshold past 1 MiB, served from the threads' arenas.
    std::string body;
    if (length > 0) body.reserve(static_cast<std::size_t>(length));
    auto& in = request_.stream();
    char buffer[8192];
    while (body.size() <= limits_.maxBodyBytes) {
        in.read(buffer, sizeof buffer);
        if (in.gcount() <= 0) break;
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    // The stream failed before the body's end: the client stopped sending, or sent it more
    // slowly than the server allows (Connection.hpp), or broke the chunk coding.
    if (in.bad()) {
        response_.setKeepAlive(false);
        bodyDone_ = true;
        throw ApiError(408, "request_timeout",
                       Text{"请求体未能及时完整到达", "the body did not arrive in full, in time"});
    }
    if (body.size() > limits_.maxBodyBytes) // the rest is read and dropped (or not) by send()
        throw ApiError(413, "body_too_large",
                       Text{"请求体超过 " + std::to_string(limits_.maxBodyBytes) + " 字节",
                            "the body is over " + std::to_string(limits_.maxBodyBytes) + " bytes"});
    bodyDone_ = true;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits_.maxJsonDepth);
        auto parsed = parser.parse(body);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
            throw ApiError(400, "invalid_json",
                           Text{"请求体应为 JSON 对象", "the body must be a JSON object"});
        return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const ApiError&) {
        throw;
    } catch (const Poco::Exception&) {
        throw ApiError(400, "invalid_json",
                       Text{"请求体不是有效的 JSON（或嵌套超过 " +
                                std::to_string(limits_.maxJsonDepth) + " 层）",
                            "the body is not valid JSON (or nests deeper than " +
                                std::to_string(limits_.maxJsonDepth) + " levels)"});
    }
}

const Principal& RequestContext::caller() const {
    if (!principal) throw ApiError::unauthorized();
    return *principal;
}

void RequestContext::discardUnreadBody() {
    if (bodyDone_) return;
    bodyDone_ = true;
    // Without a length or chunks an HTTP/1.1 request has no body (RFC 9112 6.3).
    const bool chunked = request_.getChunkedTransferEncoding();
    const auto length = request_.getContentLength64();
    if (!chunked && length <= 0) return;
    if (!chunked && length > static_cast<std::int64_t>(limits_.maxDiscardBytes)) {
        response_.setKeepAlive(false);
        lingerAfterAnswer_ = true;
        return;
    }
    // Reading the rest (rather than closing at once) also lets the client read the answer:
    // closing a socket with unread data resets the connection, which can lose the answer.
    auto& in = request_.stream();
    char buffer[8192];
    std::size_t total = 0;
    while (total <= limits_.maxDiscardBytes && in.read(buffer, sizeof buffer))
        total += static_cast<std::size_t>(in.gcount());
    total += static_cast<std::size_t>(in.gcount());
    // Past the cap, or the stream failed (a timeout, a broken chunk): the connection is done.
    if (total > limits_.maxDiscardBytes || in.bad() || !in.eof()) {
        response_.setKeepAlive(false);
        lingerAfterAnswer_ = true;
    }
}

void RequestContext::send(int status, const std::string& contentType, const std::string& body) {
    if (pass_ != nullptr) pass_->release(); // from here on it is the client's pace, not our work
    discardUnreadBody();
    // With its reason phrase: Poco's setStatus alone leaves "OK" ("HTTP/1.1 404 OK").
    response_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response_.setContentType(contentType);
    response_.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response_.set("Cache-Control", "no-store");
    response_.set("X-Content-Type-Options", "nosniff");
    std::ostream& out = response_.send();
    out << body;
    answered_ = true;
    if (lingerAfterAnswer_) {
        out.flush();
        lingerBeforeClose(request_, limits_.lingering);
    }
}

void RequestContext::json(int status, const Poco::JSON::Object::Ptr& body) {
    std::ostringstream out;
    body->stringify(out);
    send(status, "application/json; charset=utf-8", validUtf8(out.str()));
}

void RequestContext::json(int status, const Poco::JSON::Array::Ptr& body) {
    std::ostringstream out;
    body->stringify(out);
    send(status, "application/json; charset=utf-8", validUtf8(out.str()));
}

void RequestContext::page(const Poco::JSON::Array::Ptr& items, std::size_t total) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("items", items);
    o->set("total", static_cast<Poco::UInt64>(total));
    o->set("limit", static_cast<Poco::UInt64>(limit()));
    o->set("offset", static_cast<Poco::UInt64>(offset()));
    json(200, o);
}

void RequestContext::error(const ApiError& e) {
    Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
    inner->set("code", e.code());
    inner->set("message", e.message().in(lang_));
    if (e.details()) inner->set("details", e.details());
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("error", inner);
    if (e.status() == 401) response_.set("WWW-Authenticate", "Bearer");
    json(e.status(), o);
}

} // namespace yanzhen::http
