// `yanzhen init [--demo] [--seed N] [--date D] [--json]`: creates (or opens and migrates) the
// database, keeps every catalog course as a version, creates the district root; with --demo,
// fills it with the demo district in the same transaction, then measures the result the way
// the district reports itself and names a few people worth opening. It also makes the
// certificate signing key (`<db>.signing-key`, mode 0600, or --signing-key) when there is none,
// and, with --demo, issues the demo district's certificates (DemoCredentials.hpp).

#include "CertSettings.hpp"
#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "demo/DemoAccounts.hpp"
#include "demo/DemoCredentials.hpp"
#include "demo/DemoData.hpp"
#include "demo/DemoOutcome.hpp"
#include "services/DatabaseSetup.hpp"
#include "services/accounts/AccountService.hpp"
#include "services/credentials/CertificateSigner.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen init [--db=文件]                         "
        "创建数据库（已存在则迁移到最新结构），\n"
        "                                                   "
        "保存课程目录中每门课程的版本，建立江源区根节点\n"
        "  yanzhen init --demo [--seed=N] [--date=日期]     另外写入演示区：10 个镇街、31 "
        "个社区、177 个网格，\n"
        "                                                   约 400 名人员，5 期培训及其场次和证据\n"
        "选项：\n"
        "  --demo           写入演示数据（只能写入没有人员的数据库）\n"
        "  --seed=N         随机种子（默认 1）：同一种子和日期得到同样的数据\n"
        "  --date=YYYY-MM-DD  演示数据的“今天”：前 4 期在此之前结束，第 5 期正在进行\n"
        "  --json           以 JSON 输出结果\n",
        "Usage:\n"
        "  yanzhen init [--db=FILE]                         create the database (or migrate it to "
        "the\n"
        "                                                   newest schema), keep every catalog "
        "course as a\n"
        "                                                   version, create the district root\n"
        "  yanzhen init --demo [--seed=N] [--date=DATE]     also write the demo district: 10 towns "
        "and\n"
        "                                                   streets, 31 communities, 177 grids, "
        "about 400\n"
        "                                                   people, 5 cohorts with sessions and "
        "evidence\n"
        "Options:\n"
        "  --demo           write the demo data (only into a database without people)\n"
        "  --seed=N         the random seed (default 1): the same seed and date give the same "
        "data\n"
        "  --date=YYYY-MM-DD  the demo's today: cohorts 1-4 ended before it, cohort 5 is under "
        "way\n"
        "  --json           print the result as JSON\n");
}

std::string percent(std::size_t part, std::size_t whole) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f",
                  whole == 0 ? 0.0
                             : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return text;
}

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

struct DemoRun {
    std::uint64_t seed = 1;
    demo::DemoSummary summary;
    demo::DemoOutcome outcome;
    double seconds = 0;
};

Poco::JSON::Object::Ptr toJson(const std::string& file, const services::SetupReport& setup,
                               const std::optional<DemoRun>& demo, std::int32_t today) {
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
    root->set("database", file);
    Poco::JSON::Array::Ptr versions = new Poco::JSON::Array;
    for (const auto& v : setup.versions) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("course", v.courseId);
        o->set("version", v.version);
        o->set("hash", v.hash);
        o->set("added", v.added);
        versions->add(o);
    }
    root->set("course_versions", versions);
    root->set("district_created", setup.districtCreated);
    root->set("credential_records_added", static_cast<Poco::UInt64>(setup.credentialRecords));
    if (!demo) return root;
    const auto& s = demo->summary;
    const auto& o = demo->outcome;
    Poco::JSON::Object::Ptr d = new Poco::JSON::Object;
    d->set("seed", static_cast<Poco::UInt64>(demo->seed));
    d->set("date", formatDay(today));
    d->set("seconds", demo->seconds);
    auto count = [&](const char* name, std::size_t n) {
        d->set(name, static_cast<Poco::UInt64>(n));
    };
    count("streets", s.streets);
    count("communities", s.communities);
    count("grids", s.grids);
    count("people", s.people);
    count("social_workers", s.socialWorkers);
    count("committee_members", s.committeeMembers);
    count("governance_officers", s.governanceOfficers);
    count("party_affairs", s.partyAffairs);
    count("trainers", s.trainers);
    d->set("average_age", s.averageAge);
    d->set("degree_share", s.degreeShare);
    count("cohorts", s.cohorts);
    count("enrollments", s.enrollments);
    count("sessions", s.sessions);
    count("sessions_ahead", s.sessionsAhead);
    count("evidence", s.evidence);
    count("national_holders", o.nationalHolders);
    count("licensed", o.licensed);
    count("licensed_by_equivalence", o.licensedByEquivalence);
    count("in_training", o.inTraining);
    Poco::JSON::Array::Ptr people = new Poco::JSON::Array;
    for (const auto& p : s.suggestions) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
        item->set("state", p.state);
        item->set("code", p.code);
        item->set("name", p.name);
        item->set("why_zh", p.why.zh);
        item->set("why_en", p.why.en);
        people->add(item);
    }
    d->set("try", people);
    root->set("demo", d);
    return root;
}

void printSetup(CommandContext& ctx, const std::string& file, const services::SetupReport& setup) {
    ctx.out << ctx.say("数据库：", "Database: ") << file << '\n';
    ctx.out << ctx.say("课程版本：\n", "Course versions:\n");
    TextTable table(
        {ctx.say("课程", "COURSE"), ctx.say("版本", "VERSION"), ctx.say("内容哈希", "HASH"), ""});
    for (const auto& v : setup.versions)
        table.add({v.courseId, v.version, v.hash.substr(0, 12),
                   v.added ? ctx.say("已保存", "kept") : ctx.say("已存在", "already there")});
    table.print(ctx.out);
    ctx.out << ctx.say("区级根节点：", "District root: ") << services::kDistrictName << " ("
            << services::kDistrictCode << ") "
            << (setup.districtCreated ? ctx.say("已创建", "created")
                                      : ctx.say("已存在", "already there"))
            << '\n';
    if (setup.credentialRecords > 0)
        ctx.out << ctx.say("已把较早签发的证书记入学员的记录：",
                           "Certificates issued before they were "
                           "recorded as evidence, recorded: ")
                << setup.credentialRecords << '\n';
}

void printDemo(CommandContext& ctx, const DemoRun& demo, std::int32_t today) {
    const auto& s = demo.summary;
    const auto& o = demo.outcome;
    const std::string day = formatDay(today);
    const std::string n = std::to_string(s.cohorts);
    if (ctx.zh()) {
        ctx.out << "\n演示区（种子 " << demo.seed << "，以 " << day << " 为今天，用时 "
                << fixed(demo.seconds, 2) << " 秒）：\n"
                << "  区划    " << s.streets << " 个镇街，" << s.communities << " 个社区，"
                << s.grids << " 个网格\n"
                << "  人员    " << s.people << " 人：社工岗 " << s.socialWorkers << "，两委成员 "
                << s.committeeMembers << "，治理专干 " << s.governanceOfficers << "，培训师 "
                << s.trainers << "；其中党务工作者 " << s.partyAffairs
                << "\n          社区工作者平均年龄 " << fixed(s.averageAge, 2) << " 岁，本科及以上 "
                << fixed(100 * s.degreeShare, 1) << "%\n"
                << "  培训    头雁领航·雏雁丰羽 " << n << " 期（TY-1 至 TY-" << n << "）：报名 "
                << s.enrollments << " 人次，场次 " << s.sessions << "（尚未开始 " << s.sessionsAhead
                << "）\n"
                << "  证据    " << s.evidence << " 条\n"
                << "对照区里的通报：\n"
                << "  社工师证  " << o.nationalHolders << "/" << o.socialWorkers
                << " 个社工岗持有有效的国家证书（" << percent(o.nationalHolders, o.socialWorkers)
                << "%）\n"
                << "  持证上岗  " << o.licensed << "/" << o.partyAffairs
                << " 名党务工作者已取得（其中 " << o.licensedByEquivalence
                << " 人由国家证书等同认定）；" << o.inTraining << " 人正在第 " << n << " 期培训\n"
                << "可以查看这些人（yanzhen progress 工号 --date " << day << "）：\n";
    } else {
        ctx.out << "\nDemo district (seed " << demo.seed << ", as of " << day << ", written in "
                << fixed(demo.seconds, 2) << " s):\n"
                << "  org units  " << s.streets << " towns and streets, " << s.communities
                << " communities, " << s.grids << " grids\n"
                << "  people     " << s.people << ": " << s.socialWorkers << " social workers, "
                << s.committeeMembers << " committee members, " << s.governanceOfficers
                << " governance officers, " << s.trainers << " trainers; " << s.partyAffairs
                << " of them party-affairs workers\n"
                << "             community workers' average age " << fixed(s.averageAge, 2) << ", "
                << fixed(100 * s.degreeShare, 1) << "% with a bachelor's degree or more\n"
                << "  cohorts    " << n << " of touyan-linghang (TY-1 to TY-" << n
                << "): " << s.enrollments << " enrollments, " << s.sessions << " sessions ("
                << s.sessionsAhead << " still to come)\n"
                << "  evidence   " << s.evidence << " rows\n"
                << "Against the district's report:\n"
                << "  national certificate  " << o.nationalHolders << " of " << o.socialWorkers
                << " social-worker posts hold one in force ("
                << percent(o.nationalHolders, o.socialWorkers) << "%)\n"
                << "  licence to practise   " << o.licensed << " of " << o.partyAffairs
                << " party-affairs workers (" << o.licensedByEquivalence
                << " through the national certificate); " << o.inTraining
                << " still training in cohort " << n << "\n"
                << "People to try (yanzhen progress STAFF-NUMBER --date " << day << "):\n";
    }
    TextTable table(
        {ctx.say("工号", "STAFF NO."), ctx.say("姓名", "NAME"), ctx.say("为什么", "WHY")});
    for (const auto& p : s.suggestions)
        table.add({p.code, p.name, p.why.in(ctx.lang)});
    table.print(ctx.out);
}

} // namespace

int runInitCommand(CommandContext& ctx) {
    if (ctx.help()) {
        printUsage(ctx);
        return kExitOk;
    }
    if (!ctx.args.empty()) {
        ctx.err << ctx.say("init 不接受参数：", "init takes no arguments: ") << ctx.args.front()
                << '\n';
        printUsage(ctx);
        return kExitUsage;
    }
    const bool demo = ctx.has("demo");
    std::uint64_t seed = 1;
    if (ctx.has("seed")) {
        const std::string text = ctx.value("seed");
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
        if (!demo || ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
            ctx.err << ctx.say("--seed 需要与 --demo 一起使用，且应为非负整数\n",
                               "--seed goes with --demo and must be a whole number of 0 or more\n");
            return kExitUsage;
        }
    }
    const std::int32_t today = ctx.today();

    auto& courses = ctx.app.getSubsystem<CourseSubsystem>();
    const auto& catalog = courses.catalog();
    for (const auto& f : catalog.failures())
        ctx.err << displayPath(f.file) << ": " << f.diagnostics.size()
                << ctx.say(" 个错误，未保存（运行 yanzhen courses check 查看）\n",
                           " error(s), not kept (see yanzhen courses check)\n");
    std::shared_ptr<const courses::Course> course;
    if (demo) {
        course = catalog.find(demo::kDemoCourse);
        if (!course) {
            ctx.err << ctx.say("演示数据需要课程 ", "the demo needs the course ")
                    << demo::kDemoCourse
                    << ctx.say("，课程目录中没有找到它（见 yanzhen courses list）\n",
                               ", which is not in the course folders (see yanzhen courses list)\n");
            return kExitFailure;
        }
    }

    auto& storeSubsystem = ctx.app.getSubsystem<StoreSubsystem>();
    services::Store& records = storeSubsystem.store();
    // The certificate signing key, outside the database (0600): made once, never replaced.
    const auto keyFile = signingKeyFile(ctx);
    bool keyCreated = false;
    std::string keyId;
    try {
        keyId = services::SigningKey::ensure(keyFile, &keyCreated).publicKey().id();
    } catch (const services::SigningKeyError& e) {
        ctx.err << "yanzhen init: " << e.what() << '\n';
        return kExitFailure;
    }
    services::SetupReport setup;
    std::optional<DemoRun> run;
    const auto started = std::chrono::steady_clock::now();
    try {
        records.write(ctx.actor(), [&](services::WriteUnit& unit) {
            setup = services::prepareDatabase(unit, courses.versions(), catalog);
            if (demo) {
                run.emplace();
                run->seed = seed;
                run->summary =
                    demo::populateDemo(unit, setup.district, *course, course->hash, {seed, today});
            }
        });
    } catch (const demo::DemoRefused& e) {
        ctx.err << "yanzhen init: " << e.text.in(ctx.lang) << '\n';
        return kExitFailure;
    }
    std::vector<demo::DemoLogin> logins;
    demo::DemoCredentialSummary credentials;
    if (run) {
        run->seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        run->outcome = demo::evaluateDemo(records, courses.versions(), today);
        credentials = demo::issueDemoCredentials(records, courses.versions(), keyFile, ctx.actor(),
                                                 run->summary, today);
        services::LoginThrottle throttle;
        services::AccountService accounts(records, throttle);
        for (const auto& p : run->summary.suggestions)
            if (p.state == "in_progress")
                logins = demo::createDemoLogins(records, accounts, p.code, credentials.holderCode,
                                                ctx.actor());
    }

    const std::string file = displayPath(storeSubsystem.file());
    if (ctx.json()) {
        auto root = toJson(file, setup, run, today);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& l : logins) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("username", l.username);
            o->set("password", l.password);
            o->set("role", l.role);
            if (!l.personCode.empty()) o->set("worker", l.personCode);
            list->add(o);
        }
        if (run) root->set("logins", list);
        Poco::JSON::Object::Ptr key = new Poco::JSON::Object;
        key->set("file", displayPath(keyFile));
        key->set("key_id", keyId);
        key->set("created", keyCreated);
        root->set("signing_key", key);
        if (run) {
            Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
            c->set("issued", static_cast<Poco::UInt64>(credentials.issued));
            c->set("valid", static_cast<Poco::UInt64>(credentials.valid));
            c->set("expiring", static_cast<Poco::UInt64>(credentials.expiring));
            c->set("revoked", static_cast<Poco::UInt64>(credentials.revoked));
            c->set("superseded", static_cast<Poco::UInt64>(credentials.superseded));
            root->getObject("demo")->set("credentials", c);
        }
        root->stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    printSetup(ctx, file, setup);
    if (run) printDemo(ctx, *run, today);
    ctx.out << ctx.say("证书签名密钥：", "Certificate signing key: ") << displayPath(keyFile)
            << " (" << keyId << ", "
            << (keyCreated ? ctx.say("已创建", "created") : ctx.say("已存在", "already there"))
            << ")\n";
    if (run)
        ctx.out << ctx.say("证书：已发 ", "Certificates: ") << credentials.issued
                << ctx.say(" 张，有效 ", " issued, ") << credentials.valid
                << ctx.say("（其中 90 天内到期 ", " in force (") << credentials.expiring
                << ctx.say("），已撤销 ", " expiring within 90 days), ") << credentials.revoked
                << ctx.say("，已被取代 ", " revoked, ") << credentials.superseded
                << ctx.say("\n", " superseded\n");
    if (!logins.empty()) {
        ctx.out << ctx.say("演示账号（仅用于演示数据）：\n",
                           "Demo logins (for the demo data only):\n");
        for (const auto& l : logins)
            ctx.out << "  " << l.username << " / " << l.password << "  (" << l.role
                    << (l.personCode.empty() ? "" : ", " + l.personCode + " " + l.personName)
                    << ")\n";
    }
    return kExitOk;
}

} // namespace yanzhen::app
