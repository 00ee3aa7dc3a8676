// `yanzhen plugins list|check` as a person runs them: the real executable, real plugins.

#include "RunCommand.hpp"

#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

using yanzhen::testsupport::lines;
using yanzhen::testsupport::runCommand;
namespace fs = std::filesystem;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
const fs::path kFixtures = YANZHEN_FIXTURE_DIR;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST(CliPlugins, ListFindsTheBuiltPluginsWithoutFlags) {
    const auto r = runCommand(kYanzhen, {"plugins", "list", "--lang=en"}, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "ceremony")) << r.out;
    EXPECT_TRUE(contains(r.out, "Ceremony education")) << r.out;
    EXPECT_FALSE(contains(r.out, "refused")) << r.out;
}

TEST(CliPlugins, ListSpeaksChinese) {
    const auto r = runCommand(kYanzhen, {"plugins", "list", "--lang=zh"}, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "仪式教育")) << r.out;
    EXPECT_TRUE(contains(r.out, "稳定")) << r.out;
}

TEST(CliPlugins, ListJsonCarriesTheEvidenceSchema) {
    const auto r = runCommand(kYanzhen, {"plugins", "list", "--json"}, YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto root = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(root->getArray("refused")->size(), 0U) << r.out;
    const auto plugins = root->getArray("plugins");
    Poco::JSON::Object::Ptr ceremony;
    for (std::size_t i = 0; i < plugins->size(); ++i)
        if (plugins->getObject(i)->getValue<std::string>("id") == "ceremony")
            ceremony = plugins->getObject(i);
    ASSERT_TRUE(ceremony) << r.out;
    const auto kind = ceremony->getArray("evidence_kinds")->getObject(0);
    EXPECT_EQ(kind->getValue<std::string>("id"), "attendance");
    const auto status = kind->getArray("fields")->getObject(0);
    EXPECT_EQ(status->getValue<std::string>("type"), "choice");
    EXPECT_EQ(status->getArray("choices")->size(), 4U);
    EXPECT_EQ(ceremony->getArray("leaves")->getObject(0)->getValue<std::string>("id"), "attend");
}

TEST(CliPlugins, RefusalsAreListedOneLineEachAndTheListStillSucceeds) {
    const auto r =
        runCommand(kYanzhen, {"plugins", "list", "--lang=en",
                              "--plugins-dir=" + (kFixtures / "probe").string(),
                              "--plugins-dir=" + (kFixtures / "abi_minor_newer").string(),
                              "--plugins-dir=" + (kFixtures / "not_a_library").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "probe")) << r.out;
    int refusalLines = 0;
    for (const auto& line : lines(r.out)) {
        if (contains(line, "ABI 1.4 is newer than this host's 1.1")) ++refusalLines;
        if (contains(line, "not a shared object")) ++refusalLines;
    }
    EXPECT_EQ(refusalLines, 2) << r.out;
}

TEST(CliPlugins, CheckSurvivesAPluginThatSegfaultsWhileLoading) {
    const auto r = runCommand(kYanzhen, {"plugins", "check", "--lang=en",
                                         (kFixtures / "entry_crash" / "entry_crash.so").string()});
    EXPECT_EQ(r.exitCode, 1);
    const auto errLines = lines(r.err);
    ASSERT_EQ(errLines.size(), 1U) << r.err;
    EXPECT_TRUE(contains(errLines[0], "entry_crash.so: crashed while loading (SIGSEGV)")) << r.err;
}

TEST(CliPlugins, CheckReportsAGoodPluginAndARefusedOne) {
    const auto good = runCommand(
        kYanzhen, {"plugins", "check", "--lang=en", (kFixtures / "probe" / "probe.so").string()});
    EXPECT_EQ(good.exitCode, 0) << good.err;
    EXPECT_TRUE(contains(good.out, "plugin 'probe' 0.1.0")) << good.out;
    EXPECT_TRUE(contains(good.out, "loads, ABI 1.1")) << good.out;
    const auto bad =
        runCommand(kYanzhen, {"plugins", "check", "--lang=en",
                              (kFixtures / "missing_function" / "missing_function.so").string()});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(contains(bad.err, "required function 'evaluate' is missing")) << bad.err;
}

TEST(CliPlugins, BadUsageExitsWithTwo) {
    EXPECT_EQ(runCommand(kYanzhen, {"plugins", "frobnicate"}).exitCode, 2);
    EXPECT_EQ(runCommand(kYanzhen, {"plugins", "check"}).exitCode, 2);
    EXPECT_EQ(runCommand(kYanzhen, {"--no-such-option"}).exitCode, 2);
    EXPECT_EQ(runCommand(kYanzhen, {"no-such-verb"}).exitCode, 2);
    const auto help = runCommand(kYanzhen, {"--help", "--lang=en"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(contains(help.out, "plugins list")) << help.out;
    const auto verbHelp = runCommand(kYanzhen, {"plugins", "--help", "--lang=zh"});
    EXPECT_EQ(verbHelp.exitCode, 0);
    EXPECT_TRUE(contains(verbHelp.out, "在子进程中加载插件")) << verbHelp.out;
}

TEST(CliPlugins, AMisspeltCommandGetsItsCorrectionNotTheWholeHelp) {
    const auto verb = runCommand(kYanzhen, {"progres", "--lang=en"});
    EXPECT_EQ(verb.exitCode, 2);
    EXPECT_EQ(verb.err, "unknown command: progres; did you mean 'progress'?\n"
                        "yanzhen --help lists the commands\n");
    EXPECT_TRUE(verb.out.empty()) << verb.out;
    const auto zh = runCommand(kYanzhen, {"cohrots", "--lang=zh"});
    EXPECT_EQ(zh.exitCode, 2);
    EXPECT_TRUE(contains(zh.err, "未知的命令：cohrots，是否想写“cohorts”？")) << zh.err;
    // Nothing close: no guess.
    EXPECT_EQ(runCommand(kYanzhen, {"xyzzyplugh", "--lang=en"}).err,
              "unknown command: xyzzyplugh\nyanzhen --help lists the commands\n");
    // A subcommand too, with the verb's usage after it.
    const auto sub = runCommand(kYanzhen, {"plugins", "lsit", "--lang=en"});
    EXPECT_EQ(sub.exitCode, 2);
    EXPECT_TRUE(contains(sub.err, "unknown command: plugins lsit; did you mean 'list'?"))
        << sub.err;
}
