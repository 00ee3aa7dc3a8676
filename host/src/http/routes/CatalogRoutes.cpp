// What the host runs: its plugins (with the reason for any refusal) and its courses (with their
// requirement trees and the evidence schemas their plugins declare, from which the pages build
// their forms).
//
//   GET /api/v1/plugins        staff
//   GET /api/v1/courses        anyone logged in
//   GET /api/v1/courses/{id}   anyone logged in

#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "json/DescribeCourse.hpp"
#include "json/DescribePlugins.hpp"

namespace yanzhen::http {

namespace {

void listPlugins(RequestContext& ctx, ApiServices& api) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& p : api.plugins.plugins())
        items->add(json::describe(*p));
    Poco::JSON::Array::Ptr refused = new Poco::JSON::Array;
    for (const auto& r : api.plugins.refusals())
        refused->add(json::describe(r, ctx.lang()));
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("items", items);
    o->set("refused", refused);
    ctx.json(200, o);
}

void listCourses(RequestContext& ctx, ApiServices& api) {
    ctx.pageOf(api.catalog.courses(), [](const auto& course) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("id", course->id);
        o->set("version", course->version);
        o->set("hash", course->hash);
        o->set("title", json::describe(course->title));
        o->set("modules", static_cast<Poco::UInt64>(course->modules.size()));
        return o;
    });
}

void getCourse(RequestContext& ctx, ApiServices& api) {
    const auto course = api.catalog.find(ctx.param("id"));
    if (!course) throw ApiError::notFound("course " + ctx.param("id"));
    auto o = json::describe(*course);
    // The evidence schema of each module, so that a page can build its forms without
    // knowing the plugin.
    Poco::JSON::Array::Ptr modules = o->getArray("modules");
    for (std::size_t i = 0; i < course->modules.size() && i < modules->size(); ++i)
        if (course->modules[i].instance) {
            const auto described = json::describe(course->modules[i].instance->plugin());
            modules->getObject(i)->set("evidence_kinds", described->getArray("evidence_kinds"));
        }
    ctx.json(200, o);
}

} // namespace

void addCatalogRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/plugins", Audience::Staff, bound(api, listPlugins));
    router.add("GET", "/api/v1/courses", Audience::Authenticated, bound(api, listCourses));
    router.add("GET", "/api/v1/courses/{id}", Audience::Authenticated, bound(api, getCourse));
}

} // namespace yanzhen::http
