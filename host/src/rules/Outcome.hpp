/// \file Outcome.hpp
/// What the RuleEngine answers: a tree mirroring the requirements, each node with its status,
/// progress and a sentence; and "what's left", the unmet leaves on the closest path.
#pragma once

#include "Requirement.hpp"

#include <yanzhen/evidence.hpp>

#include <string>
#include <vector>

namespace yanzhen::rules {

enum class Status { Met, InProgress, Unmet, Waived };

/// "met", "in_progress", "unmet", "waived".
const char* statusName(Status status);

/// Met or waived: nothing is left.
inline bool satisfied(Status status) {
    return status == Status::Met || status == Status::Waived;
}

struct Outcome {
    NodeKind kind = NodeKind::All;
    std::string id;
    Text label;
    Status status = Status::Unmet;
    double fraction = 0; ///< 0..1, how far along
    double have = 0;     ///< leaves: the plugin's figures; combinators: children met / needed
    double need = 0;
    std::string unit;
    Text sentence;      ///< leaves: the plugin's sentence; combinators: a summary
    std::string module; ///< leaves: the course module's id
    std::string leafType;
    bool closest = false; ///< the child an unmet `any`/`at_least` is closest to finishing through
    /// Unmet and can no longer be met with the rows still to come (RuleEngine::evaluate's
    /// `closed` leaves, and the nodes that needed them): its status is Unmet whatever its
    /// fraction.
    bool closed = false;
    /// The last day this outcome holds with no new row: the earliest of its leaves' days
    /// (LeafResult::holdsUntil; kOnlyToday from a plugin that does not say).
    std::int32_t holdsUntil = YZ_HOLDS_FOREVER;
    std::vector<Outcome> children;

    bool satisfied() const { return rules::satisfied(status); }
};

/// One thing a worker still has to do, in plain words.
struct LeftItem {
    std::string id;
    std::string module;
    Text label;
    Text sentence;
    double have = 0;
    double need = 0;
    std::string unit;
};

} // namespace yanzhen::rules
