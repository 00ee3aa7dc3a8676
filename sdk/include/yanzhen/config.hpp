/// \file yanzhen/config.hpp
/// A course module's configuration as a plugin reads it: a read-only view of the YAML the
/// host hands over, which knows its own path ("rubrics.std.criteria[4].max") so that every
/// problem can be reported where it is. Diagnostics collects those problems. The readers here
/// (integerIn, numberIn, text, lookup, rejectUnknownKeys, requireKey, expectMap) word every
/// mistake the way the host does; yanzhen/config_rules.hpp builds the rules for lists on them.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/schema.hpp>
#include <yanzhen/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
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
    void error(std::string path, Text message) {
        items_.push_back({true, std::move(path), std::move(message)});
    }
    void warning(std::string path, Text message) {
        items_.push_back({false, std::move(path), std::move(message)});
    }
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
    std::string_view keyAt(std::size_t i) const {
        return isMap() && i < size() ? view(node_->keys[i]) : std::string_view{};
    }
    /// The value under `key` in a map; a null node (with the right path) when it is missing.
    Config operator[](std::string_view key) const {
        for (std::size_t i = 0; isMap() && i < node_->child_count; ++i)
            if (view(node_->keys[i]) == key) return Config(node_->children[i], join(path_, key));
        return Config(nullptr, join(path_, key));
    }
    bool has(std::string_view key) const { return !(*this)[key].isNull(); }
    std::vector<std::string> keys() const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < size() && isMap(); ++i)
            out.emplace_back(view(node_->keys[i]));
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
    /// The scalar as an integer from `lo` to `hi`, both included; reports "expected an integer
    /// from lo to hi" (or what integer() reports) and returns nothing otherwise.
    std::optional<std::int64_t> integerIn(std::int64_t lo, std::int64_t hi,
                                          Diagnostics& diags) const {
        const auto v = integer(diags);
        if (!v || (*v >= lo && *v <= hi)) return v;
        const std::string l = std::to_string(lo);
        const std::string h = std::to_string(hi);
        expected(diags, l + " 到 " + h + " 之间的整数", "an integer from " + l + " to " + h);
        return std::nullopt;
    }
    /// The scalar as a number from `lo` to `hi`, both included (either may be infinite); reports
    /// "expected a value in lo .. hi" (the words checkAgainst() uses for a declared range) or
    /// what number() reports, and returns nothing otherwise.
    std::optional<double> numberIn(double lo, double hi, Diagnostics& diags) const {
        const auto v = number(diags);
        if (!v || (*v >= lo && *v <= hi)) return v;
        expectedRange(lo, hi, diags);
        return std::nullopt;
    }
    /// The scalar as a number greater than `lo` (a maximum, a duration); reports "expected a
    /// number above lo" (or what number() reports) and returns nothing otherwise.
    std::optional<double> numberAbove(double lo, Diagnostics& diags) const {
        const auto v = number(diags);
        if (!v || *v > lo) return v;
        expected(diags, "大于 " + formatNumber(lo) + " 的数", "a number above " + formatNumber(lo));
        return std::nullopt;
    }
    /// Text in both languages, written `{zh: ..., en: ...}`: a map with both keys, each a text
    /// value, and no other key. Reports every problem and returns nothing when it is not one.
    /// (text() without arguments is the scalar as written.) Defined below rejectUnknownKeys().
    std::optional<Text> text(Diagnostics& diags) const;

    /// Reports "expected X, found Y" at this node.
    void expected(Diagnostics& diags, std::string_view zh, std::string_view en) const {
        diags.error(path_, Text{"应为" + std::string(zh) + "，实际是" + describeZh(),
                                "expected " + std::string(en) + ", found " + describeEn()});
    }
    /// Reports "expected a value in lo .. hi, found Y" at this node; an infinite bound is
    /// written "-∞" or "∞".
    void expectedRange(double lo, double hi, Diagnostics& diags) const {
        const std::string range = (std::isinf(lo) ? "-∞" : formatNumber(lo)) + " .. " +
                                  (std::isinf(hi) ? "∞" : formatNumber(hi));
        expected(diags, range + " 之间的值", "a value in " + range);
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

/// The index of `word` in `known`. Otherwise reports `what` at `at`, followed by "did you mean"
/// the closest entry of `known` (withDidYouMean()), and returns nothing.
inline std::optional<std::size_t> lookup(const Config& at, std::string_view word,
                                         const std::vector<std::string>& known, const Text& what,
                                         Diagnostics& diags) {
    const auto it = std::find(known.begin(), known.end(), word);
    if (it != known.end()) return static_cast<std::size_t>(it - known.begin());
    diags.error(at.path(), withDidYouMean(what, word, known));
    return std::nullopt;
}

/// Reports every key of the map `map` that is not in `allowed` as "unknown key 'k'", with "did
/// you mean" the closest allowed key, at the key's own path. Reports nothing for a non-map.
inline void rejectUnknownKeys(const Config& map, const std::vector<std::string>& allowed,
                              Diagnostics& diags) {
    for (std::size_t i = 0; map.isMap() && i < map.size(); ++i) {
        const std::string key(map.keyAt(i));
        lookup(map.at(i), key, allowed, Text{"未知的键“" + key + "”", "unknown key '" + key + "'"},
               diags);
    }
}

/// True when `parent` has `key` (and it is not null); otherwise reports "missing required key
/// 'key'" at the key's path, as the host does for the declared keys of a leaf, and is false.
inline bool requireKey(const Config& parent, std::string_view key, Diagnostics& diags) {
    if (parent.has(key)) return true;
    const std::string k(key);
    diags.error(parent[key].path(),
                Text{"缺少必填项“" + k + "”", "missing required key '" + k + "'"});
    return false;
}

/// True when `config` is a map, whose keys not in `allowed` are then reported by
/// rejectUnknownKeys(); otherwise reports "expected a mapping" and is false. The first line of
/// reading a map of known keys: a module's config, an item of a list.
inline bool expectMap(const Config& config, const std::vector<std::string>& allowed,
                      Diagnostics& diags) {
    if (!config.isMap()) {
        config.expected(diags, "映射", "a mapping");
        return false;
    }
    rejectUnknownKeys(config, allowed, diags);
    return true;
}

inline std::optional<Text> Config::text(Diagnostics& diags) const {
    if (!isMap()) {
        expected(diags, "含 zh 和 en 的标题", "a title with zh and en");
        return std::nullopt;
    }
    rejectUnknownKeys(*this, {"zh", "en"}, diags);
    const auto zh = (*this)["zh"].string(diags);
    const auto en = (*this)["en"].string(diags);
    if (!zh || !en) return std::nullopt;
    return Text{*zh, *en};
}

/// Checks a configuration map against a declared schema: unknown keys (with "did you mean"),
/// missing required keys, types, choices and ranges. Reports every problem it finds.
inline void checkAgainst(const Config& config, const std::vector<Field>& schema,
                         Diagnostics& diags) {
    std::vector<std::string> known;
    for (const auto& f : schema)
        known.push_back(f.name);
    if (!config.isNull() && !expectMap(config, known, diags))
        return; // an absent configuration is an empty map
    for (const auto& f : schema) {
        const Config value = config[f.name];
        if (f.required && !requireKey(config, f.name, diags)) continue;
        if (value.isNull()) continue;
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
            for (const auto& c : f.choices)
                ok = ok || (v && *v == c);
            if (v && !ok) {
                std::string list;
                for (const auto& c : f.choices)
                    list += (list.empty() ? "" : ", ") + c;
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
        constexpr double kInfinity = std::numeric_limits<double>::infinity();
        if (n && ((f.min && *n < *f.min) || (f.max && *n > *f.max)))
            value.expectedRange(f.min.value_or(-kInfinity), f.max.value_or(kInfinity), diags);
    }
}

} // namespace yanzhen
