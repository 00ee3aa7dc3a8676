/// \file ConfigTree.hpp
/// A YAML node turned into the ABI's yz_node tree for a plugin, remembering where in the file
/// each path ("units[2].hours") was written, so that a plugin's diagnostic can be reported at
/// its line and column.
#pragma once

#include <yanzhen/abi.h>

#include <yaml-cpp/yaml.h>

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace yanzhen::courses {

class ConfigTree {
public:
    /// Copies `node` (and everything below it). Keys of the root map listed in `skipRootKeys`
    /// are left out: a leaf's `id` and `label` belong to the host, not to the plugin.
    /// `rootMark` is where a problem with the whole node is reported (a missing key): the key
    /// that introduces it, rather than its first child.
    ConfigTree(const YAML::Node& node, const YAML::Mark& rootMark,
               const std::set<std::string>& skipRootKeys = {});
    ConfigTree(const ConfigTree&) = delete;
    ConfigTree& operator=(const ConfigTree&) = delete;

    /// The tree, valid while this object lives.
    const yz_node* root() const { return &nodes_.front().node; }

    /// Where `path` was written; for a path that is not there (a missing key), where its
    /// nearest written ancestor was.
    YAML::Mark locate(const std::string& path) const;

private:
    struct Owned {
        yz_node node{};
        std::string text;
        std::vector<const yz_node*> children;
        std::vector<std::string> keys;
        std::vector<yz_str> keyViews;
    };
    Owned& build(const YAML::Node& node, const std::string& path,
                 const std::set<std::string>* skip);

    std::deque<Owned> nodes_; ///< a deque: building a child never moves its parent
    std::map<std::string, YAML::Mark> marks_;
};

} // namespace yanzhen::courses
