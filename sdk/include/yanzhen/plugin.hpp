/// \file yanzhen/plugin.hpp
/// The C++ layer plugin authors write against. A plugin is two ordinary classes:
///
///   class MyModule : public yanzhen::Module { ... };   // one course module's parsed config
///   class MyPlugin : public yanzhen::Plugin { ... };   // who it is, and how to make modules
///   YANZHEN_PLUGIN(MyPlugin)                             // last line of the main .cpp
///
/// The macro exports the single entry point the host looks for and turns the classes into
/// the C function table of <yanzhen/abi.h>. Every exception thrown by plugin code is caught
/// at that boundary and reported to the host as an error naming the plugin; none crosses it.
/// See sdk/README.md for a worked example.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/config.hpp>
#include <yanzhen/config_rules.hpp>
#include <yanzhen/date.hpp>
#include <yanzhen/detail/info_storage.hpp>
#include <yanzhen/evidence.hpp>
#include <yanzhen/schema.hpp>
#include <yanzhen/text.hpp>

#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen {

/// One course module, configured: the plugin's parsed form of the module's `config`, and the
/// leaves compiled against it. Created once per course load; evaluated many times, possibly
/// from several threads at once, so evaluate() and rank() must not modify the module.
class Module {
public:
    virtual ~Module() = default;

    /// Compiles a leaf of type `type` (one the plugin declared; its configuration has already
    /// been checked against the declared schema). Reports problems to `diags`. Returns the
    /// handle evaluate() will be called with.
    virtual int compileLeaf(std::string_view type, const Config& config, Diagnostics& diags) = 0;

    /// Evaluates one compiled leaf for input.worker() on input.today(). Deterministic.
    virtual LeafResult evaluate(int leaf, const EvaluationInput& input) const = 0;

    /// Ranks the entrants of `ref` (a contest) from a cohort's rows. Only modules with
    /// cohort-scope leaves need it.
    virtual std::vector<Standing> rank(std::string_view ref, const EvaluationInput& input) const {
        (void)input;
        throw std::logic_error("this module does not rank entrants of '" + std::string(ref) + "'");
    }
};

/// The plugin: what it declares, and a factory for configured modules.
class Plugin {
public:
    virtual ~Plugin() = default;

    /// Who the plugin is, what evidence it accepts and which leaves it evaluates. Called once.
    virtual PluginInfo info() const = 0;

    /// Validates a course module's `config` and parses it into a Module. Reports every problem
    /// to `diags` with its path (e.g. "rubrics.std.criteria[4].max"); the return value is
    /// ignored when `diags` holds an error. Parsing and validating are one step on purpose:
    /// the parsed form is the proof that the configuration is valid.
    virtual std::unique_ptr<Module> createModule(const Config& config,
                                                 Diagnostics& diags) const = 0;
};

} // namespace yanzhen

/// The plugin's side of the opaque instance handle.
struct yz_instance {
    std::unique_ptr<yanzhen::Module> module;
};

namespace yanzhen::detail {

inline void reportError(const yz_error_sink* sink, std::string_view message) {
    if (sink != nullptr && sink->error != nullptr) sink->error(sink->context, borrow(message));
}

inline void forward(const Diagnostics& diags, const yz_diag_sink* sink) {
    if (sink == nullptr || sink->report == nullptr) return;
    for (const auto& d : diags.items())
        sink->report(sink->context, d.error ? YZ_ERROR : YZ_WARNING, borrow(d.path),
                     borrow(d.message.zh), borrow(d.message.en));
}

/// Turns a Plugin class into the ABI's function table. One per plugin class and library.
template <class P> class Bridge {
public:
    static const yz_plugin* entry(const yz_host* host) noexcept {
        try {
            return &state().table;
        } catch (const std::exception& e) {
            reportError(host != nullptr ? host->log : nullptr,
                        std::string("entry point failed: ") + e.what());
        } catch (...) {
            reportError(host != nullptr ? host->log : nullptr,
                        "entry point failed: unknown exception");
        }
        return nullptr;
    }

private:
    struct State {
        P plugin;
        InfoStorage storage{plugin.info()};
        yz_plugin table{sizeof(yz_plugin), YANZHEN_ABI_MAJOR, YANZHEN_ABI_MINOR,
                        storage.c(),       &Bridge::create,   &Bridge::destroy,
                        &Bridge::compile,  &Bridge::evaluate, &Bridge::rank};
    };
    // Built on the first entry call; if building throws, the next call tries again.
    static State& state() {
        static State s;
        return s;
    }

    template <class F> static std::uint32_t guarded(const yz_error_sink* err, F&& body) noexcept {
        try {
            body();
            return YZ_OK;
        } catch (const std::exception& e) {
            reportError(err, "plugin '" + state().storage.info().id + "': " + e.what());
        } catch (...) {
            reportError(err, "plugin '" + state().storage.info().id + "': unknown exception");
        }
        return YZ_FAILED;
    }

    static yz_instance* create(const yz_node* config, const yz_diag_sink* diags,
                               const yz_error_sink* err) noexcept {
        yz_instance* out = nullptr;
        guarded(err, [&] {
            Diagnostics d;
            auto module = state().plugin.createModule(Config(config, ""), d);
            forward(d, diags);
            if (d.hasErrors()) return;
            if (!module)
                throw std::logic_error("createModule returned no module and reported no error");
            out = new yz_instance{std::move(module)};
        });
        return out;
    }

    static void destroy(yz_instance* instance) noexcept {
        try {
            delete instance;
        } catch (...) { // a destructor that throws must not cross the boundary
        }
    }

    static std::int32_t compile(yz_instance* instance, yz_str type, const yz_node* config,
                                const yz_diag_sink* diags, const yz_error_sink* err) noexcept {
        std::int32_t handle = -1;
        guarded(err, [&] {
            const PluginInfo& info = state().storage.info();
            Diagnostics d;
            const LeafType* leaf = info.leaf(view(type));
            if (leaf == nullptr) {
                std::vector<std::string> known;
                for (const auto& l : info.leaves)
                    known.push_back(l.id);
                const std::string name(view(type));
                d.error("", withDidYouMean(
                                Text{"插件“" + info.id + "”没有叶子类型“" + name + "”",
                                     "plugin '" + info.id + "' has no leaf type '" + name + "'"},
                                name, known));
            } else {
                const Config c(config, "");
                checkAgainst(c, leaf->config, d);
                if (!d.hasErrors()) {
                    const int h = instance->module->compileLeaf(leaf->id, c, d);
                    if (!d.hasErrors()) handle = h;
                }
            }
            forward(d, diags);
        });
        return handle;
    }

    static std::uint32_t evaluate(yz_instance* instance, const yz_eval_input* input,
                                  const std::int32_t* leaves, std::uint32_t leafCount,
                                  const yz_result_sink* results,
                                  const yz_error_sink* err) noexcept {
        return guarded(err, [&] {
            const EvaluationInput in(input);
            for (std::uint32_t i = 0; i < leafCount; ++i) {
                const LeafResult r =
                    static_cast<const Module&>(*instance->module).evaluate(leaves[i], in);
                const yz_leaf_result c{sizeof(yz_leaf_result),
                                       r.met ? 1U : 0U,
                                       r.have,
                                       r.need,
                                       borrow(r.unit),
                                       borrow(r.sentence.zh),
                                       borrow(r.sentence.en),
                                       r.holdsUntil < in.today() ? in.today() : r.holdsUntil};
                results->leaf(results->context, leaves[i], &c);
            }
        });
    }

    static std::uint32_t rank(yz_instance* instance, yz_str ref, const yz_eval_input* input,
                              const yz_standing_sink* out, const yz_error_sink* err) noexcept {
        return guarded(err, [&] {
            const auto standings = static_cast<const Module&>(*instance->module)
                                       .rank(view(ref), EvaluationInput(input));
            for (const auto& s : standings) {
                const yz_standing c{sizeof(yz_standing), s.worker,           s.place, s.score,
                                    borrow(s.detail.zh), borrow(s.detail.en)};
                out->standing(out->context, &c);
            }
        });
    }
};

} // namespace yanzhen::detail

static_assert(YANZHEN_ABI_MAJOR == 1,
              "a new ABI major renames the entry symbol: update YANZHEN_PLUGIN");

/// Exports `PluginClass` as this library's plugin. Write it once, as the last line of the
/// plugin's main .cpp. The symbol goes into its own section so the host can find it without
/// running any of the library's code.
#define YANZHEN_PLUGIN(PluginClass)                                                                \
    extern "C" __attribute__((visibility("default"), used, section("yanzhen")))                    \
    const yz_entry_fn yanzhen_plugin_entry_v1 = &::yanzhen::detail::Bridge<PluginClass>::entry;
