#include "YamlReader.hpp"

#include <algorithm>
#include <charconv>
#include <regex>

namespace yanzhen::courses {

bool YamlReader::hasErrors() const {
    return std::any_of(out_.begin(), out_.end(), [](const auto& d) { return d.error; });
}

void YamlReader::error(const YAML::Mark& at, const std::string& path, Text message) {
    if (!path.empty()) {
        message.zh = path + "：" + message.zh;
        message.en = path + ": " + message.en;
    }
    out_.push_back(
        CourseDiagnostic{file_, at.line + 1, characterColumn(at), true, std::move(message)});
}

int YamlReader::characterColumn(const YAML::Mark& at) const {
    if (at.pos < 0 || at.column < 0 || static_cast<std::size_t>(at.pos) > text_.size())
        return at.column + 1;
    const std::size_t lineStart = static_cast<std::size_t>(at.pos - at.column);
    int column = 1;
    for (std::size_t i = lineStart; i < static_cast<std::size_t>(at.pos); ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
            ++column; // count lead bytes only
    return column;
}

YAML::Mark YamlReader::keyMark(const YAML::Node& map, const std::string& key) {
    if (map.IsMap())
        for (const auto& entry : map)
            if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.first.Mark();
    return map.Mark();
}

Text YamlReader::describe(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) return {"空", "nothing"};
    if (node.IsSequence()) return {"列表", "a list"};
    if (node.IsMap()) return {"映射", "a mapping"};
    return {"“" + node.Scalar() + "”", "'" + node.Scalar() + "'"};
}

void YamlReader::expected(const YAML::Node& node, const std::string& path,
                          const std::string& whatZh, const std::string& whatEn) {
    const Text found = describe(node);
    // An absent key's node has no place in the file (yaml-cpp throws from its Mark()): line 0
    // rather than no diagnostic at all; callers that know the parent point at it instead.
    error(node.IsDefined() ? node.Mark() : YAML::Mark::null_mark(), path,
          Text{"应为" + whatZh + "，实际是" + found.zh,
               "expected " + whatEn + ", found " + found.en});
}

bool YamlReader::checkMap(const YAML::Node& node, const std::string& path,
                          const std::vector<std::string>& allowed) {
    if (!node.IsDefined() || !node.IsMap()) {
        expected(node, path, "映射", "a mapping");
        return false;
    }
    std::vector<std::string> seen;
    for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
            error(entry.first.Mark(), path, Text{"键必须是文本", "a key must be plain text"});
            continue;
        }
        const std::string key = entry.first.Scalar();
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            error(entry.first.Mark(), join(path, key), Text{"重复的键", "duplicate key"});
            continue;
        }
        seen.push_back(key);
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        error(entry.first.Mark(), join(path, key),
              withDidYouMean(Text{"未知的键“" + key + "”", "unknown key '" + key + "'"}, key,
                             allowed));
    }
    return true;
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, const std::string& key,
                                              const std::string& path, bool required) {
    const YAML::Node value = map.IsMap() ? map[key] : YAML::Node();
    if (!value.IsDefined() || value.IsNull()) {
        if (required)
            error(keyMark(map, key), join(path, key),
                  Text{"缺少必填项“" + key + "”", "missing required key '" + key + "'"});
        return std::nullopt;
    }
    if (!value.IsScalar()) {
        expected(value, join(path, key), "文本", "a text value");
        return std::nullopt;
    }
    return value.Scalar();
}

std::optional<std::string> YamlReader::identifier(const YAML::Node& map, const std::string& key,
                                                  const std::string& path, bool required) {
    auto value = string(map, key, path, required);
    static const std::regex pattern("[a-z][a-z0-9_-]{0,63}");
    if (value && !std::regex_match(*value, pattern)) {
        expected(map[key], join(path, key), "标识符（小写字母开头，仅含 a-z 0-9 _ -）",
                 "an identifier ([a-z][a-z0-9_-]*, at most 64 characters)");
        return std::nullopt;
    }
    return value;
}

std::optional<Text> YamlReader::text(const YAML::Node& map, const std::string& key,
                                     const std::string& path, bool required) {
    const YAML::Node value = map.IsMap() ? map[key] : YAML::Node();
    const std::string here = join(path, key);
    if (!value.IsDefined() || value.IsNull()) {
        if (required)
            error(keyMark(map, key), here,
                  Text{"缺少必填项“" + key + "”", "missing required key '" + key + "'"});
        return std::nullopt;
    }
    if (!checkMap(value, here, {"zh", "en"})) return std::nullopt;
    auto zh = string(value, "zh", here, true);
    auto en = string(value, "en", here, true);
    if (!zh || !en) return std::nullopt;
    return Text{*zh, *en};
}

std::optional<long> YamlReader::integer(const YAML::Node& map, const std::string& key,
                                        const std::string& path, bool required, long min,
                                        long max) {
    const auto s = string(map, key, path, required);
    if (!s) return std::nullopt;
    long v = 0;
    const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc{} || end != s->data() + s->size() || v < min || v > max) {
        expected(map[key], join(path, key),
                 std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数",
                 "an integer from " + std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

} // namespace yanzhen::courses
