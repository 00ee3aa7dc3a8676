/// \file Requests.hpp
/// What the route files of cohorts, sessions, evidence and the audit log share about a request:
/// its JSON body read field by field, with every problem named by its path ("starts_on",
/// "workers[2]", "fields.status") so that one 400 answer lists them all; the caller as the
/// audit log's actor; and the day a request asks about.
#pragma once

#include "http/RequestContext.hpp"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yanzhen::http {

/// One field of a request that is wrong: where (a path into the body) and why.
struct FieldError {
    std::string path;
    Text message;
};

/// 400 "invalid_field" with details {fields: [{path, message}]}, each message in `lang`; the
/// error's own message is the first field's. `errors` must not be empty.
ApiError invalidFields(const std::vector<FieldError>& errors, const std::string& lang);

/// Reads a JSON body's fields. Every getter records a problem (and returns nothing) when the
/// value is of the wrong type or shape; check() then throws them all at once. A JSON null is
/// the same as an absent field.
class BodyReader {
public:
    explicit BodyReader(Poco::JSON::Object::Ptr body) : body_(std::move(body)) {}

    /// True when `name` is present and not null.
    bool has(const std::string& name) const;

    /// Text of 1 to `maxChars` characters as services::validateText keeps it (UTF-8 in NFC,
    /// trimmed, no control or hidden characters; tabs and line breaks only when `paragraphs`);
    /// a problem when absent or refused.
    std::optional<std::string> text(const std::string& name, std::size_t maxChars = 200,
                                    bool paragraphs = false);
    /// The same, but absence is no problem.
    std::optional<std::string> optionalText(const std::string& name, std::size_t maxChars = 200,
                                            bool paragraphs = false);
    /// A password as typed: 1 to `maxBytes` bytes, never trimmed or normalized (the hash is of
    /// exactly what the person types); a problem when absent.
    std::optional<std::string> secret(const std::string& name, std::size_t maxBytes);
    /// An integer from `min` to `max`; absence is no problem.
    std::optional<std::int64_t> optionalInteger(const std::string& name, std::int64_t min,
                                                std::int64_t max);
    /// A date "YYYY-MM-DD"; a problem when absent.
    std::optional<std::string> day(const std::string& name);
    /// A local time "YYYY-MM-DDTHH:MM" (Asia/Shanghai); a problem when absent.
    std::optional<std::string> localTime(const std::string& name);
    /// A record named by its id (a JSON number) or its code (a string: a staff number, a
    /// cohort's code), as the text the repositories' resolve() takes; a problem when absent and
    /// `required`.
    std::optional<std::string> reference(const std::string& name, bool required);
    /// An array of such references, at least one; problems at "name[i]". Each reference
    /// comes with its path, for the problems the caller finds in resolving it.
    std::vector<std::pair<std::string, std::string>> references(const std::string& name);
    /// A JSON object; null when absent, a problem when it is something else.
    Poco::JSON::Object::Ptr object(const std::string& name);

    /// Records a problem the caller found (a reference that names nothing ...).
    void problem(std::string path, Text message);
    const std::vector<FieldError>& problems() const { return problems_; }
    /// Throws invalidFields() when any problem was recorded; does nothing otherwise.
    void check(const std::string& lang) const;

private:
    std::optional<std::string> reference(const std::string& path, const Poco::Dynamic::Var& value);

    Poco::JSON::Object::Ptr body_;
    std::vector<FieldError> problems_;
};

/// "<role>:<username>": who the audit log says did what the caller asked.
std::string actorOf(const Principal& caller);

/// Today in Asia/Shanghai (UTC+8, no daylight saving), as days since 1970-01-01.
std::int32_t today();

/// ?date=YYYY-MM-DD (400 when malformed), or today().
std::int32_t dayOf(const RequestContext& ctx);

/// ?name= as one of `allowed` (nothing when absent), or a 400 naming them.
std::optional<std::string> oneOf(const RequestContext& ctx, const std::string& name,
                                 const std::vector<std::string>& allowed);

} // namespace yanzhen::http
