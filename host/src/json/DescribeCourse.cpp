#include "json/DescribeCourse.hpp"

#include "json/DescribePlugins.hpp"

#include <Poco/JSON/Array.h>

namespace yanzhen::json {

using courses::Course;

namespace {

using json::describe; // the Text overload, beside the node's below

Poco::JSON::Object::Ptr describe(const rules::Node& node) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("kind", std::string(rules::nodeKindName(node.kind)));
    if (!node.id.empty()) o->set("id", node.id);
    if (!node.label.zh.empty() || !node.label.en.empty()) o->set("label", describe(node.label));
    if (node.kind == rules::NodeKind::Leaf) {
        o->set("module", node.leaf.moduleId);
        o->set("leaf", node.leaf.type);
        o->set("scope", std::string(node.leaf.cohortScope ? "cohort" : "worker"));
    }
    if (node.kind == rules::NodeKind::AtLeast) o->set("n", static_cast<Poco::UInt64>(node.atLeast));
    if (node.kind == rules::NodeKind::Ref) o->set("ref", node.ref);
    if (!node.children.empty()) {
        Poco::JSON::Array::Ptr children = new Poco::JSON::Array;
        for (const auto& c : node.children)
            children->add(describe(c));
        o->set("children", children);
    }
    if (node.waivedBy) o->set("waived_by", describe(*node.waivedBy));
    return o;
}

} // namespace

Poco::JSON::Object::Ptr describe(const Course& course) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", course.id);
    o->set("version", course.version);
    o->set("hash", course.hash);
    o->set("title", describe(course.title));
    if (!course.issuer.zh.empty()) o->set("issuer", describe(course.issuer));
    Poco::JSON::Array::Ptr modules = new Poco::JSON::Array;
    for (const auto& m : course.modules) {
        Poco::JSON::Object::Ptr mo = new Poco::JSON::Object;
        mo->set("id", m.id);
        mo->set("plugin", m.pluginId);
        mo->set("title", describe(m.title));
        modules->add(mo);
    }
    o->set("modules", modules);
    Poco::JSON::Array::Ptr templates = new Poco::JSON::Array;
    for (const auto& t : course.templates) {
        Poco::JSON::Object::Ptr to = new Poco::JSON::Object;
        to->set("id", t.id);
        to->set("module", t.module);
        to->set("title", describe(t.title));
        if (t.minutes > 0) to->set("minutes", t.minutes);
        to->set("ref", t.ref);
        templates->add(to);
    }
    o->set("session_templates", templates);
    Poco::JSON::Object::Ptr sets = new Poco::JSON::Object;
    for (const auto& [name, set] : course.requirements)
        sets->set(name, describe(set.root));
    o->set("requirements", sets);
    Poco::JSON::Array::Ptr credentials = new Poco::JSON::Array;
    for (const auto& c : course.credentials) {
        Poco::JSON::Object::Ptr co = new Poco::JSON::Object;
        co->set("id", c.id);
        co->set("title", describe(c.title));
        co->set("level", c.level);
        co->set("when", c.when);
        Poco::JSON::Object::Ptr validity = new Poco::JSON::Object;
        validity->set("years", c.validity.years);
        validity->set("months", c.validity.months);
        validity->set("days", c.validity.days);
        co->set("validity", validity);
        if (!c.renewalSet.empty()) co->set("renewal_requirements", c.renewalSet);
        co->set("renewal_window_days", c.renewalWindowDays);
        co->set("grace_days", c.graceDays);
        credentials->add(co);
    }
    o->set("credentials", credentials);
    return o;
}

} // namespace yanzhen::json
