#include "RequirementParser.hpp"

#include "ConfigTree.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>

namespace yanzhen::courses {

namespace {

constexpr int kMaxDepth = 32; // deeper than any real course; keeps a hostile file off the stack
const std::vector<std::string> kNodeKeys{"all", "any",   "at_least", "ref",
                                         "id",  "label", "waived_by"};

} // namespace

std::vector<std::string> RequirementParser::setNames() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : course_.requirements)
        names.push_back(name);
    return names;
}

std::vector<std::string> RequirementParser::knownLeafKeys() const {
    std::vector<std::string> keys;
    for (const auto& m : course_.modules)
        if (m.instance)
            for (const auto& leaf : m.instance->plugin().info.leaves)
                keys.push_back(m.id + "." + leaf.id);
    return keys;
}

bool RequirementParser::claimId(const std::string& id, const YAML::Mark& mark,
                                const std::string& path) {
    if (ids_.insert(id).second) return true;
    reader_.error(mark, path, Text{"id“" + id + "”重复", "duplicate id '" + id + "'"});
    return false;
}

void RequirementParser::parseSets(const YAML::Node& requirements, const std::string& path) {
    if (!requirements.IsMap() || requirements.size() == 0) {
        reader_.expected(requirements, path, "至少一个具名的要求集",
                         "at least one named requirement set");
        return;
    }
    for (const auto& entry : requirements) {
        const std::string name = entry.first.Scalar();
        const std::string here = YamlReader::join(path, name);
        static const std::regex idPattern("[a-z][a-z0-9_-]{0,63}");
        if (!std::regex_match(name, idPattern)) {
            reader_.error(
                entry.first.Mark(), here,
                Text{"要求集名称应为标识符",
                     "a requirement set's name must be an identifier ([a-z][a-z0-9_-]*)"});
            continue;
        }
        if (course_.requirements.count(name) > 0) {
            reader_.error(entry.first.Mark(), here,
                          Text{"重复的要求集", "duplicate requirement set"});
            continue;
        }
        currentSet_ = name;
        auto root = parseNode(entry.second, here, 0);
        if (!root) continue;
        Text label = root->label;
        if (root->kind == rules::NodeKind::Leaf && entry.second["label"])
            label = reader_.text(entry.second, "label", here, false).value_or(label);
        rules::RequirementSet set{name, label, std::move(*root)};
        course_.requirements.emplace(name, std::move(set));
    }
}

std::vector<rules::Node> RequirementParser::parseChildren(const YAML::Node& list,
                                                          const std::string& path, int depth) {
    std::vector<rules::Node> children;
    if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) {
        reader_.expected(list, path, "非空列表", "a non-empty list");
        return children;
    }
    for (std::size_t i = 0; i < list.size(); ++i)
        if (auto child = parseNode(list[i], YamlReader::index(path, i), depth + 1))
            children.push_back(std::move(*child));
    return children;
}

std::optional<rules::Node> RequirementParser::parseNode(const YAML::Node& node,
                                                        const std::string& path, int depth) {
    if (depth > kMaxDepth) {
        reader_.error(node.Mark(), path, Text{"嵌套超过 32 层", "nested deeper than 32 levels"});
        return std::nullopt;
    }
    if (!node.IsDefined() || !node.IsMap()) {
        reader_.expected(node, path, "要求（all、any、at_least、ref 或 模块.叶子）",
                         "a requirement (all, any, at_least, ref or module.leaf)");
        return std::nullopt;
    }
    // Exactly one key says what the node is; id, label and waived_by may stand beside it.
    std::vector<std::pair<std::string, YAML::Node>> kinds;
    YAML::Mark kindMark;
    std::vector<std::string> known = kNodeKeys;
    for (const auto& k : knownLeafKeys())
        known.push_back(k);
    std::set<std::string> seen;
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        if (!seen.insert(key).second) {
            reader_.error(entry.first.Mark(), YamlReader::join(path, key),
                          Text{"重复的键", "duplicate key"});
            continue;
        }
        if (key == "id" || key == "label" || key == "waived_by") continue;
        if (key == "all" || key == "any" || key == "at_least" || key == "ref" ||
            key.find('.') != std::string::npos) {
            if (kinds.empty()) kindMark = entry.first.Mark();
            kinds.emplace_back(key, entry.second);
            continue;
        }
        reader_.error(
            entry.first.Mark(), YamlReader::join(path, key),
            withDidYouMean(Text{"未知的键“" + key + "”", "unknown key '" + key + "'"}, key, known));
    }
    if (kinds.size() != 1) {
        reader_.error(
            kinds.size() > 1 ? kindMark : node.Mark(), path,
            Text{"应恰好有一个 all、any、at_least、ref 或 模块.叶子，实际有 " +
                     std::to_string(kinds.size()) + " 个",
                 "expected exactly one of all, any, at_least, ref or module.leaf, found " +
                     std::to_string(kinds.size())});
        return std::nullopt;
    }
    const auto& [key, value] = kinds.front();
    const std::string here = YamlReader::join(path, key);

    std::optional<rules::Node> out;
    if (key.find('.') != std::string::npos) {
        // At a set's root, a label beside a leaf names the set; anywhere else it would be
        // ambiguous, so the leaf's own id and label go inside its mapping.
        if (node["id"] || (node["label"] && depth > 0)) {
            reader_.error(YamlReader::keyMark(node, node["id"] ? "id" : "label"), path,
                          Text{"叶子的 id 和 label 应写在叶子的映射里",
                               "a leaf's id and label go inside the leaf's mapping"});
        }
        out = parseLeaf(key, value, kindMark, here);
    } else {
        rules::Node n;
        n.line = kindMark.line + 1;
        n.column = kindMark.column + 1;
        if (key == "all" || key == "any") {
            n.kind = key == "all" ? rules::NodeKind::All : rules::NodeKind::Any;
            n.children = parseChildren(value, here, depth);
        } else if (key == "at_least") {
            n.kind = rules::NodeKind::AtLeast;
            if (reader_.checkMap(value, here, {"n", "of"})) {
                // A missing "of" is a node yaml-cpp cannot place (Mark() throws): name it here.
                if (value["of"])
                    n.children = parseChildren(value["of"], YamlReader::join(here, "of"), depth);
                else
                    reader_.error(YamlReader::keyMark(value, "of"), YamlReader::join(here, "of"),
                                  Text{"缺少必填项“of”", "missing required key 'of'"});
                const long count = static_cast<long>(
                    value["of"] && value["of"].IsSequence() ? value["of"].size() : 0);
                if (auto k = reader_.integer(value, "n", here, true, 1, std::max(1L, count)))
                    n.atLeast = static_cast<std::size_t>(*k);
            }
        } else {
            n.kind = rules::NodeKind::Ref;
            if (!value.IsScalar()) {
                reader_.expected(value, here, "要求集名称", "the name of a requirement set");
            } else {
                n.ref = value.Scalar();
                refs_.push_back(RefUse{currentSet_, n.ref, value.Mark(), here});
            }
        }
        if (node["id"]) {
            if (auto id = reader_.identifier(node, "id", path, false);
                id && claimId(*id, YamlReader::keyMark(node, "id"), path))
                n.id = *id;
        }
        if (node["label"]) n.label = reader_.text(node, "label", path, false).value_or(Text{});
        out = std::move(n);
    }
    if (out && node["waived_by"]) {
        if (auto by = parseNode(node["waived_by"], YamlReader::join(path, "waived_by"), depth + 1))
            out->waivedBy = std::make_shared<const rules::Node>(std::move(*by));
    }
    return out;
}

std::optional<rules::Node> RequirementParser::parseLeaf(const std::string& key,
                                                        const YAML::Node& value,
                                                        const YAML::Mark& keyMark,
                                                        const std::string& path) {
    const std::string moduleId = key.substr(0, key.find('.'));
    const std::string type = key.substr(key.find('.') + 1);
    rules::Node n;
    n.kind = rules::NodeKind::Leaf;
    n.line = keyMark.line + 1;
    n.column = keyMark.column + 1;
    if (!value.IsMap()) {
        reader_.expected(value, path, "叶子的映射（含 id 和 label）",
                         "the leaf's mapping (with id and label)");
        return std::nullopt;
    }
    const auto id = reader_.identifier(value, "id", path, true);
    const auto label = reader_.text(value, "label", path, true);
    if (id) claimId(*id, YamlReader::keyMark(value, "id"), YamlReader::join(path, "id"));

    std::size_t moduleIndex = course_.modules.size();
    for (std::size_t i = 0; i < course_.modules.size(); ++i)
        if (course_.modules[i].id == moduleId) moduleIndex = i;
    if (moduleIndex == course_.modules.size()) {
        std::vector<std::string> ids;
        for (const auto& m : course_.modules)
            ids.push_back(m.id);
        reader_.error(keyMark, path,
                      withDidYouMean(
                          Text{"未知的模块“" + moduleId + "”", "unknown module '" + moduleId + "'"},
                          moduleId, ids));
        return std::nullopt;
    }
    const CourseModule& module = course_.modules[moduleIndex];
    if (!module.instance) return std::nullopt; // the module's own errors are already reported
    const PluginInfo& info = module.instance->plugin().info;
    const LeafType* leafType = info.leaf(type);
    if (leafType == nullptr) {
        std::vector<std::string> types;
        for (const auto& l : info.leaves)
            types.push_back(l.id);
        reader_.error(keyMark, path,
                      withDidYouMean(Text{"插件“" + info.id + "”没有叶子“" + type + "”",
                                          "plugin '" + info.id + "' has no leaf '" + type + "'"},
                                     type, types));
        return std::nullopt;
    }

    const ConfigTree tree(value, keyMark, {"id", "label"});
    plugins::DiagnosticList diags;
    int handle = -1;
    try {
        handle = module.instance->compileLeaf(type, tree.root(), diags);
    } catch (const plugins::PluginCallError& e) {
        reader_.error(
            keyMark, path,
            Text{std::string("插件出错：") + e.what(), std::string("plugin failed: ") + e.what()});
    }
    for (const auto& d : diags)
        if (d.error)
            reader_.error(tree.locate(d.path),
                          d.path.empty() ? path : YamlReader::join(path, d.path), d.message);
    if (handle < 0 || !id || !label) return std::nullopt;

    n.id = *id;
    n.label = *label;
    n.leaf =
        rules::LeafBinding{course_.leaves.size(),           moduleIndex, module.id, type, handle,
                           leafType->scope == Scope::Cohort};
    course_.leaves.push_back(n.leaf);
    return n;
}

void RequirementParser::checkReferences() {
    std::map<std::string, std::vector<const RefUse*>> edges;
    for (const auto& r : refs_) {
        if (course_.requirements.count(r.to) == 0) {
            reader_.error(r.mark, r.path,
                          withDidYouMean(Text{"没有名为“" + r.to + "”的要求集",
                                              "no requirement set '" + r.to + "'"},
                                         r.to, setNames()));
            continue;
        }
        edges[r.from].push_back(&r);
    }
    // Depth-first search; a ref to a set still on the stack closes a cycle.
    std::map<std::string, int> state; // 0 new, 1 on the stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& set) {
        state[set] = 1;
        stack.push_back(set);
        for (const RefUse* r : edges[set]) {
            if (state[r->to] == 1) {
                std::string cycle;
                for (auto it = std::find(stack.begin(), stack.end(), r->to); it != stack.end();
                     ++it)
                    cycle += *it + " → ";
                cycle += r->to;
                reader_.error(r->mark, r->path,
                              Text{"ref 形成循环：" + cycle, "ref cycle: " + cycle});
            } else if (state[r->to] == 0) {
                visit(r->to);
            }
        }
        stack.pop_back();
        state[set] = 2;
    };
    for (const auto& [name, _] : course_.requirements)
        if (state[name] == 0) visit(name);
}

} // namespace yanzhen::courses
