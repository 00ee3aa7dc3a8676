// `yanzhen workers import|list|show`: the people the district trains.

#include "Command.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/people/PeopleService.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen workers import 花名册.csv [--dry-run]   导入人员（全部成功或全部不写入）\n"
        "  yanzhen workers list [--post 岗位] [--community 代码] [--name 姓名片段] [--limit N] "
        "[--offset N] [--json]\n"
        "  yanzhen workers show 人员 [--json]               人员详情：岗位、所在的期、证据条数\n"
        "岗位：social_worker 社工岗，committee_member 两委成员，governance_officer 治理专干，\n"
        "      party_affairs 党务工作者，trainer 培训师。人员可写工号（如 JY-0042）或 id。\n",
        "Usage:\n"
        "  yanzhen workers import roster.csv [--dry-run]    import people (all rows or none)\n"
        "  yanzhen workers list [--post KIND] [--community CODE] [--name PART] [--limit N] "
        "[--offset N] [--json]\n"
        "  yanzhen workers show WORKER [--json]            one person: posts, cohorts, evidence "
        "count\n"
        "Posts: social_worker, committee_member, governance_officer, party_affairs, trainer.\n"
        "WORKER is a staff number (e.g. JY-0042) or an id.\n");
}

const char* postTitle(const std::string& kind, bool zh) {
    if (kind == "social_worker") return zh ? "社工岗" : "social worker";
    if (kind == "committee_member") return zh ? "两委成员" : "committee member";
    if (kind == "governance_officer") return zh ? "治理专干" : "governance officer";
    if (kind == "party_affairs") return zh ? "党务工作者" : "party-affairs worker";
    if (kind == "trainer") return zh ? "培训师" : "trainer";
    return "?";
}

std::string posts(const services::Person& p, bool zh) {
    std::string out;
    for (const auto& post : p.posts)
        if (post.endedOn.empty())
            out += (out.empty() ? "" : zh ? "、" : ", ") + std::string(postTitle(post.kind, zh));
    return out;
}

Poco::JSON::Object::Ptr personJson(const services::Person& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", p.id);
    o->set("code", p.code);
    o->set("name", p.name);
    if (!p.gender.empty()) o->set("gender", p.gender);
    if (!p.birthDate.empty()) o->set("birth_date", p.birthDate);
    if (!p.education.empty()) o->set("education", p.education);
    if (p.orgUnitId) o->set("org_unit", *p.orgUnitId);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& post : p.posts) {
        Poco::JSON::Object::Ptr po = new Poco::JSON::Object;
        po->set("kind", post.kind);
        if (post.orgUnitId) po->set("org_unit", *post.orgUnitId);
        if (!post.startedOn.empty()) po->set("started_on", post.startedOn);
        if (!post.endedOn.empty()) po->set("ended_on", post.endedOn);
        list->add(po);
    }
    o->set("posts", list);
    return o;
}

std::size_t number(CommandContext& ctx, const std::string& name, std::size_t fallback,
                   std::size_t max) {
    const std::string v = ctx.value(name);
    if (v.empty()) return fallback;
    try {
        return std::min<std::size_t>(std::stoul(v), max);
    } catch (const std::exception&) {
        throw std::invalid_argument("--" + name + " must be a number");
    }
}

int list(CommandContext& ctx) {
    services::PeopleService people(ctx.app.getSubsystem<StoreSubsystem>().store());
    services::PeopleQuery q;
    q.postKind = ctx.value("post");
    q.nameContains = ctx.value("name");
    q.limit = number(ctx, "limit", 100, 1000);
    q.offset = number(ctx, "offset", 0, SIZE_MAX);
    if (ctx.has("community")) {
        const auto unit = people.orgUnitByCode(ctx.value("community"));
        if (!unit) {
            ctx.err << ctx.say("没有这个组织单位：", "no such org unit: ") << ctx.value("community")
                    << '\n';
            return kExitFailure;
        }
        q.orgUnit = unit->id;
    }
    const auto page = people.list(q);
    const auto& found = page.items;
    const std::size_t total = page.total;
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& p : found)
            items->add(personJson(p));
        root.set("items", items);
        root.set("total", static_cast<Poco::UInt64>(total));
        root.set("limit", static_cast<Poco::UInt64>(q.limit));
        root.set("offset", static_cast<Poco::UInt64>(q.offset));
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    std::map<services::Id, std::string> units;
    for (const auto& u : people.orgUnits())
        units[u.id] = u.name;
    TextTable table = ctx.zh() ? TextTable({"ID", "工号", "姓名", "岗位", "所在单位"})
                               : TextTable({"ID", "STAFF NO", "NAME", "POSTS", "ORG UNIT"});
    for (const auto& p : found)
        table.add({std::to_string(p.id), p.code, p.name, posts(p, ctx.zh()),
                   p.orgUnitId ? units[*p.orgUnitId] : "-"});
    table.print(ctx.out);
    ctx.out << (ctx.zh()
                    ? "共 " + std::to_string(total) + " 人，显示 " + std::to_string(found.size()) +
                          " 人\n"
                    : std::to_string(found.size()) + " of " + std::to_string(total) + " shown\n");
    return kExitOk;
}

int show(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("workers show 需要一个人员\n", "workers show needs one WORKER\n");
        return kExitUsage;
    }
    const auto file = services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store())
                          .file(ctx.args[1]);
    if (!file) {
        ctx.err << ctx.say("没有这个人员：", "no such worker: ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    const services::Person* p = &file->person;
    const auto& cohorts = file->cohorts;
    const auto& evidence = file->evidence;
    if (ctx.json()) {
        auto o = personJson(*p);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& c : cohorts)
            list->add(c.code);
        o->set("cohorts", list);
        o->set("evidence_rows", static_cast<Poco::UInt64>(evidence.size()));
        o->stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    const auto& unit = file->unit;
    ctx.out << p->name << "  (" << p->code << ", id " << p->id << ")\n";
    ctx.out << ctx.say("岗位：", "Posts: ") << posts(*p, ctx.zh()) << '\n';
    if (unit) ctx.out << ctx.say("单位：", "Org unit: ") << unit->name << '\n';
    if (!p->education.empty()) ctx.out << ctx.say("学历：", "Education: ") << p->education << '\n';
    ctx.out << ctx.say("所在的期：", "Cohorts: ");
    for (std::size_t i = 0; i < cohorts.size(); ++i)
        ctx.out << (i ? ", " : "") << cohorts[i].code << " " << cohorts[i].name;
    ctx.out << '\n' << ctx.say("证据记录：", "Evidence rows: ") << evidence.size() << '\n';
    return kExitOk;
}

} // namespace

int runWorkersCommand(CommandContext& ctx) {
    return dispatch(ctx, "workers", "list",
                    {{"list", list}, {"show", show}, {"import", runWorkersImport}}, printUsage);
}

} // namespace yanzhen::app
