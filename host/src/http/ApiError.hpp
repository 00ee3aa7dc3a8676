/// \file ApiError.hpp
/// The one error shape of the API: {"error": {"code": ..., "message": ..., "details": ...}},
/// the message in the request's language. Handlers throw ApiError; the dispatcher writes it.
#pragma once

#include <yanzhen/text.hpp>

#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>

namespace yanzhen::http {

class ApiError : public std::runtime_error {
public:
    /// `code` is stable and machine-readable ("not_found", "conflict", "invalid_field" ...);
    /// `message` is for a person, in both languages; `details` is optional structured data
    /// (the bad fields by path, the conflicting session ...).
    ApiError(int status, std::string code, Text message, Poco::JSON::Object::Ptr details = nullptr)
        : std::runtime_error(message.en), status_(status), code_(std::move(code)),
          message_(std::move(message)), details_(std::move(details)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const Text& message() const { return message_; }
    const Poco::JSON::Object::Ptr& details() const { return details_; }

    static ApiError notFound(const std::string& what) {
        return ApiError(404, "not_found", Text{"没有找到" + what, "no such " + what});
    }
    static ApiError forbidden() {
        return ApiError(403, "forbidden", Text{"没有权限", "you may not do this"});
    }
    static ApiError unauthorized() {
        return ApiError(401, "unauthorized", Text{"请先登录", "log in first"});
    }
    static ApiError badRequest(Text message) {
        return ApiError(400, "bad_request", std::move(message));
    }

private:
    int status_;
    std::string code_;
    Text message_;
    Poco::JSON::Object::Ptr details_;
};

} // namespace yanzhen::http
