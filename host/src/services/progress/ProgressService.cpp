#include "services/progress/ProgressService.hpp"

#include "services/evidence/CanonicalFields.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

namespace yanzhen::services {

namespace {

void appendRecords(const courses::Course& course, const store::EvidenceRow& r,
                   std::vector<EvidenceRecord>& out) {
    // A course row names its module; a personal row names a plugin, and counts for every
    // module of the course that this plugin runs.
    for (const auto& m : course.modules) {
        const bool matches = r.courseId ? m.id == r.module : m.pluginId == r.module;
        if (!matches || !m.instance) continue;
        const PluginInfo& info = m.instance->plugin().info;
        const int kind = info.kindIndex(r.kind);
        if (kind < 0) continue;
        const EvidenceKind& k = info.kinds[static_cast<std::size_t>(kind)];
        auto values = decodeCanonical(k, r.fields);
        EvidenceRecord record{r.personId, m.id, r.kind, r.ref, r.day, r.id, {}};
        record.fields.reserve(values.size());
        for (std::size_t i = 0; i < values.size(); ++i)
            record.fields.emplace_back(k.fields[i].name, std::move(values[i]));
        out.push_back(std::move(record));
    }
}

CourseProgress evaluateRecords(const std::shared_ptr<const courses::Course>& course,
                               const store::Cohort& cohort, store::Id person, std::int32_t today,
                               const std::vector<EvidenceRecord>& own,
                               const std::vector<EvidenceRecord>& everyone,
                               const CohortBatches* batches = nullptr,
                               rules::Words words = rules::Words::Full) {
    ProgressInput input{today, person, own, everyone, {}, batches};
    input.cohortEnds = parseDay(cohort.endsOn).value_or(YZ_HOLDS_FOREVER);
    return ProgressCalculator(course).evaluate(input, words);
}

} // namespace

std::set<std::string> rankedModules(const courses::Course& course) {
    std::set<std::string> out;
    for (const auto& leaf : course.leaves)
        if (leaf.cohortScope) out.insert(course.modules[leaf.module].id);
    return out;
}

std::vector<EvidenceRecord> toRecords(const courses::Course& course,
                                      const std::vector<store::EvidenceRow>& rows) {
    std::vector<EvidenceRecord> out;
    out.reserve(rows.size());
    for (const auto& r : rows)
        appendRecords(course, r, out);
    return out;
}

CourseProgress ProgressService::evaluate(store::Id person, const store::Cohort& cohort,
                                         const std::shared_ptr<const courses::Course>& course,
                                         std::int32_t today) {
    std::vector<store::EvidenceRow> own;
    std::vector<store::EvidenceRow> cohortRows;
    {
        auto reads = store_.readProgress();
        reads->current(person, course->id, own);
        for (const auto& module : rankedModules(*course))
            reads->currentForCohort(cohort.id, course->id, module, cohortRows);
    }
    return evaluateRecords(course, cohort, person, today, toRecords(*course, own),
                           toRecords(*course, cohortRows));
}

CohortProgress ProgressService::evaluateIn(store::ProgressSnapshot& reads, store::Id person,
                                           store::Cohort cohort, std::int32_t today) {
    auto course = versions_.get(cohort.courseHash);
    std::vector<store::EvidenceRow> own;
    std::vector<store::EvidenceRow> everyone;
    reads.current(person, course->id, own);
    for (const auto& module : rankedModules(*course))
        reads.currentForCohort(cohort.id, course->id, module, everyone);
    auto progress = evaluateRecords(course, cohort, person, today, toRecords(*course, own),
                                    toRecords(*course, everyone));
    return CohortProgress{std::move(cohort), std::move(course), std::move(progress)};
}

std::vector<CohortProgress> ProgressService::forPerson(store::Id person, std::int32_t today) {
    return gatherAndEvaluate(person, today, nullptr);
}

std::optional<WorkerProgress> ProgressService::ofWorker(store::Id person, std::int32_t today) {
    std::optional<store::Person> who;
    auto cohorts = gatherAndEvaluate(person, today, &who);
    if (!who) return std::nullopt;
    return WorkerProgress{std::move(*who), std::move(cohorts)};
}

/// forPerson(), and the person themself into `who` when asked (in the same snapshot as their
/// rows; when there is no such person, nothing more is read).
std::vector<CohortProgress> ProgressService::gatherAndEvaluate(store::Id person, std::int32_t today,
                                                               std::optional<store::Person>* who) {
    struct Gathered {
        store::Cohort cohort;
        std::shared_ptr<const courses::Course> course;
        std::vector<store::EvidenceRow> own;
        std::vector<store::EvidenceRow> everyone;
    };
    std::vector<Gathered> gathered;
    {
        // One pooled connection for the whole read, statements prepared on it once, and one
        // snapshot: the worker's rows and the cohort's are of the same moment.
        auto reads = store_.readProgress();
        if (who) {
            *who = reads->person(person);
            if (!*who) return {};
        }
        for (auto& c : reads->cohortsOf(person)) {
            Gathered g{std::move(c), nullptr, {}, {}};
            g.course = versions_.get(g.cohort.courseHash);
            reads->current(person, g.course->id, g.own);
            for (const auto& module : rankedModules(*g.course))
                reads->currentForCohort(g.cohort.id, g.course->id, module, g.everyone);
            gathered.push_back(std::move(g));
        }
    }
    std::vector<CohortProgress> out;
    out.reserve(gathered.size());
    for (auto& g : gathered) {
        auto progress =
            evaluateRecords(g.course, g.cohort, person, today, toRecords(*g.course, g.own),
                            toRecords(*g.course, g.everyone));
        out.push_back(
            CohortProgress{std::move(g.cohort), std::move(g.course), std::move(progress)});
    }
    return out;
}

RecomputeSummary
ProgressService::recomputeAll(const RecomputeOptions& options,
                              const std::function<void(store::Id, const CohortProgress&)>& each) {
    const auto started = std::chrono::steady_clock::now();
    struct Target {
        store::Cohort cohort;
        std::shared_ptr<const courses::Course> course;
        std::vector<EvidenceRecord> everyone; ///< the ranked modules' rows of all members
        CohortBatches batches;                ///< `everyone` laid out once for the plugins
    };
    std::unordered_map<store::Id, Target> targets;
    std::vector<std::pair<store::Id, store::Id>> enrolments; // (person, cohort), by person
    {
        auto reads = store_.readProgress();
        for (auto& c : reads->cohorts()) {
            if (options.cohort && c.id != *options.cohort) continue;
            auto course = versions_.get(c.courseHash);
            const store::Id id = c.id;
            targets.emplace(id, Target{std::move(c), std::move(course), {}});
        }
        for (const auto& e : reads->enrolments())
            if (targets.count(e.second) != 0) enrolments.push_back(e);
        // Rankings need every member's rows of the ranked modules before anyone's turn: one
        // read per cohort through the (person, course, module) index, a few rows each.
        std::vector<store::EvidenceRow> rows;
        for (auto& [id, t] : targets)
            for (const auto& module : rankedModules(*t.course)) {
                rows.clear();
                reads->currentForCohort(id, t.course->id, module, rows);
                for (const auto& row : rows)
                    appendRecords(*t.course, row, t.everyone);
            }
    }
    // Laid out once per cohort here, not once per member (that was a tenth of a recompute).
    for (auto& [id, t] : targets)
        t.batches = ProgressCalculator(t.course).cohortBatches(t.everyone);

    // Counting needs the statuses only; whoever sees each result gets every word of it.
    const rules::Words words = each ? rules::Words::Full : rules::Words::None;
    RecomputeSummary summary;
    std::mutex merge;
    std::exception_ptr failure;
    // Split the enrolled people into contiguous ranges, one per thread.
    const unsigned threads = std::max(1U, options.threads);
    std::vector<store::Id> bounds;
    for (unsigned t = 0; t <= threads; ++t) {
        const std::size_t i = enrolments.size() * t / threads;
        bounds.push_back(i < enrolments.size()
                             ? enrolments[i].first
                             : (enrolments.empty() ? 0 : enrolments.back().first + 1));
    }
    auto work = [&](store::Id from, store::Id to) {
        RecomputeSummary mine;
        try {
            auto next = std::lower_bound(enrolments.begin(), enrolments.end(),
                                         std::pair<store::Id, store::Id>{from, 0});
            // Evaluates `person` (with `rows`, their current rows, oldest first) in each of
            // their cohorts.
            auto evaluatePerson = [&](store::Id person,
                                      const std::vector<store::EvidenceRow>& rows) {
                bool counted = false;
                for (; next != enrolments.end() && next->first == person; ++next) {
                    const Target& t = targets.at(next->second);
                    std::vector<EvidenceRecord> own;
                    for (const auto& row : rows)
                        if (!row.courseId || *row.courseId == t.course->id)
                            appendRecords(*t.course, row, own);
                    CohortProgress p{t.cohort, t.course,
                                     evaluateRecords(t.course, t.cohort, person, options.today, own,
                                                     t.everyone, &t.batches, words)};
                    for (const auto& [name, outcome] : p.progress.sets)
                        ++mine.statuses[{t.course->id, name}]
                                       [static_cast<std::size_t>(outcome.status)];
                    ++mine.evaluations;
                    counted = true;
                    if (each) each(person, p);
                }
                if (counted) ++mine.workers;
            };
            // Enrolled people before `person` that had no evidence at all.
            const std::vector<store::EvidenceRow> none;
            auto evaluateWithout = [&](store::Id before) {
                while (next != enrolments.end() && next->first < before)
                    evaluatePerson(next->first, none);
            };
            store_.readProgress()->forEachEnrolledCurrent(
                from, to, options.cohort, [&](std::vector<store::EvidenceRow>& rows) {
                    const store::Id person = rows.front().personId;
                    evaluateWithout(person);
                    evaluatePerson(person, rows);
                    mine.rows += rows.size();
                });
            evaluateWithout(to);
        } catch (...) {
            std::lock_guard lock(merge);
            failure = std::current_exception();
        }
        std::lock_guard lock(merge);
        summary.workers += mine.workers;
        summary.evaluations += mine.evaluations;
        summary.rows += mine.rows;
        for (const auto& [key, counts] : mine.statuses)
            for (std::size_t s = 0; s < counts.size(); ++s)
                summary.statuses[key][s] += counts[s];
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, bounds[t], bounds[t + 1]);
    work(bounds[0], bounds[1]);
    for (auto& th : pool)
        th.join();
    if (failure) std::rethrow_exception(failure);
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

} // namespace yanzhen::services
