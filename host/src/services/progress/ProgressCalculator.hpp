/// \file ProgressCalculator.hpp
/// A worker's progress in one course: evidence in, the requirement outcomes and what's left out.
/// A pure function of the course version, the evidence, the waivers and the date.
#pragma once

#include "courses/Course.hpp"
#include "plugins/EvidenceBatch.hpp"
#include "rules/Outcome.hpp"
#include "rules/RuleEngine.hpp"

#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace yanzhen::services {

/// One evidence record as the host keeps it: about one worker, for one module of a course.
struct EvidenceRecord {
    std::int64_t worker = 0;
    std::string module; ///< the course module's id
    std::string kind;   ///< one of the module plugin's evidence kinds
    std::string ref;
    std::int32_t day = 0;
    std::int64_t seq = 0;
    std::vector<std::pair<std::string, plugins::FieldValue>> fields; ///< by field name
};

/// The cohort's records of the modules that rank, laid out for their plugins once
/// (ProgressCalculator::cohortBatches), by module index: evaluating every member of a cohort
/// on one set of batches saves re-laying the whole cohort's rows for each member. Only read
/// once built, so threads may share them.
using CohortBatches = std::vector<plugins::EvidenceBatch>;

struct ProgressInput {
    std::int32_t today = 0;
    std::int64_t worker = 0;
    std::span<const EvidenceRecord> rows;       ///< the worker's own records
    std::span<const EvidenceRecord> cohortRows; ///< everyone in the cohort, for ranking leaves
    std::set<std::string> waived;               ///< node ids waived for this worker
    /// cohortRows already laid out (then cohortRows is not read); null: laid out per call.
    const CohortBatches* cohortBatches = nullptr;
    /// The cohort's last day (store::Cohort::endsOn). A module that ranks the cohort holds
    /// its contests inside it: after this day its unmet leaves can no longer be met and read
    /// "unmet", not "in progress" (rules::Outcome::closed). YZ_HOLDS_FOREVER: no end.
    std::int32_t cohortEnds = YZ_HOLDS_FOREVER;
};

struct ModuleProgress {
    std::string module;
    Text title;
    double fraction = 0; ///< mean over the module's leaves
    std::size_t leavesMet = 0;
    std::size_t leaves = 0;
};

struct CourseProgress {
    std::map<std::string, rules::Outcome> sets; ///< every requirement set, by name
    std::vector<ModuleProgress> modules;        ///< one bar per module
    /// The evaluation day, and the last day on which all of this stays as it is if nothing is
    /// written (the earliest of every leaf's LeafResult::holdsUntil, and never before `day`).
    std::int32_t day = 0;
    std::int32_t holdsUntil = 0;
};

class ProgressCalculator {
public:
    explicit ProgressCalculator(std::shared_ptr<const courses::Course> course)
        : course_(std::move(course)) {}

    /// Every leaf's result, indexed by LeafBinding::index. One plugin call per module.
    /// Throws plugins::PluginCallError when a plugin fails, std::invalid_argument for a record
    /// whose module or kind the course does not have.
    std::vector<LeafResult> evaluateLeaves(const ProgressInput& input) const;

    /// Every requirement set's outcome and the per-module bars; with Words::None the outcomes
    /// carry figures and statuses only (rules::Words).
    CourseProgress evaluate(const ProgressInput& input,
                            rules::Words words = rules::Words::Full) const;

    /// `cohortRows` laid out for the modules with ranking leaves, for ProgressInput; none when
    /// there are no rows (the leaves then rank the worker's own rows, as without batches).
    CohortBatches cohortBatches(std::span<const EvidenceRecord> cohortRows) const;

private:
    /// After input.cohortEnds, the unmet leaves of the modules that rank the cohort, closed
    /// (by leaf index) and their sentences saying when the cohort ended; before it, their
    /// holdsUntil bounded by that day. Empty when nothing is closed.
    std::vector<bool> closeEndedContests(const ProgressInput& input,
                                         std::vector<LeafResult>& leaves) const;

    std::shared_ptr<const courses::Course> course_;
};

} // namespace yanzhen::services
