#include "ProgressService.hpp"

#include "EvidenceFields.hpp"

#include "store/CohortRepository.hpp"
#include "store/EvidenceRepository.hpp"

namespace yanzhen::services {

std::vector<EvidenceRecord> toRecords(const courses::Course& course,
                                      const std::vector<store::EvidenceRow>& rows) {
    std::vector<EvidenceRecord> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        // A course row names its module; a personal row names a plugin, and counts for every
        // module of the course that this plugin runs.
        for (const auto& m : course.modules) {
            const bool matches = r.courseId ? m.id == r.module : m.pluginId == r.module;
            if (!matches || !m.instance) continue;
            const PluginInfo& info = m.instance->plugin().info;
            const int kind = info.kindIndex(r.kind);
            if (kind < 0) continue;
            const EvidenceKind& k = info.kinds[static_cast<std::size_t>(kind)];
            auto values = decode(k, r.fields);
            EvidenceRecord record{r.personId, m.id, r.kind, r.ref, r.day, r.id, {}};
            record.fields.reserve(values.size());
            for (std::size_t i = 0; i < values.size(); ++i)
                record.fields.emplace_back(k.fields[i].name, std::move(values[i]));
            out.push_back(std::move(record));
        }
    }
    return out;
}

CourseProgress ProgressService::evaluate(store::Id person, const store::Cohort& cohort,
                                         const std::shared_ptr<const courses::Course>& course,
                                         std::int32_t today) {
    std::vector<store::EvidenceRow> own;
    std::vector<store::EvidenceRow> cohortRows;
    {
        auto r = db_.read();
        store::EvidenceRepository evidence(*r);
        own = evidence.current(person, course->id);
        // Only modules with a ranking leaf need everyone's rows.
        for (const auto& leaf : course->leaves)
            if (leaf.cohortScope) {
                auto more = evidence.currentForCohort(cohort.id, course->id, leaf.moduleId);
                cohortRows.insert(cohortRows.end(), more.begin(), more.end());
            }
    }
    const auto records = toRecords(*course, own);
    const auto everyone = toRecords(*course, cohortRows);
    ProgressInput input{today, person, records, everyone, {}};
    return ProgressCalculator(course).evaluate(input);
}

std::vector<CohortProgress> ProgressService::forPerson(store::Id person, std::int32_t today) {
    std::vector<store::Cohort> cohorts;
    {
        auto r = db_.read();
        cohorts = store::CohortRepository(*r).cohortsOf(person);
    }
    std::vector<CohortProgress> out;
    for (const auto& c : cohorts) {
        auto course = versions_.get(c.courseHash);
        auto progress = evaluate(person, c, course, today);
        out.push_back(CohortProgress{c, std::move(course), std::move(progress)});
    }
    return out;
}

} // namespace yanzhen::services
