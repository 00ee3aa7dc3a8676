#include "services/people/PeopleService.hpp"

#include "store/CohortRepository.hpp"
#include "store/EvidenceRepository.hpp"
#include "store/ReadSnapshot.hpp"

namespace yanzhen::services {

std::optional<Person> PeopleService::find(Id id) {
    auto r = db_.read();
    return store::PeopleRepository(*r).find(id);
}

std::optional<Person> PeopleService::resolve(const std::string& idOrCode) {
    auto r = db_.read();
    return store::PeopleRepository(*r).resolve(idOrCode);
}

std::vector<std::optional<Person>> PeopleService::resolveAll(const std::vector<std::string>& refs) {
    auto r = db_.read();
    const store::ReadSnapshot snapshot(r);
    store::PeopleRepository people(*r);
    std::vector<std::optional<Person>> out;
    out.reserve(refs.size());
    for (const auto& ref : refs)
        out.push_back(people.resolve(ref));
    return out;
}

std::vector<Person> PeopleService::findAll(const std::vector<Id>& ids) {
    auto r = db_.read();
    const store::ReadSnapshot snapshot(r);
    store::PeopleRepository people(*r);
    std::vector<Person> out;
    out.reserve(ids.size());
    for (const auto id : ids)
        if (auto p = people.find(id)) out.push_back(std::move(*p));
    return out;
}

PeoplePage PeopleService::list(const PeopleQuery& query) {
    auto r = db_.read();
    const store::ReadSnapshot snapshot(r); // the total counts the same rows the page shows
    store::PeopleRepository people(*r);
    PeoplePage page;
    page.items = people.list(query);
    page.total = people.count(query);
    return page;
}

std::vector<Cohort> PeopleService::cohortsOf(Id person) {
    auto r = db_.read();
    return store::CohortRepository(*r).cohortsOf(person);
}

std::optional<WorkerFile> PeopleService::file(const std::string& idOrCode) {
    auto r = db_.read();
    const store::ReadSnapshot snapshot(r);
    store::PeopleRepository people(*r);
    auto p = people.resolve(idOrCode);
    if (!p) return std::nullopt;
    WorkerFile f;
    f.unit = p->orgUnitId ? people.orgUnit(*p->orgUnitId) : std::nullopt;
    f.cohorts = store::CohortRepository(*r).cohortsOf(p->id);
    f.evidence = store::EvidenceRepository(*r).history(p->id);
    f.person = std::move(*p);
    return f;
}

std::vector<OrgUnit> PeopleService::orgUnits() {
    auto r = db_.read();
    return store::PeopleRepository(*r).orgUnits();
}

std::optional<OrgUnit> PeopleService::orgUnitByCode(const std::string& code) {
    auto r = db_.read();
    return store::PeopleRepository(*r).orgUnitByCode(code);
}

} // namespace yanzhen::services
