// Cohorts (期): who is in them, who teaches them, and where their members stand together.
// A person in a body is named by id (a number) or staff number (a string).
//
//   GET  /api/v1/cohorts                   staff: admins see all, trainers those assigned to them
//   POST /api/v1/cohorts                   admins; {code, name, course, starts_on, ends_on,
//                                          capacity?, trainers?: [person]} -> 201, pinned to the
//                                          course file's current version
//   GET  /api/v1/cohorts/{id}              the cohort's staff (admins, its trainers)
//   POST /api/v1/cohorts/{id}/enrollments  the cohort's staff; {workers: [person]}, all or none
//   GET  /api/v1/cohorts/{id}/report       the cohort's staff; ?date=YYYY-MM-DD (default today):
//                                          per module and requirement set how many members are
//                                          complete / in progress / not started, and per
//                                          credential the share of members who meet its set
//   GET  /api/v1/cohorts/{id}/members      the cohort's staff; ?date= ?set=NAME
//                                          ?status=met|in_progress|unmet|waived|behind
//                                          ?sort=code|name|fraction ?limit ?offset: each member
//                                          with every set's status, whether they are behind the
//                                          cohort's calendar (services/reports/CohortMembers.hpp),
//                                          and what is left

#include "Requests.hpp"

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/cohorts/CohortService.hpp"
#include "services/people/PeopleService.hpp"
#include "services/reports/CohortMembers.hpp"
#include "services/reports/CohortReport.hpp"
#include "json/DescribePlugins.hpp"
#include "json/DescribeProgress.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace yanzhen::http {

namespace {

Poco::JSON::Object::Ptr personRef(const services::Person& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", p.id);
    o->set("code", p.code);
    o->set("name", p.name);
    return o;
}

Poco::JSON::Array::Ptr peopleJson(const std::vector<services::Person>& people) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& p : people)
        out->add(personRef(p));
    return out;
}

/// The cohort as a listing shows it; `title` adds the course's title (a detail).
Poco::JSON::Object::Ptr cohortJson(ApiServices& api, const services::CohortSummary& s, bool title) {
    const services::Cohort& c = s.cohort;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", c.id);
    o->set("code", c.code);
    o->set("name", c.name);
    Poco::JSON::Object::Ptr course = new Poco::JSON::Object;
    if (s.version) {
        course->set("id", s.version->courseId);
        course->set("version", s.version->version);
    }
    course->set("hash", c.courseHash);
    if (title) {
        try {
            course->set("title", json::describe(api.versions.get(c.courseHash)->title));
        } catch (const std::runtime_error&) { // a version that no longer loads still has an id
        }
    }
    o->set("course", course);
    o->set("starts_on", c.startsOn);
    o->set("ends_on", c.endsOn);
    o->set("capacity", c.capacity);
    o->set("members", static_cast<Poco::UInt64>(s.members));
    return o;
}

Poco::JSON::Object::Ptr detailJson(ApiServices& api, const services::CohortDetail& d) {
    auto o = cohortJson(api, d.summary, true);
    o->set("trainers", peopleJson(d.trainers));
    o->set("members", peopleJson(d.members));
    return o;
}

services::CohortService cohortService(ApiServices& api) {
    return services::CohortService(api.store, api.versions);
}

services::Cohort cohortOr404(ApiServices& api, services::Id id) {
    const auto c = cohortService(api).find(id);
    if (!c) throw ApiError::notFound("cohort " + std::to_string(id));
    return *c;
}

Poco::JSON::Object::Ptr detailOr404(ApiServices& api, services::Id id) {
    const auto d = cohortService(api).detail(id);
    if (!d) throw ApiError::notFound("cohort " + std::to_string(id));
    return detailJson(api, *d);
}

/// A person a body names, and where it names them.
struct NamedPerson {
    std::string path;
    services::Person person;
};

/// Resolves every reference to a person, each once; problems at the references' paths.
std::vector<NamedPerson>
resolvePeople(ApiServices& api, BodyReader& body,
              const std::vector<std::pair<std::string, std::string>>& refs) {
    std::vector<std::string> texts;
    for (const auto& ref : refs)
        texts.push_back(ref.second);
    auto found = services::PeopleService(api.store).resolveAll(texts);
    std::vector<NamedPerson> out;
    std::set<services::Id> seen;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const auto& [path, ref] = refs[i];
        auto& p = found[i];
        if (!p) {
            body.problem(path, Text{"没有工号或 ID 为“" + ref + "”的人员",
                                    "no person with staff number or id '" + ref + "'"});
        } else if (!seen.insert(p->id).second) {
            body.problem(path, Text{p->code + " 重复出现", p->code + " is named twice"});
        } else {
            out.push_back(NamedPerson{path, std::move(*p)});
        }
    }
    return out;
}

void tallyInto(const services::Tally& t, Poco::JSON::Object& o) {
    o.set("complete", static_cast<Poco::UInt64>(t.complete));
    o.set("in_progress", static_cast<Poco::UInt64>(t.inProgress));
    o.set("not_started", static_cast<Poco::UInt64>(t.notStarted));
}

Poco::JSON::Object::Ptr reportJson(const services::CohortReport& r) {
    const auto& course = r.course;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
    c->set("id", r.cohort.id);
    c->set("code", r.cohort.code);
    c->set("name", r.cohort.name);
    o->set("cohort", c);
    Poco::JSON::Object::Ptr crs = new Poco::JSON::Object;
    crs->set("id", course->id);
    crs->set("version", course->version);
    crs->set("hash", course->hash);
    o->set("course", crs);
    o->set("date", formatDay(r.day));
    o->set("members", static_cast<Poco::UInt64>(r.members));
    Poco::JSON::Array::Ptr moduleItems = new Poco::JSON::Array;
    for (const auto& m : course->modules) {
        Poco::JSON::Object::Ptr mo = new Poco::JSON::Object;
        mo->set("id", m.id);
        mo->set("title", json::describe(m.title));
        tallyInto(r.modules.at(m.id), *mo);
        moduleItems->add(mo);
    }
    o->set("modules", moduleItems);
    Poco::JSON::Array::Ptr setItems = new Poco::JSON::Array;
    for (const auto& [name, set] : course->requirements) {
        Poco::JSON::Object::Ptr so = new Poco::JSON::Object;
        so->set("id", name);
        so->set("label", json::describe(set.label));
        tallyInto(r.sets.at(name), *so);
        setItems->add(so);
    }
    o->set("sets", setItems);
    Poco::JSON::Array::Ptr credentials = new Poco::JSON::Array;
    for (const auto& policy : course->credentials) {
        const auto met = r.setMet.find(policy.when);
        const std::size_t holders = met == r.setMet.end() ? 0 : met->second;
        Poco::JSON::Object::Ptr co = new Poco::JSON::Object;
        co->set("credential", policy.id);
        co->set("title", json::describe(policy.title));
        co->set("set", policy.when);
        co->set("holders", static_cast<Poco::UInt64>(holders));
        co->set("members", static_cast<Poco::UInt64>(r.members));
        const double share =
            r.members == 0 ? 0.0 : static_cast<double>(holders) / static_cast<double>(r.members);
        co->set("share", std::round(share * 1000.0) / 1000.0);
        credentials->add(co);
    }
    o->set("credentials", credentials);
    return o;
}

void listCohorts(RequestContext& ctx, ApiServices& api) {
    const auto visible = cohortService(api).list(callerOf(ctx));
    ctx.pageOf(visible,
               [&](const services::CohortSummary& s) { return cohortJson(api, s, false); });
}

void createCohort(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.jsonBody());
    const auto code = body.text("code", 64);
    const auto name = body.text("name", 200);
    const auto courseId = body.text("course", 100);
    const auto startsOn = body.day("starts_on");
    const auto endsOn = body.day("ends_on");
    const auto capacity = body.optionalInteger("capacity", 0, 100000);
    std::vector<NamedPerson> trainers;
    if (body.has("trainers")) trainers = resolvePeople(api, body, body.references("trainers"));
    std::shared_ptr<const courses::Course> course;
    if (courseId) {
        course = api.catalog.find(*courseId);
        std::vector<std::string> known;
        for (const auto& c : api.catalog.courses())
            known.push_back(c->id);
        if (!course)
            body.problem("course", withDidYouMean(Text{"没有课程“" + *courseId + "”",
                                                       "no course '" + *courseId + "'"},
                                                  *courseId, known));
    }
    if (startsOn && endsOn && *startsOn > *endsOn)
        body.problem("ends_on", Text{"结束日期早于开始日期 " + *startsOn,
                                     "the end is before the start " + *startsOn});
    body.check(ctx.lang());

    services::NewCohort n{*code, *name, course, *startsOn, *endsOn, std::nullopt, {}};
    if (capacity) n.capacity = static_cast<int>(*capacity);
    for (const auto& t : trainers)
        n.trainers.push_back(t.person.id);
    services::Id id = 0;
    try {
        id = cohortService(api).create(actorOf(ctx.caller()), n);
    } catch (const services::CohortCodeTaken& taken) {
        const std::string existing = std::to_string(taken.existing);
        throw ApiError(409, "conflict",
                       Text{"已有代码为 " + taken.code + " 的期（ID " + existing + "）",
                            "cohort " + taken.code + " exists already (id " + existing + ")"});
    }
    ctx.json(201, detailOr404(api, id));
}

void getCohort(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    requireCohortStaff(ctx, api, id); // first: a trainer may not learn which ids exist
    ctx.json(200, detailOr404(api, id));
}

void enroll(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    requireCohortStaff(ctx, api, id);
    const services::Cohort cohort = cohortOr404(api, id);
    BodyReader body(ctx.jsonBody());
    const auto people = resolvePeople(api, body, body.references("workers"));
    body.check(ctx.lang());
    std::vector<services::Id> ids;
    for (const auto& p : people)
        ids.push_back(p.person.id);
    try {
        cohortService(api).enroll(actorOf(ctx.caller()), id, ids, formatDay(today()));
    } catch (const services::AlreadyEnrolled& already) {
        std::vector<FieldError> enrolled;
        for (const auto& [path, p] : people)
            if (std::find(already.people.begin(), already.people.end(), p.id) !=
                already.people.end())
                enrolled.push_back(
                    FieldError{path, Text{p.code + " 已在 " + cohort.code + " 期",
                                          p.code + " is already enrolled in " + cohort.code}});
        const auto e = invalidFields(enrolled, ctx.lang());
        throw ApiError(409, "conflict", e.message(), e.details());
    }
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& p : people)
        items->add(personRef(p.person));
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("cohort", id);
    o->set("enrolled", items);
    ctx.json(201, o);
}

ApiError courseUnavailable(const services::Cohort& cohort) {
    return ApiError(
        500, "course_unavailable",
        Text{"期 " + cohort.code + " 的课程版本无法加载（缺少插件？）",
             "the course version of cohort " + cohort.code + " does not load (a plugin missing?)"});
}

void cohortReport(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    requireCohortStaff(ctx, api, id);
    const std::int32_t day = dayOf(ctx);
    const services::Cohort cohort = cohortOr404(api, id);
    try {
        ctx.json(200, reportJson(services::reportCohort(api.store, api.versions,
                                                        json::answerFormat(), cohort, day)));
    } catch (const services::CourseUnavailable&) {
        throw courseUnavailable(cohort);
    }
}

void listCohortMembers(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    requireCohortStaff(ctx, api, id);
    const std::int32_t day = dayOf(ctx);
    services::MemberQuery query;
    query.set = ctx.query("set");
    query.status = oneOf(ctx, "status", services::memberStatuses());
    query.sort =
        *services::memberSort(oneOf(ctx, "sort", services::memberSorts()).value_or("code"));
    const services::Cohort cohort = cohortOr404(api, id);
    try {
        const auto members = services::cohortMembers(api.store, api.versions, json::answerFormat(),
                                                     cohort, day, query);
        ctx.pageOf(members.members,
                   [](const services::MemberStanding& m) { return json::describe(m); });
    } catch (const services::UnknownSet& e) {
        throw ApiError(400, "invalid_query", e.message);
    } catch (const services::CourseUnavailable&) {
        throw courseUnavailable(cohort);
    }
}

} // namespace

void addCohortRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/cohorts", Audience::Staff, bound(api, listCohorts));
    router.add("POST", "/api/v1/cohorts", Audience::Admin, bound(api, createCohort));
    router.add("GET", "/api/v1/cohorts/{id}", Audience::Staff, bound(api, getCohort));
    router.add("POST", "/api/v1/cohorts/{id}/enrollments", Audience::Staff, bound(api, enroll));
    router.add("GET", "/api/v1/cohorts/{id}/report", Audience::Staff, bound(api, cohortReport));
    router.add("GET", "/api/v1/cohorts/{id}/members", Audience::Staff,
               bound(api, listCohortMembers));
}

} // namespace yanzhen::http
