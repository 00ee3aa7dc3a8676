// People and where they stand.
//
//   GET /api/v1/workers                      admins: everyone; trainers: their cohorts' people;
//                                            ?post= ?name= ?limit= ?offset=
//   GET /api/v1/workers/{id}                 the worker, their trainers, admins
//   GET /api/v1/workers/{id}/progress        the same; ?date=YYYY-MM-DD (default today)

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"
#include "http/routes/Requests.hpp"

#include "services/people/PeopleService.hpp"
#include "services/standings/KeptStandings.hpp"
#include "json/DescribeProgress.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

namespace yanzhen::http {

namespace {

Poco::JSON::Object::Ptr personJson(const services::Person& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", p.id);
    o->set("code", p.code);
    o->set("name", p.name);
    if (p.orgUnitId) o->set("org_unit", *p.orgUnitId);
    Poco::JSON::Array::Ptr posts = new Poco::JSON::Array;
    for (const auto& post : p.posts)
        if (post.endedOn.empty()) posts->add(post.kind);
    o->set("posts", posts);
    return o;
}

/// personJson(p), written directly (keys in Poco's sorted order).
void writePerson(json::JsonWriter& w, const services::Person& p) {
    w.beginObject().key("code").value(p.code).key("id").value(p.id).key("name").value(p.name);
    if (p.orgUnitId) w.key("org_unit").value(*p.orgUnitId);
    w.key("posts").beginArray();
    for (const auto& post : p.posts)
        if (post.endedOn.empty()) w.value(post.kind);
    w.endArray().endObject();
}

void listWorkers(RequestContext& ctx, ApiServices& api) {
    services::PeopleQuery q;
    q.postKind = ctx.query("post").value_or("");
    q.nameContains = ctx.query("name").value_or("");
    q.limit = ctx.limit();
    q.offset = ctx.offset();
    // Least privilege: a trainer lists the people of the cohorts they train, not the district.
    const Principal& who = ctx.caller();
    if (who.role == services::Role::Trainer) q.taughtBy = who.person.value_or(0);
    const auto found = services::PeopleService(api.store).list(q);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& p : found.items)
        items->add(personJson(p));
    ctx.page(items, found.total);
}

void getWorker(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "worker");
    requireWorkerReader(ctx, api, id); // first: a worker may not learn which ids exist
    services::PeopleService people(api.store);
    const auto person = people.find(id);
    if (!person) throw ApiError::notFound("worker " + std::to_string(id));
    auto o = personJson(*person);
    Poco::JSON::Array::Ptr cohorts = new Poco::JSON::Array;
    for (const auto& c : people.cohortsOf(id)) {
        Poco::JSON::Object::Ptr co = new Poco::JSON::Object;
        co->set("id", c.id);
        co->set("code", c.code);
        co->set("name", c.name);
        cohorts->add(co);
    }
    o->set("cohorts", cohorts);
    ctx.json(200, o);
}

void getProgress(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "worker");
    requireWorkerReader(ctx, api, id);
    std::int32_t today = 0;
    try {
        today = dayOf(ctx);
    } catch (const ApiError&) { // a worker who does not exist is the first thing to say
        if (!services::PeopleService(api.store).find(id))
            throw ApiError::notFound("worker " + std::to_string(id));
        throw;
    }
    // The kept standings: stored bytes when they hold, recomputed and kept when not.
    const auto progress =
        services::KeptStandings(api.store, api.versions, json::cohortEntry).ofWorker(id, today);
    if (!progress) throw ApiError::notFound("worker " + std::to_string(id));
    std::string body;
    body.reserve(16384);
    json::JsonWriter w(body);
    w.beginObject().key("cohorts").beginArray();
    for (const auto& entry : progress->cohorts)
        w.raw(entry);
    w.endArray().key("date").value(formatDay(today)).key("worker");
    writePerson(w, progress->person);
    w.endObject();
    ctx.send(200, "application/json; charset=utf-8", body);
}

} // namespace

void addWorkerRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/workers", Audience::Staff, bound(api, listWorkers));
    router.add("GET", "/api/v1/workers/{id}", Audience::Authenticated, bound(api, getWorker));
    router.add("GET", "/api/v1/workers/{id}/progress", Audience::Authenticated,
               bound(api, getProgress));
}

} // namespace yanzhen::http
