#include "json/DescribePlugins.hpp"

#include <Poco/JSON/Array.h>

namespace yanzhen::json {

using plugins::LoadedPlugin;
using plugins::Refusal;

Poco::JSON::Object::Ptr describe(const Text& t) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("zh", t.zh);
    o->set("en", t.en);
    return o;
}

namespace {

Poco::JSON::Array::Ptr fields(const std::vector<Field>& list) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& f : list) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("name", f.name);
        o->set("type", std::string(fieldTypeName(f.type)));
        o->set("label", describe(f.label));
        o->set("required", f.required);
        if (f.min) o->set("min", *f.min);
        if (f.max) o->set("max", *f.max);
        if (!f.choices.empty()) {
            Poco::JSON::Array::Ptr choices = new Poco::JSON::Array;
            for (const auto& c : f.choices)
                choices->add(c);
            o->set("choices", choices);
        }
        if (!f.unit.empty()) o->set("unit", f.unit);
        out->add(o);
    }
    return out;
}

} // namespace

Poco::JSON::Object::Ptr describe(const LoadedPlugin& plugin) {
    const PluginInfo& info = plugin.info;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", info.id);
    o->set("version", info.version);
    o->set("abi", std::to_string(plugin.abiMajor) + "." + std::to_string(plugin.abiMinor));
    o->set("status", std::string(info.status == Status::Stable ? "stable" : "experimental"));
    o->set("file", plugin.file.string());
    o->set("title", describe(info.title));
    Poco::JSON::Array::Ptr kinds = new Poco::JSON::Array;
    for (const auto& k : info.kinds) {
        Poco::JSON::Object::Ptr kind = new Poco::JSON::Object;
        kind->set("id", k.id);
        kind->set("label", describe(k.label));
        kind->set("fields", fields(k.fields));
        kinds->add(kind);
    }
    o->set("evidence_kinds", kinds);
    Poco::JSON::Array::Ptr leaves = new Poco::JSON::Array;
    for (const auto& l : info.leaves) {
        Poco::JSON::Object::Ptr leaf = new Poco::JSON::Object;
        leaf->set("id", l.id);
        leaf->set("label", describe(l.label));
        leaf->set("scope", std::string(l.scope == Scope::Cohort ? "cohort" : "worker"));
        leaf->set("config", fields(l.config));
        leaves->add(leaf);
    }
    o->set("leaves", leaves);
    return o;
}

Poco::JSON::Object::Ptr describe(const Refusal& refusal, std::string_view lang) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("file", refusal.file.string());
    if (!refusal.id.empty()) o->set("id", refusal.id);
    o->set("reason", describe(refusal.reason));
    o->set("message", refusal.line(lang));
    return o;
}

} // namespace yanzhen::json
