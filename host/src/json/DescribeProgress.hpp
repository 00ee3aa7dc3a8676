/// \file DescribeProgress.hpp
/// Progress as JSON, for `yanzhen progress --json` and the HTTP API alike.
#pragma once

#include "services/progress/ProgressService.hpp"
#include "services/reports/CohortMembers.hpp"

#include "rules/Outcome.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <vector>

namespace yanzhen::json {

/// An outcome tree: kind, id, label, status, fraction, have/need/unit, sentence, children.
Poco::JSON::Object::Ptr describe(const rules::Outcome& outcome);
/// One cohort's progress: the cohort, its course version, a bar per module, every set's tree,
/// and what's left for every set not yet met.
Poco::JSON::Object::Ptr describe(const services::CohortProgress& progress);
/// What's left, as the progress answer lists it: [{id, module, label, sentence, have, need,
/// unit?}] (also the details of a refused certificate).
Poco::JSON::Array::Ptr describeLeft(const std::vector<rules::LeftItem>& left);
/// A member of a cohort as the members list shows them: {worker {id, code, name}, behind,
/// sets {name: {status, fraction, behind}}, left {name: [what's left]} for the sets not met}.
Poco::JSON::Object::Ptr describe(const services::MemberStanding& member);

} // namespace yanzhen::json
