// `yanzhen audit verify [--head HASH]` and `audit list [--limit N]`: the hash-chained log.

#include "Command.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/audit/AuditService.hpp"
#include "json/DescribeRecords.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen audit verify [--head 哈希]   逐条核验哈希链：发现被修改或删除的条目时退出码为 "
        "1。\n"
        "        打印最后一条的哈希（head）；把它另存一处，下次用 --head 核验，可发现末尾被截断。\n"
        "  yanzhen audit list [--limit N] [--offset N] [--json]   最近的条目\n",
        "Usage:\n"
        "  yanzhen audit verify [--head HASH]   walk the hash chain; exit 1 on an edited or "
        "deleted entry.\n"
        "        Prints the last entry's hash (the head): keep it elsewhere and pass it back with\n"
        "        --head next time to detect entries removed from the end.\n"
        "  yanzhen audit list [--limit N] [--offset N] [--json]   the newest entries\n");
}

int verify(CommandContext& ctx) {
    const auto v = services::AuditService(ctx.app.getSubsystem<StoreSubsystem>().store())
                       .verify(ctx.value("head"));
    if (ctx.json()) {
        Poco::JSON::Object o;
        o.set("intact", v.intact);
        o.set("entries", static_cast<Poco::UInt64>(v.entries));
        o.set("head", v.head);
        if (v.at) o.set("at", *v.at);
        if (!v.problem.empty()) o.set("problem", v.problem);
        o.stringify(ctx.out, 2);
        ctx.out << '\n';
    } else if (v.intact) {
        ctx.out << ctx.say("审计日志完好：", "audit log intact: ") << v.entries
                << ctx.say(" 条，head ", " entries, head ") << v.head << '\n';
    } else {
        ctx.err << ctx.say("审计日志被篡改：", "audit log tampered with: ") << v.problem << '\n';
    }
    return v.intact ? kExitOk : kExitFailure;
}

int list(CommandContext& ctx) {
    const auto entries =
        services::AuditService(ctx.app.getSubsystem<StoreSubsystem>().store())
            .recent(std::stoul(ctx.value("limit", "20")), std::stoul(ctx.value("offset", "0")))
            .items;
    if (ctx.json()) {
        Poco::JSON::Array items;
        for (const auto& e : entries)
            items.add(json::describe(e));
        items.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    TextTable table({"ID", ctx.say("时间", "AT"), ctx.say("操作者", "ACTOR"),
                     ctx.say("操作", "ACTION"), ctx.say("对象", "ENTITY"),
                     ctx.say("内容", "DETAILS")});
    for (const auto& e : entries)
        table.add({std::to_string(e.id), e.at, e.actor, e.action, e.entity + " " + e.entityId,
                   e.details.size() > 60 ? e.details.substr(0, 57) + "..." : e.details});
    table.print(ctx.out);
    return kExitOk;
}

} // namespace

int runAuditCommand(CommandContext& ctx) {
    return dispatch(ctx, "audit", "verify", {{"verify", verify}, {"list", list}}, printUsage);
}

} // namespace yanzhen::app
