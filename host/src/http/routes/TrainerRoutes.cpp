// What the trainers' pages need to build their forms for one cohort: the course version the
// cohort is pinned to (which may be older than the catalog's, GET /api/v1/courses/{id}), with
// the evidence schema of each module and the module's configuration from the course file. A
// plugin's schema declares a rubric as one `scores` field; which criteria a drill is scored on,
// their maxima and their floors live in the module's configuration, so a page reads them there.
//
//   GET /api/v1/cohorts/{id}/course   the cohort's staff: the course as GET /courses/{id} gives
//                                     it, for the cohort's version, each module with `config`

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/cohorts/CohortService.hpp"
#include "json/DescribeCourse.hpp"
#include "json/DescribePlugins.hpp"

#include <Poco/JSON/Array.h>

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>

namespace yanzhen::http {

namespace {

/// A YAML scalar as JSON: an integer, a number, true/false, null, or else the text itself (a
/// plain scalar in a course file is untyped; a quoted one stays text).
Poco::Dynamic::Var scalarJson(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (node.Tag() == "!") return s; // quoted
    if (s.empty() || s == "~" || s == "null") return Poco::Dynamic::Var();
    if (s == "true") return true;
    if (s == "false") return false;
    std::int64_t i = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc() && end == s.data() + s.size()) return i;
    try {
        std::size_t used = 0;
        const double d = std::stod(s, &used);
        if (used == s.size() && std::isfinite(d)) return d;
    } catch (const std::exception&) { // not a number: text
    }
    return s;
}

Poco::Dynamic::Var yamlJson(const YAML::Node& node) {
    if (node.IsMap()) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        for (const auto& kv : node)
            o->set(kv.first.as<std::string>(), yamlJson(kv.second));
        return o;
    }
    if (node.IsSequence()) {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (const auto& item : node)
            a->add(yamlJson(item));
        return a;
    }
    if (node.IsScalar()) return scalarJson(node);
    return Poco::Dynamic::Var();
}

/// Each module's `config` of the course file, by module id; empty when the source does not
/// parse (it did when the version was stored, so that is not expected).
std::map<std::string, Poco::Dynamic::Var> moduleConfigs(const courses::Course& course) {
    std::map<std::string, Poco::Dynamic::Var> out;
    try {
        const YAML::Node root = YAML::Load(course.source);
        for (const auto& m : root["modules"]) {
            if (!m.IsMap() || !m["id"] || !m["id"].IsScalar()) continue;
            out[m["id"].as<std::string>()] =
                m["config"] ? yamlJson(m["config"]) : Poco::Dynamic::Var(new Poco::JSON::Object);
        }
    } catch (const YAML::Exception&) { // the pages fall back to the plugin's schema alone
    }
    return out;
}

void getCohortCourse(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    requireCohortStaff(ctx, api, id); // first: a trainer may not probe for ids
    const auto cohort = services::CohortService(api.store, api.versions).find(id);
    if (!cohort) throw ApiError::notFound("cohort " + std::to_string(id));
    std::shared_ptr<const courses::Course> course;
    try {
        course = api.versions.get(cohort->courseHash);
    } catch (const std::runtime_error&) {
        throw ApiError(500, "course_unavailable",
                       Text{"期 " + cohort->code + " 的课程版本无法加载（缺少插件？）",
                            "the course version of cohort " + cohort->code +
                                " does not load (a plugin missing?)"});
    }
    auto o = json::describe(*course);
    const auto configs = moduleConfigs(*course);
    Poco::JSON::Array::Ptr modules = o->getArray("modules");
    for (std::size_t i = 0; i < course->modules.size() && i < modules->size(); ++i) {
        const auto& m = course->modules[i];
        Poco::JSON::Object::Ptr module = modules->getObject(i);
        if (m.instance)
            module->set("evidence_kinds",
                        json::describe(m.instance->plugin())->getArray("evidence_kinds"));
        const auto config = configs.find(m.id);
        module->set("config", config != configs.end() ? config->second
                                                      : Poco::Dynamic::Var(new Poco::JSON::Object));
    }
    ctx.json(200, o);
}

} // namespace

void addTrainerRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/cohorts/{id}/course", Audience::Staff, bound(api, getCohortCourse));
}

} // namespace yanzhen::http
