// `yanzhen cohorts create|list|enroll|members|migrate`: cohorts (期) pinned to a course version,
// and where their members stand.

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/cohorts/CohortService.hpp"
#include "services/people/PeopleService.hpp"
#include "services/progress/CohortMigration.hpp"
#include "services/reports/CohortMembers.hpp"
#include "services/reports/CohortReport.hpp"

#include "json/DescribeProgress.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen cohorts create 代码 --course 课程 --name 名称 --starts 日期 --ends 日期 "
        "[--capacity N] [--trainer 人员]...\n"
        "        新建一期，固定在课程当前文件的版本上\n"
        "  yanzhen cohorts list [--json]\n"
        "  yanzhen cohorts enroll 期 人员...                 "
        "报名（一次写入，全部成功或全部不写入）\n"
        "  yanzhen cohorts members 期 [--set 要求集] [--status 状态] [--sort code|name|fraction] "
        "[--json]\n"
        "        每位学员各要求集的状态、是否落后于本期进度、还差什么；状态：met、in_progress、"
        "unmet、waived、behind\n"
        "  yanzhen cohorts migrate 期 --to 版本 [--what-if]   迁移到课程的另一个版本；--what-if "
        "只列出谁的状态会变\n"
        "        版本：内容哈希（或至少 8 位的前缀），或 latest（课程目录中的当前文件）\n",
        "Usage:\n"
        "  yanzhen cohorts create CODE --course ID --name NAME --starts DATE --ends DATE "
        "[--capacity N] [--trainer W]...\n"
        "        a new cohort, pinned to the course file's current version\n"
        "  yanzhen cohorts list [--json]\n"
        "  yanzhen cohorts enroll COHORT WORKER...          enroll people (one write: all or "
        "none)\n"
        "  yanzhen cohorts members COHORT [--set NAME] [--status S] [--sort code|name|fraction] "
        "[--json]\n"
        "        each member's sets, whether they are behind the cohort's calendar, what is left;\n"
        "        S: met, in_progress, unmet, waived or behind\n"
        "  yanzhen cohorts migrate COHORT --to VERSION [--what-if]\n"
        "        move to another version of the course; --what-if lists whose status would change\n"
        "        VERSION: a content hash (or a prefix of at least 8), or latest (the course file "
        "now)\n");
}

const char* statusText(rules::Status s, bool zh) {
    switch (s) {
    case rules::Status::Met: return zh ? "已达成" : "met";
    case rules::Status::InProgress: return zh ? "进行中" : "in progress";
    case rules::Status::Unmet: return zh ? "未开始" : "not started";
    case rules::Status::Waived: return zh ? "已豁免" : "waived";
    }
    return "?";
}

services::CohortService cohortService(CommandContext& ctx) {
    return services::CohortService(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                   ctx.app.getSubsystem<CourseSubsystem>().versions());
}

services::Cohort cohortArg(CommandContext& ctx, const std::string& text) {
    const auto c = cohortService(ctx).resolve(text);
    if (!c)
        throw std::invalid_argument(std::string(ctx.say("没有这一期：", "no such cohort: ")) +
                                    text);
    return *c;
}

int create(CommandContext& ctx) {
    if (ctx.args.size() != 2 || !ctx.has("course") || !ctx.has("name") || !ctx.has("starts") ||
        !ctx.has("ends")) {
        ctx.err << ctx.say("cohorts create 需要 代码、--course、--name、--starts、--ends\n",
                           "cohorts create needs CODE, --course, --name, --starts and --ends\n");
        return kExitUsage;
    }
    if (!parseDay(ctx.value("starts")) || !parseDay(ctx.value("ends")) ||
        ctx.value("starts") > ctx.value("ends")) {
        ctx.err << ctx.say(
            "--starts 和 --ends 应为 YYYY-MM-DD，且开始不晚于结束\n",
            "--starts and --ends must be YYYY-MM-DD dates, the start not after the end\n");
        return kExitUsage;
    }
    auto& courses = ctx.app.getSubsystem<CourseSubsystem>();
    const auto course = courses.catalog().find(ctx.value("course"));
    if (!course) {
        ctx.err << ctx.say("没有这个课程：", "no such course: ") << ctx.value("course") << '\n';
        return kExitFailure;
    }
    services::NewCohort n{ctx.args[1],       ctx.value("name"), course, ctx.value("starts"),
                          ctx.value("ends"), std::nullopt,      {}};
    if (ctx.has("capacity")) n.capacity = std::stoi(ctx.value("capacity"));
    const auto trainerRefs = ctx.values("trainer");
    const auto found = services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store())
                           .resolveAll(trainerRefs);
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (!found[i])
            throw std::invalid_argument(
                std::string(ctx.say("没有这个培训师：", "no such trainer: ")) + trainerRefs[i]);
        n.trainers.push_back(found[i]->id);
    }
    services::Id id = 0;
    try {
        id = cohortService(ctx).create(ctx.actor(), n);
    } catch (const services::CohortCodeTaken& taken) {
        ctx.err << ctx.say("已有代码为 ", "cohort ") << taken.code
                << ctx.say(" 的期（ID ", " exists already (id ") << taken.existing
                << ctx.say("）\n", ")\n");
        return kExitFailure;
    }
    ctx.out << ctx.say("已创建第 ", "created cohort ") << ctx.args[1] << " (id " << id << ")"
            << ctx.say("，课程 ", ", course ") << course->id << " " << course->version << " "
            << course->shortHash() << '\n';
    return kExitOk;
}

int list(CommandContext& ctx) {
    const auto all = cohortService(ctx).list();
    if (ctx.json()) {
        Poco::JSON::Array items;
        for (const auto& [c, v, members] : all) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("id", c.id);
            o->set("code", c.code);
            o->set("name", c.name);
            o->set("course_hash", c.courseHash);
            if (v) {
                o->set("course", v->courseId);
                o->set("course_version", v->version);
            }
            o->set("starts_on", c.startsOn);
            o->set("ends_on", c.endsOn);
            o->set("capacity", c.capacity);
            o->set("members", static_cast<Poco::UInt64>(members));
            items.add(o);
        }
        items.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    TextTable table =
        ctx.zh() ? TextTable({"ID", "代码", "名称", "课程", "开始", "结束", "人数"})
                 : TextTable({"ID", "CODE", "NAME", "COURSE", "STARTS", "ENDS", "MEMBERS"});
    for (const auto& [c, v, members] : all) {
        table.add({std::to_string(c.id), c.code, c.name,
                   (v ? v->courseId + " " + v->version + " " : std::string()) +
                       c.courseHash.substr(0, 12),
                   c.startsOn, c.endsOn, std::to_string(members)});
    }
    table.print(ctx.out);
    return kExitOk;
}

int members(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("cohorts members 需要 期\n", "cohorts members needs COHORT\n");
        return kExitUsage;
    }
    const services::Cohort cohort = cohortArg(ctx, ctx.args[1]);
    services::MemberQuery query;
    if (ctx.has("set")) query.set = ctx.value("set");
    if (ctx.has("status")) {
        const auto& known = services::memberStatuses();
        if (std::find(known.begin(), known.end(), ctx.value("status")) == known.end()) {
            ctx.err << ctx.say("--status 应为 met、in_progress、unmet、waived 或 behind\n",
                               "--status must be met, in_progress, unmet, waived or behind\n");
            return kExitUsage;
        }
        query.status = ctx.value("status");
    }
    const auto sort = services::memberSort(ctx.has("sort") ? ctx.value("sort") : "code");
    if (!sort) {
        ctx.err << ctx.say("--sort 应为 code、name 或 fraction\n",
                           "--sort must be code, name or fraction\n");
        return kExitUsage;
    }
    query.sort = *sort;
    services::CohortMembers result;
    try {
        result = services::cohortMembers(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                         ctx.app.getSubsystem<CourseSubsystem>().versions(),
                                         json::answerFormat(), cohort, ctx.today(), query);
    } catch (const services::UnknownSet& e) {
        ctx.err << e.message.in(ctx.lang) << '\n';
        return kExitUsage;
    }
    if (ctx.json()) {
        Poco::JSON::Array items;
        for (const auto& m : result.members)
            items.add(json::describe(m));
        items.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    const bool zh = ctx.zh();
    std::vector<std::string> header{zh ? "工号" : "CODE", zh ? "姓名" : "NAME",
                                    zh ? "落后" : "BEHIND"};
    std::vector<std::string> sets;
    if (!result.members.empty())
        for (const auto& [name, _] : result.members.front().sets)
            if (!query.set || name == *query.set) sets.push_back(name);
    for (const auto& name : sets)
        header.push_back(name);
    TextTable table(header);
    for (const auto& m : result.members) {
        std::vector<std::string> row{m.person.code, m.person.name,
                                     m.behind() ? (zh ? "是" : "yes") : ""};
        for (const auto& name : sets) {
            const auto& s = m.sets.at(name);
            row.push_back(std::string(statusText(s.status, zh)) + " " +
                          std::to_string(static_cast<int>(s.fraction * 100 + 0.5)) + "%" +
                          (s.behind ? " !" : ""));
        }
        table.add(row);
    }
    table.print(ctx.out);
    ctx.out << result.members.size() << ctx.say(" 人；本期已过 ", " members; ")
            << static_cast<int>(result.elapsed * 100 + 0.5)
            << ctx.say("%（“!”：落后于本期进度）\n",
                       "% of the cohort's days gone by (\"!\": behind that)\n");
    return kExitOk;
}

int enroll(CommandContext& ctx) {
    if (ctx.args.size() < 3) {
        ctx.err << ctx.say("cohorts enroll 需要 期 和至少一个人员\n",
                           "cohorts enroll needs COHORT and at least one WORKER\n");
        return kExitUsage;
    }
    const services::Cohort cohort = cohortArg(ctx, ctx.args[1]);
    const std::vector<std::string> refs(ctx.args.begin() + 2, ctx.args.end());
    auto found =
        services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store()).resolveAll(refs);
    std::vector<services::Person> people;
    std::vector<services::Id> ids;
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (!found[i])
            throw std::invalid_argument(std::string(ctx.say("没有这个人员：", "no such worker: ")) +
                                        refs[i]);
        ids.push_back(found[i]->id);
        people.push_back(std::move(*found[i]));
    }
    try {
        cohortService(ctx).enroll(ctx.actor(), cohort.id, ids, formatDay(ctx.today()));
    } catch (const services::AlreadyEnrolled& already) {
        for (const auto& p : people)
            if (p.id == already.people.front())
                throw std::invalid_argument(
                    p.code + ctx.say(" 已在这一期", " is already enrolled in ") + cohort.code);
        throw;
    }
    for (const auto& p : people)
        ctx.out << p.code << " " << p.name << ctx.say(" 已报名 ", " enrolled in ") << cohort.code
                << '\n';
    return kExitOk;
}

int migrate(CommandContext& ctx) {
    if (ctx.args.size() != 2 || !ctx.has("to")) {
        ctx.err << ctx.say("cohorts migrate 需要 期 和 --to 版本\n",
                           "cohorts migrate needs COHORT and --to VERSION\n");
        return kExitUsage;
    }
    const services::Cohort cohort = cohortArg(ctx, ctx.args[1]);
    auto& records = ctx.app.getSubsystem<StoreSubsystem>().store();
    auto& courses = ctx.app.getSubsystem<CourseSubsystem>();
    const auto from = courses.versions().get(cohort.courseHash);
    std::string toHash;
    if (ctx.value("to") == "latest") {
        const auto latest = courses.catalog().find(from->id);
        if (!latest)
            throw std::invalid_argument(
                std::string(ctx.say("课程目录中没有 ", "the course folder has no ")) + from->id);
        // Keeping a version is not moving anyone: safe even for a what-if.
        toHash = cohortService(ctx).keepCourseVersion(ctx.actor(), *latest);
    } else {
        const auto v = cohortService(ctx).resolveCourseVersion(ctx.value("to"));
        if (!v)
            throw std::invalid_argument(
                std::string(ctx.say("没有这个版本（或前缀不唯一）：",
                                    "no such version (or an ambiguous prefix): ")) +
                ctx.value("to"));
        toHash = v->hash;
    }
    const std::int32_t today = ctx.today();
    const auto preview =
        services::previewMigration(records, courses.versions(), cohort.id, toHash, today);
    if (ctx.json()) {
        Poco::JSON::Object root;
        root.set("cohort", cohort.code);
        root.set("from", preview.fromHash);
        root.set("to", preview.toHash);
        root.set("members", static_cast<Poco::UInt64>(preview.members));
        root.set("applied", !ctx.has("what-if") && preview.fromHash != preview.toHash);
        Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
        for (const auto& c : preview.changes) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("worker", c.code);
            o->set("name", c.name);
            o->set("set", c.set);
            o->set("before", std::string(rules::statusName(c.before)));
            o->set("after", std::string(rules::statusName(c.after)));
            changes->add(o);
        }
        root.set("changes", changes);
        if (!ctx.has("what-if") && preview.fromHash != preview.toHash)
            services::migrateCohort(records, courses.versions(), ctx.actor(), cohort.id, toHash);
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << cohort.code << ": " << preview.fromHash.substr(0, 12) << " → "
            << preview.toHash.substr(0, 12) << ", " << preview.members
            << ctx.say(" 人\n", " members\n");
    for (const auto& s : preview.setsRemoved)
        ctx.out << ctx.say("  新版本没有要求集 ", "  the new version drops set ") << s << '\n';
    for (const auto& s : preview.setsAdded)
        ctx.out << ctx.say("  新版本新增要求集 ", "  the new version adds set ") << s << '\n';
    if (preview.changes.empty()) {
        ctx.out << ctx.say("没有人的状态会改变\n", "nobody's status would change\n");
    } else {
        TextTable table = ctx.zh() ? TextTable({"工号", "姓名", "要求集", "现在", "迁移后"})
                                   : TextTable({"STAFF NO", "NAME", "SET", "NOW", "AFTER"});
        for (const auto& c : preview.changes)
            table.add({c.code, c.name, c.set, statusText(c.before, ctx.zh()),
                       statusText(c.after, ctx.zh())});
        table.print(ctx.out);
    }
    if (ctx.has("what-if")) {
        ctx.out << ctx.say("（--what-if：没有做任何改动）\n", "(--what-if: nothing was changed)\n");
        return kExitOk;
    }
    if (preview.fromHash == preview.toHash) {
        ctx.out << ctx.say("已经在这个版本上\n", "already on this version\n");
        return kExitOk;
    }
    services::migrateCohort(records, courses.versions(), ctx.actor(), cohort.id, toHash);
    ctx.out << ctx.say("已迁移（见审计日志）\n", "moved (see the audit log)\n");
    return kExitOk;
}

} // namespace

int runCohortsCommand(CommandContext& ctx) {
    return dispatch(ctx, "cohorts", "list",
                    {{"create", create},
                     {"list", list},
                     {"enroll", enroll},
                     {"members", members},
                     {"migrate", migrate}},
                    printUsage);
}

} // namespace yanzhen::app
