/// \file RequestContext.hpp
/// One API request as a handler sees it: path parameters, query, the JSON body (with limits),
/// the caller (if logged in), the language, and how to answer.
#pragma once

#include "AdmissionGate.hpp"
#include "LingeringClose.hpp"

#include "ApiError.hpp"

#include "services/Records.hpp"
#include "services/accounts/Role.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::http {

/// Who is calling.
struct Principal {
    services::Id account = 0;
    std::string username;
    services::Role role = services::Role::Worker;
    std::optional<services::Id> person;
    bool viaCookie = false;   ///< a browser session (writes need the CSRF token)
    std::string sessionToken; ///< the cookie's token, for logout
};

struct Limits {
    std::size_t maxBodyBytes = 1024 * 1024; ///< larger bodies answer 413
    std::size_t maxJsonDepth = 32;          ///< deeper JSON answers 400
    /// A body the handler did not read (a refusal came first) up to this size is read and
    /// dropped so that the connection can be kept; a larger one closes it after the answer.
    std::size_t maxDiscardBytes = 8 * 1024 * 1024;
    /// Requests worked on at once, the rest waiting in arrival order (AdmissionGate); 0: no
    /// limit.
    std::size_t activeRequests = 0;
    /// How a connection is closed while its client is still sending a body it was refused.
    Lingering lingering;
};

class RequestContext {
public:
    RequestContext(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   std::map<std::string, std::string> params, const Limits& limits);

    Poco::Net::HTTPServerRequest& request() { return request_; }
    Poco::Net::HTTPServerResponse& response() { return response_; }

    /// "zh" or "en", from Accept-Language (the first of zh/en it names; default zh).
    const std::string& lang() const { return lang_; }

    /// A path parameter ({id} in the pattern).
    const std::string& param(const std::string& name) const;
    /// A path parameter as a positive integer id; 404 when it is not one.
    services::Id idParam(const std::string& name, const std::string& what) const;
    /// A query parameter, or nothing.
    std::optional<std::string> query(const std::string& name) const;
    /// Paging: ?limit (default 50, at most 500) and ?offset (default 0); 400 when malformed.
    std::size_t limit() const;
    std::size_t offset() const;

    /// The body as a JSON object: 413 past Limits::maxBodyBytes, 415 unless it is JSON, 400 when
    /// it does not parse or nests deeper than Limits::maxJsonDepth.
    Poco::JSON::Object::Ptr jsonBody();

    std::optional<Principal> principal;
    /// The caller; 401 when nobody is logged in.
    const Principal& caller() const;

    /// Answers with `body` as JSON.
    void json(int status, const Poco::JSON::Object::Ptr& body);
    void json(int status, const Poco::JSON::Array::Ptr& body);
    /// Answers a list page: {"items": [...], "total": N, "limit": L, "offset": O}.
    void page(const Poco::JSON::Array::Ptr& items, std::size_t total);
    /// Answers the page ?limit and ?offset ask for of `all`, each item as `describe` shows it:
    /// for lists a service returns whole.
    template <class T, class Describe> void pageOf(const std::vector<T>& all, Describe describe) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        const std::size_t from = std::min(offset(), all.size());
        const std::size_t to = from + std::min(limit(), all.size() - from);
        for (std::size_t i = from; i < to; ++i)
            items->add(describe(all[i]));
        page(items, all.size());
    }
    /// Answers with any other content. What is left of a body the handler did not read to its
    /// end is read and dropped first, up to Limits::maxDiscardBytes; past that the connection
    /// closes after the answer. Either way it is never taken for the next request on a
    /// kept-alive connection.
    void send(int status, const std::string& contentType, const std::string& body);
    /// Answers with the one error shape, the message in the request's language.
    void error(const ApiError& e);
    bool answered() const { return answered_; }

    /// The admission slot this request holds, if any: given back before the answer is sent.
    void holding(AdmissionGate::Pass* pass) { pass_ = pass; }

private:
    Poco::Net::HTTPServerRequest& request_;
    Poco::Net::HTTPServerResponse& response_;
    std::map<std::string, std::string> params_;
    std::map<std::string, std::string> query_;
    Limits limits_;
    std::string lang_;
    bool answered_ = false;
    bool bodyDone_ = false;          ///< the body was read to its end
    bool lingerAfterAnswer_ = false; ///< the connection closes with body bytes still coming
    AdmissionGate::Pass* pass_ = nullptr;

    /// Reads and drops the rest of an unread body, or closes the connection after the answer.
    void discardUnreadBody();
};

} // namespace yanzhen::http
