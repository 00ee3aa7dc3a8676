/// \file RawHttp.hpp
/// One request on a connection the test holds itself (keep-alive, chunked bodies, what the
/// server does with the connection afterwards), and the error object of its answer.
#pragma once

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include <string>

namespace yanzhen::testsupport {

/// One answer read off a raw connection.
struct Raw {
    int status = 0;
    std::string body;
    Poco::Net::HTTPResponse response;
};

/// Sends `req` (and `body`) on `client` and reads the answer; the connection stays open for the
/// next request when the server keeps it alive.
inline Raw exchange(Poco::Net::HTTPClientSession& client, Poco::Net::HTTPRequest& req,
                    const std::string& body = "") {
    if (!body.empty() && !req.getChunkedTransferEncoding())
        req.setContentLength(static_cast<std::streamsize>(body.size()));
    std::ostream& out = client.sendRequest(req);
    out << body;
    Raw r;
    std::istream& in = client.receiveResponse(r.response);
    Poco::StreamCopier::copyToString(in, r.body);
    r.status = static_cast<int>(r.response.getStatus());
    return r;
}

/// The error object of a raw answer; fails the test when the answer is not the error shape.
inline Poco::JSON::Object::Ptr errorOf(const Raw& r) {
    try {
        const auto o = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
        if (o->has("error")) return o->getObject("error");
    } catch (const Poco::Exception&) {
    }
    ADD_FAILURE() << "not the error shape (status " << r.status << "): " << r.body;
    return new Poco::JSON::Object;
}

} // namespace yanzhen::testsupport
