#include "services/people/PeopleService.hpp"

namespace yanzhen::services {

std::optional<Person> PeopleService::find(Id id) {
    auto r = store_.read();
    return r->people().find(id);
}

std::optional<Person> PeopleService::resolve(const std::string& idOrCode) {
    auto r = store_.read();
    return r->people().resolve(idOrCode);
}

std::vector<std::optional<Person>> PeopleService::resolveAll(const std::vector<std::string>& refs) {
    auto r = store_.read();
    auto& people = r->people();
    std::vector<std::optional<Person>> out;
    out.reserve(refs.size());
    for (const auto& ref : refs)
        out.push_back(people.resolve(ref));
    return out;
}

std::vector<Person> PeopleService::findAll(const std::vector<Id>& ids) {
    auto r = store_.read();
    auto& people = r->people();
    std::vector<Person> out;
    out.reserve(ids.size());
    for (const auto id : ids)
        if (auto p = people.find(id)) out.push_back(std::move(*p));
    return out;
}

PeoplePage PeopleService::list(const PeopleQuery& query) {
    auto r = store_.read();
    auto& people = r->people();
    PeoplePage page;
    page.items = people.list(query);
    page.total = people.count(query);
    return page;
}

std::vector<Cohort> PeopleService::cohortsOf(Id person) {
    auto r = store_.read();
    return r->cohorts().cohortsOf(person);
}

std::optional<WorkerFile> PeopleService::file(const std::string& idOrCode) {
    auto r = store_.read();
    auto& people = r->people();
    auto p = people.resolve(idOrCode);
    if (!p) return std::nullopt;
    WorkerFile f;
    f.unit = p->orgUnitId ? people.orgUnit(*p->orgUnitId) : std::nullopt;
    f.cohorts = r->cohorts().cohortsOf(p->id);
    f.evidence = r->evidence().history(p->id);
    f.person = std::move(*p);
    return f;
}

std::vector<OrgUnit> PeopleService::orgUnits() {
    auto r = store_.read();
    return r->people().orgUnits();
}

std::optional<OrgUnit> PeopleService::orgUnitByCode(const std::string& code) {
    auto r = store_.read();
    return r->people().orgUnitByCode(code);
}

} // namespace yanzhen::services
