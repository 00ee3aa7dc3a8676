/// \file yanzhen/testing.hpp
/// A small harness for testing a plugin in-process through its C function table, exactly as
/// the host calls it, with nothing but the SDK and the standard library:
///
///   yanzhen::testing::Harness h = yanzhen::testing::Harness::load("my_plugin.so");
///   h.configure(Node::parse("{units: [{id: u1, hours: 4}]}"));
///   int leaf = h.leaf("hours", Node::parse("{min: 40}"));
///   h.add("attendance", "u1", "2025-03-01", {{"status", "present"}, {"minutes", "240"}});
///   yanzhen::LeafResult r = h.evaluate(leaf, "2025-06-30");
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/date.hpp>
#include <yanzhen/plugin.hpp>
#include <yanzhen/schema.hpp>

#include <dlfcn.h>

#include <deque>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen::testing {

/// An owned configuration tree, built from a YAML flow string such as
/// `{min: 40, caps: {online: 12}, tags: [law, ethics], title: "a b"}`.
class Node {
public:
    static Node parse(std::string_view text) {
        std::size_t pos = 0;
        Node n = parseValue(text, pos);
        skipSpace(text, pos);
        if (pos != text.size())
            throw std::invalid_argument("unexpected text at " + std::to_string(pos));
        return n;
    }
    static Node scalar(std::string s) {
        Node n;
        n.kind_ = YZ_NODE_SCALAR;
        n.text_ = std::move(s);
        return n;
    }

    /// The ABI view of this tree; valid while this Node lives and is not modified.
    const yz_node* c() const {
        children_.clear();
        keyViews_.clear();
        for (const auto& child : items_)
            children_.push_back(child.c());
        for (const auto& k : keys_)
            keyViews_.push_back(borrow(k));
        node_ = yz_node{sizeof(yz_node),
                        kind_,
                        borrow(text_),
                        children_.data(),
                        keyViews_.empty() ? nullptr : keyViews_.data(),
                        static_cast<std::uint32_t>(items_.size())};
        return &node_;
    }

private:
    static void skipSpace(std::string_view t, std::size_t& p) {
        while (p < t.size() && (t[p] == ' ' || t[p] == '\n' || t[p] == '\t'))
            ++p;
    }
    static std::string parseScalar(std::string_view t, std::size_t& p) {
        skipSpace(t, p);
        if (p < t.size() && (t[p] == '"' || t[p] == '\'')) {
            const char quote = t[p++];
            const std::size_t end = t.find(quote, p);
            if (end == std::string_view::npos) throw std::invalid_argument("unterminated string");
            std::string s(t.substr(p, end - p));
            p = end + 1;
            return s;
        }
        const std::size_t start = p;
        while (p < t.size() && t[p] != ',' && t[p] != '}' && t[p] != ']' && t[p] != ':')
            ++p;
        std::string s(t.substr(start, p - start));
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        return s;
    }
    static Node parseValue(std::string_view t, std::size_t& p) {
        skipSpace(t, p);
        Node n;
        if (p < t.size() && (t[p] == '{' || t[p] == '[')) {
            const bool map = t[p] == '{';
            const char close = map ? '}' : ']';
            n.kind_ = map ? YZ_NODE_MAP : YZ_NODE_LIST;
            ++p;
            skipSpace(t, p);
            while (p < t.size() && t[p] != close) {
                if (map) {
                    n.keys_.push_back(parseScalar(t, p));
                    skipSpace(t, p);
                    if (p >= t.size() || t[p] != ':') throw std::invalid_argument("expected ':'");
                    ++p;
                }
                n.items_.push_back(parseValue(t, p));
                skipSpace(t, p);
                if (p < t.size() && t[p] == ',') ++p;
                skipSpace(t, p);
            }
            if (p >= t.size()) throw std::invalid_argument("unterminated collection");
            ++p;
            return n;
        }
        std::string s = parseScalar(t, p);
        if (s == "~" || s == "null") return n;
        return scalar(std::move(s));
    }

    std::uint32_t kind_ = YZ_NODE_NULL;
    std::string text_;
    std::vector<Node> items_;
    std::vector<std::string> keys_;
    mutable std::vector<const yz_node*> children_;
    mutable std::vector<yz_str> keyViews_;
    mutable yz_node node_{};
};

/// Drives one plugin through its C table: configure a module, compile leaves, add evidence,
/// evaluate. Failures and configuration errors are thrown as std::runtime_error whose text
/// lists "path: message" for each problem.
class Harness {
public:
    explicit Harness(const yz_plugin* table) : table_(table) {
        if (table_ == nullptr)
            throw std::runtime_error("the plugin's entry point returned no table");
        info_ = readInfo(*table_->info);
    }
    /// Loads a built plugin library (`my_plugin.so`) as the host would and drives it. The
    /// library stays loaded until the process ends. Link the test with ${CMAKE_DL_LIBS}.
    static Harness load(const std::string& sharedObject) {
        void* handle = ::dlopen(sharedObject.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr)
            throw std::runtime_error("cannot load " + sharedObject + ": " + ::dlerror());
        const auto* entry = static_cast<const yz_entry_fn*>(::dlsym(handle, YANZHEN_ENTRY_SYMBOL));
        if (entry == nullptr || *entry == nullptr)
            throw std::runtime_error(sharedObject + " has no " YANZHEN_ENTRY_SYMBOL);
        const yz_host host{sizeof(yz_host), YANZHEN_ABI_MAJOR, YANZHEN_ABI_MINOR, nullptr};
        return Harness((*entry)(&host));
    }
    /// Drives a plugin class compiled into the test itself.
    template <class P> static Harness of() {
        const yz_host host{sizeof(yz_host), YANZHEN_ABI_MAJOR, YANZHEN_ABI_MINOR, nullptr};
        return Harness(detail::Bridge<P>::entry(&host));
    }
    Harness(Harness&& other) noexcept
        : table_(other.table_), info_(std::move(other.info_)), instance_(other.instance_),
          rows_(std::move(other.rows_)) {
        other.instance_ = nullptr;
    }
    Harness& operator=(Harness&&) = delete;
    ~Harness() {
        if (instance_ != nullptr) table_->instance_destroy(instance_);
    }

    const PluginInfo& info() const { return info_; }

    /// The configuration problems of a module config, as "path: message (en)"; empty if valid.
    std::vector<std::string> configErrors(const Node& config) {
        Sink sink;
        yz_instance* i = table_->instance_create(config.c(), &sink.diags, &sink.err);
        if (i != nullptr) table_->instance_destroy(i);
        return sink.messages;
    }
    /// Configures the module; throws with the problems when the config is invalid.
    void configure(const Node& config) {
        Sink sink;
        yz_instance* i = table_->instance_create(config.c(), &sink.diags, &sink.err);
        if (i == nullptr) throw std::runtime_error(sink.joined());
        if (instance_ != nullptr) table_->instance_destroy(instance_);
        instance_ = i;
    }
    /// The problems of a leaf config, as "path: message (en)"; empty if it compiles.
    std::vector<std::string> leafErrors(std::string_view type, const Node& config) {
        Sink sink;
        table_->leaf_compile(instance(), borrow(type), config.c(), &sink.diags, &sink.err);
        return sink.messages;
    }
    /// Compiles a leaf; throws with the problems when its config is invalid.
    int leaf(std::string_view type, const Node& config) {
        Sink sink;
        const int h =
            table_->leaf_compile(instance(), borrow(type), config.c(), &sink.diags, &sink.err);
        if (h < 0) throw std::runtime_error(sink.joined());
        return h;
    }

    /// Adds an evidence row. Values are written as text and converted by the field's type;
    /// a scores field is written "criterion=8;other=9.5".
    void add(std::string_view kind, std::string_view ref, std::string_view day,
             const std::map<std::string, std::string>& values, std::int64_t worker = 1) {
        const int k = info_.kindIndex(kind);
        if (k < 0) throw std::invalid_argument("no evidence kind '" + std::string(kind) + "'");
        const auto d = parseDay(day);
        if (!d) throw std::invalid_argument("bad date '" + std::string(day) + "'");
        auto& row = rows_.emplace_back();
        row.ref = std::string(ref);
        const auto& fields = info_.kinds[static_cast<std::size_t>(k)].fields;
        for (const auto& [name, _] : values)
            if (kindFieldIndex(fields, name) < 0)
                throw std::invalid_argument("no field '" + name + "'");
        for (const auto& f : fields) {
            auto& v = row.values.emplace_back(yz_value{});
            auto& scores = row.scores.emplace_back();
            const auto it = values.find(f.name);
            if (it == values.end()) continue;
            row.texts.push_back(it->second);
            v.type = static_cast<std::uint32_t>(f.type);
            v.text = borrow(row.texts.back());
            switch (f.type) {
            case FieldType::Integer:
            case FieldType::Boolean: v.integer = std::stoll(it->second); break;
            case FieldType::Number: v.number = std::stod(it->second); break;
            case FieldType::Date: v.integer = parseDay(it->second).value_or(0); break;
            case FieldType::Scores: {
                std::string_view rest = row.texts.back();
                while (!rest.empty()) {
                    const auto semi = rest.find(';');
                    const auto item = rest.substr(0, semi);
                    const auto eq = item.find('=');
                    scores.push_back(yz_named_number{borrow(item.substr(0, eq)),
                                                     std::stod(std::string(item.substr(eq + 1)))});
                    rest =
                        semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
                }
                v.scores = scores.data();
                v.count = static_cast<std::uint32_t>(scores.size());
                break;
            }
            default: break;
            }
        }
        row.c = yz_evidence{sizeof(yz_evidence),
                            static_cast<std::uint32_t>(k),
                            worker,
                            borrow(row.ref),
                            *d,
                            static_cast<std::int64_t>(rows_.size()),
                            row.values.data(),
                            static_cast<std::uint32_t>(row.values.size())};
    }
    void clearEvidence() { rows_.clear(); }

    /// Evaluates one leaf for `worker` on `today` ("YYYY-MM-DD") over the rows added so far.
    LeafResult evaluate(int leaf, std::string_view today, std::int64_t worker = 1) {
        LeafResult out;
        Sink sink;
        yz_result_sink results{sizeof(yz_result_sink), &out,
                               [](void* ctx, std::int32_t, const yz_leaf_result* r) {
                                   auto* o = static_cast<LeafResult*>(ctx);
                                   *o = LeafResult{r->met != 0,
                                                   r->have,
                                                   r->need,
                                                   std::string(view(r->unit)),
                                                   Text{std::string(view(r->sentence_zh)),
                                                        std::string(view(r->sentence_en))},
                                                   r->holds_until};
                               }};
        const auto in = input(today, worker);
        const std::int32_t handle = leaf;
        if (table_->evaluate(instance(), &in.c, &handle, 1, &results, &sink.err) != YZ_OK)
            throw std::runtime_error(sink.joined());
        return out;
    }
    /// Ranks the entrants of `ref` over the rows added so far.
    std::vector<Standing> rank(std::string_view ref, std::string_view today) {
        std::vector<Standing> out;
        Sink sink;
        yz_standing_sink standings{
            sizeof(yz_standing_sink), &out, [](void* ctx, const yz_standing* s) {
                static_cast<std::vector<Standing>*>(ctx)->push_back(Standing{
                    s->worker, s->place, s->score,
                    Text{std::string(view(s->detail_zh)), std::string(view(s->detail_en))}});
            }};
        const auto in = input(today, 0);
        if (table_->rank == nullptr ||
            table_->rank(instance(), borrow(ref), &in.c, &standings, &sink.err) != YZ_OK)
            throw std::runtime_error(sink.joined());
        return out;
    }

private:
    struct Row {
        std::string ref;
        std::deque<std::string> texts;
        std::vector<yz_value> values;
        std::deque<std::vector<yz_named_number>> scores;
        yz_evidence c{};
    };
    struct Input {
        std::vector<const yz_evidence*> rows;
        yz_eval_input c{};
    };
    struct Sink {
        std::vector<std::string> messages;
        yz_diag_sink diags{sizeof(yz_diag_sink), this,
                           [](void* ctx, std::uint32_t, yz_str path, yz_str, yz_str en) {
                               static_cast<Sink*>(ctx)->messages.push_back(
                                   std::string(view(path)) + ": " + std::string(view(en)));
                           }};
        yz_error_sink err{sizeof(yz_error_sink), this, [](void* ctx, yz_str message) {
                              static_cast<Sink*>(ctx)->messages.push_back(
                                  std::string(view(message)));
                          }};
        std::string joined() const {
            std::string s;
            for (const auto& m : messages)
                s += (s.empty() ? "" : "\n") + m;
            return s.empty() ? "failed without a message" : s;
        }
    };
    static int kindFieldIndex(const std::vector<Field>& fields, const std::string& name) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == name) return static_cast<int>(i);
        return -1;
    }
    yz_instance* instance() {
        if (instance_ == nullptr) configure(Node::parse("{}"));
        return instance_;
    }
    Input input(std::string_view today, std::int64_t worker) const {
        Input in;
        for (const auto& r : rows_)
            in.rows.push_back(&r.c);
        const auto d = parseDay(today);
        if (!d) throw std::invalid_argument("bad date '" + std::string(today) + "'");
        in.c = yz_eval_input{sizeof(yz_eval_input), *d, worker, in.rows.data(),
                             static_cast<std::uint32_t>(in.rows.size())};
        return in;
    }

    const yz_plugin* table_;
    PluginInfo info_;
    yz_instance* instance_ = nullptr;
    std::deque<Row> rows_;
};

} // namespace yanzhen::testing
