// `yanzhen progress WORKER [--json] [--date D]`: where a worker stands, as they would ask it.

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "rules/RuleEngine.hpp"
#include "services/cohorts/CohortService.hpp"
#include "services/people/PeopleService.hpp"
#include "services/standings/KeptStandings.hpp"
#include "json/DescribeProgress.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <chrono>
#include <cmath>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：yanzhen progress 人员 [--date YYYY-MM-DD] [--json]\n"
        "      yanzhen progress --all [--cohort 期] [--date YYYY-MM-DD] [--threads N] [--json]\n"
        "  每一期：各模块一条进度条，每个要求集的状态，以及还差什么（用大白话）。\n"
        "  人员可写工号（如 JY-0042）或 id；--date 按某一天评估（默认今天，北京时间）。\n",
        "Usage: yanzhen progress WORKER [--date YYYY-MM-DD] [--json]\n"
        "       yanzhen progress --all [--cohort COHORT] [--date YYYY-MM-DD] [--threads N] "
        "[--json]\n"
        "  For each cohort: a bar per module, the status of every requirement set, and what's\n"
        "  left, in plain words. WORKER is a staff number (e.g. JY-0042) or an id; --date\n"
        "  evaluates as of that day (default: today in Asia/Shanghai).\n"
        "  --all: every enrolled worker (or one cohort's) in one pass over the evidence; prints\n"
        "  how many workers are met, in progress, unmet or waived per course and requirement\n"
        "  set, and the time taken.\n");
}

std::string bar(double fraction, std::size_t width) {
    const auto full = static_cast<std::size_t>(
        std::lround(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(width)));
    std::string out;
    for (std::size_t i = 0; i < width; ++i)
        out += i < full ? "█" : "░";
    return out;
}

const char* statusText(rules::Status s, bool zh) {
    switch (s) {
    case rules::Status::Met: return zh ? "✔ 已达成" : "✔ met";
    case rules::Status::InProgress: return zh ? "… 进行中" : "… in progress";
    case rules::Status::Unmet: return zh ? "✘ 未达成" : "✘ not met";
    case rules::Status::Waived: return zh ? "✔ 已豁免" : "✔ waived";
    }
    return "?";
}

std::string padded(const std::string& s, std::size_t width) {
    const std::size_t w = displayWidth(s);
    return s + std::string(w < width ? width - w : 1, ' ');
}

/// `progress --all`: everyone's progress in one pass, summed up.
int runAll(CommandContext& ctx, std::int32_t today) {
    auto& records = ctx.app.getSubsystem<StoreSubsystem>().store();
    services::RecomputeOptions options;
    options.today = today;
    if (ctx.has("cohort")) {
        const auto cohort =
            services::CohortService(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                    ctx.app.getSubsystem<CourseSubsystem>().versions())
                .resolve(ctx.value("cohort"));
        if (!cohort) {
            ctx.err << ctx.say("没有这一期：", "no such cohort: ") << ctx.value("cohort") << '\n';
            return kExitFailure;
        }
        options.cohort = cohort->id;
    }
    if (ctx.has("threads")) {
        const std::string t = ctx.value("threads");
        const bool digits =
            !t.empty() && t.size() < 3 &&
            std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || std::stoi(t) < 1) {
            ctx.err << ctx.say("--threads 应为 1 到 99 的整数\n",
                               "--threads must be a whole number from 1 to 99\n");
            return kExitUsage;
        }
        options.threads = static_cast<unsigned>(std::stoi(t));
    }
    // Every standing computed again and kept (the reads and reports then send them as kept).
    const auto summary =
        services::KeptStandings(records, ctx.app.getSubsystem<CourseSubsystem>().versions(),
                                json::cohortEntry)
            .recomputeAll(options);
    static const char* const kStatus[] = {"met", "in_progress", "unmet", "waived"};
    if (ctx.json()) {
        Poco::JSON::Object root;
        root.set("date", formatDay(today));
        root.set("workers", static_cast<Poco::UInt64>(summary.workers));
        root.set("evaluations", static_cast<Poco::UInt64>(summary.evaluations));
        root.set("rows", static_cast<Poco::UInt64>(summary.rows));
        root.set("seconds", summary.seconds);
        Poco::JSON::Array::Ptr sets = new Poco::JSON::Array;
        for (const auto& [key, counts] : summary.statuses) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("course", key.first);
            o->set("set", key.second);
            for (std::size_t i = 0; i < counts.size(); ++i)
                o->set(kStatus[i], static_cast<Poco::UInt64>(counts[i]));
            sets->add(o);
        }
        root.set("sets", sets);
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << ctx.say("截至 ", "As of ") << formatDay(today) << ctx.say("：", ": ")
            << summary.workers << ctx.say(" 名人员，", " workers, ") << summary.evaluations
            << ctx.say(" 次评估，", " evaluations, ") << summary.rows
            << ctx.say(" 条证据\n", " evidence rows\n");
    const std::vector<std::string> header{
        ctx.say("课程", "course"),        ctx.say("要求集", "set"),   ctx.say("已达成", "met"),
        ctx.say("进行中", "in progress"), ctx.say("未达成", "unmet"), ctx.say("已豁免", "waived")};
    std::vector<std::vector<std::string>> rows{header};
    for (const auto& [key, counts] : summary.statuses) {
        std::vector<std::string> row{key.first, key.second};
        for (const auto c : counts)
            row.push_back(std::to_string(c));
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row[i]));
    for (const auto& row : rows) {
        ctx.out << ' ';
        for (std::size_t i = 0; i < row.size(); ++i)
            ctx.out << ' ' << padded(row[i], widths[i] + 1);
        ctx.out << '\n';
    }
    ctx.out << ctx.say("用时 ", "Took ") << std::lround(summary.seconds * 1000) << " ms\n";
    return kExitOk;
}

} // namespace

int runProgressCommand(CommandContext& ctx) {
    if (ctx.help()) {
        printUsage(ctx);
        return kExitOk;
    }
    if (ctx.has("all")) {
        if (!ctx.args.empty()) {
            ctx.err << ctx.say("--all 不带人员\n", "--all takes no WORKER\n");
            printUsage(ctx);
            return kExitUsage;
        }
        const std::int32_t day = ctx.today();
        return runAll(ctx, day);
    }
    if (ctx.args.size() != 1) {
        ctx.err << ctx.say("progress 需要一个人员\n", "progress needs one WORKER\n");
        printUsage(ctx);
        return kExitUsage;
    }
    const std::int32_t today = ctx.today();
    auto& records = ctx.app.getSubsystem<StoreSubsystem>().store();
    const auto person = services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store())
                            .resolve(ctx.args[0]);
    if (!person) {
        ctx.err << ctx.say("没有这个人员：", "no such worker: ") << ctx.args[0] << '\n';
        return kExitFailure;
    }
    services::ProgressService service(records, ctx.app.getSubsystem<CourseSubsystem>().versions());
    const auto started = std::chrono::steady_clock::now();
    const auto all = service.forPerson(person->id, today);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);

    if (ctx.json()) {
        Poco::JSON::Object root;
        root.set("worker", person->code);
        root.set("name", person->name);
        root.set("date", formatDay(today));
        Poco::JSON::Array::Ptr cohorts = new Poco::JSON::Array;
        for (const auto& p : all)
            cohorts->add(json::describe(p));
        root.set("cohorts", cohorts);
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << person->name << "  " << person->code << ctx.say("  截至 ", "  as of ")
            << formatDay(today) << '\n';
    if (all.empty())
        ctx.out << ctx.say("还没有报名任何一期。\n", "Not enrolled in any cohort yet.\n");
    for (const auto& p : all) {
        ctx.out << '\n'
                << p.course->title.in(ctx.lang) << "  " << p.cohort.code << " " << p.cohort.name
                << "  (" << p.course->version << ", " << p.course->shortHash() << ")\n";
        std::size_t width = 0;
        for (const auto& m : p.progress.modules)
            width = std::max(width, displayWidth(m.title.in(ctx.lang)));
        for (const auto& m : p.progress.modules)
            ctx.out << "  " << padded(m.title.in(ctx.lang), width + 2) << bar(m.fraction, 24) << " "
                    << std::lround(m.fraction * 100) << "%\n";
        for (const auto& [name, outcome] : p.progress.sets) {
            // A renewal set is not a goal until its credential is held: the certificates show it.
            const bool renewal =
                std::any_of(p.course->credentials.begin(), p.course->credentials.end(),
                            [&](const auto& c) { return c.renewalSet == name; });
            if (renewal) continue;
            const auto& label = outcome.label.in(ctx.lang);
            ctx.out << "  " << statusText(outcome.status, ctx.zh()) << "  "
                    << (label.empty() ? name : label) << '\n';
            const auto left = rules::RuleEngine::whatsLeft(outcome);
            for (const auto& item : left)
                ctx.out << "      - " << item.sentence.in(ctx.lang) << '\n';
        }
    }
    // On standard error: a note for the person at the terminal, not part of the answer a pipe
    // reads; brackets that match in each language.
    const std::string ms = formatNumber(micros.count() / 1000.0);
    ctx.err << (ctx.zh() ? "（计算用时 " + ms + " 毫秒）\n" : "(evaluated in " + ms + " ms)\n");
    return kExitOk;
}

} // namespace yanzhen::app
