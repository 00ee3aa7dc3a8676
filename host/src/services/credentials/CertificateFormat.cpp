#include "services/credentials/CertificateFormat.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>

namespace yanzhen::services {

namespace {

std::string textObject(const Text& t) {
    return "{\"zh\":" + jsonString(t.zh) + ",\"en\":" + jsonString(t.en) + "}";
}

std::optional<std::string> member(const Poco::JSON::Object::Ptr& o, const std::string& name) {
    if (!o || !o->has(name) || !o->get(name).isString()) return std::nullopt;
    return o->getValue<std::string>(name);
}

std::optional<Text> textMember(const Poco::JSON::Object::Ptr& o, const std::string& name) {
    if (!o || !o->has(name)) return std::nullopt;
    const auto t = o->getObject(name);
    const auto zh = member(t, "zh");
    const auto en = member(t, "en");
    if (!zh || !en) return std::nullopt;
    return Text{*zh, *en};
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        const auto v = parser.parse(text);
        if (v.type() != typeid(Poco::JSON::Object::Ptr)) return nullptr;
        return v.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return nullptr;
    }
}

} // namespace

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string canonicalPayload(const CertificatePayload& p) {
    std::string out = "{\"format\":" + jsonString(kCertificateFormat);
    out += ",\"serial\":" + jsonString(p.serial);
    out += ",\"holder\":{\"code\":" + jsonString(p.holderCode) +
           ",\"name\":" + jsonString(p.holderName) + "}";
    out += ",\"course\":{\"id\":" + jsonString(p.courseId) +
           ",\"version\":" + jsonString(p.courseVersion) + ",\"hash\":" + jsonString(p.courseHash) +
           ",\"title\":" + textObject(p.courseTitle) + "}";
    out += ",\"credential\":" + jsonString(p.credential);
    out += ",\"title\":" + textObject(p.title);
    out += ",\"level\":" + jsonString(p.level);
    out += ",\"issued_on\":" + jsonString(p.issuedOn);
    out += ",\"valid_from\":" + jsonString(p.validFrom);
    out += ",\"valid_until\":" + (p.validUntil.empty() ? "null" : jsonString(p.validUntil));
    out += ",\"authority\":" + textObject(p.authority);
    out += ",\"key_id\":" + jsonString(p.keyId);
    return out + "}";
}

std::optional<CertificatePayload> parsePayload(const std::string& bytes) {
    const auto o = parseObject(bytes);
    if (!o || member(o, "format") != std::string(kCertificateFormat)) return std::nullopt;
    CertificatePayload p;
    const auto holder = o->getObject("holder");
    const auto course = o->getObject("course");
    const auto serial = member(o, "serial");
    const auto code = member(holder, "code");
    const auto name = member(holder, "name");
    const auto courseId = member(course, "id");
    const auto version = member(course, "version");
    const auto hash = member(course, "hash");
    const auto courseTitle = textMember(course, "title");
    const auto credential = member(o, "credential");
    const auto title = textMember(o, "title");
    const auto level = member(o, "level");
    const auto issuedOn = member(o, "issued_on");
    const auto validFrom = member(o, "valid_from");
    const auto authority = textMember(o, "authority");
    const auto keyId = member(o, "key_id");
    if (!serial || !code || !name || !courseId || !version || !hash || !courseTitle ||
        !credential || !title || !level || !issuedOn || !validFrom || !authority || !keyId)
        return std::nullopt;
    p.serial = *serial;
    p.holderCode = *code;
    p.holderName = *name;
    p.courseId = *courseId;
    p.courseVersion = *version;
    p.courseHash = *hash;
    p.courseTitle = *courseTitle;
    p.credential = *credential;
    p.title = *title;
    p.level = *level;
    p.issuedOn = *issuedOn;
    p.validFrom = *validFrom;
    p.validUntil = member(o, "valid_until").value_or("");
    p.authority = *authority;
    p.keyId = *keyId;
    return p;
}

std::string writeCertificateFile(const CertificateFile& file) {
    return "{\n  \"format\": " + jsonString(kCertificateFormat) +
           ",\n  \"payload\": " + jsonString(file.payload) +
           ",\n  \"signature\": " + jsonString(file.signature) + "\n}\n";
}

std::optional<CertificateFile> readCertificateFile(const std::string& text) {
    const auto o = parseObject(text);
    if (!o || member(o, "format") != std::string(kCertificateFormat)) return std::nullopt;
    const auto payload = member(o, "payload");
    const auto signature = member(o, "signature");
    if (!payload || !signature) return std::nullopt;
    return CertificateFile{*payload, *signature};
}

} // namespace yanzhen::services
