/// \file PeopleService.hpp
/// The district's people and org units as routes and verbs read them: one person, a page of a
/// listing, a reference ("42" or "JY-0042") resolved, a worker's file (cohorts and evidence).
/// Each call reads in one snapshot (one unit of work).
#pragma once

#include "services/Records.hpp"

#include "store/Store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::services {

/// One page of a listing and how many there are in all.
struct PeoplePage {
    std::vector<Person> items;
    std::size_t total = 0;
};

/// Everything `workers show` prints about a person.
struct WorkerFile {
    Person person;
    std::optional<OrgUnit> unit;
    std::vector<Cohort> cohorts;       ///< newest first
    std::vector<EvidenceRow> evidence; ///< every row, superseded ones included, oldest first
};

class PeopleService {
public:
    explicit PeopleService(store::Store& store) : store_(store) {}

    std::optional<Person> find(Id id);
    /// A person by id ("42") or staff number ("JY-0042").
    std::optional<Person> resolve(const std::string& idOrCode);
    /// Each reference resolved, in order, in one snapshot; nothing where none matches.
    std::vector<std::optional<Person>> resolveAll(const std::vector<std::string>& refs);
    /// The people of `ids` that exist, in order.
    std::vector<Person> findAll(const std::vector<Id>& ids);
    PeoplePage list(const PeopleQuery& query);
    /// The cohorts `person` is enrolled in, newest first.
    std::vector<Cohort> cohortsOf(Id person);
    std::optional<WorkerFile> file(const std::string& idOrCode);
    std::vector<OrgUnit> orgUnits();
    std::optional<OrgUnit> orgUnitByCode(const std::string& code);

private:
    store::Store& store_;
};

} // namespace yanzhen::services
