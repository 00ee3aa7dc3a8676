// GET /healthz: is the server up and its database readable. No login: load balancers and
// monitoring ask it.

#include "http/Api.hpp"
#include "http/RequestContext.hpp"


#ifndef YANZHEN_VERSION
#define YANZHEN_VERSION "0.0.0"
#endif

namespace yanzhen::http {

void addSystemRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/healthz", Audience::Public, [&api](RequestContext& ctx) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("version", std::string(YANZHEN_VERSION));
        try {
            api.db.schemaVersion();
            o->set("status", std::string("ok"));
            o->set("database", std::string("ok"));
            ctx.json(200, o);
        } catch (const std::exception&) {
            o->set("status", std::string("degraded"));
            o->set("database", std::string("unavailable"));
            ctx.json(503, o);
        }
    });
}

} // namespace yanzhen::http
