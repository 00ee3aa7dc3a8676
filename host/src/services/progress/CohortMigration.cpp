#include "services/progress/CohortMigration.hpp"

#include <stdexcept>

namespace yanzhen::services {

namespace {

store::Cohort cohortOrThrow(store::Store& store, store::Id id) {
    const auto c = store.read()->cohorts().find(id);
    if (!c) throw std::invalid_argument("no cohort " + std::to_string(id));
    return *c;
}

/// A cohort's version and the one it would move to.
struct VersionPair {
    std::shared_ptr<const courses::Course> from;
    std::shared_ptr<const courses::Course> to;
};

/// The version `cohort` is on and the version `toHash`; throws std::invalid_argument when
/// `toHash` is another course's version.
VersionPair sameCourseVersions(CourseVersions& versions, const store::Cohort& cohort,
                               const std::string& toHash) {
    VersionPair v{versions.get(cohort.courseHash), versions.get(toHash)};
    if (v.from->id != v.to->id)
        throw std::invalid_argument("version " + toHash.substr(0, 12) + " is of course '" +
                                    v.to->id + "', not '" + v.from->id + "'");
    return v;
}

} // namespace

MigrationPreview previewMigration(store::Store& store, CourseVersions& versions, store::Id cohortId,
                                  const std::string& toHash, std::int32_t today) {
    const store::Cohort cohort = cohortOrThrow(store, cohortId);
    const auto [from, to] = sameCourseVersions(versions, cohort, toHash);
    MigrationPreview preview{from->hash, to->hash};
    for (const auto& [name, _] : from->requirements)
        if (!to->requirements.count(name)) preview.setsRemoved.push_back(name);
    for (const auto& [name, _] : to->requirements)
        if (!from->requirements.count(name)) preview.setsAdded.push_back(name);

    const std::vector<store::Id> members = store.read()->cohorts().members(cohortId);
    preview.members = members.size();
    ProgressService progress(store, versions);
    for (const store::Id person : members) {
        const auto before = progress.evaluate(person, cohort, from, today);
        const auto after = progress.evaluate(person, cohort, to, today);
        std::optional<store::Person> who;
        for (const auto& [set, outcome] : before.sets) {
            const auto it = after.sets.find(set);
            if (it == after.sets.end() || it->second.status == outcome.status) continue;
            if (!who) who = store.read()->people().find(person);
            preview.changes.push_back(StatusChange{person, who ? who->code : "",
                                                   who ? who->name : "", set, outcome.status,
                                                   it->second.status});
        }
    }
    return preview;
}

void migrateCohort(store::Store& store, CourseVersions& versions, const std::string& actor,
                   store::Id cohortId, const std::string& toHash) {
    const store::Cohort cohort = cohortOrThrow(store, cohortId);
    sameCourseVersions(versions, cohort, toHash); // throws for another course's version
    if (cohort.courseHash == toHash)
        throw std::invalid_argument("the cohort is already on version " + toHash.substr(0, 12));
    store.write(actor, [&](store::WriteUnit& unit) {
        unit.cohorts().repin(cohortId, toHash, cohort.courseHash);
    });
}

} // namespace yanzhen::services
