#include "services/progress/ProgressCalculator.hpp"

#include "rules/RuleEngine.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <stdexcept>

namespace yanzhen::services {

namespace {

/// Adds `records` of module `m` to `batch`, values put in the order the plugin declared.
void fill(plugins::EvidenceBatch& batch, const courses::CourseModule& m,
          std::span<const EvidenceRecord> records) {
    const PluginInfo& info = m.instance->plugin().info;
    for (const auto& r : records) {
        if (r.module != m.id) continue;
        const int kind = info.kindIndex(r.kind);
        if (kind < 0)
            throw std::invalid_argument("module '" + m.id + "' has no evidence kind '" + r.kind +
                                        "'");
        const auto& fields = info.kinds[static_cast<std::size_t>(kind)].fields;
        std::vector<plugins::FieldValue> values(fields.size());
        for (const auto& [name, value] : r.fields) {
            const int i = info.kinds[static_cast<std::size_t>(kind)].fieldIndex(name);
            if (i >= 0) values[static_cast<std::size_t>(i)] = value;
        }
        batch.add(static_cast<std::uint32_t>(kind), fields, r.worker, r.ref, r.day, r.seq,
                  std::move(values));
    }
}

} // namespace

std::vector<LeafResult> ProgressCalculator::evaluateLeaves(const ProgressInput& input) const {
    std::vector<LeafResult> results(course_->leaves.size());
    for (const auto& r : input.rows)
        if (course_->module(r.module) == nullptr)
            throw std::invalid_argument("course '" + course_->id + "' has no module '" + r.module +
                                        "'");
    for (std::size_t m = 0; m < course_->modules.size(); ++m) {
        const auto& module = course_->modules[m];
        std::vector<std::int32_t> workerHandles;
        std::vector<std::size_t> workerIndices;
        std::vector<std::int32_t> cohortHandles;
        std::vector<std::size_t> cohortIndices;
        for (const auto& leaf : course_->leaves) {
            if (leaf.module != m) continue;
            (leaf.cohortScope ? cohortHandles : workerHandles).push_back(leaf.handle);
            (leaf.cohortScope ? cohortIndices : workerIndices).push_back(leaf.index);
        }
        auto evaluateOn = [&](const plugins::EvidenceBatch& batch,
                              const std::vector<std::int32_t>& handles,
                              const std::vector<std::size_t>& indices) {
            const auto out =
                module.instance->evaluate(batch.input(input.today, input.worker), handles);
            for (std::size_t i = 0; i < indices.size(); ++i)
                results[indices[i]] = out[i];
        };
        auto run = [&](std::span<const EvidenceRecord> records,
                       const std::vector<std::int32_t>& handles,
                       const std::vector<std::size_t>& indices) {
            if (handles.empty()) return;
            plugins::EvidenceBatch batch;
            fill(batch, module, records);
            evaluateOn(batch, handles, indices);
        };
        run(input.rows, workerHandles, workerIndices);
        if (input.cohortBatches != nullptr && !input.cohortBatches->empty() &&
            !cohortHandles.empty())
            evaluateOn(input.cohortBatches->at(m), cohortHandles, cohortIndices);
        else
            run(input.cohortRows.empty() ? input.rows : input.cohortRows, cohortHandles,
                cohortIndices);
    }
    return results;
}

CohortBatches ProgressCalculator::cohortBatches(std::span<const EvidenceRecord> cohortRows) const {
    // No cohort rows: the ranking leaves fall back to the worker's own rows, per call.
    if (cohortRows.empty()) return {};
    CohortBatches out(course_->modules.size());
    for (const auto& leaf : course_->leaves)
        if (leaf.cohortScope && out[leaf.module].size() == 0)
            fill(out[leaf.module], course_->modules[leaf.module], cohortRows);
    return out;
}

std::vector<bool> ProgressCalculator::closeEndedContests(const ProgressInput& input,
                                                         std::vector<LeafResult>& leaves) const {
    std::vector<bool> closed;
    if (input.cohortEnds == YZ_HOLDS_FOREVER) return closed;
    std::vector<bool> ranks(course_->modules.size(), false);
    for (const auto& leaf : course_->leaves)
        if (leaf.cohortScope) ranks[leaf.module] = true;
    const bool ended = input.today > input.cohortEnds;
    const std::string last = formatDay(input.cohortEnds);
    for (const auto& leaf : course_->leaves) {
        LeafResult& r = leaves[leaf.index];
        if (!ranks[leaf.module] || r.met) continue;
        if (!ended) {
            // It closes the day after the cohort's last: that is a change with no new row.
            r.holdsUntil = std::min(r.holdsUntil, input.cohortEnds);
            continue;
        }
        if (closed.empty()) closed.resize(leaves.size(), false);
        closed[leaf.index] = true;
        r.sentence.zh += "（班次已于 " + last + " 结束）";
        r.sentence.en += " (the cohort ended on " + last + ")";
    }
    return closed;
}

CourseProgress ProgressCalculator::evaluate(const ProgressInput& input, rules::Words words) const {
    auto leaves = evaluateLeaves(input);
    const auto closed = closeEndedContests(input, leaves);
    CourseProgress progress;
    progress.day = input.today;
    progress.holdsUntil = YZ_HOLDS_FOREVER;
    for (const auto& r : leaves)
        progress.holdsUntil = std::min(progress.holdsUntil, r.holdsUntil);
    progress.holdsUntil = std::max(progress.holdsUntil, input.today);
    const rules::RuleEngine engine(course_->requirements);
    for (const auto& [name, _] : course_->requirements)
        progress.sets.emplace(name, engine.evaluate(name, leaves, input.waived, words, closed));
    for (std::size_t m = 0; m < course_->modules.size(); ++m) {
        ModuleProgress bar{course_->modules[m].id, course_->modules[m].title};
        double sum = 0;
        for (const auto& leaf : course_->leaves) {
            if (leaf.module != m) continue;
            const LeafResult& r = leaves[leaf.index];
            ++bar.leaves;
            bar.leavesMet += r.met ? 1 : 0;
            sum += rules::leafFraction(r);
        }
        bar.fraction = bar.leaves == 0 ? 0 : sum / static_cast<double>(bar.leaves);
        progress.modules.push_back(std::move(bar));
    }
    return progress;
}

} // namespace yanzhen::services
