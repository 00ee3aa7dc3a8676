/// \file RuleEngine.hpp
/// Combines leaf results into a requirement set's outcome. Pure: the same sets, leaf results
/// and waivers give the same outcome; no clock, no I/O. Thread-safe (it holds only const data).
#pragma once

#include "Outcome.hpp"
#include "Requirement.hpp"

#include <yanzhen/evidence.hpp>

#include <set>
#include <span>
#include <string>
#include <vector>

namespace yanzhen::rules {

/// How much of the tree to describe: every node's label and sentence, or only the figures
/// (status, fraction, have, need) that a count over a million workers needs. Words were a
/// sixth of a full recompute, and a count never shows them.
enum class Words { Full, None };

/// How far a leaf is along: 1 when met, else have / need held below 1 (an unmet leaf is never
/// "100 %"), 0 when it needs nothing it can count. Both a requirement set's fraction and a
/// module's bar are made of it.
double leafFraction(const LeafResult& r);

class RuleEngine {
public:
    /// The engine reads `sets` (which must outlive it); `ref` cycles were refused at load.
    explicit RuleEngine(const RequirementSets& sets) : sets_(sets) {}

    /// Evaluates set `name`. `leaves[i]` is the result of the leaf whose LeafBinding::index is i.
    /// `waived` holds node ids an administrator waived for this worker. Throws
    /// std::out_of_range for an unknown set. `closed[i]` marks a leaf that can no longer be
    /// met (a contest of a cohort that has ended): unmet, not "in progress", whatever it has;
    /// and so is every node that can no longer be met without it. Empty: none is closed.
    Outcome evaluate(const std::string& name, std::span<const LeafResult> leaves,
                     const std::set<std::string>& waived = {}, Words words = Words::Full,
                     const std::vector<bool>& closed = {}) const;

    /// The unmet leaves on the closest path to meeting `outcome`: every unmet child of an
    /// `all`; the closest child of an unmet `any`; the closest missing children of an unmet
    /// `at_least`. Empty when the outcome is met or waived.
    static std::vector<LeftItem> whatsLeft(const Outcome& outcome);

private:
    Outcome evaluateNode(const Node& node, std::span<const LeafResult> leaves,
                         const std::vector<bool>& closed, const std::set<std::string>& waived,
                         int depth, Words words) const;

    const RequirementSets& sets_;
};

} // namespace yanzhen::rules
