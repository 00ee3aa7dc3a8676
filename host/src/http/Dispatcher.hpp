/// \file Dispatcher.hpp
/// Every request goes through here: find the route (404 / 405 in the error shape, never 501),
/// find the caller (bearer token or session cookie), enforce the route's audience and the CSRF
/// token on cookie writes, run the handler, and turn whatever it throws into a JSON answer,
/// so that one bad request never takes a connection or the server down.
#pragma once

#include "AdmissionGate.hpp"
#include "RequestContext.hpp"
#include "Router.hpp"
#include "StaticFiles.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <functional>
#include <optional>
#include <string>

namespace yanzhen::http {

/// How the dispatcher learns who is calling, without knowing how accounts are kept.
struct Authenticator {
    /// The principal for a session or API token, or nothing (unknown, expired, revoked).
    std::function<std::optional<Principal>(const std::string& token)> authenticate;
    /// True when `csrf` is the CSRF token of the session `sessionToken`.
    std::function<bool(const std::string& sessionToken, const std::string& csrf)> checkCsrf;
};

/// The name of the session cookie (HttpOnly, SameSite=Strict, Path=/) when the public address
/// is plain http.
inline const char* const kSessionCookie = "yz_session";
/// ... and when it is https: Secure, and a `__Host-` name, which a browser keeps only from a
/// secure origin, for Path=/ and without a Domain, so that neither a subdomain nor a plain-http
/// page can plant one.
inline const char* const kSecureSessionCookie = "__Host-yz_session";

/// True when `publicUrl` (the address people reach the server at) is https.
bool servedOverHttps(const std::string& publicUrl);

class Dispatcher {
public:
    /// The router and the authenticator must outlive the dispatcher, and so must `pages` (the
    /// web pages, answered for the paths StaticFiles::owns() that no route has; none: JSON 404).
    /// `sessionCookie` is the only cookie name a session is read from (kSessionCookie, or
    /// kSecureSessionCookie behind https).
    Dispatcher(const Router& router, Authenticator authenticator, Limits limits,
               const StaticFiles* pages = nullptr, std::string sessionCookie = kSessionCookie);

    /// Handles one request (what each handler object does). Never throws.
    void handle(Poco::Net::HTTPServerRequest& request,
                Poco::Net::HTTPServerResponse& response) const;

private:
    void dispatch(Poco::Net::HTTPServerRequest& request,
                  Poco::Net::HTTPServerResponse& response) const;
    std::optional<Principal> identify(Poco::Net::HTTPServerRequest& request) const;

    const Router& router_;
    Authenticator authenticator_;
    Limits limits_;
    const StaticFiles* pages_;
    std::string sessionCookie_;
    mutable AdmissionGate gate_;
};

} // namespace yanzhen::http
