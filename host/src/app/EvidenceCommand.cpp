// `yanzhen evidence import FILE [--dry-run]`, `evidence record ...` (one row, or the correction
// of one) and `evidence list WORKER [--json]` (everything recorded about a worker, corrections
// marked).

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "ImportOutput.hpp"
#include "PluginSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/evidence/EvidenceQueries.hpp"
#include "services/evidence/EvidenceService.hpp"
#include "services/imports/EvidenceImport.hpp"
#include "services/people/PeopleService.hpp"
#include "json/DescribeRecords.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <charconv>
#include <map>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen evidence import 文件.csv [--dry-run]   "
        "导入证据（全部成功或全部不写入；逐行报告错误）\n"
        "  yanzhen evidence record --worker 人员 (--session 场次 | --module 模块 --ref 对象 --date "
        "日期\n"
        "                          [--course 课程]) --kind 类型 --field 名称=值 ... [--correct "
        "证据ID --reason 原因]\n"
        "                                                记录一条证据；--correct "
        "更正一条（旧记录保留，标为已更正）\n"
        "  yanzhen evidence list 人员 [--json]            人员的全部证据记录，含更正历史\n"
        "没有 --course 的记录是个人记录（证书、全国考试成绩），此时 --module 为插件 id，如 "
        "certification。\n"
        "CSV 列：worker,kind，以及 session 或 "
        "course,module,ref,date，其余每列为某一证据类型的字段\n"
        "（如 status、score、scores）；空单元格表示没有该值。scores 写作 assessment=25;plan=22。\n",
        "Usage:\n"
        "  yanzhen evidence import FILE.csv [--dry-run]   import evidence (all rows or none; every "
        "bad row named)\n"
        "  yanzhen evidence record --worker WORKER (--session ID | --module M --ref REF --date "
        "YYYY-MM-DD\n"
        "                          [--course C]) --kind K --field NAME=VALUE ... [--correct ID "
        "--reason TEXT]\n"
        "                                                record one row; --correct supersedes row "
        "ID (it stays,\n"
        "                                                marked superseded)\n"
        "  yanzhen evidence list WORKER [--json]          everything recorded about a worker, "
        "corrections marked\n"
        "Without --course a row is a personal record (a credential, a national exam result) and "
        "--module is a\n"
        "plugin id, e.g. certification.\n"
        "CSV columns: worker, kind, and session or course, module, ref, date; every other column "
        "is a field of an\n"
        "evidence kind (status, score, scores, ...); an empty cell is an absent value. Scores are "
        "written\n"
        "assessment=25;plan=22.\n");
}

int import(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("evidence import 需要一个 CSV 文件\n",
                           "evidence import needs one CSV FILE\n");
        return kExitUsage;
    }
    auto& records = ctx.app.getSubsystem<StoreSubsystem>().store();
    auto& versions = ctx.app.getSubsystem<CourseSubsystem>().versions();
    const auto& registry = ctx.app.getSubsystem<PluginSubsystem>().registry();
    ProgressBar bar(ctx.err, progressWanted(ctx));
    const bool dryRun = ctx.has("dry-run");
    const auto report = services::EvidenceImport(records, versions, registry)
                            .run(ctx.args[1], {dryRun, ctx.actor(), drawOn(bar, ctx)});
    bar.clear();
    return reportImport(ctx, ctx.args[1], report, dryRun, false);
}

int record(CommandContext& ctx) {
    services::EvidenceInput input{
        ctx.value("worker"), ctx.value("session"), ctx.value("course"), ctx.value("module"),
        ctx.value("ref"),    ctx.value("date"),    ctx.value("kind"),   {}};
    for (const auto& f : ctx.values("field")) {
        const auto eq = f.find('=');
        if (eq == std::string::npos || eq == 0) {
            ctx.err << ctx.say("--field 应写作 名称=值：", "--field must be NAME=VALUE: ") << f
                    << '\n';
            return kExitUsage;
        }
        input.fields[f.substr(0, eq)] = f.substr(eq + 1);
    }
    std::optional<services::Id> old;
    if (ctx.has("correct")) {
        const std::string id = ctx.value("correct");
        services::Id n = 0;
        const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
        if (ec != std::errc{} || end != id.data() + id.size() || n <= 0) {
            ctx.err << ctx.say("--correct 应为证据 id：", "--correct must be an evidence id: ")
                    << id << '\n';
            return kExitUsage;
        }
        if (ctx.value("reason").empty()) {
            ctx.err << ctx.say("更正须说明原因：--reason 原因\n",
                               "a correction needs a reason: --reason TEXT\n");
            return kExitUsage;
        }
        old = n;
    } else {
        std::string missing;
        if (input.worker.empty()) missing += " --worker";
        if (input.kind.empty()) missing += " --kind";
        if (input.session.empty() &&
            (input.module.empty() || input.ref.empty() || input.date.empty()))
            missing += ctx.say(" --session（或 --module --ref --date）",
                               " --session (or --module --ref --date)");
        if (!missing.empty()) {
            ctx.err << ctx.say("evidence record 缺少：", "evidence record needs:") << missing
                    << '\n';
            return kExitUsage;
        }
    }
    services::EvidenceService service(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                      ctx.app.getSubsystem<CourseSubsystem>().versions(),
                                      ctx.app.getSubsystem<PluginSubsystem>().registry());
    services::Id id = 0;
    try {
        id = old ? service.correct(*old, input, ctx.value("reason"), ctx.actor())
                 : service.record(input, ctx.actor());
    } catch (const services::EvidenceRejected& e) {
        ctx.err << ctx.say("未记录：\n", "not recorded:\n");
        for (const auto& p : e.problems)
            ctx.err << "  " << p.in(ctx.lang) << '\n';
        return kExitFailure;
    }
    if (ctx.json()) {
        Poco::JSON::Object o;
        o.set("id", id);
        if (old) o.set("supersedes", *old);
        o.stringify(ctx.out);
        ctx.out << '\n';
    } else if (old) {
        ctx.out << (ctx.zh()
                        ? "已记录证据 " + std::to_string(id) + "，更正证据 " + std::to_string(*old)
                        : "recorded evidence row " + std::to_string(id) + ", superseding row " +
                              std::to_string(*old))
                << '\n';
    } else {
        ctx.out << ctx.say("已记录证据 ", "recorded evidence row ") << id << '\n';
    }
    return kExitOk;
}

/// The row's fields as "name=value, ..." for a table.
std::string fieldsText(const std::string& json) {
    try {
        std::string out;
        const auto fields = Poco::JSON::Parser()
                                .parse(json)
                                .extract<Poco::JSON::Object::Ptr>(); // a copy: keeps it alive
        for (const auto& [name, value] : *fields)
            out += (out.empty() ? "" : " ") + name + "=" + services::fieldText(value);
        return out;
    } catch (const Poco::Exception&) {
        return json;
    }
}

int list(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("evidence list 需要一个人员\n", "evidence list needs one WORKER\n");
        return kExitUsage;
    }
    auto& records = ctx.app.getSubsystem<StoreSubsystem>().store();
    const auto person = services::PeopleService(records).resolve(ctx.args[1]);
    if (!person) {
        ctx.err << ctx.say("没有这个人员：", "no such worker: ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    const auto rows = services::EvidenceQueries(ctx.app.getSubsystem<StoreSubsystem>().store())
                          .historyOf(person->id)
                          .value_or(std::vector<services::EvidenceRow>{});
    const auto supersededBy = json::supersessions(rows);
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Object::Ptr who = new Poco::JSON::Object;
        who->set("id", person->id);
        who->set("code", person->code);
        who->set("name", person->name);
        root.set("worker", who);
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& row : rows)
            items->add(json::describe(row, supersededBy));
        root.set("items", items);
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << person->name << "  (" << person->code << ", id " << person->id << ")\n";
    TextTable table =
        ctx.zh() ? TextTable({"ID", "日期", "课程", "模块", "类型", "对象", "字段", "说明"})
                 : TextTable({"ID", "DATE", "COURSE", "MODULE", "KIND", "REF", "FIELDS", "NOTE"});
    for (const auto& row : rows) {
        std::string note;
        const auto by = supersededBy.find(row.id);
        if (by != supersededBy.end())
            note = ctx.zh() ? "已被 " + std::to_string(by->second) + " 更正"
                            : "superseded by " + std::to_string(by->second);
        if (row.supersedes)
            note += (note.empty() ? "" : "; ") +
                    (ctx.zh() ? "更正 " + std::to_string(*row.supersedes) + "：" + row.reason
                              : "corrects " + std::to_string(*row.supersedes) + ": " + row.reason);
        table.add({std::to_string(row.id), formatDay(row.day),
                   row.courseId.value_or(ctx.say("（个人）", "(personal)")), row.module, row.kind,
                   row.ref, fieldsText(row.fields), note.empty() ? "-" : note});
    }
    table.print(ctx.out);
    ctx.out << (ctx.zh() ? "共 " + std::to_string(rows.size()) + " 条记录\n"
                         : std::to_string(rows.size()) + " row(s)\n");
    return kExitOk;
}

/// `evidence` without a subcommand.
int needsCommand(CommandContext& ctx) {
    ctx.err << ctx.say("evidence 需要一个子命令\n", "evidence needs a command\n");
    printUsage(ctx);
    return kExitUsage;
}

} // namespace

int runEvidenceCommand(CommandContext& ctx) {
    // No subcommand, or an empty word, is the "" one: it says that one is needed.
    return dispatch(ctx, "evidence", "",
                    {{"", needsCommand}, {"import", import}, {"record", record}, {"list", list}},
                    printUsage);
}

} // namespace yanzhen::app
