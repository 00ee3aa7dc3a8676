/// \file ModuleInstance.hpp
/// A course module configured inside its plugin, and the host's guarded calls into it.
#pragma once

#include "LoadedPlugin.hpp"

#include <yanzhen/config.hpp>
#include <yanzhen/evidence.hpp>

#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace yanzhen::plugins {

/// A plugin call that failed: the plugin threw (the SDK caught it) or reported a failure.
/// The message names the plugin. The host goes on; the plugin stays loaded.
struct PluginCallError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What configuring a module or compiling a leaf reported. Paths are relative to the node
/// that was handed over.
using DiagnosticList = std::vector<Diagnostic>;

/// One configured module. Holds its plugin, and so its library, for as long as it lives.
/// evaluate() and rank() may be called from several threads at once.
class ModuleInstance {
public:
    /// Configures a module of `plugin` with `config`. Returns null when the configuration has
    /// errors (in `diags`); throws PluginCallError when the plugin fails.
    static std::shared_ptr<ModuleInstance> create(std::shared_ptr<const LoadedPlugin> plugin,
                                                  const yz_node* config, DiagnosticList& diags);
    ~ModuleInstance();
    ModuleInstance(const ModuleInstance&) = delete;
    ModuleInstance& operator=(const ModuleInstance&) = delete;

    const LoadedPlugin& plugin() const { return *plugin_; }

    /// Compiles a leaf; returns its handle, or -1 when its configuration has errors (in
    /// `diags`). Throws PluginCallError when the plugin fails. Not thread-safe: leaves are
    /// compiled while a course loads, before any evaluation.
    int compileLeaf(std::string_view type, const yz_node* config, DiagnosticList& diags);

    /// Evaluates `leaves` for one worker; the results come back in the same order.
    /// Throws PluginCallError when the plugin fails or leaves a leaf unanswered.
    std::vector<LeafResult> evaluate(const yz_eval_input& input,
                                     std::span<const std::int32_t> leaves) const;

    /// Ranks the entrants of `ref`. Throws PluginCallError when the plugin cannot rank.
    std::vector<Standing> rank(std::string_view ref, const yz_eval_input& input) const;

private:
    ModuleInstance(std::shared_ptr<const LoadedPlugin> plugin, yz_instance* instance)
        : plugin_(std::move(plugin)), instance_(instance) {}

    std::shared_ptr<const LoadedPlugin> plugin_;
    yz_instance* instance_;
};

} // namespace yanzhen::plugins
