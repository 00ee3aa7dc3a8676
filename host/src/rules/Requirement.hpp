/// \file Requirement.hpp
/// A course's requirements as a tree: `all`, `any`, `at_least {n, of}` and `ref` over leaves
/// that plugins evaluate. Built by the course loader, read by the RuleEngine; immutable.
#pragma once

#include <yanzhen/text.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace yanzhen::rules {

enum class NodeKind { All, Any, AtLeast, Ref, Leaf };

/// The schema's name for a node kind: "all", "any", "at_least", "ref", "leaf".
const char* nodeKindName(NodeKind kind);

/// Where a leaf is evaluated: the course module and the plugin's compiled leaf.
struct LeafBinding {
    std::size_t index = 0;    ///< the leaf's position in Course::leaves, and in leaf results
    std::size_t module = 0;   ///< index into Course::modules
    std::string moduleId;     ///< that module's id, for what a person reads
    std::string type;         ///< the plugin's leaf type, e.g. "hours"
    int handle = -1;          ///< the plugin's handle for it
    bool cohortScope = false; ///< needs the whole cohort's evidence (rankings)
};

struct Node {
    NodeKind kind = NodeKind::All;
    std::string id; ///< required on leaves; optional on combinators
    Text label;
    int line = 0; ///< where the node is written (1-based), for messages
    int column = 0;
    std::vector<Node> children; ///< All, Any, AtLeast
    std::size_t atLeast = 0;    ///< AtLeast: how many children must be met
    std::string ref;            ///< Ref: the name of another requirement set
    LeafBinding leaf;           ///< Leaf
    /// An equivalence: when this node is met, the node it hangs on counts as met ("waived"),
    /// e.g. holding the national assistant certificate waives the district's written test.
    std::shared_ptr<const Node> waivedBy;
};

/// A named requirement set: `completion`, `licence_to_practise` ...
struct RequirementSet {
    std::string name;
    Text label;
    Node root;
};

using RequirementSets = std::map<std::string, RequirementSet>;

} // namespace yanzhen::rules
