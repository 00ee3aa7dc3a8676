/// \file DemoOutcome.hpp
/// A district measured the way source-article.txt measures Jiangyuan: how many social-worker
/// posts hold the national certificate, how many party-affairs workers have the licence to
/// practise. Evaluated with the real rules and plugins on each cohort's pinned course version,
/// so that it checks the records as stored, not what the demo generator meant them to say.
#pragma once

#include "services/progress/CourseVersions.hpp"

#include "store/Store.hpp"

#include <cstdint>

namespace yanzhen::demo {

struct DemoOutcome {
    std::size_t socialWorkers = 0;
    /// Social workers holding a national credential in force on the day (the course's `holds`
    /// leaf, as the licence's equivalence reads it).
    std::size_t nationalHolders = 0;
    std::size_t partyAffairs = 0;
    /// Party-affairs workers meeting `licence_to_practise` in their newest cohort.
    std::size_t licensed = 0;
    /// Of those, the ones whose district tests the national certificate stood in for.
    std::size_t licensedByEquivalence = 0;
    /// Party-affairs workers whose newest cohort has not ended by the day.
    std::size_t inTraining = 0;
};

/// Evaluates everyone holding a social_worker or party_affairs post on `today` (days since
/// 1970-01-01). Throws std::runtime_error when a cohort's course version no longer loads, and
/// plugins::PluginCallError when a plugin fails.
DemoOutcome evaluateDemo(store::Store& store, services::CourseVersions& versions,
                         std::int32_t today);

} // namespace yanzhen::demo
