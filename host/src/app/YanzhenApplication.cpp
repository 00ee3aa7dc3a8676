#include "YanzhenApplication.hpp"

#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "PluginSubsystem.hpp"
#include "Terminal.hpp"

#include "plugins/PluginCheck.hpp"

#include <yanzhen/abi.h>

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>

#ifndef YANZHEN_VERSION
#define YANZHEN_VERSION "0.0.0"
#endif

namespace yanzhen::app {

YanzhenApplication::YanzhenApplication() {
    // Registration order is initialization order; uninitialization runs in reverse, so the
    // plugins (registered first) are the last to go.
    addSubsystem(new PluginSubsystem);
    addSubsystem(new CourseSubsystem);
    setUnixOptions(true);
}

void YanzhenApplication::initialize(Poco::Util::Application& self) {
    // Folders from the command line override the configuration file: they are set last.
    for (const auto& [property, dirs] : folderOptions_) {
        std::string joined;
        for (const auto& d : dirs) joined += (joined.empty() ? "" : ";") + std::filesystem::absolute(d).string();
        config().setString(property, joined);
    }
    ServerApplication::initialize(self);
}

void YanzhenApplication::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show help (after a verb: that verb's help)"));
    options.addOption(Poco::Util::Option("version", "", "print the version"));
    options.addOption(Poco::Util::Option("json", "", "print data as JSON"));
    options.addOption(
        Poco::Util::Option("lang", "", "language of messages: zh or en").argument("LANG"));
    options.addOption(Poco::Util::Option("plugins-dir", "", "a folder to load plugins from (repeatable)")
                          .argument("DIR")
                          .repeatable(true));
    options.addOption(Poco::Util::Option("courses-dir", "", "a folder to load course files from (repeatable)")
                          .argument("DIR")
                          .repeatable(true));
    options.addOption(
        Poco::Util::Option("config-file", "", "read settings from a properties file").argument("FILE"));
}

void YanzhenApplication::handleOption(const std::string& name, const std::string& value) {
    ServerApplication::handleOption(name, value);
    if (name == "help") help_ = true;
    else if (name == "version") version_ = true;
    else if (name == "json") json_ = true;
    else if (name == "lang") lang_ = value;
    else if (name == "plugins-dir") folderOptions_["yanzhen.plugins.dirs"].push_back(value);
    else if (name == "courses-dir") folderOptions_["yanzhen.courses.dirs"].push_back(value);
    else if (name == "config-file") loadConfiguration(std::filesystem::absolute(value).string());
}

void YanzhenApplication::printHelp(const std::string& lang) const {
    const bool zh = lang == "zh";
    std::cout << (zh ? "雁阵（Yanzhen）：社区社会工作者培训与持证管理\n\n"
                       "用法：yanzhen 命令 [子命令] [选项]\n\n"
                       "命令：\n"
                       "  plugins list          列出插件及其状态、被拒绝的原因\n"
                       "  plugins check 文件    在子进程中试加载一个插件\n"
                       "  courses list          列出课程（版本、内容哈希、模块）\n"
                       "  courses check [文件]  检查课程文件，报告每个错误的行和列\n"
                       "  courses show ID       显示课程的模块、场次模板和要求树\n\n"
                       "通用选项：\n"
                       "  --help                显示帮助；放在命令后显示该命令的帮助\n"
                       "  --json                以 JSON 输出数据\n"
                       "  --lang=zh|en          消息语言（默认取自 LANG）\n"
                       "  --plugins-dir=目录    插件目录（可重复）\n"
                       "  --courses-dir=目录    课程目录（可重复）\n"
                       "  --config-file=文件    读取配置文件（properties 格式）\n"
                       "  --version             显示版本\n\n"
                       "退出码：0 成功，1 失败，2 用法错误。\n"
                     : "Yanzhen: training and licensing of community social workers\n\n"
                       "Usage: yanzhen COMMAND [SUBCOMMAND] [OPTIONS]\n\n"
                       "Commands:\n"
                       "  plugins list          list the plugins, their status and why any was refused\n"
                       "  plugins check FILE    try loading one plugin in a child process\n"
                       "  courses list          list the courses (version, content hash, modules)\n"
                       "  courses check [FILE]  check course files; every error with its line and column\n"
                       "  courses show ID       show a course's modules, session templates and requirements\n\n"
                       "Common options:\n"
                       "  --help                show help; after a command, that command's help\n"
                       "  --json                print data as JSON\n"
                       "  --lang=zh|en          language of messages (default: from LANG)\n"
                       "  --plugins-dir=DIR     a plugin folder (repeatable)\n"
                       "  --courses-dir=DIR     a course folder (repeatable)\n"
                       "  --config-file=FILE    read settings from a properties file\n"
                       "  --version             print the version\n\n"
                       "Exit codes: 0 success, 1 failure, 2 bad usage.\n");
}

int YanzhenApplication::main(const std::vector<std::string>& args) {
    plugins::restoreDefaultCrashSignals();
    const std::string lang = pickLanguage(lang_);
    if (version_) {
        std::cout << "yanzhen " << YANZHEN_VERSION << " (plugin ABI " << YANZHEN_ABI_MAJOR << "." << YANZHEN_ABI_MINOR
                  << ")\n";
        return kExitOk;
    }
    if (args.empty()) {
        printHelp(lang);
        return help_ ? kExitOk : kExitUsage;
    }
    CommandContext ctx{*this, std::vector<std::string>(args.begin() + 1, args.end()), lang, json_, help_,
                       std::cout, std::cerr};
    const std::string& verb = args[0];
    if (verb == "plugins") return runPluginsCommand(ctx);
    if (verb == "courses") return runCoursesCommand(ctx);
    if (verb == "help") {
        printHelp(lang);
        return kExitOk;
    }
    std::cerr << (lang == "zh" ? "未知的命令：" : "unknown command: ") << verb << '\n';
    printHelp(lang);
    return kExitUsage;
}

} // namespace yanzhen::app
