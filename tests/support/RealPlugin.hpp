/// \file RealPlugin.hpp
/// The fixture of a plugin's own tests: the real `<name>.so` of this build, loaded through the
/// host's checked loader (so a plugin the host would refuse fails its tests too), configured
/// with a module config and driven through yanzhen::testing::Harness.
#pragma once

#include "plugins/PluginLoader.hpp"

#include <yanzhen/testing.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace yanzhen::testsupport {

/// Derive a fixture from it and name the plugin and its module config:
///
///   class Ceremony : public RealPluginTest {
///   protected:
///       Ceremony() : RealPluginTest("ceremony", "{ceremonies: {...}}") {}
///   };
///
/// SetUp() loads YANZHEN_PLUGIN_DIR/<name>.so and configures it; when the loader refuses the
/// library the test fails with the refusal's line; a config the plugin refuses fails it with the
/// plugin's messages. A fixture that overrides SetUp() calls this one first.
class RealPluginTest : public ::testing::Test {
protected:
    RealPluginTest(std::string name, std::string moduleConfig)
        : name_(std::move(name)), moduleConfig_(std::move(moduleConfig)) {}

    void SetUp() override {
        auto outcome = yanzhen::plugins::loadPlugin(std::filesystem::path(YANZHEN_PLUGIN_DIR) /
                                                    (name_ + ".so"));
        if (const auto* refusal = std::get_if<yanzhen::plugins::Refusal>(&outcome))
            FAIL() << refusal->line("en");
        plugin_ =
            std::get<std::shared_ptr<const yanzhen::plugins::LoadedPlugin>>(std::move(outcome));
        harness_ = std::make_unique<yanzhen::testing::Harness>(plugin_->table);
        harness_->configure(
            yanzhen::testing::Node::parse(moduleConfig_)); // throws the plugin's messages
    }

    /// The harness over the loaded plugin, configured with the module config.
    yanzhen::testing::Harness& h() { return *harness_; }

private:
    std::string name_;
    std::string moduleConfig_;
    // The library stays loaded for as long as the harness, which calls into it, lives: members
    // are destroyed in reverse order, so the harness goes first.
    std::shared_ptr<const yanzhen::plugins::LoadedPlugin> plugin_;
    std::unique_ptr<yanzhen::testing::Harness> harness_;
};

} // namespace yanzhen::testsupport
