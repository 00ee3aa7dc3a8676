#include "services/evidence/EvidenceChecker.hpp"

#include "services/evidence/EvidenceFields.hpp"
#include "services/imports/ImportReport.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <charconv>

namespace yanzhen::services {

namespace {

std::optional<store::Id> parseId(const std::string& s) {
    store::Id id = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc{} || end != s.data() + s.size() || id <= 0) return std::nullopt;
    return id;
}

Text missing(const char* column) {
    return Text{std::string("缺少 ") + column, std::string("no ") + column + " given"};
}

} // namespace

EvidenceChecker::EvidenceChecker(store::Store& store, CourseVersions& versions,
                                 const plugins::PluginRegistry& registry)
    : snapshot_(store.read()), versions_(versions), registry_(registry) {}

std::optional<store::Id> EvidenceChecker::person(const std::string& idOrCode) {
    const auto it = people_.find(idOrCode);
    if (it != people_.end()) return it->second;
    const std::optional<store::Id> id = snapshot_->people().resolveId(idOrCode);
    people_.emplace(idOrCode, id);
    return id;
}

std::optional<store::Session> EvidenceChecker::session(store::Id id) {
    const auto it = sessions_.find(id);
    if (it != sessions_.end()) return it->second;
    return sessions_.emplace(id, snapshot_->sessions().find(id)).first->second;
}

std::optional<store::Cohort> EvidenceChecker::cohort(store::Id id) {
    const auto it = cohorts_.find(id);
    if (it != cohorts_.end()) return it->second;
    return cohorts_.emplace(id, snapshot_->cohorts().find(id)).first->second;
}

const std::vector<store::Cohort>& EvidenceChecker::cohortsOf(store::Id person) {
    const auto it = cohortsOf_.find(person);
    if (it != cohortsOf_.end()) return it->second;
    return cohortsOf_.emplace(person, snapshot_->cohorts().cohortsOf(person)).first->second;
}

std::shared_ptr<const courses::Course> EvidenceChecker::course(const store::Cohort& c,
                                                               std::vector<Text>& problems) {
    auto it = courses_.find(c.courseHash);
    if (it == courses_.end()) {
        std::shared_ptr<const courses::Course> loaded;
        try {
            loaded = versions_.get(c.courseHash);
        } catch (const std::runtime_error&) { // reported below, on every row that needs it
        }
        it = courses_.emplace(c.courseHash, loaded).first;
    }
    if (!it->second)
        problems.push_back(Text{"期 " + c.code + " 的课程版本 " + c.courseHash.substr(0, 12) +
                                    " 无法加载（缺少插件？）",
                                "the course version " + c.courseHash.substr(0, 12) + " of cohort " +
                                    c.code + " does not load (a plugin missing?)"});
    return it->second;
}

const EvidenceKind* EvidenceChecker::kindOf(const PluginInfo& info, const EvidenceInput& in,
                                            const Text& where, std::vector<Text>& problems) {
    if (in.kind.empty()) return nullptr; // reported once, by check()
    const int k = info.kindIndex(in.kind);
    if (k >= 0) return &info.kinds[static_cast<std::size_t>(k)];
    std::vector<std::string> known;
    for (const auto& kind : info.kinds)
        known.push_back(kind.id);
    problems.push_back(withHintOrList(Text{where.zh + " 没有证据类型“" + in.kind + "”",
                                           where.en + " has no evidence kind '" + in.kind + "'"},
                                      in.kind, known));
    return nullptr;
}

bool EvidenceChecker::fromSession(const EvidenceInput& in, std::optional<store::Id> person,
                                  Target& t, std::vector<Text>& problems) {
    if (!in.course.empty() || !in.module.empty() || !in.ref.empty() || !in.date.empty()) {
        problems.push_back(Text{
            "给出场次时，课程、模块、ref 和日期都取自场次，请留空",
            "with a session, the course, module, ref and date come from it: leave them empty"});
        return false;
    }
    const auto id = parseId(in.session);
    const auto s = id ? session(*id) : std::nullopt;
    if (!s) {
        problems.push_back(Text{"没有 id 为“" + in.session + "”的场次",
                                "no session with id '" + in.session + "'"});
        return false;
    }
    if (s->status == "cancelled") {
        problems.push_back(
            Text{"场次 " + in.session + " 已取消", "session " + in.session + " was cancelled"});
        return false;
    }
    const auto c = cohort(s->cohortId);
    if (!c) return false; // a foreign key: cannot happen
    if (person) {
        const auto& mine = cohortsOf(*person);
        if (std::none_of(mine.begin(), mine.end(), [&](const auto& m) { return m.id == c->id; })) {
            problems.push_back(
                Text{"人员“" + in.worker + "”未报名场次 " + in.session + " 所属的期 " + c->code,
                     "worker '" + in.worker + "' is not enrolled in cohort " + c->code +
                         " of session " + in.session});
            return false;
        }
    }
    const auto crs = course(*c, problems);
    if (!crs) return false;
    const auto* m = crs->module(s->module);
    if (m == nullptr || !m->instance) {
        problems.push_back(Text{"场次 " + in.session + " 的模块“" + s->module + "”不在课程中",
                                "session " + in.session + " is for module '" + s->module +
                                    "', which its course lacks"});
        return false;
    }
    t.courseId = crs->id;
    t.module = m->id;
    t.ref = s->templateId;
    for (const auto& tpl : crs->templates)
        if (tpl.id == s->templateId && !tpl.ref.empty()) t.ref = tpl.ref;
    t.day = parseDay(std::string_view(s->startsAt).substr(0, 10)).value_or(0);
    t.sessionId = s->id;
    t.kind =
        kindOf(m->instance->plugin().info, in, Text{"模块 " + m->id, "module " + m->id}, problems);
    return t.kind != nullptr;
}

bool EvidenceChecker::fromCourse(const EvidenceInput& in, std::optional<store::Id> person,
                                 Target& t, std::vector<Text>& problems) {
    if (!person) return false; // no worker: no enrollment, no course version to check against
    std::shared_ptr<const courses::Course> crs;
    std::vector<std::string> theirs;
    for (const auto& c :
         cohortsOf(*person)) { // newest first: the latest enrollment in the course wins
        std::vector<Text> ignored;
        const auto candidate = course(c, ignored);
        if (!candidate) continue;
        if (candidate->id == in.course) {
            crs = candidate;
            break;
        }
        theirs.push_back(candidate->id);
    }
    if (!crs) {
        problems.push_back(withDidYouMean(
            Text{"人员“" + in.worker + "”未报名课程“" + in.course + "”的任何一期",
                 "worker '" + in.worker + "' is not enrolled in any cohort of course '" +
                     in.course + "'"},
            in.course, theirs));
        return false;
    }
    const auto* m = crs->module(in.module);
    if (m == nullptr || !m->instance) {
        std::vector<std::string> ids;
        for (const auto& mod : crs->modules)
            ids.push_back(mod.id);
        problems.push_back(
            withHintOrList(Text{"课程 " + crs->id + " 没有模块“" + in.module + "”",
                                "course " + crs->id + " has no module '" + in.module + "'"},
                           in.module, ids));
        return false;
    }
    t.courseId = crs->id;
    t.module = m->id;
    t.kind =
        kindOf(m->instance->plugin().info, in, Text{"模块 " + m->id, "module " + m->id}, problems);
    return t.kind != nullptr;
}

bool EvidenceChecker::personal(const EvidenceInput& in, Target& t, std::vector<Text>& problems) {
    const auto plugin = registry_.find(in.module);
    if (!plugin) {
        std::vector<std::string> ids;
        for (const auto& p : registry_.plugins())
            ids.push_back(p->info.id);
        problems.push_back(withHintOrList(
            Text{"没有插件“" + in.module + "”（没有课程的个人记录，module 应为插件 id）",
                 "no plugin '" + in.module +
                     "' (a personal record, without a course, names a plugin as its module)"},
            in.module, ids));
        return false;
    }
    t.module = plugin->info.id;
    t.kind = kindOf(plugin->info, in, Text{"插件 " + plugin->info.id, "plugin " + plugin->info.id},
                    problems);
    return t.kind != nullptr;
}

CheckedEvidence EvidenceChecker::check(const EvidenceInput& in) {
    CheckedEvidence out;
    auto& problems = out.problems;
    std::optional<store::Id> who;
    if (in.worker.empty())
        problems.push_back(missing("worker"));
    else if (!(who = person(in.worker)))
        problems.push_back(Text{"没有工号或 id 为“" + in.worker + "”的人员",
                                "no worker with staff number or id '" + in.worker + "'"});
    if (in.kind.empty()) problems.push_back(missing("kind"));
    Target t;
    bool located = false;
    if (!in.session.empty()) {
        located = fromSession(in, who, t, problems);
    } else {
        bool complete = true;
        for (const auto& [value, name] :
             {std::pair{&in.module, "module"}, {&in.ref, "ref"}, {&in.date, "date"}})
            if (value->empty()) {
                problems.push_back(missing(name));
                complete = false;
            }
        if (!in.date.empty()) {
            if (const auto d = parseDay(in.date))
                t.day = *d;
            else {
                problems.push_back(Text{"日期应为 YYYY-MM-DD，实际是“" + in.date + "”",
                                        "date must be YYYY-MM-DD, found '" + in.date + "'"});
                complete = false;
            }
        }
        t.ref = in.ref;
        if (!in.module.empty())
            located =
                (in.course.empty() ? personal(in, t, problems) : fromCourse(in, who, t, problems));
        located = located && complete;
    }
    if (!located || !t.kind) return out;
    const bool anyEmpty = std::any_of(in.fields.begin(), in.fields.end(),
                                      [](const auto& f) { return f.second.empty(); });
    std::map<std::string, std::string> given;
    if (anyEmpty)
        for (const auto& [name, value] : in.fields)
            if (!value.empty()) given.emplace(name, value);
    const auto fields = checkText(*t.kind, anyEmpty ? given : in.fields);
    for (const auto& p : fields.problems)
        problems.push_back(p.message);
    if (!problems.empty() || !who) return out;
    store::EvidenceRow row;
    row.personId = *who;
    row.courseId = t.courseId;
    row.module = std::move(t.module);
    row.kind = in.kind;
    row.ref = std::move(t.ref);
    row.day = t.day;
    row.sessionId = t.sessionId;
    row.fields = fields.json;
    out.row = std::move(row);
    return out;
}

} // namespace yanzhen::services
