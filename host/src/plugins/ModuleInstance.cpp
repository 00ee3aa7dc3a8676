#include "ModuleInstance.hpp"

#include <algorithm>

namespace yanzhen::plugins {

namespace {

/// Collects what a plugin reports through the ABI's sinks; the strings are copied at once
/// because they live only for the duration of the callback.
struct Collector {
    explicit Collector(std::string pluginId) : id(std::move(pluginId)) {}

    std::string id;
    DiagnosticList* diags = nullptr;
    std::string error;

    yz_diag_sink diagSink{sizeof(yz_diag_sink), this,
                          [](void* ctx, std::uint32_t severity, yz_str path, yz_str zh, yz_str en) {
                              auto* self = static_cast<Collector*>(ctx);
                              if (self->diags == nullptr) return;
                              self->diags->push_back(
                                  Diagnostic{severity == YZ_ERROR, std::string(view(path)),
                                             Text{std::string(view(zh)), std::string(view(en))}});
                          }};
    yz_error_sink errorSink{sizeof(yz_error_sink), this, [](void* ctx, yz_str message) {
                                static_cast<Collector*>(ctx)->error = std::string(view(message));
                            }};

    [[noreturn]] void fail(const std::string& what) const {
        throw PluginCallError(
            error.empty() ? "plugin '" + id + "': " + what + " failed without a message" : error);
    }
};

} // namespace

std::shared_ptr<ModuleInstance> ModuleInstance::create(std::shared_ptr<const LoadedPlugin> plugin,
                                                       const yz_node* config,
                                                       DiagnosticList& diags) {
    Collector c(plugin->info.id);
    c.diags = &diags;
    const std::size_t before = diags.size();
    yz_instance* instance = plugin->table->instance_create(config, &c.diagSink, &c.errorSink);
    if (instance != nullptr)
        return std::shared_ptr<ModuleInstance>(new ModuleInstance(std::move(plugin), instance));
    const bool reportedErrors = std::any_of(diags.begin() + static_cast<std::ptrdiff_t>(before),
                                            diags.end(), [](const auto& d) { return d.error; });
    if (!c.error.empty() || !reportedErrors) c.fail("configuring a module");
    return nullptr;
}

ModuleInstance::~ModuleInstance() {
    plugin_->table->instance_destroy(instance_);
}

int ModuleInstance::compileLeaf(std::string_view type, const yz_node* config,
                                DiagnosticList& diags) {
    Collector c(plugin_->info.id);
    c.diags = &diags;
    const std::size_t before = diags.size();
    const std::int32_t handle =
        plugin_->table->leaf_compile(instance_, borrow(type), config, &c.diagSink, &c.errorSink);
    if (handle >= 0) return handle;
    const bool reportedErrors = std::any_of(diags.begin() + static_cast<std::ptrdiff_t>(before),
                                            diags.end(), [](const auto& d) { return d.error; });
    if (!c.error.empty() || !reportedErrors) c.fail("compiling a '" + std::string(type) + "' leaf");
    return -1;
}

std::vector<LeafResult> ModuleInstance::evaluate(const yz_eval_input& input,
                                                 std::span<const std::int32_t> leaves) const {
    struct Results {
        std::span<const std::int32_t> leaves;
        std::vector<LeafResult> out;
        std::vector<bool> answered;
    } results{leaves, std::vector<LeafResult>(leaves.size()), std::vector<bool>(leaves.size())};
    const yz_result_sink sink{
        sizeof(yz_result_sink), &results,
        [](void* ctx, std::int32_t leaf, const yz_leaf_result* r) {
            auto* self = static_cast<Results*>(ctx);
            // A struct smaller than 1.0's is ignored: its fields cannot be trusted.
            if (r == nullptr || r->struct_size < YZ_LEAF_RESULT_SIZE_1_0) return;
            // A 1.0 plugin does not say how long its result holds: only today.
            const std::int32_t holdsUntil =
                r->struct_size >= sizeof(yz_leaf_result) ? r->holds_until : LeafResult::kOnlyToday;
            for (std::size_t i = 0; i < self->leaves.size(); ++i) {
                if (self->leaves[i] != leaf || self->answered[i]) continue;
                self->out[i] = LeafResult{
                    r->met != 0,
                    r->have,
                    r->need,
                    std::string(view(r->unit)),
                    Text{std::string(view(r->sentence_zh)), std::string(view(r->sentence_en))},
                    holdsUntil};
                self->answered[i] = true;
                return;
            }
        }};
    Collector c(plugin_->info.id);
    if (plugin_->table->evaluate(instance_, &input, leaves.data(),
                                 static_cast<std::uint32_t>(leaves.size()), &sink,
                                 &c.errorSink) != YZ_OK)
        c.fail("evaluating");
    if (std::find(results.answered.begin(), results.answered.end(), false) !=
        results.answered.end())
        throw PluginCallError("plugin '" + plugin_->info.id +
                              "': evaluate left a leaf without a result");
    return std::move(results.out);
}

std::vector<Standing> ModuleInstance::rank(std::string_view ref, const yz_eval_input& input) const {
    if (plugin_->table->rank == nullptr)
        throw PluginCallError("plugin '" + plugin_->info.id + "' does not rank entrants");
    std::vector<Standing> out;
    const yz_standing_sink sink{
        sizeof(yz_standing_sink), &out, [](void* ctx, const yz_standing* s) {
            if (s == nullptr || s->struct_size < sizeof(yz_standing)) return;
            static_cast<std::vector<Standing>*>(ctx)->push_back(
                Standing{s->worker, s->place, s->score,
                         Text{std::string(view(s->detail_zh)), std::string(view(s->detail_en))}});
        }};
    Collector c(plugin_->info.id);
    if (plugin_->table->rank(instance_, borrow(ref), &input, &sink, &c.errorSink) != YZ_OK)
        c.fail("ranking");
    return out;
}

} // namespace yanzhen::plugins
