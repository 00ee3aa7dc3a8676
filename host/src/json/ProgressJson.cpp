#include "json/ProgressJson.hpp"

#include "rules/RuleEngine.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <cmath>
#include <stdexcept>

namespace yanzhen::json {

using services::CohortProgress;

// Keys go in the order Poco::JSON::Object writes them: sorted, byte by byte.

namespace {

double rounded(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

using Poco::JSON::Object;

Object::Ptr objectAt(const Object::Ptr& o, const std::string& key) {
    auto out = o->getObject(key);
    if (!out) throw std::runtime_error("a kept answer without the object '" + key + "'");
    return out;
}

Poco::JSON::Array::Ptr arrayAt(const Object::Ptr& o, const std::string& key) {
    auto out = o->getArray(key);
    if (!out) throw std::runtime_error("a kept answer without the array '" + key + "'");
    return out;
}

Text textAt(const Object::Ptr& o, const std::string& key) {
    const auto t = objectAt(o, key);
    return Text{t->getValue<std::string>("zh"), t->getValue<std::string>("en")};
}

rules::Status statusFrom(const std::string& name) {
    for (const auto s : {rules::Status::Met, rules::Status::InProgress, rules::Status::Unmet,
                         rules::Status::Waived})
        if (name == rules::statusName(s)) return s;
    throw std::runtime_error("a kept answer with the status '" + name + "'");
}

} // namespace

void writeJson(JsonWriter& w, const Text& text) {
    w.beginObject().key("en").value(text.en).key("zh").value(text.zh).endObject();
}

void writeJson(JsonWriter& w, const rules::Outcome& o) {
    w.beginObject();
    if (!o.children.empty()) {
        w.key("children").beginArray();
        for (const auto& c : o.children)
            writeJson(w, c);
        w.endArray();
    }
    if (o.closest) w.key("closest").value(true);
    w.key("fraction").value(rounded(o.fraction));
    w.key("have").value(o.have);
    if (!o.id.empty()) w.key("id").value(o.id);
    w.key("kind").value(rules::nodeKindName(o.kind));
    w.key("label");
    writeJson(w, o.label);
    if (!o.leafType.empty()) w.key("leaf").value(o.leafType);
    if (!o.module.empty()) w.key("module").value(o.module);
    w.key("need").value(o.need);
    w.key("sentence");
    writeJson(w, o.sentence);
    w.key("status").value(rules::statusName(o.status));
    if (!o.unit.empty()) w.key("unit").value(o.unit);
    w.endObject();
}

void writeJson(JsonWriter& w, const CohortProgress& p) {
    w.beginObject();
    w.key("cohort").beginObject();
    w.key("code").value(p.cohort.code);
    w.key("ends_on").value(p.cohort.endsOn);
    w.key("id").value(p.cohort.id);
    w.key("name").value(p.cohort.name);
    w.key("starts_on").value(p.cohort.startsOn);
    w.endObject();
    w.key("course").beginObject();
    w.key("hash").value(p.course->hash);
    w.key("id").value(p.course->id);
    w.key("title");
    writeJson(w, p.course->title);
    w.key("version").value(p.course->version);
    w.endObject();
    w.key("left").beginObject();
    for (const auto& [name, outcome] : p.progress.sets) {
        w.key(name).beginArray();
        for (const auto& item : rules::RuleEngine::whatsLeft(outcome)) {
            w.beginObject();
            w.key("have").value(item.have);
            w.key("id").value(item.id);
            w.key("label");
            writeJson(w, item.label);
            w.key("module").value(item.module);
            w.key("need").value(item.need);
            w.key("sentence");
            writeJson(w, item.sentence);
            if (!item.unit.empty()) w.key("unit").value(item.unit);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    w.key("modules").beginArray();
    for (const auto& m : p.progress.modules) {
        w.beginObject();
        w.key("fraction").value(rounded(m.fraction));
        w.key("id").value(m.module);
        w.key("leaves").value(static_cast<std::uint64_t>(m.leaves));
        w.key("leaves_met").value(static_cast<std::uint64_t>(m.leavesMet));
        w.key("title");
        writeJson(w, m.title);
        w.endObject();
    }
    w.endArray();
    w.key("sets").beginObject();
    for (const auto& [name, outcome] : p.progress.sets) {
        w.key(name);
        writeJson(w, outcome);
    }
    w.endObject();
    w.endObject();
}

std::string cohortEntry(const CohortProgress& progress) {
    std::string out;
    out.reserve(8192);
    JsonWriter w(out);
    writeJson(w, progress);
    return out;
}

services::KeptEntry readCohortEntry(const std::string& answer) {
    services::KeptEntry out;
    try {
        const auto root = Poco::JSON::Parser().parse(answer).extract<Object::Ptr>();
        for (const auto& m : *arrayAt(root, "modules")) {
            const auto o = m.extract<Object::Ptr>();
            out.modules.push_back(
                {o->getValue<std::string>("id"), o->getValue<double>("fraction")});
        }
        const auto left = objectAt(root, "left");
        for (const auto& [name, value] : *objectAt(root, "sets")) {
            const auto o = value.extract<Object::Ptr>();
            auto& set = out.sets[name];
            set.status = statusFrom(o->getValue<std::string>("status"));
            set.fraction = o->getValue<double>("fraction");
            for (const auto& item : *arrayAt(left, name)) {
                const auto l = item.extract<Object::Ptr>();
                rules::LeftItem& it = set.left.emplace_back();
                it.id = l->getValue<std::string>("id");
                it.module = l->getValue<std::string>("module");
                it.label = textAt(l, "label");
                it.sentence = textAt(l, "sentence");
                it.have = l->getValue<double>("have");
                it.need = l->getValue<double>("need");
                it.unit = l->optValue<std::string>("unit", "");
            }
        }
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("a kept answer that does not read: " + e.displayText());
    }
    return out;
}

services::AnswerFormat answerFormat() {
    return services::AnswerFormat{cohortEntry, readCohortEntry};
}

} // namespace yanzhen::json
