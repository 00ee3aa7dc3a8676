/// \file yanzhen/config.hpp
/// A course module's configuration as a plugin reads it: a read-only view of the YAML the
/// host hands over, which knows its own path ("rubrics.std.criteria[4].max") so that every
/// problem can be reported where it is. Diagnostics collects those problems.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/schema.hpp>
#include <yanzhen/text.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen {

/// One problem in a configuration, at a path relative to the node the plugin was handed.
struct Diagnostic {
    bool error = true;
    std::string path;
    Text message;
};

/// Collects problems; a plugin reports as many as it finds rather than stopping at the first.
class Diagnostics {
public:
    void error(std::string path, Text message) { items_.push_back({true, std::move(path), std::move(message)}); }
    void warning(std::string path, Text message) { items_.push_back({false, std::move(path), std::move(message)}); }
    bool hasErrors() const {
        for (const auto& d : items_)
            if (d.error) return true;
        return false;
    }
    const std::vector<Diagnostic>& items() const { return items_; }

private:
    std::vector<Diagnostic> items_;
};

/// A read-only view of one configuration node. Cheap to copy; valid while the host's call
/// that handed over the root lasts, so a plugin copies what it keeps.
class Config {
public:
    Config(const yz_node* node, std::string path) : node_(node), path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    bool isNull() const { return node_ == nullptr || node_->kind == YZ_NODE_NULL; }
    bool isScalar() const { return node_ != nullptr && node_->kind == YZ_NODE_SCALAR; }
    bool isList() const { return node_ != nullptr && node_->kind == YZ_NODE_LIST; }
    bool isMap() const { return node_ != nullptr && node_->kind == YZ_NODE_MAP; }
    /// The scalar as written in the file; empty for anything else.
    std::string_view text() const { return isScalar() ? view(node_->text) : std::string_view{}; }

    /// Number of entries of a list or a map; 0 otherwise.
    std::size_t size() const { return (isList() || isMap()) ? node_->child_count : 0; }
    /// The i-th entry of a list (or map); a null node past the end.
    Config at(std::size_t i) const {
        if (i >= size()) return Config(nullptr, path_ + "[" + std::to_string(i) + "]");
        if (isMap()) return Config(node_->children[i], join(path_, view(node_->keys[i])));
        return Config(node_->children[i], path_ + "[" + std::to_string(i) + "]");
    }
    /// The key of the i-th entry of a map.
    std::string_view keyAt(std::size_t i) const { return isMap() && i < size() ? view(node_->keys[i]) : std::string_view{}; }
    /// The value under `key` in a map; a null node (with the right path) when it is missing.
    Config operator[](std::string_view key) const {
        for (std::size_t i = 0; isMap() && i < node_->child_count; ++i)
            if (view(node_->keys[i]) == key) return Config(node_->children[i], join(path_, key));
        return Config(nullptr, join(path_, key));
    }
    bool has(std::string_view key) const { return !(*this)[key].isNull(); }
    std::vector<std::string> keys() const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < size() && isMap(); ++i) out.emplace_back(view(node_->keys[i]));
        return out;
    }

    /// The scalar as an integer; reports and returns nothing when it is not one.
    std::optional<std::int64_t> integer(Diagnostics& diags) const {
        std::int64_t v = 0;
        const auto s = text();
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) {
            expected(diags, "整数", "an integer");
            return std::nullopt;
        }
        return v;
    }
    /// The scalar as a number; reports and returns nothing when it is not one.
    std::optional<double> number(Diagnostics& diags) const {
        double v = 0;
        const auto s = text();
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) {
            expected(diags, "数字", "a number");
            return std::nullopt;
        }
        return v;
    }
    /// The scalar as a boolean (true/false/yes/no); reports and returns nothing otherwise.
    std::optional<bool> boolean(Diagnostics& diags) const {
        const auto s = text();
        if (s == "true" || s == "yes") return true;
        if (s == "false" || s == "no") return false;
        expected(diags, "true 或 false", "true or false");
        return std::nullopt;
    }
    /// The scalar as a string; reports and returns nothing for a list, a map or null.
    std::optional<std::string> string(Diagnostics& diags) const {
        if (!isScalar()) {
            expected(diags, "文本", "a text value");
            return std::nullopt;
        }
        return std::string(text());
    }
    /// Reports "expected X, found Y" at this node.
    void expected(Diagnostics& diags, std::string_view zh, std::string_view en) const {
        diags.error(path_, Text{"应为" + std::string(zh) + "，实际是" + describeZh(),
                                "expected " + std::string(en) + ", found " + describeEn()});
    }

private:
    static std::string join(const std::string& base, std::string_view key) {
        return base.empty() ? std::string(key) : base + "." + std::string(key);
    }
    std::string describeEn() const {
        if (isNull()) return "nothing";
        if (isList()) return "a list";
        if (isMap()) return "a mapping";
        return "'" + std::string(text()) + "'";
    }
    std::string describeZh() const {
        if (isNull()) return "空";
        if (isList()) return "列表";
        if (isMap()) return "映射";
        return "“" + std::string(text()) + "”";
    }

    const yz_node* node_;
    std::string path_;
};

/// Checks a configuration map against a declared schema: unknown keys (with "did you mean"),
/// missing required keys, types, choices and ranges. Reports every problem it finds.
inline void checkAgainst(const Config& config, const std::vector<Field>& schema, Diagnostics& diags) {
    if (!config.isNull() && !config.isMap()) { // an absent configuration is an empty map
        config.expected(diags, "映射", "a mapping");
        return;
    }
    std::vector<std::string> known;
    for (const auto& f : schema) known.push_back(f.name);
    for (std::size_t i = 0; i < config.size(); ++i) {
        const std::string key(config.keyAt(i));
        bool isKnown = false;
        for (const auto& k : known) isKnown = isKnown || k == key;
        if (isKnown) continue;
        const std::string hint = closestMatch(key, known);
        diags.error(config.at(i).path(),
                    Text{"未知的键“" + key + "”" + (hint.empty() ? "" : "，是否想写“" + hint + "”？"),
                         "unknown key '" + key + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?")});
    }
    for (const auto& f : schema) {
        const Config value = config[f.name];
        if (value.isNull()) {
            if (f.required)
                diags.error(value.path(), Text{"缺少必填项“" + f.name + "”", "missing required key '" + f.name + "'"});
            continue;
        }
        std::optional<double> n;
        switch (f.type) {
        case FieldType::Integer: {
            const auto v = value.integer(diags);
            if (v) n = static_cast<double>(*v);
            break;
        }
        case FieldType::Number: n = value.number(diags); break;
        case FieldType::Boolean: value.boolean(diags); break;
        case FieldType::Text:
        case FieldType::Date: value.string(diags); break;
        case FieldType::Choice: {
            const auto v = value.string(diags);
            bool ok = false;
            for (const auto& c : f.choices) ok = ok || (v && *v == c);
            if (v && !ok) {
                std::string list;
                for (const auto& c : f.choices) list += (list.empty() ? "" : ", ") + c;
                value.expected(diags, "以下之一：" + list, "one of " + list);
            }
            break;
        }
        case FieldType::List:
            if (!value.isList()) value.expected(diags, "列表", "a list");
            break;
        case FieldType::Map:
        case FieldType::Scores:
            if (!value.isMap()) value.expected(diags, "映射", "a mapping");
            break;
        }
        if (n && ((f.min && *n < *f.min) || (f.max && *n > *f.max))) {
            const std::string range = (f.min ? formatNumber(*f.min) : "-∞") + " .. " +
                                      (f.max ? formatNumber(*f.max) : "∞");
            value.expected(diags, range + " 之间的值", "a value in " + range);
        }
    }
}

} // namespace yanzhen
