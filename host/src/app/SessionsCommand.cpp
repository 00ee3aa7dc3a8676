// `yanzhen sessions schedule|list|cancel|book|unbook`: a cohort's timetable, its conflicts, and
// the seats in each session with their waiting lines.

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/cohorts/CohortService.hpp"
#include "services/people/PeopleService.hpp"
#include "services/scheduling/SchedulingService.hpp"
#include "json/DescribeRecords.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <charconv>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen sessions schedule 期 --template=模板 --starts=时间 --ends=时间 --place=场地\n"
        "                   [--trainer=人员] [--capacity=N] [--module=模块] [--json]\n"
        "      排一个场次，打印新场次的 ID；有冲突时逐行列出每个冲突（指明冲突的场次），退出码为 "
        "1。\n"
        "      时间为北京时间 YYYY-MM-DDTHH:MM；座位数默认取期的设置，0 为不限。\n"
        "  yanzhen sessions list [--cohort=期] [--worker=人员] [--trainer=人员] [--json]\n"
        "      列出场次：ID、期、日期、时间、模板、场地、培训师、已约/座位、状态\n"
        "  yanzhen sessions cancel 场次 --reason=原因      取消场次（之后不再与任何场次冲突）\n"
        "  yanzhen sessions book 场次 人员 [--json]        预约座位；满员时进入候补并显示名次\n"
        "  yanzhen sessions unbook 场次 人员 [--json]      取消预约；候补第一位递补并显示是谁\n"
        "期可写编号或 ID；人员可写工号或 ID。\n"
        "选项：\n"
        "  --db=文件       数据库文件（默认为当前目录的 yanzhen.db）\n"
        "  --actor=名称    审计日志记录的操作人（默认为 cli:登录名）\n"
        "  --json          以 JSON 输出数据\n",
        "Usage:\n"
        "  yanzhen sessions schedule COHORT --template=T --starts=WHEN --ends=WHEN --place=P\n"
        "                   [--trainer=WORKER] [--capacity=N] [--module=M] [--json]\n"
        "      schedule a session and print its id; on conflicts, print each one (naming the\n"
        "      session it clashes with) on its own line and exit with 1.\n"
        "      WHEN is YYYY-MM-DDTHH:MM, Beijing time; seats default to the cohort's, 0 is "
        "unlimited.\n"
        "  yanzhen sessions list [--cohort=COHORT] [--worker=WORKER] [--trainer=WORKER] [--json]\n"
        "      list sessions: id, cohort, date, time, template, place, trainer, booked/seats, "
        "status\n"
        "  yanzhen sessions cancel SESSION --reason=TEXT    cancel a session (it conflicts no "
        "more)\n"
        "  yanzhen sessions book SESSION WORKER [--json]    book a seat; when full, join the "
        "waiting line\n"
        "  yanzhen sessions unbook SESSION WORKER [--json]  give up a seat; the first in line "
        "takes it\n"
        "COHORT is a code or an id; WORKER a staff number or an id.\n"
        "Options:\n"
        "  --db=FILE       the database file (default: yanzhen.db in the current folder)\n"
        "  --actor=NAME    who the audit log records (default: cli:<login>)\n"
        "  --json          print data as JSON\n");
}

int usage(CommandContext& ctx, const char* zh, const char* en) {
    ctx.err << "sessions: " << ctx.say(zh, en) << '\n';
    return kExitUsage;
}

std::optional<std::int64_t> parseInteger(const std::string& s) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return n;
}

services::SchedulingService service(CommandContext& ctx) {
    return services::SchedulingService(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                       ctx.app.getSubsystem<CourseSubsystem>().versions());
}

std::optional<services::Cohort> findCohort(CommandContext& ctx, const std::string& codeOrId) {
    auto cohort = services::CohortService(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                          ctx.app.getSubsystem<CourseSubsystem>().versions())
                      .resolve(codeOrId);
    if (!cohort) ctx.err << ctx.say("没有这个期：", "no such cohort: ") << codeOrId << '\n';
    return cohort;
}

std::optional<services::Person> findPerson(CommandContext& ctx, const std::string& codeOrId) {
    auto person =
        services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store()).resolve(codeOrId);
    if (!person) ctx.err << ctx.say("没有这个人员：", "no such person: ") << codeOrId << '\n';
    return person;
}

std::string label(CommandContext& ctx, const services::Person& p) {
    return ctx.zh() ? p.name + "（" + p.code + "）" : p.name + " (" + p.code + ")";
}

Poco::JSON::Array::Ptr conflictsJson(CommandContext& ctx,
                                     const std::vector<services::Conflict>& conflicts) {
    Poco::JSON::Array::Ptr all = new Poco::JSON::Array;
    for (const auto& c : conflicts) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("code", c.code);
        o->set("message", c.message.in(ctx.lang));
        if (c.session) o->set("session", *c.session);
        all->add(o);
    }
    return all;
}

/// A refusal: every conflict on its own line (or as JSON), exit 1.
int refused(CommandContext& ctx, const services::SchedulingError& e, const char* zh,
            const char* en) {
    if (ctx.json()) {
        Poco::JSON::Object root;
        root.set("conflicts", conflictsJson(ctx, e.conflicts));
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
    }
    for (const auto& c : e.conflicts)
        ctx.err << ctx.say(zh, en) << c.message.in(ctx.lang) << '\n';
    return kExitFailure;
}

void printJson(CommandContext& ctx, const Poco::JSON::Object& o) {
    o.stringify(ctx.out, 2);
    ctx.out << '\n';
}

int schedule(CommandContext& ctx) {
    if (ctx.args.size() != 2)
        return usage(ctx, "sessions schedule 需要一个期", "sessions schedule needs one COHORT");
    for (const char* required : {"template", "starts", "ends", "place"})
        if (ctx.value(required).empty()) {
            ctx.err << "sessions schedule: " << ctx.say("缺少选项 --", "missing option --")
                    << required << '\n';
            return kExitUsage;
        }
    services::ScheduleRequest request;
    if (ctx.has("capacity")) {
        const auto n = parseInteger(ctx.value("capacity"));
        if (!n || *n < 0 || *n > 100000)
            return usage(ctx, "--capacity 应为 0 或正整数", "--capacity must be 0 or more");
        request.capacity = static_cast<int>(*n);
    }
    const auto cohort = findCohort(ctx, ctx.args[1]);
    if (!cohort) return kExitFailure;
    request.cohort = cohort->id;
    if (ctx.has("trainer")) {
        const auto trainer = findPerson(ctx, ctx.value("trainer"));
        if (!trainer) return kExitFailure;
        request.trainer = trainer->id;
    }
    request.templateId = ctx.value("template");
    if (ctx.has("module")) request.module = ctx.value("module");
    request.startsAt = ctx.value("starts");
    request.endsAt = ctx.value("ends");
    request.place = ctx.value("place");
    try {
        const services::Id id = service(ctx).schedule(ctx.actor(), request);
        if (ctx.json()) {
            Poco::JSON::Object o;
            o.set("id", id);
            printJson(ctx, o);
        } else {
            ctx.out << id << '\n';
        }
        return kExitOk;
    } catch (const services::SchedulingError& e) {
        return refused(ctx, e, "未排课：", "not scheduled: ");
    }
}

std::string timeOfDay(const services::Session& s) {
    const std::string start = s.startsAt.size() == 16 ? s.startsAt.substr(11) : s.startsAt;
    const bool sameDay =
        s.endsAt.substr(0, 10) == s.startsAt.substr(0, 10) && s.endsAt.size() == 16;
    std::string end = sameDay ? s.endsAt.substr(11) : s.endsAt;
    if (!sameDay && end.size() > 10) end[10] = ' ';
    return start + "–" + end;
}

int list(CommandContext& ctx) {
    if (ctx.args.size() != 1)
        return usage(ctx, "sessions list 不接受参数", "sessions list takes no arguments");
    services::SessionFilter filter;
    if (ctx.has("cohort")) {
        const auto cohort = findCohort(ctx, ctx.value("cohort"));
        if (!cohort) return kExitFailure;
        filter.cohort = cohort->id;
    }
    for (const auto& [option, target] :
         {std::pair{"worker", &filter.worker}, std::pair{"trainer", &filter.trainer}})
        if (ctx.has(option)) {
            const auto person = findPerson(ctx, ctx.value(option));
            if (!person) return kExitFailure;
            *target = person->id;
        }
    const auto sessions = service(ctx).list(filter);
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Array::Ptr all = new Poco::JSON::Array;
        for (const auto& v : sessions)
            all->add(json::describe(v));
        root.set("sessions", all);
        printJson(ctx, root);
        return kExitOk;
    }
    TextTable table =
        ctx.zh()
            ? TextTable({"ID", "期", "日期", "时间", "模板", "场地", "培训师", "已约/座位", "状态"})
            : TextTable({"ID", "COHORT", "DATE", "TIME", "TEMPLATE", "PLACE", "TRAINER", "BOOKED",
                         "STATUS"});
    for (const auto& v : sessions) {
        const auto& s = v.session;
        std::string seats =
            std::to_string(v.booked) + "/" + (s.capacity > 0 ? std::to_string(s.capacity) : "∞");
        if (v.waiting > 0) seats += " +" + std::to_string(v.waiting) + ctx.say(" 候补", " waiting");
        const std::string status =
            s.status == "cancelled" ? ctx.say("已取消", "cancelled") : ctx.say("已排", "scheduled");
        table.add({std::to_string(s.id), v.cohortCode, s.startsAt.substr(0, 10), timeOfDay(s),
                   v.title.in(ctx.lang), s.place, v.trainerName.empty() ? "-" : v.trainerName,
                   seats, status});
    }
    table.print(ctx.out);
    return kExitOk;
}

int cancel(CommandContext& ctx) {
    if (ctx.args.size() != 2)
        return usage(ctx, "sessions cancel 需要一个场次 ID",
                     "sessions cancel needs one SESSION id");
    const auto id = parseInteger(ctx.args[1]);
    if (!id) return usage(ctx, "场次应为数字 ID", "SESSION must be a numeric id");
    if (ctx.value("reason").empty())
        return usage(ctx, "取消场次需要 --reason", "cancelling a session needs --reason");
    try {
        service(ctx).cancel(ctx.actor(), *id, ctx.value("reason"));
    } catch (const services::SchedulingError& e) {
        return refused(ctx, e, "未取消：", "not cancelled: ");
    }
    ctx.out << ctx.say("已取消场次 ", "cancelled session ") << *id << '\n';
    return kExitOk;
}

/// `book` and `unbook`: SESSION WORKER.
int seat(CommandContext& ctx, bool booking) {
    if (ctx.args.size() != 3)
        return usage(ctx, "需要场次 ID 和人员：sessions book|unbook 场次 人员",
                     "needs a SESSION id and a WORKER: sessions book|unbook SESSION WORKER");
    const auto id = parseInteger(ctx.args[1]);
    if (!id) return usage(ctx, "场次应为数字 ID", "SESSION must be a numeric id");
    const auto person = findPerson(ctx, ctx.args[2]);
    if (!person) return kExitFailure;
    auto scheduling = service(ctx);
    const std::string who = label(ctx, *person);
    const std::string session = std::to_string(*id);
    try {
        Poco::JSON::Object o;
        o.set("session", *id);
        o.set("person", person->id);
        if (booking) {
            const auto b = scheduling.book(ctx.actor(), *id, person->id);
            o.set("status", b.status);
            if (b.status == "waiting") o.set("position", b.position);
            if (ctx.json()) {
                printJson(ctx, o);
            } else if (b.status == "waiting") {
                ctx.out << (ctx.zh() ? who + "已进入场次 " + session + " 的候补名单，第 " +
                                           std::to_string(b.position) + " 位"
                                     : who + " is waiting for session " + session + ", position " +
                                           std::to_string(b.position))
                        << '\n';
            } else {
                ctx.out << (ctx.zh() ? who + "已预约场次 " + session
                                     : who + " is booked for session " + session)
                        << '\n';
            }
            return kExitOk;
        }
        const auto promoted = scheduling.unbook(ctx.actor(), *id, person->id);
        std::optional<services::Person> next;
        if (promoted) {
            next = services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store())
                       .find(*promoted);
            o.set("promoted", *promoted);
        }
        if (ctx.json()) {
            printJson(ctx, o);
            return kExitOk;
        }
        ctx.out << (ctx.zh() ? who + "已取消场次 " + session + " 的预约"
                             : who + " is no longer booked for session " + session);
        if (next)
            ctx.out << (ctx.zh()
                            ? "；候补的" + label(ctx, *next) + "递补入座"
                            : "; " + label(ctx, *next) + " takes the seat from the waiting line");
        else
            ctx.out << ctx.say("；无人递补", "; nobody moves up from the waiting line");
        ctx.out << '\n';
        return kExitOk;
    } catch (const services::SchedulingError& e) {
        return booking ? refused(ctx, e, "未预约：", "not booked: ")
                       : refused(ctx, e, "未取消预约：", "not unbooked: ");
    }
}

} // namespace

int runSessionsCommand(CommandContext& ctx) {
    return dispatch(ctx, "sessions", nullptr,
                    {{"schedule", schedule},
                     {"list", list},
                     {"cancel", cancel},
                     {"book", [](CommandContext& c) { return seat(c, true); }},
                     {"unbook", [](CommandContext& c) { return seat(c, false); }}},
                    printUsage);
}

} // namespace yanzhen::app
