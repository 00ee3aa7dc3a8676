/// \file AccessPolicy.hpp
/// Who may see and change what, beyond a role's reach (ARCHITECTURE.md section 7): an admin
/// everything, a trainer the cohorts assigned to them and the people enrolled in those, a worker
/// their own record and the cohorts they are enrolled in. One policy, asked by the API before it
/// reads or writes anything; the command line is the operator's own, with the database file in
/// hand, and asks nobody.
#pragma once

#include "services/accounts/Role.hpp"

#include "store/Records.hpp"
#include "store/Store.hpp"

#include <optional>
#include <set>

namespace yanzhen::services {

/// Who is asking: their role, and the person their account is for (trainers and workers).
struct Caller {
    Role role = Role::Worker;
    std::optional<store::Id> person;
};

class AccessPolicy {
public:
    explicit AccessPolicy(store::Store& store) : store_(store) {}

    /// Admins, and trainers assigned to `cohort`.
    bool staffOfCohort(const Caller& caller, store::Id cohort) const;
    /// The cohort's staff, and the workers enrolled in it.
    bool readerOfCohort(const Caller& caller, store::Id cohort) const;
    /// Admins, and trainers of a cohort `person` is enrolled in: who may change their records.
    bool staffOfWorker(const Caller& caller, store::Id person) const;
    /// The worker themself, and their staff.
    bool readerOfWorker(const Caller& caller, store::Id person) const;
    /// The person themself, or the staff of `cohort` (booking a seat for someone).
    bool selfOrStaffOfCohort(const Caller& caller, store::Id cohort, store::Id person) const;
    /// Whose records the district-wide reports count for `caller`: nothing (everyone) for an
    /// admin; for a trainer, the members of the cohorts assigned to them; else no one.
    std::optional<std::set<store::Id>> reportPeople(const Caller& caller) const;

private:
    store::Store& store_;
};

} // namespace yanzhen::services
