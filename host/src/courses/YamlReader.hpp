/// \file YamlReader.hpp
/// Reads a parsed YAML document the way the course loader needs: typed values with every
/// problem collected (never only the first), each at its line and column and with its path.
#pragma once

#include "CourseDiagnostic.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::courses {

class YamlReader {
public:
    /// `text` is the document's source, used to turn yaml-cpp's byte columns into character
    /// columns (an editor's column 10 is after 9 characters, Chinese or not).
    YamlReader(std::string file, const std::string& text, std::vector<CourseDiagnostic>& out)
        : file_(std::move(file)), text_(text), out_(out) {}

    const std::string& file() const { return file_; }
    bool hasErrors() const;

    /// Reports a problem at `at`. `path` (e.g. "modules[2].plugin") prefixes the message.
    void error(const YAML::Mark& at, const std::string& path, Text message);

    /// Where `key` is written in `map`; the map's own position when the key is absent.
    static YAML::Mark keyMark(const YAML::Node& map, const std::string& key);
    /// "a mapping", "a list", "'text'" / "nothing": what was found, for "expected X, found Y".
    static Text describe(const YAML::Node& node);

    /// Checks that `node` is a map whose keys are all in `allowed` (unknown keys get "did you
    /// mean"; duplicate keys are reported). Returns false when it is not a map at all.
    bool checkMap(const YAML::Node& node, const std::string& path,
                  const std::vector<std::string>& allowed);

    /// Reports "expected <what>, found <describe(node)>" at `node`.
    void expected(const YAML::Node& node, const std::string& path, const std::string& whatZh,
                  const std::string& whatEn);

    /// `map[key]` as text; reports a missing required key or a non-scalar value.
    std::optional<std::string> string(const YAML::Node& map, const std::string& key,
                                      const std::string& path, bool required);
    /// `map[key]` as an identifier: [a-z][a-z0-9_-]*, at most 64 characters.
    std::optional<std::string> identifier(const YAML::Node& map, const std::string& key,
                                          const std::string& path, bool required);
    /// `map[key]` as {zh: ..., en: ...}, both required and non-empty.
    std::optional<Text> text(const YAML::Node& map, const std::string& key, const std::string& path,
                             bool required);
    /// `map[key]` as an integer in [min, max].
    std::optional<long> integer(const YAML::Node& map, const std::string& key,
                                const std::string& path, bool required, long min, long max);

    /// "path.key", or "key" at the root.
    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }
    static std::string index(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

private:
    int characterColumn(const YAML::Mark& at) const;

    std::string file_;
    const std::string& text_;
    std::vector<CourseDiagnostic>& out_;
};

} // namespace yanzhen::courses
