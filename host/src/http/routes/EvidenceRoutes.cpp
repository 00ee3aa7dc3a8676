// Evidence: recording one row, or the correction of one, as `yanzhen evidence record` does, and
// everything recorded about a worker. Rows are append only: a correction supersedes a row,
// which stays in the history.
//
//   POST /api/v1/evidence               staff of the cohort the row is about: the session's, or
//                                       the worker's cohort of the course; for a personal record
//                                       (no course: a credential, a national exam) the worker's
//                                       trainers and admins. {worker, session? | course? + module
//                                       + ref + date, kind, fields: {name: value}, correct?: id,
//                                       reason?} -> 201 {id, supersedes?}. A bad field answers 400
//                                       "invalid_field" naming each by its path ("fields.status");
//                                       any other refusal 400 "invalid_evidence"
//   GET  /api/v1/workers/{id}/evidence  the worker, their trainers, admins; every row, oldest
//                                       first, corrections marked; paged

#include "Requests.hpp"

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/evidence/EvidenceFields.hpp"
#include "services/evidence/EvidenceQueries.hpp"
#include "services/evidence/EvidenceService.hpp"
#include "services/people/PeopleService.hpp"
#include "json/DescribeRecords.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <limits>
#include <map>

namespace yanzhen::http {

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

/// What a body gives, as read; empty strings where it gives nothing.
struct EvidenceBody {
    std::optional<services::Id> correct;
    std::string reason;
    std::optional<std::string> worker;
    std::optional<services::Id> session;
    std::string course;
    std::string module;
    std::string ref;
    std::string date;
    std::string kind;
    Poco::JSON::Object::Ptr fields; ///< never null
};

EvidenceBody readBody(RequestContext& ctx) {
    BodyReader body(ctx.jsonBody());
    EvidenceBody e;
    e.correct = body.optionalInteger("correct", 1, kMaxId);
    e.reason = body.optionalText("reason", 2000, true).value_or("");
    e.worker = body.reference("worker", !e.correct);
    e.session = body.optionalInteger("session", 1, kMaxId);
    e.course = body.optionalText("course", 100).value_or("");
    e.module = body.optionalText("module", 100).value_or("");
    e.ref = body.optionalText("ref", 200).value_or("");
    if (body.has("date")) e.date = body.day("date").value_or("");
    e.kind = (e.correct ? body.optionalText("kind", 100) : body.text("kind", 100)).value_or("");
    e.fields = body.object("fields");
    if (!e.fields) e.fields = new Poco::JSON::Object;
    if (e.correct && e.reason.empty())
        body.problem("reason", Text{"更正须说明原因", "a correction needs a reason"});
    const bool placed =
        !e.course.empty() || !e.module.empty() || !e.ref.empty() || body.has("date");
    if (e.session && placed)
        body.problem("session", Text{"给出场次时，课程、模块、ref 和日期都取自场次，请留空",
                                     "with a session, the course, module, ref and date come from "
                                     "it: leave them out"});
    if (!e.correct && !e.session)
        for (const char* name : {"module", "ref", "date"})
            if (!body.has(name))
                body.problem(name, Text{std::string("缺少 ") + name + "（或给出 session）",
                                        std::string(name) + " is required (or a session)"});
    body.check(ctx.lang());
    return e;
}

/// Where a row goes: the cohort whose staff may record it, and the schema of its kind.
struct Target {
    std::optional<services::Id> cohort;
    std::shared_ptr<const courses::Course> course; ///< keeps `kind` alive
    const EvidenceKind* kind = nullptr;
};

/// The kind `kindId` of a plugin; a problem at "kind" listing the kinds when it has none.
const EvidenceKind* kindIn(const PluginInfo& info, const std::string& kindId, BodyReader& body) {
    const int k = info.kindIndex(kindId);
    if (k >= 0) return &info.kinds[static_cast<std::size_t>(k)];
    std::vector<std::string> known;
    for (const auto& kind : info.kinds)
        known.push_back(kind.id);
    body.problem(
        "kind", withDidYouMean(Text{"插件 " + info.id + " 没有证据类型“" + kindId + "”",
                                    "plugin " + info.id + " has no evidence kind '" + kindId + "'"},
                               kindId, known));
    return nullptr;
}

/// The module's kind in `course`; problems at "module" or "kind".
const EvidenceKind* kindInCourse(const courses::Course& course, const std::string& moduleId,
                                 const std::string& kindId, BodyReader& body) {
    const auto* m = course.module(moduleId);
    if (m == nullptr || !m->instance) {
        std::vector<std::string> known;
        for (const auto& mod : course.modules)
            known.push_back(mod.id);
        body.problem(
            "module",
            withDidYouMean(Text{"课程 " + course.id + " 没有模块“" + moduleId + "”",
                                "course " + course.id + " has no module '" + moduleId + "'"},
                           moduleId, known));
        return nullptr;
    }
    return kindIn(m->instance->plugin().info, kindId, body);
}

std::shared_ptr<const courses::Course> courseOf(ApiServices& api, const services::Cohort& cohort) {
    try {
        return api.versions.get(cohort.courseHash);
    } catch (const std::runtime_error&) { // the service names the version that does not load
        return nullptr;
    }
}

/// Finds the row's cohort and kind as the evidence checker will, recording what it cannot find.
/// `old` is the row a correction supersedes: what the body leaves out comes from it.
Target locate(ApiServices& api, const EvidenceBody& e, std::optional<services::Id> person,
              const std::optional<services::EvidenceRow>& old, BodyReader& body) {
    Target t;
    const bool placed = !e.course.empty() || !e.module.empty() || !e.ref.empty() || !e.date.empty();
    std::optional<services::Id> session = e.session;
    std::string courseId = e.course;
    std::string moduleId = e.module;
    const std::string kindId = e.kind.empty() && old ? old->kind : e.kind;
    if (old && !session && !placed && old->sessionId) session = old->sessionId;
    if (old && !session) {
        if (courseId.empty()) courseId = old->courseId.value_or("");
        if (moduleId.empty()) moduleId = old->module;
    }
    if (session || !courseId.empty()) {
        if (!session && !person) return t;
        const auto place = services::EvidenceQueries(api.store).place(session, person, courseId);
        if (session) {
            const auto& s = place.session;
            if (!s) {
                body.problem("session", Text{"没有 ID 为 " + std::to_string(*session) + " 的场次",
                                             "no session " + std::to_string(*session)});
                return t;
            }
            t.cohort = s->cohortId;
            const std::string n = std::to_string(*session);
            if (s->status == "cancelled")
                body.problem("session",
                             Text{"场次 " + n + " 已取消", "session " + n + " was cancelled"});
            const auto& c = place.cohort;
            if (person && c && !place.enrolled)
                body.problem("worker", Text{"该人员未报名场次 " + n + " 所属的期 " + c->code,
                                            "the worker is not enrolled in cohort " + c->code +
                                                " of session " + n});
            if (c) t.course = courseOf(api, *c);
            if (t.course) t.kind = kindInCourse(*t.course, s->module, kindId, body);
            return t;
        }
        // The newest of the worker's cohorts of the course, as the evidence checker picks it.
        if (!place.cohort) {
            body.problem("course", Text{"该人员未报名课程“" + courseId + "”的任何一期",
                                        "the worker is not enrolled in any cohort of course '" +
                                            courseId + "'"});
            return t;
        }
        t.cohort = place.cohort->id;
        t.course = courseOf(api, *place.cohort);
        if (t.course) t.kind = kindInCourse(*t.course, moduleId, kindId, body);
        return t;
    }
    // A personal record: the module names a plugin.
    const auto plugin = api.plugins.find(moduleId);
    if (!plugin) {
        std::vector<std::string> known;
        for (const auto& p : api.plugins.plugins())
            known.push_back(p->info.id);
        body.problem("module",
                     withDidYouMean(Text{"没有插件“" + moduleId +
                                             "”（没有课程的个人记录，module "
                                             "应为插件 id）",
                                         "no plugin '" + moduleId +
                                             "' (a personal record, without a course, names a "
                                             "plugin as its module)"},
                                    moduleId, known));
        return t;
    }
    t.kind = kindIn(plugin->info, kindId, body);
    return t;
}

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    try {
        return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return new Poco::JSON::Object;
    }
}

/// Checks the body's fields against the kind's schema (the old row's fields first, when a
/// correction keeps its kind), naming each bad one by its path.
void checkFields(const EvidenceBody& e, const EvidenceKind& kind,
                 const std::optional<services::EvidenceRow>& old, BodyReader& body) {
    Poco::JSON::Object values;
    if (old && (e.kind.empty() || e.kind == old->kind)) {
        const auto kept = parseObject(old->fields); // held: a range over *temporary dangles
        for (const auto& [name, value] : *kept)
            values.set(name, value);
    }
    for (const auto& [name, value] : *e.fields) {
        if (value.isEmpty())
            values.remove(name); // null removes a field a correction would keep
        else
            values.set(name, value);
    }
    for (const auto& p : services::checkJson(kind, values).problems)
        body.problem("fields." + p.field, p.message);
}

/// Records the body's row (or correction) as the caller; answers {id, supersedes?}.
Poco::JSON::Object::Ptr record(RequestContext& ctx, ApiServices& api) {
    const EvidenceBody e = readBody(ctx);
    BodyReader body(new Poco::JSON::Object); // collects what the records say is wrong
    std::optional<services::EvidenceRow> old;
    std::optional<services::Id> person;
    {
        if (e.correct) {
            old = services::EvidenceQueries(api.store).find(*e.correct);
            if (!old) throw ApiError::notFound("evidence row " + std::to_string(*e.correct));
            person = old->personId;
        }
        if (e.worker) {
            const auto p = services::PeopleService(api.store).resolve(*e.worker);
            if (p)
                person = p->id;
            else
                body.problem("worker",
                             Text{"没有工号或 ID 为“" + *e.worker + "”的人员",
                                  "no worker with staff number or id '" + *e.worker + "'"});
        }
    }
    const Target target = locate(api, e, person, old, body);
    if (old) requireWorkerReader(ctx, api, old->personId);
    if (target.cohort)
        requireCohortStaff(ctx, api, *target.cohort);
    else if (person)
        requireWorkerReader(ctx, api, *person);
    else if (!isAdmin(ctx.caller()))
        throw ApiError::forbidden();
    if (target.kind) checkFields(e, *target.kind, old, body);
    body.check(ctx.lang());

    services::EvidenceInput input;
    input.worker = e.worker ? std::to_string(*person) : "";
    input.session = e.session ? std::to_string(*e.session) : "";
    input.course = e.course;
    input.module = e.module;
    input.ref = e.ref;
    input.date = e.date;
    input.kind = e.kind;
    for (const auto& [name, value] : *e.fields)
        input.fields[name] = value.isEmpty() ? std::string() : services::fieldText(value);
    services::EvidenceService service(api.store, api.versions, api.plugins);
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    try {
        const std::string actor = actorOf(ctx.caller());
        o->set("id", old ? service.correct(*e.correct, input, e.reason, actor)
                         : service.record(input, actor));
        if (old) o->set("supersedes", old->id);
        return o;
    } catch (const services::EvidenceRejected& rejected) {
        Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
        for (const auto& p : rejected.problems)
            problems->add(p.in(ctx.lang()));
        Poco::JSON::Object::Ptr details = new Poco::JSON::Object;
        details->set("problems", problems);
        throw ApiError(400, "invalid_evidence",
                       rejected.problems.empty() ? Text{"未记录", "not recorded"}
                                                 : rejected.problems.front(),
                       details);
    }
}

void recordEvidence(RequestContext& ctx, ApiServices& api) {
    ctx.json(201, record(ctx, api));
}

void listWorkerEvidence(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "worker");
    requireWorkerReader(ctx, api, id); // first: a worker may not probe for ids
    const auto rows = services::EvidenceQueries(api.store).historyOf(id);
    if (!rows) throw ApiError::notFound("worker " + std::to_string(id));
    const auto supersededBy = json::supersessions(*rows);
    ctx.pageOf(*rows, [&](const auto& row) { return json::describe(row, supersededBy); });
}

} // namespace

void addEvidenceRoutes(Router& router, ApiServices& api) {
    router.add("POST", "/api/v1/evidence", Audience::Staff, bound(api, recordEvidence));
    router.add("GET", "/api/v1/workers/{id}/evidence", Audience::Authenticated,
               bound(api, listWorkerEvidence));
}

} // namespace yanzhen::http
