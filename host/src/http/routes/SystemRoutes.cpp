// The server itself. No login for either: load balancers and monitoring ask the first, client
// generators and the curious the second.
//
//   GET /healthz               is the server up and its database readable
//   GET /api/v1/openapi.json   the API's contract (http/openapi.json, compiled in)

#include "http/Api.hpp"
#include "http/OpenApiDocument.hpp"
#include "http/RequestContext.hpp"

#ifndef YANZHEN_VERSION
#define YANZHEN_VERSION "0.0.0"
#endif

namespace yanzhen::http {

namespace {

void health(RequestContext& ctx, ApiServices& api) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("version", std::string(YANZHEN_VERSION));
    try {
        api.store.schemaVersion();
        o->set("status", std::string("ok"));
        o->set("database", std::string("ok"));
        ctx.json(200, o);
    } catch (const std::exception&) {
        o->set("status", std::string("degraded"));
        o->set("database", std::string("unavailable"));
        ctx.json(503, o);
    }
}

void openApiDocument(RequestContext& ctx, ApiServices&) {
    ctx.send(200, "application/json; charset=utf-8", openApiText());
}

} // namespace

void addSystemRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/healthz", Audience::Public, bound(api, health));
    router.add("GET", "/api/v1/openapi.json", Audience::Public, bound(api, openApiDocument));
}

} // namespace yanzhen::http
