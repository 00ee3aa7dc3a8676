// A cohort's timetable, its conflicts, and the seats in each session with their waiting lines.
// Times are Beijing time "YYYY-MM-DDTHH:MM"; a person in a body is an id or a staff number, a
// cohort an id or its code.
//
//   GET    /api/v1/cohorts/{id}/sessions         the cohort's staff, or a worker enrolled in it
//   POST   /api/v1/sessions/check                the cohort's staff; the body of POST /sessions ->
//                                                200 {conflicts}; writes nothing
//   POST   /api/v1/sessions                      the cohort's staff; {cohort, template, starts_at,
//                                                ends_at, place, trainer?, capacity?, module?} ->
//                                                201 {id}; a clash answers 409 "conflict" with
//                                                details {conflicts: [{code, message, session}]}
//   GET    /api/v1/sessions/{id}                 as its cohort's sessions; staff also see bookings
//   POST   /api/v1/sessions/{id}/cancel          the cohort's staff; {reason}
//   POST   /api/v1/sessions/{id}/bookings        the cohort's staff, or the worker booking
//                                                themself; {worker?} -> 201 {status, position}
//   DELETE /api/v1/sessions/{id}/bookings/{worker}  the same -> {promoted?}

#include "Requests.hpp"

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/cohorts/CohortService.hpp"
#include "services/people/PeopleService.hpp"
#include "services/scheduling/SchedulingService.hpp"
#include "json/DescribePlugins.hpp"
#include "json/DescribeRecords.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>

namespace yanzhen::http {

namespace {

/// The conflicts the scheduling service names a field for: the web form marks that field.
const std::map<std::string, std::string>& fieldOfConflict() {
    static const std::map<std::string, std::string> fields = {
        {"unknown_cohort", "cohort"},   {"bad_time", "ends_at"},
        {"bad_capacity", "capacity"},   {"unknown_template", "template"},
        {"wrong_module", "module"},     {"outside_cohort", "starts_at"},
        {"unknown_trainer", "trainer"}, {"no_reason", "reason"},
    };
    return fields;
}

Poco::JSON::Array::Ptr conflictsJson(const std::vector<services::Conflict>& conflicts,
                                     const std::string& lang) {
    Poco::JSON::Array::Ptr all = new Poco::JSON::Array;
    for (const auto& c : conflicts) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("code", c.code);
        o->set("message", c.message.in(lang));
        if (c.session) o->set("session", *c.session);
        all->add(o);
    }
    return all;
}

/// A refusal of the scheduling service as an answer: 400 "invalid_field" when the request
/// itself is wrong (naming the fields), 404 for a session or person that is not there, else
/// 409 "conflict"; the message is the first conflict's, details.conflicts lists every one.
ApiError refusal(const services::SchedulingError& e, const std::string& lang) {
    const auto conflicts = conflictsJson(e.conflicts, lang);
    std::vector<FieldError> fields;
    for (const auto& c : e.conflicts) {
        const auto f = fieldOfConflict().find(c.code);
        if (f != fieldOfConflict().end()) fields.push_back(FieldError{f->second, c.message});
    }
    if (!fields.empty()) {
        auto error = invalidFields(fields, lang);
        Poco::JSON::Object::Ptr details = error.details(); // the same object, writable
        details->set("conflicts", conflicts);
        return error;
    }
    const Text first =
        e.conflicts.empty() ? Text{"已拒绝", "refused"} : e.conflicts.front().message;
    if (!e.conflicts.empty() && (e.conflicts.front().code == "unknown_session" ||
                                 e.conflicts.front().code == "unknown_person"))
        return ApiError(404, "not_found", first);
    Poco::JSON::Object::Ptr details = new Poco::JSON::Object;
    details->set("conflicts", conflicts);
    return ApiError(409, "conflict", first, details);
}

services::SchedulingService scheduling(ApiServices& api) {
    return services::SchedulingService(api.store, api.versions);
}

services::Session sessionOr404(ApiServices& api, services::Id id) {
    const auto s = scheduling(api).find(id);
    if (!s) throw ApiError::notFound("session " + std::to_string(id));
    return *s;
}

/// The body of POST /sessions and /sessions/check, after the caller was found to be staff of
/// the cohort it names. 400 naming every malformed field.
services::ScheduleRequest scheduleRequest(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.jsonBody());
    const auto cohortRef = body.reference("cohort", true);
    const auto templateId = body.text("template", 100);
    const auto startsAt = body.localTime("starts_at");
    const auto endsAt = body.localTime("ends_at");
    const auto place = body.text("place", 200);
    const auto trainerRef = body.reference("trainer", false);
    const auto capacity = body.optionalInteger("capacity", 0, 100000);
    const auto module = body.optionalText("module", 100);
    services::ScheduleRequest request;
    {
        if (cohortRef) {
            if (const auto c = services::CohortService(api.store, api.versions).resolve(*cohortRef))
                request.cohort = c->id;
            else
                body.problem("cohort", Text{"没有编号或 ID 为“" + *cohortRef + "”的期",
                                            "no cohort with code or id '" + *cohortRef + "'"});
        }
        if (trainerRef) {
            if (const auto p = services::PeopleService(api.store).resolve(*trainerRef))
                request.trainer = p->id;
            else
                body.problem("trainer",
                             Text{"没有工号或 ID 为“" + *trainerRef + "”的人员",
                                  "no person with staff number or id '" + *trainerRef + "'"});
        }
    }
    // Who may ask comes before what is wrong with the rest of the body.
    if (request.cohort != 0) requireCohortStaff(ctx, api, request.cohort);
    body.check(ctx.lang());
    request.templateId = *templateId;
    request.module = module;
    request.startsAt = *startsAt;
    request.endsAt = *endsAt;
    request.place = *place;
    if (capacity) request.capacity = static_cast<int>(*capacity);
    return request;
}

Poco::JSON::Array::Ptr bookingsJson(ApiServices& api, services::Id session,
                                    std::optional<services::Id> onlyOf) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& [b, person] : scheduling(api).bookings(session, onlyOf)) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        Poco::JSON::Object::Ptr w = new Poco::JSON::Object;
        w->set("id", b.personId);
        if (person) {
            w->set("code", person->code);
            w->set("name", person->name);
        }
        o->set("worker", w);
        o->set("status", b.status);
        if (b.status == "waiting") o->set("position", b.position);
        o->set("booked_at", b.bookedAt);
        items->add(o);
    }
    return items;
}

void listCohortSessions(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    requireCohortReader(ctx, api, id);
    if (!services::CohortService(api.store, api.versions).find(id))
        throw ApiError::notFound("cohort " + std::to_string(id));
    services::SessionFilter filter;
    filter.cohort = id;
    const auto all = scheduling(api).list(filter);
    ctx.pageOf(all, [](const auto& v) { return json::describe(v); });
}

void checkSession(RequestContext& ctx, ApiServices& api) {
    const auto request = scheduleRequest(ctx, api);
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("conflicts", conflictsJson(scheduling(api).check(request), ctx.lang()));
    ctx.json(200, o);
}

void scheduleSession(RequestContext& ctx, ApiServices& api) {
    const auto request = scheduleRequest(ctx, api);
    services::Id id = 0;
    try {
        id = scheduling(api).schedule(actorOf(ctx.caller()), request);
    } catch (const services::SchedulingError& e) {
        throw refusal(e, ctx.lang());
    }
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", id);
    ctx.json(201, o);
}

void getSession(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "session");
    // Only an admin learns that an id does not exist; anyone else who may
    // not read it gets the same 403 whether it exists or not.
    std::optional<services::Session> found;
    try {
        found = sessionOr404(api, id);
    } catch (const ApiError&) {
        if (!isAdmin(ctx.caller())) throw ApiError::forbidden();
        throw;
    }
    const services::Session session = *found;
    requireCohortReader(ctx, api, session.cohortId);
    services::SessionFilter filter;
    filter.cohort = session.cohortId;
    const auto all = scheduling(api).list(filter);
    const auto view =
        std::find_if(all.begin(), all.end(), [&](const auto& v) { return v.session.id == id; });
    if (view == all.end()) throw ApiError::notFound("session " + std::to_string(id));
    auto o = json::describe(*view);
    // Staff see who holds the seats; a worker sees only their own booking.
    const Principal& who = ctx.caller();
    if (who.role == services::Role::Worker)
        o->set("bookings", bookingsJson(api, id, who.person.value_or(0)));
    else
        o->set("bookings", bookingsJson(api, id, std::nullopt));
    ctx.json(200, o);
}

void cancelSession(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "session");
    const services::Session session = sessionOr404(api, id);
    requireCohortStaff(ctx, api, session.cohortId);
    BodyReader body(ctx.jsonBody());
    const auto reason = body.text("reason", 500, true);
    body.check(ctx.lang());
    try {
        scheduling(api).cancel(actorOf(ctx.caller()), id, *reason);
    } catch (const services::SchedulingError& e) {
        throw refusal(e, ctx.lang());
    }
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", id);
    o->set("status", std::string("cancelled"));
    ctx.json(200, o);
}

void book(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "session");
    const services::Session session = sessionOr404(api, id);
    BodyReader body(ctx.jsonBody());
    const Principal& who = ctx.caller();
    // A worker booking themself may leave the worker out.
    auto ref = body.reference("worker", !who.person);
    if (!ref && who.person) ref = std::to_string(*who.person);
    std::optional<services::Person> person;
    if (ref) person = services::PeopleService(api.store).resolve(*ref);
    if (!person) {
        // Only the cohort's staff learn that a person does not exist.
        requireCohortStaff(ctx, api, session.cohortId);
        if (ref)
            body.problem("worker", Text{"没有工号或 ID 为“" + *ref + "”的人员",
                                        "no person with staff number or id '" + *ref + "'"});
        body.check(ctx.lang());
    }
    requireSelfOrCohortStaff(ctx, api, session.cohortId, person->id);
    body.check(ctx.lang());
    services::Booking booking;
    try {
        booking = scheduling(api).book(actorOf(who), id, person->id);
    } catch (const services::SchedulingError& e) {
        throw refusal(e, ctx.lang());
    }
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("session", id);
    o->set("worker", person->id);
    o->set("status", booking.status);
    o->set("position", booking.position);
    ctx.json(201, o);
}

void unbook(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "session");
    const services::Id worker = ctx.idParam("worker", "worker");
    const services::Session session = sessionOr404(api, id);
    requireSelfOrCohortStaff(ctx, api, session.cohortId, worker);
    std::optional<services::Id> promoted;
    try {
        promoted = scheduling(api).unbook(actorOf(ctx.caller()), id, worker);
    } catch (const services::SchedulingError& e) {
        throw refusal(e, ctx.lang());
    }
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("session", id);
    o->set("worker", worker);
    if (promoted) o->set("promoted", *promoted);
    ctx.json(200, o);
}

} // namespace

void addSessionRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/cohorts/{id}/sessions", Audience::Authenticated,
               bound(api, listCohortSessions));
    // Before /sessions/{id}: a literal path first.
    router.add("POST", "/api/v1/sessions/check", Audience::Staff, bound(api, checkSession));
    router.add("POST", "/api/v1/sessions", Audience::Staff, bound(api, scheduleSession));
    router.add("GET", "/api/v1/sessions/{id}", Audience::Authenticated, bound(api, getSession));
    router.add("POST", "/api/v1/sessions/{id}/cancel", Audience::Staff, bound(api, cancelSession));
    router.add("POST", "/api/v1/sessions/{id}/bookings", Audience::Authenticated, bound(api, book));
    router.add("DELETE", "/api/v1/sessions/{id}/bookings/{worker}", Audience::Authenticated,
               bound(api, unbook));
}

} // namespace yanzhen::http
