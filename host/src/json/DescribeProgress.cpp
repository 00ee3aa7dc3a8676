#include "json/DescribeProgress.hpp"

#include "rules/RuleEngine.hpp"
#include "json/DescribePlugins.hpp"

#include <Poco/JSON/Array.h>

#include <cmath>

namespace yanzhen::json {

using services::CohortProgress;

namespace {

double rounded(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

} // namespace

Poco::JSON::Object::Ptr describe(const rules::Outcome& o) {
    Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
    j->set("kind", std::string(rules::nodeKindName(o.kind)));
    if (!o.id.empty()) j->set("id", o.id);
    j->set("label", describe(o.label));
    j->set("status", std::string(rules::statusName(o.status)));
    j->set("fraction", rounded(o.fraction));
    j->set("have", o.have);
    j->set("need", o.need);
    if (!o.unit.empty()) j->set("unit", o.unit);
    j->set("sentence", describe(o.sentence));
    if (!o.module.empty()) j->set("module", o.module);
    if (!o.leafType.empty()) j->set("leaf", o.leafType);
    if (o.closest) j->set("closest", true);
    if (!o.children.empty()) {
        Poco::JSON::Array::Ptr children = new Poco::JSON::Array;
        for (const auto& c : o.children)
            children->add(describe(c));
        j->set("children", children);
    }
    return j;
}

Poco::JSON::Object::Ptr describe(const CohortProgress& p) {
    Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr cohort = new Poco::JSON::Object;
    cohort->set("id", p.cohort.id);
    cohort->set("code", p.cohort.code);
    cohort->set("name", p.cohort.name);
    cohort->set("starts_on", p.cohort.startsOn);
    cohort->set("ends_on", p.cohort.endsOn);
    j->set("cohort", cohort);
    Poco::JSON::Object::Ptr course = new Poco::JSON::Object;
    course->set("id", p.course->id);
    course->set("version", p.course->version);
    course->set("hash", p.course->hash);
    course->set("title", describe(p.course->title));
    j->set("course", course);
    Poco::JSON::Array::Ptr modules = new Poco::JSON::Array;
    for (const auto& m : p.progress.modules) {
        Poco::JSON::Object::Ptr mo = new Poco::JSON::Object;
        mo->set("id", m.module);
        mo->set("title", describe(m.title));
        mo->set("fraction", rounded(m.fraction));
        mo->set("leaves", static_cast<Poco::UInt64>(m.leaves));
        mo->set("leaves_met", static_cast<Poco::UInt64>(m.leavesMet));
        modules->add(mo);
    }
    j->set("modules", modules);
    Poco::JSON::Object::Ptr sets = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr left = new Poco::JSON::Object;
    for (const auto& [name, outcome] : p.progress.sets) {
        sets->set(name, describe(outcome));
        left->set(name, describeLeft(rules::RuleEngine::whatsLeft(outcome)));
    }
    j->set("sets", sets);
    j->set("left", left);
    return j;
}

Poco::JSON::Array::Ptr describeLeft(const std::vector<rules::LeftItem>& left) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& item : left) {
        Poco::JSON::Object::Ptr io = new Poco::JSON::Object;
        io->set("id", item.id);
        io->set("module", item.module);
        io->set("label", describe(item.label));
        io->set("sentence", describe(item.sentence));
        io->set("have", item.have);
        io->set("need", item.need);
        if (!item.unit.empty()) io->set("unit", item.unit);
        items->add(io);
    }
    return items;
}

Poco::JSON::Object::Ptr describe(const services::MemberStanding& m) {
    Poco::JSON::Object::Ptr worker = new Poco::JSON::Object;
    worker->set("id", m.person.id);
    worker->set("code", m.person.code);
    worker->set("name", m.person.name);
    Poco::JSON::Object::Ptr sets = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr left = new Poco::JSON::Object;
    for (const auto& [name, s] : m.sets) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("status", std::string(rules::statusName(s.status)));
        o->set("fraction", rounded(s.fraction));
        o->set("behind", s.behind);
        sets->set(name, o);
        if (!s.left.empty()) left->set(name, describeLeft(s.left));
    }
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("worker", worker);
    o->set("behind", m.behind());
    o->set("sets", sets);
    o->set("left", left);
    return o;
}

} // namespace yanzhen::json
