#include "services/AccessPolicy.hpp"

namespace yanzhen::services {

namespace {

bool isSelf(const Caller& caller, store::Id person) {
    return caller.person && *caller.person == person;
}

} // namespace

bool AccessPolicy::staffOfCohort(const Caller& caller, store::Id cohort) const {
    if (caller.role == Role::Admin) return true;
    if (caller.role != Role::Trainer || !caller.person) return false;
    auto r = store_.read();
    return r->cohorts().isTrainer(cohort, *caller.person);
}

bool AccessPolicy::readerOfCohort(const Caller& caller, store::Id cohort) const {
    if (caller.role == Role::Worker) {
        if (!caller.person) return false;
        auto r = store_.read();
        return r->cohorts().isEnrolled(cohort, *caller.person);
    }
    return staffOfCohort(caller, cohort);
}

bool AccessPolicy::staffOfWorker(const Caller& caller, store::Id person) const {
    if (caller.role == Role::Admin) return true;
    if (caller.role != Role::Trainer || !caller.person) return false;
    auto r = store_.read();
    auto& cohorts = r->cohorts();
    for (const auto& c : cohorts.cohortsOf(person))
        if (cohorts.isTrainer(c.id, *caller.person)) return true;
    return false;
}

bool AccessPolicy::readerOfWorker(const Caller& caller, store::Id person) const {
    return isSelf(caller, person) || staffOfWorker(caller, person);
}

bool AccessPolicy::selfOrStaffOfCohort(const Caller& caller, store::Id cohort,
                                       store::Id person) const {
    return isSelf(caller, person) || staffOfCohort(caller, cohort);
}

std::optional<std::set<store::Id>> AccessPolicy::reportPeople(const Caller& caller) const {
    if (caller.role == Role::Admin) return std::nullopt;
    std::set<store::Id> people;
    if (caller.role != Role::Trainer || !caller.person) return people;
    auto r = store_.read();
    auto& cohorts = r->cohorts();
    for (const auto& c : cohorts.list())
        if (cohorts.isTrainer(c.id, *caller.person))
            for (const auto id : cohorts.members(c.id))
                people.insert(id);
    return people;
}

} // namespace yanzhen::services
