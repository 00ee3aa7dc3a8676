#include "Requests.hpp"

#include "clock/Clock.hpp"
#include "services/text/TextRules.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace yanzhen::http {

namespace {

/// "YYYY-MM-DDTHH:MM" with a real date and a time of day.
bool isLocalTime(std::string_view s) {
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':' || !parseDay(s.substr(0, 10))) return false;
    for (const std::size_t i : {11, 12, 14, 15})
        if (s[i] < '0' || s[i] > '9') return false;
    return (s[11] - '0') * 10 + (s[12] - '0') < 24 && s[14] < '6';
}

} // namespace

ApiError invalidFields(const std::vector<FieldError>& errors, const std::string& lang) {
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const auto& e : errors) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("path", e.path);
        o->set("message", e.message.in(lang));
        fields->add(o);
    }
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object;
    details->set("fields", fields);
    return ApiError(400, "invalid_field", errors.front().message, details);
}

bool BodyReader::has(const std::string& name) const {
    return body_->has(name) && !body_->get(name).isEmpty();
}

void BodyReader::problem(std::string path, Text message) {
    problems_.push_back(FieldError{std::move(path), std::move(message)});
}

void BodyReader::check(const std::string& lang) const {
    if (!problems_.empty()) throw invalidFields(problems_, lang);
}

std::optional<std::string> BodyReader::text(const std::string& name, std::size_t maxChars,
                                            bool paragraphs) {
    if (!has(name)) {
        problem(name, Text{"缺少 " + name, name + " is required"});
        return std::nullopt;
    }
    return optionalText(name, maxChars, paragraphs);
}

std::optional<std::string> BodyReader::optionalText(const std::string& name, std::size_t maxChars,
                                                    bool paragraphs) {
    if (!has(name)) return std::nullopt;
    const auto value = body_->get(name);
    if (!value.isString()) {
        problem(name, Text{name + " 应为字符串", name + " must be a string"});
        return std::nullopt;
    }
    auto checked = services::validateText(value.extract<std::string>(),
                                          services::TextRule{maxChars, paragraphs, false});
    if (const auto* why = std::get_if<Text>(&checked)) {
        problem(name, Text{name + " " + why->zh, name + " " + why->en});
        return std::nullopt;
    }
    return std::get<std::string>(std::move(checked));
}

std::optional<std::string> BodyReader::secret(const std::string& name, std::size_t maxBytes) {
    if (!has(name)) {
        problem(name, Text{"缺少 " + name, name + " is required"});
        return std::nullopt;
    }
    const auto value = body_->get(name);
    if (!value.isString()) {
        problem(name, Text{name + " 应为字符串", name + " must be a string"});
        return std::nullopt;
    }
    std::string s = value.extract<std::string>();
    if (s.empty() || s.size() > maxBytes) {
        const std::string n = std::to_string(maxBytes);
        problem(name, Text{name + " 应为 1 到 " + n + " 字节的文本",
                           name + " must be text of 1 to " + n + " bytes"});
        return std::nullopt;
    }
    return s;
}

std::optional<std::int64_t> BodyReader::optionalInteger(const std::string& name, std::int64_t min,
                                                        std::int64_t max) {
    if (!has(name)) return std::nullopt;
    const auto value = body_->get(name);
    if (value.isInteger()) {
        try {
            const std::int64_t n = value.convert<Poco::Int64>();
            if (n >= min && n <= max) return n;
        } catch (const Poco::Exception&) { // an unsigned value past Int64: out of range below
        }
    }
    const std::string range = std::to_string(min) + " .. " + std::to_string(max);
    problem(name, Text{name + " 应为 " + range + " 之间的整数",
                       name + " must be an integer in " + range});
    return std::nullopt;
}

std::optional<std::string> BodyReader::day(const std::string& name) {
    const auto s = text(name, 10);
    if (!s) return std::nullopt;
    if (!parseDay(*s)) {
        problem(name, Text{name + " 应为日期 YYYY-MM-DD，实际是“" + *s + "”",
                           name + " must be a date YYYY-MM-DD, not '" + *s + "'"});
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> BodyReader::localTime(const std::string& name) {
    const auto s = text(name, 16);
    if (!s) return std::nullopt;
    if (!isLocalTime(*s)) {
        problem(name, Text{name + " 应为北京时间 YYYY-MM-DDTHH:MM，实际是“" + *s + "”",
                           name + " must be a time YYYY-MM-DDTHH:MM (Beijing), not '" + *s + "'"});
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> BodyReader::reference(const std::string& path,
                                                 const Poco::Dynamic::Var& value) {
    if (value.isInteger()) {
        try {
            const auto n = value.convert<Poco::Int64>();
            if (n > 0) return std::to_string(n);
        } catch (const Poco::Exception&) { // past Int64: no such record, reported below
        }
    } else if (value.isString()) {
        std::string s = value.extract<std::string>();
        if (!s.empty() && s.size() <= 100) return s;
    }
    problem(path, Text{path + " 应为 ID（数字）或编号（字符串）",
                       path + " must be an id (a number) or a code (a string)"});
    return std::nullopt;
}

std::optional<std::string> BodyReader::reference(const std::string& name, bool required) {
    if (!has(name)) {
        if (required) problem(name, Text{"缺少 " + name, name + " is required"});
        return std::nullopt;
    }
    return reference(name, body_->get(name));
}

std::vector<std::pair<std::string, std::string>> BodyReader::references(const std::string& name) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!has(name) || body_->get(name).type() != typeid(Poco::JSON::Array::Ptr)) {
        problem(name, Text{name + " 应为非空数组", name + " must be a non-empty array"});
        return out;
    }
    const auto items = body_->getArray(name);
    if (items->size() == 0)
        problem(name, Text{name + " 应为非空数组", name + " must be a non-empty array"});
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string path = name + "[" + std::to_string(i) + "]";
        if (auto r = reference(path, items->get(i))) out.emplace_back(std::move(path), *r);
    }
    return out;
}

Poco::JSON::Object::Ptr BodyReader::object(const std::string& name) {
    if (!has(name)) return nullptr;
    const auto value = body_->get(name);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
        problem(name, Text{name + " 应为 JSON 对象", name + " must be a JSON object"});
        return nullptr;
    }
    return value.extract<Poco::JSON::Object::Ptr>();
}

std::string actorOf(const Principal& caller) {
    return std::string(services::roleName(caller.role)) + ":" + caller.username;
}

std::int32_t dayOf(const RequestContext& ctx) {
    if (const auto q = ctx.query("date")) {
        const auto d = parseDay(*q);
        if (!d)
            throw ApiError(400, "invalid_query",
                           Text{"date 应为 YYYY-MM-DD", "date must be YYYY-MM-DD"});
        return *d;
    }
    return today();
}

std::optional<std::string> oneOf(const RequestContext& ctx, const std::string& name,
                                 const std::vector<std::string>& allowed) {
    const auto value = ctx.query(name);
    if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;
    std::string list;
    for (const auto& a : allowed)
        list += (list.empty() ? "" : ", ") + a;
    throw ApiError(400, "invalid_query",
                   Text{name + " 应为 " + list + " 之一", name + " must be one of " + list});
}

std::int32_t today() {
    return clock::today();
}

} // namespace yanzhen::http
