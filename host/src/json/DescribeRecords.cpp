#include "json/DescribeRecords.hpp"

#include "json/DescribePlugins.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Parser.h>

namespace yanzhen::json {

using services::AccountInfo;
using services::SessionView;

Poco::JSON::Object::Ptr describe(const SessionView& v) {
    const auto& s = v.session;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", s.id);
    Poco::JSON::Object::Ptr cohort = new Poco::JSON::Object;
    cohort->set("id", s.cohortId);
    cohort->set("code", v.cohortCode);
    o->set("cohort", cohort);
    o->set("module", s.module);
    o->set("template", s.templateId);
    o->set("title", describe(v.title));
    o->set("starts_at", s.startsAt);
    o->set("ends_at", s.endsAt);
    o->set("place", s.place);
    if (s.trainerId) {
        Poco::JSON::Object::Ptr t = new Poco::JSON::Object;
        t->set("id", *s.trainerId);
        t->set("code", v.trainerCode);
        t->set("name", v.trainerName);
        o->set("trainer", t);
    }
    o->set("capacity", s.capacity);
    o->set("booked", static_cast<Poco::UInt64>(v.booked));
    o->set("waiting", static_cast<Poco::UInt64>(v.waiting));
    o->set("status", s.status);
    o->set("sequence", s.sequence);
    return o;
}

std::map<store::Id, store::Id> supersessions(const std::vector<store::EvidenceRow>& rows) {
    std::map<store::Id, store::Id> out;
    for (const auto& row : rows)
        if (row.supersedes) out[*row.supersedes] = row.id;
    return out;
}

Poco::JSON::Object::Ptr describe(const store::EvidenceRow& row,
                                 const std::map<store::Id, store::Id>& supersededBy) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", row.id);
    o->set("course", row.courseId ? Poco::Dynamic::Var(*row.courseId) : Poco::Dynamic::Var());
    o->set("module", row.module);
    o->set("kind", row.kind);
    o->set("ref", row.ref);
    o->set("date", formatDay(row.day));
    if (row.sessionId) o->set("session", *row.sessionId);
    Poco::Dynamic::Var fields;
    try {
        fields = Poco::JSON::Parser().parse(row.fields);
    } catch (const Poco::Exception&) { // stored fields were checked when written; keep the text
        fields = row.fields;
    }
    o->set("fields", fields);
    o->set("recorded_at", row.recordedAt);
    o->set("recorded_by", row.recordedBy);
    if (row.supersedes) {
        o->set("supersedes", *row.supersedes);
        o->set("reason", row.reason);
    }
    const auto by = supersededBy.find(row.id);
    if (by != supersededBy.end()) o->set("superseded_by", by->second);
    o->set("current", by == supersededBy.end());
    return o;
}

Poco::JSON::Object::Ptr describe(const store::AuditEntry& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", e.id);
    o->set("at", e.at);
    o->set("actor", e.actor);
    o->set("action", e.action);
    o->set("entity", e.entity);
    o->set("entity_id", e.entityId);
    Poco::Dynamic::Var details;
    try {
        details = Poco::JSON::Parser().parse(e.details);
    } catch (const Poco::Exception&) { // written by us as JSON; keep the text if it ever is not
        details = e.details;
    }
    o->set("details", details);
    o->set("prev_hash", e.prevHash);
    o->set("hash", e.hash);
    return o;
}

Poco::JSON::Object::Ptr describe(const AccountInfo& a) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", a.id);
    o->set("username", a.username);
    o->set("role", a.role);
    if (a.personId) {
        Poco::JSON::Object::Ptr person = new Poco::JSON::Object;
        person->set("id", *a.personId);
        person->set("code", a.personCode);
        person->set("name", a.personName);
        o->set("person", person);
    }
    o->set("disabled", a.disabled);
    o->set("created_at", a.createdAt);
    return o;
}

} // namespace yanzhen::json
