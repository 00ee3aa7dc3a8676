#include "json/DescribeCredential.hpp"

#include "json/DescribePlugins.hpp"

namespace yanzhen::json {

using services::CredentialView;

std::string verifyUrl(const std::string& publicUrl, const std::string& serial) {
    std::string base = publicUrl;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return base + "/verify/" + serial;
}

Poco::JSON::Object::Ptr describe(const CredentialView& v, const std::string& publicUrl) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("serial", v.row.serial);
    Poco::JSON::Object::Ptr holder = new Poco::JSON::Object;
    holder->set("id", v.row.personId);
    holder->set("code", v.holder.code);
    holder->set("name", v.holder.name);
    o->set("holder", holder);
    Poco::JSON::Object::Ptr course = new Poco::JSON::Object;
    course->set("id", v.row.courseId);
    course->set("title", describe(v.payload.courseTitle));
    course->set("version", v.payload.courseVersion);
    course->set("hash", v.row.courseHash);
    o->set("course", course);
    o->set("credential", v.row.credential);
    o->set("title", describe(v.payload.title));
    o->set("level", v.row.level);
    o->set("issued_on", v.row.issuedOn);
    o->set("valid_from", v.row.validFrom);
    const auto dateOrNull = [&](const char* name, const std::string& value) {
        if (value.empty())
            o->set(name, Poco::Dynamic::Var());
        else
            o->set(name, value);
    };
    dateOrNull("valid_until", v.row.validUntil);
    dateOrNull("renewal_opens_on", v.standing.renewalOpensOn);
    dateOrNull("grace_until", v.standing.graceUntil);
    o->set("status", v.standing.status);
    o->set("status_text", describe(services::statusText(v.standing.status)));
    if (!v.problem.empty()) o->set("problem", v.problem);
    o->set("authority", describe(v.payload.authority));
    if (!v.row.revokedOn.empty()) {
        o->set("revoked_on", v.row.revokedOn);
        o->set("revoked_reason", v.row.revokedReason);
    }
    if (!v.supersededBySerial.empty()) o->set("superseded_by", v.supersededBySerial);
    if (!v.renewedBySerial.empty()) o->set("renewed_by", v.renewedBySerial);
    if (!v.previousSerial.empty()) o->set("previous", v.previousSerial);
    o->set("issued_by", v.row.issuedBy);
    o->set("verify_url", verifyUrl(publicUrl, v.row.serial));
    return o;
}

} // namespace yanzhen::json
