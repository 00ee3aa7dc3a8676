#include "services/progress/CohortMigration.hpp"

#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/PeopleRepository.hpp"

#include <stdexcept>

namespace yanzhen::services {

namespace {

store::Cohort cohortOrThrow(store::Database& db, store::Id id) {
    auto r = db.read();
    const auto c = store::CohortRepository(*r).find(id);
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

MigrationPreview previewMigration(store::Database& db, CourseVersions& versions, store::Id cohortId,
                                  const std::string& toHash, std::int32_t today) {
    const store::Cohort cohort = cohortOrThrow(db, cohortId);
    const auto [from, to] = sameCourseVersions(versions, cohort, toHash);
    MigrationPreview preview{from->hash, to->hash};
    for (const auto& [name, _] : from->requirements)
        if (!to->requirements.count(name)) preview.setsRemoved.push_back(name);
    for (const auto& [name, _] : to->requirements)
        if (!from->requirements.count(name)) preview.setsAdded.push_back(name);

    std::vector<store::Id> members;
    {
        auto r = db.read();
        members = store::CohortRepository(*r).members(cohortId);
    }
    preview.members = members.size();
    ProgressService progress(db, versions);
    for (const store::Id person : members) {
        const auto before = progress.evaluate(person, cohort, from, today);
        const auto after = progress.evaluate(person, cohort, to, today);
        std::optional<store::Person> who;
        for (const auto& [set, outcome] : before.sets) {
            const auto it = after.sets.find(set);
            if (it == after.sets.end() || it->second.status == outcome.status) continue;
            if (!who) {
                auto r = db.read();
                who = store::PeopleRepository(*r).find(person);
            }
            preview.changes.push_back(StatusChange{person, who ? who->code : "",
                                                   who ? who->name : "", set, outcome.status,
                                                   it->second.status});
        }
    }
    return preview;
}

void migrateCohort(store::Database& db, CourseVersions& versions, const std::string& actor,
                   store::Id cohortId, const std::string& toHash) {
    const store::Cohort cohort = cohortOrThrow(db, cohortId);
    sameCourseVersions(versions, cohort, toHash); // throws for another course's version
    if (cohort.courseHash == toHash)
        throw std::invalid_argument("the cohort is already on version " + toHash.substr(0, 12));
    db.write(actor, [&](store::WriteTransaction& tx) {
        store::CohortRepository(tx.session()).repin(tx, cohortId, toHash, cohort.courseHash);
    });
}

} // namespace yanzhen::services
