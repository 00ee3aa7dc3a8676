#include "ConfigTree.hpp"

#include <yanzhen/text.hpp>

namespace yanzhen::courses {

ConfigTree::ConfigTree(const YAML::Node& node, const YAML::Mark& rootMark,
                       const std::set<std::string>& skipRootKeys) {
    marks_[""] = rootMark;
    build(node, "", &skipRootKeys); // the root takes the first slot, so root() is nodes_.front()
}

ConfigTree::Owned& ConfigTree::build(const YAML::Node& node, const std::string& path,
                                     const std::set<std::string>* skip) {
    Owned& self = nodes_.emplace_back();
    self.node.struct_size = sizeof(yz_node);
    // A map entry is located at its key (set by the caller); anything else where it starts.
    if (node.IsDefined() && marks_.count(path) == 0) marks_[path] = node.Mark();
    if (!node.IsDefined() || node.IsNull()) {
        self.node.kind = YZ_NODE_NULL;
    } else if (node.IsScalar()) {
        self.node.kind = YZ_NODE_SCALAR;
        self.text = node.Scalar();
    } else if (node.IsSequence()) {
        self.node.kind = YZ_NODE_LIST;
        std::size_t i = 0;
        for (const auto& child : node) {
            const std::string childPath = path + "[" + std::to_string(i++) + "]";
            self.children.push_back(&build(child, childPath, nullptr).node);
        }
    } else if (node.IsMap()) {
        self.node.kind = YZ_NODE_MAP;
        for (const auto& entry : node) {
            const std::string key = entry.first.Scalar();
            if (skip != nullptr && skip->count(key) > 0) continue;
            const std::string childPath = path.empty() ? key : path + "." + key;
            marks_[childPath] = entry.first.Mark();
            Owned& child = build(entry.second, childPath, nullptr);
            self.keys.push_back(key);
            self.children.push_back(&child.node);
        }
    }
    for (const auto& k : self.keys)
        self.keyViews.push_back(borrow(k));
    self.node.text = borrow(self.text);
    self.node.children = self.children.data();
    self.node.keys = self.keyViews.empty() ? nullptr : self.keyViews.data();
    self.node.child_count = static_cast<std::uint32_t>(self.children.size());
    return self;
}

YAML::Mark ConfigTree::locate(const std::string& path) const {
    std::string p = path;
    for (;;) {
        if (const auto it = marks_.find(p); it != marks_.end()) return it->second;
        if (p.empty()) return YAML::Mark();
        const auto cut = p.find_last_of(".[");
        p = cut == std::string::npos ? "" : p.substr(0, cut);
    }
}

} // namespace yanzhen::courses
