// `yanzhen plugins list [--json]` and `yanzhen plugins check FILE...`.

#include "Command.hpp"
#include "PluginSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "plugins/PluginCheck.hpp"
#include "json/DescribePlugins.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <filesystem>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen plugins list [--json]      列出插件（已加载的和被拒绝的，附原因）\n"
        "  yanzhen plugins check 文件...      在子进程中加载插件并报告结果\n"
        "选项：\n"
        "  --plugins-dir=目录   在该目录中查找插件（可重复；默认为程序旁的 lib/yanzhen/plugins）\n",
        "Usage:\n"
        "  yanzhen plugins list [--json]      list the plugins, loaded and refused (with why)\n"
        "  yanzhen plugins check FILE...      load each plugin in a child process and report\n"
        "Options:\n"
        "  --plugins-dir=DIR   look for plugins in DIR (repeatable; default: lib/yanzhen/plugins\n"
        "                      beside the executable)\n");
}

int list(CommandContext& ctx) {
    auto& subsystem = ctx.app.getSubsystem<PluginSubsystem>();
    const auto& registry = subsystem.registry();
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Array::Ptr loaded = new Poco::JSON::Array;
        for (const auto& p : registry.plugins())
            loaded->add(json::describe(*p));
        Poco::JSON::Array::Ptr refused = new Poco::JSON::Array;
        for (const auto& r : registry.refusals())
            refused->add(json::describe(r, ctx.lang));
        Poco::JSON::Array::Ptr folders = new Poco::JSON::Array;
        for (const auto& f : subsystem.folders())
            folders->add(f.string());
        root.set("folders", folders);
        root.set("plugins", loaded);
        root.set("refused", refused);
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    if (registry.plugins().empty() && registry.refusals().empty()) {
        ctx.out << ctx.say("没有找到插件。查找的目录：\n", "No plugins found. Folders searched:\n");
        for (const auto& f : subsystem.folders())
            ctx.out << "  " << f.string() << '\n';
        return kExitOk;
    }
    TextTable table = ctx.zh() ? TextTable({"ID", "版本", "ABI", "状态", "名称", "文件"})
                               : TextTable({"ID", "VERSION", "ABI", "STATUS", "TITLE", "FILE"});
    for (const auto& p : registry.plugins())
        table.add({p->info.id, p->info.version,
                   std::to_string(p->abiMajor) + "." + std::to_string(p->abiMinor),
                   p->info.status == Status::Stable ? ctx.say("稳定", "stable")
                                                    : ctx.say("试验", "experimental"),
                   p->info.title.in(ctx.lang), displayPath(p->file)});
    for (const auto& r : registry.refusals())
        table.add({r.id.empty() ? "-" : r.id, "-", "-", ctx.say("已拒绝", "refused"), "-",
                   displayPath(r.file)});
    table.print(ctx.out);
    if (!registry.refusals().empty()) {
        ctx.out << '\n' << ctx.say("被拒绝的插件：\n", "Refused:\n");
        for (const auto& r : registry.refusals()) {
            plugins::Refusal local = r;
            local.file = displayPath(r.file);
            ctx.out << "  " << local.line(ctx.lang) << '\n';
        }
    }
    return kExitOk;
}

int check(CommandContext& ctx) {
    if (ctx.args.size() < 2) {
        ctx.err << ctx.say("plugins check 需要至少一个文件\n",
                           "plugins check needs at least one FILE\n");
        return kExitUsage;
    }
    int status = kExitOk;
    ctx.out.flush(); // the child inherits the stream's buffer; flush so nothing is written twice
    for (std::size_t i = 1; i < ctx.args.size(); ++i) {
        const auto result = plugins::checkInChildProcess(ctx.args[i], ctx.lang);
        (result.loaded ? ctx.out : ctx.err) << result.line << '\n';
        if (!result.loaded) status = kExitFailure;
    }
    return status;
}

} // namespace

int runPluginsCommand(CommandContext& ctx) {
    return dispatch(ctx, "plugins", "list", {{"list", list}, {"check", check}}, printUsage);
}

} // namespace yanzhen::app
