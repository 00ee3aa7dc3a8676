#include "YanzhenApplication.hpp"

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "PluginSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"

#include "clock/Clock.hpp"
#include "plugins/PluginCheck.hpp"
#include "services/text/TextRules.hpp"

#include <yanzhen/abi.h>
#include <yanzhen/text.hpp>

#include <Poco/Environment.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>

#ifndef YANZHEN_VERSION
#define YANZHEN_VERSION "0.0.0"
#endif

namespace yanzhen::app {

namespace {

struct Verb {
    const char* name;
    int (*run)(CommandContext&);
    const char* usageZh;
    const char* usageEn;
};

const std::vector<Verb>& verbs() {
    static const std::vector<Verb> all{
        {"serve", runServeCommand,
         "serve [--port N] [--bind 地址]   启动 JSON API 服务（默认 127.0.0.1:8080）",
         "serve [--port N] [--bind ADDR]  serve the JSON API (default 127.0.0.1:8080)"},
        {"init", runInitCommand, "init [--demo] [--seed N]       创建数据库（可选：演示数据）",
         "init [--demo] [--seed N]       create the database (optionally the demo district)"},
        {"plugins", runPluginsCommand,
         "plugins list|check 文件         插件及其状态；在子进程中试加载",
         "plugins list|check FILE        the plugins and their status; try one in a child process"},
        {"courses", runCoursesCommand, "courses list|check|show ID      课程、检查课程文件、要求树",
         "courses list|check|show ID     courses; check course files; a requirement tree"},
        {"workers", runWorkersCommand,
         "workers import|list|show        人员：导入花名册、列表、详情",
         "workers import|list|show       people: import a roster, list, show one"},
        {"cohorts", runCohortsCommand,
         "cohorts create|list|enroll|migrate  期：创建、报名、迁移课程版本",
         "cohorts create|list|enroll|migrate  cohorts: create, enroll, move to a course version"},
        {"sessions", runSessionsCommand,
         "sessions schedule|list|cancel|book|unbook  排课、取消、预约与候补",
         "sessions schedule|list|cancel|book|unbook  schedule, cancel, book seats, waiting lines"},
        {"evidence", runEvidenceCommand,
         "evidence import|record|list    导入、记录、列出出勤和成绩等证据",
         "evidence import|record|list   import, record or list attendance, scores and results"},
        {"users", runUsersCommand,
         "users add|passwd|disable|list|token  账号：创建、改密码、停用、API 令牌",
         "users add|passwd|disable|list|token  accounts: create, set passwords, disable, API "
         "tokens"},
        {"progress", runProgressCommand,
         "progress 人员                  学习进度：各模块进度条和待完成事项",
         "progress WORKER                where a worker stands: a bar per module and what's left"},
        {"certs", runCertsCommand,
         "certs issue|list|show|verify|pdf|revoke|renew|reissue|expiring|pubkey  证书",
         "certs issue|list|show|verify|pdf|revoke|renew|reissue|expiring|pubkey  certificates"},
        {"report", runReportCommand,
         "report licensure [--by street|community|post] [--months N]  持证率",
         "report licensure [--by street|community|post] [--months N]  the licensing figures"},
        {"audit", runAuditCommand, "audit verify|list              核验审计日志的哈希链",
         "audit verify|list              verify the audit log's hash chain"},
        {"backup", runBackupCommand,
         "backup 文件                    在线备份数据库（写入时也一致）",
         "backup FILE                    back up the database online (consistent during writes)"},
    };
    return all;
}

/// Pins the one clock (clock/Clock.hpp) from --date, else from YANZHEN_DATE; false, with a
/// message, when the one given is malformed. `evidence record --date` is the evidence's day, not
/// the clock: a back-dated record keeps the real time of its writing in the audit log.
bool pinClock(CommandContext& ctx, const std::string& verb) {
    std::string text;
    const char* from = "--date";
    if (ctx.has("date") && verb != "evidence") {
        text = ctx.value("date");
    } else if (Poco::Environment::has(clock::kDateVariable)) {
        text = Poco::Environment::get(clock::kDateVariable);
        from = clock::kDateVariable;
    }
    if (text.empty()) return true;
    const auto start = clock::parsePin(text);
    if (!start) {
        ctx.err << from
                << ctx.say(" 应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM（北京时间），实际是“",
                           " must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (Beijing time), found '")
                << text << ctx.say("”\n", "'\n");
        return false;
    }
    clock::pin(*start);
    return true;
}

} // namespace

YanzhenApplication::YanzhenApplication() {
    // Registration order is initialization order; uninitialization runs in reverse, so the
    // courses go before the plugins they run in, and the store goes last.
    addSubsystem(new StoreSubsystem);
    addSubsystem(new PluginSubsystem);
    addSubsystem(new CourseSubsystem);
    setUnixOptions(true);
}

void YanzhenApplication::initialize(Poco::Util::Application& self) {
    // Relative paths mean the folder the program was started in, wherever they were given:
    // with --daemon, Poco has changed the directory to "/" by now.
    const auto fromStart = [this](const std::string& text) {
        const std::filesystem::path path(text);
        return (path.is_absolute() ? path : startDir_ / path).string();
    };
    // Precedence: the command line, then the environment, then the configuration file. Both of
    // the first two are written over the file's value here, so the subsystems read one place.
    auto setting = [&](const std::string& option, const char* env, char envSeparator,
                       const std::string& property) {
        std::vector<std::string> values;
        if (options_.count(option)) {
            values = options_[option];
        } else if (Poco::Environment::has(env)) {
            Poco::StringTokenizer parts(Poco::Environment::get(env), std::string(1, envSeparator),
                                        Poco::StringTokenizer::TOK_TRIM |
                                            Poco::StringTokenizer::TOK_IGNORE_EMPTY);
            values.assign(parts.begin(), parts.end());
        }
        if (values.empty()) return;
        std::string joined;
        for (const auto& v : values)
            joined += (joined.empty() ? "" : ";") + v;
        config().setString(property, joined);
    };
    setting("plugins-dir", "YANZHEN_PLUGINS_DIR", ':', "yanzhen.plugins.dirs");
    setting("courses-dir", "YANZHEN_COURSES_DIR", ':', "yanzhen.courses.dirs");
    setting("db", "YANZHEN_DB", '\0', "yanzhen.db");
    setting("signing-key", "YANZHEN_SIGNING_KEY", '\0', "yanzhen.signing_key");
    setting("public-url", "YANZHEN_PUBLIC_URL", '\0', "yanzhen.public_url");
    // Whichever of the three gave them (the configuration file too), and the default database.
    for (const char* property : {"yanzhen.plugins.dirs", "yanzhen.courses.dirs"}) {
        if (!config().has(property)) continue;
        Poco::StringTokenizer parts(config().getString(property), ";",
                                    Poco::StringTokenizer::TOK_TRIM |
                                        Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        std::string joined;
        for (const auto& part : parts)
            joined += (joined.empty() ? "" : ";") + fromStart(part);
        config().setString(property, joined);
    }
    config().setString("yanzhen.db", fromStart(config().getString("yanzhen.db", "yanzhen.db")));
    if (config().has("yanzhen.signing_key"))
        config().setString("yanzhen.signing_key",
                           fromStart(config().getString("yanzhen.signing_key")));
    ServerApplication::initialize(self);
}

void YanzhenApplication::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    for (const auto& spec : optionSpecs()) {
        Poco::Util::Option option(spec.name, "", spec.helpEn);
        if (spec.argument != nullptr) option.argument(spec.argument);
        option.repeatable(spec.repeatable);
        // `certs pdf SERIAL -o FILE`: the one option people expect a short form of.
        if (std::string(spec.name) == "output") option.shortName("o");
        options.addOption(option);
    }
}

void YanzhenApplication::handleOption(const std::string& name, const std::string& value) {
    ServerApplication::handleOption(name, value);
    options_[name].push_back(value);
    if (name == "config-file") loadConfiguration(std::filesystem::absolute(value).string());
}

void YanzhenApplication::printHelp(const std::string& lang) const {
    const bool zh = lang == "zh";
    std::cout << (zh ? "雁阵（Yanzhen）：社区社会工作者培训与持证管理\n\n用法：yanzhen 命令 "
                       "[子命令] [选项]\n\n命令：\n"
                     : "Yanzhen: training and licensing of community social workers\n\n"
                       "Usage: yanzhen COMMAND [SUBCOMMAND] [OPTIONS]\n\nCommands:\n");
    for (const auto& v : verbs())
        std::cout << "  " << (zh ? v.usageZh : v.usageEn) << '\n';
    std::cout << (zh ? "\n通用选项：\n" : "\nCommon options:\n");
    for (const char* name : {"help", "json", "lang", "db", "date", "plugins-dir", "courses-dir",
                             "config-file", "version"})
        for (const auto& spec : optionSpecs())
            if (std::string(spec.name) == name) {
                const std::string flag = std::string("--") + spec.name +
                                         (spec.argument ? std::string("=") + spec.argument : "");
                std::cout << "  " << flag
                          << std::string(flag.size() < 24 ? 24 - flag.size() : 1, ' ')
                          << spec.helpEn << '\n';
            }
    std::cout << (zh ? "\n每个命令加 --help 查看其用法。退出码：0 成功，1 失败，2 用法错误。\n"
                     : "\nAdd --help after a command for its usage. Exit codes: 0 success, 1 "
                       "failure, 2 bad usage.\n");
}

int YanzhenApplication::main(const std::vector<std::string>& args) {
    plugins::restoreDefaultCrashSignals();
    const std::string lang = pickLanguage(options_.count("lang") ? options_["lang"].back() : "");
    if (options_.count("version")) {
        std::cout << "yanzhen " << YANZHEN_VERSION << " (plugin ABI " << YANZHEN_ABI_MAJOR << "."
                  << YANZHEN_ABI_MINOR << ")\n";
        return kExitOk;
    }
    if (args.empty() || args[0] == "help") {
        printHelp(lang);
        return args.empty() && !options_.count("help") ? kExitUsage : kExitOk;
    }
    CommandContext ctx{*this,     std::vector<std::string>(args.begin() + 1, args.end()),
                       lang,      options_,
                       std::cout, std::cerr};
    for (const auto& v : verbs())
        if (args[0] == v.name) {
            if (!pinClock(ctx, v.name)) return kExitUsage;
            try {
                return v.run(ctx);
            } catch (const services::InvalidText& e) {
                // Typed text the services refuse (a NUL in a name ...): what to fix, in words.
                std::cerr << "yanzhen " << v.name << ": " << e.field << " " << e.why.in(lang)
                          << '\n';
                return kExitUsage;
            } catch (const std::exception& e) {
                // One line, no stack: what failed and why. A bug shows here too, never as a crash.
                std::cerr << "yanzhen " << v.name << ": " << e.what() << '\n';
                return kExitFailure;
            }
        }
    // A typo gets its correction and the way to the list, not the whole help in its face.
    std::vector<std::string> names;
    for (const auto& v : verbs())
        names.emplace_back(v.name);
    std::cerr << withDidYouMean(Text{"未知的命令：" + args[0], "unknown command: " + args[0]},
                                args[0], names)
                     .in(lang)
              << '\n'
              << (lang == "zh" ? "yanzhen --help 列出所有命令\n"
                               : "yanzhen --help lists the commands\n");
    return kExitUsage;
}

} // namespace yanzhen::app
