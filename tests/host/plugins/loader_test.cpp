// The loader against plugins built broken on purpose (fixtures/): each is refused with a
// one-line reason, and the process that tried goes on.

#include "plugins/ModuleInstance.hpp"
#include "plugins/PluginLoader.hpp"
#include "plugins/PluginRegistry.hpp"

#include <yanzhen/testing.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace yanzhen::plugins;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string& name) {
    return fs::path(YANZHEN_FIXTURE_DIR) / name / (name + ".so");
}

/// The refusal for `name`, or a test failure when it loaded.
Refusal refusalOf(const std::string& name) {
    auto outcome = loadPlugin(fixture(name));
    if (auto* r = std::get_if<Refusal>(&outcome)) return *r;
    ADD_FAILURE() << name << " was loaded but should have been refused";
    return {};
}

struct RefusalCase {
    std::string fixture;
    std::string expected; ///< a part of the English reason
};

class RefusedPlugin : public ::testing::TestWithParam<RefusalCase> {};

} // namespace

TEST_P(RefusedPlugin, IsRefusedWithOneLineSayingWhatWasFoundAndExpected) {
    const auto& c = GetParam();
    const Refusal r = refusalOf(c.fixture);
    const std::string line = r.line("en");
    EXPECT_NE(line.find(c.expected), std::string::npos) << line;
    EXPECT_NE(line.find(c.fixture + ".so"), std::string::npos) << "names the file: " << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "one line: " << line;
    EXPECT_FALSE(r.reason.zh.empty());
    EXPECT_EQ(line.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, RefusedPlugin,
    ::testing::Values(
        RefusalCase{"not_a_library", "not a shared object; expected an ELF shared library"},
        RefusalCase{"no_entry",
                    "no entry point: section 'yanzhen' has no symbol yanzhen_plugin_entry_v1"},
        RefusalCase{"static_crash", "no entry point"},
        RefusalCase{"abi_major_2",
                    "exports yanzhen_plugin_entry_v2 (ABI major 2); this host speaks ABI 1.1"},
        RefusalCase{"abi_minor_newer", "ABI 1.4 is newer than this host's 1.1"},
        RefusalCase{"struct_too_small", "struct yz_plugin is 8 bytes; expected at least"},
        RefusalCase{"missing_function", "required function 'evaluate' is missing"},
        RefusalCase{"entry_null", "the entry point returned no plugin"},
        RefusalCase{"entry_throws",
                    "the entry point returned no plugin: entry point failed: boom in info"},
        RefusalCase{
            "manifest_mismatch",
            "the manifest says manifest_mismatch 9.9.9, the library says manifest_mismatch 0.1.0"},
        RefusalCase{"manifest_abi", "the manifest says ABI 2.0, the library speaks ABI 1.1"}),
    [](const auto& info) { return info.param.fixture; });

TEST(Loader, AHealthyPluginLoadsWithItsDeclarations) {
    auto outcome = loadPlugin(fixture("probe"));
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const LoadedPlugin>>(outcome))
        << std::get<Refusal>(outcome).line("en");
    const auto& p = *std::get<std::shared_ptr<const LoadedPlugin>>(outcome);
    EXPECT_EQ(p.info.id, "probe");
    EXPECT_EQ(p.manifest.version, p.info.version);
    EXPECT_EQ(p.abiMajor, 1U);
    ASSERT_EQ(p.info.leaves.size(), 1U);
    EXPECT_EQ(p.info.leaves[0].id, "count");
}

TEST(Loader, MissingManifestIsNamed) {
    const Refusal r = [] {
        auto outcome = loadPlugin(fs::path(YANZHEN_FIXTURE_DIR) / "probe" / "missing.so");
        return std::get<Refusal>(outcome);
    }();
    EXPECT_NE(r.line("en").find("no manifest file"), std::string::npos) << r.line("en");
    EXPECT_NE(r.line("en").find("missing.plugin.json"), std::string::npos) << r.line("en");
}

TEST(Registry, LoadsTheGoodAndRefusesTheRestWithoutStopping) {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(YANZHEN_FIXTURE_DIR))
        if (entry.path().filename() != "entry_crash")
            folders.push_back(entry.path()); // that one would kill us
    std::sort(folders.begin(), folders.end());
    PluginRegistry registry;
    registry.discover(folders);
    std::vector<std::string> ids;
    for (const auto& p : registry.plugins())
        ids.push_back(p->info.id);
    std::sort(ids.begin(), ids.end());
    // abi_1_0 is a plugin built against the first ABI: older, and still loaded
    EXPECT_EQ(ids, (std::vector<std::string>{"abi_1_0", "dup", "probe", "throwing"}));
    EXPECT_EQ(registry.refusals().size(), 12U); // eleven broken fixtures and the second "dup"
    EXPECT_NE(registry.find("probe"), nullptr);
    EXPECT_EQ(registry.find("no_entry"), nullptr);
}

TEST(Registry, ASecondPluginWithTheSameIdIsRefusedNamingTheFirst) {
    PluginRegistry registry;
    registry.discover({fs::path(YANZHEN_FIXTURE_DIR) / "duplicates"});
    ASSERT_EQ(registry.plugins().size(), 1U);
    EXPECT_EQ(registry.plugins()[0]->file.filename(), "dup_a.so");
    ASSERT_EQ(registry.refusals().size(), 1U);
    const std::string line = registry.refusals()[0].line("en");
    EXPECT_NE(line.find("plugin 'dup'"), std::string::npos) << line;
    EXPECT_NE(line.find("dup_b.so"), std::string::npos) << line;
    EXPECT_NE(line.find("id is already taken by"), std::string::npos) << line;
    EXPECT_NE(line.find("dup_a.so"), std::string::npos) << line;
}

// A folder listed before the built-in one cannot displace a built-in plugin by taking its id:
// the built-in folder loads first wherever it is listed, and the other is refused, naming it.
TEST(Registry, ABuiltInPluginsIdIsReservedWhereverItsFolderIsListed) {
    const fs::path builtIn = fs::path(YANZHEN_FIXTURE_DIR) / "duplicates";
    struct Folder {
        fs::path path =
            fs::temp_directory_path() / ("yanzhen-reserved-" + std::to_string(::getpid()));
        Folder() { fs::create_directories(path); }
        ~Folder() { fs::remove_all(path); }
    } other;
    fs::copy_file(builtIn / "dup_b.so", other.path / "dup_b.so");
    fs::copy_file(builtIn / "dup_b.plugin.json", other.path / "dup_b.plugin.json");
    PluginRegistry registry;
    registry.discover({other.path, builtIn}, builtIn);
    ASSERT_EQ(registry.plugins().size(), 1U);
    EXPECT_EQ(registry.plugins()[0]->file.parent_path(), builtIn);
    EXPECT_EQ(registry.plugins()[0]->file.filename(), "dup_a.so");
    ASSERT_EQ(registry.refusals().size(), 2U); // the other folder's, and dup_b beside dup_a
    const auto refusalOf = [&](const fs::path& file) {
        for (const auto& r : registry.refusals())
            if (r.file == file) return r.line("en");
        return std::string("(no refusal)");
    };
    const std::string line = refusalOf(other.path / "dup_b.so");
    EXPECT_NE(line.find("reserved for the built-in plugin"), std::string::npos) << line;
    EXPECT_NE(line.find((builtIn / "dup_a.so").string()), std::string::npos) << line;
    EXPECT_NE(refusalOf(builtIn / "dup_b.so").find("already taken by"), std::string::npos);

    // Without a built-in folder named, the first folder listed wins, as before.
    PluginRegistry plain;
    plain.discover({other.path, builtIn});
    ASSERT_FALSE(plain.plugins().empty());
    EXPECT_EQ(plain.plugins()[0]->file.parent_path(), other.path);
}

TEST(Registry, AMissingFolderIsSkipped) {
    PluginRegistry registry;
    registry.discover({fs::path(YANZHEN_FIXTURE_DIR) / "no-such-folder"});
    EXPECT_TRUE(registry.plugins().empty());
    EXPECT_TRUE(registry.refusals().empty());
}

TEST(Lifetime, AnInstanceOutlivesTheRegistryAndStillWorks) {
    std::shared_ptr<ModuleInstance> instance;
    int leaf = -1;
    {
        auto registry = std::make_unique<PluginRegistry>();
        registry->discover({fs::path(YANZHEN_FIXTURE_DIR) / "probe"});
        ASSERT_EQ(registry->plugins().size(), 1U);
        DiagnosticList diags;
        instance = ModuleInstance::create(registry->find("probe"),
                                          yanzhen::testing::Node::parse("{}").c(), diags);
        ASSERT_NE(instance, nullptr);
        leaf = instance->compileLeaf("count", yanzhen::testing::Node::parse("{min: 0}").c(), diags);
        ASSERT_GE(leaf, 0);
    } // the registry, and its references to the library, are gone
    const yz_eval_input input{sizeof(yz_eval_input), 0, 1, nullptr, 0};
    const std::int32_t leaves[] = {leaf};
    const auto results = instance->evaluate(input, leaves);
    ASSERT_EQ(results.size(), 1U);
    EXPECT_TRUE(results[0].met);
    EXPECT_EQ(results[0].sentence.en,
              "ticks 0"); // a string made by the library's code, still mapped
    EXPECT_EQ(instance->plugin().info.id, "probe");
}

TEST(GuardedCalls, EveryThrowingCallbackBecomesAnErrorAndTheHostGoesOn) {
    auto outcome = loadPlugin(fixture("throwing"));
    const auto plugin = std::get<std::shared_ptr<const LoadedPlugin>>(outcome);
    using yanzhen::testing::Node;
    DiagnosticList diags;
    for (const auto& [where, message] : std::vector<std::pair<std::string, std::string>>{
             {"create", "plugin 'throwing': boom in createModule"},
             {"create_int", "plugin 'throwing': unknown exception"}}) {
        try {
            ModuleInstance::create(plugin, Node::parse("{throw_in: " + where + "}").c(), diags);
            ADD_FAILURE() << where << " did not fail";
        } catch (const PluginCallError& e) {
            EXPECT_EQ(std::string(e.what()), message);
        }
    }
    auto compiling = ModuleInstance::create(plugin, Node::parse("{throw_in: compile}").c(), diags);
    EXPECT_THROW(compiling->compileLeaf("any", Node::parse("{}").c(), diags), PluginCallError);

    const yz_eval_input input{sizeof(yz_eval_input), 0, 1, nullptr, 0};
    auto evaluating =
        ModuleInstance::create(plugin, Node::parse("{throw_in: evaluate}").c(), diags);
    const std::int32_t leaves[] = {evaluating->compileLeaf("any", Node::parse("{}").c(), diags)};
    EXPECT_THROW(evaluating->evaluate(input, leaves), PluginCallError);
    auto ranking = ModuleInstance::create(plugin, Node::parse("{throw_in: rank}").c(), diags);
    try {
        ranking->rank("contest", input);
        ADD_FAILURE() << "rank did not fail";
    } catch (const PluginCallError& e) {
        EXPECT_EQ(std::string(e.what()), "plugin 'throwing': boom in rank");
    }
    // After all that, the same plugin still answers.
    auto fine = ModuleInstance::create(plugin, Node::parse("{throw_in: nowhere}").c(), diags);
    const std::int32_t fineLeaves[] = {fine->compileLeaf("any", Node::parse("{}").c(), diags)};
    EXPECT_TRUE(fine->evaluate(input, fineLeaves).at(0).met);
    EXPECT_TRUE(diags.empty());
}
