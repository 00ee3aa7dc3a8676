// `yanzhen courses list [--json]`, `courses check [FILE...]` and `courses show ID [--json]`.

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "json/DescribeCourse.hpp"
#include "json/DescribePlugins.hpp"

#include <Poco/JSON/Array.h>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen courses list [--json]         列出课程及其版本（内容哈希）\n"
        "  yanzhen courses check [文件...]       检查课程文件（默认检查课程目录中的全部），\n"
        "                                        逐条报告错误的文件、行、列；有错误时退出码为 1\n"
        "  yanzhen courses show ID [--json]      显示课程的模块、场次模板、要求树和证书\n"
        "选项：\n"
        "  --courses-dir=目录   在该目录中查找课程（可重复；默认为程序旁的 "
        "share/yanzhen/courses）\n",
        "Usage:\n"
        "  yanzhen courses list [--json]         list the courses and their versions (content "
        "hash)\n"
        "  yanzhen courses check [FILE...]       check course files (default: all in the course\n"
        "                                        folders); every error with file, line and "
        "column;\n"
        "                                        exit code 1 if there is any\n"
        "  yanzhen courses show ID [--json]      show a course's modules, session templates,\n"
        "                                        requirement tree and credentials\n"
        "Options:\n"
        "  --courses-dir=DIR   look for courses in DIR (repeatable; default: "
        "share/yanzhen/courses\n"
        "                      beside the executable)\n");
}

int list(CommandContext& ctx) {
    const auto& catalog = ctx.app.getSubsystem<CourseSubsystem>().catalog();
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Array::Ptr courses = new Poco::JSON::Array;
        for (const auto& c : catalog.courses()) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("id", c->id);
            o->set("version", c->version);
            o->set("hash", c->hash);
            o->set("title", json::describe(c->title));
            o->set("file", c->file.string());
            o->set("modules", static_cast<Poco::UInt64>(c->modules.size()));
            courses->add(o);
        }
        Poco::JSON::Array::Ptr failed = new Poco::JSON::Array;
        for (const auto& f : catalog.failures()) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("file", f.file.string());
            Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
            for (const auto& d : f.diagnostics)
                errors->add(d.format(ctx.lang));
            o->set("errors", errors);
            failed->add(o);
        }
        root.set("courses", courses);
        root.set("failed", failed);
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    TextTable table = ctx.zh() ? TextTable({"ID", "版本", "内容哈希", "模块", "名称", "文件"})
                               : TextTable({"ID", "VERSION", "HASH", "MODULES", "TITLE", "FILE"});
    for (const auto& c : catalog.courses())
        table.add({c->id, c->version, c->shortHash(), std::to_string(c->modules.size()),
                   c->title.in(ctx.lang), displayPath(c->file)});
    table.print(ctx.out);
    for (const auto& f : catalog.failures())
        ctx.out << displayPath(f.file) << ": "
                << (ctx.zh() ? std::to_string(f.diagnostics.size()) +
                                   " 个错误（运行 yanzhen courses check 查看）"
                             : std::to_string(f.diagnostics.size()) +
                                   " error(s); run yanzhen courses check")
                << '\n';
    return kExitOk;
}

int check(CommandContext& ctx) {
    auto& subsystem = ctx.app.getSubsystem<CourseSubsystem>();
    const auto loader = subsystem.loader();
    std::vector<std::filesystem::path> files(ctx.args.begin() + 1, ctx.args.end());
    if (files.empty()) {
        for (const auto& c : subsystem.catalog().courses())
            files.push_back(c->file);
        for (const auto& f : subsystem.catalog().failures())
            files.push_back(f.file);
        std::sort(files.begin(), files.end());
    }
    if (files.empty()) {
        ctx.err << ctx.say("没有可检查的课程文件\n", "no course files to check\n");
        return kExitFailure;
    }
    int status = kExitOk;
    for (const auto& file : files) {
        const auto result = loader.loadFile(displayPath(file));
        for (const auto& d : result.diagnostics)
            ctx.err << d.format(ctx.lang) << '\n';
        if (result.ok()) {
            ctx.out << displayPath(file) << ": " << ctx.say("通过", "ok") << " ("
                    << result.course->id << " " << result.course->version << ", "
                    << result.course->shortHash() << ")\n";
        } else {
            status = kExitFailure;
            ctx.out << displayPath(file) << ": " << result.diagnostics.size()
                    << ctx.say(" 个错误", " error(s)") << '\n';
        }
    }
    return status;
}

void printNode(CommandContext& ctx, const rules::Node& node, const std::string& indent) {
    std::string line = indent;
    switch (node.kind) {
    case rules::NodeKind::All: line += ctx.say("全部满足", "all of"); break;
    case rules::NodeKind::Any: line += ctx.say("任选其一", "any of"); break;
    case rules::NodeKind::AtLeast:
        line += ctx.zh() ? "至少 " + std::to_string(node.atLeast) + " 项"
                         : "at least " + std::to_string(node.atLeast) + " of";
        break;
    case rules::NodeKind::Ref: line += ctx.say("引用 ", "see ") + node.ref; break;
    case rules::NodeKind::Leaf:
        line += "[" + node.leaf.moduleId + "." + node.leaf.type + "]";
        break;
    }
    if (!node.label.zh.empty() || !node.label.en.empty()) line += "  " + node.label.in(ctx.lang);
    if (!node.id.empty()) line += "  (" + node.id + ")";
    ctx.out << line << '\n';
    for (const auto& c : node.children)
        printNode(ctx, c, indent + "  ");
    if (node.waivedBy) {
        ctx.out << indent << "  " << ctx.say("可由以下替代：", "or, as an equivalence:") << '\n';
        printNode(ctx, *node.waivedBy, indent + "    ");
    }
}

int show(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("courses show 需要一个课程 ID\n", "courses show needs one course ID\n");
        return kExitUsage;
    }
    const auto& catalog = ctx.app.getSubsystem<CourseSubsystem>().catalog();
    const auto course = catalog.find(ctx.args[1]);
    if (!course) {
        ctx.err << ctx.say("没有这个课程：", "no such course: ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    if (ctx.json()) {
        json::describe(*course)->stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    const auto& c = *course;
    ctx.out << c.title.in(ctx.lang) << "  (" << c.id << " " << c.version << ", " << c.shortHash()
            << ")\n\n";
    ctx.out << ctx.say("模块\n", "Modules\n");
    TextTable modules({"ID", ctx.say("插件", "PLUGIN"), ctx.say("名称", "TITLE")});
    for (const auto& m : c.modules)
        modules.add({m.id, m.pluginId, m.title.in(ctx.lang)});
    modules.print(ctx.out);
    if (!c.templates.empty()) {
        ctx.out << '\n' << ctx.say("场次模板\n", "Session templates\n");
        TextTable templates({"ID", ctx.say("模块", "MODULE"), ctx.say("分钟", "MINUTES"),
                             ctx.say("名称", "TITLE")});
        for (const auto& t : c.templates)
            templates.add({t.id, t.module, t.minutes > 0 ? std::to_string(t.minutes) : "-",
                           t.title.in(ctx.lang)});
        templates.print(ctx.out);
    }
    for (const auto& [name, set] : c.requirements) {
        ctx.out << '\n' << ctx.say("要求集 ", "Requirement set ") << name << '\n';
        printNode(ctx, set.root, "  ");
    }
    for (const auto& cred : c.credentials) {
        ctx.out << '\n'
                << ctx.say("证书 ", "Credential ") << cred.id << "  " << cred.title.in(ctx.lang)
                << '\n';
        ctx.out << "  " << ctx.say("满足要求集 ", "awarded when ") << cred.when
                << ctx.say(" 时颁发", " is met") << '\n';
        if (!cred.validity.forever())
            ctx.out << "  " << ctx.say("有效期 ", "valid for ") << cred.validity.years
                    << ctx.say(" 年 ", "y ") << cred.validity.months << ctx.say(" 月 ", "m ")
                    << cred.validity.days << ctx.say(" 天", "d") << '\n';
        if (!cred.renewalSet.empty())
            ctx.out << "  " << ctx.say("续期要求 ", "renewal needs ") << cred.renewalSet
                    << ctx.say("，提前 ", ", from ") << cred.renewalWindowDays
                    << ctx.say(" 天开放，宽限 ", " days before expiry; grace ") << cred.graceDays
                    << ctx.say(" 天", " days") << '\n';
    }
    return kExitOk;
}

} // namespace

int runCoursesCommand(CommandContext& ctx) {
    return dispatch(ctx, "courses", "list", {{"list", list}, {"check", check}, {"show", show}},
                    printUsage);
}

} // namespace yanzhen::app
