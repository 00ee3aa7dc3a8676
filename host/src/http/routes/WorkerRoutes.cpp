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

#include "services/progress/ProgressService.hpp"
#include "store/CohortRepository.hpp"
#include "store/PeopleRepository.hpp"
#include "store/ProgressReads.hpp"
#include "json/DescribeProgress.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

namespace yanzhen::http {

namespace {

Poco::JSON::Object::Ptr personJson(const store::Person& p) {
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
void writePerson(json::JsonWriter& w, const store::Person& p) {
    w.beginObject().key("code").value(p.code).key("id").value(p.id).key("name").value(p.name);
    if (p.orgUnitId) w.key("org_unit").value(*p.orgUnitId);
    w.key("posts").beginArray();
    for (const auto& post : p.posts)
        if (post.endedOn.empty()) w.value(post.kind);
    w.endArray().endObject();
}

store::Person personOr404(ApiServices& api, store::Id id) {
    auto r = api.db.read();
    auto p = store::PeopleRepository(*r).find(id);
    if (!p) throw ApiError::notFound("worker " + std::to_string(id));
    return *p;
}

} // namespace

void addWorkerRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/workers", Audience::Staff, [&api](RequestContext& ctx) {
        store::PeopleQuery q;
        q.postKind = ctx.query("post").value_or("");
        q.nameContains = ctx.query("name").value_or("");
        q.limit = ctx.limit();
        q.offset = ctx.offset();
        // Least privilege: a trainer lists the people of the cohorts they train, not the district.
        const Principal& who = ctx.caller();
        if (who.role == services::Role::Trainer) q.taughtBy = who.person.value_or(0);
        auto r = api.db.read();
        store::PeopleRepository people(*r);
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& p : people.list(q))
            items->add(personJson(p));
        ctx.page(items, people.count(q));
    });

    router.add("GET", "/api/v1/workers/{id}", Audience::Authenticated, [&api](RequestContext& ctx) {
        const store::Id id = ctx.idParam("id", "worker");
        requireWorkerReader(ctx, api, id); // first: a worker may not learn which ids exist
        const auto person = personOr404(api, id);
        auto o = personJson(person);
        auto r = api.db.read();
        Poco::JSON::Array::Ptr cohorts = new Poco::JSON::Array;
        for (const auto& c : store::CohortRepository(*r).cohortsOf(id)) {
            Poco::JSON::Object::Ptr co = new Poco::JSON::Object;
            co->set("id", c.id);
            co->set("code", c.code);
            co->set("name", c.name);
            cohorts->add(co);
        }
        o->set("cohorts", cohorts);
        ctx.json(200, o);
    });

    router.add("GET", "/api/v1/workers/{id}/progress", Audience::Authenticated,
               [&api](RequestContext& ctx) {
                   const store::Id id = ctx.idParam("id", "worker");
                   requireWorkerReader(ctx, api, id);
                   std::optional<store::Person> person;
                   {
                       auto r = api.db.read();
                       person = store::ProgressReads(r).person(id);
                   }
                   if (!person) throw ApiError::notFound("worker " + std::to_string(id));
                   const std::int32_t today = dayOf(ctx);
                   const auto all =
                       services::ProgressService(api.db, api.versions).forPerson(id, today);
                   // Written directly: the same bytes as the Poco::JSON objects would give
                   // (ProgressJson), at a fraction of the cost of building them.
                   std::string body;
                   body.reserve(16384);
                   json::JsonWriter w(body);
                   w.beginObject().key("cohorts").beginArray();
                   for (const auto& p : all)
                       json::writeJson(w, p);
                   w.endArray().key("date").value(formatDay(today)).key("worker");
                   writePerson(w, *person);
                   w.endObject();
                   ctx.send(200, "application/json; charset=utf-8", body);
               });
}

} // namespace yanzhen::http
