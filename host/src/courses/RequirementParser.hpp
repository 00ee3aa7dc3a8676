/// \file RequirementParser.hpp
/// Reads a course's `requirements` into rule trees, compiling each leaf in its module's plugin,
/// and checks what only the whole can show: dangling `ref`s, `ref` cycles, duplicate ids.
#pragma once

#include "Course.hpp"
#include "YamlReader.hpp"

#include "plugins/PluginRegistry.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace yanzhen::courses {

class RequirementParser {
public:
    RequirementParser(YamlReader& reader, Course& course, const plugins::PluginRegistry& registry)
        : reader_(reader), course_(course), registry_(registry) {}

    /// Parses `requirements: {name: node, ...}` into course.requirements and course.leaves.
    void parseSets(const YAML::Node& requirements, const std::string& path);

    /// After every set is parsed: each `ref` names a set, and no set reaches itself.
    void checkReferences();

    /// The set names, for references from elsewhere (credentials).
    bool hasSet(const std::string& name) const { return course_.requirements.count(name) > 0; }
    std::vector<std::string> setNames() const;

private:
    struct RefUse {
        std::string from; ///< the set the ref is written in
        std::string to;
        YAML::Mark mark;
        std::string path;
    };

    std::optional<rules::Node> parseNode(const YAML::Node& node, const std::string& path,
                                         int depth);
    std::optional<rules::Node> parseLeaf(const std::string& key, const YAML::Node& value,
                                         const YAML::Mark& keyMark, const std::string& path);
    std::vector<rules::Node> parseChildren(const YAML::Node& list, const std::string& path,
                                           int depth);
    bool claimId(const std::string& id, const YAML::Mark& mark, const std::string& path);
    std::vector<std::string> knownLeafKeys() const;

    YamlReader& reader_;
    Course& course_;
    const plugins::PluginRegistry& registry_;
    std::set<std::string> ids_;
    std::vector<RefUse> refs_;
    std::string currentSet_;
};

} // namespace yanzhen::courses
