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

#include "Requests.hpp"

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/progress/ProgressService.hpp"
#include "store/CohortRepository.hpp"
#include "store/PeopleRepository.hpp"
#include "json/DescribePlugins.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <cmath>
#include <map>
#include <set>

namespace yanzhen::http {

namespace {

Poco::JSON::Object::Ptr personRef(const store::Person& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", p.id);
    o->set("code", p.code);
    o->set("name", p.name);
    return o;
}

Poco::JSON::Array::Ptr peopleJson(store::PeopleRepository& people,
                                  const std::vector<store::Id>& ids) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto id : ids)
        if (const auto p = people.find(id)) out->add(personRef(*p));
    return out;
}

/// The cohort as a listing shows it; `detail` adds the course's title, trainers and members.
Poco::JSON::Object::Ptr cohortJson(ApiServices& api, store::CohortRepository& cohorts,
                                   store::PeopleRepository& people, const store::Cohort& c,
                                   bool detail) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", c.id);
    o->set("code", c.code);
    o->set("name", c.name);
    Poco::JSON::Object::Ptr course = new Poco::JSON::Object;
    if (const auto v = cohorts.courseVersion(c.courseHash)) {
        course->set("id", v->courseId);
        course->set("version", v->version);
    }
    course->set("hash", c.courseHash);
    if (detail) {
        try {
            course->set("title", json::describe(api.versions.get(c.courseHash)->title));
        } catch (const std::runtime_error&) { // a version that no longer loads still has an id
        }
    }
    o->set("course", course);
    o->set("starts_on", c.startsOn);
    o->set("ends_on", c.endsOn);
    o->set("capacity", c.capacity);
    const auto members = cohorts.members(c.id);
    if (!detail) {
        o->set("members", static_cast<Poco::UInt64>(members.size()));
        return o;
    }
    o->set("trainers", peopleJson(people, cohorts.trainers(c.id)));
    o->set("members", peopleJson(people, members));
    return o;
}

store::Cohort cohortOr404(ApiServices& api, store::Id id) {
    auto r = api.db.read();
    const auto c = store::CohortRepository(*r).find(id);
    if (!c) throw ApiError::notFound("cohort " + std::to_string(id));
    return *c;
}

Poco::JSON::Object::Ptr detailOf(ApiServices& api, const store::Cohort& c) {
    auto r = api.db.read();
    store::CohortRepository cohorts(*r);
    store::PeopleRepository people(*r);
    return cohortJson(api, cohorts, people, c, true);
}

/// A person a body names, and where it names them.
struct NamedPerson {
    std::string path;
    store::Person person;
};

/// Resolves every reference to a person, each once; problems at the references' paths.
std::vector<NamedPerson>
resolvePeople(ApiServices& api, BodyReader& body,
              const std::vector<std::pair<std::string, std::string>>& refs) {
    std::vector<NamedPerson> out;
    std::set<store::Id> seen;
    auto r = api.db.read();
    store::PeopleRepository people(*r);
    for (const auto& [path, ref] : refs) {
        auto p = people.resolve(ref);
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

/// How many members are done with something, on their way, or have not begun.
struct Tally {
    std::size_t complete = 0;
    std::size_t inProgress = 0;
    std::size_t notStarted = 0;

    void count(bool done, double fraction) {
        if (done)
            ++complete;
        else if (fraction > 0)
            ++inProgress;
        else
            ++notStarted;
    }
    void into(Poco::JSON::Object& o) const {
        o.set("complete", static_cast<Poco::UInt64>(complete));
        o.set("in_progress", static_cast<Poco::UInt64>(inProgress));
        o.set("not_started", static_cast<Poco::UInt64>(notStarted));
    }
};

Poco::JSON::Object::Ptr report(ApiServices& api, const store::Cohort& cohort, std::int32_t day) {
    std::shared_ptr<const courses::Course> course;
    try {
        course = api.versions.get(cohort.courseHash);
    } catch (const std::runtime_error&) {
        throw ApiError(500, "course_unavailable",
                       Text{"期 " + cohort.code + " 的课程版本无法加载（缺少插件？）",
                            "the course version of cohort " + cohort.code +
                                " does not load (a plugin missing?)"});
    }
    std::vector<store::Id> members;
    {
        auto r = api.db.read();
        members = store::CohortRepository(*r).members(cohort.id);
    }
    std::map<std::string, Tally> modules;
    std::map<std::string, Tally> sets;
    std::map<std::string, std::size_t> setMet;
    services::ProgressService progress(api.db, api.versions);
    for (const auto person : members) {
        const auto p = progress.evaluate(person, cohort, course, day);
        // A module is complete when its bar is full, not started while it is empty.
        for (const auto& m : p.modules)
            modules[m.module].count(m.fraction >= 1.0, m.fraction);
        for (const auto& [name, outcome] : p.sets) {
            sets[name].count(outcome.satisfied(), outcome.fraction);
            if (outcome.satisfied()) ++setMet[name];
        }
    }

    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
    c->set("id", cohort.id);
    c->set("code", cohort.code);
    c->set("name", cohort.name);
    o->set("cohort", c);
    Poco::JSON::Object::Ptr crs = new Poco::JSON::Object;
    crs->set("id", course->id);
    crs->set("version", course->version);
    crs->set("hash", course->hash);
    o->set("course", crs);
    o->set("date", formatDay(day));
    o->set("members", static_cast<Poco::UInt64>(members.size()));
    Poco::JSON::Array::Ptr moduleItems = new Poco::JSON::Array;
    for (const auto& m : course->modules) {
        Poco::JSON::Object::Ptr mo = new Poco::JSON::Object;
        mo->set("id", m.id);
        mo->set("title", json::describe(m.title));
        modules[m.id].into(*mo);
        moduleItems->add(mo);
    }
    o->set("modules", moduleItems);
    Poco::JSON::Array::Ptr setItems = new Poco::JSON::Array;
    for (const auto& [name, set] : course->requirements) {
        Poco::JSON::Object::Ptr so = new Poco::JSON::Object;
        so->set("id", name);
        so->set("label", json::describe(set.label));
        sets[name].into(*so);
        setItems->add(so);
    }
    o->set("sets", setItems);
    Poco::JSON::Array::Ptr credentials = new Poco::JSON::Array;
    for (const auto& policy : course->credentials) {
        const std::size_t holders = setMet[policy.when];
        Poco::JSON::Object::Ptr co = new Poco::JSON::Object;
        co->set("credential", policy.id);
        co->set("title", json::describe(policy.title));
        co->set("set", policy.when);
        co->set("holders", static_cast<Poco::UInt64>(holders));
        co->set("members", static_cast<Poco::UInt64>(members.size()));
        const double share =
            members.empty() ? 0.0
                            : static_cast<double>(holders) / static_cast<double>(members.size());
        co->set("share", std::round(share * 1000.0) / 1000.0);
        credentials->add(co);
    }
    o->set("credentials", credentials);
    return o;
}

} // namespace

void addCohortRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/cohorts", Audience::Staff, [&api](RequestContext& ctx) {
        const Principal& who = ctx.caller();
        const std::size_t offset = ctx.offset();
        const std::size_t limit = ctx.limit();
        auto r = api.db.read();
        store::CohortRepository cohorts(*r);
        store::PeopleRepository people(*r);
        std::vector<store::Cohort> visible;
        for (auto& c : cohorts.list())
            if (isAdmin(who) || (who.person && cohorts.isTrainer(c.id, *who.person)))
                visible.push_back(std::move(c));
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (std::size_t i = offset; i < visible.size() && i < offset + limit; ++i)
            items->add(cohortJson(api, cohorts, people, visible[i], false));
        ctx.page(items, visible.size());
    });

    router.add("POST", "/api/v1/cohorts", Audience::Admin, [&api](RequestContext& ctx) {
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

        store::Id id = 0;
        api.db.write(actorOf(ctx.caller()), [&](store::WriteTransaction& tx) {
            store::CohortRepository cohorts(tx.session());
            // Checked inside the write, so that two admins cannot both take one code.
            if (const auto taken = cohorts.findByCode(*code))
                throw ApiError(
                    409, "conflict",
                    Text{"已有代码为 " + *code + " 的期（ID " + std::to_string(taken->id) + "）",
                         "cohort " + *code + " exists already (id " + std::to_string(taken->id) +
                             ")"});
            const std::string hash = api.versions.keep(tx, *course);
            id = cohorts.create(tx, store::Cohort{0, *code, *name, hash, *startsOn, *endsOn,
                                                  static_cast<int>(capacity.value_or(
                                                      course->cohortDefaults.capacity))});
            for (const auto& t : trainers)
                cohorts.addTrainer(tx, id, t.person.id);
        });
        ctx.json(201, detailOf(api, cohortOr404(api, id)));
    });

    router.add("GET", "/api/v1/cohorts/{id}", Audience::Staff, [&api](RequestContext& ctx) {
        const store::Id id = ctx.idParam("id", "cohort");
        requireCohortStaff(ctx, api, id); // first: a trainer may not learn which ids exist
        ctx.json(200, detailOf(api, cohortOr404(api, id)));
    });

    router.add("POST", "/api/v1/cohorts/{id}/enrollments", Audience::Staff,
               [&api](RequestContext& ctx) {
                   const store::Id id = ctx.idParam("id", "cohort");
                   requireCohortStaff(ctx, api, id);
                   const store::Cohort cohort = cohortOr404(api, id);
                   BodyReader body(ctx.jsonBody());
                   const auto people = resolvePeople(api, body, body.references("workers"));
                   body.check(ctx.lang());
                   const std::string on = formatDay(today());
                   api.db.write(actorOf(ctx.caller()), [&](store::WriteTransaction& tx) {
                       store::CohortRepository cohorts(tx.session());
                       std::vector<FieldError> enrolled;
                       for (const auto& [path, p] : people)
                           if (cohorts.isEnrolled(id, p.id))
                               enrolled.push_back(FieldError{
                                   path, Text{p.code + " 已在 " + cohort.code + " 期",
                                              p.code + " is already enrolled in " + cohort.code}});
                       if (!enrolled.empty()) {
                           const auto e = invalidFields(enrolled, ctx.lang());
                           throw ApiError(409, "conflict", e.message(), e.details());
                       }
                       for (const auto& p : people)
                           cohorts.enroll(tx, id, p.person.id, on);
                   });
                   Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
                   for (const auto& p : people)
                       items->add(personRef(p.person));
                   Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
                   o->set("cohort", id);
                   o->set("enrolled", items);
                   ctx.json(201, o);
               });

    router.add("GET", "/api/v1/cohorts/{id}/report", Audience::Staff, [&api](RequestContext& ctx) {
        const store::Id id = ctx.idParam("id", "cohort");
        requireCohortStaff(ctx, api, id);
        const std::int32_t day = dayOf(ctx);
        ctx.json(200, report(api, cohortOr404(api, id), day));
    });
}

} // namespace yanzhen::http
